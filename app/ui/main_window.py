"""The main window: the clause library on the left, the open contracts in the middle, the
inspector on the right, with the menus a desktop program has.

Layout and the library's browse mode are remembered between runs (QSettings). Unsaved work
is autosaved every 30 s at most and offered back after a crash; closing asks before
throwing anything away.

The draft modules (model, editing operations, file readers) are imported inside the methods
that need them: they load with the first draft, and the window shows sooner without them.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    qVersion,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from app import __version__
from app.model.editing import Pos
from app.model.numbering import STYLE_NAMES, written_style
from clause_db.errors import ClauseDbError
from clause_db.store import ClauseLibrary

from .compare_view import add_compare_entries
from .contract_roles import NodeIdRole
from .document_tabs import DRAFT_SUFFIX, DocumentTabs
from .find_bar import install as install_find_bar
from .library_model import MODES
from .library_panel import SEARCH_LIMIT, LibraryPanel
from .preview import ClausePreview
from .settings import app_settings
from .translations import error_text, model_text, topic_name
from .welcome import WelcomePage

if TYPE_CHECKING:
    import os
    from collections.abc import Callable

    from app.model.autosave import Recovery
    from app.model.checks import Finding
    from app.model.doc_blocks import BlockRef
    from app.model.draft_lock import LockOwner
    from clause_db.messages import Msg

    from .draft_document import DraftDocument
    from .print_dialogs import PrintPreview
    from .versions_dialog import VersionsDialog

WINDOW_TITLE = "合同编辑器 — Contract Editor"
DEFAULT_SIZE = (1400, 880)
DOCK_WIDTH = 380
AUTOSAVE_TICK_MS = 5000
RECENT_LIMIT = 8
UNPAINTED_GRACE_MS = 1000  # a window started minimized runs its deferred work after this


RECOVER, DISCARD, LATER = "recover", "discard", "later"  # the answers to a recovery offer


def _when(item: Recovery) -> str:
    return item.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _autosave_folder() -> Path:
    from app.model.autosave import autosave_folder

    return autosave_folder()


class _ArticlesOnly(QSortFilterProxyModel):
    """The outline: parts and articles, not clauses.

    Rows are filtered by their depth alone, so an edit (new numbers, new text) never needs
    them filtered again: without that, each drop re-filtered the whole draft in Python.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)

    def filterAcceptsRow(self, row: int, parent) -> bool:
        return not parent.isValid() or not parent.parent().isValid()


class MainWindow(QMainWindow):
    """Opens the library at ``library_path`` itself and closes it when the window closes."""

    def __init__(self, library_path: str | os.PathLike[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = ClauseLibrary(Path(library_path))
        self._closed = False
        self._after_paint: list[Callable[[], object]] | None = []  # None once run
        # timers given the window as context are dropped if it is deleted first
        QTimer.singleShot(UNPAINTED_GRACE_MS, self, self._run_after_first_paint)
        self.setWindowTitle(WINDOW_TITLE)

        self.tabs = DocumentTabs(self.library, self)
        self.centre = QStackedWidget(self)  # the drafts, or the welcome page when none is open
        self.centre.setObjectName("centre")
        self.centre.addWidget(self.tabs)
        self.setCentralWidget(self.centre)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.message.connect(lambda text: self.statusBar().showMessage(text, 8000))

        self.library_panel = LibraryPanel(self.library, self)
        self.preview = ClausePreview(self.library, self)
        library_split = QSplitter(Qt.Orientation.Vertical, self)
        library_split.addWidget(self.library_panel)
        library_split.addWidget(self.preview)
        library_split.setSizes([520, 260])
        self.library_dock = self._dock(
            "libraryDock",
            self.tr("Clause library"),
            library_split,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )

        self.outline = QTreeView(self)
        self.outline.setObjectName("outlineView")
        self.outline.setHeaderHidden(True)
        self.outline.setUniformRowHeights(True)  # one line each: no row measured at a drop
        self.outline.setDragDropMode(QTreeView.DragDropMode.InternalMove)
        self.outline.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.outline.clicked.connect(self._outline_clicked)
        self.outline_dock = self._dock(
            "outlineDock", self.tr("Outline"), self.outline, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.library_dock, self.outline_dock)
        self.library_dock.raise_()

        # The inspector is built once the window is up (or when a draft opens first): its
        # modules are a good part of start-up, and it has nothing to show before a draft.
        self._inspector = None
        self.inspector_dock = self._dock(
            "inspectorDock",
            self.tr("Inspector"),
            QWidget(self),
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.after_first_paint(self._ensure_inspector)

        self._word_count = None  # the 字数 of the current draft, once one is open
        self._stats = QLabel(self)
        self._stats.setObjectName("libraryStats")
        self.statusBar().addPermanentWidget(self._stats)
        self.refresh_stats()

        self._build_actions()
        self._build_menus()
        self.find_bar = install_find_bar(self)
        self.welcome = WelcomePage(
            [self.new_action, self.new_from_source_action, self.open_action], self
        )
        self.welcome.recentChosen.connect(self.open_path)
        self.welcome.libraryDropped.connect(self.start_draft_from_library)
        self.centre.addWidget(self.welcome)
        self.library_panel.refSelected.connect(lambda kind, i: self.preview.show_ref((kind, i)))
        self.library_panel.searchFinished.connect(self._show_search_status)
        self.library_panel.insertRequested.connect(self.insert_library_ref)
        self.tabs.currentDocumentChanged.connect(self._document_switched)
        self._document_switched(None)

        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_TICK_MS)
        self._autosave.timeout.connect(self.autosave_all)
        self._autosave.start()
        self.setAcceptDrops(True)
        self._restore_settings()

    def after_first_paint(self, work: Callable[[], object]) -> None:
        """Run ``work`` once the window has been painted: what the lawyer does not see at
        once waits until the window is on screen. (A zero timer set before ``show`` fires
        before the first paint, so it is not enough.)"""
        if self._after_paint is None:
            QTimer.singleShot(0, self, work)
        else:
            self._after_paint.append(work)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint:
            QTimer.singleShot(0, self, self._run_after_first_paint)

    def _run_after_first_paint(self) -> None:
        work, self._after_paint = self._after_paint or [], None
        for job in work:
            job()

    @property
    def inspector(self):
        """The inspector dock's widget (objectName ``inspector``), built on first use."""
        return self._ensure_inspector()

    def _ensure_inspector(self):
        if self._inspector is None and not self._closed:
            from .inspector import Inspector

            self._inspector = Inspector(self.library, self)
            self._inspector.jumpTo.connect(self._jump_to)
            self._inspector.fieldChosen.connect(self._select_field)
            self._inspector.placeChosen.connect(self._select_place)
            placeholder = self.inspector_dock.widget()
            self.inspector_dock.setWidget(self._inspector)
            placeholder.deleteLater()
            document = self.tabs.current_document()
            self._inspector.set_document(document)
            view = self.tabs.current_view()
            if view is not None:
                view.currentNodeChanged.connect(self._inspector.set_current_node)
        return self._inspector

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- actions and menus ------------------------------------------------------------------

    def _action(self, name: str, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        k = QKeySequence.StandardKey
        a = self._action
        self.new_action = a("newAction", self.tr("&New"), self.new_draft, k.New)
        self.new_from_source_action = a(
            "newFromSourceAction", self.tr("New from library &source…"), self.new_from_source
        )
        self.open_action = a("openAction", self.tr("&Open…"), self.open_dialog, k.Open)
        self.save_action = a("saveAction", self.tr("&Save"), self.save_current, k.Save)
        self.save_as_action = a(
            "saveAsAction", self.tr("Save &As…"), self.save_current_as, k.SaveAs
        )
        self.import_action = a(
            "importAction", self.tr("&Import into library…"), self.import_into_library
        )
        self.close_action = a("closeAction", self.tr("&Close"), self.close_current, k.Close)
        self.quit_action = a("quitAction", self.tr("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.tabs.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts([QKeySequence(k.Undo)])
        self.redo_action = self.tabs.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.delete_action = a(
            "deleteAction",
            self.tr("&Delete article or clause"),
            lambda: self._edit_in_focus(self.delete_current, None),
            k.Delete,
        )
        self.insert_article_action = a(
            "insertArticleAction",
            self.tr("Insert &article"),
            self.insert_empty_article,
            "Ctrl+Shift+A",
        )
        self.insert_clause_action = a(
            "insertClauseAction",
            self.tr("Insert c&lause"),
            self.insert_empty_clause,
            "Ctrl+Shift+L",
        )
        self.cut_action = a(
            "cutAction",
            self.tr("Cu&t"),
            lambda: self._edit_in_focus(self.cut_selection, "cut"),
            k.Cut,
        )
        self.copy_action = a(
            "copyAction",
            self.tr("&Copy"),
            lambda: self._edit_in_focus(self.copy_selection, "copy"),
            k.Copy,
        )
        self.paste_action = a(
            "pasteAction",
            self.tr("&Paste"),
            lambda: self._edit_in_focus(self.paste, "paste"),
            k.Paste,
        )
        # Their keys work in the contract only (each view gets them in _document_switched):
        # elsewhere a table or a text box handles Ctrl+C / Ctrl+V / Delete itself.
        self.contract_actions = [
            self.cut_action,
            self.copy_action,
            self.paste_action,
            self.delete_action,
        ]
        for action in self.contract_actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_topic_action = a("editTopicAction", self.tr("Edit &topic…"), self.edit_topic)
        self.find_action = a(
            "findAction", self.tr("&Find in library"), self.library_panel_focus, "Ctrl+Shift+F"
        )  # Ctrl+F finds in the draft (find_bar)
        self.save_selection_action = a(
            "saveToLibraryAction",
            self.tr("Save selection to &library"),
            self.save_selection_to_library,
        )
        self.about_action = a("aboutAction", self.tr("&About…"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for action in (self.new_action, self.new_from_source_action, self.open_action):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action, self.import_action):
            file_menu.addAction(action)
        self.export_menu_action = file_menu.addAction(self.tr("&Export to Word…"))
        self.export_menu_action.setObjectName("exportAction")
        self.export_menu_action.triggered.connect(self.export_current)
        # PDF and print (issue 13 item 5)
        self.pdf_action = file_menu.addAction(self.tr("Export P&DF…"))
        self.pdf_action.setObjectName("exportPdfAction")
        self.pdf_action.triggered.connect(self.export_pdf)
        self.print_action = file_menu.addAction(self.tr("&Print…"))
        self.print_action.setObjectName("printAction")
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_current)
        # issue 13 item 1: version history (app/ui/versions_dialog.py)
        self.versions_action = file_menu.addAction(self.tr("&Versions…"))
        self.versions_action.setObjectName("versionsAction")
        self.versions_action.triggered.connect(self.show_versions)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        for action in (self.cut_action, self.copy_action, self.paste_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (self.insert_article_action, self.insert_clause_action, self.delete_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        add_compare_entries(self, file_menu, edit_menu, before=self.close_action)
        from .markup_actions import add_markup_actions  # the other side's tracked changes

        add_markup_actions(self, edit_menu)
        from .fix_preview import add_typography_action  # a check's fix, for the whole draft

        add_typography_action(self, edit_menu)

        view_menu = bar.addMenu(self.tr("&View"))
        for dock in (self.library_dock, self.outline_dock, self.inspector_dock):
            view_menu.addAction(dock.toggleViewAction())
        numbering_menu = view_menu.addMenu(self.tr("&Numbering style"))
        numbering_menu.setObjectName("numberingMenu")
        numbering_menu.aboutToShow.connect(self._tick_numbering)  # an undo may have changed it
        self.numbering_group = QActionGroup(self)
        for style, (zh, en) in STYLE_NAMES.items():
            action = numbering_menu.addAction(zh if self._chinese() else en)
            action.setCheckable(True)
            action.setData(style)
            action.setObjectName(f"numbering_{style}")
            self.numbering_group.addAction(action)
        self.numbering_group.triggered.connect(lambda act: self.set_numbering(act.data()))
        language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        for code, text in (("", self.tr("System")), ("zh_CN", "简体中文"), ("en", "English")):
            action = language_menu.addAction(text)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(app_settings().value("ui/language", "") == code)
            self.language_group.addAction(action)
        self.language_group.triggered.connect(lambda act: self.set_language(act.data()))

        library_menu = bar.addMenu(self.tr("&Library"))
        library_menu.addAction(self.import_action)
        library_menu.addAction(self._review_split_action(library_menu))
        library_menu.addAction(self.save_selection_action)
        library_menu.addAction(self.edit_topic_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        for action in (
            self.new_action,
            self.open_action,
            self.save_action,
            self.undo_action,
            self.redo_action,
            self.insert_article_action,
            self.insert_clause_action,
        ):
            toolbar.addAction(action)

    @staticmethod
    def _chinese() -> bool:
        from .translations import current_language_is_chinese

        return current_language_is_chinese()

    # -- documents --------------------------------------------------------------------------

    def open_path(self, path: str | os.PathLike[str], document: int = 1) -> DraftDocument | None:
        """Open a .contract, .txt or .docx file in a new tab; a failure is a clear message."""
        from app.model.draft_lock import DraftLockedError

        try:
            try:
                opened = self.tabs.open_path(Path(path), document)
            except DraftLockedError as exc:  # open in another window: never edit it unaware
                if not self.ask_open_read_only(exc.path, exc.owner):
                    return None
                opened = self.tabs.open_path(Path(path), document, read_only=True)
        except ClauseDbError as exc:
            QMessageBox.warning(self, self.tr("Cannot open"), error_text(exc))
            if not Path(path).exists():  # moved or deleted: no longer offered as recent
                self._forget_recent(Path(path))
            return None
        if opened is None:  # the lawyer cancelled the review of the split
            return None
        self._remember_recent(Path(path))
        return opened

    def new_draft(self) -> None:
        self.tabs.new_document()

    def new_from_source(self) -> None:
        sources = self.library.sources_list()
        if not sources:
            return
        names = [f"{s.title} — {s.name}" for s in sources]
        name, ok = QInputDialog.getItem(
            self, self.tr("New from library source"), self.tr("Contract:"), names, 0, False
        )
        if ok:
            self.new_from_library_source(sources[names.index(name)].id)

    def new_from_library_source(self, source_id: int) -> DraftDocument:
        """A draft holding every article of a library source, in order, numbered as the
        source was."""
        from app.model.draft import Draft, Part
        from app.model.library_insert import insert_from_library

        source = next(s for s in self.library.sources_list() if s.id == source_id)
        articles = self.library.articles_in_source(source_id)
        items = [c.label for a in articles for c in self.library.clauses_of(a.id)]
        numbering = written_style([a.label for a in articles], source.lang, items)
        draft = Draft(title=source.title, numbering=numbering)
        parts: dict[int, Part] = {}
        for article in articles:
            if article.part_index not in parts:
                part = Part(draft.new_id(), title=article.part_title or "")
                parts[article.part_index] = part
                draft.parts.append(part)
            part = parts[article.part_index]
            command = insert_from_library(
                draft, self.library, "article", article.id, part.id, len(part.articles)
            )
            command.apply(draft)  # the starting state of a new draft, not an undo step
        return self.tabs.new_document(draft)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open"), self._last_folder(), self._open_filter()
        )
        if path:
            self.open_path(path)

    def save_current(self) -> bool:
        document = self.tabs.current_document()
        if document is None:
            return False
        if document.frozen:  # a version opened read-only: Save As only
            self.statusBar().showMessage(document.frozen_text(), 8000)
            return False
        if document.path is None or document.read_only:
            return self.save_current_as()
        return self._save(document, None)

    def save_current_as(self) -> bool:
        document = self.tabs.current_document()
        if document is None:
            return False
        start = str(document.path or Path(self._last_folder()) / f"{document.title}{DRAFT_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save As"), start, self.tr("Contract drafts (*{0})").format(DRAFT_SUFFIX)
        )
        if not path:
            return False
        if not path.endswith(DRAFT_SUFFIX):
            path += DRAFT_SUFFIX
        return self._save(document, Path(path))

    def _save(self, document: DraftDocument, path: Path | None) -> bool:
        """Save to ``path`` (None: the draft's own file), never over anything unasked: a file
        changed outside since it was read asks first, and what a save replaces (that outside
        version, or another draft chosen in Save As) is kept as .bak, which the status says."""
        from app.model.overwrite import existing_draft, same_file

        target = path or document.path
        kept = None
        try:
            if document.path is not None and same_file(target, document.path):
                if not document.read_only and document.changed_on_disk():
                    answer = self.ask_changed_on_disk(document)
                    if answer == "save_as":
                        return self.save_current_as()
                    if answer != "overwrite":
                        return False
                    kept = self.tr("Saved {0}; the version changed outside is kept as {1}.bak")
            elif existing_draft(target) is not None:  # refuses a file that is not a draft
                kept = self.tr("Saved {0}; the draft that was there is kept as {1}.bak")
            document.save(path)
        except ClauseDbError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), error_text(exc))
            return False
        self._remember_recent(document.path)
        text = kept or self.tr("Saved {0}")
        self.statusBar().showMessage(text.format(document.path, document.path.name), 10000)
        return True

    def ask_open_read_only(self, path: Path, owner: LockOwner) -> bool:
        """A draft open in another window: open it read-only (True) or not at all."""
        from app.model.draft_lock import lock_path

        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Draft open elsewhere"), "", parent=self
        )
        box.setObjectName("draftLockedBox")
        when = owner.since.astimezone().strftime("%Y-%m-%d %H:%M")
        who = owner.user or self.tr("someone")
        box.setText(
            self.tr(
                "“{0}” is open in another window: {1} on {2} (process {3}), since {4}. "
                "Open it read-only? Your changes can then be saved as another file."
            ).format(path.name, who, owner.host or "?", owner.pid, when)
        )
        box.setInformativeText(
            self.tr("If that window no longer exists (its computer crashed), delete {0}.").format(
                lock_path(path)
            )
        )
        read_only = box.addButton(self.tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
        read_only.setObjectName("openReadOnlyButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only)
        box.exec()
        return box.clickedButton() is read_only

    def ask_changed_on_disk(self, document: DraftDocument) -> str:
        """The file changed outside since it was read: "overwrite", "save_as" or "cancel"."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed outside"), "", parent=self)
        box.setObjectName("changedOnDiskBox")
        box.setText(
            self.tr(
                "“{0}” was changed outside this window since it was opened or saved here. "
                "Overwrite it with this version (the other is kept as .bak), save this "
                "version as another file, or cancel?"
            ).format(document.path)
        )
        overwrite = box.addButton(self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        overwrite.setObjectName("overwriteButton")
        save_as = box.addButton(self.tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        save_as.setObjectName("saveAsButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return (
            "overwrite" if clicked is overwrite else "save_as" if clicked is save_as else "cancel"
        )

    def close_current(self) -> None:
        if self.tabs.count():
            self.close_tab(self.tabs.currentIndex())

    def close_tab(self, index: int) -> bool:
        document = self.tabs.widget(index).contract_model.document
        if document.is_modified():
            answer = self.ask_save(document)
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save:
                self.tabs.setCurrentIndex(index)
                if not self.save_current():
                    return False
        self.tabs.remove(index)
        return True

    def ask_save(self, document: DraftDocument) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for unsaved changes (tests replace this)."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        return QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to “{0}”?").format(document.title),
            buttons,
            QMessageBox.StandardButton.Save,
        )

    def autosave_all(self) -> None:
        for document in self.tabs.documents():
            document.autosave()

    def offer_recovery(self) -> None:
        """After a crash: offer each autosaved draft back (called once at start-up).

        Recover opens it, unsaved, under the autosave's own key; Discard deletes it; Later
        (or Esc) keeps it for the next start. One that cannot be opened is kept, and the
        message says where it is.
        """
        from app.model.autosave import recoverable  # only asked once, at start-up

        for item in recoverable():
            if item.problem:
                self._unrecoverable(item, model_text(item.problem))
                continue
            choice = self.ask_recovery(item)
            if choice == RECOVER:
                self._recover(item)
            elif choice == DISCARD:
                self._discard_autosave(item)

    def ask_recovery(self, item: Recovery) -> str:
        """RECOVER, DISCARD or LATER for one autosave left by a crash."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Recover unsaved work"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # a title is the lawyer's text, not markup
        box.setText(
            self.tr("“{0}” was not saved when the program last stopped ({1}).").format(
                item.title or self.tr("Untitled"), _when(item)
            )
        )
        box.setInformativeText(
            self.tr(
                "Recover: open it to save it. Discard: delete this unsaved work for good. "
                "Later: keep it and ask again at the next start."
            )
        )
        buttons = {
            RECOVER: box.addButton(self.tr("Recover"), QMessageBox.ButtonRole.AcceptRole),
            DISCARD: box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole),
            LATER: box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole),
        }
        for name, button in buttons.items():
            button.setObjectName(f"{name}Button")
        box.setDefaultButton(buttons[RECOVER])
        box.setEscapeButton(buttons[LATER])
        box.exec()
        return next((n for n, b in buttons.items() if b is box.clickedButton()), LATER)

    def _recover(self, item: Recovery) -> None:
        from .draft_document import DraftDocument  # the draft modules load with the first draft

        try:
            draft = item.load()
        except ClauseDbError as exc:
            self._unrecoverable(item, error_text(exc))
            return
        document = DraftDocument(draft, item.source_path, autosave_key=item.key)
        self.tabs.add_document(document)
        document.mark_unsaved()
        self.statusBar().showMessage(
            self.tr("Recovered “{0}”: save it to keep it").format(document.title), 8000
        )

    def _unrecoverable(self, item: Recovery, reason: str) -> None:
        """Say why the autosave cannot be opened and where it is; keep it unless told not to."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Cannot recover"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr("The unsaved work of “{0}” ({1}) cannot be opened: {2}").format(
                item.title or self.tr("Untitled"), _when(item), reason
            )
        )
        box.setInformativeText(
            self.tr("It is kept in {0}, to be opened by hand or sent for help.").format(item.path)
        )
        keep = box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.AcceptRole)
        keep.setObjectName("keepButton")
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("deleteButton")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is delete:
            self._discard_autosave(item)

    def _discard_autosave(self, item: Recovery) -> None:
        try:
            item.discard()
        except ClauseDbError as exc:
            QMessageBox.warning(self, self.tr("Cannot discard"), error_text(exc))

    # -- editing ----------------------------------------------------------------------------

    def _push(self, build) -> None:
        from app.model import ops  # the draft modules load with the first draft

        document = self.tabs.current_document()
        if document is None:
            return
        try:
            document.push(build(document.draft))
        except ops.EditError as exc:
            self.statusBar().showMessage(error_text(exc), 8000)

    def _current_ids(self) -> tuple[int | None, str | None]:
        """The article or clause the caret is in (or its part), and which of them it is."""
        view = self.tabs.current_view()
        if view is None:
            return None, None
        node_id = view.current_node_id()
        if node_id is None:
            part_id = view.current_part_id()
            return (part_id, "part") if part_id is not None else (None, None)
        kind = (
            "article"
            if view.draft.parent_id(node_id) in {p.id for p in view.draft.parts}
            else "clause"
        )
        return node_id, kind

    def _article_position(self, draft) -> tuple[int, int]:
        """(part id, index) right after the current article (or at the end of the draft)."""
        from app.model import ops

        node_id, _ = self._current_ids()
        if node_id is not None:
            for part in draft.parts:
                if part.id == node_id:
                    return part.id, len(part.articles)
                for i, article in enumerate(part.articles):
                    if any(n.id == node_id for n in article.walk()):
                        return part.id, i + 1
        if not draft.parts:
            raise ops.EditError(self.tr("the draft has no part"))
        return draft.parts[-1].id, len(draft.parts[-1].articles)

    def insert_empty_article(self) -> None:
        from app.model import ops

        def build(draft):
            part_id, index = self._article_position(draft)
            return ops.insert_empty(draft, part_id, index, self.tr("New article"))

        self._push(lambda draft: ops.in_a_part(draft, build))  # a new draft's part: same step

    def insert_empty_clause(self) -> None:
        from app.model import ops

        node_id, kind = self._current_ids()
        if node_id is None or kind == "part":
            self.statusBar().showMessage(self.tr("Select an article first"), 5000)
            return
        self._push(
            lambda draft: ops.insert_empty(draft, node_id, len(draft.node(node_id).children))
        )

    def delete_current(self) -> None:
        from app.model import ops

        node_id, kind = self._current_ids()
        if node_id is not None and kind != "part":
            self._push(lambda draft: ops.delete_node(draft, node_id))

    def set_numbering(self, style: str) -> None:
        from app.model import ops

        self._push(lambda draft: ops.set_numbering(draft, style))

    def insert_library_ref(self, kind: str, item_id: int) -> None:
        """Enter or double-click in the library: insert after the current article."""
        from app.model import ops
        from app.model.library_insert import insert_from_library

        if kind not in ("article", "clause"):
            return
        if self.tabs.current_document() is None:
            self.tabs.new_document()
        self._push(  # a new draft's part comes in the same undo step
            lambda draft: ops.in_a_part(
                draft,
                lambda d: insert_from_library(
                    d, self.library, kind, item_id, *self._article_position(d)
                ),
            )
        )

    def start_draft_from_library(self, mime: QMimeData) -> None:
        """Library items dropped where no draft is open: a new draft holding them, in order,
        as one undo step (its part included)."""
        from app.model.draft import Draft

        self.tabs.new_document(Draft())
        model = self.tabs.current_view().contract_model
        model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, QModelIndex())

    def save_selection_to_library(self) -> None:
        """Lawyers grow their library from their own drafts: the selected articles as a source."""
        view = self.tabs.current_view()
        if view is None:
            return
        from app.model.library_export import outline_of_nodes

        ids = view.selected_node_ids()
        document = view.contract_model.document
        outline = outline_of_nodes(document.draft, [i for i in ids if i])
        if not outline.documents:
            self.statusBar().showMessage(self.tr("Select articles to save first"), 5000)
            return
        try:
            self.library.import_outline(outline, f"{document.title}{DRAFT_SUFFIX}")
        except ClauseDbError as exc:
            QMessageBox.warning(self, self.tr("Cannot save to the library"), error_text(exc))
            return
        self.library_panel.refresh()
        self.refresh_stats()
        self.statusBar().showMessage(self.tr("Saved to the library"), 5000)

    def _review_split_action(self, menu: QMenu) -> QAction:
        """Whether importing or opening a file first shows the review of its split (the
        review's own check box turns it off; this brings it back)."""
        from .split_review import REVIEW_SETTING, review_wanted

        action = QAction(self.tr("&Review the split before importing"), self)
        action.setObjectName("reviewSplitAction")
        action.setCheckable(True)
        action.setChecked(review_wanted())
        menu.aboutToShow.connect(lambda: action.setChecked(review_wanted()))  # the box's say

        def remember(on: bool) -> None:
            app_settings().setValue(REVIEW_SETTING, on)

        action.triggered.connect(remember)
        return action

    def import_into_library(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import into library"), self._last_folder(), self._open_filter()
        )
        for path in paths:
            self.import_file_into_library(Path(path))

    def import_file_into_library(self, path: Path) -> bool:
        """Read a file, let the lawyer review its split, import it in the background (a big
        file takes a while). False when it could not be read or the lawyer cancelled."""
        from .background import run_with_progress
        from .split_review import read_reviewed

        library_path = self.library.path

        notes: list[Msg] = []  # what reading lost or changed (undecodable bytes...): told

        def work(outline) -> None:
            with ClauseLibrary(library_path) as worker_library:  # SQLite: one per thread
                worker_library.import_outline(outline, path.name)

        try:
            reviewed = read_reviewed(self, path, notes)
            if reviewed is None:
                return False
            outline = reviewed[0]
            run_with_progress(
                self, self.tr("Importing {0}…").format(path.name), lambda: work(outline)
            )
        except ClauseDbError as exc:
            QMessageBox.warning(self, self.tr("Cannot import"), error_text(exc))
            return False
        self.library_panel.refresh()
        self.refresh_stats()
        imported = self.tr("Imported {0}").format(path.name)
        told = " ".join([imported, *map(model_text, notes)])
        self.statusBar().showMessage(told, 8000 if notes else 5000)
        return True

    # -- clipboard ------------------------------------------------------------------------

    def copy_selection(self) -> bool:
        """The selection to the clipboard: numbered text for other programs and, across
        lines, the articles and clauses themselves for Paste here or in another draft."""
        view = self.tabs.current_view()
        if view is None or not view.textCursor().hasSelection():
            self.statusBar().showMessage(self.tr("Select text in the contract first"), 5000)
            return False
        view.copy()
        return True

    def cut_selection(self) -> None:
        """Copy, then delete the selection as one undo step: Paste puts it back."""
        view = self.tabs.current_view()
        if view is not None and self.copy_selection():
            view.cut_selection()

    def paste(self) -> None:
        """Cut or copied articles, library items, or text at the caret, as one undo step."""
        view = self.tabs.current_view()
        if view is not None:
            view.paste_clipboard()

    def _edit_in_focus(self, contract: Callable[[], object], own: str | None) -> None:
        """Cut, Copy, Paste and Delete act where the keyboard focus is: on the contract when
        its view has it, on a text box's own text (``own`` names the text box's method),
        and on nothing else: Ctrl+V in the Fields table must not add an article unseen."""
        focus = self.focusWidget()
        view = self.tabs.current_view()
        if view is not None and focus is view:
            contract()
        elif isinstance(focus, QLineEdit | QPlainTextEdit | QTextEdit) and own is not None:
            getattr(focus, own)()

    def edit_topic(self) -> None:
        """Move the library article selected on the left to another topic."""
        ref = self.library_panel.current_ref()
        if ref is None or ref[0] != "article":
            self.statusBar().showMessage(self.tr("Select a library article first"), 5000)
            return
        topics = self.library.topics()
        names = [topic_name(t) for t in topics]
        name, ok = QInputDialog.getItem(
            self, self.tr("Edit topic"), self.tr("Topic:"), names, 0, False
        )
        if ok:
            self.library.set_article_topic(ref[1], topics[names.index(name)].id)
            self.library_panel.refresh()

    def show_versions(self) -> VersionsDialog | None:
        """File > Versions: the versions the current draft's saves kept (a draft never
        saved has none yet: the status bar says so)."""
        from .versions_dialog import VersionsDialog

        document = self.tabs.current_document()
        if document is None or document.path is None:
            text = self.tr("Save the draft first: each save keeps a version.")
            self.statusBar().showMessage(text, 8000)
            return None
        dialog = VersionsDialog(document, self.tabs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_current(self) -> Path | None:
        """File > Export to Word, for the draft in the current tab."""
        from .export_dialog import export_with_dialogs

        document = self.tabs.current_document()
        if document is None:
            return None
        folder = document.path.parent if document.path else Path(self._last_folder())
        suggested = folder / f"{document.title}.docx"
        keep = [p for p in (document.path, document.origin) if p is not None]
        path = export_with_dialogs(self, document.draft, suggested, keep, self.go_to_finding)
        if path is not None:
            self.statusBar().showMessage(self.tr("Exported {0}").format(path), 8000)
        return path

    def export_pdf(self) -> Path | None:
        """File > Export PDF, for the draft in the current tab."""
        from .print_dialogs import export_pdf_with_dialogs

        document = self.tabs.current_document()
        if document is None:
            return None
        folder = document.path.parent if document.path else Path(self._last_folder())
        keep = [p for p in (document.path, document.origin) if p is not None]
        suggested = folder / f"{document.title}.pdf"
        path = export_pdf_with_dialogs(self, document.draft, suggested, keep, self.go_to_finding)
        if path is not None:
            self.statusBar().showMessage(self.tr("Exported {0}").format(path), 8000)
        return path

    def print_preview(self) -> PrintPreview | None:
        """The print preview of the current draft (not shown yet), or None without one."""
        from .print_dialogs import PrintPreview

        document = self.tabs.current_document()
        return None if document is None else PrintPreview(document.draft, self)

    def print_current(self) -> None:
        """File > Print: the preview, from which the lawyer prints."""
        preview = self.print_preview()
        if preview is not None:
            preview.exec()
            preview.deleteLater()

    def library_panel_focus(self) -> None:
        self.library_dock.raise_()
        self.library_panel.focus_search()

    def set_language(self, code: str) -> None:
        settings = app_settings()
        settings.setValue("ui/language", code)
        settings.sync()
        QMessageBox.information(
            self, self.tr("Language"), self.tr("The new language is used from the next start.")
        )

    # -- following the current document -----------------------------------------------------

    def _document_switched(self, document: DraftDocument | None) -> None:
        if self.tabs.count():
            self.centre.setCurrentWidget(self.tabs)
        else:
            self.welcome.set_recent(self._recent_files())
            self.centre.setCurrentWidget(self.welcome)
        has = document is not None
        for action in (
            self.save_action,
            self.save_as_action,
            self.close_action,
            self.delete_action,
            self.insert_clause_action,
            self.save_selection_action,
            self.export_menu_action,
            self.pdf_action,
            self.print_action,
        ):
            action.setEnabled(has)
        view = self.tabs.current_view()
        if document is not None or self._inspector is not None:
            self.inspector.set_document(document)
        if view is not None and self._word_count is None:
            from .word_count import WordCountLabel  # loads the draft modules: first draft only

            self._word_count = WordCountLabel(self)
            self.statusBar().insertPermanentWidget(0, self._word_count)
        if self._word_count is not None:
            self._word_count.follow(view)
        if view is None:
            self.outline.setModel(None)
            return
        view.addActions(self.contract_actions)
        proxy = _ArticlesOnly(self.outline)
        proxy.setSourceModel(view.contract_model)
        self.outline.setModel(proxy)
        self.outline.expandAll()
        proxy.modelReset.connect(self.outline.expandAll)
        view.currentNodeChanged.connect(self.inspector.set_current_node)
        view.fieldActivated.connect(self.inspector.show_field, Qt.ConnectionType.UniqueConnection)
        view.fieldAtCaret.connect(self.inspector.follow_field, Qt.ConnectionType.UniqueConnection)
        self._tick_numbering()

    def _tick_numbering(self) -> None:
        """Tick the current draft's numbering style in the Numbering menu."""
        document = self.tabs.current_document()
        for action in self.numbering_group.actions():
            action.setChecked(document is not None and action.data() == document.draft.numbering)

    def _outline_clicked(self, index) -> None:
        self._jump_to(index.data(NodeIdRole))

    def _jump_to(self, node_id: int) -> None:
        view = self.tabs.current_view()
        if view is not None and node_id:
            view.jump_to(node_id)

    def go_to_finding(self, finding: Finding) -> None:
        """Select what a check found (its field's blank, else its words, else its article)."""
        view = self.tabs.current_view()
        if view is None:
            return
        if finding.field_id is None or not view.select_field(finding.field_id):
            if finding.ref is not None:
                self._select_place(finding.ref, finding.offset, finding.length)
            elif finding.node_id is not None:
                view.jump_to(finding.node_id)
        view.setFocus()

    def _select_field(self, field_id: int) -> None:
        view = self.tabs.current_view()
        if view is not None:
            view.select_field(field_id)

    def _select_place(self, ref: BlockRef, offset: int, length: int) -> None:
        """Select a check's finding: exactly its characters, as the find bar selects a hit."""
        view = self.tabs.current_view()
        if view is None:
            return
        if view.block_index(ref) is None:  # not shown (a generated block): its node, if any
            view.jump_to(ref.owner)
            return
        view.go_to(Pos(ref, offset), length)
        # read with what comes before and after it: a third of the way down, not at an edge
        rect, height = view.cursorRect(), view.viewport().height()
        if not height // 4 <= rect.center().y() <= height * 3 // 4:
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - height // 3)

    # -- drops of files on the window -------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            if path.suffix.lower() == DRAFT_SUFFIX:
                self.open_path(path)
            elif path.suffix:
                self.drop_file(path)
        event.acceptProposedAction()

    def drop_file(self, path: Path) -> None:
        """A text or Word file dropped on the window: into the library, or as a draft?"""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Import {0}").format(path.name))
        box.setText(
            self.tr("Open “{0}” as a new draft, or add it to the clause library?").format(path.name)
        )
        as_draft = box.addButton(self.tr("Open as draft"), QMessageBox.ButtonRole.AcceptRole)
        into_library = box.addButton(self.tr("Add to library"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is as_draft:
            self.open_path(path)
        elif box.clickedButton() is into_library:
            self.import_file_into_library(path)

    # -- status, about, settings, closing ---------------------------------------------------

    def refresh_stats(self) -> None:
        s = self.library.stats()
        self._stats.setText(
            self.tr("{0} contracts · {1} articles · {2} clauses · {3} topics").format(
                s["sources"], s["articles"], s["clauses"], s["topics"]
            )
        )

    def _show_search_status(self, query: str, count: int) -> None:
        if not query:
            self.statusBar().clearMessage()
            return
        text = self.tr("“{0}”: {1} hits").format(query, count)
        if count >= SEARCH_LIMIT:
            text += self.tr(" (first {0} shown)").format(SEARCH_LIMIT)
        self.statusBar().showMessage(text)

    def about_text(self) -> str:
        rows = [
            (self.tr("Version"), __version__),
            ("Qt / PySide6", f"{qVersion()} / {PYSIDE_VERSION}"),
            ("Python", sys.version.split()[0]),
            (self.tr("Clause library"), str(self.library.path)),
            (self.tr("Autosaves"), str(_autosave_folder())),
        ]
        table = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in rows
        )
        return f"<h3>{html.escape(WINDOW_TITLE)}</h3><table cellspacing='6'>{table}</table>"

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About"), self.about_text())

    def _open_filter(self) -> str:
        return self.tr("Contracts (*.contract *.txt *.md *.docx);;All files (*)")

    def _last_folder(self) -> str:
        return str(app_settings().value("files/lastFolder", str(Path.home())))

    def _remember_recent(self, path: Path | None) -> None:
        if path is None:
            return
        settings = app_settings()
        recent = [p for p in self._recent_files() if p != str(path)]
        settings.setValue("files/recent", [str(path), *recent][:RECENT_LIMIT])
        settings.setValue("files/lastFolder", str(path.parent))

    def _forget_recent(self, path: Path) -> None:
        app_settings().setValue("files/recent", [p for p in self._recent_files() if p != str(path)])
        if not self.tabs.count():
            self.welcome.set_recent(self._recent_files())

    @staticmethod
    def _recent_files() -> list[str]:
        """The drafts opened or saved last, newest first (QSettings gives one as a str)."""
        recent = app_settings().value("files/recent") or []
        return recent if isinstance(recent, list) else [recent]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self._recent_files()
        for item in recent:
            self.recent_menu.addAction(item, lambda p=item: self.open_path(p))
        self.recent_menu.setEnabled(bool(recent))

    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("mainWindow/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(*DEFAULT_SIZE)
        state = settings.value("mainWindow/state")
        if not (isinstance(state, QByteArray) and self.restoreState(state)):
            self.resizeDocks(
                [self.library_dock, self.inspector_dock],
                [DOCK_WIDTH, DOCK_WIDTH],
                Qt.Orientation.Horizontal,
            )
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
        """Ask about unsaved drafts, remember the layout, release the library (once)."""
        if self._closed:
            event.accept()
            return
        while self.tabs.count():
            if not self.close_tab(self.tabs.count() - 1):
                event.ignore()
                return
        self._closed = True
        self._autosave.stop()
        self.save_settings()
        self.library_panel.cancel_search()
        self.library.close()
        event.accept()
