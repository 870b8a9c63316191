"""The import's progress: a bar redrawn in place on a terminal, one plain line a page when piped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from fphkiosk.cli import main
from fphkiosk.importer.progress import BAR_WIDTH, ProgressBar
from tests.importer import write_pdf


def test_on_a_terminal_the_bar_is_redrawn_on_one_line() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, "Pages", interactive=True)
    for done in range(1, 5):
        bar(done, 4)
    bar.finish()
    frames = stream.getvalue().split("\r")[1:]
    assert frames[0] == f"Pages [{'#' * (BAR_WIDTH // 4)}{'-' * (BAR_WIDTH - BAR_WIDTH // 4)}] 1/4"
    assert frames[-1] == f"Pages [{'#' * BAR_WIDTH}] 4/4\n"
    assert stream.getvalue().count("\n") == 1


def test_piped_progress_is_plain_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Un"], ["Deux"], ["Trois"]])
    assert main(["import", str(source), "--out", str(tmp_path / "deck")]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == ["Pages 1/3", "Pages 2/3", "Pages 3/3"]
    assert "\r" not in captured.err
    assert captured.out.startswith(f"3 pages importées dans {tmp_path / 'deck'} en ")
    assert f"fphkiosk check {tmp_path / 'deck'}" in captured.out


def test_ctrl_c_during_the_import_says_nothing_was_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_pdf(tmp_path / "cours.pdf", [["Un"], ["Deux"], ["Trois"]])
    shown = ProgressBar.__call__

    def pressed_on_page_2(bar: ProgressBar, done: int, total: int) -> None:
        shown(bar, done, total)
        if done == 2:
            raise KeyboardInterrupt  # the trainer presses Ctrl+C while page 3 is waited for

    monkeypatch.setattr(ProgressBar, "__call__", pressed_on_page_2)
    assert main(["import", str(source), "--out", str(tmp_path / "deck")]) == 130
    assert "Import interrompu : rien n'a été écrit" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cours.pdf"]
