"""`fphkiosk present` with its room (session file, port, headless) and `fphkiosk audience`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from fphkiosk.app import FIRST_PAINT_MARK, WINDOWS_SHOWN_MARK
from fphkiosk.cli import EXIT_OK, EXIT_USAGE, main
from fphkiosk.ui.session_paths import default_session_path, sessions_dir
from tests.net.sample_deck import write_sample_deck

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 30


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return write_sample_deck(tmp_path / "deck").parent


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port some other program listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield int(holder.getsockname()[1])


def fphkiosk(*args: str) -> list[str]:
    return [sys.executable, "-m", "fphkiosk", *args]


def offscreen() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_headless_writes_the_info_file_and_stops_on_sigterm(deck: Path, tmp_path: Path) -> None:
    info = tmp_path / "salle.json"
    session = tmp_path / "journee.fphk"
    command = fphkiosk(
        "present", "--headless", "--host", "127.0.0.1", "--port", "0",
        "--session", str(session), "--info-file", str(info), str(deck),
    )  # fmt: skip
    with subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            assert first.strip() == f"Session\u00a0: {session}"
            # The runner writes the file, then says it listens.
            listening = process.stdout.readline()
            assert listening.startswith("Salle ouverte")
            written = json.loads(info.read_text(encoding="utf-8"))
            assert set(written) == {"url", "ws_url", "port", "room_code", "presenter_secret"}
            assert written["port"] > 0
            assert written["url"] == f"http://127.0.0.1:{written['port']}/"
            assert written["ws_url"] == f"ws://127.0.0.1:{written['port']}/ws"
            assert written["room_code"] in listening
        finally:
            process.send_signal(signal.SIGTERM)
            out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == EXIT_OK, err
    assert "Salle fermée." in out
    assert session.is_file()


def test_headless_on_a_taken_port_says_so_in_french(
    deck: Path, tmp_path: Path, taken_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "present", "--headless", "--host", "127.0.0.1", "--port", str(taken_port),
            "--session", str(tmp_path / "s.fphk"), str(deck),
        ]
    )  # fmt: skip
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"Le port {taken_port} est déjà utilisé" in err
    assert f"--port {taken_port + 1}" in err
    assert "Traceback" not in err
    # The start failed: no empty session is left for the trainer to wonder about.
    assert not list(tmp_path.glob("s.fphk*"))


def test_presenter_on_a_taken_port_exits_2_with_a_french_message(
    deck: Path, tmp_path: Path, taken_port: int
) -> None:
    command = fphkiosk(
        "present", "--windowed", "--host", "127.0.0.1", "--port", str(taken_port),
        "--session", str(tmp_path / "s.fphk"), str(deck),
    )  # fmt: skip
    result = subprocess.run(
        command,
        cwd=REPO,
        env=offscreen(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == EXIT_USAGE
    assert f"Le port {taken_port} est déjà utilisé" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("s.fphk*"))


def test_a_resumed_session_stays_when_the_port_is_taken(
    deck: Path, tmp_path: Path, taken_port: int
) -> None:
    session = tmp_path / "veille.fphk"
    assert main(["present", "--headless", "--port", str(taken_port), "--session", str(session),
                 "--host", "127.0.0.1", str(deck)]) == EXIT_USAGE  # fmt: skip
    assert not session.exists()
    # A session that existed before the failed start is the trainer's: it is kept.
    session.write_bytes(b"")
    main(["present", "--headless", "--port", str(taken_port), "--session", str(session),
          "--host", "127.0.0.1", str(deck)])  # fmt: skip
    assert session.exists()


def test_presenter_prints_its_session_and_address_and_resumes_the_session(
    deck: Path, tmp_path: Path
) -> None:
    session = tmp_path / "reprise.fphk"
    command = fphkiosk(
        "present", "--windowed", "--exit-after-first-paint", "--host", "127.0.0.1",
        "--port", "0", "--session", str(session), str(deck),
    )  # fmt: skip
    outputs = []
    for _ in range(2):
        result = subprocess.run(
            command,
            cwd=REPO,
            env=offscreen(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        assert result.returncode == EXIT_OK, result.stderr
        # The benchmark's two lines aside, the trainer reads the session and the address.
        lines = result.stdout.splitlines()
        marks = (FIRST_PAINT_MARK, WINDOWS_SHOWN_MARK)
        outputs.append([line for line in lines if not line.startswith(marks)])
        assert len(outputs[-1]) == len(lines) - 2
        assert f"{WINDOWS_SHOWN_MARK} offscreen console projector" in lines
    first, second = outputs
    assert first[0] == f"Session\u00a0: {session}"
    assert first[1].startswith("Salle ouverte\u00a0: http://127.0.0.1:")
    assert "/?code=" in first[1]
    assert second[0] == f"Session reprise\u00a0: {session} (diapositive 1)"
    # The same room code: the tablets that knew the room find it again.
    assert first[1].rsplit(" ", 1)[1] == second[1].rsplit(" ", 1)[1]


def test_info_file_without_headless_is_refused(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["present", "--info-file", str(tmp_path / "i.json"), str(deck)])
    assert exit_info.value.code == EXIT_USAGE
    assert "--info-file ne s'utilise qu'avec --headless" in capsys.readouterr().err


def test_an_unusable_session_file_is_reported_without_a_traceback(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_session = tmp_path / "notes.fphk"
    not_a_session.write_text("ceci n'est pas une base de données\n" * 100, encoding="utf-8")
    code = main(
        ["present", "--headless", "--port", "0", "--session", str(not_a_session), str(deck)]
    )
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "notes.fphk" in err
    assert "Traceback" not in err


def test_default_sessions_are_named_for_their_start_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "donnees"))
    folder = sessions_dir()
    assert folder == tmp_path / "donnees" / "fphkiosk" / "sessions"
    start = datetime(2023, 11, 21, 9, 5, 33)
    first = default_session_path(start)
    assert first == folder / "2023-11-21_09-05-33.fphk"
    assert folder.is_dir()
    first.write_bytes(b"")
    assert default_session_path(start) == folder / "2023-11-21_09-05-33-2.fphk"


def test_audience_passes_its_options_to_audience_mode(capsys: pytest.CaptureFixture[str]) -> None:
    # A PIN that cannot be one is refused by audience mode before any window opens.
    code = main(["audience", "http://192.168.1.20:8765/", "--code", "AC34K7", "--pin", "x"])
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.strip()
    assert "Traceback" not in err


def test_audience_help_lists_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["audience", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--code", "--windowed", "--pin"):
        assert option in out
