"""Ending the presentation: one dialog, asked while the console and the projector are still open.

With a room, the trainer chooses between saving the statistics and purging the per-device
answers, quitting with the session kept as it is (the answers stay on this laptop, and the
dialog says until when and how to purge them), and going back to the presentation. Saving asks
for the folder at once, over the console: cancelling there is going back too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from fphkiosk.core.i18n import Translator
from fphkiosk.ui.presenter.console import QuitChoice
from fphkiosk.ui.presenter.statistics_saving import SaveRequest

AskFolder = Callable[[QWidget], SaveRequest | None]
"""Asks where to save the statistics at the end (None: the trainer cancelled)."""


class QuitDialog(QMessageBox):
    """The three ways out; "Annuler" is the default and what Escape does."""

    def __init__(self, parent: QWidget | None, tr: Translator, session_path: Path | None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(tr("console.quit_title"))
        self.setText(tr("console.quit_question"))
        if session_path is None:
            self.save_button = None
            self.setInformativeText(tr("console.quit_detail"))
            self.keep_button = self.addButton(
                tr("console.quit_confirm"), QMessageBox.ButtonRole.AcceptRole
            )
        else:
            self.setInformativeText(
                tr("console.quit_room_detail", path=session_path, name=session_path.name)
            )
            self.save_button = self.addButton(
                tr("console.quit_save_purge"), QMessageBox.ButtonRole.AcceptRole
            )
            self.keep_button = self.addButton(
                tr("console.quit_keep_session"), QMessageBox.ButtonRole.DestructiveRole
            )
        self.cancel_button = self.addButton(
            tr("console.quit_back"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)

    def choice(self) -> QuitChoice:
        clicked = self.clickedButton()
        if self.save_button is not None and clicked is self.save_button:
            return QuitChoice.SAVE_AND_QUIT
        return QuitChoice.QUIT if clicked is self.keep_button else QuitChoice.STAY


class EndOfSession:
    """The console's quit question when a room runs: the choice, and the folder if saving.

    Called by the console before it closes; the statistics are written once the room has
    stopped taking answers (see ``run_presenter``), to the folder chosen here.
    """

    def __init__(self, tr: Translator, session_path: Path, ask_folder: AskFolder) -> None:
        self._tr = tr
        self._session_path = session_path
        self._ask_folder = ask_folder
        self.request: SaveRequest | None = None
        """Where to save, once the trainer chose to save and purge."""

    def __call__(self, parent: QWidget) -> QuitChoice:
        dialog = QuitDialog(parent, self._tr, self._session_path)
        dialog.exec()
        choice = dialog.choice()
        if choice is QuitChoice.SAVE_AND_QUIT:
            request = self._ask_folder(parent)
            if request is None:
                return QuitChoice.STAY
            self.request = request
        return choice


def confirm_quit_dialog(parent: QWidget, tr: Translator) -> QuitChoice:
    """Without a room (previews, tests): quit or go back."""
    dialog = QuitDialog(parent, tr, None)
    dialog.exec()
    return dialog.choice()
