"""The find bar on the real MainWindow, driven by keys: Ctrl+F opens it over the draft, the
count follows the query, Enter / Shift+Enter move through the hits, Replace All in a
selection is one undo step that Ctrl+Z takes back, Esc closes; the library search moved to
Ctrl+Shift+F."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton

from app.model import find, ops
from app.model.doc_blocks import BlockRef
from app.model.editing import Pos
from app.model.fileformat import dumps
from app.model.files import save_draft
from app.model.find import find_all
from app.model.importer import draft_from_document
from clause_db.reader import read_outline
from resources import SEED_FILES
from tests.conftest import make_window
from tests.document_helpers import CTRL, SHIFT, expected_text, type_text

if TYPE_CHECKING:
    from pathlib import Path

    from app.ui.document_view import DocumentView
    from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, library_path: Path, tmp_path: Path) -> MainWindow:
    w = make_window(qtbot, library_path)
    outline = read_outline(SEED_FILES[0])
    path = tmp_path / "协议.contract"
    save_draft(path, draft_from_document(outline.documents[0], outline.text, "seed"))
    w.open_path(path)
    return w


def view_of(window: MainWindow) -> DocumentView:
    view = window.tabs.current_view()
    view.setFocus()
    return view


def bar_widgets(window: MainWindow):
    bar = window.findChild(object, "findBar")
    return (
        bar,
        bar.findChild(QLineEdit, "findEdit"),
        bar.findChild(QLineEdit, "replaceEdit"),
        bar.findChild(QLabel, "findCount"),
    )


def open_with_query(qtbot, window: MainWindow, query: str):
    view = view_of(window)
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    bar, find_edit, replace_edit, count = bar_widgets(window)
    assert bar.isVisible() and find_edit.hasFocus()
    type_text(find_edit, query)
    return view, bar, find_edit, replace_edit, count


def selected_pos(view: DocumentView) -> tuple[Pos, int]:
    cursor = view.textCursor()
    start = view.pos_at(cursor.selectionStart())
    return start, view.pos_at(cursor.selectionEnd()).offset - start.offset


def covered(view: DocumentView, bar) -> bool:
    """Whether the bar lies over the selected hit."""
    hit = view.cursorRect(view.textCursor())
    hit.moveTopLeft(view.viewport().mapTo(bar.parentWidget(), hit.topLeft()))
    return hit.intersects(bar.geometry())


def test_the_bar_never_hides_the_hit_it_selects(qtbot, window):
    view, bar, find_edit, _, count = open_with_query(qtbot, window, "方")
    total = len(find_all(view.draft, "方"))
    for i in range(total):  # the whole contract, top to bottom
        assert count.text() == f"{i + 1} / {total}"
        assert not covered(view, bar), f"hit {i + 1} is under the bar"
        qtbot.keyClick(find_edit, Qt.Key.Key_Return)


def test_ctrl_f_finds_in_the_draft_counts_and_enter_moves_through_the_hits(qtbot, window):
    view, bar, find_edit, _, count = open_with_query(qtbot, window, "甲方")
    hits = find_all(view.draft, "甲方")
    assert len(hits) > 3
    assert count.text() == f"1 / {len(hits)}"
    assert selected_pos(view) == (hits[0].pos, 2)  # the first hit is selected
    assert len(view.extraSelections()) == len(hits)  # all of them highlighted
    qtbot.keyClick(find_edit, Qt.Key.Key_Return)
    assert count.text() == f"2 / {len(hits)}"
    assert selected_pos(view) == (hits[1].pos, 2)
    qtbot.keyClick(find_edit, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClick(find_edit, Qt.Key.Key_Return, SHIFT)  # wraps round to the last
    assert count.text() == f"{len(hits)} / {len(hits)}"
    assert selected_pos(view) == (hits[-1].pos, 2)
    qtbot.keyClick(find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.extraSelections() == []
    assert view.hasFocus()


def test_a_one_character_query_and_an_invalid_expression_say_what_they_find(qtbot, window):
    view, bar, find_edit, _, count = open_with_query(qtbot, window, "乙")
    assert count.text() == f"1 / {len(find_all(view.draft, '乙'))}"
    bar.findChild(QCheckBox, "regexCheck").setChecked(True)
    find_edit.setText("")
    type_text(find_edit, "(甲")
    assert count.text() == "Invalid regular expression"
    assert view.extraSelections() == []
    find_edit.setText("")
    type_text(find_edit, "没有这个词")
    assert count.text() == "No results"
    find_edit.setText("")
    type_text(find_edit, "(甲)方")
    before = dumps(view.draft)
    type_text(bar.findChild(QLineEdit, "replaceEdit"), "\\2")  # a group the pattern lacks
    qtbot.mouseClick(bar.findChild(QPushButton, "replaceAllButton"), Qt.MouseButton.LeftButton)
    assert count.text() == "Invalid replacement"
    assert dumps(view.draft) == before


def test_replace_all_in_the_selection_is_one_undo_step(qtbot, window):
    view = view_of(window)
    document = window.tabs.current_document()
    before = dumps(document.draft)
    hits = find_all(view.draft, "甲方")
    first, last = hits[1], hits[4]
    cursor = view.textCursor()  # select from the second hit to the end of the fifth
    cursor.setPosition(view.position_of(first.pos))
    end = Pos(last.pos.ref, last.pos.offset + 2)
    cursor.setPosition(view.position_of(end), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    steps = document.undo_stack.count()

    qtbot.keyClick(view, Qt.Key.Key_H, CTRL)
    bar, find_edit, replace_edit, count = bar_widgets(window)
    assert replace_edit.hasFocus()
    assert bar.findChild(QCheckBox, "inSelectionCheck").isChecked()  # a long selection
    type_text(find_edit, "甲方")
    type_text(replace_edit, "委托方")
    assert count.text().endswith(" / 4")
    qtbot.mouseClick(bar.findChild(QPushButton, "replaceAllButton"), Qt.MouseButton.LeftButton)

    assert count.text() == "4 replaced"
    assert document.undo_stack.count() == steps + 1
    left = find_all(view.draft, "甲方")
    assert left[0] == hits[0] and len(left) == len(hits) - 4
    assert len(find_all(view.draft, "委托方")) == 4
    assert view.visible_text() == expected_text(view.draft)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert dumps(document.draft) == before
    assert view.visible_text() == expected_text(view.draft)


def test_replace_replaces_the_selected_hit_and_goes_to_the_next(qtbot, window):
    view, bar, find_edit, replace_edit, count = open_with_query(qtbot, window, "甲方")
    total = len(find_all(view.draft, "甲方"))
    replace_edit.setFocus()
    type_text(replace_edit, "委托方")
    qtbot.keyClick(replace_edit, Qt.Key.Key_Return)  # Enter in the replace box: Replace
    assert len(find_all(view.draft, "甲方")) == total - 1
    assert count.text() == f"1 / {total - 1}"
    assert view.textCursor().selectedText() == "甲方"  # the next hit, ready to replace


def test_ctrl_shift_f_still_searches_the_library(qtbot, window):
    view_of(window)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)
    assert window.findChild(QLineEdit, "librarySearch").hasFocus()
    assert not window.findChild(object, "findBar").isVisible()


def test_the_title_and_field_values_are_searched_too(qtbot, window):
    view = view_of(window)
    title = BlockRef("title", 0)
    view.go_to(Pos(title, 0))
    type_text(view, "保密")
    _, bar, find_edit, _, count = open_with_query(qtbot, window, "保密")
    assert find_all(view.draft, "保密")[0].pos == Pos(title, 0)
    view.go_to(Pos(title, 0))
    qtbot.keyClick(find_edit, Qt.Key.Key_Return)
    assert selected_pos(view) == (Pos(title, 0), 2)
    assert not covered(view, bar)
    plain = int(count.text().split(" / ")[1])
    field = next(iter(view.draft.fields))
    window.tabs.current_document().push(ops.set_field_value(view.draft, field, "保密费"))
    bar.findChild(QCheckBox, "fieldValuesCheck").setChecked(True)
    assert int(count.text().split(" / ")[1]) > plain
    type_text(bar.findChild(QLineEdit, "replaceEdit"), "机密")
    qtbot.mouseClick(bar.findChild(QPushButton, "replaceAllButton"), Qt.MouseButton.LeftButton)
    assert view.draft.fields[field].value == "机密费"
    assert view.visible_text() == expected_text(view.draft)  # the chips show the new value


def test_the_bar_follows_edits_undo_and_the_current_tab(qtbot, window, tmp_path):
    view, bar, find_edit, _, count = open_with_query(qtbot, window, "甲方")
    total = len(find_all(view.draft, "甲方"))
    view.setFocus()
    view.go_to(Pos(BlockRef("title", 0), 0))
    type_text(view, "甲方")  # typing in the draft while the bar is open
    qtbot.waitUntil(lambda: count.text() == f"0 / {total + 1}")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: count.text() == f"0 / {total}")

    outline = read_outline(SEED_FILES[0])
    other = tmp_path / "另一份.contract"
    save_draft(other, draft_from_document(outline.documents[1], outline.text, "seed"))
    window.open_path(other)
    second = window.tabs.current_view()
    assert bar.isVisible()
    assert count.text() == f"0 / {len(find_all(second.draft, '甲方'))}"
    assert view.extraSelections() == []  # the other draft's highlights are gone
    window.close_tab(window.tabs.currentIndex())
    assert window.tabs.current_view() is view and bar.isVisible()
    assert count.text() == f"0 / {total}"
    window.close_tab(window.tabs.currentIndex())
    assert not bar.isVisible()


def test_a_runaway_regular_expression_is_stopped_and_said(qtbot, window, monkeypatch):
    monkeypatch.setattr(find, "REGEX_SECONDS", 0.3)
    view, bar, find_edit, _, count = open_with_query(qtbot, window, "")
    bar.findChild(QCheckBox, "regexCheck").setChecked(True)
    type_text(find_edit, "(.+)+x")  # on every line of Chinese text: hours without a limit
    assert count.text() == "The regular expression takes too long"
    find_edit.setText("")
    type_text(find_edit, "甲方")
    assert count.text().startswith("1 / ")


def test_replacing_one_by_one_in_a_selection_keeps_the_selection_whole(qtbot, window):
    view = view_of(window)
    hits = find_all(view.draft, "甲方")
    ref = next(r for r in {m.pos.ref for m in hits} if sum(m.pos.ref == r for m in hits) >= 3)
    first, second, third = [m for m in hits if m.pos.ref == ref][:3]
    cursor = view.textCursor()  # the first two hits of one text, not the third
    cursor.setPosition(view.position_of(first.pos))
    end = Pos(ref, second.pos.offset + 2)
    cursor.setPosition(view.position_of(end), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    bar, find_edit, replace_edit, count = bar_widgets(window)
    bar.open_replace()
    assert find_edit.text() == view.textCursor().selectedText()  # one line: the query
    bar.findChild(QCheckBox, "inSelectionCheck").setChecked(True)
    find_edit.clear()
    type_text(find_edit, "甲方")
    type_text(replace_edit, "委托方")
    assert count.text() == "1 / 2"
    qtbot.keyClick(replace_edit, Qt.Key.Key_Return)  # the first, one character longer now
    assert count.text() == "1 / 1"  # the second is still inside the selection
    qtbot.mouseClick(bar.findChild(QPushButton, "replaceAllButton"), Qt.MouseButton.LeftButton)
    assert count.text() == "1 replaced"
    after = [m for m in find_all(view.draft, "委托方") if m.pos.ref == ref]
    assert [m.pos.offset for m in after] == [first.pos.offset, second.pos.offset + 1]
    left = [m.pos for m in find_all(view.draft, "甲方") if m.pos.ref == ref]
    assert left[0] == Pos(ref, third.pos.offset + 2)  # the third is untouched
