"""Drops, moves and deletes change just their rows of the contract model (no reset), and the
model stays consistent with the draft through undo and redo (Qt's model tester watching),
and so does the centre document showing the same draft."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.model import ops
from app.model.draft import Draft, Part
from app.model.importer import draft_from_document
from app.ui.contract_model import ContractModel, NodeIdRole
from app.ui.document_view import DocumentView
from app.ui.draft_document import DraftDocument
from app.ui.item_refs import refs_mime_data
from clause_db.bundled import install_seed_library
from clause_db.reader import read_outline
from clause_db.store import ClauseLibrary
from resources import SEED_FILES
from tests.document_helpers import expected_text


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("rows") / "lib.sqlite"
    install_seed_library(path)
    with ClauseLibrary(path) as lib:
        yield lib


@pytest.fixture
def view(qtbot, library) -> DocumentView:
    outline = read_outline(SEED_FILES[0])
    draft = draft_from_document(outline.documents[2], outline.text, "seed")
    document = DraftDocument(draft)
    model = ContractModel(document, library)
    view = DocumentView(document, model)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def rows_of(model: ContractModel, parent: QModelIndex = QModelIndex()) -> list:  # noqa: B008
    """The model's tree as nested (id, children) lists."""
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        assert index.parent() == parent and index.row() == row
        out.append((index.data(NodeIdRole), rows_of(model, index)))
    return out


def draft_rows(model: ContractModel) -> list:
    def nodes(items) -> list:
        return [(n.id, nodes(n.children)) for n in items]

    return [(p.id, nodes(p.articles)) for p in model.draft.parts]


def test_insert_move_delete_and_their_undo_keep_the_rows_exact(
    qtbot, qtmodeltester, view: DocumentView, library: ClauseLibrary
) -> None:
    model = view.contract_model
    stack = model.document.undo_stack
    qtmodeltester.check(model)  # the tester keeps watching every change below
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    states = [draft_rows(model)]

    def check() -> None:
        qtbot.wait(1)  # the view lays itself out and paints, as after a real drop
        assert rows_of(model) == draft_rows(model)
        assert view.visible_text() == expected_text(model.draft)

    part = model.index(0, 0)
    article = model.index(3, 0, part)
    (article_id,) = library.db.execute("SELECT min(id) FROM articles").fetchone()
    (clause_id,) = library.db.execute(
        "SELECT min(id) FROM clauses WHERE id IN (SELECT parent_id FROM clauses)"
    ).fetchone()
    # a library article with its clauses between articles, a clause with sub-clauses into one
    mime = refs_mime_data(library, [("article", article_id)])
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, 2, 0, part)
    check()
    assert model.dropMimeData(
        refs_mime_data(library, [("clause", clause_id)]), Qt.DropAction.CopyAction, 1, 0, article
    )
    check()
    states.append(draft_rows(model))
    # moves: down and up within a part, and a clause into another article
    moved = model.index(0, 0, part).data(NodeIdRole)
    model.document.push(ops.move_node(model.draft, moved, part.data(NodeIdRole), 4))
    check()
    model.document.push(ops.move_node(model.draft, moved, part.data(NodeIdRole), 0))
    check()
    clause = model.index(0, 0, model.index(1, 0, part)).data(NodeIdRole)
    target = model.index(5, 0, part).data(NodeIdRole)
    model.document.push(ops.move_node(model.draft, clause, target, 0))
    check()
    model.document.push(ops.delete_node(model.draft, model.index(2, 0, part).data(NodeIdRole)))
    check()
    assert not resets, "inserts, moves and deletes change their rows, not the whole tree"

    while stack.canUndo():
        stack.undo()
        check()
    assert draft_rows(model) == states[0]
    while stack.canRedo():
        stack.redo()
        check()
    stack.setIndex(2)
    check()
    assert draft_rows(model) == states[1]
    qtmodeltester.check(model)


def test_other_structure_changes_still_reset(qtbot, view: DocumentView) -> None:
    model = view.contract_model
    with qtbot.waitSignal(model.modelReset):
        model.document.push(ops.set_numbering(model.draft, "decimal"))
    assert rows_of(model) == draft_rows(model)
    assert view.visible_text() == expected_text(model.draft)


def test_splits_and_merges_change_just_their_rows(qtbot, qtmodeltester, view) -> None:
    model = view.contract_model
    qtmodeltester.check(model)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    node = model.draft.parts[0].articles[1].children[0]
    model.document.push(ops.split_node(model.draft, node.id, 3))
    assert rows_of(model) == draft_rows(model)
    model.document.push(ops.merge_with_next(model.draft, node.id))
    assert rows_of(model) == draft_rows(model)
    model.document.undo_stack.undo()
    model.document.undo_stack.undo()
    assert rows_of(model) == draft_rows(model)
    assert not resets
    assert view.visible_text() == expected_text(model.draft)


def test_untitled_parts_are_named_by_their_place(library) -> None:
    one = Draft(title="x")
    one.parts.append(Part(one.new_id()))
    model = ContractModel(DraftDocument(one), library)
    assert model.index(0, 0).data() == "Body"

    several = Draft(title="x")
    several.parts += [
        Part(several.new_id()),
        Part(several.new_id(), "附件"),
        Part(several.new_id()),
    ]
    model = ContractModel(DraftDocument(several), library)
    assert [model.index(r, 0).data() for r in range(3)] == ["Part 1", "附件", "Part 3"]
