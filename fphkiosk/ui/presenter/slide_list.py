"""The console's list of slides: numbered titles with thumbnails, to preview and send live."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from fphkiosk.core.deck import Deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.plain_text import escaped_rich_text
from fphkiosk.ui.slides.slide_renderer import SlideRenderer

THUMBNAIL_SIZE = QSize(128, 72)
LIVE_BACKGROUND = QColor("#1f6f3f")
# Thumbnails are drawn a few at a time once the event loop is idle, so a long deck does not
# delay the first projected slide.
THUMBNAILS_PER_TICK = 2


class SlideList(QListWidget):
    """One row per slide; selecting a row previews it, double-clicking sends it live."""

    slide_previewed = Signal(int)
    """0-based index of the slide the trainer selected."""
    slide_activated = Signal(int)
    """0-based index of the slide the trainer double-clicked."""

    def __init__(
        self,
        deck: Deck,
        renderer: SlideRenderer,
        tr: Translator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        slides = deck.slides
        deck_title = deck.meta.title
        self._slides = slides
        self._renderer = renderer
        self._live = -1
        self.setObjectName("slideList")
        self.setIconSize(THUMBNAIL_SIZE)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setAccessibleName(tr("console.slide_list"))
        placeholder = QPixmap(THUMBNAIL_SIZE)
        placeholder.fill(QColor("#303030"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for slide in slides:
            # The course's title page has no heading of its own: it shows the deck's title.
            title = slide.title or deck_title
            item = QListWidgetItem(
                QIcon(placeholder), tr("console.slide_item", number=slide.index, title=title)
            )
            # A tooltip would take a title with markup for rich text: escaped, it is shown as is.
            item.setToolTip(escaped_rich_text(title))
            self.addItem(item)
        self.currentRowChanged.connect(self._on_list_current_row_changed)
        self.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self._pending = list(range(len(slides)))
        self._thumbnail_timer = QTimer(self)
        self._thumbnail_timer.setInterval(0)
        self._thumbnail_timer.timeout.connect(self._on_thumbnail_timer_timeout)

    def start_thumbnails(self) -> None:
        if self._pending:
            self._thumbnail_timer.start()

    def _on_thumbnail_timer_timeout(self) -> None:
        for _ in range(THUMBNAILS_PER_TICK):
            if not self._pending:
                self._thumbnail_timer.stop()
                return
            index = self._pending.pop(0)
            image = self._renderer.image(self._slides[index], THUMBNAIL_SIZE)
            item = self.item(index)
            if item is not None:
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    @property
    def thumbnails_pending(self) -> int:
        return len(self._pending)

    def show_live(self, index: int) -> None:
        """Mark the slide on the projector."""
        previous = self.item(self._live) if self._live >= 0 else None
        if previous is not None:
            previous.setBackground(QBrush())
            previous.setFont(QFont())
        self._live = index
        item = self.item(index)
        if item is not None:
            item.setBackground(QBrush(LIVE_BACKGROUND))
            bold = QFont()
            bold.setBold(True)
            item.setFont(bold)

    def show_preview(self, index: int) -> None:
        """Select the previewed slide without echoing it back as a user action."""
        if self.currentRow() == index:
            return
        self.blockSignals(True)
        try:
            self.setCurrentRow(index)
        finally:
            self.blockSignals(False)
        item = self.item(index)
        if item is not None:
            self.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)

    def _on_list_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.slide_previewed.emit(row)

    def _on_list_item_double_clicked(self, item: QListWidgetItem) -> None:
        self.slide_activated.emit(self.row(item))

    def keyboardSearch(self, search: str) -> None:
        # Typed digits are slide numbers for the presenter keys, never a search in the list.
        return

    def sizeHint(self) -> QSize:
        return QSize(THUMBNAIL_SIZE.width() + 200, super().sizeHint().height())
