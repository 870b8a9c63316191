"""The word cloud and the list of approved texts, drawn by charts/ (needs no display)."""

from __future__ import annotations

from fphkiosk.charts.results_chart import chart_for
from fphkiosk.charts.text_chart import WORD_MIN_PT, TextBoardChart, word_sizes
from fphkiosk.core.aggregation import BoardItem, TextBoard
from fphkiosk.core.deck import TextActivity
from fphkiosk.core.i18n import Translator

WORDS = TextActivity("mots", "words", "Un à trois mots ?")
QA = TextActivity("questions", "qa", "Vos questions ?")


def _board(activity: TextActivity, items: list[tuple[str, int]]) -> TextBoard:
    return TextBoard(
        activity.id,
        activity.kind,
        len(items),
        tuple(BoardItem(f"t{n}", text, count) for n, (text, count) in enumerate(items)),
    )


def test_word_sizes_grow_with_counts_and_never_go_under_the_legible_minimum() -> None:
    sizes = word_sizes([12, 6, 3, 1])
    assert sizes == sorted(sizes, reverse=True)
    assert min(sizes) >= WORD_MIN_PT


def test_the_cloud_shows_every_word_without_overlap(tr: Translator) -> None:
    words = [(f"mot{n}", 20 - n) for n in range(20)]
    chart = chart_for(WORDS, _board(WORDS, words), tr, True)
    assert isinstance(chart, TextBoardChart)
    assert sorted(chart.shown) == sorted(w for w, _c in words)
    renderer = chart.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(renderer) for t in chart.texts]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not first.overlaps(second)
    figure_box = chart.figure.bbox
    assert all(figure_box.contains(b.x0, b.y0) and figure_box.contains(b.x1, b.y1) for b in boxes)


def test_questions_are_listed_most_voted_first_and_updated_in_place(tr: Translator) -> None:
    chart = chart_for(QA, _board(QA, [("Première ?", 5), ("Seconde ?", 2)]), tr, True)
    assert isinstance(chart, TextBoardChart)
    assert chart.shown == ("5 votes", "Première\u00a0?", "2 votes", "Seconde\u00a0?")
    assert chart.accepts(_board(QA, []))
    chart.update(_board(QA, []))
    assert list(chart.shown) == ["Rien d'approuvé pour l'instant"]
