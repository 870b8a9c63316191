"""The `fphkiosk` command: check, present, audience, export-deck, stats, purge, bench."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import json
import os
import signal
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from fphkiosk.cli_argparse import parser_class, positive_int
from fphkiosk.core.deck import Deck
from fphkiosk.core.deck_errors import DeckError
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.glyph_coverage import font_characters, texts_of, uncovered
from fphkiosk.core.i18n import Translator, load_translator
from fphkiosk.core.outline import deck_outline
from fphkiosk.display_libraries import check_display_libraries
from fphkiosk.net.limits import ServerLimits
from fphkiosk.paths import assets_dir, bundled_deck_dir

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""Ctrl+C, as shells report it (128 + SIGINT)."""
DEFAULT_HOST = "0.0.0.0"
DEFAULT_PORT = 8765
DEFAULT_BENCH_PARTICIPANTS = 500
"""With --url (a room already open), when --participants is not given."""


def translator(language: str = "fr") -> Translator:
    return load_translator(assets_dir() / "i18n", language)


def _parser(tr: Translator) -> argparse.ArgumentParser:
    parser = parser_class(tr)(prog="fphkiosk", description=tr("cli.description"))
    parser.add_argument(
        "--lang",
        default="fr",
        choices=tr.languages,
        metavar=tr("cli.metavar_lang"),
        help=tr("cli.lang", languages=", ".join(tr.languages)),
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar=tr("cli.metavar_command")
    )

    check = commands.add_parser("check", help=tr("cli.check"))
    check.add_argument("deck", nargs="?", type=Path, help=tr("cli.deck"))
    check.add_argument("--json", action="store_true", help=tr("cli.check_json"))

    present = commands.add_parser("present", help=tr("cli.present"))
    present.add_argument("deck", nargs="?", type=Path, help=tr("cli.deck"))
    present.add_argument("--windowed", action="store_true", help=tr("cli.present_windowed"))
    present.add_argument(
        "--session", type=Path, metavar=tr("cli.metavar_file"), help=tr("room_ui.cli_session")
    )
    present.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=tr("room_ui.cli_port", port=DEFAULT_PORT)
    )
    present.add_argument("--host", default=DEFAULT_HOST, help=tr("room_ui.cli_host"))
    present.add_argument("--headless", action="store_true", help=tr("room_ui.cli_headless"))
    present.add_argument(
        "--info-file", type=Path, metavar=tr("cli.metavar_file"), help=tr("room_ui.cli_info_file")
    )
    present.add_argument(
        "--simulate", type=int, default=0, metavar="N", help=tr("cli.present_simulate")
    )
    present.add_argument(
        "--max-connections-per-address",
        type=int,
        default=None,
        metavar="N",
        help=tr("room_ui.cli_max_connections", default=ServerLimits.connections_per_address),
    )
    present.add_argument(
        "--max-participants-per-address",
        type=positive_int,
        default=None,
        metavar="N",
        help=tr("room_ui.cli_max_participants", default=ServerLimits.participants_per_address),
    )
    # For benchmarks/startup.py and CI's smoke runs: print the wall time of the first projected
    # slide, Qt's platform and the windows shown, then quit.
    present.add_argument(
        "--quit-after-first-paint",
        "--exit-after-first-paint",
        dest="exit_after_first_paint",
        action="store_true",
        help=argparse.SUPPRESS,
    )

    audience = commands.add_parser("audience", help=tr("room_ui.cli_audience"))
    audience.add_argument("url", nargs="?", help=tr("room_ui.cli_audience_url"))
    audience.add_argument("--code", help=tr("room_ui.cli_audience_code"))
    audience.add_argument(
        "--windowed", action="store_true", help=tr("room_ui.cli_audience_windowed")
    )
    audience.add_argument("--pin", help=tr("room_ui.cli_audience_pin"))

    export = commands.add_parser("export-deck", help=tr("cli.export_deck"))
    export.add_argument("deck", nargs="?", type=Path, help=tr("cli.deck"))
    export.add_argument("--out", type=Path, required=True, help=tr("cli.export_out"))

    imports = commands.add_parser("import", help=tr("import.cli"))
    imports.add_argument(
        "source", type=Path, metavar=tr("import.metavar_pdf"), help=tr("import.cli_source")
    )
    imports.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar=tr("import.metavar_folder"),
        help=tr("import.cli_out"),
    )
    imports.add_argument(
        "--notes-from",
        type=Path,
        metavar=tr("import.metavar_pptx"),
        help=tr("import.cli_notes_from"),
    )
    imports.add_argument("--force", action="store_true", help=tr("import.cli_force"))

    stats = commands.add_parser("stats", help=tr("cli.stats"))
    stats.add_argument("sessions", nargs="+", type=Path, metavar="SESSION", help=tr("cli.sessions"))
    stats.add_argument("--out", type=Path, required=True, help=tr("cli.stats_out"))
    stats.add_argument("--format", default="xlsx,csv,json,pdf", help=tr("cli.stats_format"))
    stats.add_argument("--compare", action="store_true", help=tr("cli.stats_compare"))
    stats.add_argument(
        "--include-rehearsals", action="store_true", help=tr("cli.stats_include_rehearsals")
    )
    stats.add_argument("--deck", type=Path, help=tr("cli.stats_deck"))

    purge = commands.add_parser("purge", help=tr("cli.purge"))
    purge.add_argument("session", type=Path, metavar="SESSION", help=tr("cli.purge_session"))
    purge.add_argument("--yes", action="store_true", help=tr("cli.purge_yes"))
    purge.add_argument("--deck", type=Path, help=tr("cli.stats_deck"))

    bench = commands.add_parser("bench", help=tr("cli.bench"))
    bench.add_argument("--participants", type=int, help=tr("cli.bench_participants"))
    bench.add_argument("--url", help=tr("cli.bench_url"))
    bench.add_argument("--code", help=tr("cli.bench_code"))
    bench.add_argument("--rounds", type=int, default=5, help=tr("cli.bench_rounds"))
    bench.add_argument("--json", action="store_true", help=tr("cli.bench_json"))
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
    fonts = sorted((assets_dir() / "fonts").rglob("*.ttf"))
    missing = uncovered(texts_of(deck), font_characters(fonts))
    if missing:
        print(tr("cli.check_glyphs", chars=" ".join(missing)), file=sys.stderr)
    return EXIT_OK


def port_message(tr: Translator, host: str, port: int, error: OSError) -> str:
    """Why the room could not listen, in the user's language, with what to do about it."""
    if error.errno == errno.EADDRINUSE:
        return tr("room_ui.port_in_use", port=port, other=port + 1)
    detail = error.strerror or type(error).__name__
    return tr("room_ui.port_failed", host=host, port=port, detail=detail)


@contextlib.contextmanager
def _session_path(args: argparse.Namespace) -> Iterator[Path]:
    """The session file: the one asked for, else a new one in the user's data folder."""
    if args.session is not None:
        yield args.session
    elif args.exit_after_first_paint:
        # Start-up benchmark runs must not leave sessions in the trainer's data folder.
        with tempfile.TemporaryDirectory() as scratch:
            yield Path(scratch) / "benchmark.fphk"
    else:
        from fphkiosk.ui.session_paths import default_session_path

        yield default_session_path()


def _present(args: argparse.Namespace, deck: Deck, tr: Translator) -> int:
    with _session_path(args) as session_path:
        existed = session_path.exists()
        status = _present_in(args, deck, tr, session_path)
        if status != EXIT_OK and not existed:
            # A start that failed (port taken, unusable folder) leaves no empty session behind.
            discard_session_file(session_path)
        return status


def discard_session_file(path: Path) -> None:
    """Delete a session file and SQLite's companions (write-ahead log, shared memory)."""
    for companion in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm"))):
        with contextlib.suppress(FileNotFoundError):
            companion.unlink()


def _present_in(args: argparse.Namespace, deck: Deck, tr: Translator, session_path: Path) -> int:
    from fphkiosk.storage.errors import SessionStoreError

    try:
        if args.headless:
            return _present_headless(args, deck, tr, session_path)
        from fphkiosk.app import PortUnavailable, run_presenter

        try:
            return run_presenter(
                deck,
                tr,
                windowed=args.windowed,
                session_path=session_path,
                host=args.host,
                port=args.port,
                exit_after_first_paint=args.exit_after_first_paint,
                simulate=args.simulate,
                connections_per_address=args.max_connections_per_address,
                participants_per_address=args.max_participants_per_address,
            )
        except PortUnavailable as exc:
            print(port_message(tr, exc.host, exc.port, exc.error), file=sys.stderr)
            return EXIT_USAGE
    except SessionStoreError as exc:
        print(tr(exc.key, **exc.params), file=sys.stderr)
        return EXIT_USAGE


def _limits(args: argparse.Namespace) -> ServerLimits | None:
    """The room's limits from ``--max-connections-per-address`` and
    ``--max-participants-per-address`` (None: the defaults)."""
    connections, voices = args.max_connections_per_address, args.max_participants_per_address
    if connections is None and voices is None:
        return None
    return ServerLimits(
        connections_per_address=connections or ServerLimits.connections_per_address,
        participants_per_address=voices or ServerLimits.participants_per_address,
    )


def _present_headless(
    args: argparse.Namespace, deck: Deck, tr: Translator, session_path: Path
) -> int:
    """The room without a window, until SIGINT or SIGTERM."""
    from fphkiosk.net.headless import run_room

    async def serve() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await run_room(
            deck,
            session_path,
            args.host,
            args.port,
            args.info_file,
            tr=tr,
            limits=_limits(args),
            stop=stop,
        )

    try:
        asyncio.run(serve())
    except OSError as exc:
        print(port_message(tr, args.host, args.port, exc), file=sys.stderr)
        return EXIT_USAGE
    print(tr("room.headless.stopped"), flush=True)
    return EXIT_OK


def _audience(args: argparse.Namespace, tr: Translator) -> int:
    # Imported here: the other commands must not pay for audience mode's windows.
    from fphkiosk.audience_app import run_audience

    return run_audience(args.url, args.code, windowed=args.windowed, pin=args.pin, tr=tr)


def _import(args: argparse.Namespace, tr: Translator) -> int:
    """A PDF made into a deck folder: progress on stderr, the result and next steps on stdout."""
    from fphkiosk.importer.errors import ImportProblem, problem_message
    from fphkiosk.importer.pdf_import import import_pdf
    from fphkiosk.importer.progress import ProgressBar

    bar = ProgressBar(sys.stderr, tr("import.progress"))
    try:
        result = import_pdf(
            args.source, args.out, notes_from=args.notes_from, force=args.force, progress=bar
        )
    except ImportProblem as exc:
        bar.finish()
        print(problem_message(tr, exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        bar.finish()
        print(tr("import.interrupted", path=str(args.out)), file=sys.stderr)
        return EXIT_INTERRUPTED
    bar.finish()
    notes = result.notes
    if notes is not None and notes.counts_differ:
        print(
            tr("import.notes_mismatch", slides=notes.slide_count, pages=result.pages)
            + " "
            + tr("import.notes_matched", matched=notes.matched),
            file=sys.stderr,
        )
    elif notes is not None and notes.hidden_skipped:
        print(tr("import.notes_hidden", hidden=notes.hidden_skipped), file=sys.stderr)
    seconds = f"{result.seconds:.1f}".replace(".", tr("import.decimal_separator"))
    print(tr("import.done", pages=result.pages, path=str(result.out), seconds=seconds))
    return EXIT_OK


def _stats(args: argparse.Namespace, tr: Translator) -> int:
    from fphkiosk.export.stats_cli import run_stats

    # The deck is needed only for a session whose statistics were never saved into its file;
    # sessions run with the bundled course need none named.
    deck = _load(args.deck, tr)
    if deck is None:
        return EXIT_USAGE
    formats = {part.strip() for part in args.format.split(",") if part.strip()}
    return run_stats(
        args.sessions,
        args.out,
        formats,
        args.compare,
        tr,
        deck=deck,
        include_rehearsals=args.include_rehearsals,
    )


def _purge(args: argparse.Namespace, tr: Translator) -> int:
    from fphkiosk.export.stats_cli import run_purge

    deck = _load(args.deck, tr)
    if deck is None:
        return EXIT_USAGE
    return run_purge(args.session, tr, confirm=not args.yes, deck=deck)


def _bench(args: argparse.Namespace, tr: Translator) -> int:
    from fphkiosk.bench.cli import run_bench, run_capacity

    if args.participants is None and args.url is None:
        return run_capacity(tr=tr, json_out=args.json)
    participants = args.participants or DEFAULT_BENCH_PARTICIPANTS
    return run_bench(participants, args.url, args.code, args.json, tr=tr, rounds=args.rounds)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `fphkiosk check --json | head`: the reader left; that is no error of the user's.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed pipe for exit
        return EXIT_OK


def _language(argv: Sequence[str]) -> str:
    """The --lang asked for, read before the parser whose help texts it chooses."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", default="fr")
    known, _rest = early.parse_known_args(argv)
    return str(known.lang)


def _opens_windows(args: argparse.Namespace) -> bool:
    if args.command == "present":
        return not args.headless
    # export-deck draws offscreen unless there is a display to talk to (see deck_export).
    return args.command == "export-deck" and bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _display_libraries_present(tr: Translator) -> bool:
    """Before Qt starts: without its X11 libraries it would abort; say what to install instead."""
    missing = check_display_libraries()
    if missing is None:
        return True
    print(
        tr(
            "cli.display_libraries_missing",
            count=len(missing.files),
            files=", ".join(missing.files),
            command=missing.apt_command,
        ),
        file=sys.stderr,
    )
    return False


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    tr = translator(_language(argv))
    parser = _parser(tr)
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args, tr)
    if args.command == "audience":
        if not _display_libraries_present(tr):
            return EXIT_USAGE
        return _audience(args, tr)
    if args.command == "import":
        return _import(args, tr)
    if args.command == "stats":
        return _stats(args, tr)
    if args.command == "purge":
        return _purge(args, tr)
    if args.command == "bench":
        return _bench(args, tr)
    if args.command == "present" and args.info_file is not None and not args.headless:
        parser.error(tr("room_ui.cli_info_file_needs_headless"))
    if _opens_windows(args) and not _display_libraries_present(tr):
        return EXIT_USAGE
    deck = _load(args.deck, tr)
    if deck is None:
        return EXIT_USAGE
    if args.command == "export-deck":
        from fphkiosk.ui.slides.deck_export import export_deck_cli

        return export_deck_cli(deck, args.out, tr)
    return _present(args, deck, tr)
