"""The statistics, purge and bench commands as a user types them, and the CLI's own French."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fphkiosk.cli import main
from fphkiosk.core.deck_loader import load_deck
from fphkiosk.core.room_answers import ChoiceAnswer
from fphkiosk.core.room_changes import OpenActivity, SubmitAnswer
from fphkiosk.paths import bundled_deck_dir
from fphkiosk.room.live_room import LiveRoom

REPO = Path(__file__).resolve().parents[1]


async def _session_with_answers(path: Path, count: int) -> list[str]:
    """A session of the bundled course where *count* devices answered the first poll."""
    deck = load_deck(bundled_deck_dir())
    live = await LiveRoom.open(deck, path)
    tokens = [live.tokens.issue() for _ in range(count)]
    try:
        await live.command(OpenActivity("chu-tweets"))
        for n, token in enumerate(tokens):
            live.join(token)
            answer = SubmitAnswer(token, "chu-tweets", f"answer-{n}", ChoiceAnswer(n % 3))
            await live.submit_answer(answer)
    finally:
        await live.close()
    return tokens


async def test_stats_then_purge_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = tmp_path / "journee.fphk"
    tokens = await _session_with_answers(session, 9)
    out = tmp_path / "stats"
    # No --deck: a session of the bundled course needs none named.
    assert main(["stats", str(session), "--out", str(out), "--format", "json"]) == 0
    before = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert main(["purge", str(session), "--yes"]) == 0
    assert "9" in capsys.readouterr().out
    again = tmp_path / "again"
    assert main(["stats", str(session), "--out", str(again), "--format", "json"]) == 0
    after = json.loads(next(again.glob("*.json")).read_text(encoding="utf-8"))
    assert after == before
    stored = session.read_bytes()
    assert not any(token.encode() in stored for token in tokens)


def test_stats_of_a_file_that_is_no_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "notes.fphk"
    bogus.write_text("pas une session", encoding="utf-8")
    assert main(["stats", str(bogus), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["stats"], "il manque : SESSION, --out"),
        (["present", "--port", "abc"], "--port attend un nombre entier, pas « abc »"),
        (
            ["present", "--max-participants-per-address", "0"],
            "--max-participants-per-address attend un nombre entier d'au moins 1, pas « 0 »",
        ),
        (
            ["present", "--max-participants-per-address", "-3"],
            "--max-participants-per-address attend un nombre entier d'au moins 1, pas « -3 »",
        ),
        (
            ["present", "--max-participants-per-address", "deux"],
            "--max-participants-per-address attend un nombre entier, pas « deux »",
        ),
        (["zap"], "commande ou valeur inconnue"),
    ],
)
def test_usage_errors_are_french(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and err.startswith("utilisation : fphkiosk")


def test_a_closed_pipe_is_no_error() -> None:
    command = f'"{sys.executable}" -m fphkiosk check --json | head -n 1'
    result = subprocess.run(
        command, shell=True, cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "{"
    assert result.stderr == ""


def test_bench_command_runs_a_small_room(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "--participants", "12", "--rounds", "2", "--json"])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    figures = json.loads(last)
    # 1 when a figure misses its target (times depend on the machine's load), 0 otherwise.
    assert code == (0 if figures["targets_met"] else 1)
    # Two measured rounds of 12 answers each, every one acknowledged once.
    assert figures["participants"] == 12 and figures["rounds"] == 2
    assert figures["acked"] == 24 and len(figures["ratio_rounds"]) == 2
    assert figures["lost"] == 0 and figures["duplicated"] == 0


def test_the_language_comes_from_the_lang_option_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A deck folder called "en" must not switch the interface to English.
    deck = tmp_path / "en"
    deck.mkdir()
    (deck / "deck.md").write_text("---\ntitle: T\n---\n# Une\n", encoding="utf-8")
    assert main(["--lang", "fr", "check", str(deck)]) == 0
    assert capsys.readouterr().out.startswith("Présentation valide")
    assert main(["--lang=en", "check", str(deck)]) == 0
    assert capsys.readouterr().out.startswith("Valid deck")


def test_an_unknown_language_is_refused_with_the_languages_there_are(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "de", "check"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "valeur inconnue pour --lang : « de » (au choix : en, fr)" in err
    assert "Traceback" not in err


def test_the_english_help_is_all_english(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["present"], ["stats"], ["purge"], ["bench"], ["export-deck"]):
        with pytest.raises(SystemExit):
            main(["--lang", "en", *command, "--help"])
        out = capsys.readouterr().out
        assert "FILE" in out or "COMMAND" in out or command not in ([], ["present"])
        for french in ("FICHIER", "COMMANDE", "LANGUE", "utilisation", "é", "à", "\u00a0:"):
            assert french not in out, (command, french)
