"""Give the shipped Atkinson Hyperlegible files a plain (unslashed) zero, under their own name.

Atkinson Hyperlegible slashes its zero to tell it from the letter O. On the projector, in a quiz
about figures ("8 560 000", "2023"), the slash reads as "Ø". The room code never uses 0 or O, so
the course loses nothing by a plain zero. This rewrites the four TTF files once (the result is
committed); run it again only on fresh upstream files:

    .venv/bin/python tools/plain_zero_font.py assets/fonts

The zero's two half-counters (split by the slash) become one oval counter: the outer contour,
scaled into the box the half-counters span (after undoing the italic slant, then slanting
back), drawn the other way round so it is a hole. The family is renamed (the SIL Open Font
License asks modified fonts not to pass for the original, and Qt and matplotlib would otherwise
prefer an Atkinson Hyperlegible installed on the system).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables.ttProgram import Program

ORIGINAL_FAMILY = "Atkinson Hyperlegible"
FAMILY = "Atkinson Hyperlegible Plain Zero"
POSTSCRIPT_FAMILY = "AtkinsonHyperlegiblePlainZero"

Point = tuple[float, float]


def _contours(font: TTFont, name: str) -> list[tuple[list[Point], list[int]]]:
    glyph = font["glyf"][name]
    coordinates, ends, flags = glyph.getCoordinates(font["glyf"])
    contours, start = [], 0
    for end in ends:
        contours.append(
            (list(coordinates[start : end + 1]), [flag & 1 for flag in flags[start : end + 1]])
        )
        start = end + 1
    return contours


def _box(points: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def plain_zero(font: TTFont) -> None:
    contours = _contours(font, "zero")
    if len(contours) != 3:
        raise SystemExit(f"zero has {len(contours)} contours: already plain, or another design")
    slant = math.tan(math.radians(-font["post"].italicAngle))

    def upright(p: Point) -> Point:
        return (p[0] - p[1] * slant, p[1])

    def slanted(p: Point) -> Point:
        return (p[0] + p[1] * slant, p[1])

    outer, outer_flags = contours[0]
    inner = [upright(p) for points, _ in contours[1:] for p in points]
    ox0, oy0, ox1, oy1 = _box([upright(p) for p in outer])
    ix0, iy0, ix1, iy1 = _box(inner)
    sx, sy = (ix1 - ix0) / (ox1 - ox0), (iy1 - iy0) / (oy1 - oy0)
    counter = [
        slanted((ix0 + (x - ox0) * sx, iy0 + (y - oy0) * sy))
        for x, y in (upright(p) for p in outer)
    ]
    pen = TTGlyphPen(None)
    for points, on_curve in ((outer, outer_flags), (counter[::-1], outer_flags[::-1])):
        _draw_quadratic(pen, points, on_curve)
    glyph = pen.glyph()
    # The slashed zero's hinting instructions name points that no longer exist.
    glyph.program = Program()
    glyph.program.fromBytecode(b"")
    font["glyf"]["zero"] = glyph
    glyph.recalcBounds(font["glyf"])


def _draw_quadratic(pen: TTGlyphPen, points: list[Point], on_curve: list[int]) -> None:
    """Draw a TrueType contour (on- and off-curve points) with a pen."""
    n = len(points)
    first = next(i for i in range(n) if on_curve[i])
    order = [points[(first + i) % n] for i in range(n)]
    flags = [on_curve[(first + i) % n] for i in range(n)]
    pen.moveTo(order[0])
    pending: list[Point] = []
    for point, on in zip([*order[1:], order[0]], [*flags[1:], 1], strict=True):
        if on:
            if pending:
                pen.qCurveTo(*pending, point)
                pending = []
            else:
                pen.lineTo(point)
        else:
            pending.append(point)
    pen.closePath()


def rename(font: TTFont) -> None:
    for record in font["name"].names:
        text = record.toUnicode()
        if record.nameID in (1, 3, 4, 16, 18) and ORIGINAL_FAMILY in text:
            record.string = text.replace(ORIGINAL_FAMILY, FAMILY)
        elif record.nameID == 6:
            record.string = text.replace("AtkinsonHyperlegible", POSTSCRIPT_FAMILY)


def main(folder: Path) -> int:
    for path in sorted(folder.glob("AtkinsonHyperlegible-*.ttf")):
        font = TTFont(path)
        plain_zero(font)
        rename(font)
        font.save(path)
        print(f"{path.name}: plain zero, family {FAMILY!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
