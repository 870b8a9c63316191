"""Turns the YAML of one fenced block (poll, quiz, scale, qa, open, words, chart) into a value."""

from __future__ import annotations

import re
from pathlib import Path

from fphkiosk.core.deck import (
    TEXT_MAX_LENGTH,
    WORDS_MAX,
    Bar,
    Block,
    ChartBlock,
    Poll,
    ScaleActivity,
    TextActivity,
    inside_deck,
)
from fphkiosk.core.fields import Fields, IssueLog
from fphkiosk.core.scale_loader import load_scale
from fphkiosk.core.yaml_lines import LineMap

BLOCK_KINDS = ("poll", "quiz", "scale", "qa", "open", "words", "chart")
TEXT_KINDS = ("qa", "open", "words")
MAX_TIMER = 3600
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
    elif kind in TEXT_KINDS:
        block = _text(kind, fields)
    else:
        block = _chart(fields)
    return block if len(log.issues) == before else None


def _identifier(fields: Fields) -> str:
    identifier = fields.text("id")
    if identifier and not _ID.match(identifier):
        fields.issue("id", "bad_id", id=identifier)
    return identifier


def _poll(kind: str, fields: Fields) -> Poll:
    fields.only(
        ("id", "question", "choices", "correct", "mode", "prompts", "multiple", "max", "timer")
    )
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
    multiple = fields.boolean("multiple")
    max_choices = _max_choices(fields, multiple, len(choices))
    if multiple and mode == "best-worst":
        fields.issue("multiple", "multiple_best_worst")
    correct = _correct(fields, choices)
    if kind == "quiz" and not correct and "correct" not in fields.data:
        fields.issue(None, "quiz_needs_correct")
    if len(correct) > 1 and not multiple:
        fields.issue("correct", "several_correct_needs_multiple", count=len(correct))
    return Poll(
        id=identifier,
        kind="quiz" if kind == "quiz" else "poll",
        question=question,
        choices=choices,
        correct=correct,
        mode="best-worst" if mode == "best-worst" else "single",
        prompts=prompts if mode == "best-worst" else (),
        line=fields.line(),
        multiple=multiple,
        max_choices=max_choices,
        timer=_timer(fields),
    )


def _max_choices(fields: Fields, multiple: bool, count: int) -> int | None:
    if "max" not in fields.data:
        return None
    value = fields.integer("max")
    if not multiple:
        fields.issue("max", "max_needs_multiple")
    elif not 1 <= value <= count:
        fields.issue("max", "bad_max_choices", value=value, count=count)
    return value


def _timer(fields: Fields) -> int | None:
    """``timer: 60``: seconds the activity stays open once opened."""
    if "timer" not in fields.data:
        return None
    value = fields.integer("timer")
    if not 5 <= value <= MAX_TIMER:
        fields.issue("timer", "bad_timer", value=value, max=MAX_TIMER)
    return value


def _correct(fields: Fields, choices: tuple[str, ...]) -> tuple[int, ...]:
    """The correct answers, each written as the choice's text or its number (1 for the first)."""
    raw = fields.data.get("correct")
    if raw is None or not choices:
        return ()
    wanted = raw if isinstance(raw, list) else [raw]
    found: list[int] = []
    for entry in wanted:
        index = _choice_index(entry, choices)
        if index is None:
            fields.issue(
                "correct",
                "correct_not_in_choices",
                correct=entry,
                choices=" | ".join(choices),
                count=len(choices),
            )
            return ()
        if index not in found:
            found.append(index)
    return tuple(sorted(found))


def _choice_index(entry: object, choices: tuple[str, ...]) -> int | None:
    if isinstance(entry, int) and not isinstance(entry, bool):
        return entry - 1 if 1 <= entry <= len(choices) else None
    wanted = str(entry).strip().casefold()
    for index, choice in enumerate(choices):
        if choice.casefold() == wanted:
            return index
    return None


def _text(kind: str, fields: Fields) -> TextActivity:
    allowed = ["id", "question", "timer"]
    if kind == "words":
        allowed.append("max_words")
    fields.only(allowed)
    identifier = _identifier(fields)
    max_words = WORDS_MAX
    if kind == "words" and "max_words" in fields.data:
        max_words = fields.integer("max_words")
        if not 1 <= max_words <= WORDS_MAX:
            fields.issue("max_words", "bad_max_words", value=max_words, max=WORDS_MAX)
    return TextActivity(
        id=identifier,
        kind="qa" if kind == "qa" else "open" if kind == "open" else "words",
        question=fields.text("question"),
        line=fields.line(),
        timer=_timer(fields),
        max_length=TEXT_MAX_LENGTH,
        max_words=max_words,
    )


def _scale(fields: Fields, base_dir: Path) -> ScaleActivity | None:
    fields.only(("id", "file", "timer"))
    identifier = _identifier(fields)
    timer = _timer(fields)
    file_name = fields.text("file")
    if not file_name:
        return None
    path = inside_deck(base_dir, file_name)
    if path is None:
        fields.issue("file", "scale_file_outside_deck", path=file_name)
        return None
    if not path.is_file():
        fields.issue("file", "missing_scale_file", path=file_name)
        return None
    definition = load_scale(path, fields.log)
    if definition is None:
        return None
    return ScaleActivity(id=identifier, scale=definition, line=fields.line(), timer=timer)


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
