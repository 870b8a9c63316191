"""The course deck as values: slides, their notes, and the activities and charts they carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from fphkiosk.core.scales import ScaleDefinition

Layout = Literal["title", "section", "content", "image"]
LAYOUTS: tuple[str, ...] = ("title", "section", "content", "image")
"""``image``: one picture fills the screen (a PDF page); its title is for the slide list only."""
PollMode = Literal["single", "best-worst"]
TextKind = Literal["qa", "open", "words"]
Moderation = Literal["manual", "auto"]
KeepTexts = Literal["approved", "all"]

DEFAULT_MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class DeckMeta:
    """The deck's front matter."""

    title: str
    date: str = ""
    place: str = ""
    organizer: str = ""
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    lang: str = ""
    """The language the deck is written in ("fr", "en"): the participant pages speak it."""
    moderation: Moderation = "manual"
    """manual: no text reaches a shared screen before the trainer approves it; auto: unflagged
    texts do (a flagged text is always held)."""
    keep_texts: KeepTexts = "approved"
    """approved: only approved texts are written to the session file; all: held ones too."""


@dataclass(frozen=True)
class Poll:
    """A choice question. A quiz is a poll whose correct answers are required."""

    id: str
    kind: Literal["poll", "quiz"]
    question: str
    choices: tuple[str, ...]
    correct: tuple[int, ...] = ()
    """0-based indices of the correct choices (several only for a ``multiple`` poll or quiz)."""
    mode: PollMode = "single"
    prompts: tuple[str, ...] = ()
    line: int = 0
    multiple: bool = False
    """Several choices per participant (``max_choices`` at most, when set)."""
    max_choices: int | None = None
    timer: int | None = None
    """Seconds the activity stays open; the room closes it at zero."""

    @property
    def has_correct_answer(self) -> bool:
        return bool(self.correct)

    @property
    def most_choices(self) -> int:
        """How many choices one participant may tick."""
        if not self.multiple:
            return 1
        return self.max_choices or len(self.choices)


@dataclass(frozen=True)
class ScaleActivity:
    """A self-scoring questionnaire placed on a slide; its definition lives in its own file."""

    id: str
    scale: ScaleDefinition
    line: int = 0
    kind: Literal["scale"] = "scale"
    timer: int | None = None


TEXT_MAX_LENGTH = 280
WORDS_MAX = 3


@dataclass(frozen=True)
class TextActivity:
    """The room writes: questions for speakers (qa), a short answer (open), words for a cloud."""

    id: str
    kind: TextKind
    question: str
    line: int = 0
    timer: int | None = None
    max_length: int = TEXT_MAX_LENGTH
    max_words: int = WORDS_MAX
    """For ``words``: how many words one participant may give."""


Activity = Poll | ScaleActivity | TextActivity


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""


@dataclass(frozen=True)
class ChartBlock:
    """A data chart drawn on the slide from figures written in the deck."""

    id: str
    title: str
    bars: tuple[Bar, ...]
    orientation: Literal["horizontal", "vertical"] = "horizontal"
    unit: str = ""
    source: str = ""
    line: int = 0


Block = Poll | ScaleActivity | TextActivity | ChartBlock


@dataclass(frozen=True)
class Slide:
    index: int
    """1-based position in the deck."""
    line: int
    title: str
    layout: Layout = "content"
    body: str = ""
    """Markdown shown on the projector (without the title and without activity blocks)."""
    notes: str = ""
    """Markdown for the presenter only."""
    blocks: tuple[Block, ...] = ()
    images: tuple[Path, ...] = ()

    @property
    def activities(self) -> tuple[Activity, ...]:
        return tuple(b for b in self.blocks if not isinstance(b, ChartBlock))

    @property
    def charts(self) -> tuple[ChartBlock, ...]:
        return tuple(b for b in self.blocks if isinstance(b, ChartBlock))


@dataclass(frozen=True)
class Deck:
    meta: DeckMeta
    slides: tuple[Slide, ...]
    source: Path
    """The deck's Markdown file."""
    base_dir: Path = field(default=Path("."))
    """Folder that image and scale paths are relative to."""

    @property
    def activities(self) -> tuple[Activity, ...]:
        return tuple(a for s in self.slides for a in s.activities)

    def activity(self, activity_id: str) -> Activity | None:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        return None

    def slide_of(self, activity_id: str) -> Slide | None:
        for slide in self.slides:
            if any(a.id == activity_id for a in slide.activities):
                return slide
        return None


def inside_deck(base_dir: Path, name: str) -> Path | None:
    """*name* (a path written in the deck) under *base_dir*, or None when it leads elsewhere.

    A deck names its images and scale files relative to its own folder; an absolute path, a
    ``../`` climb or a link that resolves outside would have a shared deck read (and project, or
    export) any file of the trainer's computer.
    """
    if Path(name).is_absolute():
        return None
    folder = base_dir.resolve()
    path = (folder / name).resolve()
    return path if path.is_relative_to(folder) else None
