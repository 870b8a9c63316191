"""Audience mode's window: renders the room's snapshot for one participant, forwards their taps.

The window is told what to show (``show_view`` with an ``AudienceView``) and says what the
participant did through signals; it never reads the network and keeps no answer of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.charts.number_format import format_number, format_percent
from fphkiosk.core.i18n import Translator
from fphkiosk.net.protocol import (
    ActivityView,
    AnswerBody,
    BestWorstBody,
    BestWorstCountsView,
    ChoiceBody,
    ChoiceCountsView,
    PersonalView,
    ScaleBody,
    ScaleSummaryView,
    Snapshot,
    TooFewRespondentsView,
)
from fphkiosk.ui.audience_pages import (
    BestWorstPage,
    ChoicePage,
    ClosedPage,
    ConnectingPage,
    JoinPage,
    ResultRow,
    ResultsPage,
    WaitingPage,
    choice_text,
    text_label,
    touch_button,
)
from fphkiosk.ui.audience_scale_pages import ScaleForm, ScaleResultPage
from fphkiosk.ui.theme import Palette

WINDOWED_SIZE = (1280, 800)
ERROR_COLOUR = "#A3200B"
SAVED_COLOUR = "#1B6B3A"
WARNING_COLOUR = "#9A5B00"


class Connection(Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"


@dataclass(frozen=True)
class AudienceView:
    """Everything the window shows, derived from the client's snapshot."""

    snapshot: Snapshot
    connection: Connection
    pending: AnswerBody | None = None
    """The latest answer sent to the current activity and not yet acknowledged."""
    show_result: bool = True
    """False once the personal result has expired or the participant pressed "Terminer"."""
    result_seconds: int = 60
    error: str = ""
    """The server's refusal of the last answer, in French, as sent."""


class AudienceWindow(QWidget):
    """The participant's screen: a status bar over one page at a time."""

    join_requested = Signal(str, str)
    join_cancelled = Signal()
    answer_chosen = Signal(str, object)
    """(activity id, AnswerBody)"""
    result_finished = Signal()
    quit_requested = Signal()

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
        snapshot, activity = view.snapshot, view.snapshot.activity
        slide = snapshot.slide
        self.slide_label.setText(
            self._tr("audience.slide", number=slide.index + 1, count=slide.count, title=slide.title)
        )
        self._activity_id = activity.id if activity is not None else ""
        if activity is None or activity.status == "idle":
            self._show_waiting(view, "")
        elif activity.kind == "scale":
            self._render_scale(view, activity)
        elif activity.status == "open":
            self._render_question(view, activity)
        elif activity.status == "closed":
            mine = view.pending or snapshot.my_answer
            self.closed_page.show_closed(activity.question, self._mine_text(activity, mine))
            self._show(self.closed_page)
        else:
            self._show_results(activity, snapshot.my_answer)

    # Pages ------------------------------------------------------------------------------------

    def _show_waiting(self, view: AudienceView, note: str) -> None:
        self.waiting_page.show_slide(view.snapshot.slide.title, note)
        self._show(self.waiting_page)

    def _answer_status(self, view: AudienceView) -> tuple[str, str]:
        if view.pending is not None:
            return self._tr("audience.answer.sending"), "sending"
        if view.error:
            return view.error, "error"
        if view.snapshot.my_answer is not None:
            return self._tr("audience.answer.saved"), "saved"
        return self._tr("audience.answer.hint"), "hint"

    def _render_question(self, view: AudienceView, activity: ActivityView) -> None:
        mine = view.pending or view.snapshot.my_answer
        status, state = self._answer_status(view)
        if activity.mode == "best-worst":
            confirmed = (mine.best, mine.worst) if isinstance(mine, BestWorstBody) else None
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
        selected = mine.choice if isinstance(mine, ChoiceBody) else None
        self.choice_page.show_question(activity.question, activity.choices, selected, status, state)
        self._show(self.choice_page)

    def _render_scale(self, view: AudienceView, activity: ActivityView) -> None:
        snapshot = view.snapshot
        result = snapshot.my_result
        if result is not None and result.activity_id == activity.id and view.show_result:
            self._show_personal_result(activity, result, view.result_seconds)
        elif activity.status == "open" and activity.scale is not None:
            answered = snapshot.my_answer is not None and view.pending is None and not view.error
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
            mine = view.pending or snapshot.my_answer
            self.closed_page.show_closed(activity.question, self._mine_text(activity, mine))
            self._show(self.closed_page)
        else:
            self._show_results(activity, snapshot.my_answer)

    def _show_personal_result(
        self, activity: ActivityView, result: PersonalView, seconds: int
    ) -> None:
        self.result_page.show_result(activity.question, result, seconds)
        self._show(self.result_page)

    def _show_results(self, activity: ActivityView, mine: AnswerBody | None) -> None:
        summary, rows = result_rows(activity, mine, self._tr)
        self.results_page.show_results(activity.question, summary, rows)
        self._show(self.results_page)

    def _mine_text(self, activity: ActivityView, mine: AnswerBody | None) -> str:
        tr, choices = self._tr, activity.choices
        if isinstance(mine, ChoiceBody) and mine.choice < len(choices):
            return tr("audience.closed.mine", answer=choice_text(mine.choice, choices[mine.choice]))
        if isinstance(mine, BestWorstBody) and max(mine.best, mine.worst) < len(choices):
            return tr(
                "audience.closed.mine_best_worst",
                best=choice_text(mine.best, choices[mine.best]),
                worst=choice_text(mine.worst, choices[mine.worst]),
            )
        if isinstance(mine, ScaleBody):
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

    # From the participant ---------------------------------------------------------------------

    def _on_choice_page_clicked(self, index: int) -> None:
        self.answer_chosen.emit(self._activity_id, ChoiceBody(choice=index))

    def _on_best_worst_sent(self, best: int, worst: int) -> None:
        self.answer_chosen.emit(self._activity_id, BestWorstBody(best=best, worst=worst))

    def _on_scale_sent(self, options: list[int]) -> None:
        self.answer_chosen.emit(self._activity_id, ScaleBody(options=list(options)))


def result_rows(
    activity: ActivityView, mine: AnswerBody | None, tr: Translator
) -> tuple[str, list[ResultRow]]:
    """The revealed result as a summary line and rows (counts and shares)."""
    results, language, choices = activity.results, tr.language, activity.choices

    def count_text(count: int, total: int) -> str:
        share = format_percent(count / total if total else 0.0, language=language)
        return tr("audience.results.count", count=count, share=share)

    if isinstance(results, TooFewRespondentsView):
        return tr("audience.results.too_few", minimum=results.minimum), []
    if isinstance(results, ChoiceCountsView):
        total = sum(results.counts)
        rows = []
        for i, count in enumerate(results.counts):
            label = choice_text(i, choices[i]) if i < len(choices) else str(i + 1)
            if i == results.correct:
                label = tr("audience.results.correct", label=label)
            if isinstance(mine, ChoiceBody) and mine.choice == i:
                label = tr("audience.results.yours", label=label)
            share = count / total if total else 0.0
            rows.append(ResultRow(label, count_text(count, total), share, i == results.correct))
        summary = tr("audience.results.respondents", count=results.respondents)
        return summary, rows
    if isinstance(results, BestWorstCountsView):
        prompts = [
            *activity.prompts,
            tr("audience.best_worst.best"),
            tr("audience.best_worst.worst"),
        ]
        best_prompt, worst_prompt = (prompts[0], prompts[1]) if activity.prompts else prompts[2:4]
        rows = []
        for prompt, counts in ((best_prompt, results.best), (worst_prompt, results.worst)):
            total = sum(counts)
            rows.append(ResultRow(prompt, "", None, True))
            for i, count in enumerate(counts):
                label = choice_text(i, choices[i]) if i < len(choices) else str(i + 1)
                rows.append(
                    ResultRow(label, count_text(count, total), count / total if total else 0)
                )
        return tr("audience.results.respondents", count=results.respondents), rows
    if isinstance(results, ScaleSummaryView):
        # A withheld band (None) gets "< 5" and an empty bar; its share is withheld with it.
        total = results.respondents
        withheld = tr("charts.withheld", minimum=results.minimum)
        rows = [
            ResultRow(
                tr("audience.results.band", label=band.label, min=band.min, max=band.max),
                withheld if band.count is None else count_text(band.count, total),
                0.0 if band.count is None or not total else band.count / total,
            )
            for band in results.bands
        ]
        mean = format_number(results.mean, 1, language=language)
        summary = tr("audience.results.scale_summary", count=results.respondents, mean=mean)
        return summary, rows
    return "", []


def audience_style(p: Palette, family: str) -> str:
    """The window's style sheet: the slide theme's calm colours, big type, large targets."""
    return f"""
QWidget {{ font-family: "{family}"; font-size: 24px; color: {p.text}; }}
#audience, QDialog, QScrollArea, QScrollArea > QWidget > QWidget {{ background: {p.background}; }}
#header {{ background: {p.section_background}; border-bottom: 2px solid {p.rule}; }}
QLabel[role="title"] {{ font-size: 36px; font-weight: bold; }}
QLabel[role="headline"] {{ font-size: 52px; font-weight: bold; color: {p.accent}; }}
QLabel[role="question"] {{ font-size: 34px; font-weight: bold; }}
QLabel[role="muted"] {{ font-size: 26px; color: {p.muted}; }}
QLabel[role="caption"], QLabel[role="connection"] {{ font-size: 20px; color: {p.muted}; }}
QLabel[role="small"] {{ font-size: 16px; color: {p.muted}; }}
QLabel[role="note"] {{ font-size: 22px; color: {p.muted}; font-style: italic; }}
QLabel[role="error"] {{ font-size: 22px; font-weight: bold; color: {ERROR_COLOUR}; }}
QLabel[role="status"] {{ font-size: 24px; color: {p.muted}; }}
QLabel[role="status"][state="saved"] {{ color: {SAVED_COLOUR}; font-weight: bold; }}
QLabel[role="status"][state="error"] {{ color: {ERROR_COLOUR}; font-weight: bold; }}
QLabel[role="progress"] {{ font-size: 28px; font-weight: bold; color: {p.accent}; }}
QLabel[role="prompt_best"] {{ font-size: 26px; font-weight: bold; color: {p.accent}; }}
QLabel[role="prompt_worst"] {{ font-size: 26px; font-weight: bold; color: {p.second_accent}; }}
QLabel[role="pin"] {{ font-size: 48px; min-height: 64px; }}
QLabel[role="row_strong"] {{ font-weight: bold; color: {p.accent}; }}
QLabel[role="dot"] {{ border-radius: 9px; background: {p.muted}; }}
QLabel[role="dot"][state="connected"] {{ background: {SAVED_COLOUR}; }}
QLabel[role="dot"][state="reconnecting"] {{ background: {WARNING_COLOUR}; }}
QLabel[role="connection"][state="reconnecting"] {{ color: {WARNING_COLOUR}; font-weight: bold; }}
QPushButton {{
    font-size: 26px; padding: 10px 28px; border-radius: 14px;
    border: 2px solid {p.box_border}; background: #FFFFFF; color: {p.text};
}}
QPushButton[role="choice"], QPushButton[role="best"], QPushButton[role="worst"],
QPushButton[role="review"] {{ text-align: left; }}
QPushButton[role="review"] {{ font-size: 20px; }}
QPushButton:checked {{ background: {p.accent}; color: {p.accent_text}; border-color: {p.accent}; }}
QPushButton[role="worst"]:checked {{
    background: {p.second_accent}; border-color: {p.second_accent};
}}
QPushButton[role="primary"] {{
    background: {p.accent}; color: {p.accent_text}; border-color: {p.accent}; font-weight: bold;
}}
QPushButton[role="secondary"] {{ background: {p.accent_soft}; }}
QPushButton:disabled {{
    background: {p.section_background}; color: {p.muted}; border-color: {p.rule};
}}
QPushButton[role="quit"] {{
    font-size: 18px; background: transparent; border: none; color: {p.muted}; padding: 4px 12px;
}}
QLineEdit {{
    font-size: 30px; padding: 6px 16px; border: 2px solid {p.box_border}; border-radius: 10px;
    background: #FFFFFF;
}}
QScrollBar:vertical {{
    width: 18px; background: {p.section_background}; border: none; border-radius: 9px;
}}
QScrollBar::handle:vertical {{ background: {p.box_border}; border-radius: 9px; min-height: 64px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QProgressBar {{
    background: {p.accent_soft}; border: none; border-radius: 8px; min-height: 28px;
    max-height: 28px; min-width: 240px;
}}
QProgressBar::chunk {{ background: {p.box_border}; border-radius: 8px; }}
QProgressBar[highlighted="true"]::chunk {{ background: {p.accent}; }}
"""
