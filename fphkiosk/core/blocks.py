"""Turns the YAML of one fenced block (poll, quiz, scale, chart) into a validated value."""

from __future__ import annotations

import re
from pathlib import Path

from fphkiosk.core.deck import Bar, Block, ChartBlock, Poll, ScaleActivity
from fphkiosk.core.fields import Fields, IssueLog
from fphkiosk.core.scale_loader import load_scale
from fphkiosk.core.yaml_lines import LineMap

BLOCK_KINDS = ("poll", "quiz", "scale", "chart")
POLL_MODES = ("single", "best-worst")
DEFAULT_BEST_WORST_PROMPTS = ("Quelle est la meilleure ?", "Quelle est la pire ?")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")


def parse_block(
    kind: str, data: LineMap, file: Path, base_dir: Path, log: IssueLog
) -> Block | None:
    fields = Fields(data, file, log, kind)
    before = len(log.issues)
    block: Block | None
    if kind in ("poll", "quiz"):
        block = _poll(kind, fields)
    elif kind == "scale":
        block = _scale(fields, base_dir)
    else:
        block = _chart(fields)
    return block if len(log.issues) == before else None


def _identifier(fields: Fields) -> str:
    identifier = fields.text("id")
    if identifier and not _ID.match(identifier):
        fields.issue("id", "bad_id", id=identifier)
    return identifier


def _poll(kind: str, fields: Fields) -> Poll:
    fields.only(("id", "question", "choices", "correct", "mode", "prompts"))
    identifier = _identifier(fields)
    question = fields.text("question")
    choices = fields.text_list("choices")
    if "choices" in fields.data and len(choices) < 2:
        fields.issue("choices", "too_few_choices", count=len(choices))
    seen: set[str] = set()
    for choice in choices:
        if choice.casefold() in seen:
            fields.issue("choices", "duplicate_choice", choice=choice)
        seen.add(choice.casefold())
    mode = fields.text("mode", required=False, default="single")
    if mode not in POLL_MODES:
        fields.issue("mode", "bad_mode", mode=mode, allowed=", ".join(POLL_MODES))
    prompts = fields.text_list("prompts", required=False)
    if mode == "best-worst" and not prompts:
        prompts = DEFAULT_BEST_WORST_PROMPTS
    if mode == "best-worst" and len(prompts) != 2:
        fields.issue("prompts", "best_worst_prompts", count=len(prompts))
    correct = _correct(fields, choices)
    if kind == "quiz" and correct is None and "correct" not in fields.data:
        fields.issue(None, "quiz_needs_correct")
    return Poll(
        id=identifier,
        kind="quiz" if kind == "quiz" else "poll",
        question=question,
        choices=choices,
        correct=correct,
        mode="best-worst" if mode == "best-worst" else "single",
        prompts=prompts if mode == "best-worst" else (),
        line=fields.line(),
    )


def _correct(fields: Fields, choices: tuple[str, ...]) -> int | None:
    """The correct answer, written as the choice's text or its number (1 for the first)."""
    raw = fields.data.get("correct")
    if raw is None or not choices:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        if 1 <= raw <= len(choices):
            return raw - 1
    else:
        wanted = str(raw).strip().casefold()
        for index, choice in enumerate(choices):
            if choice.casefold() == wanted:
                return index
    fields.issue(
        "correct",
        "correct_not_in_choices",
        correct=raw,
        choices=" | ".join(choices),
        count=len(choices),
    )
    return None


def _scale(fields: Fields, base_dir: Path) -> ScaleActivity | None:
    fields.only(("id", "file"))
    identifier = _identifier(fields)
    file_name = fields.text("file")
    if not file_name:
        return None
    path = (base_dir / file_name).resolve()
    if not path.is_file():
        fields.issue("file", "missing_scale_file", path=file_name)
        return None
    definition = load_scale(path, fields.log)
    if definition is None:
        return None
    return ScaleActivity(id=identifier, scale=definition, line=fields.line())


def _chart(fields: Fields) -> ChartBlock:
    fields.only(("id", "title", "bars", "orientation", "unit", "source"))
    identifier = _identifier(fields)
    orientation = fields.text("orientation", required=False, default="horizontal")
    if orientation not in ("horizontal", "vertical"):
        fields.issue("orientation", "bad_orientation", orientation=orientation)
    bars: list[Bar] = []
    for entry in fields.mapping_list("bars"):
        bar = Fields(entry, fields.file, fields.log, "bar")
        bar.only(("label", "value", "text"))
        bars.append(Bar(bar.text("label"), bar.number("value"), bar.text("text", required=False)))
    if "bars" in fields.data and not bars:
        fields.issue("bars", "missing_field", field="bars")
    return ChartBlock(
        id=identifier,
        title=fields.text("title"),
        bars=tuple(bars),
        orientation="vertical" if orientation == "vertical" else "horizontal",
        unit=fields.text("unit", required=False),
        source=fields.text("source", required=False),
        line=fields.line(),
    )
