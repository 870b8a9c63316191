"""Scale scoring and band validation. Needs no display."""

from __future__ import annotations

from pathlib import Path

import pytest

from fphkiosk.core.fields import IssueLog
from fphkiosk.core.scale_loader import load_scale
from fphkiosk.core.scales import Band, ScaleDefinition, ScaleItem, ScaleOption

LIKERT = (ScaleOption("Non", 0), ScaleOption("Un peu", 1), ScaleOption("Beaucoup", 2))


def make_scale(reverse_second: bool = False) -> ScaleDefinition:
    return ScaleDefinition(
        title="t",
        options=LIKERT,
        items=(ScaleItem("a"), ScaleItem("b", reverse=reverse_second)),
        bands=(Band(0, 1, "bas"), Band(2, 4, "haut")),
    )


def test_range_and_scoring() -> None:
    scale = make_scale()
    assert (scale.min_score, scale.max_score) == (0, 4)
    assert scale.score([2, 1]) == 3
    assert scale.band_for(1).label == "bas" and scale.band_for(2).label == "haut"
    assert not scale.is_yes_no


def test_reverse_scored_item_inverts_points() -> None:
    scale = make_scale(reverse_second=True)
    assert scale.item_points(1, 0) == 2
    assert scale.item_points(1, 2) == 0
    assert scale.score([2, 0]) == 4


def test_bad_answers_are_refused() -> None:
    scale = make_scale()
    with pytest.raises(ValueError):
        scale.score([1])
    with pytest.raises(IndexError):
        scale.score([1, 3])
    with pytest.raises(ValueError):
        scale.band_for(9)


@pytest.mark.parametrize(
    ("bands", "keys"),
    [
        ("[{min: 0, max: 1, label: a}, {min: 2, max: 2, label: b}]", []),
        ("[{min: 0, max: 0, label: a}, {min: 2, max: 2, label: b}]", ["band_gap"]),
        ("[{min: 0, max: 1, label: a}, {min: 1, max: 2, label: b}]", ["band_overlap"]),
        ("[{min: 0, max: 1, label: a}]", ["band_gap"]),
        ("[{min: 0, max: 1, label: a}, {min: 2, max: 5, label: b}]", ["band_out_of_range"]),
        ("[{min: 2, max: 0, label: a}]", ["band_inverted"]),
    ],
)
def test_bands_must_cover_every_score_once(tmp_path: Path, bands: str, keys: list[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "title: T\noptions: [{label: Non, points: 0}, {label: Oui, points: 1}]\n"
        f"items: [a, b]\nbands: {bands}\n",
        encoding="utf-8",
    )
    log = IssueLog()
    scale = load_scale(path, log)
    assert [i.key for i in log.issues] == keys
    assert (scale is None) == bool(keys)
    if scale is not None:
        assert scale.is_yes_no
