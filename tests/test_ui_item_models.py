"""Qt's QAbstractItemModelTester on every item model but the contract tree, through the
changes each one goes through in use: a broken model contract (a row count that disagrees
with the rows, an insert not announced, a parent index that does not lead back) aborts the
run with the tester's message (Fatal mode) instead of showing stale rows to the lawyer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QLineEdit

from app.model import ops
from app.model.importer import draft_from_document
from app.ui.draft_document import DraftDocument
from app.ui.inspector import Inspector
from app.ui.inspector_fields import VALUE
from clause_db.reader import read_outline
from resources import SEED_FILES
from tests.conftest import CORPUS
from tests.test_ui_main_window import type_like_an_ime

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from PySide6.QtCore import QAbstractItemModel


@pytest.fixture
def watch(qtbot) -> Iterator[Callable[[QAbstractItemModel], None]]:
    """Attach Qt's tester (Fatal mode) to a model; the testers go before the widgets do, so
    none of them sees a model half torn down."""
    testers: list[QAbstractItemModelTester] = []

    def attach(model: QAbstractItemModel) -> None:
        mode = QAbstractItemModelTester.FailureReportingMode.Fatal
        testers.append(QAbstractItemModelTester(model, mode))

    yield attach
    for tester in testers:
        shiboken6.delete(tester)


def test_library_tree_model_passes_the_model_tester(qtbot, window, watch) -> None:
    panel = window.library_panel
    model = panel.tree_model
    watch(model)  # walks the whole tree at once, fetching every topic, article and clause
    topics = model.rowCount()
    assert topics > 0
    panel.set_mode("source")
    sources = model.rowCount()
    panel.tree.expand(model.index(0, 0))
    panel.set_mode("topic")
    assert window.import_file_into_library(
        CORPUS / "zh_gf2014_2402_outbound_group_tour_contract.txt"
    )
    panel.set_mode("source")
    assert model.rowCount() == sources + 1
    article = model.index(0, 0, model.index(sources, 0))
    panel.tree.expand(article)  # its clauses, fetched on expand
    assert model.rowCount(article) > 0
    panel.set_mode("topic")  # the tester asks for every row while the reset is announced:
    qtbot.waitUntil(lambda: fully_fetched(model))  # they come once it is over


def fully_fetched(model: QAbstractItemModel, parent: QModelIndex | None = None) -> bool:
    parent = parent or QModelIndex()
    if model.canFetchMore(parent):
        return False
    return all(
        fully_fetched(model, model.index(r, 0, parent)) for r in range(model.rowCount(parent))
    )


def test_rows_asked_for_during_a_reset_come_after_it(qtbot, window) -> None:
    """A listener of modelReset that fetches at once must not see rows inserted inside it."""
    model = window.library_panel.tree_model
    events: list[str] = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.modelReset.connect(lambda: model.fetchMore(model.index(0, 0)))
    model.rowsAboutToBeInserted.connect(lambda *_: events.append("insert"))
    model.modelReset.connect(lambda: events.append("reset seen by the last listener"))
    model.setMode("source")
    assert events == ["reset", "reset seen by the last listener"]
    qtbot.waitUntil(lambda: model.rowCount(model.index(0, 0)) > 0)
    assert events[2:] == ["insert"]


def test_search_results_model_passes_the_model_tester(qtbot, window, watch) -> None:
    panel = window.library_panel
    model = panel.hits_model
    watch(model)
    search = window.findChild(QLineEdit, "librarySearch")
    type_like_an_ime(search, "保密")
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    while model.canFetchMore():  # scrolled to the end, a page at a time
        model.fetchMore()
    assert model.rowCount() == model.hit_count()
    search.backspace()  # "保": more hits
    qtbot.waitUntil(lambda: model.hit_count() > 0 and search.text() == "保")
    assert window.import_file_into_library(CORPUS / "zh_law_labor_contract_law_2012.md")
    assert model.rowCount() > 0  # the search ran again over the new source
    search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    type_like_an_ime(search, "㐀㐁")  # nothing found
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.results)
    assert model.rowCount() == 0


def test_fields_model_passes_the_model_tester(qtbot, watch) -> None:
    outline = read_outline(SEED_FILES[0])
    document = DraftDocument(draft_from_document(outline.documents[2], outline.text, "seed"))
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_document(document)
    inspector.show()
    fields = inspector.fields.model
    watch(fields)
    watch(inspector.checks.model)
    draft = document.draft
    stack = document.undo_stack
    assert fields.setData(fields.index(0, VALUE), "2024年1月1日")  # fill: the row in place
    assert fields.setData(fields.index(0, VALUE), "")  # and clear it
    inspector.fields.refresh()
    a, b = fields.rows[0].field_id, fields.rows[1].field_id
    document.push(ops.link_fields(draft, a, b))  # a row goes
    inspector.fields.refresh()
    part = draft.parts[0]
    document.push(ops.insert_text_node(draft, part.id, 0, "新条", "金额：____元，期限：____。"))
    inspector.fields.refresh()  # two rows come, after their neighbours
    qtbot.waitUntil(lambda: inspector.checks.model.rowCount() > 0)
    for _ in range(stack.count()):
        stack.undo()
        inspector.fields.refresh()
    while stack.canRedo():
        stack.redo()
        inspector.fields.refresh()
    inspector.checks.refresh()
    inspector.set_document(None)
    assert fields.rowCount() == 0
    QApplication.processEvents()
