"""What the room looks like on the wire: protocol views built from the core's state and values."""

from __future__ import annotations

from fphkiosk.core.aggregation import BestWorstCounts, ChoiceCounts
from fphkiosk.core.deck import Activity, ScaleActivity
from fphkiosk.core.privacy import (
    PersonalResult,
    PublicResults,
    PublicScaleSummary,
    TooFewRespondents,
)
from fphkiosk.core.room import Room
from fphkiosk.core.room_answers import Answer, BestWorstAnswer, ChoiceAnswer, ScaleAnswer
from fphkiosk.net.protocol import (
    ActivityProgress,
    ActivityView,
    AnswerBody,
    BandCountView,
    BestWorstBody,
    BestWorstCountsView,
    ChoiceBody,
    ChoiceCountsView,
    PersonalView,
    PresenterStateMsg,
    ResultsView,
    ScaleBody,
    ScaleSummaryView,
    ScaleView,
    SlideView,
    Snapshot,
    TooFewRespondentsView,
)


def answer_from_body(body: AnswerBody) -> Answer:
    if isinstance(body, ChoiceBody):
        return ChoiceAnswer(body.choice)
    if isinstance(body, BestWorstBody):
        return BestWorstAnswer(body.best, body.worst)
    return ScaleAnswer(tuple(body.options))


def body_from_answer(answer: Answer) -> AnswerBody:
    if isinstance(answer, ChoiceAnswer):
        return ChoiceBody(answer.choice)
    if isinstance(answer, BestWorstAnswer):
        return BestWorstBody(answer.best, answer.worst)
    return ScaleBody(list(answer.options))


def slide_view(room: Room) -> SlideView:
    return SlideView(index=room.slide_index, count=len(room.deck.slides), title=room.slide.title)


def results_view(results: PublicResults) -> ResultsView:
    match results:
        case TooFewRespondents():
            return TooFewRespondentsView(
                activity_id=results.activity_id,
                respondents=results.respondents,
                minimum=results.minimum,
            )
        case ChoiceCounts():
            return ChoiceCountsView(
                activity_id=results.activity_id,
                respondents=results.respondents,
                counts=list(results.counts),
                correct=results.correct,
                correct_share=results.correct_share,
            )
        case BestWorstCounts():
            return BestWorstCountsView(
                activity_id=results.activity_id,
                respondents=results.respondents,
                best=list(results.best),
                worst=list(results.worst),
            )
        case PublicScaleSummary():
            # Withheld counts are already None here: they never reach the wire.
            return ScaleSummaryView(
                activity_id=results.activity_id,
                respondents=results.respondents,
                mean=results.mean,
                median=results.median,
                totals=list(results.totals),
                bands=[
                    BandCountView(label=b.label, min=b.min, max=b.max, count=b.count)
                    for b in results.bands
                ],
                minimum=results.minimum,
                yes_share=None if results.yes_share is None else list(results.yes_share),
            )
    raise TypeError(results)


def activity_view(room: Room, activity_id: str) -> ActivityView:
    """The activity as participants see it: correct answer and results only once revealed."""
    activity = room.activity(activity_id)
    status = room.status(activity_id)
    revealed = status == "revealed"
    results = results_view(room.results(activity_id)) if revealed else None
    if isinstance(activity, ScaleActivity):
        scale = activity.scale
        return ActivityView(
            id=activity.id,
            kind="scale",
            status=status,
            question=scale.title,
            scale=ScaleView(
                title=scale.title,
                instructions=scale.instructions,
                options=[o.label for o in scale.options],
                items=[i.text for i in scale.items],
                licence=scale.licence,
            ),
            results=results,
        )
    return ActivityView(
        id=activity.id,
        kind=activity.kind,
        status=status,
        question=activity.question,
        mode=activity.mode,
        choices=list(activity.choices),
        prompts=list(activity.prompts),
        correct=activity.correct if revealed else None,
        results=results,
    )


def personal_view(result: PersonalResult | None) -> PersonalView | None:
    if result is None:
        return None
    return PersonalView(
        activity_id=result.activity_id,
        score=result.score,
        min_score=result.min_score,
        max_score=result.max_score,
        band_label=result.band_label,
        advice=result.advice,
    )


def participant_snapshot(room: Room, token: str | None) -> Snapshot:
    """Everything a (re)connecting participant needs; its own answer only while it may be shown."""
    current = room.current_activity_id
    if current is None:
        return Snapshot(slide=slide_view(room))
    if not token or not room.own_answer_shown(token, current):
        # Closed, or the participant finished: a reloaded (maybe shared) tablet shows nothing.
        return Snapshot(slide=slide_view(room), activity=activity_view(room, current))
    answer = room.answer_of(token, current)
    return Snapshot(
        slide=slide_view(room),
        activity=activity_view(room, current),
        my_answer=None if answer is None else body_from_answer(answer),
        my_result=personal_view(room.personal_result(token, current)),
    )


def _placed(room: Room) -> list[tuple[int, Activity]]:
    """Every activity of the deck with the 0-based index of its slide, in deck order."""
    return [(s.index - 1, a) for s in room.deck.slides for a in s.activities]


def _progress(room: Room, slide: int, activity: Activity) -> ActivityProgress:
    question = activity.scale.title if isinstance(activity, ScaleActivity) else activity.question
    return ActivityProgress(
        id=activity.id,
        status=room.status(activity.id),
        respondents=room.respondents(activity.id),
        slide=slide,
        kind=activity.kind,
        question=question,
    )


def presenter_state(room: Room) -> PresenterStateMsg:
    current = room.current_activity_id
    return PresenterStateMsg(
        slide=slide_view(room),
        current_activity=current,
        activities=[_progress(room, slide, activity) for slide, activity in _placed(room)],
        connected=room.connected,
        peak_connected=room.peak_connected,
        results=None if current is None else results_view(room.results(current)),
    )
