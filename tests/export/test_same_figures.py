"""Every place that shows or writes a result carries the same figures as the reveal.

For each kind of activity of the bundled course (quiz, poll, best-worst vote, two scales) and rooms
under, at and above the minimum group (and, for scales, around the size from which the bands
appear), the published result of the reveal (``Room.results``) is compared with: what the wire
carries to tablets and the remote (and what they read back from it), what the projector and the
console preview draw (one chart builder), and what the statistics model gives the four export
formats (rebuilt as the PDF draws it, and the tables the xlsx and csv write). Needs no display.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fphkiosk.charts.results_chart import chart_for
from fphkiosk.charts.scale_chart import ScaleChart
from fphkiosk.core.aggregation import ChoiceCounts
from fphkiosk.core.deck import Deck, Poll, ScaleActivity
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.core.privacy import PublicScaleSummary, TooFewRespondents
from fphkiosk.core.room import Room
from fphkiosk.core.room_answers import Answer, BestWorstAnswer, ChoiceAnswer, ScaleAnswer
from fphkiosk.core.room_changes import OpenActivity, RevealActivity, SubmitAnswer
from fphkiosk.core.scale_text import band_value, mean_line
from fphkiosk.export.report_charts import rebuild
from fphkiosk.export.statistics import SessionInfo, build_statistics, to_builtins
from fphkiosk.export.tables import activity_sheet
from fphkiosk.net.participant_views import public_results
from fphkiosk.net.views import results_view

DECK = Path(__file__).resolve().parents[2] / "slides" / "deck.md"
ROOMS = {
    "chu-tweets": (4, 5, 7, 30),
    "rgpd": (4, 5, 6),
    "video-actions": (4, 5, 9),
    "ortman": (4, 5, 7, 14, 15, 30, 500),
    "epworth": (4, 5, 8, 15, 40),
}


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(DECK)


def _answer(activity: Poll | ScaleActivity, rng: random.Random) -> Answer:
    if isinstance(activity, ScaleActivity):
        options = len(activity.scale.options)
        return ScaleAnswer(tuple(rng.randrange(options) for _ in activity.scale.items))
    if activity.mode == "best-worst":
        best, worst = rng.sample(range(len(activity.choices)), 2)
        return BestWorstAnswer(best, worst)
    return ChoiceAnswer(rng.randrange(len(activity.choices)))


def _room(deck: Deck, activity_id: str, people: int) -> Room:
    activity = deck.activity(activity_id)
    assert isinstance(activity, Poll | ScaleActivity)
    room = Room(deck)
    room.apply(OpenActivity(activity_id))
    rng = random.Random(f"{activity_id}-{people}")
    for i in range(people):
        answer = _answer(activity, rng)
        room.apply(SubmitAnswer(f"t{i}", activity_id, f"a{i}", answer))
    room.apply(RevealActivity(activity_id))
    return room


def _info(deck: Deck) -> SessionInfo:
    meta = deck.meta
    return SessionInfo(
        meta.title, meta.date, meta.place, meta.organizer, "", None, 0, meta.min_group_size, "s"
    )


CASES = [(activity_id, n) for activity_id, sizes in ROOMS.items() for n in sizes]


@pytest.mark.parametrize(("activity_id", "people"), CASES)
def test_every_surface_carries_the_figures_of_the_reveal(
    deck: Deck, tr: Translator, activity_id: str, people: int
) -> None:
    room = _room(deck, activity_id, people)
    revealed = room.results(activity_id)
    activity = room.activity(activity_id)
    minimum = deck.meta.min_group_size
    assert revealed.respondents == people
    if people < minimum:
        assert isinstance(revealed, TooFewRespondents)

    # Tablets and the remote: the wire form, read back as the audience window reads it.
    assert public_results(results_view(revealed)) == revealed

    # The projector and the console preview: one builder, the figures of the reveal.
    chart = chart_for(activity, revealed, tr, revealed=True)
    if isinstance(chart, ScaleChart):
        assert isinstance(revealed, PublicScaleSummary)
        if revealed.shows_distribution:
            assert chart.band_texts == [band_value(b, revealed, tr) for b in revealed.bands]
        else:
            assert chart.band_texts == [] and chart.headline.get_text() == mean_line(revealed, tr)

    # The organizers' files: the statistics model, rebuilt as the PDF draws it, equals the
    # reveal; the tables (xlsx, csv) hold the respondents and the same counts.
    stats = build_statistics(deck, room, _info(deck))
    found = stats.activity(activity_id)
    assert found is not None
    assert found.respondents.count == people, "the number of respondents, always"
    _activity, again = rebuild(found, minimum)
    if isinstance(revealed, TooFewRespondents):
        assert not found.published
    else:
        assert found.published
        assert again == revealed
        if isinstance(activity, ScaleActivity):
            pdf_chart = chart_for(activity, again, tr, revealed=True)
            assert isinstance(pdf_chart, ScaleChart) and isinstance(chart, ScaleChart)
            assert pdf_chart.texts == chart.texts
    sheet = activity_sheet(found, 1, minimum, tr)
    facts = dict(sheet.facts)
    respondents = next(v for k, v in facts.items() if k == tr("export.fact.respondents"))
    assert respondents.data == people
    if isinstance(revealed, ChoiceCounts):
        rows = sheet.tables[0].rows
        assert [row[-2].data for row in rows] == list(revealed.counts), "what the room saw"
    document = to_builtins(found)
    assert isinstance(document, dict) and document["respondents"]["count"] == people
