"""The main window on a real seeded library, offscreen: browse, search, preview, drag, close."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDropEvent,
    QInputMethodEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QWidget,
)

from app import __version__
from app.ui import launch as launch_module
from app.ui.item_refs import MIME_CLAUSE_IDS, ItemRefRole, refs_from_mime
from app.ui.main_window import WINDOW_TITLE, MainWindow
from app.ui.settings import app_settings

if TYPE_CHECKING:
    from app.ui.library_model import LibraryTreeModel

COUNTED = re.compile(r".+ \(\d+\)$")


@pytest.fixture
def window(qtbot, library_path: Path) -> MainWindow:
    w = MainWindow(library_path)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def tree_of(w: MainWindow) -> tuple[QTreeView, LibraryTreeModel]:
    tree = w.findChild(QTreeView, "libraryTree")
    return tree, tree.model()


def topic_row(model: LibraryTreeModel, name: str) -> QModelIndex:
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data().startswith(f"{name} ("):
            return index
    raise AssertionError(f"no topic {name}")


def test_window_has_its_named_parts(qtbot, window: MainWindow) -> None:
    assert window.windowTitle() == WINDOW_TITLE
    assert isinstance(window.findChild(QDockWidget, "libraryDock"), QDockWidget)
    search = window.findChild(QLineEdit, "librarySearch")
    assert "Search clauses" in search.placeholderText()
    assert window.findChild(QTreeView, "libraryTree").isVisible()
    assert isinstance(window.findChild(QTextBrowser, "clausePreview"), QTextBrowser)
    # the hit list is built once the window is up (warming the search), and stays hidden
    qtbot.waitUntil(lambda: window.findChild(QListView, "searchResults") is not None)
    assert not window.findChild(QListView, "searchResults").isVisible()
    modes = window.findChild(QComboBox, "libraryMode")
    labels = [modes.itemText(i) for i in range(modes.count())]
    assert labels == ["By topic", "By source"]
    stats = window.library.stats()
    assert f"{stats['articles']} " in window._stats.text()


def test_topic_tree_counts_and_fetches_articles_lazily(window: MainWindow) -> None:
    tree, model = tree_of(window)
    topics = window.library.topics()
    assert model.rowCount() == len(topics) > 5
    assert all(COUNTED.match(model.index(r, 0).data()) for r in range(model.rowCount()))
    secrecy = topic_row(model, "Confidentiality")  # the English UI
    assert secrecy.data(ItemRefRole)[0] == "topic"
    count = int(secrecy.data().rsplit("(", 1)[1].rstrip(")"))
    assert model.hasChildren(secrecy) and model.canFetchMore(secrecy)
    assert model.rowCount(secrecy) == 0, "articles are not read before the topic is opened"
    tree.expand(secrecy)  # the view asks the model to fetch
    assert model.rowCount(secrecy) == count and not model.canFetchMore(secrecy)
    article = model.index(0, 0, secrecy)
    kind, article_id = article.data(ItemRefRole)
    assert kind == "article" and " — 2024年度电商客服外包服务协议 #" in article.data()
    assert model.parent(article) == secrecy
    assert model.rowCount(article) == 0 and model.canFetchMore(article)
    model.fetchMore(article)
    clauses = window.library.clauses_of(article_id)
    assert model.rowCount(article) == len(clauses) > 0
    first = model.index(0, 0, article)
    assert first.data(ItemRefRole) == ("clause", clauses[0].id)
    assert first.data().startswith(clauses[0].label)


def test_source_mode_shows_six_contracts_with_their_parts(qtbot, window: MainWindow) -> None:
    tree, model = tree_of(window)
    modes = window.findChild(QComboBox, "libraryMode")
    modes.setCurrentIndex(modes.findData("source"))
    assert model.mode() == "source"
    assert model.rowCount() == 6
    names = [model.index(r, 0).data() for r in range(6)]
    assert all(COUNTED.match(n) for n in names) and len(set(names)) == 6
    first = model.index(0, 0)
    assert first.data(ItemRefRole) == ("source", window.library.sources_list()[0].id)
    tree.expand(first)  # after a reset the view lays out, and so fetches, on its next paint
    qtbot.waitUntil(lambda: model.rowCount(first) > 0, timeout=2000)
    parts = [model.index(r, 0, first).data() for r in range(model.rowCount(first))]
    assert parts[0].startswith("第一部分") and len(parts) > 1
    part = model.index(0, 0, first)
    assert model.index(0, 0, part).data().startswith("第一条")
    window.library_panel.set_mode("topic")
    assert modes.currentData() == "topic" and model.rowCount() == len(window.library.topics())


def type_like_an_ime(widget: QLineEdit, text: str) -> None:
    """Chinese arrives from an input method as committed strings, not as key presses."""
    widget.setFocus()
    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("query", ["费", "保密"])
def test_search_as_you_type_shows_highlighted_hits(qtbot, window: MainWindow, query: str) -> None:
    search = window.findChild(QLineEdit, "librarySearch")
    tree = window.findChild(QTreeView, "libraryTree")
    type_like_an_ime(search, query)
    assert search.text() == query
    assert tree.isVisible(), "the search waits for the typist to pause"

    def hits_shown() -> bool:
        results = window.findChild(QListView, "searchResults")
        return results is not None and results.isVisible() and results.model().rowCount() > 0

    qtbot.waitUntil(hits_shown, timeout=2000)
    results = window.findChild(QListView, "searchResults")
    hits = [results.model().index(r, 0) for r in range(results.model().rowCount())]
    assert all(query in h.data() for h in hits[:10])
    assert query in window.statusBar().currentMessage()
    first = hits[0]
    results.setCurrentIndex(first)
    kind, _ = first.data(ItemRefRole)
    assert kind in {"article", "clause"}
    snippet_text = first.data().split("\n", 1)[1].rstrip("…")
    assert snippet_text in window.preview.toPlainText().replace("\n", "")
    search.clear()
    qtbot.waitUntil(tree.isVisible, timeout=2000)
    assert results.model().rowCount() == 0 and window.statusBar().currentMessage() == ""


def test_hit_snippet_marks_become_highlighted_rich_text() -> None:
    from app.ui.search_results import snippet_html, strip_marks

    marked = "乙方应对⟦保密⟧信息<保密>"
    assert strip_marks(marked) == "乙方应对保密信息<保密>"
    html = snippet_html(marked)
    assert "<span style=" in html and ">保密</span>" in html and "&lt;保密&gt;" in html


def test_selecting_an_article_previews_its_full_text(window: MainWindow) -> None:
    tree, model = tree_of(window)
    secrecy = topic_row(model, "Confidentiality")  # the English UI
    tree.expand(secrecy)
    article = model.index(0, 0, secrecy)
    tree.setCurrentIndex(article)
    _, article_id = article.data(ItemRefRole)
    row = window.library.article(article_id)
    shown = window.preview.toPlainText()
    assert f"{row.label} {row.heading}" in shown
    for clause in window.library.clauses_of(article_id):
        assert clause.text in shown
    assert "2024年度电商客服外包服务协议 #" in shown
    assert window.library.topic_explanation(article_id).startswith(f"标题“{row.heading}”")
    assert f"Why: the heading “{row.heading}” contains “保密” → Confidentiality" in shown

    tree.expand(article)
    clause = model.index(0, 0, article)
    tree.setCurrentIndex(clause)
    assert f"{row.label} {row.heading}" in window.preview.toPlainText()  # where it comes from


def test_article_drag_carries_ids_and_plain_text(window: MainWindow) -> None:
    tree, model = tree_of(window)
    assert tree.dragEnabled()
    assert tree.dragDropMode() == QTreeView.DragDropMode.DragOnly
    secrecy = topic_row(model, "Confidentiality")  # the English UI
    assert not model.flags(secrecy) & Qt.ItemFlag.ItemIsDragEnabled
    model.fetchMore(secrecy)
    article = model.index(0, 0, secrecy)
    assert model.flags(article) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.mimeTypes() == [MIME_CLAUSE_IDS, "text/plain"]
    _, article_id = article.data(ItemRefRole)
    mime = model.mimeData([article, secrecy])  # the topic is not draggable: left out
    payload = json.loads(bytes(mime.data(MIME_CLAUSE_IDS).data()).decode("utf-8"))
    assert payload == [{"kind": "article", "id": article_id}]
    assert refs_from_mime(mime) == [("article", article_id)]
    row = window.library.article(article_id)
    text = mime.text()
    assert text.startswith(f"{row.label} {row.heading}\n")
    clauses = window.library.clauses_of(article_id)
    assert f"{clauses[0].label} {clauses[0].heading}：{clauses[0].text}" in text


def test_the_welcome_page_shows_while_no_draft_is_open(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    welcome = window.findChild(QWidget, "welcomePage")
    tabs = window.findChild(QTabWidget, "contractTabs")
    assert welcome.isVisible() and not tabs.isVisible()
    texts = [b.text() for b in welcome.findChildren(QToolButton)]
    assert texts == ["New", "New from library source", "Open"]  # as on a toolbar
    assert not welcome.findChild(QLabel, "welcomeRecent").isVisible()  # nothing opened yet

    window.findChild(QAction, "newAction").trigger()
    assert tabs.isVisible() and not welcome.isVisible()
    document = window.tabs.current_document()
    path = tmp_path / "服务协议 <草稿> & 1.contract"
    assert window._save(document, path)
    window.close_tab(0)
    assert welcome.isVisible()
    recent = welcome.findChild(QLabel, "welcomeRecent")
    assert recent.isVisible() and "服务协议 &lt;草稿&gt; &amp; 1.contract" in recent.text()

    recent.linkActivated.emit(str(path))  # what a click on the link sends
    assert tabs.isVisible() and window.tabs.current_document().path == path

    window.close_tab(0)
    path.unlink()  # moved away since: a click says so, and the link goes
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    recent.linkActivated.emit(str(path))
    assert shown and "does not exist" in shown[0]
    assert not recent.isVisible() and welcome.isVisible()


def test_a_library_article_dropped_on_the_welcome_page_starts_a_draft(window) -> None:
    window.ask_save = lambda document: QMessageBox.StandardButton.Discard  # no modal dialogs
    welcome = window.findChild(QWidget, "welcomePage")
    _, model = tree_of(window)
    secrecy = topic_row(model, "Confidentiality")  # the English UI
    model.fetchMore(secrecy)
    article = model.index(0, 0, secrecy)
    mime = model.mimeData([article])
    pos = welcome.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(welcome, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(welcome, QDropEvent(pos, Qt.DropAction.CopyAction, mime, buttons, keys))

    document = window.tabs.current_document()
    assert document is not None and window.tabs.isVisible()
    [part] = document.draft.parts
    [inserted] = part.articles
    row = window.library.article(article.data(ItemRefRole)[1])
    assert inserted.heading == row.heading
    assert document.undo_stack.canUndo()

    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile("/tmp/x.txt")])
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, files, buttons, keys)
    QApplication.sendEvent(welcome, enter)
    assert enter.isAccepted()  # by the window, the page passing it on: the window asks


def test_closing_saves_layout_and_closes_library(
    qtbot, library_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    w = MainWindow(library_path)
    qtbot.addWidget(w)
    w.show()
    w.library_panel.set_mode("source")
    assert w.close()
    with pytest.raises(sqlite3.ProgrammingError):
        w.library.db.execute("SELECT 1")
    settings = app_settings()
    assert Path(settings.fileName()).is_relative_to(tmp_path_factory.getbasetemp())
    state = settings.value("mainWindow/state")
    assert isinstance(state, QByteArray) and not state.isEmpty()
    assert settings.value("library/mode") == "source"

    again = MainWindow(library_path)
    qtbot.addWidget(again)
    assert again.library_panel.mode() == "source"
    assert tree_of(again)[1].rowCount() == 6


def test_menus_quit_and_about(qtbot, window: MainWindow) -> None:
    quit_action = window.findChild(QAction, "quitAction")
    assert quit_action.shortcut() == QKeySequence("Ctrl+Q")
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.close()

    QTimer.singleShot(0, read_and_close)
    window.findChild(QAction, "aboutAction").trigger()
    assert seen and __version__ in seen[0] and str(window.library.path) in seen[0]
    quit_action.trigger()
    assert not window.isVisible()


def test_launch_reports_a_bad_library_in_a_box(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    assert launch_module.launch(str(tmp_path), []) == launch_module.EXIT_USER_ERROR
    assert shown and "folder" in shown[0]


def test_launch_opens_the_window_and_runs_until_it_closes(qtbot, library_path: Path) -> None:
    app = QApplication.instance()
    opened: list[MainWindow] = []

    def close_window() -> None:
        windows = app.topLevelWidgets()
        opened.extend(w for w in windows if isinstance(w, MainWindow) and w.isVisible())
        for w in opened:
            w.close()

    QTimer.singleShot(100, close_window)
    QTimer.singleShot(5000, app.quit)  # never hang the suite
    assert launch_module.launch(str(library_path), ["--db", str(library_path)]) == 0
    assert len(opened) == 1 and opened[0].library.path == library_path
    assert app.applicationDisplayName() == WINDOW_TITLE


def test_work_deferred_to_the_first_paint_runs_once_after_it(qtbot, library_path: Path) -> None:
    w = MainWindow(library_path)
    qtbot.addWidget(w)
    ran: list[str] = []
    w.after_first_paint(lambda: ran.append("first"))
    qtbot.wait(50)
    assert ran == [] and w._inspector is None, "nothing deferred runs before the window paints"
    w.show()
    qtbot.waitUntil(lambda: ran == ["first"])
    assert w.findChild(QWidget, "inspector") is not None  # built once the window is up
    w.after_first_paint(lambda: ran.append("later"))  # after the paint: runs at once
    qtbot.waitUntil(lambda: ran == ["first", "later"])
    w.update()
    qtbot.wait(50)
    assert ran == ["first", "later"]


def test_deferred_work_runs_even_if_the_window_is_never_painted(qtbot, library_path) -> None:
    w = MainWindow(library_path)  # e.g. started minimized
    qtbot.addWidget(w)
    ran: list[bool] = []
    w.after_first_paint(lambda: ran.append(True))
    qtbot.waitUntil(lambda: ran == [True], timeout=3000)


def test_launch_opens_the_files_it_is_given_once_the_window_is_up(
    qtbot, library_path: Path, tmp_path: Path
) -> None:
    contract = tmp_path / "服务协议.txt"
    contract.write_text(
        "第一条 服务内容\n乙方提供客服服务。\n第二条 费用\n甲方支付【服务费用】。\n"
    )
    app = QApplication.instance()
    seen: list[list[str]] = []

    def check_and_close() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or not windows[0].tabs.count():
            QTimer.singleShot(50, check_and_close)
            return
        window = windows[0]
        seen.append([window.tabs.tabText(i) for i in range(window.tabs.count())])
        seen.append([d.draft.title for d in window.tabs.documents()])
        for document in window.tabs.documents():
            document.undo_stack.setClean()  # nothing to ask about on close
        window.close()

    QTimer.singleShot(0, check_and_close)
    QTimer.singleShot(5000, app.quit)  # never hang the suite
    assert launch_module.launch(str(library_path), [], [str(contract)]) == 0
    assert seen and seen[0][0].startswith("服务协议")  # no title line: named after its file
    assert seen[1] == [""]  # the tab's name only: an export gets no made-up title


def test_search_hits_arrive_a_page_at_a_time(window: MainWindow) -> None:
    panel = window.library_panel
    panel.search_box.setText("的")
    panel.run_search()
    model = panel.hits_model
    assert model.hit_count() > model.rowCount() > 0  # the first page only
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.hit_count()
