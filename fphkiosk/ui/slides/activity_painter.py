"""Activities drawn on their slide: a poll's question and lettered choices, a scale's summary.

The geometry (``choice_boxes``) and the single-choice drawing (``paint_choice``) are separate from
``paint_activity`` so the live results can reuse them: same boxes, with a share bar inside. The
correct answer is never marked here: the slide is shown before the room has answered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from fphkiosk.core.deck import Activity, Poll, ScaleActivity, TextActivity
from fphkiosk.core.i18n import Translator
from fphkiosk.core.option_rows import MAX_PER_ROW, row_columns
from fphkiosk.ui.slides.fonts import pixel_font
from fphkiosk.ui.slides.text_fit import draw_text, fitted_font, text_height
from fphkiosk.ui.theme import Theme

CHOICE_GAP = 18.0
MAX_CHOICE_HEIGHT = 132.0
HINT_PX = 28.0
# Below this, a scale's answer box cannot hold a word: the answers stack instead.
MIN_OPTION_WIDTH = 110.0


@dataclass(frozen=True)
class PaintContext:
    """What every drawing function needs besides the painter: look, typeface, language."""

    theme: Theme
    family: str
    tr: Translator


def choice_letter(index: int) -> str:
    """A, B, C… then AA, AB… (a poll never gets that long, but a letter is always produced)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def choice_boxes(rect: QRectF, count: int) -> list[QRectF]:
    """Boxes for *count* choices in *rect*: one column up to seven (a sentence per row), then two
    columns of equal length."""
    if count <= 0:
        return []
    columns = 1 if count <= MAX_PER_ROW or rect.width() < 900 else 2
    rows = math.ceil(count / columns)
    row_height = min(MAX_CHOICE_HEIGHT, (rect.height() - CHOICE_GAP * (rows - 1)) / rows)
    width = (rect.width() - CHOICE_GAP * (columns - 1)) / columns
    boxes = []
    for i in range(count):
        column, row = divmod(i, rows)
        boxes.append(
            QRectF(
                rect.left() + column * (width + CHOICE_GAP),
                rect.top() + row * (row_height + CHOICE_GAP),
                width,
                row_height,
            )
        )
    return boxes


def paint_choice(painter: QPainter, box: QRectF, letter: str, text: str, ctx: PaintContext) -> None:
    """One answer in a large rounded box, its letter in a round badge on the left."""
    p, s = ctx.theme.palette, ctx.theme.sizes
    painter.save()
    painter.setPen(QPen(QColor(p.box_border), 2.5))
    painter.setBrush(QBrush(QColor(p.accent_soft)))
    radius = min(s.box_radius, box.height() / 2)
    painter.drawRoundedRect(box, radius, radius)
    diameter = min(box.height() * 0.66, 88.0)
    badge = QRectF(box.left() + 20, box.center().y() - diameter / 2, diameter, diameter)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(p.accent)))
    painter.drawEllipse(badge)
    painter.restore()
    letter_font = pixel_font(ctx.family, diameter * 0.5, bold=True)
    draw_text(painter, badge, letter, letter_font, p.accent_text, Qt.AlignmentFlag.AlignCenter)
    text_rect = QRectF(
        badge.right() + 26, box.top() + 8, box.right() - badge.right() - 44, box.height() - 16
    )
    font = fitted_font(
        ctx.family, text, text_rect.width(), text_rect.height(), s.choice_px, s.choice_min_px
    )
    draw_text(
        painter,
        text_rect,
        text,
        font,
        p.text,
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
    )


def paint_activity(
    painter: QPainter, rect: QRectF, activity: Activity, ctx: PaintContext, *, slide_title: str = ""
) -> None:
    """The activity as shown before it is launched (no results, no correct answer).

    A question or scale title that only repeats *slide_title* is left out: the slide shows it.
    """
    if isinstance(activity, Poll):
        paint_poll(
            painter, rect, activity, ctx, heading=not same_text(activity.question, slide_title)
        )
    elif isinstance(activity, ScaleActivity):
        paint_scale(
            painter, rect, activity, ctx, heading=not same_text(activity.scale.title, slide_title)
        )
    elif isinstance(activity, TextActivity):
        paint_text_activity(
            painter, rect, activity, ctx, heading=not same_text(activity.question, slide_title)
        )


def paint_text_activity(
    painter: QPainter, rect: QRectF, activity: TextActivity, ctx: PaintContext, *, heading: bool
) -> None:
    """The question, and how the room takes part (nothing written is shown before approval)."""
    top = rect.top()
    if heading:
        top = _paint_heading(painter, rect, activity.question, ctx, max_share=0.5)
    draw_text(
        painter,
        QRectF(rect.left(), top, rect.width(), HINT_PX * 3.4),
        ctx.tr(f"render.write_on_tablet.{activity.kind}"),
        pixel_font(ctx.family, HINT_PX, italic=True),
        ctx.theme.palette.muted,
    )


def same_text(a: str, b: str) -> bool:
    """Equal once case, spacing and final punctuation are set aside."""

    def norm(text: str) -> str:
        return " ".join(text.casefold().split()).rstrip(" ?!:.…")

    return norm(a) == norm(b)


def paint_poll(
    painter: QPainter, rect: QRectF, poll: Poll, ctx: PaintContext, *, heading: bool = True
) -> list[QRectF]:
    """Question, best / worst prompts, lettered choices; returns the choice boxes it drew."""
    p = ctx.theme.palette
    top = rect.top()
    if heading:
        top = _paint_heading(painter, rect, poll.question, ctx, max_share=0.3)
    if poll.mode == "best-worst" and poll.prompts:
        top = _paint_prompts(painter, QRectF(rect.left(), top, rect.width(), 72), poll.prompts, ctx)
        top += 24
    hint_height = HINT_PX * 1.6
    area = QRectF(rect.left(), top, rect.width(), rect.bottom() - top - hint_height)
    boxes = choice_boxes(area, len(poll.choices))
    for i, (box, choice) in enumerate(zip(boxes, poll.choices, strict=True)):
        paint_choice(painter, box, choice_letter(i), choice, ctx)
    hint_top = max((b.bottom() for b in boxes), default=top) + 14
    draw_text(
        painter,
        QRectF(rect.left(), hint_top, rect.width(), hint_height),
        ctx.tr("render.answer_on_tablet"),
        pixel_font(ctx.family, HINT_PX, italic=True),
        p.muted,
    )
    return boxes


def paint_scale(
    painter: QPainter,
    rect: QRectF,
    activity: ScaleActivity,
    ctx: PaintContext,
    *,
    heading: bool = True,
) -> None:
    """Title, instructions, how many items and the answer options with their points."""
    p, s = ctx.theme.palette, ctx.theme.sizes
    scale = activity.scale
    top = rect.top()
    if heading:
        top = _paint_heading(painter, rect, scale.title, ctx, max_share=0.28)
    if scale.instructions:
        font = fitted_font(
            ctx.family,
            scale.instructions,
            rect.width(),
            rect.height() * 0.22,
            s.body_px,
            s.body_min_px,
        )
        used = draw_text(
            painter,
            QRectF(rect.left(), top, rect.width(), rect.height() * 0.22),
            scale.instructions,
            font,
            p.text,
        )
        top = used.bottom() + 22
    count = len(scale.items)
    key = "render.scale_items_one" if count == 1 else "render.scale_items_many"
    count_font = pixel_font(ctx.family, s.body_px, bold=True)
    used = draw_text(
        painter,
        QRectF(rect.left(), top, rect.width(), s.body_px * 1.6),
        ctx.tr(key, count=count),
        count_font,
        p.accent,
    )
    top = used.bottom() + 22
    hint_height = HINT_PX * 1.6
    area = QRectF(rect.left(), top, rect.width(), rect.bottom() - top - hint_height)
    options_bottom = _paint_options(painter, area, activity, ctx)
    draw_text(
        painter,
        QRectF(rect.left(), options_bottom + 14, rect.width(), hint_height),
        ctx.tr("render.scale_private"),
        pixel_font(ctx.family, HINT_PX, italic=True),
        p.muted,
    )


def _paint_options(
    painter: QPainter, area: QRectF, activity: ScaleActivity, ctx: PaintContext
) -> float:
    """The answer options as one row of boxes (rows of equal length beyond seven, one column when
    too narrow), label over points; returns their bottom."""
    p, s = ctx.theme.palette, ctx.theme.sizes
    options = activity.scale.options
    if not options or area.height() <= 0:
        return area.top()
    columns = row_columns(len(options))
    if (area.width() - CHOICE_GAP * (columns - 1)) / columns < MIN_OPTION_WIDTH:
        columns = 1
    rows = math.ceil(len(options) / columns)
    height = min(130.0, (area.height() - CHOICE_GAP * (rows - 1)) / rows)
    width = min(340.0, (area.width() - CHOICE_GAP * (columns - 1)) / columns)
    for i, option in enumerate(options):
        row, column = divmod(i, columns)
        box = QRectF(
            area.left() + column * (width + CHOICE_GAP),
            area.top() + row * (height + CHOICE_GAP),
            width,
            height,
        )
        painter.save()
        painter.setPen(QPen(QColor(p.box_border), 2.5))
        painter.setBrush(QBrush(QColor(p.accent_soft)))
        painter.drawRoundedRect(box, s.box_radius, s.box_radius)
        painter.restore()
        label_rect = QRectF(box.left() + 12, box.top() + 6, box.width() - 24, box.height() * 0.58)
        font = fitted_font(
            ctx.family,
            option.label,
            label_rect.width(),
            label_rect.height(),
            s.choice_px,
            s.choice_min_px,
            bold=True,
        )
        draw_text(
            painter,
            label_rect,
            option.label,
            font,
            p.text,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
        )
        key = "render.scale_point_one" if abs(option.points) < 2 else "render.scale_point_many"
        points_rect = QRectF(
            box.left() + 12,
            label_rect.bottom(),
            box.width() - 24,
            box.bottom() - label_rect.bottom() - 4,
        )
        draw_text(
            painter,
            points_rect,
            ctx.tr(key, points=option.points),
            pixel_font(ctx.family, 26),
            p.muted,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        )
    return area.top() + rows * height + (rows - 1) * CHOICE_GAP


def _paint_heading(
    painter: QPainter, rect: QRectF, text: str, ctx: PaintContext, *, max_share: float
) -> float:
    """A bold question or title at the top of *rect*; returns the y where the rest can start."""
    s, p = ctx.theme.sizes, ctx.theme.palette
    if not text:
        return rect.top()
    limit = rect.height() * max_share
    font = fitted_font(
        ctx.family, text, rect.width(), limit, s.question_px, s.body_min_px, bold=True
    )
    height = min(limit, text_height(font, text, rect.width()))
    draw_text(painter, QRectF(rect.left(), rect.top(), rect.width(), height), text, font, p.text)
    return rect.top() + height + 26


def _paint_prompts(
    painter: QPainter, rect: QRectF, prompts: tuple[str, ...], ctx: PaintContext
) -> float:
    """The best / worst prompts, side by side, each with its own colour."""
    p, s = ctx.theme.palette, ctx.theme.sizes
    colours = (p.accent, p.second_accent)
    shown = prompts[:2]
    width = (rect.width() - CHOICE_GAP * (len(shown) - 1)) / len(shown)
    for i, prompt in enumerate(shown):
        box = QRectF(rect.left() + i * (width + CHOICE_GAP), rect.top(), width, rect.height())
        colour = colours[i % len(colours)]
        painter.save()
        painter.setPen(QPen(QColor(colour), 3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setBrush(QBrush(QColor(colour)))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QPointF(box.left() + box.height() / 2, box.center().y()), 12, 12)
        painter.restore()
        text_rect = QRectF(
            box.left() + box.height(),
            box.top() + 4,
            box.width() - box.height() - 24,
            box.height() - 8,
        )
        font = fitted_font(
            ctx.family, prompt, text_rect.width(), text_rect.height(), 32, s.body_min_px, bold=True
        )
        draw_text(
            painter,
            text_rect,
            prompt,
            font,
            colour,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        )
    return rect.bottom()
