"""Editing keeps a node's tables with the right node: a table stays after the text that
introduces it (费用如下：) -- Enter hands it to the part holding that text, Backspace and
deleting a selection keep it after the text that now comes before it, a merge keeps both
nodes' tables in order -- and topics are read from table cells too."""

from __future__ import annotations

from app.model import editing
from app.model.checks.topics import article_topic, topic_text
from app.model.doc_blocks import BlockRef
from app.model.draft import Cell, Draft, Node, Part, Table
from app.model.fileformat import dumps
from app.model.ops import History, merge_with_next, split_node


def _table(draft: Draft, label: str) -> Table:
    return Table(draft.new_id(), [[Cell(["项目"]), Cell(["金额"])], [Cell([label]), Cell(["1"])]])


def _fees() -> Draft:
    """第一条 费用 with a table after 费用如下：, clause 1.1 with one, clause 1.2 without."""
    draft = Draft(title="合同", next_id=1)
    c11 = Node(draft.new_id(), body=["服务费明细如下："])
    c12 = Node(draft.new_id(), body=["付款方式：转账。"])
    article = Node(draft.new_id(), "费用", ["费用如下："], children=[c11, c12])
    article.tables.append(_table(draft, "总价"))
    c11.tables.append(_table(draft, "服务费"))
    draft.parts.append(Part(draft.new_id(), articles=[article]))
    return draft


def _holders(draft: Draft) -> list[tuple[str, list[str]]]:
    """Each node's text and the labels of its tables, in reading order."""
    return [
        ("".join(map(str, node.body)), ["".join(t.rows[1][0].body) for t in node.tables])
        for _, node in draft.nodes()
    ]


def _push(draft: Draft, edit: editing.Edit) -> History:
    history = History(draft)
    before = dumps(draft)
    history.push(edit.command)
    after = dumps(draft)
    history.undo()
    assert dumps(draft) == before  # undo puts the tables back where they were
    history.redo()
    assert dumps(draft) == after
    return history


def test_enter_in_a_clause_hands_its_table_to_the_part_holding_the_text_before_it():
    draft = _fees()
    c11 = draft.parts[0].articles[0].children[0]
    _push(draft, editing.enter(draft, editing.Pos(BlockRef("body", c11.id), 3)))
    assert _holders(draft) == [
        ("费用如下：", ["总价"]),
        ("服务费", []),
        ("明细如下：", ["服务费"]),
        ("付款方式：转账。", []),
    ]


def test_enter_in_an_article_text_hands_its_table_to_the_new_first_clause():
    draft = _fees()
    article = draft.parts[0].articles[0]
    _push(draft, editing.enter(draft, editing.Pos(BlockRef("body", article.id), 2)))
    assert _holders(draft)[:3] == [
        ("费用", []),
        ("如下：", ["总价"]),
        ("服务费明细如下：", ["服务费"]),
    ]


def test_enter_at_the_end_of_a_text_leaves_its_table_where_it_is():
    draft = _fees()
    c11 = draft.parts[0].articles[0].children[0]
    _push(draft, editing.enter(draft, editing.Pos(BlockRef("body", c11.id), 8)))
    assert _holders(draft)[1:3] == [("服务费明细如下：", ["服务费"]), ("", [])]


def test_tab_in_an_article_text_makes_it_clause_1_with_its_tables():
    draft = _fees()
    article = draft.parts[0].articles[0]
    _push(draft, editing.demote(draft, BlockRef("body", article.id)))
    assert _holders(draft)[:2] == [("", []), ("费用如下：", ["总价"])]


def test_backspace_merging_a_clause_keeps_both_tables_in_order():
    draft = _fees()
    c11, c12 = draft.parts[0].articles[0].children
    c12.tables.append(_table(draft, "付款"))
    _push(draft, editing.backspace_at_start(draft, BlockRef("body", c12.id)))
    assert _holders(draft) == [
        ("费用如下：", ["总价"]),
        ("服务费明细如下：付款方式：转账。", ["服务费", "付款"]),
    ]


def test_deleting_a_clause_s_text_keeps_its_table_after_the_text_before_it():
    draft = _fees()
    article = draft.parts[0].articles[0]
    c11, c12 = article.children
    start = editing.Pos(BlockRef("body", c11.id), 0)  # the whole of 1.1 up to 1.2
    end = editing.Pos(BlockRef("body", c12.id), 0)
    _push(draft, editing.delete_range(draft, start, end))
    assert _holders(draft) == [("费用如下：", ["总价", "服务费"]), ("付款方式：转账。", [])]
    draft = _fees()  # from inside the article's text: 1.2's text joins it, after the tables
    article = draft.parts[0].articles[0]
    start = editing.Pos(BlockRef("body", article.id), 5)
    end = editing.Pos(BlockRef("body", article.children[1].id), 0)
    _push(draft, editing.delete_range(draft, start, end))
    assert _holders(draft) == [("费用如下：付款方式：转账。", ["总价", "服务费"])]


def test_split_and_merge_of_the_model_keep_tables_with_the_text_before_them():
    draft = _fees()
    c11, c12 = draft.parts[0].articles[0].children
    c12.tables.append(_table(draft, "付款"))
    history = History(draft)
    history.push(split_node(draft, c11.id, 3))
    assert _holders(draft)[1:3] == [("服务费", []), ("明细如下：", ["服务费"])]
    history.undo()
    history.push(merge_with_next(draft, c11.id))
    assert _holders(draft)[1] == ("服务费明细如下：付款方式：转账。", ["服务费", "付款"])
    history.undo()
    assert _holders(draft)[1:] == [("服务费明细如下：", ["服务费"]), ("付款方式：转账。", ["付款"])]


def test_an_article_s_topic_is_read_from_its_table_cells_too():
    draft = Draft(next_id=1)
    article = Node(draft.new_id())
    article.tables.append(
        Table(draft.new_id(), [[Cell(["争议解决方式"]), Cell(["仲裁"])]], after=["其他约定。"])
    )
    assert topic_text(article) == "争议解决方式 | 仲裁\n其他约定。"
    assert article_topic(article) == "dispute_resolution"
    article.tables.clear()
    child = Node(draft.new_id())
    child.tables.append(Table(draft.new_id(), [[Cell(["保密信息"]), Cell(["范围"])]]))
    article.children.append(child)
    assert article_topic(article) == "confidentiality"  # the first clause's table
