"""Audience mode's window: renders the room's view for one participant, forwards their taps.

The window is told what to show (``show_view`` with an ``AudienceView``) and says what the
participant did through signals; it never reads the network and keeps no answer of its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.core.aggregation import TextBoard
from fphkiosk.core.i18n import Translator
from fphkiosk.core.participant_view import ActivitySheet, ParticipantView
from fphkiosk.core.privacy import PersonalResult
from fphkiosk.core.room_answers import (
    Answer,
    BestWorstAnswer,
    ChoiceAnswer,
    MultiChoiceAnswer,
    ScaleAnswer,
)
from fphkiosk.ui.audience.pages import (
    BestWorstPage,
    ChoicePage,
    ClosedPage,
    ConnectingPage,
    JoinPage,
    ResultsPage,
    WaitingPage,
    choice_text,
    text_label,
    touch_button,
)
from fphkiosk.ui.audience.results import result_rows
from fphkiosk.ui.audience.scale_pages import ScaleForm, ScaleResultPage
from fphkiosk.ui.audience.style import audience_style
from fphkiosk.ui.audience.write_pages import MultiChoicePage, WritePage
from fphkiosk.ui.countdown import countdown_text
from fphkiosk.ui.theme import Palette

WINDOWED_SIZE = (1280, 800)


class Connection(Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"


@dataclass(frozen=True)
class AudienceView:
    """Everything the window shows, derived from the client's view of the room."""

    room: ParticipantView
    connection: Connection
    pending: Answer | None = None
    """The latest answer sent to the current activity and not yet acknowledged."""
    show_result: bool = True
    """False once the personal result has expired or the participant pressed "Terminer"."""
    result_seconds: int = 60
    error: str = ""
    """The server's refusal of the last answer, in French, as sent."""
    text_pending: bool = False
    """A text to the current activity is on its way."""
    text_held: bool | None = None
    """The last text was taken: held for the trainer (True) or shown (False)."""


class AudienceWindow(QWidget):
    """The participant's screen: a status bar over one page at a time."""

    join_requested = Signal(str, str)
    join_cancelled = Signal()
    answer_chosen = Signal(str, object)
    """(activity id, Answer)"""
    text_written = Signal(str, str)
    """(activity id, text)"""
    vote_cast = Signal(str, str, bool)
    """(activity id, item id, on)"""
    result_finished = Signal()
    quit_requested = Signal()
    closed = Signal()
    """The window really closed (the kiosk lock may refuse a close)."""

    def __init__(
        self,
        tr: Translator,
        *,
        family: str,
        show_quit: bool,
        palette: Palette | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._language = tr.language
        self._activity_id = ""
        self.setObjectName("audience")
        self.setWindowTitle(tr("audience.window_title"))
        self.setStyleSheet(audience_style(palette or Palette(), family))
        self.resize(*WINDOWED_SIZE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_header(show_quit))
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.join_page = JoinPage(tr)
        self.connecting_page = ConnectingPage(tr)
        self.waiting_page = WaitingPage(tr)
        self.choice_page = ChoicePage()
        self.best_worst_page = BestWorstPage(tr)
        self.scale_form = ScaleForm(tr)
        self.result_page = ScaleResultPage(tr)
        self.closed_page = ClosedPage(tr)
        self.results_page = ResultsPage(tr)
        self.write_page = WritePage(tr)
        self.multi_page = MultiChoicePage(tr)
        self._frames: dict[QWidget, QScrollArea] = {}
        fixed: tuple[QWidget, ...] = (
            self.join_page,
            self.connecting_page,
            self.waiting_page,
            self.closed_page,
        )
        for page in fixed:
            self.stack.addWidget(page)
        # Pages that grow with their content scroll, rather than push the window past a
        # small tablet's screen (where a full-screen window would cut them off).
        growing: tuple[QWidget, ...] = (
            self.choice_page,
            self.best_worst_page,
            self.scale_form,
            self.result_page,
            self.results_page,
            self.write_page,
            self.multi_page,
        )
        for page in growing:
            frame = QScrollArea()
            frame.setWidgetResizable(True)
            frame.setFrameShape(QScrollArea.Shape.NoFrame)
            frame.setWidget(page)
            self._frames[page] = frame
            self.stack.addWidget(frame)
        self.join_page.join_requested.connect(self.join_requested)
        self.connecting_page.cancelled.connect(self.join_cancelled)
        self.choice_page.choice_clicked.connect(self._on_choice_page_clicked)
        self.best_worst_page.answer_sent.connect(self._on_best_worst_sent)
        self.scale_form.answers_sent.connect(self._on_scale_sent)
        self.result_page.finished.connect(self.result_finished)
        self.write_page.text_sent.connect(self._on_write_page_text_sent)
        self.write_page.vote_toggled.connect(self._on_write_page_vote_toggled)
        self.multi_page.choices_sent.connect(self._on_multi_page_choices_sent)
        self._deadline: float | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self._on_ticker_timeout)
        self._set_connection(None)

    def _build_header(self, show_quit: bool) -> QWidget:
        header = QWidget()
        header.setObjectName("header")
        row = QHBoxLayout(header)
        row.setContentsMargins(32, 4, 12, 4)
        self.connection_dot = QLabel()
        self.connection_dot.setFixedSize(18, 18)
        self.connection_dot.setProperty("role", "dot")
        self.connection_label = text_label("", "connection")
        self.slide_label = text_label("", "caption")
        self.slide_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.quit_button = touch_button(self._tr("audience.quit"), "quit")
        # Discreet: smaller than the answer buttons, but still a fair finger target.
        self.quit_button.setMinimumHeight(56)
        self.quit_button.setVisible(show_quit)
        self.quit_button.clicked.connect(self.quit_requested)
        row.addWidget(self.connection_dot)
        row.addWidget(self.connection_label)
        row.addStretch(1)
        row.addWidget(self.slide_label, 2)
        self.countdown_label = text_label("", "countdown")
        self.countdown_label.setAccessibleName(self._tr("web.timer.label"))
        self.countdown_label.setVisible(False)
        row.addWidget(self.countdown_label)
        row.addWidget(self.quit_button)
        return header

    # From the controller ----------------------------------------------------------------------

    @property
    def current_page(self) -> QWidget | None:
        shown = self.stack.currentWidget()
        return shown.widget() if isinstance(shown, QScrollArea) else shown

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(self._frames.get(page, page))

    def show_join(self, address: str, code: str, error: str = "") -> None:
        self._set_connection(None)
        self.slide_label.setText("")
        self.join_page.show_form(address, code, error)
        self._show(self.join_page)

    def show_connecting(self, address: str) -> None:
        self._set_connection(Connection.CONNECTING)
        self.connecting_page.show_address(address)
        self._show(self.connecting_page)

    def show_view(self, view: AudienceView) -> None:
        """Show *view*; called after every message and every change of connection."""
        self._set_connection(view.connection)
        room, activity = view.room, view.room.activity
        slide = room.slide
        self.slide_label.setText(
            self._tr("audience.slide", number=slide.index + 1, count=slide.count, title=slide.title)
        )
        self._activity_id = activity.id if activity is not None else ""
        self._follow_timer(activity)
        if activity is None or activity.status == "idle":
            self._show_waiting(view, "")
        elif activity.kind in ("qa", "open", "words") and activity.status != "closed":
            self._render_writing(view, activity)
        elif activity.multiple and activity.status == "open":
            self._render_multiple(view, activity)
        elif activity.kind == "scale":
            self._render_scale(view, activity)
        elif activity.status == "open":
            self._render_question(view, activity)
        elif activity.status == "closed":
            mine = view.pending or room.my_answer
            self.closed_page.show_closed(activity.question, self._mine_text(activity, mine))
            self._show(self.closed_page)
        else:
            self._show_results(activity, room.my_answer)

    # Pages ------------------------------------------------------------------------------------

    def _show_waiting(self, view: AudienceView, note: str) -> None:
        self.waiting_page.show_slide(view.room.slide.title, note)
        self._show(self.waiting_page)

    def _answer_status(self, view: AudienceView) -> tuple[str, str]:
        if view.pending is not None:
            return self._tr("audience.answer.sending"), "sending"
        if view.error:
            return view.error, "error"
        if view.room.my_answer is not None:
            return self._tr("audience.answer.saved"), "saved"
        return self._tr("audience.answer.hint"), "hint"

    def _render_question(self, view: AudienceView, activity: ActivitySheet) -> None:
        mine = view.pending or view.room.my_answer
        status, state = self._answer_status(view)
        if activity.mode == "best-worst":
            confirmed = (mine.best, mine.worst) if isinstance(mine, BestWorstAnswer) else None
            self.best_worst_page.show_question(
                activity.id,
                activity.question,
                activity.choices,
                activity.prompts,
                confirmed,
                status,
            )
            self._show(self.best_worst_page)
            return
        selected = mine.choice if isinstance(mine, ChoiceAnswer) else None
        self.choice_page.show_question(activity.question, activity.choices, selected, status, state)
        self._show(self.choice_page)

    def _render_writing(self, view: AudienceView, activity: ActivitySheet) -> None:
        room, tr = view.room, self._tr
        open_ = activity.status == "open"
        can_write = open_ and (activity.kind == "qa" or not room.written)
        if view.text_pending:
            status, state = tr("audience.answer.sending"), "sending"
        elif view.error:
            status, state = view.error, "error"
        elif view.text_held is not None:
            status = tr("web.write.held" if view.text_held else "web.write.shown")
            state = "saved"
        elif room.written:
            status, state = tr("web.write.sent"), "saved"
        else:
            status, state = "", "hint"
        results = activity.results
        board = results.items if isinstance(results, TextBoard) else None
        self.write_page.show_activity(
            activity.id,
            activity.kind,
            activity.question,
            can_write=can_write,
            max_length=activity.max_length or 280,
            board=board if activity.kind == "qa" or not open_ else None,
            my_votes=room.my_votes,
            status=status,
            state=state,
        )
        self._show(self.write_page)

    def _render_multiple(self, view: AudienceView, activity: ActivitySheet) -> None:
        mine = view.pending or view.room.my_answer
        chosen = mine.choices if isinstance(mine, MultiChoiceAnswer) else ()
        status, state = self._answer_status(view)
        most = activity.max_choices or len(activity.choices)
        self.multi_page.show_question(
            activity.question, activity.choices, most, chosen, status, state
        )
        self._show(self.multi_page)

    def _follow_timer(self, activity: ActivitySheet | None) -> None:
        """The countdown of a timed open activity, from the seconds left when the room sent it."""
        if activity is None or activity.status != "open" or activity.remaining is None:
            self._deadline = None
            self._ticker.stop()
        elif self._deadline is None or not self._ticker.isActive():
            self._deadline = time.monotonic() + activity.remaining
            self._ticker.start()
        self._on_ticker_timeout()

    def _on_ticker_timeout(self) -> None:
        shown = self._deadline is not None
        self.countdown_label.setVisible(shown)
        if self._deadline is not None:
            self.countdown_label.setText(countdown_text(self._deadline - time.monotonic()))

    def _render_scale(self, view: AudienceView, activity: ActivitySheet) -> None:
        room = view.room
        result = room.my_result
        if result is not None and result.activity_id == activity.id and view.show_result:
            self._show_personal_result(activity, result, view.result_seconds)
        elif activity.status == "open" and activity.scale is not None:
            answered = room.my_answer is not None and view.pending is None and not view.error
            if answered:
                self._show_waiting(view, self._tr("audience.result.erased"))
                return
            status, state = self._answer_status(view)
            status = "" if state == "hint" else status
            self.scale_form.show_scale(
                activity.id, activity.scale, status, sending=view.pending is not None
            )
            self._show(self.scale_form)
        elif activity.status == "closed":
            mine = view.pending or room.my_answer
            self.closed_page.show_closed(activity.question, self._mine_text(activity, mine))
            self._show(self.closed_page)
        else:
            self._show_results(activity, room.my_answer)

    def _show_personal_result(
        self, activity: ActivitySheet, result: PersonalResult, seconds: int
    ) -> None:
        self.result_page.show_result(activity.question, result, seconds)
        self._show(self.result_page)

    def _show_results(self, activity: ActivitySheet, mine: Answer | None) -> None:
        summary, rows = result_rows(activity, mine, self._tr)
        self.results_page.show_results(activity.question, summary, rows)
        self._show(self.results_page)

    def _mine_text(self, activity: ActivitySheet, mine: Answer | None) -> str:
        tr, choices = self._tr, activity.choices
        if isinstance(mine, ChoiceAnswer) and mine.choice < len(choices):
            return tr("audience.closed.mine", answer=choice_text(mine.choice, choices[mine.choice]))
        if isinstance(mine, BestWorstAnswer) and max(mine.best, mine.worst) < len(choices):
            return tr(
                "audience.closed.mine_best_worst",
                best=choice_text(mine.best, choices[mine.best]),
                worst=choice_text(mine.worst, choices[mine.worst]),
            )
        if isinstance(mine, ScaleAnswer):
            return tr("audience.closed.mine_scale")
        return tr("audience.closed.none")

    def _set_connection(self, connection: Connection | None) -> None:
        self.connection_label.setText(
            "" if connection is None else self._tr(f"audience.connection.{connection.value}")
        )
        self.connection_dot.setVisible(connection is not None)
        state = "none" if connection is None else connection.value
        for widget in (self.connection_dot, self.connection_label):
            widget.setProperty("state", state)
            widget.style().polish(widget)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    # From the participant ---------------------------------------------------------------------

    def _on_write_page_text_sent(self, text: str) -> None:
        self.text_written.emit(self._activity_id, text)

    def _on_write_page_vote_toggled(self, item_id: str, on: bool) -> None:
        self.vote_cast.emit(self._activity_id, item_id, on)

    def _on_multi_page_choices_sent(self, choices: list[int]) -> None:
        self.answer_chosen.emit(self._activity_id, MultiChoiceAnswer(tuple(sorted(choices))))

    def _on_choice_page_clicked(self, index: int) -> None:
        self.answer_chosen.emit(self._activity_id, ChoiceAnswer(index))

    def _on_best_worst_sent(self, best: int, worst: int) -> None:
        self.answer_chosen.emit(self._activity_id, BestWorstAnswer(best, worst))

    def _on_scale_sent(self, options: list[int]) -> None:
        self.answer_chosen.emit(self._activity_id, ScaleAnswer(tuple(options)))
