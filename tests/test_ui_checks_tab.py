"""The Checks tab on the real MainWindow: the lawyer's worklist, driven by mouse and keys.

A seed contract with an article deleted under a reference to it (a dangling reference, an
error) and a planted wrong 大写 that the amounts check finds with a one-edit fix: a double
click selects exactly the finding's characters in the centre; Fix is one undo step that
Ctrl+Z takes back; Ignore asks for a reason, kept in the file; a fix of several edits is
previewed and Cancel changes nothing; Edit › Normalise typography… previews the same way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
)

from app.model import ops
from app.model.checks import (
    ERROR,
    INFO,
    WARNING,
    CheckEngine,
    Finding,
    Fix,
    TextEdit,
    amounts,
    engine,
)
from app.model.checks import typography as typography_checks
from app.model.doc_blocks import BlockRef
from app.model.draft import plain
from app.model.editing import Pos
from app.model.fileformat import dumps
from app.model.files import save_draft
from app.model.importer import draft_from_document
from app.ui.checks_model import FindingRole
from app.ui.fix_preview import FixPreview
from clause_db.messages import Msg
from clause_db.reader import read_outline
from resources import SEED_FILES
from tests.conftest import CORPUS, make_window
from tests.document_helpers import CTRL

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from app.model.checks.context import Context
    from app.model.draft import Draft
    from app.ui.document_view import DocumentView
    from app.ui.inspector_checks import ChecksTab
    from app.ui.main_window import MainWindow

WRONG, RIGHT = "壹万伍仟元整", "壹万贰仟元整"  # the amounts check reads 12,000 and writes its 大写
FIX_LABEL = f"Write the amount in words as “{RIGHT}”"
PLANTED = f"服务费为人民币12,000元（大写：人民币{WRONG}），于【付款日期】前支付。"


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    """The fourth seed contract with 第三方退出 deleted under a reference to it, and the
    planted 大写 in the text of its first article."""
    outline = read_outline(SEED_FILES[0])
    draft = draft_from_document(outline.documents[3], outline.text, "seed")
    history = ops.History(draft)
    target = next(a for a in draft.parts[1].articles if a.heading == "第三方退出")
    history.push(ops.delete_node(draft, target.id))
    first = draft.parts[0].articles[0]
    history.push(ops.set_text(draft, first.id, PLANTED))
    path = tmp_path / "审阅.contract"
    save_draft(path, draft)
    return path


@pytest.fixture
def window(qtbot, library_path: Path, draft_file: Path) -> MainWindow:
    w = make_window(qtbot, library_path)
    w.open_path(draft_file)
    tab = checks_tab(w)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    return w


def checks_tab(window: MainWindow) -> ChecksTab:
    window.inspector.tabs.setCurrentWidget(window.inspector.checks)
    return window.inspector.checks


def row_of(tab: ChecksTab, kind: str) -> int:
    return next(i for i, f in enumerate(tab.model.rows) if f.kind == kind)


def double_click(qtbot, tab: ChecksTab, row: int) -> None:
    view = tab.findChild(QListView, "checksList")
    index = tab.model.index(row)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    qtbot.mouseDClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def click(qtbot, tab: ChecksTab, name: str) -> None:
    qtbot.mouseClick(tab.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def selected(view: DocumentView) -> tuple[Pos, int]:
    cursor = view.textCursor()
    start = view.pos_at(cursor.selectionStart())
    return start, view.pos_at(cursor.selectionEnd()).offset - start.offset


def test_the_worklist_counts_and_sorts_and_a_double_click_selects_the_finding(qtbot, window):
    tab = checks_tab(window)
    rows = tab.model.rows
    assert [f.severity for f in rows] == sorted(
        (f.severity for f in rows), key=[ERROR, WARNING, "info"].index
    )
    summary = tab.findChild(QLabel, "checksSummary").text()
    errors = sum(f.severity == ERROR for f in rows)
    assert summary.startswith(f"Errors: {errors} · Warnings: ")
    assert window.inspector.tabs.tabText(2) == f"Checks ({len(rows)})"

    row = row_of(tab, "dangling")
    dangling = rows[row]
    text = tab.model.index(row).data()
    assert "第八条" in text and "broken reference" in text and dangling.article in text
    double_click(qtbot, tab, row)
    view = window.tabs.current_view()
    assert dangling.length == 1 and selected(view) == (Pos(dangling.ref, dangling.offset), 1)
    assert view.textCursor().selectedText() == "\ufffc"  # the reference itself, nothing more

    row = row_of(tab, "amount_mismatch")
    double_click(qtbot, tab, row)
    assert view.textCursor().selectedText() == WRONG  # exactly the planted words

    unfilled = rows[row_of(tab, "unfilled")]
    double_click(qtbot, tab, row_of(tab, "unfilled"))
    assert selected(view) == (Pos(unfilled.ref, unfilled.offset), 1)  # its first blank
    inspector = window.inspector
    assert inspector.tabs.currentWidget() is inspector.fields  # ready to fill, as before
    assert inspector.fields.current_field() == unfilled.field_id


def test_fix_is_one_undo_step_and_ctrl_z_restores(qtbot, window):
    tab = checks_tab(window)
    document = window.tabs.current_document()
    before, steps = dumps(document.draft), document.undo_stack.count()
    fix_button = tab.findChild(QPushButton, "fixFindingButton")
    tab.list.setCurrentIndex(tab.model.index(row_of(tab, "dangling")))
    assert not fix_button.isEnabled()  # no safe fix for a deleted article
    tab.list.setCurrentIndex(tab.model.index(row_of(tab, "amount_mismatch")))
    assert fix_button.isEnabled() and fix_button.toolTip() == FIX_LABEL
    count = tab.model.rowCount()

    click(qtbot, tab, "fixFindingButton")
    assert document.undo_stack.count() == steps + 1
    assert RIGHT in document.draft.parts[0].articles[0].body[0]
    assert tab.model.rowCount() == count - 1  # listed again at once, not after the pause
    assert all(f.kind != "amount_mismatch" for f in tab.checks)

    view = window.tabs.current_view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert dumps(document.draft) == before
    qtbot.waitUntil(lambda: any(f.kind == "amount_mismatch" for f in tab.model.rows))


def test_a_fix_right_after_an_edit_is_checked_again_first(qtbot, window):
    tab = checks_tab(window)
    document = window.tabs.current_document()
    tab.list.setCurrentIndex(tab.model.index(row_of(tab, "amount_mismatch")))
    first = document.draft.parts[0].articles[0]
    document.push(ops.set_text(document.draft, first.id, "甲方" + PLANTED))  # within the pause
    click(qtbot, tab, "fixFindingButton")  # the words moved by two characters: found again
    assert plain(document.draft.parts[0].articles[0].body) == "甲方" + PLANTED.replace(WRONG, RIGHT)


def test_a_stale_fix_is_refused_with_a_clear_word(qtbot, window, monkeypatch):
    def stale(ctx: Context) -> Iterator[Finding]:  # a fix whose text is no longer there
        for finding in (f for f in amounts.check(ctx) if f.kind == "amount_mismatch"):
            edit = replace(finding.fix.edits[0], old="别的字")
            yield replace(finding, kind="stale", fix=replace(finding.fix, edits=(edit,)))

    monkeypatch.setattr(engine, "CHECKERS", (*engine.CHECKERS, stale))
    tab = checks_tab(window)
    tab.refresh()
    document = window.tabs.current_document()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    tab.list.setCurrentIndex(tab.model.index(row_of(tab, "stale")))
    before = dumps(document.draft)
    click(qtbot, tab, "fixFindingButton")
    assert said and "changed since it was checked" in said[0]
    assert dumps(document.draft) == before


def test_ignore_asks_a_reason_keeps_it_in_the_file_and_undo_heeds_again(
    qtbot, window, monkeypatch, draft_file
):
    tab = checks_tab(window)
    document = window.tabs.current_document()
    answers = iter([("  ", True), ("目录中已说明该条删除", True)])  # an empty reason is asked again
    asked: list[str] = []

    def answer(_parent, _title, label, *_args):
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", answer)
    tab.list.setCurrentIndex(tab.model.index(row_of(tab, "dangling")))
    count, steps = tab.model.rowCount(), document.undo_stack.count()
    click(qtbot, tab, "ignoreFindingButton")
    assert len(asked) == 2 and "reason is needed" in asked[1]
    assert document.undo_stack.count() == steps + 1
    assert tab.model.rowCount() == count - 1
    assert all(f.kind != "dangling" for f in tab.model.rows)
    assert "Ignored: 1" in tab.findChild(QLabel, "checksSummary").text()
    assert window.inspector.tabs.tabText(2) == f"Checks ({count - 1})"

    tab.findChild(QCheckBox, "showIgnoredCheck").click()
    row = row_of(tab, "dangling")
    index = tab.model.index(row)
    assert "ignored: 目录中已说明该条删除" in index.data()
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    tab.list.setCurrentIndex(index)
    assert tab.findChild(QPushButton, "ignoreFindingButton").text() == "Heed again"

    view = window.tabs.current_view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # un-ignored
    qtbot.waitUntil(lambda: tab.model.rows[row_of(tab, "dangling")].ignored is None)
    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert window.save_current()
    window.close_current()

    window.open_path(draft_file)  # reopened: still ignored, with its reason
    tab = checks_tab(window)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    dangling = next(f for f in tab.checks if f.kind == "dangling")
    assert dangling.ignored == "目录中已说明该条删除"
    tab.findChild(QCheckBox, "showIgnoredCheck").setChecked(False)
    assert all(f.kind != "dangling" for f in tab.model.rows)

    tab.findChild(QCheckBox, "showIgnoredCheck").setChecked(True)
    tab.list.setCurrentIndex(tab.model.index(row_of(tab, "dangling")))
    click(qtbot, tab, "ignoreFindingButton")  # Heed again: one undo step too
    assert tab.model.rows[row_of(tab, "dangling")].ignored is None
    assert not window.tabs.current_document().draft.ignored


def two_edit_fix(draft: Draft) -> Fix:
    """A fix of two edits in two texts, as a renamed term or the typography makes."""
    a, b = (draft.parts[1].articles[i] for i in (0, 1))
    edits = tuple(
        TextEdit(BlockRef("heading", n.id), 0, len(n.heading), n.heading, n.heading + "事项")
        for n in (a, b)
    )
    return Fix(Msg("统一标题", "Make the headings uniform"), edits)


def headings_checker(ctx: Context) -> Iterator[Finding]:
    """A finding about the whole draft whose fix changes two texts."""
    if not ctx.draft.parts[1].articles[0].heading.endswith("事项"):
        fix = two_edit_fix(ctx.draft)
        yield Finding("heading_style", INFO, Msg("标题", "Headings"), fix=fix, subject="h")


def test_a_fix_of_several_edits_is_previewed_and_cancel_changes_nothing(qtbot, window, monkeypatch):
    monkeypatch.setattr(engine, "CHECKERS", (*engine.CHECKERS, headings_checker))
    tab = checks_tab(window)
    tab.refresh()
    document = window.tabs.current_document()
    fix = two_edit_fix(document.draft)
    shown: list[FixPreview] = []
    verdict = [QDialog.DialogCode.Rejected]

    def exec_(dialog: FixPreview) -> int:
        shown.append(dialog)
        return verdict[0]

    monkeypatch.setattr(FixPreview, "exec", exec_)
    row = row_of(tab, "heading_style")
    assert "heading_style" in tab.model.index(row).data()  # a kind the tab has no name for
    tab.list.setCurrentIndex(tab.model.index(row))
    before = dumps(document.draft)
    click(qtbot, tab, "fixFindingButton")
    dialog = shown[0]
    assert dialog.objectName() == "fixPreview"
    listed = dialog.findChild(object, "fixPreviewEdits").toPlainText()
    for edit in fix.edits:
        assert f"{edit.old}事项" in listed and edit.old in listed
    assert "(2 changes)" in dialog.findChild(QLabel, "fixPreviewLabel").text()
    assert [e.new for e in dialog.edits] == [e.new for e in fix.edits]
    assert dumps(document.draft) == before  # cancelled

    verdict[0] = QDialog.DialogCode.Accepted
    steps = document.undo_stack.count()
    click(qtbot, tab, "fixFindingButton")
    assert document.undo_stack.count() == steps + 1  # both edits, one step
    assert [e.new for e in fix.edits] == [
        document.draft.parts[1].articles[i].heading for i in (0, 1)
    ]


def test_normalise_typography_previews_or_says_there_is_nothing(qtbot, window, monkeypatch):
    action = window.findChild(QAction, "normaliseTypographyAction")
    assert action.isEnabled()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: said.append(text))
    monkeypatch.setattr(typography_checks, "normalise_typography", lambda _draft: None)
    action.trigger()
    assert said and "Nothing to normalise" in said[0]

    fix = two_edit_fix(window.tabs.current_document().draft)
    monkeypatch.setattr(typography_checks, "normalise_typography", lambda _draft: fix)
    monkeypatch.setattr(FixPreview, "exec", lambda _d: QDialog.DialogCode.Accepted)
    document = window.tabs.current_document()
    steps = document.undo_stack.count()
    action.trigger()
    assert document.undo_stack.count() == steps + 1
    window.close_current()
    assert not action.isEnabled()


def test_the_severity_filter_and_the_context_menu(qtbot, window):
    tab = checks_tab(window)
    box = tab.findChild(QComboBox, "severityFilter")
    box.setCurrentIndex(box.findData(ERROR))
    assert {f.severity for f in tab.model.rows} == {ERROR}
    assert {f.kind for f in tab.model.rows} == {"dangling", "amount_mismatch"}
    menu = tab.context_menu(tab.model.rows[row_of(tab, "amount_mismatch")])
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Go to", f"Fix: {FIX_LABEL}", "Ignore…"]
    box.setCurrentIndex(0)
    assert tab.model.rowCount() == len(tab.checks)


def test_an_edit_updates_the_checks_from_what_it_changed(qtbot, window, monkeypatch):
    tab = checks_tab(window)
    document = window.tabs.current_document()
    runs: list[int] = []
    full = CheckEngine.run
    monkeypatch.setattr(CheckEngine, "run", lambda self, d: runs.append(1) or full(self, d))
    first = document.draft.parts[0].articles[0]
    document.push(ops.set_text(document.draft, first.id, "本条已改写。"))
    qtbot.waitUntil(lambda: all(f.kind != "amount_mismatch" for f in tab.model.rows))
    assert runs == []  # read again from what the edit changed, not from scratch
    document.push(ops.delete_node(document.draft, first.id))
    qtbot.waitUntil(lambda: runs == [1])  # a change of structure reads all
    row = tab.model.index(0).data(FindingRole)
    assert row is tab.checks[0]  # the rows are the engine's findings, not copies


def test_every_finding_of_a_real_contract_selects_exactly_its_characters(qtbot, library_path):
    """The data provision contract: blanks in the cover page, the parties table, articles,
    table cells and annexes; each finding with characters selects just those."""
    w = make_window(qtbot, library_path)
    w.open_path(CORPUS / "zh_gf2025_2615_data_provision_contract.docx")
    tab = checks_tab(w)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0)
    view = w.tabs.current_view()
    spans = [f for f in tab.checks if f.ref is not None and f.length]
    assert len({f.ref.kind for f in spans}) >= 4  # cover, cells, bodies, annexes...
    for finding in spans:
        tab.go_to(finding)
        assert selected(view) == (Pos(finding.ref, finding.offset), finding.length), finding


@pytest.mark.qt_log_ignore(  # offscreen: a popup menu can neither raise nor grab the keys
    "This plugin does not support (raise|grabbing the keyboard)", extend=True
)
def test_keys_and_the_context_menu_work_the_list(qtbot, window, monkeypatch):
    tab = checks_tab(window)
    view = window.tabs.current_view()
    checks = tab.findChild(QListView, "checksList")
    checks.setFocus()
    tab.list.setCurrentIndex(tab.model.index(0))
    for _ in range(row_of(tab, "amount_mismatch")):
        qtbot.keyClick(checks, Qt.Key.Key_Down)
    assert tab.current_finding().kind == "amount_mismatch"
    qtbot.keyClick(checks, Qt.Key.Key_Return)
    assert view.textCursor().selectedText() == WRONG
    assert checks.hasFocus()  # the worklist keeps the keys: Down goes on to the next one

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a: ("双方已确认", True))
    row = row_of(tab, "dangling")
    point = checks.visualRect(tab.model.index(row)).center()
    qtbot.mouseClick(checks.viewport(), Qt.MouseButton.RightButton, pos=point)
    # offscreen, Qt sends no context menu event for a right click: the event it would send
    where = checks.viewport().mapToGlobal(point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, where)
    QApplication.sendEvent(checks.viewport(), event)
    assert tab.current_finding().kind == "dangling"
    menu = tab.findChild(QMenu, "checksMenu")
    qtbot.waitUntil(menu.isVisible)
    actions = menu.actions()
    assert [a.text() for a in actions] == ["Go to", "Ignore…"]
    actions[1].trigger()
    menu.close()
    assert all(f.kind != "dangling" for f in tab.model.rows)
    assert window.tabs.current_document().draft.ignored
