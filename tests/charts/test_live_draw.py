"""A live chart's draw repaints only what its updates change, and gives the pixels of a full draw.

Each chart kind is updated several times (counts, reveal, fewer respondents) and drawn with
``chart.draw()``; after each, the canvas is drawn in full and the two images must be identical.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from fphkiosk.charts.results_chart import ResultsChart, chart_for
from fphkiosk.core.aggregation import BestWorstCounts
from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import PublicResults, TooFewRespondents
from tests.charts.test_results_chart import (
    BEST_WORST,
    GRADED,
    QUIZ,
    YES_NO,
    quiz_results,
    scale_results,
)


def _pixels(canvas: Any) -> np.ndarray[Any, Any]:
    return np.asarray(canvas.buffer_rgba()).copy()


def _check(chart: ResultsChart, updates: list[tuple[PublicResults, bool]]) -> None:
    canvas: Any = FigureCanvasAgg(chart.figure)
    chart.draw()
    for results, revealed in updates:
        chart.update(results, revealed)
        chart.draw()
        quick = _pixels(canvas)
        canvas.draw()
        full = _pixels(canvas)
        assert quick.shape == full.shape
        assert np.array_equal(quick, full), f"{int((quick != full).sum())} values differ"
        chart.draw()  # nothing changed since the full draw: the image stays as it is
        assert np.array_equal(_pixels(canvas), full)


def test_a_quiz_redraws_as_a_full_draw_would(tr: Translator) -> None:
    chart = chart_for(QUIZ, quiz_results((1, 2, 3)), tr)
    _check(
        chart,
        [
            (quiz_results((5, 12, 8)), False),
            (quiz_results((5, 12, 8)), True),
            (quiz_results((100, 300, 100)), True),
            (quiz_results((0, 0, 1)), False),
        ],
    )


def test_a_best_worst_vote_redraws_as_a_full_draw_would(tr: Translator) -> None:
    def results(best: tuple[int, ...], worst: tuple[int, ...]) -> BestWorstCounts:
        return BestWorstCounts(BEST_WORST.id, sum(best), best, worst)

    chart = chart_for(BEST_WORST, results((1, 1, 1, 1, 1), (1, 1, 1, 1, 1)), tr)
    _check(chart, [(results((9, 0, 3, 2, 1), (0, 5, 5, 4, 1)), False)])


@pytest.mark.parametrize("activity", [YES_NO, GRADED], ids=["yes-no", "graded"])
def test_a_scale_redraws_as_a_full_draw_would(tr: Translator, activity: Any) -> None:
    scores = len(activity.scale.items) * max(o.points for o in activity.scale.options) + 1
    shares = (0.5,) * len(activity.scale.items) if activity is YES_NO else None
    first = scale_results(activity, (1,) * scores, shares)
    later = scale_results(activity, tuple(range(scores)), shares, minimum=3)
    _check(chart_for(activity, first, tr), [(later, False)])


def test_too_few_respondents_redraws_as_a_full_draw_would(tr: Translator) -> None:
    chart = chart_for(QUIZ, TooFewRespondents(QUIZ.id, 2, 5), tr)
    _check(chart, [(TooFewRespondents(QUIZ.id, 4, 5), False)])


def test_a_small_room_s_average_redraws_as_a_full_draw_would(tr: Translator) -> None:
    first = scale_results(GRADED, (1, 2, 1, 1, 0), None, minimum=5)
    later = scale_results(GRADED, (0, 1, 2, 3, 1), None, minimum=5)
    assert not first.shows_distribution and not later.shows_distribution
    assert first.mean != later.mean, "the marker moves"
    _check(chart_for(GRADED, first, tr), [(later, False)])
