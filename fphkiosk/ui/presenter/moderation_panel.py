"""The console's moderation queue: the room's texts, the flagged parts highlighted, and the
trainer's decisions (approve, hide, mark answered, spotlight on the projector).

The panel keeps no room state: it is given the activity's texts (``show_texts``) and says what the
trainer chose (``moderation_requested``). A participant's text is escaped before it is shown.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.core.i18n import Translator
from fphkiosk.core.room_changes import TEXT_STATES, TextItem, TextState

FLAG_STYLE = "background-color:#FFE0B2; color:#7A2E00; font-weight:bold;"
"""Dark orange on light orange: a flagged part stands out, readable, not only by colour (bold)."""
PANEL_STYLE = """
QPushButton { font-size: 11pt; padding: 4px 10px; }
"""
"""Compact buttons, as in the room panel: the side panel is narrow on a laptop screen."""


def highlighted_html(item: TextItem) -> str:
    """The text, escaped, with each flagged part marked."""
    parts: list[str] = []
    at = 0
    for flag in sorted(item.flags, key=lambda f: f.start):
        if flag.start < at:
            continue
        parts.append(html.escape(item.text[at : flag.start]))
        parts.append(
            f'<span style="{FLAG_STYLE}">{html.escape(item.text[flag.start : flag.end])}</span>'
        )
        at = flag.end
    parts.append(html.escape(item.text[at:]))
    return "".join(parts)


class ModerationPanel(QWidget):
    """Texts of one qa, open or words activity, by state, with the trainer's buttons."""

    moderation_requested = Signal(str, str, str)
    """(activity id, item id, action): approve, hide, answered, spotlight, unspotlight."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tr = tr
        self._activity_id: str | None = None
        self._kind = ""
        self._items: list[TextItem] = []
        self._spotlit: str | None = None
        self.caption = QLabel(self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.setStyleSheet(PANEL_STYLE)
        self.tabs = QTabBar(self)
        # Every state's tab in full, never behind scroll arrows.
        self.tabs.setUsesScrollButtons(False)
        for state in TEXT_STATES:
            self.tabs.addTab(tr(f"moderation.tab.{state}", count=0))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        # Dark text on light rows whatever the console's theme: a text is read, not glanced at.
        self.list.setStyleSheet(
            "QListWidget { background: #FFFFFF; }"
            " QListWidget::item { border-bottom: 1px solid #C9D3DC; }"
            " QListWidget::item:selected { background: #D5E6F3; }"
            " QLabel { color: #18202C; background: transparent; }"
        )
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.approve_button = self._button("approve")
        self.hide_button = self._button("hide")
        self.answered_button = self._button("answered")
        self.spotlight_button = self._button("spotlight")
        self.unspotlight_button = self._button("unspotlight")
        # The decisions on one row, the projector's on another: in one row of five the panel
        # would be wider than the console's live slide on a 1366×768 screen or at 150 %.
        decisions = QHBoxLayout()
        for button in (self.approve_button, self.hide_button, self.answered_button):
            decisions.addWidget(button)
        projector = QHBoxLayout()
        projector.addWidget(self.spotlight_button)
        projector.addWidget(self.unspotlight_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.tabs)
        layout.addWidget(self.list, 1)
        layout.addLayout(decisions)
        layout.addLayout(projector)
        self.show_texts(None, "", "", (), None)

    def _button(self, action: str) -> QPushButton:
        button = QPushButton(self._tr(f"moderation.action.{action}"), self)
        button.setObjectName(f"moderation_{action}")
        button.clicked.connect(lambda: self._on_action_button_clicked(action))
        return button

    # Model -> UI ----------------------------------------------------------------------------

    @property
    def state_shown(self) -> TextState:
        return TEXT_STATES[max(0, self.tabs.currentIndex())]

    def show_texts(
        self,
        activity_id: str | None,
        kind: str,
        question: str,
        items: Sequence[TextItem],
        spotlit: str | None,
    ) -> None:
        """The texts of *activity_id* (None: the live slide has no text activity)."""
        if activity_id != self._activity_id:
            self.tabs.setCurrentIndex(0)
        self._activity_id, self._kind = activity_id, kind
        self._items, self._spotlit = list(items), spotlit
        if activity_id is None:
            self.caption.setText(self._tr("moderation.none"))
        else:
            self.caption.setText(self._tr("moderation.caption", question=question))
        for index, state in enumerate(TEXT_STATES):
            count = sum(1 for i in items if i.state == state)
            self.tabs.setTabText(index, self._tr(f"moderation.tab.{state}", count=count))
        self._fill()

    def _fill(self) -> None:
        selected = self.selected_item_id
        self.list.clear()
        for item in self._items:
            if item.state != self.state_shown:
                continue
            row = QListWidgetItem(self.list)
            row.setData(Qt.ItemDataRole.UserRole, item.item_id)
            label = QLabel(self._row_html(item), self.list)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(6, 4, 6, 4)
            row.setSizeHint(label.sizeHint())
            self.list.setItemWidget(row, label)
            if item.item_id == selected:
                self.list.setCurrentItem(row)
        self._update_buttons()

    def _row_html(self, item: TextItem) -> str:
        details = [self._tr(self._count_key(), count=item.count)]
        if item.flagged:
            names = sorted({self._tr(f"moderation.flag.{f.category}") for f in item.flags})
            details.insert(0, self._tr("moderation.flagged", categories=", ".join(names)))
        if item.item_id == self._spotlit:
            details.insert(0, self._tr("moderation.on_projector"))
        detail = html.escape(" · ".join(details))
        return f"{highlighted_html(item)}<br><small>{detail}</small>"

    def _count_key(self) -> str:
        return "moderation.votes" if self._kind == "qa" else "moderation.writers"

    @property
    def selected_item_id(self) -> str | None:
        row = self.list.currentItem()
        if row is None:
            return None
        value = row.data(Qt.ItemDataRole.UserRole)
        return value if isinstance(value, str) else None

    def select(self, item_id: str) -> None:
        """Show *item_id*'s tab and select it (for the remote's and tests' sake)."""
        state = next((i.state for i in self._items if i.item_id == item_id), None)
        if state is None:
            return
        self.tabs.setCurrentIndex(TEXT_STATES.index(state))
        for index in range(self.list.count()):
            row = self.list.item(index)
            if row.data(Qt.ItemDataRole.UserRole) == item_id:
                self.list.setCurrentItem(row)

    def _update_buttons(self) -> None:
        item = next((i for i in self._items if i.item_id == self.selected_item_id), None)
        state = None if item is None else item.state
        self.approve_button.setEnabled(state in ("new", "hidden", "answered"))
        self.hide_button.setEnabled(state in ("new", "approved", "answered"))
        self.answered_button.setEnabled(self._kind == "qa" and state == "approved")
        self.spotlight_button.setEnabled(item is not None and item.item_id != self._spotlit)
        self.unspotlight_button.setEnabled(self._spotlit is not None)

    # UI -> intent ---------------------------------------------------------------------------

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._fill()

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._update_buttons()

    def _on_action_button_clicked(self, action: str) -> None:
        if self._activity_id is None:
            return
        item_id = self._spotlit if action == "unspotlight" else self.selected_item_id
        if item_id is not None:
            self.moderation_requested.emit(self._activity_id, item_id, action)
