"""Saving the session's statistics from the console: where, whether to purge, then the work.

The export runs on a worker thread (a PDF report takes seconds) while a busy dialog keeps the
trainer informed; the console's loop stays free. It calls the export's typed API, as the command
line does. Files are written first and the per-device answers purged only after every file is
written, so a failed export loses nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fphkiosk.core.deck import Deck
from fphkiosk.core.file_errors import FileProblem
from fphkiosk.core.i18n import Translator


@dataclass(frozen=True)
class SaveRequest:
    folder: Path
    purge: bool
    """Delete the per-device answers once the files are written (the session is over)."""
    room_running: bool = False
    """The room still takes answers: the session file is only read, never written."""


@dataclass(frozen=True)
class SaveOutcome:
    saved: bool
    message: str


def default_statistics_folder(session_path: Path) -> Path:
    """Documents/fphkiosk/<session name>: where an organizer looks for them."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents else Path.home()
    return base / "fphkiosk" / session_path.stem


class SaveStatisticsDialog(QDialog):
    """Asks where to write the statistics and, at the end of a session, whether to purge."""

    def __init__(
        self, tr: Translator, folder: Path, *, ending: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._ending = ending
        self.setWindowTitle(tr("stats_ui.title"))
        self.setMinimumWidth(560)
        text = QLabel(tr("stats_ui.explanation"), self)
        text.setWordWrap(True)
        self.folder = QLineEdit(str(folder), self)
        browse = QPushButton(tr("stats_ui.browse"), self)
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        # Offered only when the session ends: a session that goes on needs its answers to resume.
        self.purge = QCheckBox(tr("stats_ui.purge"), self)
        self.purge.setChecked(ending)
        self.purge.setVisible(ending)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            tr("stats_ui.save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(tr("stats_ui.cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(self.purge)
        layout.addWidget(buttons)

    def _on_browse_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self._tr("stats_ui.browse_title"))
        if chosen:
            self.folder.setText(chosen)

    def request(self) -> SaveRequest:
        return SaveRequest(
            Path(self.folder.text().strip()),
            self.purge.isChecked(),
            room_running=not self._ending,
        )


def save_statistics(
    session_path: Path, deck: Deck, request: SaveRequest, tr: Translator
) -> SaveOutcome:
    """Write every format of the session's statistics, then purge if asked.

    While the room runs, the figures are read through a read-only connection (see
    ``read_live_statistics``: safe beside the room's writer). Once it is closed, they are also
    kept in the session file, so that later exports need no deck.
    """
    # The export stack (matplotlib's PDF backend, openpyxl) is imported when first used: it
    # would cost the presenter's cold start half a second.
    from fphkiosk.export.exporting import ExportRequest, export_statistics
    from fphkiosk.export.session_file import (
        purge_session,
        read_live_statistics,
        save_session_statistics,
    )

    try:
        if request.room_running:
            report = read_live_statistics(session_path, deck)
        else:
            report = save_session_statistics(session_path, deck)
        export = ExportRequest((session_path,), request.folder)
        export_statistics(export, tr, reports=[report])
        if not request.purge:
            return SaveOutcome(True, tr("stats_ui.saved", folder=request.folder))
        deleted = purge_session(session_path, deck)
    except FileProblem as exc:
        return SaveOutcome(False, tr(exc.key, **exc.params))
    return SaveOutcome(True, tr("stats_ui.saved_purged", folder=request.folder, count=deleted))


async def save_with_progress(
    parent: QWidget | None,
    session_path: Path,
    deck: Deck,
    request: SaveRequest,
    tr: Translator,
) -> SaveOutcome:
    """Run save_statistics on a worker thread behind a busy dialog."""
    busy = QProgressDialog(tr("stats_ui.working"), "", 0, 0, parent)
    busy.setWindowTitle(tr("stats_ui.title"))
    busy.setCancelButton(None)
    busy.setWindowModality(Qt.WindowModality.WindowModal)
    busy.setMinimumDuration(0)
    busy.show()
    try:
        outcome = await asyncio.to_thread(save_statistics, session_path, deck, request, tr)
    finally:
        busy.close()
    return outcome


def outcome_box(parent: QWidget | None, outcome: SaveOutcome, tr: Translator) -> QMessageBox:
    """The message that says where the statistics went, or why they did not."""
    box = QMessageBox(parent)
    box.setWindowTitle(tr("stats_ui.title"))
    box.setIcon(QMessageBox.Icon.Information if outcome.saved else QMessageBox.Icon.Warning)
    box.setText(outcome.message)
    return box


class StatisticsSaver:
    """The console's "Statistiques…" button during the session, and the save on quitting.

    The dialogs run from Qt handlers or outside the loop, never inside an asyncio task: a nested
    Qt event loop must not run under a task that qasync is stepping.
    """

    def __init__(self, console: QWidget, deck: Deck, session_path: Path, tr: Translator):
        self._console = console
        self._deck = deck
        self._session_path = session_path
        self._tr = tr
        self._folder = default_statistics_folder(session_path)
        self._tasks: set[asyncio.Task[None]] = set()

    def _ask(self, *, ending: bool, parent: QWidget | None) -> SaveRequest | None:
        dialog = SaveStatisticsDialog(self._tr, self._folder, ending=ending, parent=parent)
        if dialog.exec() != SaveStatisticsDialog.DialogCode.Accepted:
            return None
        request = dialog.request()
        self._folder = request.folder
        return request

    def save_during_session(self) -> None:
        """Write the figures so far (the session goes on, so its answers are kept)."""
        request = self._ask(ending=False, parent=self._console)
        if request is None:
            return
        task = asyncio.get_event_loop().create_task(self._save(request))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _save(self, request: SaveRequest) -> None:
        outcome = await save_with_progress(
            self._console, self._session_path, self._deck, request, self._tr
        )
        outcome_box(self._console, outcome, self._tr).open()

    def ask_at_end(self, parent: QWidget) -> SaveRequest | None:
        """Where to save as the session ends, asked while the console is still open."""
        return self._ask(ending=True, parent=parent)

    def save_at_end(self, loop: asyncio.AbstractEventLoop, request: SaveRequest) -> None:
        """Once the room has closed: save to the chosen folder, purge if asked, say how it went."""
        outcome = loop.run_until_complete(
            save_with_progress(None, self._session_path, self._deck, request, self._tr)
        )
        outcome_box(None, outcome, self._tr).exec()
