"""The main window: the clause library in a side dock, the selected text in the middle.

The centre is a read-only preview for now; the contract editor will take its place, with
the library dock (a drag source) beside it.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QWidget

from app import __version__
from clause_db.store import ClauseLibrary

from .library_model import MODES
from .library_panel import SEARCH_LIMIT, LibraryPanel
from .preview import ClausePreview
from .settings import app_settings

WINDOW_TITLE = "合同编辑器 — Contract Editor"
DEFAULT_SIZE = (1280, 820)
DOCK_WIDTH = 420


class MainWindow(QMainWindow):
    """Opens the library at ``library_path`` itself and closes it when the window closes."""

    def __init__(self, library_path: str | os.PathLike[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = ClauseLibrary(Path(library_path))
        self._closed = False
        self.setWindowTitle(WINDOW_TITLE)

        self.preview = ClausePreview(self.library, self)
        self.setCentralWidget(self.preview)

        self.library_panel = LibraryPanel(self.library, self)
        self.library_dock = QDockWidget("条款库 Clause library", self)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

        self._stats = QLabel(self)
        self._stats.setObjectName("libraryStats")
        self.statusBar().addPermanentWidget(self._stats)
        self.refresh_stats()

        self._build_menus()
        self.library_panel.refSelected.connect(lambda kind, i: self.preview.show_ref((kind, i)))
        self.library_panel.searchFinished.connect(self._show_search_status)
        self._restore_settings()

    # ---- menus and status -----------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F) File")
        quit_action = QAction("退出 Quit", self)
        quit_action.setObjectName("quitAction")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("视图(&V) View")
        view_menu.addAction(self.library_dock.toggleViewAction())

        help_menu = self.menuBar().addMenu("帮助(&H) Help")
        about_action = QAction("关于 About…", self)
        about_action.setObjectName("aboutAction")
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def refresh_stats(self) -> None:
        """Show how much the library holds (called again after imports, later)."""
        s = self.library.stats()
        self._stats.setText(
            f"{s['sources']} 份合同 · {s['articles']} 条 · {s['clauses']} 款 · "
            f"{s['topics']} 个主题  |  {s['sources']} sources · {s['articles']} articles · "
            f"{s['clauses']} clauses"
        )

    def _show_search_status(self, query: str, count: int) -> None:
        if not query:
            self.statusBar().clearMessage()
            return
        more = f"（仅显示前 {SEARCH_LIMIT} 条 / first {SEARCH_LIMIT} shown）"
        more = more if count >= SEARCH_LIMIT else ""
        self.statusBar().showMessage(f"“{query}”：{count} 条结果 / {count} hits{more}")

    def about_text(self) -> str:
        return (
            f"<h3>合同编辑器 Contract Editor</h3><p>版本 Version {html.escape(__version__)}</p>"
            f"<p>条款库 Clause library:<br>{html.escape(str(self.library.path))}</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "关于 About", self.about_text())

    # ---- settings and closing -----------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("mainWindow/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*DEFAULT_SIZE)
        state = settings.value("mainWindow/state")
        if not (isinstance(state, QByteArray) and self.restoreState(state)):
            self.resizeDocks([self.library_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        mode = settings.value("library/mode")
        if mode in MODES:
            self.library_panel.set_mode(mode)

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.setValue("library/mode", self.library_panel.mode())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the layout and release the library file (once, however often called)."""
        if not self._closed:
            self._closed = True
            self.save_settings()
            self.library_panel.cancel_search()
            self.library.close()
        event.accept()
