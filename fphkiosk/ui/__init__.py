"""PySide6 screens: the slide renderer and the windows built on it. Qt is imported only here."""
