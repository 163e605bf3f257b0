"""One language at a time: with the UI in Chinese no English UI text shows, and in English
no Chinese, anywhere in the window: widgets, menus, actions, tooltips, tabs, headers, lists,
the status bar, the undo steps' names after real edits, the checks, an edit error, and Qt's
own texts (message box buttons, a text box's context menu, the file dialog).

The contract's own text and the library's content are never translated: every text of the
draft (headings, texts, numbers, field names and values) and of the library (topic names,
source titles) is taken out of a UI text before it is looked at, and so are the contract's
words quoted in a message (删除“保密条款”: the quotes hold the contract's words).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

from app.model import ops
from app.model.draft import Party
from app.model.numbering import STYLE_NAMES
from app.model.view import show
from app.ui import translations
from app.ui.clause_text import source_names
from app.ui.export_dialog import ExportDialog
from app.ui.inspector_fields import VALUE
from app.ui.main_window import WINDOW_TITLE, MainWindow
from clause_db.errors import LibraryError
from clause_db.store import ClauseLibrary
from resources import SEED_FILES

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from PySide6.QtCore import QAbstractItemModel

    from app.model.draft import Draft

HAN = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z]{2,}")
QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"")
PATH_OR_FILE = re.compile(r"\S*[/\\]\S*|\S+\.(?:txt|docx|contract|sqlite)\b", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
SAMPLE = re.compile(r"[（(](.*)[）)]$")
# Texts of one language that belong in the other: names, not UI words.
ALLOWED_IN_ENGLISH = {WINDOW_TITLE, "简体中文"}  # a language is listed under its own name
ALLOWED_IN_CHINESE = {
    "English",  # the Language menu lists each language under its own name
    "Word",  # the product name, as Chinese Word users say it
    "PDF",
    *("doc", "docx", "zip", "gzip", "Excel", "PowerPoint", "PNG", "JPEG", "GIF"),  # formats
    *("Qt", "PySide", "Python"),  # the About box names the software and its versions
    *("Ctrl", "Shift", "Alt", "Del", "Delete", "Ins", "Esc", "PgUp", "PgDown", "Tab"),
    *("Home", "End", "Space", "Backspace", "Enter", "Return"),  # keys in shortcuts
}
CONTENT_VIEWS = ("contractView", "outlineView")  # the draft itself, as the lawyer wrote it
# rows that are the library's own articles: search hits, the variants of an article
LIBRARY_ROWS = ("searchResults", "clauseVariants")


# -- where the texts are --------------------------------------------------------------------


def _inside(widget: QWidget, names: tuple[str, ...]) -> bool:
    while widget is not None:
        if widget.objectName() in names:
            return True
        widget = widget.parentWidget()
    return False


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[str]:
    """Every cell's text and tooltip already loaded (no fetchMore: nothing the lawyer has
    not opened is read)."""
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield value
            if column == 0 and not isinstance(model, QAbstractListModel):
                yield from model_texts(model, index)


def action_texts(action: QAction, where: str) -> Iterator[tuple[str, str]]:
    for text in (action.text(), action.toolTip(), action.statusTip(), action.whatsThis()):
        yield where, text
    menu = action.menu()
    if menu is not None:
        yield f"{where} > {menu.title()}", menu.title()
        for sub in menu.actions():
            yield from action_texts(sub, f"{where} > {action.text()}")


def widget_texts(top: QWidget, skip_cells: bool = False) -> Iterator[tuple[str, str]]:
    """The texts ``top`` and its children show: titles, labels, buttons, tooltips, tabs,
    combo boxes, headers and (unless ``skip_cells``) the rows of lists and tables."""
    for menu in top.findChildren(QMenu):
        menu.aboutToShow.emit()  # menus filled when opened (Open Recent)
    for widget in [top, *top.findChildren(QWidget)]:
        if _inside(widget, CONTENT_VIEWS):
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        yield where, widget.toolTip()
        yield where, widget.statusTip()
        yield where, widget.whatsThis()
        yield where, widget.accessibleName()
        if widget.isWindow() or isinstance(widget, QDockWidget):
            yield where, widget.windowTitle()
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QLineEdit):
            yield where, widget.placeholderText()
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            yield where, widget.placeholderText()
            if widget.isReadOnly():
                yield where, widget.toPlainText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield where, widget.itemText(i)
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield where, widget.tabText(i)
                yield where, widget.tabToolTip(i)
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            for section in range(widget.count()):
                value = widget.model().headerData(section, widget.orientation())
                if isinstance(value, str):
                    yield where, value
        elif (
            isinstance(widget, QAbstractItemView)
            and widget.model()
            and not skip_cells
            and widget.objectName() not in LIBRARY_ROWS
        ):
            for text in model_texts(widget.model()):
                yield where, text
        if isinstance(widget, QMenu):
            for action in widget.actions():
                yield from action_texts(action, where)
    for action in top.findChildren(QAction):
        yield from action_texts(action, f"action {action.objectName()!r}")


# -- what is the contract's or the library's own -------------------------------------------


def shown_article(library: ClauseLibrary):
    """The library article the test opens in the preview: the first of the first topic."""
    return library.articles_in_topic(library.topics()[0].id)[0]


def content_of(draft: Draft, library: ClauseLibrary) -> list[str]:
    """Every text of the draft and of the library's lists, longest first (so a heading is
    taken out whole before a shorter text inside it)."""
    shown = show(draft)
    texts = [shown["title"], shown["preamble"]]
    texts += [v for party in shown["parties"] for v in party.values()]
    texts += [v for f in shown["fields"] for v in (f["name"], f["label"], f["value"]) if v]

    def walk(items):
        for item in items:
            texts.extend((item["label"], item["heading"], item["text"]))
            texts.append(item.get("written_label"))  # as the source numbered it
            walk(item["clauses"])

    for part in shown["parts"]:
        texts.extend((part["title"], part["text"]))
        walk(part["articles"])
    for _, node in draft.nodes():  # as taken from the library: the Clause tab's diff
        if node.provenance is not None:
            texts += [node.provenance.taken_heading, node.provenance.taken_text]
            texts += [node.provenance.source]
    texts += [t.name for t in library.topics()]  # the English UI shows name_en
    article = shown_article(library)
    texts += [article.label, article.heading, article.text, article.part_title]
    for clause in library.clauses_of(article.id):
        texts += [clause.label, f"{clause.heading}：{clause.text}", clause.heading, clause.text]
    texts += [s.title for s in library.sources_list()]
    texts += [s.name for s in library.sources_list()]
    texts += source_names(library).values()  # as the window names them: a title and #2
    # the numbering styles' samples show how the contract's numbers look: 第一条, Article 1
    texts += [SAMPLE.search(name).group(1) for names in STYLE_NAMES.values() for name in names]
    return sorted({t for t in texts if t and t.strip()}, key=len, reverse=True)


def ui_words(text: str, content: list[str]) -> str:
    """``text`` without the contract's and library's words, file names and mnemonics."""
    text = html.unescape(TAG.sub(" ", text)).replace("&&", "").replace("&", "")
    for piece in (*content, WINDOW_TITLE):  # the product's name: bilingual on purpose
        if piece in text:
            text = text.replace(piece, " ")
    text = QUOTED.sub(" ", text)
    return PATH_OR_FILE.sub(" ", text)


def other_language(texts, content: list[str], chinese: bool) -> list[str]:
    found = set()
    for where, text in texts:
        if not text or text in (ALLOWED_IN_ENGLISH if not chinese else ALLOWED_IN_CHINESE):
            continue
        rest = ui_words(text, content)
        if chinese:
            leak = [w for w in WORD.findall(rest) if w not in ALLOWED_IN_CHINESE]
        else:
            leak = HAN.findall(rest)
        if leak:
            found.add(f"{where}: {text!r}")
    return sorted(found)


# -- the window in each language ------------------------------------------------------------


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qtbot, library_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The language chosen in View > Language of a first window, then the app started again
    as ``launch`` starts it (the choice applies from the next start)."""
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    first = MainWindow(library_path)
    qtbot.addWidget(first)
    (choice,) = [a for a in first.language_group.actions() if a.data() == request.param]
    choice.trigger()
    assert told  # the lawyer is told when it applies
    first.close()
    app = QApplication.instance()
    assert translations.install_translators(app) == request.param
    yield request.param
    translations.remove_translators(app)


def a_few_edits(qtbot, window: MainWindow) -> str:
    """Real edits through the window's ways in: the Edit and View menus, the inspector's
    Fields table (what its delegate does on commit), and the model's entry point."""
    document = window.tabs.current_document()
    draft = document.draft
    window.insert_article_action.trigger()
    for action in window.numbering_group.actions():
        if action.data() != draft.numbering:
            action.trigger()
            break
    inspector = window.inspector
    table = inspector.findChild(QTableView, "fieldsTable")
    assert table.model().setData(table.model().index(0, VALUE), "三十日")
    first, second = draft.parts[0].articles[:2]
    document.push(ops.move_node(draft, second.id, draft.parts[0].id, 0))
    document.push(ops.delete_node(draft, first.id))
    # every other kind of step once, through the entry point the views use
    keep, drop = list(draft.fields)[:2]
    for build in (
        lambda: ops.set_title(draft, "服务协议"),
        lambda: ops.set_parties(draft, [Party("甲方", "某某科技有限公司", "")]),
        lambda: ops.set_heading(draft, second.id, "服务内容"),
        lambda: ops.set_text(draft, second.id, "乙方应当按时提供服务。"),
        lambda: ops.split_node(draft, second.id, 4),
        lambda: ops.merge_with_next(draft, second.id),
        lambda: ops.insert_empty(draft, second.id, 0),
        lambda: ops.insert_part(draft, len(draft.parts)),
        lambda: ops.rename_field(draft, keep, "约定期限"),
        lambda: ops.link_fields(draft, keep, drop),
    ):
        document.push(build())
    # an edit the model refuses: said in the status bar, in the UI's language
    window._push(lambda d: ops.move_node(d, second.id, second.id, 0))
    refused = window.statusBar().currentMessage()
    assert refused
    qtbot.waitUntil(lambda: bool(inspector.checks.checks))
    inspector.set_current_node(second.id)  # the Clause tab: where it came from, variants
    return refused


def qt_own_texts(window: MainWindow) -> Iterator[tuple[str, str]]:
    """Texts Qt writes itself: message box buttons, a text box's context menu, the file
    dialog (Qt's own, not the platform's, so it can be read)."""
    box = QMessageBox(window)
    buttons = QMessageBox.StandardButton
    for button in (buttons.Save, buttons.Discard, buttons.Cancel, buttons.Yes, buttons.No,
                   buttons.Ok, buttons.Close, buttons.Open, buttons.Apply):  # fmt: skip
        box.addButton(button)
    yield from widget_texts(box)
    menu = window.findChild(QLineEdit, "librarySearch").createStandardContextMenu()
    yield from widget_texts(menu)
    dialog = QFileDialog(window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    yield from widget_texts(dialog, skip_cells=True)  # its rows are the user's files
    asking = QInputDialog(window)
    asking.setOption(QInputDialog.InputDialogOption.NoButtons, False)
    yield from widget_texts(asking)
    progress = QProgressDialog(window)
    yield from widget_texts(progress)
    for widget in (box, menu, dialog, asking, progress):
        widget.deleteLater()


def test_the_window_shows_only_the_chosen_language(qtbot, library_path: Path, language) -> None:
    chinese = language == "zh_CN"
    assert translations.current_language_is_chinese() == chinese
    window = MainWindow(library_path)
    qtbot.addWidget(window)
    window.ask_save = lambda document: QMessageBox.StandardButton.Discard  # no modal dialogs
    window.show()
    qtbot.waitExposed(window)
    document = window.open_path(SEED_FILES[0], 3)
    assert document is not None
    refused = a_few_edits(qtbot, window)
    window.preview.show_ref(("article", shown_article(window.library).id))  # its topic, why
    window.library_panel.search_box.setText("保密")
    window.library_panel.run_search()  # the hits, and their count in the status bar
    stack = document.undo_stack
    assert stack.count() >= 15
    steps = [("undo step", stack.text(i)) for i in range(stack.count())]
    texts = [
        ("window", window.windowTitle()),
        ("status bar", window.statusBar().currentMessage()),
        ("edit refused", refused),
        ("about", window.about_text()),
        *steps,
        *widget_texts(window),
        *widget_texts(ExportDialog(window)),
        *qt_own_texts(window),
    ]
    assert len({t for _, t in texts if t}) > 150  # the walk reaches the whole window
    content = content_of(document.draft, window.library)
    leaks = other_language(texts, content, chinese)
    assert leaks == [], "\n".join(leaks)
    # the test sees a leak where there is one: the other language's texts are caught
    other = not chinese
    leaked = [("check", c.message.zh if other else c.message.en) for c in
              window.inspector.checks.checks]  # fmt: skip
    leaked += [("undo step", document.undo_stack.command(0).command.name.text(other))]
    assert len(other_language(leaked, content, chinese)) == len(leaked)
    window.close()


@pytest.mark.parametrize(
    "name", ["gone.contract", "a folder.contract", "scan.txt", "empty.txt", "old.docx"]
)
def test_a_file_that_cannot_be_opened_is_told_in_the_ui_language(
    qtbot, library_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language, name
) -> None:
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _, title, text: told.append((title, text)))
    window = MainWindow(library_path)
    qtbot.addWidget(window)
    if "folder" in name:
        (tmp_path / name).mkdir()
    elif name.endswith(".txt"):  # a PDF saved as .txt; an empty file
        (tmp_path / name).write_bytes(b"%PDF-1.7\n" if name == "scan.txt" else b"")
    elif name == "old.docx":  # a Word 97-2003 file renamed
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert window.open_path(tmp_path / name) is None
    ((title, text),) = told
    assert str(tmp_path / name) in text  # which file, whatever the language
    chinese = language == "zh_CN"
    assert other_language([("title", title), ("message", text)], [], chinese) == []
    assert HAN.search(text) if chinese else WORD.search(ui_words(text, []))


def test_the_english_ui_says_in_english_why_a_library_article_has_its_topic(
    qtbot, library_path: Path
) -> None:
    """The library stores why in Chinese (the rule that matched, or a person's choice)."""
    window = MainWindow(library_path)
    qtbot.addWidget(window)
    article = shown_article(window.library)
    window.preview.show_ref(("article", article.id))
    assert "Why: the heading “" in window.preview.toPlainText()
    other = next(t for t in window.library.topics() if t.id != article.topic_id)
    window.library.set_article_topic(article.id, other.id)
    window.preview.show_ref(("article", article.id))
    shown = window.preview.toPlainText()
    assert f"Topic: {other.name_en}\nWhy: moved to “{other.name_en}” by hand" in shown
    window.close()


def test_what_reading_a_file_lost_is_told_in_the_ui_language(
    qtbot, library_path: Path, tmp_path: Path, language
) -> None:
    """Undecodable bytes, when opening the file and when importing it into the library."""
    path = tmp_path / "damaged.txt"
    path.write_bytes(
        "第一条 标的\n甲方向".encode("gbk") + b"\xff\xff" + "乙方采购。\n".encode("gbk")
    )
    window = MainWindow(library_path)
    qtbot.addWidget(window)
    chinese = language == "zh_CN"
    expected = "个无法解码的字节已替换为 U+FFFD" if chinese else "undecodable bytes replaced"
    for read in (window.open_path, window.import_file_into_library):
        assert read(path)
        told = window.statusBar().currentMessage()
        assert expected in told
        assert other_language([("status bar", told)], ["U+FFFD"], chinese) == []
    window.close()


def test_a_library_that_cannot_be_opened_is_told_in_the_ui_language(
    tmp_path: Path, language
) -> None:
    """The library's own errors (a folder given as the library, here) carry both languages;
    the command line's English is unchanged."""
    folder = tmp_path / "library.sqlite"
    folder.mkdir()
    with pytest.raises(LibraryError) as caught:
        ClauseLibrary(folder)
    assert str(caught.value) == f"“{folder}” is a folder, not a clause library file."
    told = translations.error_text(caught.value)
    chinese = language == "zh_CN"
    assert told == (f"“{folder}”是文件夹，不是条款库文件。" if chinese else str(caught.value))
