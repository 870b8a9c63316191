"""Where things go on the canvas for each layout (title, section, content), and the body split."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from fphkiosk.core.deck import Activity, ChartBlock, Deck, Slide
from fphkiosk.ui.slides.activity_painter import PaintContext, paint_activity
from fphkiosk.ui.slides.markdown_html import fitted_document, natural_height
from fphkiosk.ui.slides.text_fit import draw_text, fitted_font, text_height
from fphkiosk.ui.slides.visuals import VisualCache

JOIN_CARD = QRectF(940, 540, 920, 500)
"""Where the projector's join card sits on the title slide, in canvas pixels. The title page
keeps its lines left of it and its title above it, so the card never covers them."""
JOIN_CARD_GAP = 40.0

Visual = ChartBlock | Activity | Path

STACK_SHARE = 0.3
"""Body text shorter than this share of the body area goes above the visual, else beside it."""
SIDE_TEXT_SHARE = 0.42
TOP = Qt.AlignmentFlag.AlignTop
LEFT = Qt.AlignmentFlag.AlignLeft
CENTRE = Qt.AlignmentFlag.AlignHCenter


class SlideLayout:
    """Draws one slide's parts in canvas coordinates; the renderer owns the scaling and caching."""

    def __init__(self, ctx: PaintContext, visuals: VisualCache, deck: Deck) -> None:
        self._ctx = ctx
        self._visuals = visuals
        self._deck = deck

    def paint_content(
        self, painter: QPainter, slide: Slide, html: str, width: float, bottom: float
    ) -> None:
        """Title at the top with an accent rule, body and visuals below."""
        s = self._ctx.theme.sizes
        top = self._paint_slide_title(painter, slide.title, width)
        area = QRectF(s.margin_x, top, width - 2 * s.margin_x, bottom - top)
        self._paint_body(painter, area, slide, html)

    def paint_section(
        self, painter: QPainter, slide: Slide, html: str, width: float, bottom: float
    ) -> None:
        """A part's opening: big centred title, the speakers' names below."""
        p, s = self._ctx.theme.palette, self._ctx.theme.sizes
        inner = width - 2 * s.margin_x
        font = fitted_font(
            self._ctx.family, slide.title, inner, 300, s.section_title_px, s.title_px, bold=True
        )
        title_height = min(300.0, text_height(font, slide.title, inner))
        visuals = _visuals(slide)
        body_height = 0.0
        if html and not visuals:
            body_height = min(
                bottom * 0.45, natural_height(html, self._ctx.theme, self._ctx.family, inner)
            )
        total = title_height + 60 + body_height
        top = max(s.margin_top + 40, (bottom - total) / 2)
        if visuals:
            top = s.margin_top + 40
        draw_text(
            painter,
            QRectF(s.margin_x, top, inner, title_height),
            slide.title,
            font,
            p.text,
            TOP | CENTRE,
        )
        rule_top = top + title_height + 26
        painter.fillRect(
            QRectF(
                (width - s.title_rule_width) / 2, rule_top, s.title_rule_width, s.title_rule_height
            ),
            QColor(p.accent),
        )
        area = QRectF(s.margin_x, rule_top + 40, inner, bottom - rule_top - 40)
        if visuals:
            self._paint_body(painter, area, slide, html)
        elif html:
            self._paint_document(painter, area, html, centred=True)

    def paint_title(
        self, painter: QPainter, slide: Slide, html: str, width: float, bottom: float
    ) -> None:
        """The course's opening page: its title, date and place, organizer, then the slide body."""
        p, s = self._ctx.theme.palette, self._ctx.theme.sizes
        meta = self._deck.meta
        inner = width - 2 * s.margin_x
        # Date, place, organizer and body stay left of the join card shown over this page.
        beside = min(inner, JOIN_CARD.left() - JOIN_CARD_GAP - s.margin_x)
        family = self._ctx.family
        title = meta.title
        title_font = fitted_font(
            family, title, inner, 280, s.course_title_px, s.title_min_px, bold=True
        )
        title_height = min(280.0, text_height(title_font, title, inner))
        subtitle = slide.title if slide.title and slide.title != meta.title else ""
        lines = [
            line
            for line in (" · ".join(x for x in (meta.date, meta.place) if x), meta.organizer)
            if line
        ]
        line_font = fitted_font(
            family, "\n".join(lines), beside, 200, s.course_line_px, s.body_min_px
        )
        lines_height = text_height(line_font, "\n".join(lines), beside) if lines else 0.0
        sub_font = fitted_font(family, subtitle, beside, 140, 46, s.body_min_px, bold=True)
        sub_height = text_height(sub_font, subtitle, beside) + 30 if subtitle else 0.0
        body_height = (
            min(260.0, natural_height(html, self._ctx.theme, family, beside)) if html else 0.0
        )
        total = title_height + 70 + lines_height + sub_height + (body_height + 40 if html else 0)
        top = max(s.margin_top + 50, (bottom - total) / 2)
        # The title, full width, ends above the join card.
        top = min(top, JOIN_CARD.top() - JOIN_CARD_GAP - title_height - 70)
        draw_text(painter, QRectF(s.margin_x, top, inner, title_height), title, title_font, p.text)
        top += title_height + 28
        painter.fillRect(
            QRectF(s.margin_x, top, s.title_rule_width * 1.4, s.title_rule_height + 2),
            QColor(p.accent),
        )
        top += 42
        if subtitle:
            draw_text(
                painter, QRectF(s.margin_x, top, beside, sub_height), subtitle, sub_font, p.accent
            )
            top += sub_height
        if lines:
            draw_text(
                painter,
                QRectF(s.margin_x, top, beside, lines_height),
                "\n".join(lines),
                line_font,
                p.muted,
            )
            top += lines_height + 40
        if html:
            self._paint_document(
                painter, QRectF(s.margin_x, top, beside, bottom - top), html, centred=False
            )

    def _paint_slide_title(self, painter: QPainter, title: str, width: float) -> float:
        """The title and its accent rule; returns where the body starts."""
        p, s = self._ctx.theme.palette, self._ctx.theme.sizes
        inner = width - 2 * s.margin_x
        top = s.band_height + s.margin_top - 10
        limit = s.title_px * 2.6
        font = fitted_font(
            self._ctx.family, title, inner, limit, s.title_px, s.title_min_px, bold=True
        )
        height = min(limit, text_height(font, title, inner))
        draw_text(painter, QRectF(s.margin_x, top, inner, height), title, font, p.text)
        rule_top = top + height + 18
        painter.fillRect(
            QRectF(s.margin_x, rule_top, s.title_rule_width, s.title_rule_height), QColor(p.accent)
        )
        return rule_top + s.title_rule_height + s.title_gap

    def _paint_body(self, painter: QPainter, area: QRectF, slide: Slide, html: str) -> None:
        """Text alone fills the area; with a visual, text goes on top (short) or left (long)."""
        visuals = _visuals(slide)
        if not visuals:
            if html:
                self._paint_document(painter, area, html, centred=False)
            return
        if not html:
            self._paint_visuals(painter, area, slide, visuals)
            return
        gap = self._ctx.theme.sizes.visual_gap
        full = natural_height(html, self._ctx.theme, self._ctx.family, area.width())
        if full <= area.height() * STACK_SHARE:
            text_rect = QRectF(area.left(), area.top(), area.width(), full)
            visual_rect = QRectF(
                area.left(),
                area.top() + full + gap / 2,
                area.width(),
                area.height() - full - gap / 2,
            )
        else:
            text_width = area.width() * SIDE_TEXT_SHARE
            text_rect = QRectF(area.left(), area.top(), text_width, area.height())
            visual_rect = QRectF(
                area.left() + text_width + gap,
                area.top(),
                area.width() - text_width - gap,
                area.height(),
            )
        self._paint_document(painter, text_rect, html, centred=False)
        self._paint_visuals(painter, visual_rect, slide, visuals)

    def _paint_document(self, painter: QPainter, rect: QRectF, html: str, *, centred: bool) -> None:
        if rect.height() <= 0 or rect.width() <= 0:
            return
        if centred:
            # Centred lines (speakers' names) read as a list without bullets hanging at the left.
            html = html.replace("<ul>", '<ul style="list-style-type: none; -qt-list-indent: 0;">')
            html = f'<div align="center">{html}</div>'
        doc, _size = fitted_document(
            html, self._ctx.theme, self._ctx.family, rect.width(), rect.height()
        )
        painter.save()
        painter.translate(rect.topLeft())
        # Clip: at the smallest type a very long body is cut at the box rather than spilling over.
        doc.drawContents(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.restore()

    def _paint_visuals(
        self, painter: QPainter, rect: QRectF, slide: Slide, visuals: list[Visual]
    ) -> None:
        """Several visuals share the rectangle: side by side when it is wide, stacked when tall."""
        gap = self._ctx.theme.sizes.visual_gap
        count = len(visuals)
        side_by_side = rect.width() >= rect.height() * 1.6
        for i, visual in enumerate(visuals):
            if side_by_side:
                width = (rect.width() - gap * (count - 1)) / count
                cell = QRectF(rect.left() + i * (width + gap), rect.top(), width, rect.height())
            else:
                height = (rect.height() - gap * (count - 1)) / count
                cell = QRectF(rect.left(), rect.top() + i * (height + gap), rect.width(), height)
            if isinstance(visual, ChartBlock):
                self._visuals.paint_chart(painter, cell, slide, visual)
            elif isinstance(visual, Path):
                self._visuals.paint_picture(painter, cell, visual)
            else:
                paint_activity(painter, cell, visual, self._ctx, slide_title=slide.title)


def _visuals(slide: Slide) -> list[Visual]:
    pictures: list[Visual] = [path for path in slide.images if path.is_file()]
    return [*slide.charts, *slide.activities, *pictures]
