"""Slide body Markdown -> HTML -> a QTextDocument fitted to a box by shrinking its type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from PySide6.QtGui import QTextDocument, QTextOption

from fphkiosk.ui.slides.fonts import pixel_font
from fphkiosk.ui.slides.text_fit import french_spacing
from fphkiosk.ui.theme import Theme

SHRINK_STEP = 2.0


def markdown_parser() -> MarkdownIt:
    """CommonMark without raw HTML (the deck is text, not a web page) and without tables."""
    md = MarkdownIt("commonmark", {"html": False, "breaks": False}).disable("table", True)
    # Images are drawn by the slide as visuals, not inline in the text flow.
    md.add_render_rule("image", _render_nothing)
    return md


def _render_nothing(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return ""


def body_html(md: MarkdownIt, markdown: str) -> str:
    html: str = french_spacing(md.render(markdown))
    # A paragraph left empty by a removed image would still take a line.
    return html.replace("<p></p>\n", "")


def stylesheet(theme: Theme, body_px: float) -> str:
    """Rich-text CSS for the body at *body_px*; all sizes follow it, shrinking keeps proportions."""
    p = theme.palette
    small = body_px * 0.5
    return f"""
body, p, li, ul, ol, div {{ color: {p.text}; }}
p {{ margin-top: 0px; margin-bottom: {small:.0f}px; line-height: 118%; }}
ul, ol {{ margin-top: 0px; margin-bottom: {small:.0f}px; }}
li {{ margin-bottom: {body_px * 0.28:.0f}px; line-height: 115%; }}
ul ul, ol ul, ul ol {{ margin-top: {body_px * 0.2:.0f}px; margin-bottom: 0px; }}
h1, h2, h3, h4 {{ color: {p.accent}; font-weight: bold; margin-top: {body_px * 0.3:.0f}px;
  margin-bottom: {body_px * 0.3:.0f}px; }}
h1, h2 {{ font-size: {body_px * 1.18:.0f}px; }}
h3, h4 {{ font-size: {body_px * 1.06:.0f}px; }}
blockquote p {{ color: {p.muted}; font-style: italic; }}
blockquote {{ color: {p.muted}; font-style: italic; margin-left: {body_px * 1.2:.0f}px;
  margin-right: {body_px:.0f}px; margin-bottom: {small:.0f}px; }}
a {{ color: {p.accent}; text-decoration: none; }}
code {{ font-family: monospace; }}
strong {{ font-weight: bold; }}
"""


def make_document(
    html: str, theme: Theme, family: str, body_px: float, width: float
) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(pixel_font(family, body_px))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    doc.setIndentWidth(body_px * 1.1)
    doc.setDefaultStyleSheet(stylesheet(theme, body_px))
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def fitted_document(
    html: str, theme: Theme, family: str, width: float, height: float
) -> tuple[QTextDocument, float]:
    """The body laid out at the largest size, from the theme's down to its floor, that fits the box.

    Text is never cut silently when a smaller size fits; at the floor the caller clips to the box,
    so nothing ever spills off the canvas.
    """
    size = theme.sizes.body_px
    floor = theme.sizes.body_min_px
    while True:
        doc = make_document(html, theme, family, size, width)
        if doc.size().height() <= height or size <= floor:
            return doc, size
        size = max(floor, size - SHRINK_STEP)


def natural_height(html: str, theme: Theme, family: str, width: float) -> float:
    """Height of the body at the theme's full size, to choose between a side and a stacked split."""
    return float(make_document(html, theme, family, theme.sizes.body_px, width).size().height())
