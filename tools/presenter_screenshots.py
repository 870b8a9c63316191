"""The README's screenshots of the presenter's console and projector, taken as a trainer sees them.

    make screenshots
    .venv/bin/python -m tools.presenter_screenshots docs/screenshots [NAME ...]

Each shot starts `fphkiosk present --windowed --simulate N` on the bundled course in a process of
its own, on its own Xvfb screen on the real xcb platform (the laptop's screen size, and Qt's scale
factor for 125 % or 150 %). It drives the console as the trainer would: the slide's number typed
and Enter, O to open the slide's activity, R to reveal it once every simulated tablet answered;
then it saves the whole screen (the console) or the projector's window. For the quit dialog it
presses Ctrl+Q, saves the screen with the dialog open, then answers "Annuler". The imported course
is made as the README's "Votre propre cours" says, in a scratch folder: the bundled course exported
to PDF (`fphkiosk export-deck`), imported back (`fphkiosk import`), a poll put after its third page,
checked (`fphkiosk check`). For each shot it prints the console's size and the widths of its live
slide and next slide, in Qt's logical pixels.

Needs xvfb-run (Debian: xvfb, xauth). The simulated answers are random: the bars differ each time.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QApplication

    from fphkiosk.ui.presenter.console import ConsoleWindow

ANSWERS_TIMEOUT_S = 90.0
"""The simulated tablets answer after a few seconds each (at most 8), on a busy machine later."""


@dataclass(frozen=True)
class Shot:
    name: str
    """The file's name, without ".png"."""
    screen: tuple[int, int]
    """Xvfb's screen, in physical pixels."""
    scale: float
    """Qt's scale factor: the desktop's 125 % or 150 %."""
    slide: int
    """1-based."""
    activity: str | None = None
    tablets: int = 12
    reveal: bool = True
    projector: bool = False
    """Save the projector's window, not the screen."""
    texts: tuple[str, ...] = ()
    """Written by tablets of their own once the activity is open; the moderation tab shown."""
    imported: bool = False
    """Present the bundled course imported from PDF, with a poll after its third page."""
    quit: bool = False
    """Save the screen with the quit dialog open, then answer "Annuler"."""


QUESTIONS = (
    "Mme Martin, chambre 214, m'a demandée en ami : je fais quoi ?",
    "Écrivez-moi à claire.dubois@chu-nancy.fr pour le support de la formation",
    "Peut-on liker une publication syndicale avec son compte perso ?",
)
POLL_AFTER_PAGE_3 = """# Votre avis

```poll
id: usage-pro
question: Utilisez-vous les réseaux sociaux dans votre travail ?
choices: [Jamais, Parfois, Souvent, Tous les jours]
```

Notes:
Question ajoutée entre deux pages du PowerPoint importé.
"""
LAPTOP = (1366, 768)
FULL_HD = (1920, 1080)
CONSOLE = (1440, 900)
SHOTS = (
    Shot("console-1366x768-reveal", LAPTOP, 1.0, 28, "chu-tweets"),
    Shot("console-1920x1080-125pc-reveal", FULL_HD, 1.25, 28, "chu-tweets"),
    Shot("console-1920x1080-150pc-reveal", FULL_HD, 1.5, 28, "chu-tweets"),
    Shot("console-room", CONSOLE, 1.0, 28, "chu-tweets", tablets=14, reveal=False),
    Shot("console-ortman-7", CONSOLE, 1.0, 35, "ortman", tablets=7),
    Shot("console-ortman-30", CONSOLE, 1.0, 35, "ortman", tablets=30),
    Shot("console-moderation", LAPTOP, 1.0, 67, "table-ronde-1", tablets=0, texts=QUESTIONS),
    Shot("console-quit-dialog", CONSOLE, 1.0, 108, tablets=0, quit=True),
    Shot("console-imported-deck", CONSOLE, 1.0, 4, "usage-pro", 14, reveal=False, imported=True),
    Shot("projector-join", FULL_HD, 1.0, 1, tablets=0, projector=True),
    Shot("projector-chart", FULL_HD, 1.0, 16, tablets=0, projector=True),
    Shot("projector-results", FULL_HD, 1.0, 28, "chu-tweets", tablets=14, projector=True),
    Shot("projector-ortman-7", FULL_HD, 1.0, 35, "ortman", tablets=7, projector=True),
    Shot("projector-ortman-30", FULL_HD, 1.0, 35, "ortman", tablets=30, projector=True),
)


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "--take":
        return take(next(s for s in SHOTS if s.name == argv[1]), Path(argv[2]))
    if not argv:
        print(__doc__)
        return 2
    folder, names = Path(argv[0]), argv[1:]
    unknown = set(names) - {shot.name for shot in SHOTS}
    if unknown:
        print(f"unknown shots: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    failed = 0
    for shot in SHOTS:
        if names and shot.name not in names:
            continue
        width, height = shot.screen
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=str(shot.scale))
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24"]
        command += [sys.executable, "-m", "tools.presenter_screenshots", "--take", shot.name]
        failed += subprocess.run([*command, str(folder)], env=env).returncode != 0
    return 1 if failed else 0


def take(shot: Shot, folder: Path) -> int:
    """In Xvfb: run the presenter on the course, drive it, save *shot* into *folder*."""
    import tempfile

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from fphkiosk import cli
    from fphkiosk.ui.presenter.console import ConsoleWindow
    from fphkiosk.ui.presenter.room_panel import RoomPanel
    from fphkiosk.ui.session_paths import default_session_path

    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        # Named as a trainer's session is (the quit dialog shows it).
        session = default_session_path(folder=Path(scratch))
        command = ["present", "--windowed", "--port", "0", "--session", str(session)]
        if shot.imported:
            command.insert(1, str(imported_course(Path(scratch))))
        if shot.tablets:
            command += ["--simulate", str(shot.tablets)]
        if shot.texts:
            # Tablets of their own, all on this laptop's address.
            command += ["--max-participants-per-address", str(len(shot.texts))]
        outcome: list[BaseException] = []
        # The drive starts once the room is open: the presenter's loop runs for good from then
        # on (before, Qt may process events between two of its runs).
        waiting = QTimer(app)

        def start() -> None:
            if not any(isinstance(w, ConsoleWindow) for w in app.topLevelWidgets()):
                return
            if not any(w.findChild(RoomPanel) for w in app.topLevelWidgets()):
                return
            # Through the loop's queue: once the room is open, the loop stops one last time
            # (queued before this) before running for good; a task begun before that stop
            # would take its first step with no loop running.
            asyncio.get_event_loop().call_soon(begin)

        def begin() -> None:
            if not asyncio.get_event_loop().is_running() or not waiting.isActive():
                return
            waiting.stop()
            asyncio.ensure_future(drive(app, shot, folder)).add_done_callback(finished)

        def finished(task: asyncio.Task[None]) -> None:
            error = task.exception()
            if error is None:
                return
            outcome.append(error)
            # Never leave the presenter open when the drive gave up on its way.
            for window in app.topLevelWidgets():
                if isinstance(window, ConsoleWindow) and window.isVisible():
                    window.close_without_asking()

        waiting.timeout.connect(start)
        waiting.start(100)
        status = cli.main(command)
    if outcome:
        print(f"{shot.name}: {outcome[0]!r}", file=sys.stderr)
        return 1
    return status


def imported_course(scratch: Path) -> Path:
    """The bundled course as a trainer's PDF imported into *scratch*, a poll after page 3."""
    pdf, course = scratch / "cours.pdf", scratch / "mon-cours"
    fphkiosk = [sys.executable, "-m", "fphkiosk"]
    subprocess.run([*fphkiosk, "export-deck", "--out", str(pdf)], check=True)
    subprocess.run([*fphkiosk, "import", str(pdf), "--out", str(course)], check=True)
    deck = course / "deck.md"
    # The header, then one slide per page: no line of a page's notes reads "---".
    parts = deck.read_text(encoding="utf-8").split("\n---\n")
    parts.insert(4, POLL_AFTER_PAGE_3)
    deck.write_text("\n---\n".join(parts), encoding="utf-8")
    subprocess.run([*fphkiosk, "check", str(course)], check=True)
    return course


async def drive(app: object, shot: Shot, folder: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from fphkiosk.ui.presenter.console import ConsoleWindow
    from fphkiosk.ui.presenter.moderation_panel import ModerationPanel
    from fphkiosk.ui.presenter.projector import ProjectorWindow
    from fphkiosk.ui.presenter.room_panel import RoomPanel
    from fphkiosk.ui.slides.slide_renderer import letterbox

    assert isinstance(app, QApplication)

    def shown(kind: type[QWidget]) -> list[QWidget]:
        return [w for w in app.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]

    await until(lambda: bool(shown(ConsoleWindow)) and bool(shown(ProjectorWindow)))
    console, projector = shown(ConsoleWindow)[0], shown(ProjectorWindow)[0]
    assert isinstance(console, ConsoleWindow) and isinstance(projector, ProjectorWindow)
    try:
        await until(lambda: console.findChild(RoomPanel) is not None)
        panel = console.findChild(RoomPanel)
        assert panel is not None
        connected = panel.connected_label
        await until(lambda: connected.text().split()[:1] == [str(shot.tablets)])
        if shot.slide != 1:
            QTest.keyClicks(console, str(shot.slide))
            QTest.keyClick(console, Qt.Key.Key_Return)
        if shot.activity is not None:
            await until(lambda: shot.activity in panel.cards)
            card = panel.cards[shot.activity]
            QTest.keyClick(console, Qt.Key.Key_O)
            progress = card.progress_label
            answered = f"{shot.tablets} réponse"
            await until(lambda: progress.text().startswith(answered), ANSWERS_TIMEOUT_S)
            if shot.texts:
                await write(shot.activity, shot.texts, projector.join_panel.url)
                moderation = console.findChild(ModerationPanel)
                assert moderation is not None
                await until(lambda: moderation.list.count() == len(shot.texts))
                console.side_panels.setCurrentWidget(moderation)
            if shot.reveal:
                QTest.keyClick(console, Qt.Key.Key_R)
                await until(lambda: projector.results_shown)
        # Thumbnails, charts and previews are drawn on the next turns of the loop.
        await asyncio.sleep(2.0)
        live = letterbox(console.live_view.rect().toRectF()).width()
        upcoming = letterbox(console.preview_view.rect().toRectF()).width()
        screen, smallest = app.primaryScreen().size(), console.minimumSizeHint()
        figures = {
            "screen": [screen.width(), screen.height()],
            "console": [console.width(), console.height()],
            "console_minimum": [smallest.width(), smallest.height()],
            "live_slide_width": round(live),
            "next_slide_width": round(upcoming),
            "side_panels_minimum_width": console.side_panels.minimumSizeHint().width(),
            "room_panel_minimum_width": panel.minimumSizeHint().width(),
        }
        print(f"{shot.name}: {json.dumps(figures)}", flush=True)
        if shot.projector:
            image = projector.grab()
        else:
            console.raise_()
            await asyncio.sleep(0.5)
            if shot.quit:
                image = await screen_with_quit_dialog(app, console)
            else:
                image = app.primaryScreen().grabWindow(0)
        path = folder / f"{shot.name}.png"
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
        print(f"{shot.name}: {path} {image.width()}×{image.height()}", flush=True)
    finally:
        console.close_without_asking()


async def screen_with_quit_dialog(app: QApplication, console: ConsoleWindow) -> QPixmap:
    """Ctrl+Q as the trainer presses it, the screen with the quit dialog, then "Annuler"."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from fphkiosk.ui.presenter.quit_dialog import QuitDialog

    still_open: list[bool] = []

    def press_ctrl_q() -> None:
        QTest.keyClick(console, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        # Back here once the dialog is answered.
        still_open.append(console.isVisible())

    # The dialog runs a loop of its own until answered: from a timer, not inside this task's step.
    QTimer.singleShot(0, press_ctrl_q)
    await until(lambda: isinstance(app.activeModalWidget(), QuitDialog))
    await asyncio.sleep(0.5)  # drawn
    image = app.primaryScreen().grabWindow(0)
    dialog = app.activeModalWidget()
    assert isinstance(dialog, QuitDialog)
    QTest.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    await until(lambda: bool(still_open))
    if still_open != [True]:
        raise RuntimeError('"Annuler" in the quit dialog did not go back to the presentation')
    return image


async def write(activity_id: str, texts: tuple[str, ...], join_url: str) -> None:
    """Each of *texts* from a tablet of its own, through the room's real protocol."""
    from urllib.parse import parse_qs, urlsplit

    from fphkiosk.bench.simulate import ws_url
    from fphkiosk.net.client import ParticipantClient

    code = parse_qs(urlsplit(join_url).query)["code"][0]
    # The join card shows the laptop's address on the network; the tablets here are on it.
    address = urlsplit(join_url)._replace(netloc=f"127.0.0.1:{urlsplit(join_url).port}")
    clients = [ParticipantClient(ws_url(address.geturl()), code) for _ in texts]
    try:
        for client, text in zip(clients, texts, strict=True):
            await client.start()
            await until(lambda c=client: c.is_joined)
            await client.acknowledged(client.write(activity_id, text))
    finally:
        for client in clients:
            await client.close()


async def until(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the presenter did not get there in time")
        await asyncio.sleep(0.1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
