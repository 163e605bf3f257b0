"""The compare view: what changed between two versions of a contract, inline or side by side.

File › Compare with… sets the open draft against another draft, .docx or .txt (the file the
other side sent back is the later one); File › Compare with library sources sets each
article against the one it was taken from. The engine (``app.model.compare``) lists one
change per article or clause; the view shows each under its labels (第五条 → 第八条 for a
move), the difference marked as a lawyer marks it, steps through them with F8 / Shift+F8
and a count, and writes the redline, signed with the author the user set (Edit › Redline
author…, kept in the settings; the CLI takes --author).

Both versions are copies taken when the view opens: editing the draft meanwhile does not
change what the view shows.
"""

from __future__ import annotations

import copy
import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from clause_db.errors import ClauseDbError

from .background import run_with_progress
from .settings import app_settings
from .translations import error_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtWidgets import QMenu

    from app.model.compare import Change
    from app.model.draft import Draft

    from .main_window import MainWindow

AUTHOR_KEY = "redline/author"
_DELETED = "color:#b3261e;text-decoration:line-through;"
_INSERTED = "color:#0b57d0;text-decoration:underline;"
_MOVED = "color:#7b1fa2;"
_CURRENT = "#fff3c4"  # the shade of the change stepped to


def redline_author() -> str:
    """Who the redline's changes are from: the setting, else the login name."""
    from app.word.redline import default_author

    value = app_settings().value(AUTHOR_KEY, "")
    return value if isinstance(value, str) and value.strip() else default_author()


def ask_redline_author(parent: QWidget) -> None:
    """Edit › Redline author…: the name Word shows on each tracked change."""
    title = QCoreApplication.translate("CompareView", "Redline author")
    label = QCoreApplication.translate("CompareView", "Changes in a redline are signed:")
    name, ok = QInputDialog.getText(parent, title, label, text=redline_author())
    if ok:
        app_settings().setValue(AUTHOR_KEY, name.strip())


class CompareView(QDialog):
    """Two versions' differences, one entry per change, with next/previous and a count."""

    def __init__(self, old: Draft, new: Draft, old_name: str, new_name: str,
                 parent: QWidget | None = None, keep: Sequence[Path] = ()) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("compareView")
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.keep = list(keep)  # files the redline must never replace (the draft's own)
        self.inline = self._browser("compareInline")
        self.old_pane = self._browser("compareOld")
        self.new_pane = self._browser("compareNew")
        self.old_title, self.new_title = QLabel(self), QLabel(self)
        panes = QSplitter(self)
        for title, pane in ((self.old_title, self.old_pane), (self.new_title, self.new_pane)):
            column = QWidget(panes)
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(title)
            box.addWidget(pane)
        self._syncing = False
        self.old_pane.verticalScrollBar().valueChanged.connect(
            lambda v: self._sync(self.old_pane, self.new_pane)
        )
        self.new_pane.verticalScrollBar().valueChanged.connect(
            lambda v: self._sync(self.new_pane, self.old_pane))  # fmt: skip
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("compareTabs")
        self.tabs.addTab(self.inline, self.tr("Inline"))
        self.tabs.addTab(panes, self.tr("Side by side"))
        self.tabs.currentChanged.connect(lambda _: self._show_current())

        self.previous_action = self._step("comparePrevious", self.tr("◀ Previous"), -1, "Shift+F8")
        self.next_action = self._step("compareNext", self.tr("Next ▶"), +1, "F8")
        self.count = QLabel(self)
        self.count.setObjectName("compareCount")
        swap = QPushButton(self.tr("Swap sides"), self)
        swap.clicked.connect(self.swap)
        export = QPushButton(self.tr("Export redline…"), self)
        export.setObjectName("compareExport")
        export.clicked.connect(self.export_redline_dialog)
        bar = QHBoxLayout()
        for action in (self.previous_action, self.next_action):
            button = QPushButton(action.text(), self)
            button.setToolTip(action.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
            button.clicked.connect(action.trigger)
            bar.addWidget(button)
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(swap)
        bar.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs)
        self.resize(900, 640)
        self.set_versions(old, new, old_name, new_name)

    def _browser(self, name: str) -> QTextBrowser:
        browser = QTextBrowser(self)
        browser.setObjectName(name)
        browser.setOpenLinks(False)
        return browser

    def _step(self, name: str, text: str, step: int, key: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda: self.go_to(self.current + step))
        self.addAction(action)
        return action

    # -- the versions and their changes ------------------------------------------------------

    def set_versions(self, old: Draft, new: Draft, old_name: str, new_name: str) -> None:
        """Compare ``old`` with ``new`` and show the changes from the first."""
        self.old, self.new = old, new
        from app.model.compare import compare_drafts  # loads with the first compare

        self.old_name, self.new_name = old_name, new_name
        self.changes: list[Change] = compare_drafts(old, new).changes
        self.setWindowTitle(self.tr("Compare: {0} → {1}").format(old_name, new_name))
        self.old_title.setText(old_name)
        self.new_title.setText(new_name)
        self.inline.setHtml(self._html("inline"))
        self.old_pane.setHtml(self._html("old"))
        self.new_pane.setHtml(self._html("new"))
        self.current = 0
        self._show_current()

    def swap(self) -> None:
        self.set_versions(self.new, self.old, self.new_name, self.old_name)

    def _html(self, side: str) -> str:
        if not self.changes:
            none = self.tr("No differences.")
            return f"<p>{html.escape(none)}</p>"
        blocks = []
        for number, change in enumerate(self.changes):
            head = html.escape(self._heading(change))
            body = _marked(change, side)
            colour = _MOVED if change.kind == "moved" else ""
            blocks.append(f'<a name="c{number}"></a><h3 style="{colour}">{head}</h3><p>{body}</p>')
        return "".join(blocks)

    def _heading(self, change: Change) -> str:
        if change.kind == "inserted":
            return self.tr("Inserted {0}").format(change.new)
        if change.kind == "deleted":
            return self.tr("Deleted {0}").format(change.old)
        if change.kind == "moved":
            return self.tr("Moved {0} → {1}").format(change.old, change.new)
        if change.old == change.new:
            return self.tr("Changed {0}").format(change.new)
        return self.tr("Changed {0} (now {1})").format(change.old, change.new)

    # -- stepping ---------------------------------------------------------------------------

    def go_to(self, number: int) -> None:
        """Show change ``number`` (clamped to the list) in the visible view."""
        if not self.changes:
            return
        self.current = min(max(number, 0), len(self.changes) - 1)
        self._show_current()

    def _show_current(self) -> None:
        total = len(self.changes)
        self.count.setText(f"{self.current + 1} / {total}" if total else "0 / 0")
        self.previous_action.setEnabled(self.current > 0)
        self.next_action.setEnabled(self.current < total - 1)
        if not total:
            return
        anchor = f"c{self.current}"
        for browser in (self.inline, self.old_pane, self.new_pane):
            _mark_heading(browser, self.current)
        if self.tabs.currentIndex() == 0:
            self.inline.scrollToAnchor(anchor)
            return
        self._syncing = True  # each pane goes to its own copy of the entry
        try:
            self.old_pane.scrollToAnchor(anchor)
            self.new_pane.scrollToAnchor(anchor)
        finally:
            self._syncing = False

    def _sync(self, source: QTextBrowser, target: QTextBrowser) -> None:
        """Scrolling one pane scrolls the other to the same place in its text."""
        if self._syncing:
            return
        self._syncing = True
        try:
            bar, other = source.verticalScrollBar(), target.verticalScrollBar()
            share = bar.value() / bar.maximum() if bar.maximum() else 0.0
            other.setValue(round(share * other.maximum()))
        finally:
            self._syncing = False

    # -- the redline ------------------------------------------------------------------------

    def export_redline_dialog(self) -> Path | None:
        """Ask where, then write the redline from the old version to the new."""
        folder = self.keep[0].parent if self.keep else Path.home()
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export redline"), str(folder / f"{self.new_name} redline.docx"),
            self.tr("Word documents (*.docx)"),
        )  # fmt: skip
        if not name:
            return None
        return self.export_redline(Path(name if name.lower().endswith(".docx") else name + ".docx"))

    def export_redline(self, path: Path) -> Path | None:
        """Write the redline at ``path``, signed with the author setting; None on refusal."""
        from app.model.overwrite import refuse_own_input, refuse_unless_word_document
        from app.word.redline import export_redline

        author = redline_author()
        try:
            refuse_own_input(path, *self.keep)
            refuse_unless_word_document(path)
            text = self.tr("Exporting {0}…").format(path.name)
            run_with_progress(self, text, lambda: export_redline(self.old, self.new, path, author))
        except ClauseDbError as exc:
            QMessageBox.warning(self, self.tr("Cannot export"), error_text(exc))
            return None
        return path


def _mark_heading(browser: QTextBrowser, number: int) -> None:
    """Shade the heading of change ``number`` (the ``number``-th h3 block) across the pane."""
    block, seen = browser.document().begin(), -1
    while block.isValid():
        if block.blockFormat().headingLevel() == 3:
            seen += 1
            if seen == number:
                break
        block = block.next()
    selection = QTextEdit.ExtraSelection()
    selection.cursor = QTextCursor(block)
    selection.format.setBackground(QColor(_CURRENT))
    selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
    browser.setExtraSelections([selection] if block.isValid() else [])


def _marked(change: Change, side: str) -> str:
    """The change's text as HTML: inline both texts' difference, else one side's part."""
    from app.model.text_diff import DELETE, EQUAL, INSERT, text_diff

    shown = {"inline": (EQUAL, DELETE, INSERT), "old": (EQUAL, DELETE), "new": (EQUAL, INSERT)}
    style = {EQUAL: "", DELETE: _DELETED, INSERT: _INSERTED}
    out = []
    for op, text in text_diff(change.old_text, change.new_text):
        if op in shown[side]:
            escaped = html.escape(text).replace("\n", "<br>")
            out.append(f'<span style="{style[op]}">{escaped}</span>' if style[op] else escaped)
    return "".join(out)


# -- the main window's entries ----------------------------------------------------------------


def add_compare_entries(
    window: MainWindow, file_menu: QMenu, edit_menu: QMenu, before: QAction
) -> None:
    """File › Compare with… and Compare with library sources (placed ``before``), and
    Edit › Redline author…"""
    with_file = QAction(QCoreApplication.translate("CompareView", "Compare &with…"), window)
    with_file.setObjectName("compareWithAction")
    with_file.triggered.connect(lambda: compare_with_dialog(window))
    sources = QAction(
        QCoreApplication.translate("CompareView", "Compare with library &sources"), window
    )
    sources.setObjectName("compareSourcesAction")
    sources.triggered.connect(lambda: compare_with_sources(window))
    file_menu.insertActions(before, [with_file, sources])
    file_menu.insertSeparator(before)
    edit_menu.addSeparator()
    author = edit_menu.addAction(QCoreApplication.translate("CompareView", "Redline &author…"))
    author.setObjectName("redlineAuthorAction")
    author.triggered.connect(lambda: ask_redline_author(window))


def _current(window: MainWindow):
    document = window.tabs.current_document()
    if document is None:
        window.statusBar().showMessage(
            QCoreApplication.translate("CompareView", "Open a draft to compare it."), 5000
        )
    return document


def own_files(document) -> list[Path]:
    return [p for p in (document.path, document.origin) if p is not None]


def compare_with_dialog(window: MainWindow) -> CompareView | None:
    """Ask for the other version's file, then compare."""
    if _current(window) is None:
        return None
    name, _ = QFileDialog.getOpenFileName(
        window, QCoreApplication.translate("CompareView", "Compare with"), window._last_folder(),
        QCoreApplication.translate("CompareView", "Contracts (*.contract *.docx *.txt *.md)"),
    )  # fmt: skip
    return compare_with_file(window, Path(name)) if name else None


def compare_with_file(window: MainWindow, path: Path) -> CompareView | None:
    """The open draft (older) against the file at ``path`` (the later version)."""
    from app.cli import draft_of_file

    document = _current(window)
    if document is None:
        return None
    notes: list = []
    try:
        other = draft_of_file(path, notes.append)
    except ClauseDbError as exc:
        QMessageBox.warning(
            window, QCoreApplication.translate("CompareView", "Cannot compare"), error_text(exc)
        )
        return None
    return _open(window, copy.deepcopy(document.draft), other, document.title, path.name,
                 own_files(document))  # fmt: skip


def compare_with_sources(window: MainWindow) -> CompareView | None:
    """Each article of the open draft against the article it was taken from."""
    from app.model.source_compare import as_taken, taken_from_sources

    document = _current(window)
    if document is None:
        return None
    if not taken_from_sources(document.draft):
        text = QCoreApplication.translate(
            "CompareView", "No article of this draft was taken from the library or a file."
        )
        QMessageBox.information(
            window, QCoreApplication.translate("CompareView", "Compare with library sources"), text
        )
        return None
    draft = copy.deepcopy(document.draft)
    sources = QCoreApplication.translate("CompareView", "Library sources")
    old = as_taken(draft, window.library)
    return _open(window, old, draft, sources, document.title, own_files(document))


def _open(window: MainWindow, old: Draft, new: Draft, old_name: str, new_name: str,
          keep: list[Path]) -> CompareView:  # fmt: skip
    view = CompareView(old, new, old_name, new_name, window, keep)
    view.show()
    return view
