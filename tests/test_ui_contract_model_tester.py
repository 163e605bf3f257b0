"""Qt's own model checker on the contract tree: QAbstractItemModelTester watches every signal
of ContractModel while the draft is edited, moved, cut, pasted, renumbered, undone and
redone. It reports through qWarning, and any Qt warning fails the test."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from app.model import ops
from app.model.fileformat import dumps
from app.ui.contract_roles import NodeIdRole
from tests.document_helpers import expected_text, heading, select_between

if TYPE_CHECKING:
    from app.ui.contract_model import ContractModel
    from app.ui.main_window import MainWindow

WARN = QAbstractItemModelTester.FailureReportingMode.Warning


def checked(window: MainWindow) -> ContractModel:
    model = window.tabs.current_view().contract_model
    model.tester = QAbstractItemModelTester(model, WARN, model)  # lives as long as the model
    return model


def article(model: ContractModel, row: int) -> QModelIndex:
    return model.index(row, 0, model.index(0, 0))


def test_the_contract_model_stays_consistent_through_every_kind_of_edit(window, draft_path):
    document = window.open_path(draft_path)
    original = dumps(document.draft)
    model = checked(window)
    view = window.tabs.current_view()
    part = model.index(0, 0)

    clause = model.index(0, 0, article(model, 0))
    assert model.setData(clause, ("", "双方按照本合同第三条的规定结算。"))  # text, a reference
    view.jump_to(article(model, 1).data(NodeIdRole))
    window.insert_empty_article()  # rows inserted
    window.insert_empty_clause()  # a row inserted under an article
    ids = [article(model, 0).data(NodeIdRole), article(model, 3).data(NodeIdRole)]
    mime = model.mimeData([article(model, 0), article(model, 3)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 5, 0, part)  # rows moved
    assert [article(model, r).data(NodeIdRole) for r in (3, 4)] == ids
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, 1, 0, article(model, 2))  # copied
    view.setFocus()
    fourth, fifth = article(model, 4).data(NodeIdRole), article(model, 5).data(NodeIdRole)
    select_between(view, (heading(fourth), 0), (heading(fifth), 0))
    window.cut_selection()  # rows removed, the current one among them
    window.paste()  # and back
    window.set_numbering("decimal")  # the whole tree reset
    field = next(iter(document.draft.fields))
    document.push(ops.set_field_value(document.draft, field, "十五日"))  # rows' text changed
    node = article(model, 2).data(NodeIdRole)
    document.push(ops.split_node(document.draft, node, 2))
    document.push(ops.merge_with_next(document.draft, node))
    view.jump_to(article(model, 0).data(NodeIdRole))
    window.delete_current()

    steps = document.undo_stack.count()
    assert steps >= 12
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert dumps(document.draft) == original
    assert view.visible_text() == expected_text(document.draft)
    while document.undo_stack.canRedo():
        document.undo_stack.redo()
    assert document.undo_stack.index() == steps
    assert view.visible_text() == expected_text(document.draft)


def test_the_model_of_a_new_draft_stays_consistent_from_empty_and_back(window) -> None:
    window.new_draft()
    document = window.tabs.current_document()
    model = checked(window)
    QApplication.clipboard().setText("双方另行协商。")
    window.paste()  # the first part and article, one step
    window.insert_empty_article()
    source = window.library.sources_list()[0].id
    first = window.library.articles_in_source(source)[0]
    window.insert_library_ref("article", first.id)
    rows = model.rowCount(model.index(0, 0))
    assert model.rowCount() == 1 and rows >= 3
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert model.rowCount(model.index(0, 0)) == 1 and not document.is_modified()
    while document.undo_stack.canRedo():
        document.undo_stack.redo()
    assert model.rowCount(model.index(0, 0)) == rows
