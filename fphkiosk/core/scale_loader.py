"""Reads a scale definition file (YAML) and checks that its bands cover every possible score."""

from __future__ import annotations

from pathlib import Path

from fphkiosk.core.fields import Fields, IssueLog
from fphkiosk.core.scales import Band, ScaleDefinition, ScaleItem, ScaleOption
from fphkiosk.core.yaml_lines import LineMap, YamlSyntaxError, load_yaml

SCALE_FIELDS = ("title", "instructions", "options", "items", "bands", "licence", "source")


def load_scale(path: Path, log: IssueLog) -> ScaleDefinition | None:
    """The scale in *path*, or None after logging why it cannot be used."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        log.add(path, 1, "read_failed", detail=str(exc))
        return None
    try:
        data = load_yaml(text)
    except YamlSyntaxError as exc:
        log.add(path, exc.line, "yaml_invalid", detail=exc.detail)
        return None
    if not isinstance(data, LineMap):
        log.add(path, 1, "scale_not_mapping")
        return None
    before = len(log.issues)
    fields = Fields(data, path, log, "scale")
    fields.only(SCALE_FIELDS)
    title = fields.text("title")
    options = _options(fields)
    items = _items(fields)
    bands = _bands(fields)
    definition = ScaleDefinition(
        title=title,
        options=options,
        items=items,
        bands=bands,
        instructions=fields.text("instructions", required=False),
        licence=fields.text("licence", required=False),
        source=fields.text("source", required=False),
        file=path.name,
    )
    if len(log.issues) > before:
        return None
    _check_coverage(definition, data, path, log)
    return definition if len(log.issues) == before else None


def _options(fields: Fields) -> tuple[ScaleOption, ...]:
    options: list[ScaleOption] = []
    for entry in fields.mapping_list("options"):
        option = Fields(entry, fields.file, fields.log, "option")
        option.only(("label", "points"))
        options.append(ScaleOption(option.text("label"), option.integer("points")))
    if "options" in fields.data and len(options) < 2:
        fields.issue("options", "too_few_options", count=len(options))
    return tuple(options)


def _items(fields: Fields) -> tuple[ScaleItem, ...]:
    raw = fields.data.get("items")
    if raw is None:
        fields.issue(None, "missing_field", field="items")
        return ()
    if not isinstance(raw, list) or not raw:
        fields.issue("items", "wrong_type", field="items", expected="list")
        return ()
    items: list[ScaleItem] = []
    for entry in raw:
        if isinstance(entry, LineMap):
            item = Fields(entry, fields.file, fields.log, "item")
            item.only(("text", "reverse"))
            items.append(ScaleItem(item.text("text"), item.boolean("reverse")))
        elif entry is not None and str(entry).strip():
            items.append(ScaleItem(str(entry).strip()))
        else:
            fields.issue("items", "empty_list_entry", field="items")
    return tuple(items)


def _bands(fields: Fields) -> tuple[Band, ...]:
    bands: list[Band] = []
    for entry in fields.mapping_list("bands"):
        band = Fields(entry, fields.file, fields.log, "band")
        band.only(("min", "max", "label", "advice"))
        low, high = band.integer("min"), band.integer("max")
        if low > high:
            band.issue("max", "band_inverted", min=low, max=high)
        bands.append(Band(low, high, band.text("label"), band.text("advice", required=False)))
    if "bands" in fields.data and not bands:
        fields.issue("bands", "missing_field", field="bands")
    return tuple(bands)


def _check_coverage(scale: ScaleDefinition, data: LineMap, path: Path, log: IssueLog) -> None:
    """Every score from the minimum to the maximum falls in exactly one band."""
    band_lines = [entry.line for entry in data["bands"]]
    lo, hi = scale.min_score, scale.max_score
    ordered = sorted(zip(scale.bands, band_lines, strict=True), key=lambda pair: pair[0].min)
    for band, line in ordered:
        if band.min < lo or band.max > hi:
            log.add(path, line, "band_out_of_range", label=band.label, lo=lo, hi=hi)
    expected = lo
    previous: Band | None = None
    for band, line in ordered:
        if band.min > expected:
            log.add(path, line, "band_gap", low=expected, high=band.min - 1)
        elif band.min < expected and previous is not None:
            log.add(path, line, "band_overlap", label=band.label, other=previous.label)
        expected = max(expected, band.max + 1)
        previous = band
    if expected <= hi:
        log.add(path, data.line_of("bands"), "band_gap", low=expected, high=hi)
