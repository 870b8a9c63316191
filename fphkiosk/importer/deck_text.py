"""The imported deck's `deck.md`: plain Markdown a trainer can read and edit, one slide per page.

Page text goes into the notes, escaped so that no line of it can end the slide (`---`), open a
fenced block or turn into a heading: whatever the PDF says, the deck loads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

TITLE_MAX = 120
PAGE_IMAGE = "pages/page-{number:03d}.png"

_ESCAPE_ANYWHERE = re.compile(r"([\\`*_\[\]<])")
_ESCAPE_AT_START = re.compile(r"^([#>+=~|:-])")
_ORDERED_LIST = re.compile(r"^(\d{1,9})([.)])")
_SENTENCE_ENDS = (".", "!", "?", ":", ";", "…")
# One string reads better than forty quoted words.
_JOINING_WORDS = frozenset(
    "le la les l' de des du d' un une et ou à au aux en dans sur pour par avec sans sous chez"  # noqa: SIM905
    " vers que qui the a an of and or to in on for with by at from".split()
)
"""Words a title or a sentence does not end on (French and English)."""
_DROPPED_CATEGORIES = ("Cc", "Cf", "Co", "Cs", "Cn")
"""Control, format, private-use (symbol-font bullets), surrogate and unassigned characters."""


@dataclass(frozen=True)
class PageEntry:
    number: int
    """1-based page number."""
    title: str
    notes: str
    """Plain text, one paragraph per line; escaped when written."""


def clean_lines(text: str) -> list[str]:
    """The non-empty lines of *text*, without the characters a screen cannot show."""
    lines = []
    for raw in text.splitlines():
        kept = "".join(
            " " if ch == "\t" else ch
            for ch in raw
            if ch == "\t" or unicodedata.category(ch) not in _DROPPED_CATEGORIES
        )
        line = " ".join(kept.split())
        if line:
            lines.append(line)
    return lines


def paragraphs(text: str) -> list[str]:
    """The lines of *text*, a line wrapped onto the next joined back to it.

    A PDF keeps only where each line ended on the page; a line that ends without punctuation
    followed by one that starts in lower case, or a line that ends on "de", "la", "the"..., is
    the same sentence going on.
    """
    joined: list[str] = []
    for line in clean_lines(text):
        if joined and _goes_on(joined[-1], line):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


def _goes_on(line: str, following: str) -> bool:
    if line.endswith(_SENTENCE_ENDS):
        return False
    return following[0].islower() or line.split()[-1].casefold() in _JOINING_WORDS


def page_title(text: str, number: int) -> str:
    """The page's first paragraph (shortened), or "Page N" for a page without text."""
    lines = paragraphs(text)
    if not lines:
        return f"Page {number}"
    title = lines[0].rstrip("#").strip() or f"Page {number}"
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rstrip() + "…"
    return title


def escape_line(line: str) -> str:
    """*line* as Markdown that reads as itself and cannot be taken for deck structure."""
    line = _ESCAPE_ANYWHERE.sub(r"\\\1", line)
    line = _ORDERED_LIST.sub(r"\1\\\2", line)
    return _ESCAPE_AT_START.sub(r"\\\1", line)


def deck_markdown(title: str, pages: Sequence[PageEntry]) -> str:
    header = yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000, sort_keys=False)
    parts = [f"---\n{header}---\n"]
    for index, page in enumerate(pages):
        if index:
            parts.append("---\n")
        parts.append(_slide(page))
    return "".join(parts)


def _slide(page: PageEntry) -> str:
    image = PAGE_IMAGE.format(number=page.number)
    text = f"<!-- layout: image -->\n# {page.title}\n\n![Page {page.number}]({image})\n"
    notes = paragraphs(page.notes)
    if notes:
        text += "\nNotes:\n" + "\n\n".join(escape_line(line) for line in notes) + "\n"
    return text + "\n"
