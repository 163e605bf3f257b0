"""The inspector on a real seed contract, offscreen: fill fields, read a clause, work the checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QTableView,
    QTextBrowser,
)

from app.model import ops
from app.model.fileformat import dumps
from app.model.importer import draft_from_document
from app.model.view import show
from app.readers import read_any
from app.ui.draft_document import DraftDocument
from app.ui.inspector import Inspector
from app.ui.inspector_fields import LABEL, REFRESH_DELAY_MS, VALUE
from app.ui.swap_dialog import SwapDialog
from clause_db.reader import read_outline
from clause_db.store import ClauseLibrary
from resources import SEED_FILES
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from pathlib import Path

    from app.model.draft import Draft


@pytest.fixture(scope="module")
def outline():
    return read_outline(SEED_FILES[0])


@pytest.fixture
def document(outline) -> DraftDocument:
    """…协议2: seven named fields, 通知期限 four times, and a 第六条/第七条 gap as written."""
    return DraftDocument(draft_from_document(outline.documents[2], outline.text, "seed"))


def make_inspector(qtbot, document: DraftDocument | None, library=None) -> Inspector:
    inspector = Inspector(library)
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    inspector.show()
    qtbot.waitExposed(inspector)
    if document is not None:  # checked just after it shows
        qtbot.waitUntil(lambda: inspector.checks.model.rowCount() > 0)
    return inspector


@pytest.fixture
def inspector(qtbot, document) -> Inspector:
    return make_inspector(qtbot, document)


@pytest.fixture
def library(library_path: Path):
    with ClauseLibrary(library_path) as lib:
        yield lib


def rendered(draft: Draft) -> str:
    """Every text of the draft as the reader sees it."""
    shown = show(draft)
    texts = [shown["preamble"]]

    def walk(items):
        for item in items:
            texts.append(item["text"])
            walk(item["clauses"])

    for part in shown["parts"]:
        texts.append(part["text"])
        walk(part["articles"])
    return "\n".join(texts)


def field_row(table: QTableView, name: str) -> int:
    model = table.model()
    return next(i for i, r in enumerate(model.rows) if r.label == name)


def article(draft: Draft, heading: str):
    return next(a for p in draft.parts for a in p.articles if a.heading == heading)


# -- Fields -----------------------------------------------------------------------------------


def test_a_value_typed_once_fills_every_occurrence_as_one_undo_step(inspector, document) -> None:
    table = inspector.findChild(QTableView, "fieldsTable")
    model = table.model()
    index = model.index(field_row(table, "通知期限"), VALUE)
    assert model.setData(index, "三十日")  # what the delegate does on commit
    draft = document.draft
    assert draft.field_named("通知期限").value == "三十日"
    assert rendered(draft).count("三十日") == 4
    stack = document.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == "Fill in “通知期限”"  # the English UI: its own step names
    stack.undo()
    assert draft.field_named("通知期限").value is None
    assert "三十日" not in rendered(draft)


def test_unfilled_fields_come_first_and_a_filled_one_stays_in_its_row(
    qtbot, inspector, document
) -> None:
    table = inspector.findChild(QTableView, "fieldsTable")
    remaining = inspector.findChild(QLabel, "fieldsRemaining")
    model = table.model()
    assert model.rowCount() == 7
    assert "7" in remaining.text()
    order = labels_of(table)
    table.setCurrentIndex(model.index(0, VALUE))
    model.setData(model.index(0, VALUE), "2024年1月1日")
    qtbot.waitUntil(lambda: "6" in remaining.text())
    assert labels_of(table) == order  # not sorted away under the lawyer's hand
    values = [model.index(r, VALUE).data() for r in range(model.rowCount())]
    assert values[0] == "2024年1月1日" and not any(values[1:])
    assert table.currentIndex().row() == 0
    # a double-click on the second row now fills the field shown there
    second = document.draft.fields[model.rows[1].field_id]
    model.setData(model.index(1, VALUE), "十日")
    qtbot.waitUntil(lambda: "5" in remaining.text())
    assert second.value == "十日" and labels_of(table) == order


def test_a_draft_opened_again_lists_its_unfilled_fields_first(qtbot, inspector, document) -> None:
    table = inspector.findChild(QTableView, "fieldsTable")
    first = table.model().rows[0].field_id
    document.push(ops.set_field_value(document.draft, first, "已填"))
    inspector.set_document(None)
    inspector.set_document(document)
    assert table.model().rows[-1].field_id == first


def labels_of(table: QTableView) -> list[str]:
    model = table.model()
    return [model.index(r, LABEL).data() for r in range(model.rowCount())]


def editor_of(table: QTableView) -> QLineEdit:
    """The cell editor open in the table (the focus may be elsewhere offscreen)."""
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, editors
    return editors[0]


def test_enter_edits_tab_moves_on_and_rows_stay_put(qtbot, inspector, document) -> None:
    """Enter, type, Tab, type, Enter: two fields filled, each the one its row shows."""
    table = inspector.findChild(QTableView, "fieldsTable")
    model = table.model()
    order = labels_of(table)
    ids = [r.field_id for r in model.rows]
    table.setFocus()
    table.setCurrentIndex(model.index(0, LABEL))  # the label cell: Enter still edits the value
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert table.state() == QTableView.State.EditingState
    assert table.currentIndex() == model.index(0, VALUE)
    qtbot.keyClicks(editor_of(table), "Acme Ltd")
    qtbot.keyClick(editor_of(table), Qt.Key.Key_Tab)
    assert table.currentIndex() == model.index(1, VALUE)
    assert table.state() == QTableView.State.EditingState
    qtbot.keyClicks(editor_of(table), "30 days")
    qtbot.keyClick(editor_of(table), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QTableView.State.EditingState)  # closes queued
    fields = document.draft.fields
    assert (fields[ids[0]].value, fields[ids[1]].value) == ("Acme Ltd", "30 days")
    assert all(fields[i].value is None for i in ids[2:])
    qtbot.wait(REFRESH_DELAY_MS + 50)  # the table's own refresh: it must not re-sort either
    assert labels_of(table) == order
    assert model.index(1, VALUE).data() == "30 days"
    assert document.undo_stack.count() == 2


def test_tab_while_a_refresh_is_due_keeps_the_open_editor(qtbot, inspector, document) -> None:
    """A careless fast typist: the table reads the draft again while the next cell is open."""
    table = inspector.findChild(QTableView, "fieldsTable")
    model = table.model()
    table.setFocus()
    table.setCurrentIndex(model.index(2, VALUE))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClicks(editor_of(table), "x")
    qtbot.keyClick(editor_of(table), Qt.Key.Key_Tab)
    editor = editor_of(table)
    inspector.fields.refresh()  # what the debounce timer does 150 ms later
    assert editor_of(table) is editor and table.state() == QTableView.State.EditingState
    qtbot.keyClicks(editor, "y")
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: table.state() != QTableView.State.EditingState)
    assert document.draft.fields[model.rows[3].field_id].value == "y"


def test_tab_past_the_last_field_leaves_the_table_without_an_edit(
    qtbot, inspector, document
) -> None:
    table = inspector.findChild(QTableView, "fieldsTable")
    model = table.model()
    last = model.rowCount() - 1
    table.setFocus()
    table.setCurrentIndex(model.index(last, VALUE))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClick(editor_of(table), Qt.Key.Key_Tab)  # nothing typed: nothing pushed
    assert table.state() != QTableView.State.EditingState
    assert table.currentIndex().row() == last
    assert document.undo_stack.count() == 0


def test_two_fields_of_one_label_say_where_they_are(qtbot, outline) -> None:
    """…协议 (the first): 本合同的有效期限为____年 in 12.3 and again in 13.3."""
    document = DraftDocument(draft_from_document(outline.documents[0], outline.text, "seed"))
    inspector = make_inspector(qtbot, document)
    model = inspector.findChild(QTableView, "fieldsTable").model()
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    term = [label for label in shown if label.startswith("本合同的有效期限（年）")]
    assert len(term) == 2 and len(set(term)) == 2, shown
    assert sorted(label.split(" · ")[1] for label in term) == ["12.3", "13.3"]
    assert "甲方名称" in shown  # a label of its own carries no place
    row = shown.index(term[0])
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{term[0]}\nIn {term[0].split(' · ')[1]}"


def document_of(tmp_path: Path, text: str) -> DraftDocument:
    """A draft of the contract ``text``, read as a file of it would be."""
    contract = tmp_path / "contract.txt"
    contract.write_text(text, encoding="utf-8")
    outline = read_outline(contract)
    return DraftDocument(draft_from_document(outline.documents[0], outline.text, contract.name))


def test_two_blanks_of_one_label_in_one_clause_are_numbered(qtbot, tmp_path) -> None:
    text = "1. Fees\n1.1 The amount is ____ or ____ a month.\n2. Notices\n2.1 Notice: ____\n"
    inspector = make_inspector(qtbot, document_of(tmp_path, text))
    model = inspector.findChild(QTableView, "fieldsTable").model()
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert len(set(shown)) == len(shown) == 3, shown
    assert shown[:2] == ["amount · 1.1 (1)", "amount · 1.1 (2)"]


def test_a_long_label_leaves_room_for_the_value(qtbot, tmp_path) -> None:
    text = "1. Fees\nThe total consideration payable by the Customer under this agreement: ____\n"
    inspector = make_inspector(qtbot, document_of(tmp_path, text))
    inspector.resize(380, 600)
    table = inspector.findChild(QTableView, "fieldsTable")
    qtbot.waitUntil(lambda: table.viewport().width() < 380)
    qtbot.wait(10)
    width = table.viewport().width()
    assert table.sizeHintForColumn(0) > 0.6 * width  # the label would take it all
    assert table.columnWidth(0) <= 0.6 * width
    assert table.columnWidth(1) >= 0.25 * width


def test_the_field_header_is_never_cut_while_no_draft_is_open(qtbot) -> None:
    inspector = make_inspector(qtbot, None)
    inspector.resize(380, 600)
    table = inspector.findChild(QTableView, "fieldsTable")
    qtbot.waitUntil(lambda: table.viewport().width() < 380)
    qtbot.wait(10)
    header = table.horizontalHeader()
    assert table.columnWidth(0) >= header.sectionSizeHint(0)  # "Field", not "Fiel"


def test_activating_a_field_asks_the_document_for_its_blanks(qtbot, inspector) -> None:
    table = inspector.findChild(QTableView, "fieldsTable")
    row = table.model().rows[field_row(table, "通知期限")]
    index = table.model().index(field_row(table, "通知期限"), 0)
    with qtbot.waitSignal(inspector.fieldChosen) as chosen:
        table.activated.emit(index)
    assert chosen.args == [row.field_id]  # the document cycles through them


def test_rename_link_and_clear(qtbot, inspector, document) -> None:
    fields = inspector.fields
    draft = document.draft
    start, end = draft.field_named("起始日期"), draft.field_named("终止日期")
    end.value = "2025年1月1日"
    fields.select_field(start.id)
    assert fields.rename_current("开始日期")
    assert start.name == "开始日期"
    fields.select_field(start.id)
    assert fields.link_current(end.id)  # the filled-in one is kept
    assert start.id not in draft.fields
    assert rendered(draft).count("2025年1月1日") == 2
    qtbot.waitUntil(lambda: fields.model.row_of(end.id) is not None)
    fields.select_field(end.id)
    fields.clear_current()
    assert end.value is None
    assert document.undo_stack.count() == 3


# -- Checks -----------------------------------------------------------------------------------


def test_checks_are_listed_and_jump_to_their_node(qtbot, inspector, document) -> None:
    checks = inspector.findChild(QListView, "checksList")
    model = checks.model()
    assert model.rowCount() == len(inspector.checks.checks) > 0
    gap = next(c for c in inspector.checks.checks if c.kind == "numbering_gap")
    index = model.index(inspector.checks.checks.index(gap))
    assert "第六条" in index.data() and "第七条" in index.data()
    with qtbot.waitSignal(inspector.jumpTo) as jumped:  # about the article: no characters
        checks.activated.emit(index)
    assert jumped.args == [gap.node_id]
    assert document.draft.node(gap.node_id).provenance.written_label == "第八条"


def test_a_field_check_selects_the_field(qtbot, inspector, document) -> None:
    checks = inspector.findChild(QListView, "checksList")
    first = inspector.checks.checks.index(
        next(c for c in inspector.checks.checks if c.kind == "unfilled")
    )
    check = inspector.checks.checks[first]
    with qtbot.waitSignal(inspector.placeChosen) as chosen:  # its first blank
        checks.activated.emit(checks.model().index(first))
    assert chosen.args == [check.ref, check.offset, 1]
    inspector.show_field(check.field_id)  # what the editor asks once the blank is selected
    assert inspector.fields.current_field() == check.field_id


def test_checks_run_again_after_an_edit(qtbot, inspector, document) -> None:
    checks = inspector.findChild(QListView, "checksList").model()
    before = checks.rowCount()
    draft = document.draft
    document.push(ops.set_field_value(draft, draft.field_named("服务费用").id, "10万元"))
    assert checks.rowCount() == before  # debounced: not on every keystroke
    qtbot.waitUntil(lambda: checks.rowCount() == before - 1, timeout=2000)
    assert "(" in inspector.tabs.tabText(2)


def test_with_no_draft_every_tab_says_so(qtbot) -> None:
    inspector = make_inspector(qtbot, None)
    assert inspector.objectName() == "inspector"
    assert inspector.findChild(QTableView, "fieldsTable").model().rowCount() == 0
    assert inspector.findChild(QLabel, "fieldsRemaining").text()
    assert inspector.findChild(QListView, "checksList").model().rowCount() == 0
    assert inspector.findChild(QLabel, "checksSummary").text() == "No draft is open."
    inspector.set_current_node(5)
    assert inspector.findChild(QLabel, "clauseTitle").text()


# -- Clause -----------------------------------------------------------------------------------


def test_the_clause_tab_shows_provenance_then_the_changes(qtbot, inspector, document) -> None:
    draft = document.draft
    node = article(draft, "合同的变更与终止")
    inspector.set_current_node(node.id)
    provenance = inspector.findChild(QLabel, "clauseProvenance")
    status = inspector.findChild(QLabel, "clauseStatus")
    diff = inspector.findChild(QTextBrowser, "clauseDiff")
    assert "seed" in provenance.text() and "第八条" in provenance.text()
    assert "第六条" in inspector.findChild(QLabel, "clauseTitle").text()  # renumbered
    assert status.text().startswith("Unchanged") and diff.isHidden()

    clause = node.children[0]
    inspector.set_current_node(clause.id)
    old = clause.provenance.taken_text
    new = old.replace(old[:4], "") + "新增的一句。"
    document.push(ops.set_text(draft, clause.id, new))
    qtbot.waitUntil(lambda: status.text().startswith("Changed"))
    assert not diff.isHidden()
    html = diff.toHtml()
    assert "line-through" in html and "underline" in html and "新增的一句" in html


def test_swapping_in_a_variant_is_one_undo_step(qtbot, document, library, monkeypatch) -> None:
    monkeypatch.setattr(SwapDialog, "exec", lambda _dialog: 1)  # an imported article: asked
    inspector = make_inspector(qtbot, document, library)
    draft = document.draft
    node = article(draft, "保密条款")
    part, _, index = draft.find(node.id)
    inspector.set_current_node(node.id)
    variants = inspector.findChild(QListWidget, "clauseVariants")
    assert variants.count() > 0
    assert "Confidentiality" in inspector.findChild(QLabel, "variantsTitle").text()  # English UI
    before = dumps(draft)
    variants.setCurrentRow(0)
    chosen = variants.item(0).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(inspector.jumpTo) as jumped:
        inspector.findChild(QPushButton, "swapVariant").click()
    swapped = part.articles[index]
    assert jumped.args == [swapped.id]
    assert swapped.provenance.library_article_id == chosen
    assert draft.node(node.id) is None
    stack = document.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert dumps(draft) == before
    stack.redo()
    assert part.articles[index].provenance.library_article_id == chosen


def test_without_a_library_there_are_no_variants(inspector, document) -> None:
    inspector.set_current_node(article(document.draft, "保密条款").id)
    assert inspector.findChild(QListWidget, "clauseVariants").isHidden()
    assert inspector.findChild(QPushButton, "swapVariant").isHidden()


def test_an_article_with_a_clause_added_is_not_unchanged(qtbot, inspector, document) -> None:
    """The article's own text is as imported; its new clause makes it changed all the same."""
    draft = document.draft
    node = article(draft, "合同的变更与终止")
    inspector.set_current_node(node.id)
    status = inspector.findChild(QLabel, "clauseStatus")
    assert status.text().startswith("Unchanged")
    document.push(ops.insert_text_node(draft, node.id, len(node.children), "", "新增的一款。"))
    qtbot.waitUntil(lambda: status.text().startswith("Changed"))
    html = inspector.findChild(QTextBrowser, "clauseDiff").toHtml()
    assert "Clause added:" in html and "新增的一款" in html
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: status.text().startswith("Unchanged"))


def test_enter_on_an_empty_fields_table_does_nothing(qtbot) -> None:
    inspector = make_inspector(qtbot, None)
    table = inspector.findChild(QTableView, "fieldsTable")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert table.state() != QTableView.State.EditingState


def test_unticked_boxes_are_not_left_to_fill_and_come_after_the_blanks(qtbot) -> None:
    """GF-2014-2402: 65 blanks and 3 tick boxes; a box unticked is an answer."""
    source = read_any(CORPUS / "zh_gf2014_2402_outbound_group_tour_contract.txt")
    draft = draft_from_document(source.documents[0], source.text, "tour")
    inspector = make_inspector(qtbot, DraftDocument(draft))
    model = inspector.findChild(QTableView, "fieldsTable").model()
    remaining = inspector.findChild(QLabel, "fieldsRemaining")
    assert model.rowCount() == 68 and model.unfilled() == 65 and "65" in remaining.text()
    assert all(row.box for row in model.rows[65:]) and not any(r.box for r in model.rows[:65])
