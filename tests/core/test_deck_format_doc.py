"""The examples in docs/deck-format.md are valid decks: trainers copy them."""

from __future__ import annotations

import re
from pathlib import Path

from fphkiosk.core.deck_loader import load_deck

DOC = Path(__file__).resolve().parents[2] / "docs" / "deck-format.md"


def test_documented_blocks_load(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"````markdown\n(```(?:poll|quiz|scale|chart)\n.*?\n```)\n````", text, re.S)
    assert len(blocks) >= 4
    [scale_yaml] = re.findall(r"```yaml\n(title: Échelle.*?)\n```", text, re.S)
    # The documented scale shows two of its nine items: pad it to the nine its bands cover.
    (tmp_path / "scales").mkdir()
    (tmp_path / "scales" / "ortman.yaml").write_text(
        scale_yaml.replace("  - Passez", "  - Un\n  - Deux\n  - Trois\n  - Passez").replace(
            "reverse: true", "reverse: true\n  - Six\n  - Sept\n  - Huit\n  - Neuf"
        ),
        encoding="utf-8",
    )
    slides = "\n---\n".join(f"# Diapositive {i}\n{block}" for i, block in enumerate(blocks))
    [header] = re.findall(r"```yaml\n(---\ntitle:.*?---)\n```", text, re.S)
    (tmp_path / "deck.md").write_text(f"{header}\n{slides}\n", encoding="utf-8")
    deck = load_deck(tmp_path)
    assert len(deck.slides) == len(blocks)
    ids = {b.id for s in deck.slides for b in s.blocks}
    assert ids >= {"chu-tweets", "video-actions", "ortman"}
