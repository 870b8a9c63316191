"""Audience mode's writing pages: a question, an open answer or words, with the room's approved
texts (questions to upvote); and a poll with several answers.

The pages keep no room state: they are given what to show and say what the participant did.
Texts are shown as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from fphkiosk.core.aggregation import BoardItem
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.audience.pages import choice_text, clear_layout, column, text_label, touch_button


class WritePage(QWidget):
    """Write and send a text; for questions, vote for the approved ones."""

    text_sent = Signal(str)
    vote_toggled = Signal(str, bool)
    """(item id, on)"""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._activity = ""
        self._max_length = 280
        layout = column(self, 16)
        self.question = text_label("", "question")
        self.label = text_label("", "caption")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("write")
        self.editor.setMinimumHeight(120)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.label.setBuddy(self.editor)
        self.counter = text_label("", "caption")
        self.send_button = touch_button("", "primary")
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.status = text_label("", "status")
        self.board_title = text_label("", "caption")
        self._board = QVBoxLayout()
        self._board.setSpacing(8)
        for widget in (self.question, self.label, self.editor, self.counter, self.send_button):
            layout.addWidget(widget)
        layout.addWidget(self.status)
        layout.addWidget(self.board_title)
        layout.addLayout(self._board)
        layout.addStretch(1)
        self.vote_buttons: dict[str, QPushButton] = {}

    def show_activity(
        self,
        activity_id: str,
        kind: str,
        question: str,
        *,
        can_write: bool,
        max_length: int,
        board: Sequence[BoardItem] | None,
        my_votes: Sequence[str],
        status: str,
        state: str,
    ) -> None:
        if activity_id != self._activity:
            self.editor.setPlainText("")
            self._activity = activity_id
        self._max_length = max_length
        tr = self._tr
        self.question.setText(question)
        self.label.setText(tr(f"web.write.label.{kind}", max=3))
        self.send_button.setText(tr(f"web.write.send.{kind}"))
        for widget in (self.label, self.editor, self.counter, self.send_button):
            widget.setVisible(can_write)
        self._on_editor_text_changed()
        self.status.setText(status)
        self.status.setProperty("state", state)
        self.status.style().polish(self.status)
        clear_layout(self._board)
        self.vote_buttons = {}
        self.board_title.setVisible(board is not None)
        if board is None:
            return
        self.board_title.setText(tr(f"web.write.board.{kind}"))
        if not board:
            self._board.addWidget(text_label(tr("web.write.none_approved"), "caption"))
        for item in board:
            row = QHBoxLayout()
            text = text_label(item.text)
            text.setWordWrap(True)
            row.addWidget(text, 1)
            count = tr("web.write.votes" if kind == "qa" else "web.write.times", count=item.count)
            if kind == "qa" and can_write and not item.answered:
                button = touch_button(count, "choice", checkable=True)
                voted = item.item_id in my_votes
                button.setChecked(voted)
                name = tr("web.write.unvote" if voted else "web.write.vote", count=count)
                button.setAccessibleName(name)
                button.clicked.connect(
                    lambda _c=False, i=item.item_id, on=not voted: self.vote_toggled.emit(i, on)
                )
                self.vote_buttons[item.item_id] = button
                row.addWidget(button)
            else:
                row.addWidget(text_label(count, "caption"))
            self._board.addLayout(row)

    def _on_editor_text_changed(self) -> None:
        length = len(self.editor.toPlainText())
        self.counter.setText(self._tr("web.write.count", count=length, max=self._max_length))

    def _on_send_button_clicked(self) -> None:
        self.text_sent.emit(self.editor.toPlainText())


class MultiChoicePage(QWidget):
    """Several answers: tick up to the maximum, then send."""

    choices_sent = Signal(list)

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        layout = column(self, 16)
        self.question = text_label("", "question")
        self.hint = text_label("", "caption")
        self._choices = QVBoxLayout()
        self._choices.setSpacing(12)
        self.send_button = touch_button(tr("web.multiple.send"), "primary")
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.status = text_label("", "status")
        layout.addWidget(self.question)
        layout.addWidget(self.hint)
        layout.addLayout(self._choices)
        layout.addWidget(self.send_button)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.buttons: list[QPushButton] = []
        self._shown: tuple[str, ...] = ()
        self._most = 1

    def show_question(
        self,
        question: str,
        choices: Sequence[str],
        most: int,
        chosen: Sequence[int],
        status: str,
        state: str,
    ) -> None:
        self.question.setText(question)
        self.hint.setText(self._tr("web.multiple.hint", max=most))
        self._most = most
        if tuple(choices) != self._shown:
            clear_layout(self._choices)
            self.buttons = []
            for index, choice in enumerate(choices):
                button = touch_button(choice_text(index, choice), checkable=True)
                button.toggled.connect(self._on_choice_toggled)
                self._choices.addWidget(button)
                self.buttons.append(button)
            self._shown = tuple(choices)
            for index in chosen:
                if index < len(self.buttons):
                    self.buttons[index].setChecked(True)
        self.status.setText(status)
        self.status.setProperty("state", state)
        self.status.style().polish(self.status)
        self._on_choice_toggled()

    def _ticked(self) -> list[int]:
        return [i for i, b in enumerate(self.buttons) if b.isChecked()]

    def _on_choice_toggled(self, _checked: bool = False) -> None:
        ticked = self._ticked()
        for button in self.buttons:
            button.setEnabled(button.isChecked() or len(ticked) < self._most)
        self.send_button.setEnabled(bool(ticked))

    def _on_send_button_clicked(self) -> None:
        self.choices_sent.emit(self._ticked())
