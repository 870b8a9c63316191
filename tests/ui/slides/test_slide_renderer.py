"""The slide renderer: layouts, shrinking, scaling, caching, activities and charts on the canvas."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from fphkiosk.charts.style import PALETTE
from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator
from fphkiosk.ui.slides.fonts import FONT_FAMILY
from fphkiosk.ui.slides.markdown_html import body_html, fitted_document, markdown_parser
from fphkiosk.ui.slides.slide_renderer import CANVAS_HEIGHT, CANVAS_WIDTH, SlideRenderer, letterbox
from fphkiosk.ui.theme import Theme, contrast_ratio
from tests.ui import write_deck, write_png

SMALL = QSize(960, 540)

TITLE = "<!-- layout: title -->\n\nJournée organisée par l'ANFH Lorraine\n"
SECTION = "<!-- layout: section -->\n# Ouverture de la journée\n\n**Christiane HANN-AREND**\n"
CONTENT = "# Avertissement\n\n- Un point\n- Un autre point\n  - un sous-point *en italique*\n"
POLL = """# Combien de tweets ?

```poll
id: chu-tweets
question: Combien de tweets les CHU ont-ils publié ?
choices: [2 600, 27 900, 8 560 000]
correct: 27 900
```
"""
CHART = """# Temps passé

```chart
id: temps
title: Temps passé par mois
unit: heures
source: We Are Social, 2023
bars:
  - {label: TikTok, value: 21.4, text: "21 h 24"}
  - {label: Facebook, value: 12.9}
```
"""


def pixels(image: QImage) -> np.ndarray:
    """The image as an (height, width, 3) array of RGB values."""
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    # copy(): the array must not outlive the QImage's memory it would otherwise point into.
    buffer = np.frombuffer(converted.constBits(), dtype=np.uint8).copy()
    rows = buffer.reshape(converted.height(), converted.bytesPerLine())
    return rows[:, : converted.width() * 3].reshape(converted.height(), converted.width(), 3)


def rgb(colour: str) -> np.ndarray:
    c = QColor(colour)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.int16)


def share_near(region: np.ndarray, colour: str, tolerance: int = 12) -> float:
    """Share of the pixels of *region* within *tolerance* of *colour* on every channel."""
    close = np.all(np.abs(region.astype(np.int16) - rgb(colour)) <= tolerance, axis=-1)
    return float(close.mean())


def distinct_colours(region: np.ndarray) -> int:
    return len(np.unique(region.reshape(-1, 3), axis=0))


@pytest.fixture
def deck(tmp_path: Path, qapp: QApplication) -> Deck:
    return write_deck(tmp_path / "deck", TITLE, SECTION, CONTENT, POLL, CHART)


@pytest.fixture
def renderer(deck: Deck, tr: Translator) -> SlideRenderer:
    return SlideRenderer(deck, tr)


def test_the_shipped_font_is_registered_and_used(renderer: SlideRenderer) -> None:
    assert renderer.font_family == FONT_FAMILY


def test_theme_colours_pass_wcag_aa() -> None:
    p = Theme().palette
    assert contrast_ratio(p.text, p.background) >= 7
    assert contrast_ratio(p.text, p.section_background) >= 7
    assert contrast_ratio(p.text, p.accent_soft) >= 7
    assert contrast_ratio(p.muted, p.background) >= 4.5
    assert contrast_ratio(p.accent, p.background) >= 4.5
    assert contrast_ratio(p.accent_text, p.accent) >= 4.5
    assert contrast_ratio(p.second_accent, p.background) >= 4.5


def test_theme_sizes_read_from_the_back_of_the_room() -> None:
    s = Theme().sizes
    assert s.body_px >= 34
    assert s.title_px >= 56


@pytest.mark.parametrize("index", [1, 2, 3, 4, 5])
def test_every_layout_draws_something(renderer: SlideRenderer, deck: Deck, index: int) -> None:
    image = pixels(renderer.image(deck.slides[index - 1], SMALL))
    background = Theme().palette.section_background if index == 2 else Theme().palette.background
    body = image[60:480, 40:920]
    assert share_near(body, background) < 0.995  # text was drawn
    assert share_near(body, background) > 0.4  # on the light background
    assert distinct_colours(body) > 20  # anti-aliased type, not a flat fill


def test_title_slide_shows_the_front_matter(tmp_path: Path, tr: Translator, qapp: object) -> None:
    title_only = write_deck(tmp_path / "other", "<!-- layout: title -->\n")
    bare = SlideRenderer(title_only, tr)
    # The front matter alone (no slide body) already fills the title page.
    image = pixels(bare.image(title_only.slides[0], SMALL))
    assert share_near(image[100:440, 40:920], Theme().palette.text, 40) > 0.01


def test_a_long_body_is_shrunk_but_stays_inside_the_canvas(tmp_path: Path, tr: Translator) -> None:
    lines = "\n".join(
        f"- Point numéro {i} avec un peu de texte pour remplir la ligne" for i in range(40)
    )
    deck = write_deck(tmp_path / "long", f"# Beaucoup trop de texte\n\n{lines}\n")
    renderer = SlideRenderer(deck, tr)
    theme = renderer.theme
    html = body_html(markdown_parser(), lines)
    doc, size = fitted_document(html, theme, renderer.font_family, 1700, 760)
    assert theme.sizes.body_min_px <= size < theme.sizes.body_px
    assert doc.size().height() <= 760 or size == theme.sizes.body_min_px
    image = pixels(renderer.image(deck.slides[0], QSize(CANVAS_WIDTH, CANVAS_HEIGHT)))
    # Between the body's box and the footer rule nothing is drawn; the footer itself is intact.
    gap_top = int(CANVAS_HEIGHT - theme.sizes.footer_height - theme.sizes.footer_gap + 4)
    gap = image[gap_top : int(CANVAS_HEIGHT - theme.sizes.footer_height - 2), 100:1820]
    assert share_near(gap, theme.palette.background, 2) == 1.0
    footer = image[int(CANVAS_HEIGHT - theme.sizes.footer_height) + 4 :, 100:1820]
    assert share_near(footer, theme.palette.muted, 60) > 0.001
    # The top of the body is drawn (the list starts right under the title).
    assert share_near(image[250:400, 110:900], theme.palette.text, 60) > 0.01


def test_a_short_body_keeps_the_full_size(renderer: SlideRenderer) -> None:
    html = body_html(markdown_parser(), "- Un point\n- Un autre\n")
    _doc, size = fitted_document(html, renderer.theme, renderer.font_family, 1700, 760)
    assert size == renderer.theme.sizes.body_px


@pytest.mark.parametrize("index", [1, 3, 4, 5])
def test_a_slide_looks_the_same_at_two_sizes(
    renderer: SlideRenderer, deck: Deck, index: int
) -> None:
    slide = deck.slides[index - 1]
    thumb = QSize(240, 135)
    smooth = Qt.TransformationMode.SmoothTransformation
    ignore = Qt.AspectRatioMode.IgnoreAspectRatio
    big = renderer.image(slide, QSize(1920, 1080)).scaled(thumb, ignore, smooth)
    small = renderer.image(slide, QSize(640, 360)).scaled(thumb, ignore, smooth)
    difference = np.abs(pixels(big).astype(np.int16) - pixels(small).astype(np.int16))
    assert difference.mean() < 4
    assert np.percentile(difference, 99) < 90


def test_a_second_render_comes_from_the_cache(renderer: SlideRenderer, deck: Deck) -> None:
    slide = deck.slides[4]
    first = renderer.image(slide, SMALL)
    renders = renderer.renders
    second = renderer.image(slide, SMALL)
    # The same image object and no new render: from the cache (how fast is the benchmarks').
    assert second is first
    assert renderer.renders == renders
    renderer.image(slide, QSize(480, 270))
    assert renderer.renders == renders + 1


def test_prerender_fills_the_cache(renderer: SlideRenderer, deck: Deck) -> None:
    renderer.prerender(deck.slides, SMALL)
    renders = renderer.renders
    for slide in deck.slides:
        renderer.image(slide, SMALL)
    assert renderer.renders == renders == len(deck.slides)


def test_paint_letterboxes_into_a_square(renderer: SlideRenderer, deck: Deck) -> None:
    image = QImage(600, 600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.paint(painter, QRectF(0, 0, 600, 600), deck.slides[2])
    painter.end()
    array = pixels(image)
    frame = letterbox(QRectF(0, 0, 600, 600))
    assert frame.height() == pytest.approx(337.5)
    assert share_near(array[:100], "#000000", 0) == 1.0
    assert share_near(array[-100:], "#000000", 0) == 1.0
    assert share_near(array[200:400], Theme().palette.background, 8) > 0.5


def test_blank_is_black(renderer: SlideRenderer) -> None:
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.blank(painter, QRectF(0, 0, 320, 180))
    painter.end()
    assert share_near(pixels(image), "#000000", 0) == 1.0


def test_a_poll_draws_its_lettered_choices(renderer: SlideRenderer, deck: Deck) -> None:
    image = pixels(renderer.image(deck.slides[3], QSize(1920, 1080)))
    palette = Theme().palette
    body = image[250:950, 110:1810]
    assert share_near(body, palette.accent_soft, 4) > 0.1  # the three choice boxes
    assert share_near(body, palette.accent, 10) > 0.005  # the letter badges


def test_a_poll_does_not_give_the_answer_away(tmp_path: Path, tr: Translator) -> None:
    without = POLL.replace("correct: 27 900\n", "")
    a = write_deck(tmp_path / "a", POLL)
    b = write_deck(tmp_path / "b", without)
    assert a.slides[0].activities != b.slides[0].activities
    image_a = SlideRenderer(a, tr).image(a.slides[0], SMALL)
    image_b = SlideRenderer(b, tr).image(b.slides[0], SMALL)
    assert image_a == image_b


def test_a_chart_draws_its_bars(renderer: SlideRenderer, deck: Deck) -> None:
    image = pixels(renderer.image(deck.slides[4], QSize(1920, 1080)))
    body = image[250:950, 110:1810]
    assert share_near(body, PALETTE[0], 6) > 0.05


def test_text_and_visual_share_the_body(tmp_path: Path, tr: Translator) -> None:
    long_text = "\n".join(f"- Ligne {i} du texte" for i in range(8))
    deck = write_deck(tmp_path / "split", POLL.replace("```poll", f"{long_text}\n\n```poll"))
    image = pixels(SlideRenderer(deck, tr).image(deck.slides[0], QSize(1920, 1080)))
    palette = Theme().palette
    # Long text: on the left; the choices on the right.
    assert share_near(image[250:900, 110:700], palette.accent_soft, 4) < 0.01
    assert share_near(image[250:900, 900:1810], palette.accent_soft, 4) > 0.1


def test_scale_and_best_worst_slides(tmp_path: Path, tr: Translator) -> None:
    scale = "# Une échelle\n\n```scale\nid: test\nfile: scales/test.yaml\n```\n"
    best_worst = (
        "# Vote\n\n```poll\nid: vote\nmode: best-worst\nquestion: Que faire ?\n"
        "choices: [Liker, Commenter, Signaler]\nprompts:\n  - La meilleure ?\n  - La pire ?\n```\n"
    )
    deck = write_deck(tmp_path / "scale", scale, best_worst)
    renderer = SlideRenderer(deck, tr)
    palette = Theme().palette
    scale_image = pixels(renderer.image(deck.slides[0], QSize(1920, 1080)))
    assert share_near(scale_image[250:950, 110:1810], palette.accent_soft, 4) > 0.02  # options
    vote_image = pixels(renderer.image(deck.slides[1], QSize(1920, 1080)))
    assert share_near(vote_image[250:950, 110:1810], palette.second_accent, 20) > 0.0005


def test_a_picture_in_the_body_is_drawn(tmp_path: Path, tr: Translator) -> None:
    folder = tmp_path / "pictures"
    (folder / "images").mkdir(parents=True)
    write_png(folder / "images" / "red.png", "#D00000", 400, 200)
    deck = write_deck(folder, "# Une image\n\n![Une image rouge](images/red.png)\n")
    image = pixels(SlideRenderer(deck, tr).image(deck.slides[0], SMALL))
    red = share_near(image[120:480, 50:910], "#D00000", 6)
    assert red > 0.3  # scaled up to fill the body area, proportions kept


def test_the_bundled_deck_renders(
    bundled_deck_path: Path, tr: Translator, qapp: QApplication
) -> None:
    if not (bundled_deck_path / "deck.md").is_file():
        pytest.fail("slides/deck.md is missing")
    deck = load_deck(bundled_deck_path)
    renderer = SlideRenderer(deck, tr)
    background = Theme().palette
    for slide in deck.slides:
        image = pixels(renderer.image(slide, QSize(320, 180)))
        colour = (
            background.section_background if slide.layout == "section" else background.background
        )
        assert share_near(image[10:150], colour, 10) < 0.995, slide.index
