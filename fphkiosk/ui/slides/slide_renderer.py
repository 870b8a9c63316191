"""The one slide renderer: every slide is drawn on a fixed 1920 x 1080 canvas, then scaled.

The projector, the console's previews and the PNG/PDF export all go through ``paint``, so they show
the same slide. ``image`` keeps rendered slides per size, so a slide change is a blit.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from fphkiosk.core.deck import Deck, Slide
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.activity_painter import PaintContext
from fphkiosk.ui.slides.fonts import pixel_font, register_fonts
from fphkiosk.ui.slides.markdown_html import body_html, markdown_parser
from fphkiosk.ui.slides.slide_layout import SlideLayout
from fphkiosk.ui.slides.visuals import VisualCache
from fphkiosk.ui.theme import Theme

CANVAS_WIDTH, CANVAS_HEIGHT = 1920, 1080
CANVAS = QRectF(0, 0, CANVAS_WIDTH, CANVAS_HEIGHT)
CACHE_BUDGET_BYTES = 96 * 1024 * 1024
"""Rendered slides kept in memory: about 11 full-HD slides, or hundreds of console thumbnails."""

ASPECT_TOLERANCE = 0.01
_IMAGE_MARKDOWN = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def letterbox(target: QRectF) -> QRectF:
    """The largest 16:9 rectangle centred in *target* (*target* itself when it is 16:9 within 1 %).

    The tolerance keeps rounded sizes (a PDF page in device units, a widget of odd width) from
    getting a hairline black bar.
    """
    if target.height() > 0:
        ratio = (target.width() / target.height()) / (CANVAS_WIDTH / CANVAS_HEIGHT)
        if abs(ratio - 1) < ASPECT_TOLERANCE:
            return QRectF(target)
    scale = min(target.width() / CANVAS_WIDTH, target.height() / CANVAS_HEIGHT)
    width, height = CANVAS_WIDTH * scale, CANVAS_HEIGHT * scale
    return QRectF(
        target.left() + (target.width() - width) / 2,
        target.top() + (target.height() - height) / 2,
        width,
        height,
    )


class SlideRenderer:
    """Paints the slides of one deck; keeps what it rendered, per slide and size."""

    def __init__(self, deck: Deck, tr: Translator, theme: Theme | None = None) -> None:
        self._deck = deck
        self._tr = tr
        self._theme = theme or Theme()
        self._family = register_fonts()
        self._md = markdown_parser()
        self._html: dict[int, str] = {}
        self._images: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        self._cached_bytes = 0
        self._visuals = VisualCache(tr)
        self._layout = SlideLayout(PaintContext(self._theme, self._family, tr), self._visuals, deck)
        self.renders = 0
        """How many times a slide was actually drawn into an image (cache misses)."""

    @property
    def deck(self) -> Deck:
        return self._deck

    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def font_family(self) -> str:
        return self._family

    def paint(self, painter: QPainter, target: QRectF, slide: Slide) -> None:
        """Paint *slide* letterboxed (16:9, centred, black bars) into *target*."""
        self.blank(painter, target)
        frame = letterbox(target)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setClipRect(frame, Qt.ClipOperation.IntersectClip)
        painter.translate(frame.topLeft())
        painter.scale(frame.width() / CANVAS_WIDTH, frame.height() / CANVAS_HEIGHT)
        self._paint_canvas(painter, slide)
        painter.restore()

    def image(self, slide: Slide, size: QSize) -> QImage:
        """The slide rendered at *size* (cached per slide and size)."""
        key = (slide.index, size.width(), size.height())
        cached = self._images.get(key)
        if cached is not None:
            self._images.move_to_end(key)
            return cached
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor(self._theme.palette.blackout))
        painter = QPainter(image)
        try:
            self.paint(painter, QRectF(0, 0, size.width(), size.height()), slide)
        finally:
            painter.end()
        self.renders += 1
        self._remember(key, image)
        return image

    def prerender(self, slides: Iterable[Slide], size: QSize) -> None:
        """Render *slides* at *size* ahead of time (for instance the next one while presenting)."""
        for slide in slides:
            self.image(slide, size)

    def is_cached(self, slide: Slide, size: QSize) -> bool:
        return (slide.index, size.width(), size.height()) in self._images

    def blank(self, painter: QPainter, target: QRectF) -> None:
        """Paint the blackout (black)."""
        painter.fillRect(target, QColor(self._theme.palette.blackout))

    def clear_cache(self) -> None:
        self._images.clear()
        self._cached_bytes = 0
        self._visuals.clear()

    def _remember(self, key: tuple[int, int, int], image: QImage) -> None:
        self._images[key] = image
        self._cached_bytes += image.sizeInBytes()
        while self._cached_bytes > CACHE_BUDGET_BYTES and len(self._images) > 1:
            _, dropped = self._images.popitem(last=False)
            self._cached_bytes -= dropped.sizeInBytes()

    def _paint_canvas(self, painter: QPainter, slide: Slide) -> None:
        p, s = self._theme.palette, self._theme.sizes
        if slide.layout == "image":
            # A page brought from a PDF already has its own design: it alone fills the screen,
            # centred on black when its proportions are not 16:9, like a presentation viewer.
            painter.fillRect(CANVAS, QColor(p.blackout))
            if slide.images:
                self._visuals.paint_picture(
                    painter, CANVAS, slide.images[0], fill_tolerance=ASPECT_TOLERANCE
                )
            return
        painter.fillRect(
            CANVAS, QColor(p.section_background if slide.layout == "section" else p.background)
        )
        painter.fillRect(QRectF(0, 0, CANVAS_WIDTH, s.band_height), QColor(p.accent))
        html = self._body_html(slide)
        body_bottom = CANVAS_HEIGHT - s.footer_height - s.footer_gap
        if slide.layout == "title":
            self._layout.paint_title(
                painter, slide, html, CANVAS_WIDTH, CANVAS_HEIGHT - s.margin_top
            )
            return
        if slide.layout == "section":
            self._layout.paint_section(painter, slide, html, CANVAS_WIDTH, body_bottom)
        else:
            self._layout.paint_content(painter, slide, html, CANVAS_WIDTH, body_bottom)
        self._paint_footer(painter, slide)

    def _paint_footer(self, painter: QPainter, slide: Slide) -> None:
        p, s = self._theme.palette, self._theme.sizes
        top = CANVAS_HEIGHT - s.footer_height
        painter.fillRect(QRectF(s.margin_x, top, CANVAS_WIDTH - 2 * s.margin_x, 2), QColor(p.rule))
        font = pixel_font(self._family, s.footer_px)
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor(p.muted))
        number = self._tr("render.page_number", number=slide.index, total=len(self._deck.slides))
        text_rect = QRectF(s.margin_x, top + 2, CANVAS_WIDTH - 2 * s.margin_x, s.footer_height - 2)
        number_width = painter.fontMetrics().horizontalAdvance(number) + 60
        title = painter.fontMetrics().elidedText(
            self._deck.meta.title,
            Qt.TextElideMode.ElideRight,
            int(text_rect.width() - number_width),
        )
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text_rect, int(align | Qt.AlignmentFlag.AlignLeft), title)
        painter.drawText(text_rect, int(align | Qt.AlignmentFlag.AlignRight), number)
        painter.restore()

    def _body_html(self, slide: Slide) -> str:
        html = self._html.get(slide.index)
        if html is None:
            text = _IMAGE_MARKDOWN.sub("", slide.body).strip()
            html = body_html(self._md, text) if text else ""
            self._html[slide.index] = html
        return html
