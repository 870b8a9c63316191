"""Audience mode's screens: joining, waiting, a question, best / worst, a scale, results.

Each page shows what the window tells it and forwards what the participant does as a signal. The
only state a page keeps is what is being selected before it is sent (best / worst picks, a
scale's answers in progress); everything else comes from the room's snapshot, every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.activity_painter import choice_letter

TOUCH_HEIGHT = 72
"""Every button a finger aims at is at least this tall (pixels)."""


@dataclass(frozen=True)
class ResultRow:
    """One line of a revealed result: a choice (or band), its count and share."""

    label: str
    value: str
    share: float | None
    """None for a heading row (no bar)."""
    highlighted: bool = False
    """The correct answer, or a heading."""


def text_label(text: str = "", role: str = "body") -> QLabel:
    """A word-wrapped label styled by its *role* (see the window's style sheet)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def touch_button(text: str, role: str = "choice", *, checkable: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("role", role)
    button.setCheckable(checkable)
    button.setMinimumHeight(TOUCH_HEIGHT)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    # Touch screens have no keyboard focus ring to follow; a focused button would look selected.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def choice_text(index: int, choice: str) -> str:
    """The choice with the letter the projector shows next to it."""
    return f"{choice_letter(index)}   {choice}"


def column(page: QWidget, spacing: int = 24) -> QVBoxLayout:
    layout = QVBoxLayout(page)
    layout.setContentsMargins(64, 28, 64, 28)
    layout.setSpacing(spacing)
    return layout


def clear_layout(layout: QVBoxLayout | QGridLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


class JoinPage(QWidget):
    """The room's address and code, both shown on the projector."""

    join_requested = Signal(str, str)

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self)
        layout.addStretch(1)
        layout.addWidget(text_label(tr("audience.join.title"), "title"))
        layout.addWidget(text_label(tr("audience.join.hint"), "muted"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("audience.join.address_placeholder"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("audience.join.code_placeholder"))
        self.code.setMaxLength(32)
        for caption, field in (
            (tr("audience.join.address"), self.address),
            (tr("audience.join.code"), self.code),
        ):
            field.setMinimumHeight(TOUCH_HEIGHT)
            field.returnPressed.connect(self._on_join_clicked)
            layout.addWidget(text_label(caption, "caption"))
            layout.addWidget(field)
        self.error = text_label("", "error")
        layout.addWidget(self.error)
        self.join_button = touch_button(tr("audience.join.button"), "primary")
        self.join_button.clicked.connect(self._on_join_clicked)
        layout.addWidget(self.join_button)
        layout.addStretch(2)

    def show_form(self, address: str, code: str, error: str) -> None:
        self.address.setText(address)
        self.code.setText(code)
        self.error.setText(error)
        self.error.setVisible(bool(error))

    def _on_join_clicked(self) -> None:
        self.join_requested.emit(self.address.text().strip(), self.code.text().strip())


class ConnectingPage(QWidget):
    """Before the first welcome: the client keeps trying on its own; the address may be wrong."""

    cancelled = Signal()

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self)
        layout.addStretch(1)
        layout.addWidget(text_label(tr("audience.connecting.title"), "title"))
        self.address = text_label("", "muted")
        layout.addWidget(self.address)
        back = touch_button(tr("audience.connecting.change"), "secondary")
        back.clicked.connect(self.cancelled)
        layout.addWidget(back, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)

    def show_address(self, address: str) -> None:
        self.address.setText(address)


class WaitingPage(QWidget):
    """Between activities: look at the projector."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self)
        layout.addStretch(1)
        self.headline = text_label(tr("audience.waiting.title"), "headline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.slide = text_label("", "muted")
        self.slide.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = text_label("", "note")
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.headline, self.slide, self.note):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_slide(self, slide_line: str, note: str) -> None:
        self.slide.setText(slide_line)
        self.note.setText(note)
        self.note.setVisible(bool(note))


class ChoicePage(QWidget):
    """A single-choice poll or quiz: one tap sends; the recorded choice stays highlighted."""

    choice_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self, 20)
        self.question = text_label("", "question")
        layout.addWidget(self.question)
        self._choices_box = QVBoxLayout()
        self._choices_box.setSpacing(16)
        layout.addLayout(self._choices_box)
        self.status = text_label("", "status")
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.buttons: list[QPushButton] = []
        self._shown: tuple[str, ...] = ()

    def show_question(
        self, question: str, choices: Sequence[str], selected: int | None, status: str, state: str
    ) -> None:
        self.question.setText(question)
        if tuple(choices) != self._shown:
            self._rebuild(choices)
        for i, button in enumerate(self.buttons):
            button.setChecked(i == selected)
        self.status.setText(status)
        self.status.setProperty("state", state)
        self.status.style().polish(self.status)

    def _rebuild(self, choices: Sequence[str]) -> None:
        clear_layout(self._choices_box)
        self.buttons = []
        for i, choice in enumerate(choices):
            button = touch_button(choice_text(i, choice), checkable=True)
            # The highlight follows the server, not the tap: a tap only asks to send.
            button.clicked.connect(lambda _checked=False, i=i: self._on_choice_clicked(i))
            self._choices_box.addWidget(button)
            self.buttons.append(button)
        self._shown = tuple(choices)

    def _on_choice_clicked(self, index: int) -> None:
        self.buttons[index].setChecked(not self.buttons[index].isChecked())
        self.choice_clicked.emit(index)


class BestWorstPage(QWidget):
    """Pick the best and the worst (two different choices), then send."""

    answer_sent = Signal(int, int)

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        layout = column(self, 20)
        self.question = text_label("", "question")
        layout.addWidget(self.question)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(32)
        self._grid.setVerticalSpacing(14)
        layout.addLayout(self._grid)
        self.status = text_label("", "status")
        layout.addWidget(self.status)
        self.send_button = touch_button(tr("audience.best_worst.send"), "primary")
        self.send_button.clicked.connect(self._on_send_clicked)
        layout.addWidget(self.send_button)
        layout.addStretch(1)
        self.best_buttons: list[QPushButton] = []
        self.worst_buttons: list[QPushButton] = []
        self._key = ""
        self._best: int | None = None
        self._worst: int | None = None
        self._confirmed: tuple[int, int] | None = None

    def show_question(
        self,
        key: str,
        question: str,
        choices: Sequence[str],
        prompts: Sequence[str],
        confirmed: tuple[int, int] | None,
        status: str,
    ) -> None:
        """*key* names the activity: a new one starts a new selection, from *confirmed*."""
        self.question.setText(question)
        if key != self._key:
            self._key = key
            self._rebuild(choices, prompts)
            self._best, self._worst = confirmed or (None, None)
        self._confirmed = confirmed
        self._status_text = status
        self._refresh()

    def _rebuild(self, choices: Sequence[str], prompts: Sequence[str]) -> None:
        clear_layout(self._grid)
        best_prompt = prompts[0] if prompts else self._tr("audience.best_worst.best")
        worst_prompt = prompts[1] if len(prompts) > 1 else self._tr("audience.best_worst.worst")
        self._grid.addWidget(text_label(best_prompt, "prompt_best"), 0, 0)
        self._grid.addWidget(text_label(worst_prompt, "prompt_worst"), 0, 1)
        self.best_buttons, self.worst_buttons = [], []
        for column, buttons in ((0, self.best_buttons), (1, self.worst_buttons)):
            role = "best" if column == 0 else "worst"
            for i, choice in enumerate(choices):
                button = touch_button(choice_text(i, choice), role, checkable=True)
                button.clicked.connect(
                    lambda _checked=False, i=i, column=column: self._on_pick_clicked(column, i)
                )
                self._grid.addWidget(button, i + 1, column)
                buttons.append(button)

    def _on_pick_clicked(self, column: int, index: int) -> None:
        if column == 0:
            self._best = index
            if self._worst == index:
                self._worst = None
        else:
            self._worst = index
            if self._best == index:
                self._best = None
        self._refresh()

    def _refresh(self) -> None:
        for i, button in enumerate(self.best_buttons):
            button.setChecked(i == self._best)
        for i, button in enumerate(self.worst_buttons):
            button.setChecked(i == self._worst)
        complete = self._best is not None and self._worst is not None
        changed = (self._best, self._worst) != (self._confirmed or (None, None))
        self.send_button.setEnabled(complete and changed)
        if changed and self._confirmed is not None:
            self.status.setText(self._tr("audience.best_worst.changed"))
        elif changed and complete:
            self.status.setText(self._tr("audience.best_worst.ready"))
        elif changed:
            self.status.setText(self._tr("audience.best_worst.pick_both"))
        else:
            self.status.setText(self._status_text)

    def _on_send_clicked(self) -> None:
        if self._best is not None and self._worst is not None:
            self.answer_sent.emit(self._best, self._worst)


class ClosedPage(QWidget):
    """Answers are closed; the participant's own answer, if any, is recalled."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self)
        layout.addStretch(1)
        layout.addWidget(text_label(tr("audience.closed.title"), "headline"))
        self.question = text_label("", "muted")
        self.mine = text_label("", "body")
        layout.addWidget(self.question)
        layout.addWidget(self.mine)
        layout.addWidget(text_label(tr("audience.waiting.title"), "note"))
        layout.addStretch(1)

    def show_closed(self, question: str, mine: str) -> None:
        self.question.setText(question)
        self.mine.setText(mine)


class ResultsPage(QWidget):
    """The room's result once revealed: counts and shares, the correct answer, or why withheld."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = column(self, 18)
        layout.addWidget(text_label(tr("audience.results.title"), "caption"))
        self.question = text_label("", "question")
        layout.addWidget(self.question)
        self.summary = text_label("", "body")
        layout.addWidget(self.summary)
        self._rows = QGridLayout()
        self._rows.setHorizontalSpacing(20)
        self._rows.setVerticalSpacing(12)
        self._rows.setColumnStretch(1, 1)
        layout.addLayout(self._rows)
        layout.addStretch(1)
        self.row_texts: list[str] = []

    def show_results(self, question: str, summary: str, rows: list[ResultRow]) -> None:
        self.question.setText(question)
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        clear_layout(self._rows)
        self.row_texts = []
        for r, row in enumerate(rows):
            name = text_label(row.label, "row_strong" if row.highlighted else "row")
            self.row_texts.append(f"{row.label} {row.value}".strip())
            if row.share is None:
                self._rows.addWidget(name, r, 0, 1, 3)
                continue
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(round(row.share * 1000))
            bar.setTextVisible(False)
            bar.setProperty("highlighted", row.highlighted)
            value = text_label(row.value, "row_strong" if row.highlighted else "row")
            self._rows.addWidget(name, r, 0)
            self._rows.addWidget(bar, r, 1)
            self._rows.addWidget(value, r, 2)
