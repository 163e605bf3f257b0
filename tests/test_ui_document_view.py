"""The centre document on the real MainWindow, driven by real events: the issue's scenario
from New to a saved draft and back by Undo, and each behaviour a lawyer relies on (numbers
painted not typed, IME, Enter/Backspace/Tab/Ctrl+Enter/Alt+arrows, deletes across clauses,
chips, the signature block, the safety net, undo keys, zoom, drops with a line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from app.model.doc_blocks import BlockRef
from app.model.draft import Blank
from app.model.editing import Pos
from app.model.fileformat import dumps
from app.model.files import load_draft
from app.ui.item_refs import refs_mime_data
from resources import SEED_FILES
from tests.document_helpers import (
    ALT,
    CTRL,
    SHIFT,
    body,
    click_at,
    expected_text,
    heading,
    ime_commit,
    select_between,
    type_text,
)

if TYPE_CHECKING:
    from app.ui.document_view import DocumentView
    from app.ui.main_window import MainWindow

TITLE = BlockRef("title", 0)


def view_of(window: MainWindow) -> DocumentView:
    view = window.tabs.current_view()
    view.setFocus()
    return view


def same_on_screen(view: DocumentView) -> None:
    assert view.visible_text() == expected_text(view.draft)


def drag_drop(view: DocumentView, point: QPoint, mime) -> QDragMoveEvent:
    """Synthesized drag events at ``point`` of the viewport (QTest cannot drag offscreen)."""
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    args = (actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(point, *args))
    move = QDragMoveEvent(point, *args)
    QApplication.sendEvent(view.viewport(), move)
    QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(point), *args))
    return move


def top_edge_of(view: DocumentView, ref: BlockRef) -> QPoint:
    """A point just inside the top of a block, on screen."""
    view.jump_to(ref.owner)
    block = view.document().findBlockByNumber(view.block_index(ref))
    rect = view.document().documentLayout().blockBoundingRect(block)
    y = int(rect.top()) - view.verticalScrollBar().value() + 3
    return QPoint(int(rect.left()) + 60, y)


def library_article(window: MainWindow, where: str) -> int:
    row = window.library.db.execute(
        f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.id LIMIT 1"
    ).fetchone()
    return row[0]


def test_the_issue_scenario_from_new_to_saved_and_back_by_undo(qtbot, window, tmp_path):
    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    start = dumps(document.draft)
    first = document.draft.parts[0].articles[0].id
    assert view.current_ref() == heading(first), "New puts the caret in the first heading"

    click_at(qtbot, view, TITLE, 0)
    type_text(view, "技术服务合同")
    click_at(qtbot, view, heading(first), 0)
    type_text(view, "定义")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.current_ref() == body(first)
    type_text(view, "本合同用语含义如下。")
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the article's text becomes its clause 1.1
    clause = document.draft.parts[0].articles[0].children[0].id
    assert view.current_ref() == body(clause)
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_text(view, "服务指乙方提供的技术服务。")
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)  # 第二条
    type_text(view, "费用")
    assert document.draft.title == "技术服务合同"
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("技术服务合同")
    assert [a.heading for a in document.draft.parts[0].articles] == ["定义", "费用"]
    assert "1.2 服务指乙方提供的技术服务。" in view.visible_text()
    same_on_screen(view)

    # the 保密 article dragged between the two articles: the line's place decides
    secret = library_article(
        window,
        "a.heading = '保密条款'"
        " AND a.id IN (SELECT article_id FROM clauses WHERE text LIKE '%甲方%')",
    )
    second = document.draft.parts[0].articles[1].id
    move = drag_drop(
        view,
        top_edge_of(view, heading(second)),
        refs_mime_data(window.library, [("article", secret)]),
    )
    assert move.isAccepted()
    headings = [a.heading for a in document.draft.parts[0].articles]
    assert headings == ["定义", "保密条款", "费用"]
    # and an article with blanks after it, to fill one by typing into its chip
    with_blanks = library_article(
        window, "a.id IN (SELECT article_id FROM placeholders WHERE kind != 'checkbox')"
    )
    last = document.draft.parts[0].articles[-1].id
    drag_drop(
        view,
        top_edge_of(view, heading(last)) + QPoint(0, 400),
        refs_mime_data(window.library, [("article", with_blanks)]),
    )
    assert len(document.draft.parts[0].articles) == 4
    same_on_screen(view)

    node, index = next(
        (n, i)
        for _, n in document.draft.nodes()
        for i, s in enumerate(n.body)
        if isinstance(s, Blank) and not s.blank.startswith("{{☐") and s.blank not in "□☐"
    )
    offset = sum(1 if not isinstance(s, str) else len(s) for s in node.body[:index])
    click_at(qtbot, view, body(node.id), offset)  # a click on the chip selects it
    assert view.textCursor().selectedText() == "\ufffc"
    chip = view.textCursor().selectionStart()
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # Tab, Shift+Tab: to the next blank and back
    assert view.textCursor().selectionStart() > chip
    qtbot.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    assert view.textCursor().selectionStart() == chip
    field_id = node.body[index].field_id
    type_text(view, "三十日")
    assert document.draft.fields[field_id].value == "三十日"
    same_on_screen(view)

    # Ctrl+H: 甲方 -> 委托方 in the selection (the 保密 article) only, one undo step
    articles = document.draft.parts[0].articles
    secret_ids = {n.id for n in articles[1].walk()}

    def party_words(ids_inside: bool) -> str:
        return "".join(
            (n.heading + "".join(s for s in n.body if isinstance(s, str)))
            for _, n in document.draft.nodes()
            if (n.id in secret_ids) == ids_inside
        )

    outside = party_words(False)
    assert "甲方" in party_words(True)
    select_between(view, (heading(articles[1].id), 0), (heading(articles[2].id), 0))
    steps = document.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_H, CTRL)
    bar = window.findChild(QWidget, "findBar")
    type_text(bar.findChild(QLineEdit, "findEdit"), "甲方")
    type_text(bar.findChild(QLineEdit, "replaceEdit"), "委托方")
    qtbot.mouseClick(bar.findChild(QPushButton, "replaceAllButton"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(bar.findChild(QLineEdit, "findEdit"), Qt.Key.Key_Escape)
    assert document.undo_stack.count() == steps + 1
    assert "甲方" not in party_words(True) and "委托方" in party_words(True)
    assert party_words(False) == outside  # nothing outside the selection
    same_on_screen(view)

    # cut the 保密 article and paste it after 费用
    articles = document.draft.parts[0].articles
    secret_node = articles[1]
    secret_text = [(n.heading, n.body) for n in secret_node.walk()]
    select_between(view, (heading(secret_node.id), 0), (heading(articles[2].id), 0))
    qtbot.keyClick(view, Qt.Key.Key_X, CTRL)
    assert [a.heading for a in document.draft.parts[0].articles][:2] == ["定义", "费用"]
    fee = document.draft.parts[0].articles[1]
    click_at(qtbot, view, heading(fee.id), len(fee.heading))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    pasted = [
        [(n.heading, n.body) for n in a.walk()]
        for a in document.draft.parts[0].articles
        if a.heading == "保密条款"
    ]
    assert pasted == [secret_text]
    same_on_screen(view)

    before_undo = dumps(document.draft)
    stack = document.undo_stack
    while stack.canUndo():
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert dumps(document.draft) == start
    same_on_screen(view)
    while stack.canRedo():
        qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)
    assert dumps(document.draft) == before_undo
    same_on_screen(view)

    target = tmp_path / "技术服务合同.contract"
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(target), ""))
    assert window.save_current()
    assert load_draft(target) == document.draft


def test_numbers_are_painted_never_in_the_text(window, draft_path):
    window.open_path(draft_path)
    view = view_of(window)
    assert "第一条" not in view.toPlainText()
    assert "第一条" in view.visible_text()
    same_on_screen(view)


def test_ime_preedit_is_shown_not_stored_and_the_commit_is_typed(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    node = document.draft.parts[0].articles[1].children[0]
    click_at(qtbot, view, body(node.id), 2)
    before = list(node.body)
    ime_commit(view, "", preedit="bao")
    assert node.body == before, "a pre-edit is not text yet"
    ime_commit(view, "保证", preedit="baozheng")
    assert node.body[0][2:4] == "保证"
    assert document.undo_stack.count() == 1
    same_on_screen(view)


def test_enter_splits_a_clause_renumbers_and_one_undo_joins_it(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    article = document.draft.parts[0].articles[1]
    clause = article.children[0]
    count = len(article.children)
    text = clause.body[0]
    click_at(qtbot, view, body(clause.id), 4)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert len(article.children) == count + 1
    assert article.children[1].body == [text[4:]]
    assert view.current_ref() == body(article.children[1].id)
    same_on_screen(view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert len(article.children) == count and article.children[0].body == [text]
    same_on_screen(view)


def test_backspace_at_a_start_merges_with_the_clause_before(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    article = document.draft.parts[0].articles[1]
    count = len(article.children)
    clause = article.children[0]
    text = clause.body[0]
    click_at(qtbot, view, body(clause.id), 4)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # a clause without a heading: 2.2
    assert len(article.children) == count + 1
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # at its start: back into 2.1
    article = document.draft.parts[0].articles[1]
    assert len(article.children) == count and article.children[0].body == [text]
    assert view.current_ref() == body(clause.id)
    assert view.textCursor().position() == view.position_of(Pos(body(clause.id), 4))
    assert document.undo_stack.count() == 2
    same_on_screen(view)


def test_tab_demotes_shift_tab_promotes_alt_arrows_move(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    articles = document.draft.parts[0].articles
    count = len(articles)
    third = articles[2]
    click_at(qtbot, view, heading(third.id), 0)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert len(articles) == count - 1 and articles[1].children[-1] is third
    same_on_screen(view)
    qtbot.keyClick(view, Qt.Key.Key_Backtab, SHIFT)
    assert articles[2] is third
    qtbot.keyClick(view, Qt.Key.Key_Up, ALT)
    assert articles[1] is third
    qtbot.keyClick(view, Qt.Key.Key_Down, ALT)
    assert articles[2] is third
    same_on_screen(view)
    names = [document.undo_stack.text(i) for i in range(document.undo_stack.count())]
    assert all(names), "every step has a readable name"


def test_deleting_across_clauses_is_one_step_and_undo_restores_it(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    original = dumps(document.draft)
    view = view_of(window)
    article = document.draft.parts[0].articles[1]
    a, b = article.children[0], article.children[1]
    select_between(view, (body(a.id), 2), (body(b.id), 3))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert document.undo_stack.count() == 1
    same_on_screen(view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert dumps(document.draft) == original
    same_on_screen(view)


def test_typing_over_a_selection_across_articles_replaces_it(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    articles = document.draft.parts[0].articles
    count = len(articles)
    select_between(view, (heading(articles[1].id), 1), (heading(articles[2].id), 1))
    type_text(view, "甲")
    assert len(document.draft.parts[0].articles) == count - 1
    same_on_screen(view)


def test_the_signature_block_is_shown_and_refuses_typing(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    original = dumps(document.draft)
    view = view_of(window)
    assert "（盖章）" in view.visible_text()
    click_at(qtbot, view, BlockRef("signature", 0), 2)
    type_text(view, "改")
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    ime_commit(view, "改")
    assert dumps(document.draft) == original
    assert "signature block follows the parties" in window.statusBar().currentMessage()  # said
    same_on_screen(view)


def test_a_native_edit_across_blocks_is_put_back_from_the_model(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    original = dumps(document.draft)
    view = view_of(window)
    article = document.draft.parts[0].articles[1]
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(Pos(body(article.children[0].id), 2)))
    cursor.setPosition(
        view.position_of(Pos(body(article.children[1].id), 2)), QTextCursor.MoveMode.KeepAnchor
    )
    cursor.removeSelectedText()  # what the standard context menu's Delete would do
    qtbot.waitUntil(lambda: view.visible_text() == expected_text(document.draft))
    assert dumps(document.draft) == original


def test_clicking_a_chip_selects_its_field_and_typing_fills_every_occurrence(
    qtbot, window, draft_path
):
    document = window.open_path(draft_path)
    view = view_of(window)
    draft = document.draft
    field_id = next(f.id for f in draft.fields.values() if f.name == "通知期限")
    node, index = next(
        (n, i)
        for _, n in draft.nodes()
        for i, s in enumerate(n.body)
        if isinstance(s, Blank) and s.field_id == field_id
    )
    offset = sum(1 if not isinstance(s, str) else len(s) for s in node.body[:index])
    click_at(qtbot, view, body(node.id), offset)  # on the chip: selects it and its field
    table = window.findChild(QTableView, "fieldsTable")
    assert table.currentIndex().isValid()
    assert "通知期限" in str(table.model().index(table.currentIndex().row(), 0).data())
    ime_commit(view, "十五日", preedit="shiwuri")
    assert draft.fields[field_id].value == "十五日"
    assert view.visible_text().count("十五日") == 4
    same_on_screen(view)


def test_ctrl_z_and_ctrl_y_in_the_document_use_the_drafts_stack(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    click_at(qtbot, view, TITLE, 0)
    type_text(view, "新")
    assert document.draft.title.startswith("新")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert not document.draft.title.startswith("新")
    same_on_screen(view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert document.draft.title.startswith("新")
    same_on_screen(view)


def test_zoom_keys_change_the_text_size_and_are_remembered(qtbot, window, draft_path):
    window.open_path(draft_path)
    view = view_of(window)
    size = view.font().pointSizeF()
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    assert view.font().pointSizeF() == size + 2
    window.open_path(SEED_FILES[0])
    assert window.tabs.current_view().font().pointSizeF() == size + 2, "remembered"
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert view.font().pointSizeF() == size
    same_on_screen(view)


def test_a_new_draft_accepts_a_drop_and_the_line_shows_where(qtbot, window):
    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    secret = library_article(window, "a.heading = '保密条款'")
    mime = refs_mime_data(window.library, [("article", secret)])
    first = document.draft.parts[0].articles[0].id
    point = top_edge_of(view, heading(first))
    actions = Qt.DropAction.CopyAction
    args = (actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(point, *args))
    move = QDragMoveEvent(point, *args)
    QApplication.sendEvent(view.viewport(), move)
    assert move.isAccepted()
    assert view.drop_line() is not None, "the insertion line is drawn"
    QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(point), *args))
    assert view.drop_line() is None
    assert document.draft.parts[0].articles[0].heading == "保密条款"
    same_on_screen(view)


def test_the_status_bar_counts_words_as_word_does(qtbot, window, draft_path):
    window.open_path(draft_path)
    label = window.findChild(QLabel, "wordCount")
    qtbot.waitUntil(lambda: bool(label.text()))
    assert any(ch.isdigit() for ch in label.text())


def test_the_context_menu_offers_the_structure_actions(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    articles = document.draft.parts[0].articles
    count = len(articles)
    click_at(qtbot, view, heading(articles[1].id), 0)
    menu = view.context_menu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert {"Undo", "Cut", "Copy", "Paste", "New article", "Demote (Tab)"} <= set(texts)
    next(a for a in menu.actions() if a.text() == "New article").trigger()
    assert len(document.draft.parts[0].articles) == count + 1
    assert view.current_ref() == heading(document.draft.parts[0].articles[2].id)
    same_on_screen(view)


def test_ctrl_wheel_zooms_once_the_wheel_stops(qtbot, window, draft_path):
    from PySide6.QtCore import QPoint as P
    from PySide6.QtGui import QWheelEvent

    window.open_path(draft_path)
    view = view_of(window)
    size = view.font().pointSizeF()
    centre = QPointF(view.viewport().rect().center())
    for _ in range(3):
        wheel = QWheelEvent(
            centre, view.mapToGlobal(centre), P(0, 0), P(0, 120), Qt.MouseButton.NoButton,
            CTRL, Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(view.viewport(), wheel)
    qtbot.waitUntil(lambda: view.font().pointSizeF() == size + 3)
    same_on_screen(view)


def test_pasted_text_with_article_lines_becomes_articles_and_ctrl_shift_v_keeps_it_text(
    qtbot, window
):
    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    QApplication.clipboard().setText("第一条 定义\n本合同用语如下。\n第二条 费用\n费用为一万元。")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert [a.heading for a in document.draft.parts[0].articles] == ["定义", "费用"]
    same_on_screen(view)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    click_at(qtbot, view, TITLE, 0)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL | SHIFT)  # plain: into the title as text
    assert len(document.draft.parts[0].articles) == 1
    assert "第二条" in document.draft.title
    same_on_screen(view)


def test_hostile_text_pasted_or_typed_never_becomes_a_chip_or_a_break(qtbot, window):
    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    first = document.draft.parts[0].articles[0].id
    QApplication.clipboard().setText("甲\ufffc乙\u2028丙\u202e丁")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    type_text(view, "\ufffc")
    ime_commit(view, "\ufffc戊")
    heading_text = document.draft.node(first).heading
    assert "\ufffc" not in heading_text and "\u2028" not in heading_text
    assert "甲" in heading_text and "戊" in heading_text
    same_on_screen(view)


def test_characters_outside_the_bmp_keep_offsets_right(qtbot, window):
    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    first = document.draft.parts[0].articles[0].id
    qtbot.keyClick(view, Qt.Key.Key_Return)  # to the article's text
    type_text(view, "𠀀𠀁甲乙")
    body_ref = body(first)
    assert document.draft.node(first).body == ["𠀀𠀁甲乙"]
    click_at(qtbot, view, body_ref, 3)  # after 𠀀𠀁甲 (five UTF-16 units)
    assert view.pos_at(view.textCursor().position()) == Pos(body_ref, 3)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # the text becomes clause 1.1
    clause = document.draft.node(first).children[0]
    click_at(qtbot, view, body(clause.id), 3)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert [c.body for c in document.draft.node(first).children] == [["𠀀𠀁甲"], ["乙"]]
    same_on_screen(view)


def test_a_drop_on_an_articles_text_makes_a_clause_of_it(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    article = document.draft.parts[0].articles[0]
    clauses = len(article.children)
    (clause_id,) = window.library.db.execute("SELECT min(id) FROM clauses").fetchone()
    mime = refs_mime_data(window.library, [("clause", clause_id)])
    # the lower half of a clause's text: after that clause, in the same article
    last = article.children[-1]
    view.jump_to(last.id)
    block = view.document().findBlockByNumber(view.block_index(body(last.id)))
    rect = view.document().documentLayout().blockBoundingRect(block)
    point = QPoint(int(rect.left()) + 60, int(rect.bottom()) - view.verticalScrollBar().value() - 3)
    drag_drop(view, point, mime)
    assert len(document.draft.parts[0].articles[0].children) == clauses + 1
    same_on_screen(view)


def test_the_word_count_follows_the_selection_and_the_article(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    label = window.findChild(QLabel, "wordCount")
    article = document.draft.parts[0].articles[0]
    click_at(qtbot, view, heading(article.id), 0)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    qtbot.waitUntil(lambda: "selection 5" in label.text())  # 第一条 and two characters
    assert "this article" in label.text()


def test_an_ime_preedit_over_a_selection_across_clauses_deletes_it_as_one_step(
    qtbot, window, draft_path
):
    document = window.open_path(draft_path)
    view = view_of(window)
    article = document.draft.parts[0].articles[1]
    a, b = article.children[0], article.children[1]
    select_between(view, (body(a.id), 2), (body(b.id), 3))
    ime_commit(view, "", preedit="jia")
    same_on_screen(view)
    ime_commit(view, "甲")
    assert document.undo_stack.count() == 2  # the deletion, then the typing
    same_on_screen(view)


def test_parties_are_added_and_removed_from_the_context_menu(qtbot, window):
    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    roles = [p.role for p in document.draft.parties]
    next(a for a in view.context_menu().actions() if a.text() == "Add a party").trigger()
    assert len(document.draft.parties) == len(roles) + 1
    assert view.current_ref() == BlockRef("party_name", len(roles))
    type_text(view, "丙公司")
    assert document.draft.parties[-1].name == "丙公司"
    # its signature line follows once the keystroke is handled (the next turn of the loop)
    qtbot.waitUntil(lambda: view.visible_text() == expected_text(document.draft))
    next(a for a in view.context_menu().actions() if a.text() == "Remove this party").trigger()
    assert [p.role for p in document.draft.parties] == roles
    same_on_screen(view)


def test_an_article_dragged_from_the_outline_moves_where_the_line_shows(qtbot, window, draft_path):
    document = window.open_path(draft_path)
    view = view_of(window)
    model = view.contract_model
    articles = document.draft.parts[0].articles
    ids = [a.id for a in articles]
    mime = model.mimeData([model.index(4, 0, model.index(0, 0))])  # what the outline drags
    move = drag_drop(view, top_edge_of(view, heading(ids[1])), mime)
    assert move.isAccepted()
    assert [a.id for a in document.draft.parts[0].articles] == [ids[0], ids[4], *ids[1:4], *ids[5:]]
    assert document.undo_stack.count() == 1
    same_on_screen(view)


def test_a_checkbox_blank_is_a_tick_box_that_a_click_and_space_tick(qtbot, window):
    window.new_draft()
    document = window.tabs.current_document()
    view = view_of(window)
    first = document.draft.parts[0].articles[0].id
    qtbot.keyClick(view, Qt.Key.Key_Return)  # to the article's text
    QApplication.clipboard().setText("□同意")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    (box,) = [s for s in document.draft.node(first).body if isinstance(s, Blank)]
    assert "☐同意" in view.visible_text()
    click_at(qtbot, view, body(first), 0)  # on the box: ticked, and selected
    assert document.draft.fields[box.field_id].value
    assert "☑同意" in view.visible_text()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not document.draft.fields[box.field_id].value
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert document.draft.fields[box.field_id].value == "1"
    same_on_screen(view)


def test_ctrl_click_on_a_reference_jumps_to_its_target(qtbot, window, draft_path):
    from app.model.draft import Ref

    document = window.open_path(draft_path)
    view = view_of(window)
    first_clause = document.draft.parts[0].articles[0].children[0]
    click_at(qtbot, view, body(first_clause.id), 0)
    QApplication.clipboard().setText("按照本合同第三条的规定。")
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    offset, ref = next(
        (i, s) for i, s in enumerate(first_clause.body) if isinstance(s, Ref)
    )  # the body is one string before the reference: its length is the offset
    offset = len(first_clause.body[0]) if offset else 0
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_of(Pos(body(first_clause.id), offset)))
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, CTRL, QPoint(rect.x() + 6, rect.center().y())
    )
    assert view.current_node_id() == ref.target


def test_a_chip_whose_value_a_replace_all_changed_is_measured_again(qtbot, window, draft_path):
    from app.model import find

    document = window.open_path(draft_path)
    view = view_of(window)
    draft = document.draft
    field = next(f for f in draft.fields.values() if f.name == "通知期限")
    node, seg = next(
        (n, s)
        for _, n in draft.nodes()
        for s in n.body
        if isinstance(s, Blank) and s.field_id == field.id
    )
    view.jump_to(node.id)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # on screen: laid out and painted
    view.viewport().repaint()
    document.push(ops_fill(draft, field.id, "十五个工作日"))
    qtbot.waitUntil(lambda: view.inline.laid_out.get(id(seg)) == "十五个工作日")
    options = find.FindOptions(field_values=True)
    edit = find.replace_all(draft, "十五个工作日", "三十日", options)  # in the values only
    document.push(edit.command)
    qtbot.waitUntil(lambda: view.inline.laid_out.get(id(seg)) == "三十日")
    same_on_screen(view)


def ops_fill(draft, field_id: int, value: str):
    from app.model import ops

    return ops.set_field_value(draft, field_id, value)


def test_a_narrower_window_narrows_the_page_once_resizing_pauses(qtbot, window, draft_path):
    window.open_path(draft_path)
    view = view_of(window)
    qtbot.waitUntil(lambda: view.lineWrapColumnOrWidth() > 0)
    wide = view.lineWrapColumnOrWidth()
    window.resize(700, window.height())
    qtbot.waitUntil(lambda: view.lineWrapColumnOrWidth() < wide)
    margins = view.viewportMargins()
    assert abs(margins.left() - margins.right()) <= 1  # still centred
    same_on_screen(view)
