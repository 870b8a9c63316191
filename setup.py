"""The wheel carries the participant page, fonts, translations and the bundled course.

They live at the top of the checkout (``assets/``, ``slides/``), where trainers and the web page's
tests find them; an installed fphkiosk finds them inside its package instead, as
``fphkiosk/_assets`` and ``fphkiosk/_slides`` (see ``fphkiosk/paths.py``). An editable install
keeps reading the checkout's folders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = {"assets": "_assets", "slides": "_slides"}


class BuildWithCourseAndAssets(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for source, target in SHIPPED.items():
            destination = Path(self.build_lib) / "fphkiosk" / target
            shutil.rmtree(destination, ignore_errors=True)
            shutil.copytree(
                HERE / source,
                destination,
                ignore=shutil.ignore_patterns("__pycache__", ".*", "*.pyc"),
            )


setup(cmdclass={"build_py": BuildWithCourseAndAssets})
