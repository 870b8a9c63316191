"""The `fphkiosk` command: check, present, export-deck."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.i18n import Translator, load_translator
from fphkiosk.core.outline import deck_outline
from fphkiosk.paths import assets_dir, bundled_deck_dir

EXIT_OK = 0
EXIT_USAGE = 2


def translator(language: str = "fr") -> Translator:
    return load_translator(assets_dir() / "i18n", language)


def _parser(tr: Translator) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fphkiosk", description=tr("cli.description"))
    parser.add_argument("--lang", default="fr", help=tr("cli.lang"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    check = commands.add_parser("check", help=tr("cli.check"))
    check.add_argument("deck", nargs="?", type=Path, help=tr("cli.deck"))
    check.add_argument("--json", action="store_true", help=tr("cli.check_json"))

    present = commands.add_parser("present", help=tr("cli.present"))
    present.add_argument("deck", nargs="?", type=Path, help=tr("cli.deck"))
    present.add_argument("--windowed", action="store_true", help=tr("cli.present_windowed"))
    # For benchmarks/startup.py only: print the wall time of the first projected slide and quit.
    present.add_argument("--exit-after-first-paint", action="store_true", help=argparse.SUPPRESS)

    export = commands.add_parser("export-deck", help=tr("cli.export_deck"))
    export.add_argument("deck", nargs="?", type=Path, help=tr("cli.deck"))
    export.add_argument("--out", type=Path, required=True, help=tr("cli.export_out"))
    return parser


def _load(path: Path | None, tr: Translator) -> Deck | None:
    """The deck, or None after printing its errors in the user's language."""
    try:
        return load_deck(path or bundled_deck_dir())
    except DeckError as exc:
        print(tr("cli.deck_invalid", count=len(exc.issues)), file=sys.stderr)
        print(exc.render(tr, base=Path.cwd()), file=sys.stderr)
        return None


def _check(args: argparse.Namespace, tr: Translator) -> int:
    deck = _load(args.deck, tr)
    if deck is None:
        return EXIT_USAGE
    if args.json:
        print(json.dumps(deck_outline(deck), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(
        tr(
            "cli.check_ok",
            title=deck.meta.title,
            slides=len(deck.slides),
            activities=len(deck.activities),
            charts=sum(len(s.charts) for s in deck.slides),
        )
    )
    for slide in deck.slides:
        for activity in slide.activities:
            print(f"  {slide.index:>3}  {activity.kind:<6} {activity.id}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    language = "en" if "--lang=en" in argv or ("--lang" in argv and "en" in argv) else "fr"
    tr = translator(language)
    args = _parser(tr).parse_args(argv)
    if args.command == "check":
        return _check(args, tr)
    deck = _load(args.deck, tr)
    if deck is None:
        return EXIT_USAGE
    if args.command == "export-deck":
        from fphkiosk.ui.deck_export import export_deck_cli

        return export_deck_cli(deck, args.out, tr)
    from fphkiosk.app import run_presenter

    return run_presenter(
        deck, tr, windowed=args.windowed, exit_after_first_paint=args.exit_after_first_paint
    )
