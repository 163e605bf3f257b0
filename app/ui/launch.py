"""Start the window: the Qt application, the library, and the event loop.

Launching from a desktop icon leaves nowhere to print, so a library that will not open is
reported in a message box and the exit code, never as a traceback. A damaged library is
offered a rebuild: kept aside under a dated name, a fresh one made in its place.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from clause_db.errors import ClauseDbError, LibraryDamagedError
from clause_db.store import ClauseLibrary
from resources import RESOURCES

from .main_window import WINDOW_TITLE, MainWindow
from .settings import APPLICATION, ORGANIZATION
from .translations import error_text, install_translators

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
        window = _main_window(db)
    except ClauseDbError as exc:
        QMessageBox.critical(None, WINDOW_TITLE, error_text(exc))
        return EXIT_USER_ERROR
    if window is None:  # a damaged library, and the lawyer chose not to rebuild it
        return EXIT_USER_ERROR
    window.after_first_paint(lambda: _once_on_screen(window, files))
    window.show()
    return app.exec()


def _main_window(db: str | None) -> MainWindow | None:
    """The window on the library; a damaged one first gets the offer to rebuild it (None:
    declined). The check opens the library (which checks every page of one up to
    ``CHECK_AT_OPEN_BYTES``) and reads its counts, as the window's start does, and closes
    it before the window opens it: no connection is left on a file then moved aside."""
    path = _library_path(db)
    try:
        with ClauseLibrary(path) as library:
            library.stats()
    except LibraryDamagedError as exc:
        if not os.access(exc.path.parent, os.W_OK):
            raise  # nowhere to rebuild it: the message alone
        from clause_db.bundled import rebuild_library, set_aside_path

        seeded = db is None  # the user's own library: rebuilt from the bundled contracts
        aside = set_aside_path(exc.path)
        if not _rebuild_accepted(exc, aside, seeded):
            return None
        rebuild_library(exc.path, aside, seeded=seeded)
    return MainWindow(path)


def _rebuild_accepted(problem: LibraryDamagedError, aside: Path, seeded: bool) -> bool:
    """Ask whether to set the damaged library aside (at ``aside``) and start a fresh one."""
    translate = QCoreApplication.translate
    if seeded:
        offer = translate(
            "Launch", "Build a fresh library from the bundled contracts in its place?"
        )
    else:
        offer = translate("Launch", "Start a new, empty library in its place?")
    kept = translate("Launch", "The damaged file is kept, not deleted, as “{0}”.").format(aside)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        WINDOW_TITLE,
        translate("Launch", "The clause library “{0}” is damaged.").format(problem.path),
    )
    box.setInformativeText(f"{offer}\n\n{kept}")
    box.setDetailedText(str(problem))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def _once_on_screen(window: MainWindow, files: list[str]) -> None:
    """What can wait until the window is on screen: recovering a crash, opening files."""
    window.offer_recovery()
    for path in files:
        window.open_path(path)
