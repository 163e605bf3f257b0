"""Swapping a library variant in the real window: it warns, replaces one article only, undoes.

The contract is a real Word file (the data provision contract: sixteen articles, then a
signature page and two annexes) opened in the window, swapped, written to Word and read back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTextBrowser,
)

from app.model import ops
from app.model.draft import plain
from app.model.fileformat import dumps
from app.model.library_insert import insert_from_library
from app.readers import read_any
from app.ui.swap_dialog import SwapDialog
from app.word.export import export_draft
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from app.ui.draft_document import DraftDocument
    from app.ui.main_window import MainWindow

DATA_PROVISION = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"


class Answers:
    """The swap warnings shown, each answered with ``reply``."""

    def __init__(self) -> None:
        self.shown: list[SwapDialog] = []
        self.reply = QDialog.DialogCode.Accepted


@pytest.fixture
def answers(monkeypatch) -> Answers:
    answers = Answers()

    def exec_(dialog: SwapDialog) -> int:
        answers.shown.append(dialog)
        return int(answers.reply.value)

    monkeypatch.setattr(SwapDialog, "exec", exec_)
    return answers


def choose_first_variant(qtbot, window: MainWindow, node_id: int) -> int:
    """Make ``node_id`` current in the Clause tab, pick the first variant, click Swap in."""
    inspector = window.inspector
    inspector.tabs.setCurrentWidget(inspector.clause)
    inspector.set_current_node(node_id)
    variants = inspector.findChild(QListWidget, "clauseVariants")
    assert variants.count() > 0
    variants.setCurrentRow(0)
    chosen = variants.item(0).data(Qt.ItemDataRole.UserRole)
    qtbot.mouseClick(inspector.findChild(QPushButton, "swapVariant"), Qt.MouseButton.LeftButton)
    return chosen


def last_article(document: DraftDocument):
    return document.draft.parts[0].articles[-1]


def test_swap_on_an_imported_docx_keeps_the_signature_page_and_annexes(
    qtbot, window, answers, tmp_path
) -> None:
    document = window.open_path(DATA_PROVISION)
    draft = document.draft
    article = last_article(document)
    assert article.heading == "其他规定"
    term = next(f for f in draft.fields.values() if f.name == "有效期年")
    document.push(ops.set_field_value(draft, term.id, "2026"))

    def trailing_now():  # the signature page and the annexes, kept apart from the body
        annexes = [(a.label, a.title, plain(a.body)) for a in draft.annexes]
        return plain(draft.signature.body), annexes, len(draft.parts)

    trailing = trailing_now()
    assert [a[0] for a in trailing[1]] == ["附件1", "附件2"] and trailing[2] == 1
    others = list(draft.parts[0].articles[:-1])
    before = dumps(draft)
    steps = document.undo_stack.count()

    chosen = choose_first_variant(qtbot, window, article.id)

    (dialog,) = answers.shown  # imported, filled in: the lawyer is asked
    assert "其他规定" in dialog.message.text() and "filled in below" in dialog.message.text()
    assert "有效期年" in dialog.fields.text() and "2026" in dialog.fields.text()
    diff = dialog.findChild(QTextBrowser, "swapDiff").toPlainText()
    assert "第十六条 其他规定" in diff and "2026" in diff  # what goes, values filled in
    swapped = last_article(document)
    assert swapped.provenance.library_article_id == chosen
    assert draft.parts[0].articles[:-1] == others  # every other article as it was
    assert trailing_now() == trailing
    assert document.undo_stack.count() == steps + 1

    out = tmp_path / "swapped.docx"
    export_draft(draft, out)
    back = read_any(out)
    (doc,) = back.documents
    assert [a.label.value for a in doc.annexes] == ["附件1", "附件2"]
    assert "以下为本合同签署页" in back.text and "数据交付质量标准要求示例" in back.text
    assert doc.parts[0].articles[-1].heading.value == swapped.heading

    document.undo_stack.undo()
    assert dumps(draft) == before
    assert last_article(document).heading == "其他规定"


def test_a_cancelled_swap_changes_nothing(qtbot, window, answers) -> None:
    answers.reply = QDialog.DialogCode.Rejected
    document = window.open_path(DATA_PROVISION)
    before = dumps(document.draft)
    choose_first_variant(qtbot, window, last_article(document).id)
    assert len(answers.shown) == 1
    assert dumps(document.draft) == before
    assert document.undo_stack.count() == 0


def test_an_unchanged_library_article_swaps_without_asking(qtbot, window, answers) -> None:
    document = window.open_path(DATA_PROVISION)
    draft = document.draft
    part = draft.parts[0]
    library = window.library
    topic = next(t for t in library.topics() if t.name == "保密")
    row = library.articles_in_topic(topic.id)[0]
    document.push(insert_from_library(draft, library, "article", row.id, part.id, 0))
    taken = part.articles[0]
    chosen = choose_first_variant(qtbot, window, taken.id)
    assert answers.shown == []
    assert part.articles[0].provenance.library_article_id == chosen


def test_a_library_article_with_an_edited_clause_asks_first(qtbot, window, answers) -> None:
    document = window.open_path(DATA_PROVISION)
    draft = document.draft
    part = draft.parts[0]
    library = window.library
    topic = next(t for t in library.topics() if t.name == "保密")
    row = next(r for r in library.articles_in_topic(topic.id) if library.clauses_of(r.id))
    document.push(insert_from_library(draft, library, "article", row.id, part.id, 0))
    clause = part.articles[0].children[0]
    document.push(ops.set_text(draft, clause.id, "律师改写的一款。"))
    status = window.inspector.findChild(QLabel, "clauseStatus")
    window.inspector.set_current_node(part.articles[0].id)
    qtbot.waitUntil(lambda: status.text().startswith("Changed"))  # the article, for its clause
    answers.reply = QDialog.DialogCode.Rejected
    choose_first_variant(qtbot, window, part.articles[0].id)
    (dialog,) = answers.shown
    assert "律师改写的一款。" in dialog.findChild(QTextBrowser, "swapDiff").toPlainText()
    assert not dialog.fields.isVisibleTo(dialog)  # nothing filled: no values spoken of
    assert "filled in" not in dialog.message.text()
    assert part.articles[0].children[0] is clause


def test_a_variant_gone_from_the_library_is_a_message_not_a_change(
    qtbot, window, answers, monkeypatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    document = window.open_path(DATA_PROVISION)
    before = dumps(document.draft)
    window.inspector.set_current_node(last_article(document).id)
    assert window.inspector.clause.swap_in(10**6) is None
    assert warned == ["the library has no article 1000000"]
    assert answers.shown == [] and dumps(document.draft) == before
