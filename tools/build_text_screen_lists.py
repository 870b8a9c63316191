"""Rebuild the name lists in ``assets/text_screen/`` from their published sources.

The lists are shipped in the repository; this script only documents, and repeats on demand, how they
were made. It reads the npm tarballs fetched with::

    npm pack @zxcvbn-ts/language-fr@4.1.2 an-array-of-french-words@2.0.0

and writes three sorted files, one name a line:

- ``first_names_fr.txt``: INSEE's national first-name file (``nat2021``, names given at least 100
  times), as shipped by @zxcvbn-ts/language-fr in ``lastnames.json`` (the package swaps the two
  file names);
- ``surnames_fr.txt``: INSEE's surname file (``noms2008nat``, names borne by at least 100 people),
  shipped there as ``firstnames.json``, less the surnames that are also French words;
- ``surnames_also_words_fr.txt``: those surnames that are also French words ("Petit", "Moreau"),
  recognised only when capitalised in the middle of a sentence without an article before them;
- ``first_names_also_words_fr.txt``: the first names that are also French words ("Pierre", "Rose",
  "Claire"), which are recognised only when capitalised in the middle of a sentence or next to
  another name.

A word is "French" when it is in an-array-of-french-words (the Letterpress word list).
"""

from __future__ import annotations

import json
import sys
import tarfile
import unicodedata
from pathlib import Path

MIN_LENGTH = 3


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_json(tarball: Path, member: str) -> list[str]:
    with tarfile.open(tarball) as archive:
        extracted = archive.extractfile(member)
        assert extracted is not None, member
        return [str(x) for x in json.load(extracted)]


def main(source_dir: Path, target_dir: Path) -> None:
    zxcvbn = source_dir / "zxcvbn-ts-language-fr-4.1.2.tgz"
    words_tarball = source_dir / "an-array-of-french-words-2.0.0.tgz"
    words = {fold(w) for w in read_json(words_tarball, "package/index.json")}
    first = {n for n in read_json(zxcvbn, "package/src/lastnames.json") if len(n) >= MIN_LENGTH}
    surnames = {n for n in read_json(zxcvbn, "package/src/firstnames.json") if len(n) >= MIN_LENGTH}
    unambiguous_surnames = {n for n in surnames if fold(n) not in words}
    surnames_also_words = surnames - unambiguous_surnames
    first_also_words = {n for n in first if fold(n) in words}
    target_dir.mkdir(parents=True, exist_ok=True)
    for name, values in (
        ("first_names_fr.txt", first),
        ("surnames_fr.txt", unambiguous_surnames),
        ("surnames_also_words_fr.txt", surnames_also_words),
        ("first_names_also_words_fr.txt", first_also_words),
    ):
        (target_dir / name).write_text("\n".join(sorted(values)) + "\n", encoding="utf-8")
        print(f"{name}: {len(values)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
