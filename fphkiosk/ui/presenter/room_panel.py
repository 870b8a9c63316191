"""The console's room panel: who is connected, and the live slide's activities with their buttons.

It renders the ``ActivityState`` values it is given and forwards the trainer's clicks as signals;
the controller decides what they do. The presenter secret (for a phone remote) is shown only in a
dialog behind the "Télécommande" button, on the trainer's screen, never on the projector.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.core.deck import Activity, ScaleActivity
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.plain_text import escaped_rich_text
from fphkiosk.ui.presenter.join_panel import spaced_code
from fphkiosk.ui.presenter.results_view import PREVIEW_INCHES, ResultsView
from fphkiosk.ui.presenter.room_bridge import ActivityState
from fphkiosk.ui.qr_code import qr_image
from fphkiosk.ui.slides.text_fit import french_spacing

PREVIEW_SETTLE_MS = 150
"""The preview is drawn once the answers pause this long (the room refreshes every 100 ms in a
burst): its chart would otherwise be built and drawn in the middle of the burst, on the loop that
serves the answers. The count is in the card's label at once; the chart follows within 0.3 s."""

PANEL_STYLE = """
QScrollArea#cards, QWidget#cardsBox, QWidget#qt_scrollarea_viewport { background: transparent; }
QLabel#connected { font-size: 20pt; font-weight: bold; color: #f2f2f2; }
QLabel#roomCode { font-size: 13pt; color: #b8c4d0; }
QLabel#message { color: #ffb080; font-size: 12pt; }
QLabel#noActivity { color: #9fb0c0; font-size: 12pt; }
QFrame#activityCard { background: #262a31; border-radius: 6px; }
QLabel#activityTitle { font-size: 12pt; font-weight: bold; color: #f2f2f2; }
QLabel#activityStatus { font-size: 12pt; font-weight: bold; padding: 1px 8px; border-radius: 4px;
  background: #3a3f47; color: #e8e8e8; }
QLabel#activityStatus[status="open"] { background: #1f7a4d; color: #ffffff; }
QLabel#activityStatus[status="revealed"] { background: #3a5f86; color: #ffffff; }
QLabel#activityProgress { font-size: 13pt; color: #f2f2f2; }
QLabel#licence { font-size: 10pt; color: #f0c070; }
QLabel#previewCaption { font-size: 10pt; color: #9fb0c0; }
QPushButton { font-size: 11pt; padding: 4px 10px; }
"""


def confirm_licence_dialog(parent: QWidget, tr: Translator, title: str, licence: str) -> bool:
    """Show a scale's licence notice before launching it; True when the trainer goes ahead."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(tr("room_ui.licence_title"))
    # The scale's title and licence come from the deck: plain text, never rich text.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(tr("room_ui.licence_question", title=title))
    box.setInformativeText(escaped_rich_text(licence))
    launch = box.addButton(tr("room_ui.licence_confirm"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("room_ui.licence_cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(launch)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is launch


def activity_title(activity: Activity) -> str:
    return activity.scale.title if isinstance(activity, ScaleActivity) else activity.question


def count_text(tr: Translator, key: str, count: int) -> str:
    """ "1 réponse", "6 réponses": French puts 0 and 1 in the singular."""
    return tr(f"room_ui.{key}_{'one' if count <= 1 else 'many'}", count=count)


class RemoteDialog(QDialog):
    """The presenter secret, as text and as a QR code for the trainer's phone."""

    def __init__(self, tr: Translator, secret: str, url: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("room_ui.remote_title"))
        self.url = url
        explanation = QLabel(tr("room_ui.remote_text"), self)
        explanation.setWordWrap(True)
        self.qr_label = QLabel(self)
        self.qr_label.setPixmap(QPixmap.fromImage(qr_image(url, module_px=6)))
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.secret_label = QLabel(tr("room_ui.remote_secret", secret=secret), self)
        self.secret_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.secret_label.font())
        font.setPointSize(14)
        font.setBold(True)
        self.secret_label.setFont(font)
        buttons = QDialogButtonBox(self)
        buttons.addButton(tr("room_ui.remote_close"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.qr_label)
        layout.addWidget(self.secret_label)
        layout.addWidget(buttons)


class ActivityCard(QFrame):
    """One activity of the live slide: status, answers, buttons and the trainer's preview."""

    def __init__(self, tr: Translator, activity: Activity, parent: QWidget | None = None):
        super().__init__(parent)
        self._tr = tr
        self.activity = activity
        self.setObjectName("activityCard")
        kind = tr(f"room_ui.kind.{activity.kind}")
        # The deck's text, with French punctuation kept on its word when the label wraps.
        self.title_label = QLabel(french_spacing(f"{kind} — {activity_title(activity)}"), self)
        self.title_label.setObjectName("activityTitle")
        self.title_label.setWordWrap(True)
        # Deck text is never rich text: a question's "<img src=...>" is shown, not loaded.
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("activityStatus")
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("activityProgress")
        self.licence_label = QLabel(self)
        self.licence_label.setObjectName("licence")
        self.licence_label.setWordWrap(True)
        self.licence_label.setTextFormat(Qt.TextFormat.PlainText)
        licence = activity.scale.licence if isinstance(activity, ScaleActivity) else ""
        self.licence_label.setText(tr("room_ui.licence", text=licence) if licence else "")
        self.licence_label.setVisible(bool(licence))
        self.open_button = QPushButton(self)
        self.close_button = QPushButton(tr("room_ui.close"), self)
        self.reveal_button = QPushButton(tr("room_ui.reveal"), self)
        self.preview_caption = QLabel(tr("room_ui.preview_caption"), self)
        self.preview_caption.setObjectName("previewCaption")
        self.preview = ResultsView(
            tr, inches=PREVIEW_INCHES, bars="#262a31", settle_ms=PREVIEW_SETTLE_MS, parent=self
        )
        self.preview.setMinimumHeight(120)

        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label)
        status_row.addStretch(1)
        # Two rows of buttons: the side panel is narrow on a laptop screen.
        buttons = QGridLayout()
        buttons.addWidget(self.open_button, 0, 0)
        buttons.addWidget(self.close_button, 0, 1)
        buttons.addWidget(self.reveal_button, 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addLayout(status_row)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.licence_label)
        layout.addLayout(buttons)
        layout.addWidget(self.preview_caption)
        layout.addWidget(self.preview, 1)

    def show_state(self, state: ActivityState) -> None:
        tr = self._tr
        status = state.status
        self.status_label.setText(tr(f"room_ui.status.{status}"))
        self.status_label.setProperty("status", status)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.progress_label.setText(
            tr(
                "room_ui.progress",
                responses=count_text(tr, "responses", state.respondents),
                connected=count_text(tr, "connected", state.connected),
            )
        )
        self.open_button.setText(tr("room_ui.open" if status == "idle" else "room_ui.reopen"))
        self.open_button.setEnabled(status != "open")
        self.close_button.setEnabled(status == "open")
        self.reveal_button.setEnabled(status in ("open", "closed"))
        # Nothing to preview before the activity was ever opened.
        previewing = status != "idle"
        self.preview_caption.setVisible(previewing)
        self.preview.setVisible(previewing)
        if previewing:
            self.preview.show_results(state.activity, state.results, status == "revealed")


class RoomPanel(QWidget):
    """The live room in the console's side panel."""

    open_requested = Signal(str)
    close_requested = Signal(str)
    reveal_requested = Signal(str)
    join_toggle_requested = Signal()
    statistics_requested = Signal()

    def __init__(
        self,
        tr: Translator,
        room_code: str,
        presenter_secret: str,
        remote_url: str,
        parent: QWidget | None = None,
        *,
        kiosk_pin: str = "",
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._secret = presenter_secret
        self._remote_url = remote_url
        self.cards: dict[str, ActivityCard] = {}
        self.remote_dialog: RemoteDialog | None = None
        self.setObjectName("roomPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.connected_label = QLabel(self)
        self.connected_label.setObjectName("connected")
        self.code_label = QLabel(tr("room_ui.room_code", code=spaced_code(room_code)), self)
        self.code_label.setObjectName("roomCode")
        # For the trainer only: the PIN that lets a tablet leave audience mode's kiosk.
        self.pin_label = QLabel(tr("room_ui.kiosk_pin", pin=spaced_code(kiosk_pin)), self)
        self.pin_label.setObjectName("roomCode")
        self.pin_label.setToolTip(tr("room_ui.kiosk_pin_help"))
        self.pin_label.setVisible(bool(kiosk_pin))
        self.pin_warning_label = QLabel(self)
        self.pin_warning_label.setObjectName("message")
        self.pin_warning_label.setWordWrap(True)
        self.pin_warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pin_warning_label.setVisible(False)
        self.join_button = QPushButton(tr("room_ui.show_join"), self)
        self.join_button.setCheckable(True)
        self.remote_button = QPushButton(tr("room_ui.remote"), self)
        self.statistics_button = QPushButton(tr("stats_ui.button"), self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        self.no_activity_label = QLabel(self)
        self.no_activity_label.setObjectName("noActivity")
        self.no_activity_label.setWordWrap(True)

        self._cards_box = QWidget(self)
        self._cards_box.setObjectName("cardsBox")
        self._cards_layout = QVBoxLayout(self._cards_box)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.addWidget(self.no_activity_label)
        self._cards_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("cards")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._cards_box)

        top = QHBoxLayout()
        top.addWidget(self.connected_label)
        top.addStretch(1)
        top.addWidget(self.code_label)
        pin_row = QHBoxLayout()
        pin_row.addStretch(1)
        pin_row.addWidget(self.pin_label)
        # Two rows: in one, the three buttons would make the panel wider than the live slide
        # on a 1366×768 screen or at 150 %; the room code's button, the most used, spans both.
        buttons = QGridLayout()
        buttons.addWidget(self.join_button, 0, 0, 1, 2)
        buttons.addWidget(self.remote_button, 1, 0)
        buttons.addWidget(self.statistics_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(pin_row)
        layout.addWidget(self.pin_warning_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(scroll, 1)

        self.join_button.clicked.connect(self._on_join_button_clicked)
        self.remote_button.clicked.connect(self._on_remote_button_clicked)
        self.statistics_button.clicked.connect(self.statistics_requested)

    # Model -> UI ----------------------------------------------------------------------------

    def show_connected(self, connected: int) -> None:
        self.connected_label.setText(count_text(self._tr, "connected", connected))

    def show_pin_guessing(self, wrong: int) -> None:
        """Someone typed *wrong* wrong kiosk PINs: the trainer should know someone is guessing."""
        self.pin_warning_label.setText(self._tr("room_ui.pin_guessing", count=wrong))
        self.pin_warning_label.setVisible(True)

    def show_join_shown(self, shown: bool) -> None:
        self.join_button.setChecked(shown)
        self.join_button.setText(self._tr("room_ui.hide_join" if shown else "room_ui.show_join"))

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def show_activities(self, states: Sequence[ActivityState], hint: str = "") -> None:
        """Show *states* (the live slide's activities); *hint* when there are none."""
        ids = [state.activity.id for state in states]
        if ids != list(self.cards):
            self._rebuild(states)
        for state in states:
            self.cards[state.activity.id].show_state(state)
        self.no_activity_label.setText(hint)
        self.no_activity_label.setVisible(not states)

    def _rebuild(self, states: Sequence[ActivityState]) -> None:
        for card in self.cards.values():
            self._cards_layout.removeWidget(card)
            card.deleteLater()
        self.cards = {}
        for position, state in enumerate(states):
            card = ActivityCard(self._tr, state.activity, self._cards_box)
            activity_id = state.activity.id
            card.open_button.clicked.connect(lambda _=False, a=activity_id: self._on_open(a))
            card.close_button.clicked.connect(lambda _=False, a=activity_id: self._on_close(a))
            card.reveal_button.clicked.connect(lambda _=False, a=activity_id: self._on_reveal(a))
            # After the "no activity" label, before the stretch.
            self._cards_layout.insertWidget(1 + position, card)
            card.show()  # a child added to a shown panel would only show on the next loop turn
            self.cards[activity_id] = card

    # UI -> controller -----------------------------------------------------------------------

    def _on_open(self, activity_id: str) -> None:
        self.open_requested.emit(activity_id)

    def _on_close(self, activity_id: str) -> None:
        self.close_requested.emit(activity_id)

    def _on_reveal(self, activity_id: str) -> None:
        self.reveal_requested.emit(activity_id)

    def _on_join_button_clicked(self) -> None:
        # The controller decides; show_join_shown puts the button right again.
        self.join_button.setChecked(not self.join_button.isChecked())
        self.join_toggle_requested.emit()

    def _on_remote_button_clicked(self) -> None:
        if self.remote_dialog is None:
            # Parented to the window, not to this panel: the console's dark style sheet is set
            # below the window, and a dialog must keep the system's look.
            self.remote_dialog = RemoteDialog(
                self._tr, self._secret, self._remote_url, self.window()
            )
        self.remote_dialog.show()
        self.remote_dialog.raise_()
        self.remote_dialog.activateWindow()
