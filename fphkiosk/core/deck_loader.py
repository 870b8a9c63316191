"""Loads a Markdown deck: front matter, slides separated by `---`, notes, fenced activity blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fphkiosk.core.blocks import BLOCK_KINDS, parse_block
from fphkiosk.core.deck import (
    LAYOUTS,
    Block,
    ChartBlock,
    Deck,
    DeckMeta,
    Layout,
    Slide,
    inside_deck,
)
from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.fields import Fields, IssueLog
from fphkiosk.core.yaml_lines import LineMap, YamlSyntaxError, load_yaml

DECK_FILE = "deck.md"
META_FIELDS = (
    "title",
    "date",
    "place",
    "organizer",
    "min_group_size",
    "moderation",
    "keep_texts",
    "lang",
)

_SEPARATOR = re.compile(r"^---\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)?.*$")
_NOTES = re.compile(r"^notes?\s*:\s*$", re.IGNORECASE)
_LAYOUT = re.compile(r"^<!--\s*layout\s*:\s*([\w-]+)\s*-->\s*$")
_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def resolve_deck_path(path: Path) -> Path:
    """A deck is named by its Markdown file or by the folder that holds `deck.md`."""
    return path / DECK_FILE if path.is_dir() else path


def load_deck(path: Path) -> Deck:
    """Load and validate the deck at *path*; raise DeckError listing every problem found."""
    source = resolve_deck_path(path)
    log = IssueLog()
    if not source.is_file():
        log.add(source, 0, "deck_not_found", path=str(source))
        raise DeckError(log.issues)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        log.add(source, 1, "read_failed", detail=str(exc))
        raise DeckError(log.issues) from exc
    lines = text.splitlines()
    meta, first_body_line = _front_matter(lines, source, log)
    if first_body_line >= len(lines) and log.issues:
        raise DeckError(log.issues)
    slides = _slides(lines, first_body_line, source, source.parent, log)
    if not slides and not log.issues:
        log.add(source, len(lines) or 1, "no_slides")
    _check_unique_ids(slides, source, log)
    if log.issues or meta is None:
        raise DeckError(log.issues)
    return Deck(meta=meta, slides=tuple(slides), source=source, base_dir=source.parent)


def _front_matter(lines: list[str], source: Path, log: IssueLog) -> tuple[DeckMeta | None, int]:
    """The metadata and the 0-based index of the first line after it."""
    if not lines or not _SEPARATOR.match(lines[0]):
        log.add(source, 1, "front_matter_missing")
        return None, 0
    end = next((i for i in range(1, len(lines)) if _SEPARATOR.match(lines[i])), None)
    if end is None:
        log.add(source, 1, "front_matter_unclosed")
        return None, len(lines)
    try:
        data = load_yaml("\n".join(lines[1:end]), first_line=2)
    except YamlSyntaxError as exc:
        log.add(source, exc.line, "yaml_invalid", detail=exc.detail)
        return None, end + 1
    if not isinstance(data, LineMap):
        log.add(source, 2, "front_matter_not_mapping")
        return None, end + 1
    fields = Fields(data, source, log, "front matter")
    fields.only(META_FIELDS)
    before = len(log.issues)
    moderation = fields.text("moderation", required=False, default="manual")
    if moderation not in ("manual", "auto"):
        fields.issue("moderation", "bad_moderation", value=moderation)
    keep_texts = fields.text("keep_texts", required=False, default="approved")
    if keep_texts not in ("approved", "all"):
        fields.issue("keep_texts", "bad_keep_texts", value=keep_texts)
    meta = DeckMeta(
        title=fields.text("title"),
        date=fields.text("date", required=False),
        place=fields.text("place", required=False),
        organizer=fields.text("organizer", required=False),
        min_group_size=fields.integer("min_group_size", required=False, default=5),
        lang=fields.text("lang", required=False).lower(),
        moderation="auto" if moderation == "auto" else "manual",
        keep_texts="all" if keep_texts == "all" else "approved",
    )
    if meta.min_group_size < 1:
        fields.issue("min_group_size", "bad_min_group_size", value=meta.min_group_size)
    return (meta if len(log.issues) == before else None), end + 1


@dataclass
class _Chunk:
    start: int
    """1-based line of the chunk's first line."""
    lines: list[str] = field(default_factory=list)


def _split(lines: list[str], first: int) -> list[_Chunk]:
    """Cut the body at `---` lines that are not inside a fenced block."""
    chunks = [_Chunk(first + 1)]
    fence: str | None = None
    for number, line in enumerate(lines[first:], start=first + 1):
        fence = _track_fence(line, fence)
        if fence is None and _SEPARATOR.match(line):
            chunks.append(_Chunk(number + 1))
        else:
            chunks[-1].lines.append(line)
    return chunks


def _track_fence(line: str, fence: str | None) -> str | None:
    """The open fence after *line* (None outside any fenced block)."""
    match = _FENCE.match(line)
    if not match:
        return fence
    marker = match.group(1)
    if fence is None:
        return marker
    if marker[0] == fence[0] and len(marker) >= len(fence) and not (match.group(2) or ""):
        return None
    return fence


def _slides(
    lines: list[str], first: int, source: Path, base_dir: Path, log: IssueLog
) -> list[Slide]:
    slides: list[Slide] = []
    chunks = _split(lines, first)
    for position, chunk in enumerate(chunks):
        if not any(line.strip() for line in chunk.lines):
            if 0 < position < len(chunks) - 1 or (position == 0 and len(chunks) == 1):
                log.add(source, chunk.start - 1, "empty_slide")
            continue
        slide = _slide(len(slides) + 1, chunk, source, base_dir, log)
        if slide is not None:
            slides.append(slide)
    return slides


def _slide(index: int, chunk: _Chunk, source: Path, base_dir: Path, log: IssueLog) -> Slide | None:
    before = len(log.issues)
    layout: str = "content"
    title = ""
    content: list[str] = []
    notes: list[str] = []
    blocks: list[Block] = []
    fence: str | None = None
    in_notes = False
    block_kind: str | None = None
    block_start = 0
    block_lines: list[str] = []
    for number, line in enumerate(chunk.lines, start=chunk.start):
        previous_fence = fence
        fence = _track_fence(line, fence)
        if in_notes:
            notes.append(line)
            continue
        if previous_fence is None and fence is not None:
            info = (_FENCE.match(line) or _never()).group(2) or ""
            if info in BLOCK_KINDS:
                block_kind, block_start, block_lines = info, number, []
                continue
            if info:
                log.add(source, number, "unknown_kind", kind=info, allowed=", ".join(BLOCK_KINDS))
        elif previous_fence is not None and fence is None and block_kind is not None:
            block = _block(block_kind, block_start, block_lines, source, base_dir, log)
            if block is not None:
                blocks.append(block)
            block_kind = None
            continue
        if block_kind is not None:
            block_lines.append(line)
            continue
        if fence is None and previous_fence is None:
            if _NOTES.match(line):
                in_notes = True
                continue
            layout_match = _LAYOUT.match(line.strip())
            if layout_match:
                layout = layout_match.group(1)
                if layout not in LAYOUTS:
                    log.add(
                        source, number, "unknown_layout", layout=layout, allowed=", ".join(LAYOUTS)
                    )
                continue
            heading = _HEADING.match(line)
            if heading and not title:
                title = heading.group(2).strip()
                continue
            _check_images(line, number, source, base_dir, log)
        content.append(line)
    if fence is not None:
        log.add(source, block_start or chunk.start, "block_unclosed", kind=block_kind or "")
    if not title and layout != "title":
        log.add(source, chunk.start, "missing_title")
    if layout == "image":
        _check_image_slide(content, blocks, chunk.start, source, log)
    if len(log.issues) > before:
        return None
    return Slide(
        index=index,
        line=chunk.start,
        title=title,
        layout=_layout(layout),
        body="\n".join(content).strip("\n"),
        notes="\n".join(notes).strip("\n"),
        blocks=tuple(blocks),
        images=tuple(
            path
            for line in content
            for m in _IMAGE.finditer(line)
            if (path := inside_deck(base_dir, m.group(1))) is not None
        ),
    )


def _never() -> re.Match[str]:
    raise AssertionError("a fence line always matches the fence pattern")


def _layout(name: str) -> Layout:
    if name == "title":
        return "title"
    if name == "section":
        return "section"
    if name == "image":
        return "image"
    return "content"


def _block(
    kind: str, start: int, lines: list[str], source: Path, base_dir: Path, log: IssueLog
) -> Block | None:
    try:
        data = load_yaml("\n".join(lines), first_line=start + 1)
    except YamlSyntaxError as exc:
        log.add(source, exc.line, "yaml_invalid", detail=exc.detail)
        return None
    if not isinstance(data, LineMap):
        log.add(source, start, "block_not_mapping", kind=kind)
        return None
    return parse_block(kind, data, source, base_dir, log)


def _check_image_slide(
    content: list[str], blocks: list[Block], start: int, source: Path, log: IssueLog
) -> None:
    """An image slide projects its one picture and nothing else: say so rather than hide text."""
    pictures = [m.group(1) for line in content for m in _IMAGE.finditer(line)]
    if len(pictures) != 1:
        log.add(source, start, "image_layout_pictures", count=len(pictures))
    text = "".join(_IMAGE.sub("", line).strip() for line in content)
    if text or any(isinstance(block, ChartBlock) for block in blocks):
        log.add(source, start, "image_layout_extra")


def _check_images(line: str, number: int, source: Path, base_dir: Path, log: IssueLog) -> None:
    for match in _IMAGE.finditer(line):
        target = match.group(1)
        if "://" in target:
            log.add(source, number, "remote_image", path=target)
        elif inside_deck(base_dir, target) is None:
            log.add(source, number, "image_outside_deck", path=target)
        elif not (base_dir / target).is_file():
            log.add(source, number, "missing_image", path=target)


def _check_unique_ids(slides: list[Slide], source: Path, log: IssueLog) -> None:
    first_seen: dict[str, int] = {}
    for slide in slides:
        for block in slide.blocks:
            if not block.id:
                continue
            if block.id in first_seen:
                log.add(
                    source, block.line, "duplicate_id", id=block.id, other_line=first_seen[block.id]
                )
            else:
                first_seen[block.id] = block.line
