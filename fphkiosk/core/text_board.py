"""The texts the room writes (questions, open answers, words) and the trainer's moderation of them.

Every text is checked (free_text) and screened for personal data and insults (text_screen) before
it is taken. A flagged text is always held for the trainer; an unflagged one is held too unless
the deck says ``moderation: auto``. Only approved (or answered) texts are ever published: they
alone reach the tablets, the projector and the exports. Commands return changes or raise a
Rejection and change nothing, as the room's do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fphkiosk.core.aggregation import BoardItem, TextBoard
from fphkiosk.core.deck import DeckMeta, TextActivity
from fphkiosk.core.room_changes import (
    PUBLISHED_TEXT_STATES,
    AnswerRepeated,
    Change,
    Moderate,
    SpotlightChanged,
    SubmitText,
    TextFlagSpan,
    TextItem,
    TextItemChanged,
    TextReceived,
    TextState,
    Vote,
    VoteCast,
)
from fphkiosk.core.room_errors import Rejection, RejectionCode
from fphkiosk.core.text_input import WrittenText, read_text, read_words

MAX_QUESTIONS_PER_DEVICE = 10
"""Questions one device may ask in one qa activity: enough to take part, too few to flood."""
MIN_SECONDS_BETWEEN_TEXTS = 3.0
"""A device waits this long between two texts: a script cannot fill the moderation queue."""


@dataclass(frozen=True)
class RestoredText:
    """A text as the session file kept it (no author: only its supporters' tokens, until purge)."""

    item_id: str
    activity_id: str
    text: str
    state: TextState
    seq: int
    kept_count: int = 0
    """Count kept without tokens (a purged session's votes)."""
    supporters: tuple[str, ...] = ()


@dataclass
class _Item:
    item_id: str
    activity_id: str
    text: str
    key: str
    state: TextState
    flags: tuple[TextFlagSpan, ...]
    seq: int
    supporters: set[str] = field(default_factory=set)
    kept_count: int = 0
    author: str | None = None

    def view(self) -> TextItem:
        return TextItem(
            item_id=self.item_id,
            activity_id=self.activity_id,
            text=self.text,
            state=self.state,
            flags=self.flags,
            count=self.kept_count + len(self.supporters),
            supporters=frozenset(self.supporters),
            seq=self.seq,
        )


class TextBoards:
    """The texts of every qa, open and words activity of a deck, and the projector's spotlight."""

    def __init__(self, activities: Iterable[TextActivity], meta: DeckMeta):
        self._activities = {a.id: a for a in activities}
        self._auto = meta.moderation == "auto"
        self._items: dict[str, dict[str, _Item]] = {a: {} for a in self._activities}
        self._writers: dict[str, set[str]] = {a: set() for a in self._activities}
        self._last_text_at: dict[str, float] = {}
        self._answer_ids: dict[str, tuple[str, str]] = {}
        self._spotlight: tuple[str, str] | None = None

    def restore(self, texts: Iterable[RestoredText]) -> None:
        for text in texts:
            activity = self._activities.get(text.activity_id)
            if activity is None:
                continue
            written = _reread(activity, text.text)
            item = _Item(
                item_id=text.item_id,
                activity_id=text.activity_id,
                text=text.text,
                key=written.key,
                state=text.state,
                flags=written.flags,
                seq=text.seq,
                supporters=set(text.supporters),
                kept_count=text.kept_count,
            )
            self._items[activity.id][item.item_id] = item
            if activity.kind != "qa":
                self._writers[activity.id].update(text.supporters)

    def withdraw(self, received: TextReceived) -> None:
        """Undo *received* (it could not be stored): as if the device had not written it."""
        self._answer_ids.pop(received.answer_id, None)
        items = self._items[received.activity_id]
        for taken in received.items:
            item = items.get(taken.item_id)
            if item is None:
                continue
            if taken.item_id in received.created:
                del items[taken.item_id]
                if self._spotlight == (received.activity_id, taken.item_id):
                    self._spotlight = None
            else:
                item.supporters.discard(received.token)
        if not any(
            received.token in i.supporters or i.author == received.token for i in items.values()
        ):
            self._writers[received.activity_id].discard(received.token)

    def unvote(self, cast: VoteCast) -> None:
        """Undo *cast* (it could not be stored)."""
        item = self._items[cast.activity_id].get(cast.item_id)
        if item is None:
            return
        if cast.on:
            item.supporters.discard(cast.token)
        else:
            item.supporters.add(cast.token)

    def revert(self, change: TextItemChanged | SpotlightChanged) -> None:
        """Undo a moderation's *change* (it could not be stored)."""
        if isinstance(change, SpotlightChanged):
            self._spotlight = change.previous
            return
        item = self._items[change.item.activity_id].get(change.item.item_id)
        if item is not None:
            item.state = change.previous_state

    def knows(self, answer_id: str) -> bool:
        return answer_id in self._answer_ids

    # Reading ----------------------------------------------------------------------------------

    def items(self, activity_id: str) -> tuple[TextItem, ...]:
        """Every text of the activity, for the trainer's queue, in arrival order."""
        return tuple(i.view() for i in sorted(self._items[activity_id].values(), key=_seq))

    def item(self, activity_id: str, item_id: str) -> TextItem:
        return self._item(activity_id, item_id).view()

    def board(self, activity_id: str) -> TextBoard:
        """What the room may see: approved and answered texts, most voted (or written) first."""
        activity = self._activities[activity_id]
        shown = [i for i in self._items[activity_id].values() if i.state in PUBLISHED_TEXT_STATES]
        shown.sort(key=lambda i: (-(i.kept_count + len(i.supporters)), i.seq))
        return TextBoard(
            activity_id=activity_id,
            kind=activity.kind,
            respondents=len(self._writers[activity_id]),
            items=tuple(
                BoardItem(
                    i.item_id, i.text, i.kept_count + len(i.supporters), i.state == "answered"
                )
                for i in shown
            ),
        )

    def voted_by(self, token: str, activity_id: str) -> tuple[str, ...]:
        """The published questions *token* upvoted (its own device's view only)."""
        if self._activities[activity_id].kind != "qa":
            return ()
        return tuple(
            i.item_id
            for i in self._items[activity_id].values()
            if token in i.supporters and i.state in PUBLISHED_TEXT_STATES
        )

    def has_written(self, token: str, activity_id: str) -> bool:
        return token in self._writers[activity_id]

    @property
    def spotlight(self) -> TextItem | None:
        if self._spotlight is None:
            return None
        activity_id, item_id = self._spotlight
        return self._items[activity_id][item_id].view()

    # Commands ---------------------------------------------------------------------------------

    def submit(self, command: SubmitText) -> tuple[Change, ...]:
        """Take a participant's text (the activity is known to be open)."""
        known = self._answer_ids.get(command.answer_id)
        if known is not None:
            if known != (command.token, command.activity_id):
                raise Rejection(RejectionCode.ANSWER_ID_REUSED)
            return (AnswerRepeated(command.token, command.activity_id, command.answer_id),)
        activity = self._activities[command.activity_id]
        self._check_pace(activity, command)
        written = _read(activity, command.text)
        items = self._items[activity.id]
        if activity.kind == "qa" and any(i.key == written[0].key for i in items.values()):
            raise Rejection(RejectionCode.DUPLICATE_QUESTION, activity=activity.id)
        changes: list[Change] = []
        taken: list[TextItem] = []
        created: list[str] = []
        held = False
        for text in written:
            existing = None
            if activity.kind != "qa":
                existing = next((i for i in items.values() if i.key == text.key), None)
            if existing is None:
                item = self._new_item(activity, command.token, text)
                items[item.item_id] = item
                created.append(item.item_id)
                changes.append(TextItemChanged(item.view(), False, "new"))
            else:
                item = existing
                was_published = item.state in PUBLISHED_TEXT_STATES
                item.supporters.add(command.token)
                changes.append(TextItemChanged(item.view(), was_published, item.state))
            held = held or item.state not in PUBLISHED_TEXT_STATES
            taken.append(item.view())
        self._writers[activity.id].add(command.token)
        self._last_text_at[command.token] = command.at
        self._answer_ids[command.answer_id] = (command.token, activity.id)
        received = TextReceived(
            command.token, activity.id, command.answer_id, tuple(taken), tuple(created), held
        )
        return (received, *changes)

    def _check_pace(self, activity: TextActivity, command: SubmitText) -> None:
        token = command.token
        if activity.kind != "qa" and token in self._writers[activity.id]:
            raise Rejection(RejectionCode.ALREADY_WRITTEN, activity=activity.id)
        if activity.kind == "qa":
            mine = sum(1 for i in self._items[activity.id].values() if i.author == token)
            if mine >= MAX_QUESTIONS_PER_DEVICE:
                raise Rejection(
                    RejectionCode.TOO_MANY_TEXTS, activity=activity.id, max=MAX_QUESTIONS_PER_DEVICE
                )
        last = self._last_text_at.get(token)
        if last is not None and command.at - last < MIN_SECONDS_BETWEEN_TEXTS:
            wait = max(1, round(MIN_SECONDS_BETWEEN_TEXTS - (command.at - last)))
            raise Rejection(RejectionCode.TEXT_TOO_SOON, seconds=wait)

    def _new_item(self, activity: TextActivity, token: str, text: WrittenText) -> _Item:
        seq = 1 + max((i.seq for i in self._items[activity.id].values()), default=0)
        state: TextState = "approved" if self._auto and not text.flags else "new"
        item = _Item(
            item_id=f"t{seq}",
            activity_id=activity.id,
            text=text.text,
            key=text.key,
            state=state,
            flags=text.flags,
            seq=seq,
        )
        if activity.kind == "qa":
            item.author = token
        else:
            item.supporters.add(token)
        return item

    def vote(self, command: Vote) -> tuple[Change, ...]:
        """Upvote a published question once per device, or withdraw the vote."""
        activity = self._activities[command.activity_id]
        if activity.kind != "qa":
            raise Rejection(RejectionCode.NOT_A_QUESTION, activity=activity.id)
        item = self._items[activity.id].get(command.item_id)
        if item is None or item.state != "approved":
            # A held or hidden question is not known to the room: it cannot be voted for.
            raise Rejection(RejectionCode.CANNOT_VOTE, activity=activity.id)
        if (command.token in item.supporters) == command.on:
            return ()
        if command.on:
            item.supporters.add(command.token)
        else:
            item.supporters.discard(command.token)
        view = item.view()
        return (
            VoteCast(command.token, activity.id, item.item_id, command.on, view.count),
            TextItemChanged(view, True, item.state),
        )

    def moderate(self, command: Moderate) -> tuple[Change, ...]:
        activity = self._activities[command.activity_id]
        item = self._item(activity.id, command.item_id)
        was_published = item.state in PUBLISHED_TEXT_STATES
        spotlit = self._spotlight == (activity.id, item.item_id)
        changes: list[Change] = []
        match command.action:
            case "approve":
                target: TextState = "approved"
            case "hide":
                target = "hidden"
            case "answered":
                if activity.kind != "qa":
                    raise Rejection(RejectionCode.NOT_A_QUESTION, activity=activity.id)
                target = "answered"
            case "spotlight":
                # Spotlighting a held text is the trainer approving it.
                target = "approved" if item.state in ("new", "hidden") else item.state
            case "unspotlight":
                target = item.state
        if target != item.state:
            previous = item.state
            item.state = target
            changes.append(TextItemChanged(item.view(), was_published, previous))
        before = self._spotlight
        if command.action == "spotlight" and not spotlit:
            self._spotlight = (activity.id, item.item_id)
            changes.append(SpotlightChanged(activity.id, item.item_id, before))
        elif spotlit and command.action in ("hide", "answered", "unspotlight"):
            self._spotlight = None
            changes.append(SpotlightChanged(None, None, before))
        return tuple(changes)

    def _item(self, activity_id: str, item_id: str) -> _Item:
        item = self._items[activity_id].get(item_id)
        if item is None:
            raise Rejection(RejectionCode.UNKNOWN_TEXT, activity=activity_id)
        return item


def _seq(item: _Item) -> int:
    return item.seq


def _read(activity: TextActivity, text: str) -> tuple[WrittenText, ...]:
    if activity.kind == "words":
        return read_words(text, activity.max_words)
    return (read_text(text, activity.max_length),)


def _reread(activity: TextActivity, text: str) -> WrittenText:
    """A stored text read again on resume (it passed the checks once; flags are recomputed)."""
    try:
        return _read(activity, text)[0]
    except Rejection:
        return WrittenText(text, text.casefold(), ())
