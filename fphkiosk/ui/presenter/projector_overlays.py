"""Over the projected slide: a question from the room, large (the spotlight), and a countdown.

Both are plain-text labels (a participant's text is never read as markup) sized from the slide's
frame, so they read from the back of the room at any projector resolution.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fphkiosk.core.i18n import Translator
from fphkiosk.ui.countdown import countdown_text
from fphkiosk.ui.theme import Theme


class SpotlightPanel(QFrame):
    """One question of the room, large, on the slide's background."""

    def __init__(
        self, tr: Translator, theme: Theme, family: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._family = family
        self.setObjectName("spotlight")
        palette = theme.palette
        self.setStyleSheet(
            f"#spotlight {{ background: {palette.background}; border-top: 18px solid"
            f" {palette.accent}; }} QLabel {{ color: {palette.text}; }}"
        )
        self.heading = QLabel(tr("charts.spotlight"), self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet(f"color: {palette.accent};")
        self.text_label = QLabel(self)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text_label, 1)

    def show_text(self, text: str) -> None:
        self.text_label.setText(text)
        self._fit()

    def place(self, frame: QRect) -> None:
        self.setGeometry(frame)
        margin = round(frame.width() * 0.06)
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin, margin // 2, margin, margin)
        self._fit()

    def _fit(self) -> None:
        height = max(1, self.height())
        text = self.text_label.text()
        # Longer questions get smaller type, never under a size read from the back of the room.
        share = 0.085 if len(text) <= 90 else 0.068 if len(text) <= 180 else 0.052
        font = QFont(self._family)
        font.setPixelSize(max(18, round(height * share)))
        font.setBold(True)
        self.text_label.setFont(font)
        heading = QFont(font)
        heading.setPixelSize(max(12, round(height * 0.045)))
        heading.setBold(False)
        self.heading.setFont(heading)


class CountdownLabel(QLabel):
    """The time left of a timed activity, in the slide's top right corner."""

    def __init__(self, theme: Theme, family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._family = family
        self.setObjectName("countdown")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        palette = theme.palette
        self.setStyleSheet(
            f"#countdown {{ background: {palette.accent}; color: {palette.background};"
            " border-radius: 12px; }"
        )

    def show_seconds(self, seconds: float) -> None:
        self.setText(countdown_text(seconds))

    def place(self, frame: QRect) -> None:
        width, height = round(frame.width() * 0.14), round(frame.height() * 0.11)
        self.setGeometry(
            frame.right() - width - round(frame.width() * 0.02),
            frame.top() + round(frame.height() * 0.02),
            width,
            height,
        )
        font = QFont(self._family)
        font.setPixelSize(max(12, round(height * 0.62)))
        font.setBold(True)
        self.setFont(font)
