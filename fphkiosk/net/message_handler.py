"""What the server does with each client message: validate, check the role, act, answer.

No input may crash the server: every refusal becomes an ``error`` message with a French text,
and anything unexpected is caught, logged by type only, and answered with an ``internal`` error.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable
from functools import partial

from aiohttp import WSCloseCode

from fphkiosk.core.i18n import Translator
from fphkiosk.core.room_changes import (
    Change,
    CloseActivity,
    GoToSlide,
    Moderate,
    NextSlide,
    OpenActivity,
    PresenterCommand,
    PreviousSlide,
    RevealActivity,
    SubmitAnswer,
    SubmitText,
    TextReceived,
    Vote,
    VoteCast,
)
from fphkiosk.core.room_errors import Rejection
from fphkiosk.net.connection import Connection
from fphkiosk.net.limits import AddressGuesses, ParticipantTokens, ServerLimits
from fphkiosk.net.protocol import (
    AckMsg,
    AnswerMsg,
    ClientDecoder,
    ClientMessage,
    CloseMsg,
    ErrorMsg,
    FinishMsg,
    GoToSlideMsg,
    JoinMsg,
    KioskUnlockedMsg,
    KioskUnlockMsg,
    ModerateMsg,
    NextSlideMsg,
    OpenMsg,
    PresenterMsg,
    PreviousSlideMsg,
    ProtocolError,
    RemoteJoinMsg,
    RevealMsg,
    SnapshotMsg,
    SyncMsg,
    TextMsg,
    VotedMsg,
    VoteMsg,
    WelcomeMsg,
    encode,
)
from fphkiosk.net.replies import ReplyBatch
from fphkiosk.net.views import (
    answer_from_body,
    participant_snapshot,
    personal_view,
    presenter_state,
)
from fphkiosk.room.credentials import room_code_matches, secret_matches
from fphkiosk.room.live_room import LiveRoom
from fphkiosk.storage.errors import SessionStoreError

_log = logging.getLogger(__name__)
_TEXT_REFUSAL = "free_text.rejected."


class MessageHandler:
    def __init__(
        self,
        live: LiveRoom,
        tr: Translator,
        limits: ServerLimits,
        guesses: AddressGuesses | None = None,
    ):
        self._live = live
        self._tr = tr
        self._limits = limits
        self._decoder = ClientDecoder()
        self._guesses = guesses or AddressGuesses()
        self._participants = ParticipantTokens(limits.participants_per_address)
        self._replies = ReplyBatch()

    async def handle(self, connection: Connection, data: str | bytes) -> None:
        if not connection.bucket.take():
            self._refuse(connection, "rate_limited", answer_id=self._decoder.answer_id_of(data))
            return
        try:
            message = self._decoder.decode(data)
        except ProtocolError as exc:
            self._refuse(connection, exc.code, answer_id=exc.answer_id, detail=exc.detail)
            return
        if isinstance(message, AnswerMsg):
            # A burst's message: handled here, without a coroutine of its own.
            self._answer_guarded(connection, message)
        else:
            await self.handle_message(connection, message)

    def refuse_binary(self, connection: Connection) -> None:
        """A binary frame: the protocol is text frames only (refused, the connection stays)."""
        if not connection.bucket.take():
            self._refuse(connection, "rate_limited")
            return
        self._refuse(connection, "invalid_message", detail="binary frame: send text frames")

    async def handle_message(self, connection: Connection, message: ClientMessage) -> None:
        try:
            await self._dispatch(connection, message)
        except Exception as exc:
            self._failed(connection, exc)

    def _answer_guarded(self, connection: Connection, message: AnswerMsg) -> None:
        try:
            self._answer(connection, message)
        except Exception as exc:
            self._failed(connection, exc)

    def _failed(self, connection: Connection, exc: Exception) -> None:
        _log.error("message handling failed: %s", type(exc).__name__)
        self._refuse(connection, "internal")

    def forget(self, connection: Connection) -> None:
        """The connection ended: it no longer counts as a connected device."""
        if connection.role == "participant" and connection.token is not None:
            self._live.leave(connection.token)
            self._participants.release(connection.address, connection.token)
        connection.role = "none"

    async def _dispatch(self, connection: Connection, message: ClientMessage) -> None:
        match message:
            case JoinMsg():
                self._join(connection, message)
            case RemoteJoinMsg():
                self._remote_join(connection, message)
            case SyncMsg():
                self._sync(connection)
            case KioskUnlockMsg():
                self._kiosk_unlock(connection, message)
            case FinishMsg():
                self._finish(connection, message)
            case AnswerMsg():
                self._answer(connection, message)
            case TextMsg():
                await self._text(connection, message)
            case VoteMsg():
                await self._vote(connection, message)
            case _:
                await self._presenter(connection, message)

    def _join(self, connection: Connection, message: JoinMsg) -> None:
        if connection.role != "none":
            self._refuse(connection, "already_joined")
            return
        if self._must_wait(connection, self._guesses.wait(connection.address)):
            return
        if not room_code_matches(self._live.room_code, message.room_code):
            self._guesses.failed(connection.address)
            self._wrong_code(connection, "wrong_room_code")
            return
        self._guesses.succeeded(connection.address)
        token = message.token
        if token is not None and not self._live.tokens.is_valid(token):
            token = None
        if not self._participants.admit(connection.address, token):
            self._refuse(
                connection,
                "too_many_participants",
                limit=self._limits.participants_per_address,
            )
            return
        if token is None:
            token = self._live.tokens.issue()
        self._participants.hold(connection.address, token)
        connection.role = "participant"
        connection.token = token
        connection.rejected_in_a_row = 0
        self._live.join(token)
        snapshot = participant_snapshot(self._live.room, token)
        connection.send(encode(WelcomeMsg(role="participant", token=token, snapshot=snapshot)))

    def _remote_join(self, connection: Connection, message: RemoteJoinMsg) -> None:
        if connection.role != "none":
            self._refuse(connection, "already_joined")
            return
        if self._must_wait(connection, self._guesses.wait(connection.address)):
            return
        if not secret_matches(self._live.presenter_secret, message.secret):
            self._guesses.failed(connection.address)
            self._wrong_code(connection, "wrong_secret")
            return
        connection.role = "presenter"
        connection.rejected_in_a_row = 0
        snapshot = participant_snapshot(self._live.room, None)
        connection.send(encode(WelcomeMsg(role="presenter", snapshot=snapshot)))
        connection.send(encode(presenter_state(self._live.room)))

    def _wrong_code(self, connection: Connection, code: str) -> None:
        connection.wrong_codes += 1
        self._refuse(connection, code)
        if connection.wrong_codes >= self._limits.max_wrong_codes:
            connection.close_after_pending()

    def _must_wait(self, connection: Connection, wait: float) -> bool:
        """Refuse a guess unchecked while its back-off runs (it still counts on this connection)."""
        if wait <= 0:
            return False
        connection.wrong_codes += 1
        self._refuse(connection, "too_many_attempts", seconds=math.ceil(wait))
        if connection.wrong_codes >= self._limits.max_wrong_codes:
            connection.close_after_pending()
        return True

    def _kiosk_unlock(self, connection: Connection, message: KioskUnlockMsg) -> None:
        if connection.role != "participant":
            self._refuse(connection, "not_joined")
            return
        verdict = self._live.check_kiosk_pin(message.pin)
        if self._must_wait(connection, verdict.wait):
            return
        if not verdict.unlocked:
            # Limited for the whole room by the live room; five on one connection close it.
            self._wrong_code(connection, "wrong_pin")
            return
        connection.rejected_in_a_row = 0
        connection.send(encode(KioskUnlockedMsg()))

    def _finish(self, connection: Connection, message: FinishMsg) -> None:
        token = connection.token
        if connection.role != "participant" or token is None:
            self._refuse(connection, "not_joined")
            return
        try:
            self._live.finish(token, message.activity_id)
        except Rejection as rejection:
            self._reject(connection, rejection)
            return
        connection.rejected_in_a_row = 0

    def _sync(self, connection: Connection) -> None:
        if connection.role == "participant":
            snapshot = participant_snapshot(self._live.room, connection.token)
            connection.send(encode(SnapshotMsg(snapshot=snapshot)))
        elif connection.role == "presenter":
            connection.send(encode(presenter_state(self._live.room)))
        else:
            self._refuse(connection, "not_joined")

    def _participant_token(self, connection: Connection, request_id: str | None) -> str | None:
        """The joined participant's token, or None once the client is told it has not joined."""
        token = connection.token
        if connection.role != "participant" or token is None:
            self._refuse(connection, "not_joined", answer_id=request_id)
            return None
        return token

    async def _committed(
        self,
        connection: Connection,
        request_id: str | None,
        what: str,
        commit: Awaitable[tuple[Change, ...]],
    ) -> tuple[Change, ...] | None:
        """The changes of a participant's *commit*, or None once the refusal or failure is sent.

        Every refusal carries the request's id, so a client retrying until acknowledged stops.
        """
        try:
            changes = await commit
        except Rejection as rejection:
            self._reject(connection, rejection, answer_id=request_id)
            return None
        except (SessionStoreError, RuntimeError) as exc:
            _log.error("%s not stored: %s", what, type(exc).__name__)
            self._refuse(connection, "store_failed", answer_id=request_id)
            return None
        connection.rejected_in_a_row = 0
        return changes

    def _answer(self, connection: Connection, message: AnswerMsg) -> None:
        """Record the answer and go back to reading: it is acknowledged once it is committed."""
        token = self._participant_token(connection, message.answer_id)
        if token is None:
            return
        command = SubmitAnswer(
            token, message.activity_id, message.answer_id, answer_from_body(message.answer)
        )
        # Acknowledged once durable: after its commit, or at once if it already is on disk.
        committed = partial(self._on_answer_committed, connection, token, message)
        try:
            self._live.record_answer(command, then=committed)
        except Rejection as rejection:
            self._reject(connection, rejection, answer_id=message.answer_id)

    def _on_answer_committed(
        self,
        connection: Connection,
        token: str,
        message: AnswerMsg,
        error: BaseException | None,
    ) -> None:
        try:
            if isinstance(error, SessionStoreError | RuntimeError):
                _log.error("answer not stored: %s", type(error).__name__)
                self._refuse(connection, "store_failed", answer_id=message.answer_id)
                return
            if error is not None:
                raise error
            connection.rejected_in_a_row = 0
            self._acknowledge(connection, token, message)
        except Exception as exc:
            self._failed(connection, exc)

    def _acknowledge(self, connection: Connection, token: str, message: AnswerMsg) -> None:
        result = self._live.room.personal_result(token, message.activity_id)
        ack = AckMsg(
            answer_id=message.answer_id,
            activity_id=message.activity_id,
            my_result=personal_view(result),
        )
        self._replies.push(connection, encode(ack))

    async def _text(self, connection: Connection, message: TextMsg) -> None:
        token = self._participant_token(connection, message.answer_id)
        if token is None:
            return
        command = SubmitText(token, message.activity_id, message.answer_id, message.text)
        submitted = self._live.submit_text(command)
        changes = await self._committed(connection, message.answer_id, "text", submitted)
        if changes is None:
            return
        held = any(isinstance(c, TextReceived) and c.held for c in changes)
        connection.send(
            encode(AckMsg(answer_id=message.answer_id, activity_id=message.activity_id, held=held))
        )

    async def _vote(self, connection: Connection, message: VoteMsg) -> None:
        token = self._participant_token(connection, message.vote_id)
        if token is None:
            return
        voted = self._live.vote(Vote(token, message.activity_id, message.item_id, message.on))
        changes = await self._committed(connection, message.vote_id, "vote", voted)
        if changes is None:
            return
        cast = next((c for c in changes if isinstance(c, VoteCast)), None)
        count = (
            cast.votes
            if cast
            else self._live.room.texts.item(message.activity_id, message.item_id).count
        )
        connection.send(
            encode(
                VotedMsg(
                    activity_id=message.activity_id,
                    item_id=message.item_id,
                    on=message.on,
                    count=count,
                    vote_id=message.vote_id,
                )
            )
        )

    async def _presenter(self, connection: Connection, message: PresenterMsg) -> None:
        if connection.role == "none":
            self._refuse(connection, "not_joined")
            return
        if connection.role != "presenter":
            # Trainer actions are never accepted from an audience connection.
            self._refuse(connection, "forbidden")
            return
        try:
            await self._live.command(_command(message))
        except Rejection as rejection:
            self._reject(connection, rejection)
            return
        connection.rejected_in_a_row = 0

    def _reject(
        self, connection: Connection, rejection: Rejection, answer_id: str | None = None
    ) -> None:
        message = self._tr(rejection.key, **rejection.params)
        params = {name: str(value) for name, value in rejection.params.items()} or None
        code = rejection.code.value
        if rejection.key.startswith(_TEXT_REFUSAL):
            # Why a text was refused, so a page can say it in its reader's language.
            code = "text_" + rejection.key.removeprefix(_TEXT_REFUSAL)
        self._send_error(connection, code, message, answer_id=answer_id, params=params)

    def _refuse(
        self,
        connection: Connection,
        code: str,
        answer_id: str | None = None,
        detail: str | None = None,
        **params: object,
    ) -> None:
        message = self._tr(f"room.error.{code}", **params)
        named = {name: str(value) for name, value in params.items()} or None
        self._send_error(
            connection, code, message, answer_id=answer_id, detail=detail, params=named
        )

    def _send_error(
        self,
        connection: Connection,
        code: str,
        message: str,
        answer_id: str | None = None,
        detail: str | None = None,
        params: dict[str, str] | None = None,
    ) -> None:
        connection.rejected_in_a_row += 1
        if connection.rejected_in_a_row > self._limits.max_rejected_in_a_row:
            connection.drop(WSCloseCode.POLICY_VIOLATION)
            return
        error = ErrorMsg(
            code=code, message=message, answer_id=answer_id, detail=detail or None, params=params
        )
        connection.send(encode(error))


def _command(message: PresenterMsg) -> PresenterCommand:
    match message:
        case GoToSlideMsg():
            return GoToSlide(message.index)
        case NextSlideMsg():
            return NextSlide()
        case PreviousSlideMsg():
            return PreviousSlide()
        case OpenMsg():
            return OpenActivity(message.activity_id)
        case CloseMsg():
            return CloseActivity(message.activity_id)
        case RevealMsg():
            return RevealActivity(message.activity_id)
        case ModerateMsg():
            return Moderate(message.activity_id, message.item_id, message.action)
    raise TypeError(message)
