"""The inspector's Terms tab in the real main window: the terms listed, a use chosen selects
its characters in the centre, Rename… renames every use in one step that Ctrl+Z undoes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton, QTreeWidget, QWidget

from app.model.doc_blocks import blocks
from app.model.editing import Pos


def open_terms(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    inspector = window.inspector
    tab = inspector.findChild(QWidget, "termsTab")
    inspector.tabs.setCurrentWidget(tab)
    tree = tab.findChild(QTreeWidget, "termsList")
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=3000)
    return document, tab, tree


def term_item(tree: QTreeWidget, term: str):
    return next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == term
    )


def texts(document) -> str:
    return "\n".join(b.text for b in blocks(document.draft))


def test_the_terms_tab_lists_terms_and_a_use_selects_its_characters(
    qtbot, window, draft_path
) -> None:
    document, tab, tree = open_terms(qtbot, window, draft_path)
    names = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert names[:2] == ["甲方", "乙方"] and "保密信息" in names and "不可抗力" in names
    item = term_item(tree, "保密信息")
    assert item.childCount() == 0  # its places are listed when it is opened
    item.setExpanded(True)
    assert int(item.text(1)) == item.childCount() - 1 > 0  # its definition, then its uses
    assert item.child(0).text(0).startswith("Defined in 9.1: 保密信息指")
    use = item.child(2)
    tree.scrollToItem(use)
    rect = tree.visualItemRect(use)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = window.tabs.current_view()
    assert view.textCursor().selectedText() == "保密信息"
    place = use.data(0, Qt.ItemDataRole.UserRole)
    assert view.textCursor().selectionStart() == view.position_of(Pos(place.ref, place.offset))


def test_rename_renames_every_use_and_ctrl_z_restores(
    qtbot, window, draft_path, monkeypatch
) -> None:
    document, tab, tree = open_terms(qtbot, window, draft_path)
    before = texts(document)
    count = before.count("保密信息")
    button = tab.findChild(QPushButton, "renameTermButton")
    assert not button.isEnabled()  # no term chosen yet
    opened = term_item(tree, "保密信息")
    opened.setExpanded(True)
    tree.setCurrentItem(opened.child(1))
    assert button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("机密资料", True))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    after = texts(document)
    assert "保密信息" not in after and after.count("机密资料") == count
    assert document.undo_stack.count() == 1
    assert tab.current_term() == "机密资料"
    view = window.tabs.current_view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert texts(document) == before
    qtbot.waitUntil(lambda: any(
        tree.topLevelItem(i).text(0) == "保密信息" for i in range(tree.topLevelItemCount())
    ), timeout=3000)  # fmt: skip


def test_a_role_chosen_selects_its_first_use(qtbot, window, draft_path) -> None:
    document, tab, tree = open_terms(qtbot, window, draft_path)
    role = term_item(tree, "甲方")
    tree.scrollToItem(role)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(role).center()
    )
    assert window.tabs.current_view().textCursor().selectedText() == "甲方"


def test_a_refused_name_is_said_and_changes_nothing(qtbot, window, draft_path, monkeypatch) -> None:
    document, tab, tree = open_terms(qtbot, window, draft_path)
    tree.setCurrentItem(term_item(tree, "保密信息"))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: said.append(a[2]))
    assert not tab.rename_current("“机密”")
    assert said and ("引号" in said[0] or "quotes" in said[0])
    assert not document.undo_stack.count()


def test_with_no_draft_or_no_terms_the_tab_says_so(qtbot, window, tmp_path) -> None:
    from app.model.files import save_draft
    from app.model.importer import draft_from_document
    from clause_db.segment import parse_text

    inspector = window.inspector
    tab = inspector.findChild(QWidget, "termsTab")
    inspector.tabs.setCurrentWidget(tab)
    tree = tab.findChild(QTreeWidget, "termsList")
    assert tree.topLevelItemCount() == 1 and not tree.topLevelItem(0).flags()
    outline = parse_text("合同\n第一条 付款\n付款期限为三十日。\n")
    path = tmp_path / "无术语.contract"
    save_draft(path, draft_from_document(outline.documents[0], outline.text, "test"))
    window.open_path(path)
    found = "No defined terms found."
    qtbot.waitUntil(lambda: tree.topLevelItemCount() and tree.topLevelItem(0).text(0) == found)
    assert tree.topLevelItemCount() == 1
    assert not tab.findChild(QPushButton, "renameTermButton").isEnabled()
