"""The word lists the text screen needs, read once from ``assets/text_screen/``.

Every list is a UTF-8 text file, one entry a line, ``#`` starting a comment; entries are compared
by their folded form (case- and accent-blind). Where each list comes from, and its licence, is in
the README beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fphkiosk.core.text_fold import fold_word
from fphkiosk.paths import assets_dir


@dataclass(frozen=True)
class ScreenLexicons:
    first_names: frozenset[str]
    """Common French first names (INSEE)."""
    first_names_also_words: frozenset[str]
    """First names that are also French words ("pierre", "rose"): they need capitals or context."""
    surnames: frozenset[str]
    """Common French surnames that are not also French words (INSEE)."""
    surnames_also_words: frozenset[str]
    """Common French surnames that are also French words ("petit", "moreau")."""
    not_names: frozenset[str]
    """Capitalised words that are on a name list but, here, mostly name a place or a thing."""
    insults: frozenset[str]
    """Words that insult whoever they are said of."""
    insults_when_aimed: frozenset[str]
    """Words that insult only when aimed at someone ("vous êtes nuls", "bande de nazes")."""
    insult_phrases: tuple[tuple[str, ...], ...]
    """Insults of several words, each as its folded words ("fils de pute")."""


def read_list(path: Path) -> list[str]:
    """The entries of one list file, folded, without comments or blank lines."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(fold_word(entry))
    return entries


def load_lexicons(directory: Path) -> ScreenLexicons:
    """The lists in *directory* (normally ``assets/text_screen``)."""
    insult_entries = read_list(directory / "insults_fr.txt")
    return ScreenLexicons(
        first_names=frozenset(read_list(directory / "first_names_fr.txt")),
        first_names_also_words=frozenset(read_list(directory / "first_names_also_words_fr.txt")),
        surnames=frozenset(read_list(directory / "surnames_fr.txt")),
        surnames_also_words=frozenset(read_list(directory / "surnames_also_words_fr.txt")),
        not_names=frozenset(read_list(directory / "not_names_fr.txt")),
        insults=frozenset(e for e in insult_entries if " " not in e),
        insults_when_aimed=frozenset(read_list(directory / "insults_when_aimed_fr.txt")),
        insult_phrases=tuple(
            [tuple(e.split()) for e in insult_entries if " " in e]
            # "moins-que-rien" is also written "moins que rien".
            + [tuple(e.split("-")) for e in insult_entries if "-" in e and " " not in e]
        ),
    )


@cache
def default_lexicons() -> ScreenLexicons:
    """The shipped lists, read on first use."""
    return load_lexicons(assets_dir() / "text_screen")
