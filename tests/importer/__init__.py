"""Tests of `fphkiosk import`; builders of real PDF and PowerPoint files for them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle
from pptx import Presentation
from pptx.util import Inches

WIDE = (13.333, 7.5)
"""PowerPoint's 16:9 slide, in inches (960 x 540 points)."""
STANDARD = (10.0, 7.5)
"""PowerPoint's 4:3 slide."""
COLOURS = ("#C0392B", "#1F6F8B", "#2E7D32", "#6A1B9A", "#EF6C00")


def write_pdf(
    path: Path,
    texts: Sequence[Sequence[str]],
    *,
    title: str = "",
    size: tuple[float, float] = WIDE,
    sizes: Sequence[tuple[float, float]] = (),
) -> Path:
    """A PDF drawn by matplotlib: one page per entry of *texts*, its lines from the top, a few
    coloured shapes, and thin lines and small type that show any blur or shift."""
    with PdfPages(path, metadata={"Title": title} if title else {}) as pdf:
        for index, lines in enumerate(texts):
            figure = Figure(figsize=sizes[index] if sizes else size)
            colour = COLOURS[index % len(COLOURS)]
            figure.patches.append(
                Rectangle((0.0, 0.0), 1.0, 0.08, transform=figure.transFigure, color=colour)
            )
            figure.patches.append(
                Circle((0.75, 0.45), 0.15, transform=figure.transFigure, color=colour, alpha=0.6)
            )
            for step in range(12):
                x = 0.05 + step * 0.02
                figure.patches.append(
                    Rectangle((x, 0.15), 0.002, 0.3, transform=figure.transFigure, color="k")
                )
            for row, line in enumerate(lines):
                figure.text(0.05, 0.88 - row * 0.09, line, fontsize=36 if row == 0 else 20)
            pdf.savefig(figure)
    return path


def write_pptx(
    path: Path, slides: Sequence[tuple[str, str]], *, hidden: Sequence[int] = ()
) -> Path:
    """A PowerPoint of (title, speaker notes) slides; the slides numbered in *hidden* (1-based) are
    hidden, and PowerPoint leaves hidden slides out of the PDFs it saves."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(WIDE[0]), Inches(WIDE[1])
    for number, (title, notes) in enumerate(slides, start=1):
        slide = presentation.slides.add_slide(presentation.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        if number in hidden:
            slide.element.set("show", "0")
    presentation.save(str(path))
    return path


def raw_pdf(objects: Sequence[str], trailer: str = "") -> bytes:
    """A hand-written PDF of *objects* (1 is the catalogue), for files no library writes."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer}>>\n".encode()
    return out + f"startxref\n{start}\n%%EOF\n".encode()
