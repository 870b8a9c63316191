"""The room's result charts: checked on the data they draw, not on pixels. Needs no display."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.text import Text

from fphkiosk.charts.number_format import NO_BREAK_SPACE as NB
from fphkiosk.charts.poll_chart import BestWorstChart, PollChart
from fphkiosk.charts.results_chart import PlaceholderChart, chart_for, show_results
from fphkiosk.charts.scale_chart import ScaleChart
from fphkiosk.core.aggregation import BandCount, BestWorstCounts, ChoiceCounts, ScaleSummary
from fphkiosk.core.deck import Poll, ScaleActivity
from fphkiosk.core.i18n import Translator, load_catalogues
from fphkiosk.core.privacy import (
    PublicScaleSummary,
    TooFewRespondents,
    public_scale_summary,
)
from fphkiosk.core.scales import Band, ScaleDefinition, ScaleItem, ScaleOption
from fphkiosk.paths import assets_dir

QUIZ = Poll(
    id="chu-tweets",
    kind="quiz",
    question="Durant la crise Covid, combien de tweets les CHU ont-ils publié ?",
    choices=("2 600", "27 900", "8 560 000"),
    correct=(1,),
)
OPINION = Poll(id="whatsapp", kind="poll", question="Est-ce condamnable ?", choices=("Oui", "Non"))
BEST_WORST = Poll(
    id="video-actions",
    kind="poll",
    question="5 actions possibles",
    choices=("Liker", "Commenter", "Partager", "Signaler", "Ignorer"),
    mode="best-worst",
    prompts=("Quelle est la meilleure ?", "Quelle est la pire ?"),
)
YES_NO = ScaleActivity(
    id="ortman",
    scale=ScaleDefinition(
        title="Échelle de M. Ortman",
        options=(ScaleOption("Non", 0), ScaleOption("Oui", 1)),
        items=tuple(ScaleItem(f"Question numéro {i} assez longue pour être coupée") for i in "123"),
        bands=(Band(0, 1, "Normale"), Band(2, 3, "Exagérée")),
    ),
)
GRADED = ScaleActivity(
    id="epworth",
    scale=ScaleDefinition(
        title="Epworth",
        options=(ScaleOption("Non", 0), ScaleOption("Un peu", 1), ScaleOption("Beaucoup", 2)),
        items=(ScaleItem("A"), ScaleItem("B")),
        bands=(Band(0, 1, "Bas"), Band(2, 3, "Moyen"), Band(4, 4, "Haut")),
    ),
)


def plain(text: str) -> str:
    """Text as read: wrapping and no-break spaces undone."""
    return " ".join(text.replace(NB, " ").split())


def quiz_results(counts: tuple[int, ...]) -> ChoiceCounts:
    return ChoiceCounts(QUIZ.id, sum(counts), counts, QUIZ.correct)


def scale_results(
    activity: ScaleActivity,
    per_score: tuple[int, ...],
    yes_share: tuple[float, ...] | None,
    minimum: int = 1,
) -> PublicScaleSummary:
    """The published results of *per_score*; the default minimum of 1 withholds nothing."""
    return public_scale_summary(raw_scale_results(activity, per_score, yes_share), minimum)


def raw_scale_results(
    activity: ScaleActivity, per_score: tuple[int, ...], yes_share: tuple[float, ...] | None
) -> ScaleSummary:
    scale = activity.scale
    totals = tuple(zip(range(scale.min_score, scale.max_score + 1), per_score, strict=True))
    bands = tuple(
        BandCount(b.label, b.min, b.max, sum(n for s, n in totals if b.contains(s)))
        for b in scale.bands
    )
    scores = [s for s, n in totals for _ in range(n)]
    mean = sum(scores) / len(scores)
    median = sorted(scores)[len(scores) // 2]
    return ScaleSummary(activity.id, len(scores), mean, float(median), totals, bands, yes_share)


def all_texts(chart: object) -> Iterator[str]:
    figure = chart.figure  # type: ignore[attr-defined]
    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text():
            yield artist.get_text()


@pytest.fixture
def quiz_chart(tr: Translator) -> PollChart:
    chart = chart_for(QUIZ, quiz_results((5, 12, 8)), tr)
    assert isinstance(chart, PollChart)
    return chart


def test_poll_bars_are_the_counts_and_labels_the_choices(quiz_chart: PollChart) -> None:
    assert [rect.get_width() for rect in quiz_chart.bars.patches] == [5, 12, 8]
    assert [plain(label.get_text()) for label in quiz_chart.choice_labels] == list(QUIZ.choices)
    assert [label.get_text() for label in quiz_chart.value_labels] == [
        f"5 (20{NB}%)",
        f"12 (48{NB}%)",
        f"8 (32{NB}%)",
    ]
    assert quiz_chart.subtitle.get_text() == "25 réponses"
    assert plain(quiz_chart.figure.get_suptitle()) == QUIZ.question
    assert quiz_chart.ax.get_xlim()[1] > 12, "the longest bar and its value fit in the axes"


def test_the_correct_answer_is_marked_only_once_revealed(quiz_chart: PollChart) -> None:
    colours = [to_hex(rect.get_facecolor()) for rect in quiz_chart.bars.patches]
    assert len(set(colours)) == 1
    assert quiz_chart.marker is not None and not quiz_chart.marker.get_visible()

    quiz_chart.update(quiz_results((5, 12, 8)), revealed=True)
    colours = [to_hex(rect.get_facecolor()) for rect in quiz_chart.bars.patches]
    assert colours[1] != colours[0] and colours[0] == colours[2]
    assert quiz_chart.marker.get_visible()
    # The shipped font has no "✓": the marker falls back to words it can print.
    assert quiz_chart.marker.get_text() == "(bonne réponse)"
    assert "(bonne réponse)" in list(all_texts(quiz_chart))

    quiz_chart.update(quiz_results((5, 12, 8)), revealed=False)
    assert len({to_hex(rect.get_facecolor()) for rect in quiz_chart.bars.patches}) == 1
    assert not quiz_chart.marker.get_visible()


def test_a_poll_without_correct_answer_never_marks_one(tr: Translator) -> None:
    chart = chart_for(OPINION, ChoiceCounts(OPINION.id, 6, (4, 2)), tr, revealed=True)
    assert isinstance(chart, PollChart)
    assert chart.marker is None
    assert len({to_hex(rect.get_facecolor()) for rect in chart.bars.patches}) == 1


def test_update_changes_the_same_artists(quiz_chart: PollChart) -> None:
    rects = list(quiz_chart.bars.patches)
    labels = list(quiz_chart.value_labels)

    def drawn() -> tuple[int, int, int]:
        return len(quiz_chart.ax.patches), len(quiz_chart.ax.texts), len(quiz_chart.figure.artists)

    artists_before = drawn()
    quiz_chart.update(quiz_results((100, 300, 100)), revealed=True)
    assert all(a is b for a, b in zip(quiz_chart.bars.patches, rects, strict=True))
    assert all(a is b for a, b in zip(quiz_chart.value_labels, labels, strict=True))
    assert [rect.get_width() for rect in rects] == [100, 300, 100]
    assert [label.get_text() for label in labels] == [
        f"100 (20{NB}%)",
        f"300 (60{NB}%)",
        f"100 (20{NB}%)",
    ]
    assert [label.xy[0] for label in labels] == [100, 300, 100], "values follow their bar ends"
    assert quiz_chart.subtitle.get_text() == "500 réponses"
    assert quiz_chart.ax.get_xlim()[1] > 300
    assert drawn() == artists_before, "nothing was added"


def test_update_refuses_results_of_another_shape(quiz_chart: PollChart) -> None:
    wrong = ChoiceCounts(QUIZ.id, 3, (1, 2), QUIZ.correct)
    assert not quiz_chart.accepts(wrong)
    with pytest.raises(TypeError):
        quiz_chart.update(wrong)


def test_best_worst_panels_show_both_counts_under_their_prompts(tr: Translator) -> None:
    results = BestWorstCounts(BEST_WORST.id, 25, (3, 2, 5, 12, 3), (4, 5, 12, 1, 3))
    chart = chart_for(BEST_WORST, results, tr)
    assert isinstance(chart, BestWorstChart)
    best, worst = chart.rows
    assert [r.get_width() for r in best.bars.patches] == [3, 2, 5, 12, 3]
    assert [r.get_width() for r in worst.bars.patches] == [4, 5, 12, 1, 3]
    assert [plain(ax.get_title(loc="left")) for ax in chart.axes] == list(BEST_WORST.prompts)
    assert [plain(label.get_text()) for label in chart.choice_labels] == list(BEST_WORST.choices)
    assert worst.labels[2].get_text() == f"12 (48{NB}%)"
    assert chart.axes[0].get_xlim() == chart.axes[1].get_xlim(), "one scale for both panels"

    rects = list(best.bars.patches)
    chart.update(BestWorstCounts(BEST_WORST.id, 5, (0, 0, 0, 5, 0), (5, 0, 0, 0, 0)))
    assert list(best.bars.patches) == rects
    assert [r.get_width() for r in rects] == [0, 0, 0, 5, 0]
    assert chart.subtitle.get_text() == "5 réponses"


def test_too_few_respondents_shows_a_message_and_no_number_per_choice(tr: Translator) -> None:
    chart = chart_for(QUIZ, TooFewRespondents(QUIZ.id, 3, 5), tr)
    assert isinstance(chart, PlaceholderChart)
    assert plain(chart.texts[0]) == "Résultats masqués : moins de 5 réponses (3 pour l'instant)"
    texts = [plain(t) for t in all_texts(chart)]
    assert sorted(texts) == sorted([plain(QUIZ.question), *(plain(t) for t in chart.texts)])
    assert not chart.figure.axes[0].patches, "no bar at all"
    for choice in QUIZ.choices:
        assert all(choice not in text for text in texts)

    chart.update(TooFewRespondents(QUIZ.id, 4, 5))
    assert "(4 pour l'instant)" in plain(chart.texts[0])


def test_show_results_swaps_the_chart_in_the_same_figure(tr: Translator) -> None:
    placeholder = show_results(None, QUIZ, TooFewRespondents(QUIZ.id, 4, 5), tr)
    same = show_results(placeholder, QUIZ, TooFewRespondents(QUIZ.id, 4, 5), tr)
    assert same is placeholder
    chart = show_results(placeholder, QUIZ, quiz_results((1, 3, 1)), tr, revealed=True)
    assert isinstance(chart, PollChart)
    assert chart.figure is placeholder.figure
    assert [r.get_width() for r in chart.bars.patches] == [1, 3, 1]
    assert show_results(chart, QUIZ, quiz_results((2, 3, 1)), tr) is chart


def test_results_of_another_activity_are_refused(tr: Translator) -> None:
    with pytest.raises(ValueError):
        chart_for(OPINION, quiz_results((1, 2, 3)), tr)


def test_every_chart_kind_draws_in_english(tr: Translator) -> None:
    english = Translator(load_catalogues(assets_dir() / "i18n"), "en")
    charts = [
        chart_for(QUIZ, quiz_results((5, 12, 8)), english, revealed=True),
        chart_for(BEST_WORST, BestWorstCounts(BEST_WORST.id, 5, (1,) * 5, (1,) * 5), english),
        chart_for(YES_NO, scale_results(YES_NO, (2, 3, 1, 0), (0.25, 0.5, 1.0)), english),
        chart_for(QUIZ, TooFewRespondents(QUIZ.id, 1, 5), english),
    ]
    for chart in charts:
        canvas: Any = FigureCanvasAgg(chart.figure)  # matplotlib's draw() is unannotated
        canvas.draw()
    assert isinstance(charts[0], PollChart)
    assert charts[0].value_labels[1].get_text() == "12 (48%)"
    assert charts[0].subtitle.get_text() == "25 answers"
    assert isinstance(charts[3], PlaceholderChart)
    assert plain(charts[3].texts[0]) == "Results hidden: fewer than 5 answers (1 so far)"


def test_every_text_is_printable_in_the_shipped_font(tr: Translator) -> None:
    chart = chart_for(YES_NO, scale_results(YES_NO, (2, 3, 1, 0), (0.25, 0.5, 1.0)), tr)
    quiz = chart_for(QUIZ, quiz_results((5, 12, 8)), tr, revealed=True)
    assert isinstance(quiz, PollChart)
    for text in [*all_texts(chart), *all_texts(quiz)]:
        assert quiz._frame.has_glyphs(text), text


ZERO_TO_NINE = ScaleActivity(
    id="stress",
    scale=ScaleDefinition(
        title="Échelle de stress",
        options=(ScaleOption("Non", 0), ScaleOption("Un peu", 1), ScaleOption("Beaucoup", 3)),
        items=(ScaleItem("A"), ScaleItem("B"), ScaleItem("C")),
        bands=(Band(0, 3, "Normale"), Band(4, 6, "Exagérée"), Band(7, 9, "Dangereuse")),
    ),
)


def test_a_small_room_sees_its_rounded_average_on_the_band_strip(tr: Translator) -> None:
    chart = chart_for(GRADED, scale_results(GRADED, (1, 2, 1, 1, 0), None, minimum=5), tr)
    assert isinstance(chart, ScaleChart)
    canvas: Any = FigureCanvasAgg(chart.figure)
    canvas.draw()
    assert plain(chart.headline.get_text()).startswith("Moyenne de la salle :")
    assert chart.bars is None and chart.band_texts == []
    assert (
        plain(chart.note.get_text())
        == "La répartition par niveau apparaît à partir de 15 répondants."
    )
    assert not any(ch.isdigit() for ch in "".join(chart.band_texts))


def test_a_larger_room_sees_rounded_band_counts_and_less_than_the_minimum(
    tr: Translator,
) -> None:
    results = scale_results(GRADED, (10, 10, 12, 8, 3), None, minimum=5)
    assert results.shows_distribution
    chart = chart_for(GRADED, results, tr)
    assert isinstance(chart, ScaleChart)
    canvas: Any = FigureCanvasAgg(chart.figure)
    canvas.draw()
    texts = [plain(t) for t in chart.band_texts]
    assert texts[0] == "de 17 à 25", "43 less (22 + 4) to 43 less (18 + 0): what the others leave"
    assert texts[1] == "≈ 20 (47 %)", "plain() reads no-break spaces as spaces"
    assert texts[2] == "moins de 5", "3 people read as zero would"
    before = list(chart.figure.get_children())
    chart.update(scale_results(GRADED, (10, 11, 12, 8, 2), None, minimum=5))
    assert list(chart.figure.get_children()) == before
