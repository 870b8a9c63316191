"""Audience mode's scale screens: one item at a time, a check before sending, the own result.

The answers in progress are the only state kept here; the participant's result comes from the
room's acknowledgement and is never stored.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.core.i18n import Translator
from fphkiosk.core.participant_view import ScaleSheet
from fphkiosk.core.privacy import PersonalResult
from fphkiosk.ui.audience.pages import (
    clear_layout,
    column,
    text_label,
    touch_button,
)


class ScaleForm(QStackedWidget):
    """A scale, one item at a time, then a check of every answer before sending."""

    answers_sent = Signal(list)

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._key = ""
        self._scale = ScaleSheet(title="", instructions="", options=(), items=())
        self._answers: list[int | None] = []
        self.index = 0
        self._build_item_page()
        self._build_check_page()

    # Pages ------------------------------------------------------------------------------------

    def _build_item_page(self) -> None:
        page = QWidget()
        layout = column(page, 18)
        self.title = text_label("", "muted")
        self.progress = text_label("", "progress")
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.progress)
        layout.addLayout(heading)
        self.instructions = text_label("", "caption")
        layout.addWidget(self.instructions)
        self.item = text_label("", "question")
        layout.addWidget(self.item)
        self._options_box = QVBoxLayout()
        self._options_box.setSpacing(14)
        layout.addLayout(self._options_box)
        layout.addStretch(1)
        self.licence = text_label("", "small")
        layout.addWidget(self.licence)
        nav = QHBoxLayout()
        self.back_button = touch_button(self._tr("audience.scale.back"), "secondary")
        self.back_button.clicked.connect(self._on_back_clicked)
        self.next_button = touch_button(self._tr("audience.scale.next"), "secondary")
        self.next_button.clicked.connect(self._on_next_clicked)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        self.option_buttons: list[QPushButton] = []
        self.addWidget(page)

    def _build_check_page(self) -> None:
        page = QWidget()
        layout = column(page, 16)
        layout.addWidget(text_label(self._tr("audience.scale.check_title"), "title"))
        layout.addWidget(text_label(self._tr("audience.scale.check_hint"), "muted"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        rows = QWidget()
        self._rows = QVBoxLayout(rows)
        self._rows.setSpacing(10)
        scroll.setWidget(rows)
        layout.addWidget(scroll, 1)
        self.check_status = text_label("", "status")
        layout.addWidget(self.check_status)
        self.send_button = touch_button(self._tr("audience.scale.send"), "primary")
        self.send_button.clicked.connect(self._on_send_clicked)
        layout.addWidget(self.send_button)
        self.review_buttons: list[QPushButton] = []
        self.addWidget(page)

    # From the window --------------------------------------------------------------------------

    def show_scale(self, key: str, scale: ScaleSheet, status: str, sending: bool) -> None:
        """*key* names the activity; a new one starts with blank answers at the first item."""
        if key != self._key:
            self._key = key
            self._scale = scale
            self._answers = [None] * len(scale.items)
            self.index = 0
            self._rebuild_options()
            self.setCurrentIndex(0)
        self.check_status.setText(status)
        self.send_button.setEnabled(not sending)
        for button in self.review_buttons:
            button.setEnabled(not sending)
        self._refresh()

    @property
    def on_check_page(self) -> bool:
        return self.currentIndex() == 1

    # Participant ------------------------------------------------------------------------------

    def _rebuild_options(self) -> None:
        clear_layout(self._options_box)
        self.option_buttons = []
        for i, option in enumerate(self._scale.options):
            button = touch_button(option, checkable=True)
            button.clicked.connect(lambda _checked=False, i=i: self._on_option_clicked(i))
            self._options_box.addWidget(button)
            self.option_buttons.append(button)

    def _on_option_clicked(self, option: int) -> None:
        self._answers[self.index] = option
        # Straight on to the next item: nine taps for nine items; the check page catches slips.
        self._go(self.index + 1)

    def _on_back_clicked(self) -> None:
        self._go(self.index - 1)

    def _on_next_clicked(self) -> None:
        self._go(self.index + 1)

    def _go(self, index: int) -> None:
        count = len(self._answers)
        if index >= count:
            self.index = count - 1
            self._fill_check_page()
            self.setCurrentIndex(1)
        else:
            self.index = max(0, index)
            self.setCurrentIndex(0)
        self._refresh()

    def _on_review_clicked(self, index: int) -> None:
        self._go(index)

    def _on_send_clicked(self) -> None:
        if all(answer is not None for answer in self._answers):
            self.answers_sent.emit([answer for answer in self._answers if answer is not None])

    def _refresh(self) -> None:
        if not self._answers:
            return
        scale, i = self._scale, self.index
        self.title.setText(scale.title)
        self.progress.setText(self._tr("audience.scale.progress", n=i + 1, total=len(scale.items)))
        self.item.setText(scale.items[i])
        # The licence and the instructions belong on the scale's first screen, in small print.
        self.instructions.setText(scale.instructions if i == 0 else "")
        self.instructions.setVisible(i == 0 and bool(scale.instructions))
        self.licence.setText(scale.licence if i == 0 else "")
        self.licence.setVisible(i == 0 and bool(scale.licence))
        for option, button in enumerate(self.option_buttons):
            button.setChecked(self._answers[i] == option)
        self.back_button.setEnabled(i > 0)
        last = i == len(scale.items) - 1
        self.next_button.setText(
            self._tr("audience.scale.to_check" if last else "audience.scale.next")
        )
        self.next_button.setEnabled(self._answers[i] is not None)

    def _fill_check_page(self) -> None:
        clear_layout(self._rows)
        self.review_buttons = []
        for i, (item, answer) in enumerate(zip(self._scale.items, self._answers, strict=True)):
            option = self._scale.options[answer] if answer is not None else "—"
            button = touch_button(
                self._tr("audience.scale.check_row", n=i + 1, item=item, answer=option), "review"
            )
            button.clicked.connect(lambda _checked=False, i=i: self._on_review_clicked(i))
            self._rows.addWidget(button)
            self.review_buttons.append(button)
        self._rows.addStretch(1)


class ScaleResultPage(QWidget):
    """The participant's own result: on this tablet only, for a short while."""

    finished = Signal()

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        layout = column(self, 20)
        layout.addStretch(1)
        self.title = text_label("", "muted")
        self.score = text_label("", "headline")
        self.band = text_label("", "title")
        self.advice = text_label("", "body")
        self.privacy = text_label("", "note")
        for widget in (self.title, self.score, self.band, self.advice, self.privacy):
            layout.addWidget(widget)
        self.finish_button = touch_button(tr("audience.result.finish"), "primary")
        self.finish_button.clicked.connect(self.finished)
        layout.addWidget(self.finish_button)
        layout.addStretch(1)

    def show_result(self, title: str, result: PersonalResult, seconds: int) -> None:
        self.title.setText(title)
        self.score.setText(
            self._tr("audience.result.score", score=result.score, max=result.max_score)
        )
        self.band.setText(result.band_label)
        self.advice.setText(result.advice)
        self.advice.setVisible(bool(result.advice))
        self.privacy.setText(self._tr("audience.result.privacy", seconds=seconds))
