"""The compare engine: a round of edits made through the editing commands, compared back,
gives exactly those changes (the oracle knows them by node id, see ``edit_rounds``), on the
seed and on every corpus contract; moves are moves; differences read as a lawyer marks them."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import editing
from app.model.compare import compare_drafts
from app.model.doc_blocks import BlockRef
from app.model.draft import Draft, Node, Part
from app.model.importer import draft_from_document
from app.model.pairing import in_order
from app.model.text_diff import DELETE, EQUAL, INSERT, text_diff
from app.readers import read_any
from resources import SEED_FILES
from tests.conftest import CORPUS
from tests.edit_rounds import apply, edit_round, expected_changes, found_changes

if TYPE_CHECKING:
    from pathlib import Path

CONTRACTS = [SEED_FILES[0], *sorted(p for p in CORPUS.iterdir()
                                    if p.suffix in (".txt", ".md", ".docx")
                                    and p.name != "SOURCES.md")]  # fmt: skip


def draft_of(path: Path) -> Draft:
    outline = read_any(path)
    return draft_from_document(outline.documents[0], outline.text, path.name)


def articles(*texts: str) -> Draft:
    """A one-part Chinese draft of articles (heading, text) without clauses."""
    draft = Draft(title="合同")
    part = Part(draft.new_id())
    for heading, body in (t.split("|") for t in texts):
        part.articles.append(Node(draft.new_id(), heading=heading, body=[body]))
    draft.parts.append(part)
    return draft


# -- a round of edits ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_a_round_of_edits_compared_back_gives_exactly_those_changes(path):
    done = edit_round(draft_of(path))
    comparison = compare_drafts(done.old, done.new)
    moved = {done.moved} if done.moved else set()
    outside = {"标题", "首部", "Title", "Preamble"}
    listed = [c for c in comparison.changes if (c.old or c.new) not in outside]
    assert found_changes(listed) == expected_changes(done.old, done.new, moved)
    if done.moved:  # a moved article is one change, labelled as each version numbers it
        assert comparison.moved == moved
        assert sum(c.kind == "moved" for c in comparison.changes) == 1
    assert done.reworded is not None and done.inserted is not None


@pytest.mark.parametrize("path", CONTRACTS[:4], ids=lambda p: p.name)
def test_a_version_compared_with_itself_has_no_changes(path):
    draft = draft_of(path)
    assert compare_drafts(draft, copy.deepcopy(draft)).changes == []


def test_an_annex_article_is_compared_as_an_article_labelled_inside_its_annex():
    old = draft_of(next(p for p in CONTRACTS if p.name.startswith("zh_gf2025")))
    new = copy.deepcopy(old)
    annex = new.annexes[1]
    first = annex.parts[0].articles[0]
    text = "".join(s for s in first.body if isinstance(s, str))
    added = [text + "另有约定的除外。"]
    apply(new, editing.set_block_text(new, BlockRef("body", first.id), added))
    second = annex.parts[0].articles[1]
    apply(new, editing.move(new, BlockRef("heading", second.id), +1))
    changes = [(c.kind, c.old, c.new) for c in compare_drafts(old, new).changes]
    assert changes == [
        ("changed", "附件2 一、", "附件2 一、"),
        ("moved", "附件2 二、", "附件2 三、"),
    ]


def test_a_renumbered_article_is_moved_not_deleted_and_inserted():
    old = articles("定义|本合同所称数据。", "交付|乙方按期交付。", "费用|甲方支付费用。",
                   "保密|双方保守秘密。", "违约|违约方赔偿损失。", "争议|协商解决。",
                   "生效|签字生效。", "附则|未尽事宜另议。")  # fmt: skip
    new = copy.deepcopy(old)
    fifth = new.parts[0].articles[4]
    apply(new, editing.move(new, BlockRef("heading", fifth.id), +3))
    changes = compare_drafts(old, new).changes
    assert [(c.kind, c.old, c.new) for c in changes] == [("moved", "第五条", "第八条")]
    assert changes[0].old_text == changes[0].new_text == "违约\n违约方赔偿损失。"


def test_a_moved_and_edited_article_is_one_moved_change_with_both_texts():
    old = articles(
        *(f"标题{i}|第{i}项约定的内容，包括甲方和乙方各自的权利义务{i}。" for i in range(10))
    )
    new = copy.deepcopy(old)
    node = new.parts[0].articles[1]
    node.body = ["第1项约定的内容，包括甲方和乙方各自的全部权利义务1。"]
    apply(new, editing.move(new, BlockRef("heading", node.id), +6))
    changes = compare_drafts(old, new).changes
    assert [(c.kind, c.old, c.new) for c in changes] == [("moved", "第二条", "第八条")]
    assert "全部" in changes[0].new_text and "全部" not in changes[0].old_text


def test_a_clause_moved_into_another_article_is_moved():
    old = articles("费用|", "保密|", "违约|")
    for i, article in enumerate(old.parts[0].articles):
        article.children = [Node(old.new_id(), body=[f"第{i}条第{j}款的约定内容不可更改。"])
                            for j in range(3)]  # fmt: skip
    new = copy.deepcopy(old)
    clause = new.parts[0].articles[0].children.pop(1)
    new.parts[0].articles[2].children.append(clause)
    changes = compare_drafts(old, new).changes
    assert [(c.kind, c.old, c.new) for c in changes] == [("moved", "1.2", "3.4")]


def test_inserted_and_deleted_articles_carry_their_clauses():
    old = articles("定义|本合同所称数据。", "费用|甲方支付费用。")
    old.parts[0].articles[1].children = [Node(old.new_id(), body=["按月支付。"])]
    new = articles("定义|本合同所称数据。", "保密|双方保守秘密。")
    changes = compare_drafts(old, new).changes
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("deleted", "第二条", None), ("inserted", None, "第二条")]  # fmt: skip
    assert changes[0].old_text == "费用\n甲方支付费用。\n2.1 按月支付。"


def test_text_outside_the_articles_is_compared_too():
    old = articles("定义|本合同所称数据。")
    new = copy.deepcopy(old)
    new.title = "数据提供合同"
    new.preamble = ["双方协商一致。"]
    changes = compare_drafts(old, new).changes
    assert [(c.kind, c.old, c.new) for c in changes] == [
        ("changed", "标题", "标题"), ("inserted", None, "首部")]  # fmt: skip


def test_labels_follow_each_version_numbering_style():
    old = articles("Definitions|Data means the data.", "Fees|The Client pays the fees.")
    old.numbering = "english"
    new = copy.deepcopy(old)
    new.parts[0].articles[1].body = ["The Client pays all fees."]
    (change,) = compare_drafts(old, new).changes
    assert (change.kind, change.old, change.new) == ("changed", "Article 2", "Article 2")


# -- differences inside a text -----------------------------------------------------------------


def test_chinese_differs_by_character():
    ops = text_diff("甲方应于每月五日前支付服务费用。", "甲方应于每月十日前支付服务费用。")
    assert ops == [(EQUAL, "甲方应于每月"), (DELETE, "五"), (INSERT, "十"),
                   (EQUAL, "日前支付服务费用。")]  # fmt: skip


def test_english_differs_by_whole_words():
    ops = text_diff("The Client shall pay the fees.", "The Client shall pay all fees.")
    assert ops == [(EQUAL, "The Client shall pay "), (DELETE, "the"), (INSERT, "all"),
                   (EQUAL, " fees.")]  # fmt: skip
    assert (DELETE, "pay") in text_diff("to pay now", "to paid now")  # not "y" -> "id"


def test_a_rewritten_passage_is_one_change_without_one_character_islands():
    ops = text_diff(
        "乙方应当保守甲方的商业秘密，不得泄露。", "甲方应当在合同终止后返还全部资料，不得泄露。"
    )
    between = [ops[i] for i in range(1, len(ops) - 1) if ops[i][0] == EQUAL]
    assert all(len(text) > 1 for _, text in between)
    assert ops[-1] == (EQUAL, "，不得泄露。")


@settings(max_examples=30, deadline=None)
@given(st.text("甲乙方应当的 pay fees.\n", max_size=40), st.text("甲乙方应当的 pay fees.\n",
                                                                   max_size=40))  # fmt: skip
def test_a_text_diff_rebuilds_both_texts(old, new):
    ops = text_diff(old, new)
    assert "".join(t for op, t in ops if op != INSERT) == old
    assert "".join(t for op, t in ops if op != DELETE) == new
    assert all(t for _, t in ops)


def test_in_order_keeps_the_longest_rising_run():
    assert in_order({0: 0, 1: 4, 2: 1, 3: 2, 4: 3}) == {0, 2, 3, 4}
    assert in_order({}) == set()
