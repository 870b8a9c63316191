"""Personal data with a recognisable shape: addresses, numbers, dates, identifiers.

Each finder takes the text and its folded copy (``text_fold.fold_text``: same length, lower case,
no accents) and yields the ``(start, end)`` spans it recognises. Keywords are matched on the
folded copy, so "Né le", "NÉE LE" and "nee le" are one pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

Span = tuple[int, int]

EMAIL = re.compile(
    r"[\w.+\-]+"
    r"(?:@|\s?[\(\[]\s?(?:at|arobase)\s?[\)\]]\s?|\s(?:at|arobase)\s)"
    r"[\w\-]+(?:(?:\.|\s?[\(\[]\s?(?:dot|point)\s?[\)\]]\s?)[\w\-]+)*"
    r"(?:\.|\s?[\(\[]\s?(?:dot|point)\s?[\)\]]\s?)[a-z]{2,12}\b"
)

# Metropolitan France (+33) and the overseas departments and territories.
_COUNTRY = r"(?:33|262|269|508|590|594|596|681|687|689)"
PHONE = re.compile(
    rf"(?<![\w+])(?<!\d[ .\-])(?:(?:\+|00)[ .]?{_COUNTRY}[ .\-]?(?:\(0\)[ .\-]?)?|0)"
    r"[1-9](?:[ ./\-]{0,2}\d){8}(?!\d)"
)

NIR = re.compile(
    r"(?<!\w)([1278])[ .\-]?(\d\d)[ .\-]?(\d\d)[ .\-]?(\d[0-9ab])[ .\-]?(\d{3})[ .\-]?(\d{3})"
    r"(?:(?:[ .\-]{0,3}|,?\s(?:cle|clef)\s?:?\s?)(\d\d))?(?![\w])"
)

_TLD = r"(?:com|fr|org|net|eu|io|be|ch|info|biz|me|tv|co|gouv\.fr|sante\.fr|ly|gl|app|dev)"
URL = re.compile(
    r"(?:\b(?:https?://|www\.)[^\s<>\"]+)"
    r"|(?:(?<![\w@.\-])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\." + _TLD + r"\b(?:/[^\s<>\"]*)?)"
)

HANDLE = re.compile(r"(?<![\w@.])@[a-z0-9_][a-z0-9_.]{1,29}(?<!\.)")

_MONTHS = (
    r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
    r"|janv|fevr?|avr|juil|sept?|oct|nov|dec)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_NUM_MONTH = r"(?:0?[1-9]|1[0-2])"
DATE_NUMERIC = re.compile(
    rf"(?<![\d/.\-])({_DAY})\s?([/.\-])\s?({_NUM_MONTH})\s?\2\s?(\d{{4}}|\d\d)(?![\d/.\-]?\d)"
)
DATE_WORDS = re.compile(rf"(?<!\w)(?:{_DAY}|1er)\s+{_MONTHS}(?:\s+(\d{{4}}))?(?!\w)")
DATE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
DATE_DAY_MONTH = re.compile(rf"(?<![\d/.])({_DAY})\s?[/.\-]\s?({_NUM_MONTH})(?![\d/.\-]?\d)")
NOT_BIRTH_CUE = re.compile(
    r"\b(?:loi|decret|arrete|circulaire|ordonnance|arret|jugement|depuis|avant|apres|guerre"
    r"|accord|traite|convention|reforme|directive|reglement|n°"
    r"|fondee?|creee?|construite?|inauguree?|ouverte?)s?\b[^.!?]{0,30}$"
)
BIRTH_CUE = re.compile(
    r"\b(?:nee?s?|naissance|ddn|date de naiss\.?|anniversaire)\b"
    r"(?:\s+(?:le|en|au|du|a|de|la|sa|son|est|:)){0,4}\s*:?\s*"
)

ROOM = re.compile(
    r"(?<!\w)(?:chambres?|chbre|chb|ch\.?|lits?|box|boxe|room|bed)\s?"
    r"(?:(?:n[°o]|no\.|num(?:ero)?\.?)\s?)?(\d{1,4}(?:bis|ter|[a-z])?|[a-z])(?![\w°])"
)
_LIT_VERB_SUBJECT = re.compile(r"(?:\b(?:il|elle|on|qui|ne|n'|l'|le|la|les)\s+)$")

PATIENT_ID = re.compile(
    r"(?<!\w)(?:ipp|nip|nda|ins|iep|rpps|adeli|n°\s?(?:de\s)?(?:dossier|patient|sejour|venue)"
    r"|(?:numero|num\.?|no\.?)\s(?:de\s)?(?:dossier|patient|sejour|venue)"
    r"|dossier(?:\spatient)?|identifiant(?:\spatient)?|matricule|id\spatient)"
    r"\s?(?:n°|no\.?|numero)?\s?[:#=]?\s?([a-z]{0,3}[\- ]?\d[\d\- ]{2,18}\d[a-z]?)(?!\w)"
)
LONG_NUMBER = re.compile(r"(?<![\d,.])\d{8,}(?![\d,])")


def find_emails(text: str, folded: str) -> Iterator[Span]:
    for match in EMAIL.finditer(folded):
        yield match.span()


def find_phones(text: str, folded: str) -> Iterator[Span]:
    for match in PHONE.finditer(folded):
        yield match.span()


def nir_key_ok(digits: str, key: str) -> bool:
    """The NIR's key: 97 minus the 13-digit number modulo 97 (Corsica's 2A/2B as 19/18)."""
    number = digits.replace("2a", "19").replace("2b", "18")
    if not number.isdigit():
        return False
    return 97 - int(number) % 97 == int(key)


def find_nirs(text: str, folded: str) -> Iterator[Span]:
    for match in NIR.finditer(folded):
        _sex, _year, month, department, *_rest, key = match.groups()
        if not (1 <= int(month) <= 12 or 20 <= int(month) <= 42 or 50 <= int(month) <= 99):
            continue
        if department[1] in "ab" and department[0] != "2":
            continue
        digits = "".join(match.groups()[:6])
        if key is not None and not nir_key_ok(digits, key):
            continue
        yield match.span()


def _plausible_birth_year(year: int, today: date) -> bool:
    """A complete date is taken for a birth date only if it is at least ten years old."""
    return 1900 <= year <= today.year - 10


def _full_year(two_or_four: str, today: date) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 4:
        return year
    return 2000 + year if 2000 + year <= today.year else 1900 + year


def find_birth_dates(text: str, folded: str, today: date | None = None) -> Iterator[Span]:
    """Dates after a birth cue ("né le", "date de naissance"), and complete dates ten years old."""
    today = today or date.today()
    for match in DATE_NUMERIC.finditer(folded):
        old = _plausible_birth_year(_full_year(match.group(4), today), today)
        if (old and not _dated_event(folded, match.start())) or _after_cue(folded, match.start()):
            yield match.span()
    for match in DATE_WORDS.finditer(folded):
        year = match.group(1)
        old = bool(year) and _plausible_birth_year(int(year), today)
        if (old and not _dated_event(folded, match.start())) or _after_cue(folded, match.start()):
            yield match.span()
    for pattern in (DATE_YEAR, DATE_DAY_MONTH):
        for match in pattern.finditer(folded):
            if _after_cue(folded, match.start()):
                yield match.span()


def _dated_event(folded: str, start: int) -> bool:
    """An old date that dates a law, a ruling or an event: "la loi du 6 janvier 1978"."""
    return NOT_BIRTH_CUE.search(folded[max(0, start - 40) : start]) is not None


def _after_cue(folded: str, start: int) -> bool:
    window = folded[max(0, start - 40) : start]
    return any(m.end() == len(window) for m in BIRTH_CUE.finditer(window))


def find_rooms(text: str, folded: str) -> Iterator[Span]:
    for match in ROOM.finditer(folded):
        keyword = folded[match.start() : match.start(1)].strip()
        if keyword.startswith("lit") and _LIT_VERB_SUBJECT.search(folded[: match.start()]):
            continue  # "il lit 3 pages": the verb, not a bed
        if match.group(1).isalpha() and not keyword.startswith(("lit", "chambre", "box", "bed")):
            continue  # "ch. a" is no room; "lit A" is a bed
        if match.group(1).isalpha() and not text[match.start(1)].isupper():
            continue
        yield match.span()


def find_patient_ids(text: str, folded: str) -> Iterator[Span]:
    for match in PATIENT_ID.finditer(folded):
        end = match.end(1)
        while end > match.start(1) and folded[end - 1] in " -":
            end -= 1
        yield match.start(), end
    for match in LONG_NUMBER.finditer(folded):
        yield match.span()


def find_urls(text: str, folded: str) -> Iterator[Span]:
    for match in URL.finditer(folded):
        start, end = match.span()
        while end > start and folded[end - 1] in ".,;:!?)]}»'\"":
            end -= 1
        yield start, end


def find_handles(text: str, folded: str) -> Iterator[Span]:
    for match in HANDLE.finditer(folded):
        yield match.span()
