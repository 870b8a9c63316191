"""The presenter console: live slide, next slide or preview, notes, clocks and the slide list.

The console renders what the controller tells it (``show_live``, ``show_preview``...) and
forwards what the trainer asks for through its signals; it never changes the presentation itself.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.presenter.clock import ClockBar, ElapsedTime
from fphkiosk.ui.presenter.slide_list import SlideList
from fphkiosk.ui.slides.slide_view import SlideView

ConfirmQuit = Callable[[QWidget], "QuitChoice | bool"]
"""Asks whether to quit; a plain True / False means quit / stay."""

NOTES_POINT_SIZE = 17
COLUMN_SHARES = (0.2, 0.45, 0.35)
"""Slide list, live slide and notes, next slide and room panel: shares of the console's width."""
CONSOLE_BACKGROUND = "QWidget#console { background: #1c1f24; }"
# Set on the console's body, not on the window, so dialogs parented to the console keep their look.
CONSOLE_STYLE = """
QWidget#consoleBody { background: #1c1f24; color: #e8e8e8; }
QLabel { color: #e8e8e8; }
QLabel#position { font-size: 22pt; font-weight: bold; }
QLabel#elapsed, QLabel#wallClock { font-size: 20pt; }
QLabel#wallClock { color: #b8c4d0; }
QLabel#blackout { background: #000; color: #fff; border: 2px solid #e0a000; padding: 2px 10px;
  font-size: 15pt; font-weight: bold; }
QLabel#typedNumber { background: #e0a000; color: #000; padding: 2px 10px; font-size: 15pt;
  font-weight: bold; }
QLabel#projectedResults, QLabel#projectedJoin { background: #3a5f86; color: #fff; padding: 2px 10px;
  font-size: 13pt; font-weight: bold; }
QLabel.caption { color: #9fb0c0; font-size: 13pt; font-weight: bold; }
QLabel#previewCaption[previewing="true"] { color: #f0b030; }
QTextBrowser#notes { background: #262a31; color: #f2f2f2; border: none; padding: 8px; }
QListWidget#slideList { background: #23262c; color: #e8e8e8; border: none; font-size: 12pt; }
QListWidget#slideList::item { padding: 4px; }
QListWidget#slideList::item:selected { background: #3a5f86; color: #fff; }
QPushButton { font-size: 13pt; padding: 6px 14px; }
QPushButton#sendLive { font-weight: bold; }
QLabel#keysHelp { color: #9fb0c0; font-size: 11pt; padding-top: 6px; }
QTabWidget::pane { border: none; }
"""


class QuitChoice(enum.Enum):
    STAY = "stay"
    QUIT = "quit"
    SAVE_AND_QUIT = "save_and_quit"
    """End, after saving the session's statistics and purging its answers (with a room)."""


class ConsoleWindow(QWidget):
    """The trainer's screen."""

    slide_previewed = Signal(int)
    """The trainer selected a slide in the list (0-based)."""
    send_live_requested = Signal()
    """The trainer asked to project the previewed slide."""
    slide_activated = Signal(int)
    """The trainer double-clicked a slide in the list (0-based): preview it and project it."""
    closed = Signal()
    """The console closed after the trainer confirmed: the application ends."""

    def __init__(
        self,
        deck: Deck,
        tr: Translator,
        slide_list: SlideList,
        live_view: SlideView,
        preview_view: SlideView,
        clock_bar: ClockBar,
        elapsed: ElapsedTime,
        confirm_quit: ConfirmQuit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._deck = deck
        self._tr = tr
        self._confirm_quit = confirm_quit
        self._elapsed = elapsed
        self._closing_confirmed = False
        self.quit_choice = QuitChoice.QUIT
        """How the trainer chose to end: the application saves the statistics after the room."""
        self._live = 0
        self._preview = 0
        # Notes are wrapped in the source file: a single newline is a space, as in CommonMark.
        self._markdown = MarkdownIt("commonmark", {"html": False})
        # No picture in the notes: an image path there would be loaded from anywhere on disk.
        self._markdown.add_render_rule("image", _render_nothing)
        self.slide_list = slide_list
        self.live_view = live_view
        self.preview_view = preview_view
        self.clock_bar = clock_bar
        self.setObjectName("console")
        self.setWindowTitle(tr("console.window_title", title=deck.meta.title))
        self.setStyleSheet(CONSOLE_BACKGROUND)
        self._build()
        # The slide views keep a 16:9 height so the space under them goes to the notes.
        self.live_view.installEventFilter(self)
        self.preview_view.installEventFilter(self)
        self.slide_list.slide_previewed.connect(self._on_slide_list_slide_previewed)
        self.slide_list.slide_activated.connect(self._on_slide_list_slide_activated)
        self.send_live_button.clicked.connect(self._on_send_live_button_clicked)

    # Layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        tr = self._tr
        self.position_label = QLabel(self)
        self.position_label.setObjectName("position")
        self.blackout_label = self._badge(tr("console.blackout_on"), "blackout")
        self.typed_number_label = self._badge("", "typedNumber")
        # What the projector shows over the slide, in words beside the live pane's picture.
        self.projected_results_label = self._badge(
            tr("console.projected_results"), "projectedResults"
        )
        self.projected_join_label = self._badge(tr("console.projected_join"), "projectedJoin")
        # The trainer's states on one row, the projector's on the other: all four in one row
        # would make the console wider than a 1366×768 screen or one at 150 %. A row with
        # nothing shown takes no room.
        badges = QGridLayout()
        badges.setContentsMargins(0, 0, 0, 0)
        badges.setVerticalSpacing(2)
        badges.addWidget(self.blackout_label, 0, 0)
        badges.addWidget(self.typed_number_label, 0, 1)
        badges.addWidget(self.projected_results_label, 1, 0)
        badges.addWidget(self.projected_join_label, 1, 1)
        header = QHBoxLayout()
        header.addWidget(self.position_label)
        header.addSpacing(16)
        header.addLayout(badges)
        header.addStretch(1)
        header.addWidget(self.clock_bar)

        self.live_caption = self._caption(tr("console.live_caption"))
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("notes")
        self.notes.setOpenLinks(False)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        notes_font = QFont(self.font())
        notes_font.setPointSize(NOTES_POINT_SIZE)
        self.notes.setFont(notes_font)
        self.notes.document().setDefaultFont(notes_font)
        self.notes_caption = self._caption(tr("console.notes_caption"))
        center = QWidget(self)
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 4, 0, 0)
        center_layout.addWidget(self.live_caption)
        # The view is capped at its 16:9 height (see eventFilter): what is left goes to the notes.
        center_layout.addWidget(self.live_view, 3)
        center_layout.addWidget(self.notes_caption)
        center_layout.addWidget(self.notes, 2)

        self.preview_caption = self._caption("")
        self.preview_caption.setObjectName("previewCaption")
        self.send_live_button = QPushButton(tr("console.send_live"), self)
        self.send_live_button.setObjectName("sendLive")
        self.send_live_button.setToolTip(tr("console.send_live_tip"))
        self.keys_help = QLabel(tr("console.keys_help"), self)
        self.keys_help.setObjectName("keysHelp")
        self.keys_help.setWordWrap(True)
        # Room for the live room's panel (polls, answers): added later with add_side_panel.
        self.side_panels = QTabWidget(self)
        # Every tab's title in full, never behind scroll arrows.
        self.side_panels.setUsesScrollButtons(False)
        self.side_panels.setVisible(False)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 4, 0, 0)
        right_layout.addWidget(self.preview_caption)
        right_layout.addWidget(self.preview_view, 3)
        right_layout.addWidget(self.send_live_button)
        right_layout.addWidget(self.keys_help)
        right_layout.addWidget(self.side_panels, 4)
        right_layout.addStretch(1)
        self._right_layout = right_layout

        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.setChildrenCollapsible(False)
        body.addWidget(self.slide_list)
        body.addWidget(center)
        body.addWidget(right)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 5)
        body.setStretchFactor(2, 3)
        self._splitter = body
        self._shares_applied = False

        self._body = QWidget(self)
        self._body.setObjectName("consoleBody")
        self._body.setStyleSheet(CONSOLE_STYLE)
        layout = QVBoxLayout(self._body)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addLayout(header)
        layout.addWidget(body, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._body)

    def _badge(self, text: str, name: str) -> QLabel:
        """A state shown in the header while it lasts; squeezed, its words wrap."""
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setProperty("class", "caption")
        return label

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, SlideView):
            watched.setMaximumHeight(watched.heightForWidth(watched.width()))
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shares_applied:
            QTimer.singleShot(0, self._apply_column_shares)

    def _apply_column_shares(self) -> None:
        """The live slide gets the widest column, whatever the room panel's long lines ask for:
        on a 1366×768 screen, or at 150 %, the panels' preferred widths would squeeze it."""
        self._shares_applied = True
        width = self._splitter.width()
        self._splitter.setSizes([round(width * share) for share in COLUMN_SHARES])

    def add_side_panel(self, panel: QWidget, title: str) -> int:
        """Add a panel (for instance the live room's) beside the slides; returns its tab index.

        The first panel takes the room the keys' help used: the help moves to a tab of its own.
        """
        if self.side_panels.count() == 0:
            self._right_layout.removeWidget(self.keys_help)
            self.side_panels.addTab(self.keys_help, self._tr("console.keys_tab"))
            self.keys_help.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            # The panels now take the height the stretch kept free under the help.
            self._right_layout.setStretch(self._right_layout.count() - 1, 0)
            self.side_panels.setVisible(True)
        index = self.side_panels.insertTab(self.side_panels.count() - 1, panel, title)
        self.side_panels.setCurrentIndex(index)
        return index

    # Model -> UI ----------------------------------------------------------------------------

    def show_live(self, index: int) -> None:
        self._live = index
        slides = self._deck.slides
        self.live_view.set_slide(slides[index])
        self.position_label.setText(
            self._tr("console.position", number=index + 1, total=len(slides))
        )
        self.notes.setHtml(self._notes_html(slides[index].notes))
        self.slide_list.show_live(index)
        self._refresh_preview()

    def show_preview(self, index: int) -> None:
        self._preview = index
        self.slide_list.show_preview(index)
        self._refresh_preview()

    def show_blackout(self, active: bool) -> None:
        self.blackout_label.setVisible(active)
        # Black on the projector, black here: the live pane shows what the room sees.
        self.live_view.set_blackout(active)

    def show_projected(self, results: bool, join: bool) -> None:
        """Say what the projector shows over the slide: revealed results, the join card."""
        self.projected_results_label.setVisible(results)
        self.projected_join_label.setVisible(join)

    def show_typed_number(self, text: str) -> None:
        self.typed_number_label.setText(self._tr("console.typed_number", number=text))
        self.typed_number_label.setVisible(bool(text))

    def _refresh_preview(self) -> None:
        slides = self._deck.slides
        previewing = self._preview != self._live
        if previewing:
            self.preview_view.set_slide(slides[self._preview])
            caption = self._tr("console.preview_caption", number=self._preview + 1)
        elif self._live + 1 < len(slides):
            self.preview_view.set_slide(slides[self._live + 1])
            caption = self._tr("console.next_caption", number=self._live + 2)
        else:
            self.preview_view.set_slide(None)
            caption = self._tr("console.end_caption")
        self.preview_caption.setText(caption)
        self.preview_caption.setProperty("previewing", "true" if previewing else "false")
        # A dynamic property only restyles after the style is re-applied.
        self.preview_caption.style().unpolish(self.preview_caption)
        self.preview_caption.style().polish(self.preview_caption)
        self.send_live_button.setEnabled(previewing)

    def _notes_html(self, notes: str) -> str:
        if not notes.strip():
            return f"<p><i>{self._tr('console.no_notes')}</i></p>"
        return str(self._markdown.render(notes))

    @property
    def notes_text(self) -> str:
        return self.notes.toPlainText()

    # UI -> controller -----------------------------------------------------------------------

    def _on_slide_list_slide_previewed(self, index: int) -> None:
        self.slide_previewed.emit(index)

    def _on_slide_list_slide_activated(self, index: int) -> None:
        self.slide_activated.emit(index)

    def _on_send_live_button_clicked(self) -> None:
        self.send_live_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_confirmed:
            answer = self._confirm_quit(self)
            if isinstance(answer, bool):
                answer = QuitChoice.QUIT if answer else QuitChoice.STAY
            if answer is QuitChoice.STAY:
                event.ignore()
                return
            self.quit_choice = answer
        self._closing_confirmed = True
        event.accept()
        self.closed.emit()

    def close_without_asking(self) -> None:
        """End without the confirmation (benchmark runs, the application shutting down)."""
        self._closing_confirmed = True
        self.close()


def _render_nothing(
    self: object, tokens: Sequence[Token], idx: int, options: object, env: object
) -> str:
    return ""
