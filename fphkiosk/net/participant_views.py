"""The server's messages as a participant's device understands them: core values, not wire structs.

Audience mode draws from these, so the screens never depend on the protocol's format.
"""

from __future__ import annotations

from fphkiosk.core.aggregation import BestWorstCounts, BoardItem, ChoiceCounts, TextBoard
from fphkiosk.core.participant_view import (
    ActivitySheet,
    ActivityShown,
    AnswerAcknowledged,
    ParticipantView,
    RoomNews,
    RoomRefused,
    RoomUpdated,
    ScaleSheet,
    SlideHeading,
)
from fphkiosk.core.privacy import (
    PersonalResult,
    PublicBandCount,
    PublicResults,
    PublicScaleSummary,
    TooFewRespondents,
)
from fphkiosk.core.scale_publication import PublicMean
from fphkiosk.net.protocol import (
    AckMsg,
    ActivityMsg,
    ActivityView,
    BestWorstCountsView,
    ChoiceCountsView,
    ErrorMsg,
    PersonalView,
    ResultsView,
    ScaleSummaryView,
    ServerMessage,
    Snapshot,
    TextBoardView,
    TooFewRespondentsView,
)
from fphkiosk.net.views import answer_from_body


def participant_view(snapshot: Snapshot) -> ParticipantView:
    slide = snapshot.slide
    return ParticipantView(
        slide=SlideHeading(slide.index, slide.count, slide.title),
        activity=None if snapshot.activity is None else activity_sheet(snapshot.activity),
        my_answer=None if snapshot.my_answer is None else answer_from_body(snapshot.my_answer),
        my_result=None if snapshot.my_result is None else personal_result(snapshot.my_result),
        my_votes=tuple(snapshot.my_votes),
        written=snapshot.written,
    )


def activity_sheet(view: ActivityView) -> ActivitySheet:
    scale = view.scale
    return ActivitySheet(
        id=view.id,
        kind=view.kind,
        status=view.status,
        question=view.question,
        mode=view.mode,
        choices=tuple(view.choices),
        prompts=tuple(view.prompts),
        scale=None
        if scale is None
        else ScaleSheet(
            scale.title, scale.instructions, tuple(scale.options), tuple(scale.items), scale.licence
        ),
        correct=tuple(view.correct_choices),
        results=None if view.results is None else public_results(view.results),
        multiple=view.multiple,
        max_choices=view.max_choices,
        timer=view.timer,
        remaining=view.remaining,
        max_length=view.max_length,
        max_words=view.max_words,
    )


def public_results(view: ResultsView) -> PublicResults:
    match view:
        case TooFewRespondentsView():
            return TooFewRespondents(view.activity_id, view.respondents, view.minimum)
        case ChoiceCountsView():
            return ChoiceCounts(
                view.activity_id,
                view.respondents,
                tuple(view.counts),
                tuple(view.correct_choices),
                view.correct_share,
                multiple=view.multiple,
            )
        case TextBoardView():
            return TextBoard(
                view.activity_id,
                "",
                view.respondents,
                tuple(BoardItem(i.id, i.text, i.count, i.answered) for i in view.items),
            )
        case BestWorstCountsView():
            return BestWorstCounts(
                view.activity_id, view.respondents, tuple(view.best), tuple(view.worst)
            )
        case ScaleSummaryView():
            return PublicScaleSummary(
                activity_id=view.activity_id,
                respondents=view.respondents,
                minimum=view.minimum,
                min_score=view.min_score,
                max_score=view.max_score,
                mean=None
                if view.mean is None or view.mean_relation is None
                else PublicMean(view.mean, view.mean_relation),
                bands=tuple(
                    PublicBandCount(b.label, b.min, b.max, b.count, b.share, b.rest)
                    for b in view.bands
                ),
                distribution_from=view.distribution_from,
                shows_distribution=view.shows_distribution,
            )
    raise TypeError(view)


def personal_result(view: PersonalView) -> PersonalResult:
    return PersonalResult(
        activity_id=view.activity_id,
        score=view.score,
        min_score=view.min_score,
        max_score=view.max_score,
        band_label=view.band_label,
        advice=view.advice,
    )


def room_news(message: ServerMessage) -> RoomNews:
    match message:
        case AckMsg():
            return AnswerAcknowledged(
                message.answer_id,
                message.activity_id,
                message.my_result is not None,
                held=bool(message.held),
            )
        case ErrorMsg():
            return RoomRefused(message.answer_id, message.message)
        case ActivityMsg():
            return ActivityShown(message.activity.id)
    return RoomUpdated()
