"""What the room looks like on the wire: protocol views built from the core's state and values."""

from __future__ import annotations

from fphkiosk.core.aggregation import BestWorstCounts, ChoiceCounts, TextBoard
from fphkiosk.core.deck import Activity, ScaleActivity, TextActivity
from fphkiosk.core.privacy import (
    PersonalResult,
    PublicResults,
    PublicScaleSummary,
    TooFewRespondents,
)
from fphkiosk.core.room import Room
from fphkiosk.core.room_answers import (
    Answer,
    BestWorstAnswer,
    ChoiceAnswer,
    MultiChoiceAnswer,
    ScaleAnswer,
)
from fphkiosk.net.protocol import (
    ActivityProgress,
    ActivityView,
    AnswerBody,
    BandCountView,
    BestWorstBody,
    BestWorstCountsView,
    BoardItemView,
    ChoiceBody,
    ChoiceCountsView,
    ChoicesBody,
    FlagView,
    PersonalView,
    PresenterStateMsg,
    ResultsView,
    ScaleBody,
    ScaleSummaryView,
    ScaleView,
    SlideView,
    Snapshot,
    SpotlightView,
    TextBoardView,
    TextItemView,
    TooFewRespondentsView,
)


def answer_from_body(body: AnswerBody) -> Answer:
    if isinstance(body, ChoiceBody):
        return ChoiceAnswer(body.choice)
    if isinstance(body, BestWorstBody):
        return BestWorstAnswer(body.best, body.worst)
    if isinstance(body, ChoicesBody):
        return MultiChoiceAnswer(tuple(sorted(body.choices)))
    return ScaleAnswer(tuple(body.options))


def body_from_answer(answer: Answer) -> AnswerBody:
    if isinstance(answer, ChoiceAnswer):
        return ChoiceBody(answer.choice)
    if isinstance(answer, BestWorstAnswer):
        return BestWorstBody(answer.best, answer.worst)
    if isinstance(answer, MultiChoiceAnswer):
        return ChoicesBody(list(answer.choices))
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
                correct=results.correct[0] if results.correct else None,
                correct_share=results.correct_share,
                correct_choices=list(results.correct),
                multiple=results.multiple,
            )
        case TextBoard():
            return board_view(results)
        case BestWorstCounts():
            return BestWorstCountsView(
                activity_id=results.activity_id,
                respondents=results.respondents,
                best=list(results.best),
                worst=list(results.worst),
            )
        case PublicScaleSummary():
            # Only the published (coarsened) figures exist here: nothing finer reaches the wire.
            return ScaleSummaryView(
                activity_id=results.activity_id,
                respondents=results.respondents,
                minimum=results.minimum,
                min_score=results.min_score,
                max_score=results.max_score,
                mean=None if results.mean is None else results.mean.value,
                mean_relation=None if results.mean is None else results.mean.relation,
                bands=[
                    BandCountView(
                        label=b.label,
                        min=b.min,
                        max=b.max,
                        count=b.count,
                        share=b.share,
                        rest=b.rest,
                    )
                    for b in results.bands
                ],
                shows_distribution=results.shows_distribution,
                distribution_from=results.distribution_from,
            )
    raise TypeError(results)


def board_view(board: TextBoard) -> TextBoardView:
    return TextBoardView(
        activity_id=board.activity_id,
        respondents=board.respondents,
        items=[
            BoardItemView(id=i.item_id, text=i.text, count=i.count, answered=i.answered)
            for i in board.items
        ],
    )


def activity_view(room: Room, activity_id: str) -> ActivityView:
    """The activity as participants see it: correct answer and results only once revealed.

    A qa activity's approved questions are its results, shown at any time (to be upvoted).
    """
    activity = room.activity(activity_id)
    status = room.status(activity_id)
    revealed = status == "revealed"
    remaining = room.remaining(activity_id)
    if isinstance(activity, TextActivity):
        shown = revealed or activity.kind == "qa"
        return ActivityView(
            id=activity.id,
            kind=activity.kind,
            status=status,
            question=activity.question,
            results=board_view(room.texts.board(activity.id)) if shown else None,
            timer=activity.timer,
            remaining=remaining,
            max_length=activity.max_length,
            max_words=activity.max_words if activity.kind == "words" else None,
        )
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
            timer=activity.timer,
            remaining=remaining,
        )
    return ActivityView(
        id=activity.id,
        kind=activity.kind,
        status=status,
        question=activity.question,
        mode=activity.mode,
        choices=list(activity.choices),
        prompts=list(activity.prompts),
        correct=activity.correct[0] if revealed and activity.correct else None,
        correct_choices=list(activity.correct) if revealed else [],
        results=results,
        multiple=activity.multiple,
        max_choices=activity.most_choices if activity.multiple else None,
        timer=activity.timer,
        remaining=remaining,
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
    is_text = isinstance(room.activity(current), TextActivity)
    return Snapshot(
        slide=slide_view(room),
        activity=activity_view(room, current),
        my_answer=None if answer is None else body_from_answer(answer),
        my_result=personal_view(room.personal_result(token, current)),
        my_votes=list(room.texts.voted_by(token, current)) if is_text else [],
        written=is_text and room.texts.has_written(token, current),
    )


def _placed(room: Room) -> list[tuple[int, Activity]]:
    """Every activity of the deck with the 0-based index of its slide, in deck order."""
    return [(s.index - 1, a) for s in room.deck.slides for a in s.activities]


def text_items_view(room: Room, activity_id: str) -> list[TextItemView]:
    """The trainer's moderation queue: every text, held and hidden ones too, with its flags."""
    return [
        TextItemView(
            id=i.item_id,
            text=i.text,
            state=i.state,
            count=i.count,
            flags=[FlagView(category=f.category, start=f.start, end=f.end) for f in i.flags],
        )
        for i in room.text_items(activity_id)
    ]


def spotlight_view(room: Room) -> SpotlightView | None:
    item = room.texts.spotlight
    if item is None:
        return None
    return SpotlightView(activity_id=item.activity_id, item_id=item.item_id, text=item.text)


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
    is_text = current is not None and isinstance(room.activity(current), TextActivity)
    return PresenterStateMsg(
        slide=slide_view(room),
        current_activity=current,
        activities=[_progress(room, slide, activity) for slide, activity in _placed(room)],
        connected=room.connected,
        peak_connected=room.peak_connected,
        results=None if current is None else results_view(room.results(current)),
        texts=text_items_view(room, current) if current is not None and is_text else [],
        spotlight=spotlight_view(room),
        remaining=None if current is None else room.remaining(current),
    )
