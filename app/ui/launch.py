"""Start the window: the Qt application, the library, and the event loop.

Launching from a desktop icon leaves nowhere to print, so a library that will not open is
reported in a message box and the exit code, never as a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from clause_db.errors import ClauseDbError
from resources import RESOURCES

from .main_window import WINDOW_TITLE, MainWindow
from .settings import APPLICATION, ORGANIZATION
from .translations import install_translators

EXIT_USER_ERROR = 2


def _application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([APPLICATION, *argv])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(WINDOW_TITLE)  # the same text, so Qt adds no " — name" suffix
    return app


def _library_path(db: str | None) -> Path:
    """``clause_db.bundled.library_path``, which loads the text reader for the seed: only
    needed when no library is named, so a named one opens without that import."""
    if db is not None:
        return Path(db)
    from clause_db.bundled import library_path

    return library_path()


def launch(db: str | None, argv: list[str], files: list[str] = ()) -> int:
    """Open the library at ``db`` (or the user's own, seeded on first run) in the window,
    with ``files`` (drafts, text or Word contracts) open in tabs."""
    app = _application(argv)
    install_translators(app)
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "contract-editor-256.png")))
    try:
        window = MainWindow(_library_path(db))
    except ClauseDbError as exc:
        QMessageBox.critical(None, WINDOW_TITLE, str(exc))
        return EXIT_USER_ERROR
    window.after_first_paint(lambda: _once_on_screen(window, files))
    window.show()
    return app.exec()


def _once_on_screen(window: MainWindow, files: list[str]) -> None:
    """What can wait until the window is on screen: recovering a crash, opening files."""
    window.offer_recovery()
    for path in files:
        window.open_path(path)
