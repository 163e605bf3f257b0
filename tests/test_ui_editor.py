"""The editor window end to end, offscreen, as the issue describes it: a seed contract open,
search 保密, drag the first hit between the 2nd and 3rd article (through mimeData into the
model, and through synthesized drag events on the document), references follow, paste a
reference into a clause, fill 【通知期限】 in the inspector, undo to the original exactly,
save, reopen, compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView, QTabWidget

from app.model import ops
from app.model.fileformat import dumps
from app.model.files import load_draft
from app.model.view import show
from app.ui.contract_model import ContractModel, KindRole
from app.ui.document_view import DocumentView
from clause_db.reader import read_outline
from resources import SEED_FILES
from tests.conftest import FIXTURES
from tests.document_helpers import CTRL, body, click_at, expected_text, heading, select_between

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def articles(model: ContractModel) -> list[dict]:
    return show(model.draft)["parts"][0]["articles"]


def rendered_text(model: ContractModel) -> str:
    def walk(items):
        for item in items:
            yield item["text"]
            yield from walk(item["clauses"])

    data = show(model.draft)
    return "".join(p["text"] + "".join(walk(p["articles"])) for p in data["parts"])


def first_search_hit(window: MainWindow, query: str):
    panel = window.library_panel
    panel.search_box.setText(query)
    panel.run_search()
    model = panel.hits_model
    assert model.rowCount() > 0
    return model.mimeData([model.index(0, 0)])


def test_objects_other_checks_rely_on(window, draft_path):
    window.open_path(draft_path)
    for name in ("libraryTree", "librarySearch", "contractTabs", "contractView", "outlineView",
                 "inspector", "fieldsTable", "checksList"):  # fmt: skip
        assert window.findChild(QObject, name) is not None, name
    assert isinstance(window.findChild(QTabWidget, "contractTabs"), QTabWidget)


def test_the_issue_scenario(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    original = dumps(document.draft)
    view = window.findChild(DocumentView, "contractView")
    model = view.contract_model
    part = model.index(0, 0)
    before = articles(model)

    # a reference to today's 第三条, pasted into the first clause of 第一条 (bound as typed)
    first_clause = document.draft.parts[0].articles[0].children[0]
    click_at(qtbot, view, body(first_clause.id), 0)
    QApplication.clipboard().setText("双方按照本合同第三条的规定结算。")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert "第三条" in articles(model)[0]["clauses"][0]["text"]

    # drag the first 保密 hit between the 2nd and 3rd article (model path)
    mime = first_search_hit(window, "保密")
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, 2, 0, part)
    after = articles(model)
    assert len(after) == len(before) + 1
    assert [a["label"] for a in after][:4] == ["第一条", "第二条", "第三条", "第四条"]
    assert after[3]["heading"] == before[2]["heading"]  # the old 第三条 is now 第四条
    assert after[0]["clauses"][0]["text"].startswith("双方按照本合同第四条的规定结算。")
    assert view.visible_text() == expected_text(document.draft)

    # the same drop through synthesized drag events on the document, onto the top of 第三条
    mime = first_search_hit(window, "保密")
    third = document.draft.parts[0].articles[2].id
    view.jump_to(third)
    block = view.document().findBlockByNumber(view.block_index(heading(third)))
    rect = view.document().documentLayout().blockBoundingRect(block)
    pos = QPoint(int(rect.left()) + 40, int(rect.top()) - view.verticalScrollBar().value() + 2)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    viewport = view.viewport()
    enter = QDragEnterEvent(
        pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(
        pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(
        QPointF(pos), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, drop)
    after2 = articles(model)
    assert len(after2) == len(before) + 2
    assert after2[2]["heading"] == after[2]["heading"]  # a second copy landed as 第三条
    assert after2[0]["clauses"][0]["text"].startswith("双方按照本合同第五条的规定结算。")
    assert view.visible_text() == expected_text(document.draft)

    # fill 【通知期限】 in the inspector: all four occurrences change, on the page too
    table = window.findChild(QTableView, "fieldsTable")
    fields = table.model()
    row = next(r for r in range(fields.rowCount()) if "通知期限" in str(fields.index(r, 0).data()))
    assert fields.setData(fields.index(row, 1), "十五日", Qt.ItemDataRole.EditRole)
    assert rendered_text(model).count("十五日") == 4
    assert view.visible_text().count("十五日") == 4

    # undo everything: the original exactly
    stack = document.undo_stack
    assert stack.count() >= 4
    while stack.canUndo():
        stack.undo()
    assert dumps(document.draft) == original
    assert view.visible_text() == expected_text(document.draft)

    # redo, save, reopen, compare
    while stack.canRedo():
        stack.redo()
    assert window.save_current()
    assert load_draft(draft_path) == document.draft
    assert not document.is_modified()


def test_library_enter_inserts_after_the_current_article(window, draft_path):
    document = window.open_path(draft_path)
    view = window.findChild(DocumentView, "contractView")
    model = view.contract_model
    view.jump_to(document.draft.parts[0].articles[0].id)
    count = len(articles(model))
    panel = window.library_panel
    panel.search_box.setText("不可抗力")
    panel.run_search()
    kind, item_id = panel.hits_model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    window.insert_library_ref(kind, item_id)
    assert len(articles(model)) == count + (1 if kind == "article" else 1)
    assert document.undo_stack.undoText().startswith("Insert")  # the English UI
    assert view.visible_text() == expected_text(document.draft)


def test_move_within_the_contract_by_drag(window, draft_path):
    window.open_path(draft_path)
    model = window.findChild(DocumentView, "contractView").contract_model
    part = model.index(0, 0)
    headings = [a["heading"] for a in articles(model)]
    mime = model.mimeData([model.index(4, 0, part)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, part)
    assert [a["heading"] for a in articles(model)] == [headings[4]] + headings[:4] + headings[5:]
    # dropped onto an article: a clause of it (demoted)
    mime = model.mimeData([model.index(1, 0, part)])
    target = model.index(0, 0, part)
    clauses = model.rowCount(target)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
    assert model.rowCount(model.index(0, 0, part)) == clauses + 1
    assert model.index(0, 0, part).data(KindRole) == "article"


def test_numbering_style_menu_and_close_asks(window, draft_path):
    document = window.open_path(draft_path)
    model = window.findChild(DocumentView, "contractView").contract_model
    window.set_numbering("english")
    assert articles(model)[0]["label"] == "Article 1"
    assert document.is_modified()
    asked = []
    window.ask_save = lambda d: asked.append(d) or QMessageBox.StandardButton.Cancel
    window.close()
    assert asked and window.isVisible()  # cancelled: nothing lost
    window.ask_save = lambda d: QMessageBox.StandardButton.Discard


def test_open_text_file_and_bad_file(window, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    doc = window.open_path(SEED_FILES[0])
    assert doc is not None and len(doc.draft.parts) == 3
    bad = tmp_path / "bad.contract"
    bad.write_text("{not json")
    assert window.open_path(bad) is None
    assert warnings and "bad.contract" in warnings[0]


def test_saving_selection_to_the_library(window, draft_path):
    window.open_path(draft_path)
    view = window.findChild(DocumentView, "contractView")
    before = window.library.stats()["sources"]
    articles_ = view.draft.parts[0].articles
    select_between(view, (heading(articles_[1].id), 2), (heading(articles_[2].id), 1))
    assert view.selected_node_ids()[0] == articles_[1].id
    window.save_selection_to_library()
    assert window.library.stats()["sources"] == before + 1


def test_edits_go_through_undo_with_readable_names(window, draft_path):
    document = window.open_path(draft_path)
    node_id = document.draft.parts[0].articles[0].id
    document.push(ops.set_heading(document.draft, node_id, "总则"))
    assert window.undo_action.text() == "&Undo Edit heading “总则”"  # the English UI


def test_copy_paste_and_cut(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = window.findChild(DocumentView, "contractView")
    view.setFocus()
    model = view.contract_model
    count = len(articles(model))
    first, second = document.draft.parts[0].articles[:2]
    select_between(view, (heading(first.id), 0), (heading(second.id), 0))
    assert window.copy_selection()
    select_between(view, (heading(second.id), 0), (heading(second.id), 0))
    window.paste()
    assert len(articles(model)) == count + 1
    assert articles(model)[1]["heading"] == articles(model)[0]["heading"]
    copy = document.draft.parts[0].articles[1]
    select_between(view, (heading(copy.id), 0), (heading(second.id), 0))
    window.cut_selection()
    assert len(articles(model)) == count
    QApplication.clipboard().setText("新增的约定：双方另行协商。")
    click_at(qtbot, view, heading(first.id), len(first.heading))
    window.paste()  # one line of text: into the heading at the caret
    assert document.draft.parts[0].articles[0].heading.endswith("双方另行协商。")
    assert document.undo_stack.count() == 3
    assert view.visible_text() == expected_text(document.draft)


def test_importing_into_the_library_in_the_background(window, tmp_path):
    source = tmp_path / "extra.txt"
    source.write_text(
        "补充协议\n第一条 标的\n甲方向乙方采购设备。\n第二条 保密\n双方应保密。\n", encoding="utf-8"
    )
    before = window.library.stats()["sources"]
    assert window.import_file_into_library(source)
    assert window.library.stats()["sources"] == before + 1


def test_export_to_word_from_the_window(window, draft_path, tmp_path, monkeypatch):
    from docx import Document
    from PySide6.QtWidgets import QDialog, QFileDialog

    from app.ui.export_dialog import ExportDialog

    window.open_path(draft_path)
    target = tmp_path / "out.docx"
    asked = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    assert window.export_current() == target
    assert asked and "通知期限" in asked[0]  # warned about the unfilled fields first
    headings = [p.text for p in Document(str(target)).paragraphs if p.style.name == "Heading 1"]
    assert headings[0].startswith("第一条")


def test_new_from_library_source_keeps_its_title_and_numbering(window) -> None:
    seed = window.library.sources_list()[0]
    document = window.new_from_library_source(seed.id)
    tabs = window.tabs
    assert tabs.tabText(tabs.currentIndex()) == seed.title == document.draft.title
    assert document.draft.numbering == "chinese"
    articles = [a for p in document.draft.parts for a in p.articles]
    assert len(articles) == len(window.library.articles_in_source(seed.id))
    assert not document.is_modified() and not document.undo_stack.canUndo()

    outline = read_outline(FIXTURES / "en_services_agreement_articles.txt")
    [english] = window.library.import_outline(outline, "services.txt")
    assert window.new_from_library_source(english).draft.numbering == "english_roman"  # ARTICLE I
