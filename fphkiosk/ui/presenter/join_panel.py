"""How to join the room, over the projected slide: the address, its QR code and the room code.

Drawn on the slides' 1920 x 1080 canvas (scaled like the slide under it) as one card in the lower
right corner, where the title slide leaves room. The address is the laptop's LAN address, found
from the network interfaces only: nothing is ever sent to find it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QTransform
from PySide6.QtWidgets import QWidget

from fphkiosk.core.i18n import Translator
from fphkiosk.ui.qr_code import paint_qr
from fphkiosk.ui.slides.fonts import pixel_font, register_fonts
from fphkiosk.ui.slides.slide_layout import JOIN_CARD
from fphkiosk.ui.slides.slide_renderer import CANVAS_HEIGHT, CANVAS_WIDTH, letterbox
from fphkiosk.ui.slides.text_fit import draw_text, fitted_font
from fphkiosk.ui.theme import Theme

# The card, in canvas pixels, where the title slide leaves it room (see slide_layout.JOIN_CARD).
CARD = JOIN_CARD
ALONE_SCALE = 1.6
"""On any other slide the card is a screen of its own, this much larger, centred."""
PADDING = 34.0
QR_SIDE = 380.0
CODE_PX = 104.0
URL_PX = 30.0


def _authority(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def join_url(address: str, port: int, room_code: str) -> str:
    """The participants' address, with the room code so that nobody has to type it."""
    return f"http://{_authority(address, port)}/?code={room_code}"


def remote_url(address: str, port: int, secret: str) -> str:
    """The trainer's phone remote; the secret is in the fragment, which browsers never send."""
    return f"http://{_authority(address, port)}/remote#secret={secret}"


def spaced_code(code: str) -> str:
    """ "AC3 4K7": two groups of three, easier to read aloud and to type."""
    middle = (len(code) + 1) // 2
    return f"{code[:middle]} {code[middle:]}" if len(code) > 4 else code


class JoinPanel(QWidget):
    """The join card over the slide; transparent elsewhere so the slide shows around it."""

    def __init__(self, tr: Translator, theme: Theme | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._tr = tr
        self._theme = theme or Theme()
        self._family = register_fonts()
        self._url = ""
        self._code = ""
        self._alone = False
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    @property
    def alone(self) -> bool:
        """True when the card replaces the slide rather than sitting in its free corner."""
        return self._alone

    def set_alone(self, alone: bool) -> None:
        """Over the title slide, the card takes the room the page leaves it (False); over any
        other slide, whose content fills the page, it is a screen of its own (True)."""
        if alone != self._alone:
            self._alone = alone
            self.update()

    @property
    def url(self) -> str:
        return self._url

    @property
    def code_text(self) -> str:
        """The room code as projected."""
        return spaced_code(self._code)

    def set_join(self, url: str, room_code: str) -> None:
        self._url = url
        self._code = room_code
        self.update()

    def qr_rect(self) -> QRectF:
        """Where the QR code (with its white quiet zone) is drawn, in widget pixels."""
        frame = letterbox(QRectF(self.rect()))
        return self._canvas_transform(frame).mapRect(self._qr_canvas_rect())

    def _canvas_transform(self, frame: QRectF) -> QTransform:
        """Canvas pixels to widget pixels; alone, the card is scaled up about the centre."""
        transform = QTransform()
        transform.translate(frame.left(), frame.top())
        transform.scale(frame.width() / CANVAS_WIDTH, frame.height() / CANVAS_HEIGHT)
        if self._alone:
            transform.translate(CANVAS_WIDTH / 2, CANVAS_HEIGHT / 2)
            transform.scale(ALONE_SCALE, ALONE_SCALE)
            transform.translate(-CARD.center().x(), -CARD.center().y())
        return transform

    def _qr_canvas_rect(self) -> QRectF:
        return QRectF(CARD.right() - PADDING - QR_SIDE, CARD.top() + PADDING, QR_SIDE, QR_SIDE)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._url:
            return
        frame = letterbox(QRectF(self.rect()))
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            if self._alone:
                painter.fillRect(frame, QColor(self._theme.palette.background))
            painter.setTransform(self._canvas_transform(frame))
            self._paint_card(painter)
        finally:
            painter.end()

    def _paint_card(self, painter: QPainter) -> None:
        palette = self._theme.palette
        radius = self._theme.sizes.box_radius
        painter.setPen(QPen(QColor(palette.accent), 6))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(CARD, radius, radius)
        qr = self._qr_canvas_rect()
        paint_qr(painter, qr, self._url)

        left = CARD.left() + PADDING
        width = qr.left() - PADDING - left
        top = CARD.top() + PADDING
        heading = self._tr("room_ui.join_heading")
        heading_font = fitted_font(self._family, heading, width, 140, 42, 28, bold=True)
        used = draw_text(
            painter, QRectF(left, top, width, 140), heading, heading_font, palette.text
        )
        top = used.bottom() + 26
        label_font = pixel_font(self._family, 32)
        used = draw_text(
            painter,
            QRectF(left, top, width, 44),
            self._tr("room_ui.join_code"),
            label_font,
            palette.muted,
        )
        top = used.bottom() + 4
        code_font = _one_line_font(self._family, self.code_text, width, CODE_PX, bold=True)
        code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, code_font.pixelSize() * 0.12)
        painter.setFont(code_font)
        painter.setPen(QColor(palette.accent))
        code_height = QFontMetricsF(code_font).height()
        painter.drawText(
            QRectF(left, top, width + 40, code_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.code_text,
        )

        url_top = qr.bottom() + 18
        url_width = CARD.right() - PADDING - left
        prompt = self._tr("room_ui.join_url", url=self._url)
        url_font = _one_line_font(self._family, prompt, url_width, URL_PX)
        painter.setFont(url_font)
        painter.setPen(QColor(palette.text))
        painter.drawText(
            QRectF(left, url_top, url_width, CARD.bottom() - url_top - 12),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            prompt,
        )


def _one_line_font(
    family: str, text: str, width: float, start_px: float, *, bold: bool = False
) -> QFont:
    """The largest font up to *start_px* that keeps *text* on one line of *width* (an address or a
    code must never wrap)."""
    size = start_px
    while True:
        font = pixel_font(family, size, bold=bold)
        if size <= 12 or QFontMetricsF(font).horizontalAdvance(text) * 1.15 <= width:
            return font
        size -= 2
