"""The room's wire protocol: JSON over WebSocket at ``/ws``, version 1 (see docs/protocol.md).

Every message is a JSON object with ``"v": 1`` and a ``"type"``. Both directions are msgspec
Structs: decoding validates types, ranges and lengths and refuses unknown fields, so the server
never handles a value it did not expect.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

PROTOCOL_VERSION: Literal[1] = 1
WS_PATH = "/ws"

Version = Literal[1]
ShortText = Annotated[str, Meta(min_length=1, max_length=64)]
ActivityId = Annotated[str, Meta(min_length=1, max_length=64)]
AnswerId = Annotated[str, Meta(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
Token = Annotated[str, Meta(min_length=1, max_length=128)]
Index = Annotated[int, Meta(ge=0, le=10_000)]
ItemId = Annotated[str, Meta(pattern=r"^t[0-9]{1,9}$")]
WrittenText = Annotated[str, Meta(max_length=2_000)]
"""The room refuses a text over 280 characters with a message that says so; the wire allows
more, so that a long text gets that message rather than "invalid message"."""


class _Message(msgspec.Struct, tag_field="type", forbid_unknown_fields=True, kw_only=True):
    v: Version = PROTOCOL_VERSION


class _ClientMessage(msgspec.Struct, tag_field="type", forbid_unknown_fields=True, kw_only=True):
    v: Version
    """Required from clients, so a client of another version is told so rather than misread."""


# Answers ------------------------------------------------------------------------------------


class _AnswerBody(msgspec.Struct, tag_field="kind", forbid_unknown_fields=True):
    pass


class ChoiceBody(_AnswerBody, tag="choice"):
    choice: Index


class BestWorstBody(_AnswerBody, tag="best_worst"):
    best: Index
    worst: Index


class ChoicesBody(_AnswerBody, tag="choices"):
    """Several choices, for a ``multiple`` poll or quiz."""

    choices: Annotated[list[Index], Meta(max_length=100)]


class ScaleBody(_AnswerBody, tag="scale"):
    options: Annotated[list[Index], Meta(max_length=500)]


AnswerBody = ChoiceBody | BestWorstBody | ChoicesBody | ScaleBody


# Client -> server -----------------------------------------------------------------------------


class JoinMsg(_ClientMessage, tag="join"):
    """A participant joins with the room code; *token* resumes an earlier connection."""

    room_code: Annotated[str, Meta(max_length=32)]
    token: Token | None = None


class RemoteJoinMsg(_ClientMessage, tag="remote_join"):
    """A presenter remote joins with the presenter secret."""

    secret: Annotated[str, Meta(max_length=128)]


class AnswerMsg(_ClientMessage, tag="answer"):
    activity_id: ActivityId
    answer_id: AnswerId
    answer: AnswerBody


class TextMsg(_ClientMessage, tag="text"):
    """A participant writes a question (qa), an answer (open) or one to three words (words)."""

    activity_id: ActivityId
    answer_id: AnswerId
    text: WrittenText


class VoteMsg(_ClientMessage, tag="vote"):
    """A participant upvotes a question (``on``: true) or withdraws the vote."""

    activity_id: ActivityId
    item_id: ItemId
    on: bool = True
    vote_id: AnswerId | None = None
    """Made by the client: echoed in the reply (``voted``, or an error's ``answer_id``)."""


class KioskUnlockMsg(_ClientMessage, tag="kiosk_unlock"):
    """Audience mode asks whether the PIN the trainer typed on the tablet may unlock its kiosk."""

    pin: Annotated[str, Meta(max_length=16)]


class FinishMsg(_ClientMessage, tag="finish"):
    """The participant is done with an activity ("Terminer"): its answer is never sent back."""

    activity_id: ActivityId


class SyncMsg(_ClientMessage, tag="sync"):
    """Ask for a fresh snapshot."""


class GoToSlideMsg(_ClientMessage, tag="go_to_slide"):
    index: Index
    """0-based."""


class NextSlideMsg(_ClientMessage, tag="next_slide"):
    pass


class PreviousSlideMsg(_ClientMessage, tag="previous_slide"):
    pass


class OpenMsg(_ClientMessage, tag="open"):
    activity_id: ActivityId


class CloseMsg(_ClientMessage, tag="close"):
    activity_id: ActivityId


class RevealMsg(_ClientMessage, tag="reveal"):
    activity_id: ActivityId


ModerationActionName = Literal["approve", "hide", "answered", "spotlight", "unspotlight"]


class ModerateMsg(_ClientMessage, tag="moderate"):
    """The trainer (or the remote) approves, hides, marks answered or spotlights a text."""

    activity_id: ActivityId
    item_id: ItemId
    action: ModerationActionName


PresenterMsg = (
    GoToSlideMsg | NextSlideMsg | PreviousSlideMsg | OpenMsg | CloseMsg | RevealMsg | ModerateMsg
)
ClientMessage = (
    JoinMsg
    | RemoteJoinMsg
    | AnswerMsg
    | TextMsg
    | VoteMsg
    | SyncMsg
    | KioskUnlockMsg
    | FinishMsg
    | PresenterMsg
)
CLIENT_TYPES = frozenset(
    {"join", "remote_join", "answer", "sync", "go_to_slide", "next_slide", "previous_slide"}
    | {"open", "close", "reveal", "kiosk_unlock", "finish", "text", "vote", "moderate"}
)
_ANSWER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


# Views sent by the server ---------------------------------------------------------------------


class SlideView(msgspec.Struct, kw_only=True):
    index: int
    count: int
    title: str


class ScaleView(msgspec.Struct, kw_only=True):
    title: str
    instructions: str
    options: list[str]
    items: list[str]
    licence: str = ""


class _ResultsView(msgspec.Struct, tag_field="kind", kw_only=True):
    activity_id: str
    respondents: int


class ChoiceCountsView(_ResultsView, tag="choice_counts"):
    counts: list[int]
    correct: int | None = None
    """The first correct choice (``correct_choices`` has them all)."""
    correct_share: float | None = None
    correct_choices: list[int] = msgspec.field(default_factory=list)
    multiple: bool = False
    """Several choices per respondent: counts add up to more than ``respondents``."""


class BestWorstCountsView(_ResultsView, tag="best_worst_counts"):
    best: list[int]
    worst: list[int]


class BandCountView(msgspec.Struct, kw_only=True):
    label: str
    min: int
    max: int
    count: int | None
    """Rounded to a multiple of ``minimum``; None reads "moins de k" (zero or a few), or rest."""
    share: float | None = None
    rest: tuple[int, int] | None = None
    """The band told only as what the others leave: from, to."""


class ScaleSummaryView(_ResultsView, tag="scale_summary"):
    minimum: int
    min_score: int
    max_score: int
    mean: int | None
    """The room's rounded average (small-room view); None when not published."""
    mean_relation: Literal["about", "at_most", "at_least"] | None
    bands: list[BandCountView]
    shows_distribution: bool
    distribution_from: int


class TooFewRespondentsView(_ResultsView, tag="too_few_respondents"):
    minimum: int


class BoardItemView(msgspec.Struct, kw_only=True):
    id: str
    text: str
    count: int
    """A question's votes; how many wrote an answer or a word."""
    answered: bool = False


class TextBoardView(_ResultsView, tag="text_board"):
    """Approved texts only, most voted (or written) first."""

    items: list[BoardItemView]


ResultsView = (
    ChoiceCountsView
    | BestWorstCountsView
    | ScaleSummaryView
    | TextBoardView
    | TooFewRespondentsView
)

ActivityStatusName = Literal["idle", "open", "closed", "revealed"]
ActivityKindName = Literal["poll", "quiz", "scale", "qa", "open", "words"]


class ActivityView(msgspec.Struct, kw_only=True):
    id: str
    kind: ActivityKindName
    status: ActivityStatusName
    question: str
    mode: Literal["single", "best-worst"] | None = None
    choices: list[str] = msgspec.field(default_factory=list)
    prompts: list[str] = msgspec.field(default_factory=list)
    scale: ScaleView | None = None
    correct: int | None = None
    """Only once revealed (the first correct choice)."""
    correct_choices: list[int] = msgspec.field(default_factory=list)
    """Only once revealed."""
    results: ResultsView | None = None
    """Only once revealed; for qa, the approved questions at any time."""
    multiple: bool = False
    max_choices: int | None = None
    """How many choices one participant may tick (``multiple`` only)."""
    timer: int | None = None
    remaining: float | None = None
    """Seconds left when this was sent, while a timed activity is open: count down locally."""
    max_length: int | None = None
    """The longest text accepted (qa, open, words)."""
    max_words: int | None = None


class PersonalView(msgspec.Struct, kw_only=True):
    activity_id: str
    score: int
    min_score: int
    max_score: int
    band_label: str
    advice: str


class Snapshot(msgspec.Struct, kw_only=True):
    slide: SlideView
    activity: ActivityView | None = None
    my_answer: AnswerBody | None = None
    my_result: PersonalView | None = None
    my_votes: list[str] = msgspec.field(default_factory=list)
    """The questions this device upvoted (qa)."""
    written: bool = False
    """This device already gave its answer or its words (open, words)."""


class ActivityProgress(msgspec.Struct, kw_only=True):
    id: str
    status: ActivityStatusName
    respondents: int
    slide: int = 0
    """0-based index of the slide that carries the activity."""
    kind: str = ""
    question: str = ""
    """The question, or a scale's title: what a remote shows to name the activity."""


# Server -> client -----------------------------------------------------------------------------


class WelcomeMsg(_Message, tag="welcome"):
    role: Literal["participant", "presenter"]
    snapshot: Snapshot
    token: str | None = None
    """The participant's token for this session: keep it, send it back to resume."""


class SnapshotMsg(_Message, tag="snapshot"):
    snapshot: Snapshot


class SlideMsg(_Message, tag="slide"):
    slide: SlideView


class ActivityMsg(_Message, tag="activity"):
    activity: ActivityView


class AckMsg(_Message, tag="ack"):
    answer_id: str
    activity_id: str
    my_result: PersonalView | None = None
    held: bool | None = None
    """For a text: true when it waits for the trainer's approval before anyone sees it."""


class VotedMsg(_Message, tag="voted"):
    """A vote (or its withdrawal) is recorded."""

    activity_id: str
    item_id: str
    on: bool
    count: int
    vote_id: str | None = None


class BoardMsg(_Message, tag="board"):
    """The approved texts of the current activity changed (votes, approvals)."""

    activity_id: str
    board: TextBoardView


class FlagView(msgspec.Struct, kw_only=True):
    category: str
    start: int
    end: int


class TextItemView(msgspec.Struct, kw_only=True):
    """A text as the trainer sees it in the moderation queue, held ones included."""

    id: str
    text: str
    state: Literal["new", "approved", "answered", "hidden"]
    count: int
    flags: list[FlagView] = msgspec.field(default_factory=list)


class SpotlightView(msgspec.Struct, kw_only=True):
    activity_id: str
    item_id: str
    text: str


class PresenterStateMsg(_Message, tag="presenter_state"):
    slide: SlideView
    current_activity: str | None
    activities: list[ActivityProgress]
    connected: int
    peak_connected: int
    results: ResultsView | None = None
    """Room-wide results of the current activity (withheld below the minimum group size)."""
    texts: list[TextItemView] = msgspec.field(default_factory=list)
    """The current activity's moderation queue (qa, open, words), arrival order."""
    spotlight: SpotlightView | None = None
    remaining: float | None = None
    """Seconds left of the current timed activity."""


class KioskUnlockedMsg(_Message, tag="kiosk_unlocked"):
    """The PIN was right: the tablet may leave kiosk mode."""


class ErrorMsg(_Message, tag="error"):
    code: str
    message: str
    """In the room's language."""
    answer_id: str | None = None
    params: dict[str, str] | None = None
    """The values the message names, so that a page can say it in its own language."""
    detail: str | None = None
    """Technical detail for developers (English), when there is one."""


ServerMessage = (
    WelcomeMsg
    | SnapshotMsg
    | SlideMsg
    | ActivityMsg
    | AckMsg
    | VotedMsg
    | BoardMsg
    | PresenterStateMsg
    | KioskUnlockedMsg
    | ErrorMsg
)


# Codecs ---------------------------------------------------------------------------------------


class _Envelope(msgspec.Struct):
    v: object = None
    type: object = None
    answer_id: object = None


class ProtocolError(Exception):
    """A client message that cannot be used; ``code`` names the error sent back.

    ``answer_id`` is the refused answer's id when there is a valid one: a client that retries
    until acknowledged must be told which answer was refused, or it retries forever.
    """

    def __init__(self, code: str, detail: str = "", answer_id: str | None = None):
        self.code = code
        self.detail = detail
        self.answer_id = answer_id
        super().__init__(f"{code}: {detail}")


class ClientDecoder:
    """Decodes and validates client messages; raises ProtocolError with a precise code."""

    def __init__(self) -> None:
        self._decoder: msgspec.json.Decoder[ClientMessage] = msgspec.json.Decoder(ClientMessage)
        self._envelope = msgspec.json.Decoder(_Envelope)

    def decode(self, data: str | bytes) -> ClientMessage:
        try:
            return self._decoder.decode(data)
        except msgspec.ValidationError as exc:
            raise self._explain(data, str(exc)) from None
        except msgspec.DecodeError as exc:
            raise ProtocolError("bad_json", str(exc)) from None
        except RecursionError:
            # Thousands of nested arrays: no message of ours nests more than a few levels.
            raise ProtocolError("invalid_message", "nested too deeply") from None

    def answer_id_of(self, data: str | bytes) -> str | None:
        """The answer id of *data* if it is an answer with a valid one (for refusals)."""
        try:
            envelope = self._envelope.decode(data)
        except (msgspec.DecodeError, RecursionError):
            return None
        answer_id = envelope.answer_id if envelope.type == "answer" else None
        if isinstance(answer_id, str) and _ANSWER_ID.fullmatch(answer_id):
            return answer_id
        return None

    def _explain(self, data: str | bytes, detail: str) -> ProtocolError:
        try:
            envelope = self._envelope.decode(data)
        except (msgspec.DecodeError, RecursionError):
            return ProtocolError("invalid_message", detail)
        if envelope.v != PROTOCOL_VERSION:
            return ProtocolError("unsupported_version", detail)
        if envelope.type not in CLIENT_TYPES:
            return ProtocolError("unknown_type", detail)
        answer_id = envelope.answer_id if envelope.type == "answer" else None
        if not (isinstance(answer_id, str) and _ANSWER_ID.fullmatch(answer_id)):
            answer_id = None
        return ProtocolError("invalid_message", detail, answer_id)


def encode(message: msgspec.Struct) -> str:
    return msgspec.json.encode(message).decode("utf-8")


server_decoder: msgspec.json.Decoder[ServerMessage] = msgspec.json.Decoder(ServerMessage)
"""For clients: one shared, stateless decoder of server messages."""
