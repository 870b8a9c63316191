"""The room's approved texts on the projector: a word cloud, and a list of questions or answers.

Drawn into a Figure like every other chart (no pyplot), so the projector, the console's preview
and the PDF report share them. Sizes are in points on a 12.8-inch-wide figure shown 1920 pixels
wide: the smallest word (28 pt, about 58 pixels high) reads from the back of a training room.
A board changes only when the trainer approves a text or the room votes, so ``update`` lays the
texts out again rather than moving artists.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fphkiosk.charts.style import PALETTE
from fphkiosk.core.aggregation import BoardItem, TextBoard
from fphkiosk.core.deck import TextActivity
from fphkiosk.core.privacy import PublicResults

if TYPE_CHECKING:
    from matplotlib.text import Text

    from fphkiosk.charts.results_chart import ChartFrame

WORD_MIN_PT = 28.0
WORD_MAX_PT = 84.0
MAX_WORDS = 40
MAX_LINES_SHOWN = 6
"""Questions or answers listed at once: more would not be read from the back."""
WORD_COLOURS = (PALETTE[0], "#18202C", PALETTE[2], PALETTE[1])
ANSWERED_COLOUR = "#6B7683"


def word_sizes(counts: Sequence[int], scale: float = 1.0) -> list[float]:
    """A size per word: the most given largest, sizes growing with the square root of counts."""
    if not counts:
        return []
    top = max(counts)
    return [
        scale * (WORD_MIN_PT + (WORD_MAX_PT - WORD_MIN_PT) * math.sqrt((c - 1) / (top - 1)))
        if top > 1
        else scale * (WORD_MIN_PT + WORD_MAX_PT) / 2
        for c in counts
    ]


class TextBoardChart:
    """Approved texts: a word cloud for ``words``, a ranked list for ``qa`` and ``open``."""

    def __init__(self, frame: ChartFrame, activity: TextActivity, board: TextBoard) -> None:
        self.figure = frame.figure
        self._frame = frame
        self._activity = activity
        self._subtitle = frame.header(activity.question)
        self.ax = frame.figure.add_subplot()
        self.ax.set_axis_off()
        self.ax.set_xlim(0, 1)
        self.ax.set_ylim(0, 1)
        self.texts: list[Text] = []
        frame.settle_layout()
        self.update(board)

    def accepts(self, results: PublicResults) -> bool:
        return isinstance(results, TextBoard) and results.activity_id == self._activity.id

    def update(self, results: PublicResults, revealed: bool = False) -> None:
        if not isinstance(results, TextBoard) or not self.accepts(results):
            raise TypeError(f"this text chart cannot show {type(results).__name__}")
        for text in self.texts:
            text.remove()
        self.texts = []
        frame = self._frame
        if self._activity.kind == "words":
            self._cloud(results.items[:MAX_WORDS])
            key = "charts.words_count"
        else:
            self._list(results.items[:MAX_LINES_SHOWN])
            key = "charts.questions_count" if self._activity.kind == "qa" else "charts.texts_count"
        if not results.items:
            self.texts.append(
                self.ax.text(
                    0.5,
                    0.5,
                    frame.tr("charts.no_text_yet"),
                    ha="center",
                    va="center",
                    **frame.font(frame.style.title_pt, color=frame.style.muted),
                )
            )
        self._subtitle.set_text(frame.tr(key, count=frame.number(len(results.items))))

    def draw(self) -> None:
        """A full draw: a board's texts are laid out again on each update, none is kept."""
        canvas: Any = self.figure.canvas
        canvas.draw()

    @property
    def shown(self) -> tuple[str, ...]:
        """Every text drawn (for tests and the accessible description)."""
        return tuple(t.get_text() for t in self.texts)

    def _area_pt(self) -> tuple[float, float]:
        position = self.ax.get_position()
        return (
            position.width * self.figure.get_figwidth() * 72,
            position.height * self.figure.get_figheight() * 72,
        )

    def _cloud(self, items: Sequence[BoardItem]) -> None:
        """Rows of words, largest first, centred: no overlap, nothing rotated, all legible."""
        width, height = self._area_pt()
        scale = 1.0
        rows: list[list[tuple[BoardItem, float, float]]] = []
        while True:
            rows = self._rows(items, width, scale)
            used = sum(max(size for _item, size, _w in row) * 1.25 for row in rows)
            if used <= height or scale < 0.6:
                break
            scale *= 0.9
        used = sum(max(size for _item, size, _w in row) * 1.25 for row in rows)
        y = 0.5 + used / height / 2
        colour = 0
        for row in rows:
            row_height = max(size for _item, size, _w in row) * 1.25
            if (y - row_height / height) < -0.02:
                break  # what does not fit is left out rather than drawn over
            total = sum(w for _item, _size, w in row) + 0.6 * WORD_MIN_PT * (len(row) - 1)
            x = 0.5 - total / width / 2
            centre_y = y - row_height / height / 2
            for item, size, word_width in row:
                self.texts.append(
                    self.ax.text(
                        x,
                        centre_y,
                        item.text,
                        ha="left",
                        va="center",
                        **self._frame.font(
                            size, bold=True, color=WORD_COLOURS[colour % len(WORD_COLOURS)]
                        ),
                    )
                )
                colour += 1
                x += (word_width + 0.6 * WORD_MIN_PT) / width
            y -= row_height / height

    def _rows(
        self, items: Sequence[BoardItem], width: float, scale: float
    ) -> list[list[tuple[BoardItem, float, float]]]:
        sizes = word_sizes([i.count for i in items], scale)
        rows: list[list[tuple[BoardItem, float, float]]] = []
        line: list[tuple[BoardItem, float, float]] = []
        used = 0.0
        for item, size in zip(items, sizes, strict=True):
            word_width = self._frame.text_width_pt(item.text, size, bold=True)
            gap = 0.6 * WORD_MIN_PT if line else 0.0
            if line and used + gap + word_width > width * 0.96:
                rows.append(line)
                line, used, gap = [], 0.0, 0.0
            line.append((item, size, word_width))
            used += gap + word_width
        if line:
            rows.append(line)
        # Big words in the middle rows, as a cloud reads.
        middle: list[list[tuple[BoardItem, float, float]]] = []
        for index, row in enumerate(rows):
            if index % 2:
                middle.append(row)
            else:
                middle.insert(0, row)
        return middle

    def _list(self, items: Sequence[BoardItem]) -> None:
        """The most voted (or most given) first, with their count; answered questions greyed."""
        frame = self._frame
        width, _height = self._area_pt()
        size = frame.style.label_pt + 4
        y = 0.98
        step = 1.0 / max(MAX_LINES_SHOWN, 1)
        for item in items:
            colour = ANSWERED_COLOUR if item.answered else frame.style.text
            count = frame.tr(
                "charts.votes" if self._activity.kind == "qa" else "charts.times",
                count=frame.number(item.count),
            )
            if item.answered:
                count = frame.tr("charts.answered", count=count)
            self.texts.append(
                self.ax.text(
                    0.0,
                    y,
                    count,
                    ha="left",
                    va="top",
                    **frame.font(frame.style.label_pt, bold=True, color=PALETTE[0]),
                )
            )
            wrapped = frame.wrap(frame.shorten(item.text, 150), width * 0.78, size)
            self.texts.append(
                self.ax.text(
                    0.22, y, wrapped, ha="left", va="top", **frame.font(size, color=colour)
                )
            )
            y -= step


def spotlight_figure(frame: ChartFrame, text: str, heading: str) -> Text:
    """One question, large, for the projector's spotlight; returns its text artist."""
    frame.figure.clear()
    width_pt = frame.figure.get_figwidth() * 72 * 0.9
    size = 54.0 if len(text) <= 90 else 44.0 if len(text) <= 180 else 36.0
    frame.figure.text(
        0.05,
        0.9,
        heading,
        ha="left",
        va="top",
        **frame.font(frame.style.title_pt, color=PALETTE[0]),
    )
    return frame.figure.text(
        0.05,
        0.5,
        frame.wrap(text, width_pt, size),
        ha="left",
        va="center",
        linespacing=1.2,
        **frame.font(size, bold=True),
    )
