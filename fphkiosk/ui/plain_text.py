"""Deck text where Qt only takes rich text (tooltips, a message box's details): escaped first.

Qt guesses whether a string is rich text; a deck string with markup (``<img src=...>``) would be
rendered, and a local file loaded. Escaped, it is shown exactly as written.
"""

from __future__ import annotations

import html


def escaped_rich_text(text: str) -> str:
    """*text* as rich text that shows it as written, line breaks kept."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"
