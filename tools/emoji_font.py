"""Build assets/fonts/emoji/NotoEmoji-Regular.ttf, the fallback for emoji and symbols, from the npm
package @fontsource/noto-emoji (SIL Open Font License 1.1, its LICENSE shipped beside the font as
OFL-NotoEmoji.txt). The result is committed; run this again only to update it:

    npm pack @fontsource/noto-emoji && tar xzf fontsource-noto-emoji-*.tgz
    .venv/bin/python -m tools.emoji_font package

The package splits the font by Unicode ranges; the regular weight's pieces are merged back into
one TrueType file, which Qt, matplotlib and the web page's subsetting all read. Layout tables are
dropped in the merge: each emoji of one code point renders; a sequence (a flag, a skin tone, a
family) shows as its parts.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont

from fphkiosk.paths import assets_dir

TARGET = "NotoEmoji-Regular.ttf"


def build(package: Path, target: Path) -> None:
    pieces = sorted((package / "files").glob("noto-emoji-*-400-normal.woff2"))
    if not pieces:
        raise SystemExit(f"no noto-emoji-*-400-normal.woff2 under {package / 'files'}")
    with tempfile.TemporaryDirectory() as folder:
        plain = []
        for piece in pieces:
            font = TTFont(piece)
            font.flavor = None
            path = Path(folder) / (piece.stem + ".ttf")
            font.save(path)
            plain.append(str(path))
        merged = Merger(options=Options(drop_tables=["vmtx", "vhea", "GSUB", "GPOS", "GDEF"]))
        merged.merge(plain).save(target)


def main() -> None:
    package = Path(sys.argv[1] if len(sys.argv) > 1 else "package")
    folder = assets_dir() / "fonts" / "emoji"
    folder.mkdir(exist_ok=True)
    target = folder / TARGET
    build(package, target)
    (folder / "OFL-NotoEmoji.txt").write_bytes((package / "LICENSE").read_bytes())
    print(f"{target}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
