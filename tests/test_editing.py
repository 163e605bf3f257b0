"""The centre's editing entry point: each key does what a word processor that knows contracts
would do, renumbers, keeps references bound, and undoes exactly (compared as saved files)."""

from __future__ import annotations

import pytest

from app.model import clipboard, editing, fileformat
from app.model.commands import Changes, Compound
from app.model.doc_blocks import BlockRef, blocks
from app.model.draft import Blank, Draft, Field, Node, Part, Party, Ref
from app.model.editing import EditError, Pos
from app.model.ops import History, delete_node, set_field_value


def heading(node_id: int) -> BlockRef:
    return BlockRef("heading", node_id)


def body(node_id: int) -> BlockRef:
    return BlockRef("body", node_id)


def contract() -> Draft:
    """第一条 保密 (1.1, 1.2 with 1.2.1), 第二条 违约 citing 1.2 and holding a blank."""
    c11 = Node(3, body=["乙方应保守秘密。"])
    c12 = Node(4, body=["例外情形如下："], children=[Node(5, body=["公开信息。"])])
    a1 = Node(2, heading="保密", body=["双方约定："], children=[c11, c12])
    a2 = Node(
        6,
        heading="违约",
        body=["违反第", Ref(4, "cn_clause", "第1.2条"), "条的，赔偿", Blank(9, "____"), "元。"],
    )
    return Draft(
        title="服务合同",
        parties=[Party("甲方", "某公司"), Party("乙方")],
        preamble=["双方协商一致，订立本合同。"],
        parts=[Part(1, articles=[a1, a2])],
        fields={9: Field(9, "金额")},
        next_id=10,
    )


def two_parts() -> Draft:
    draft = contract()
    draft.parts.append(
        Part(
            10,
            title="第二部分",
            body=["附则。"],
            articles=[Node(11, heading="生效", body=["签字生效。"])],
        )
    )
    draft.next_id = 12
    return draft


def labels(draft: Draft) -> dict[BlockRef, str]:
    return {b.ref: b.label for b in blocks(draft)}


def texts(draft: Draft) -> dict[BlockRef, str]:
    return {b.ref: b.text for b in blocks(draft)}


class Session:
    """A draft with its undo history; every edit is checked to undo and redo exactly."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.history = History(draft)
        self.original = fileformat.dumps(draft)
        self.caret: Pos | None = None

    def do(self, edit: editing.Edit | None) -> editing.Edit | None:
        if edit is None or edit.command is None:
            return edit
        before = fileformat.dumps(self.draft)
        self.history.push(edit.command)
        after = fileformat.dumps(self.draft)
        edit.command.revert(self.draft)
        assert fileformat.dumps(self.draft) == before
        edit.command.apply(self.draft)
        assert fileformat.dumps(self.draft) == after
        self.caret = edit.caret
        assert edit.caret.ref in {b.ref for b in blocks(self.draft)}
        return edit

    def undo_all(self) -> None:
        while self.history.undo():
            pass
        assert fileformat.dumps(self.draft) == self.original


# -- a new draft --------------------------------------------------------------------------------


def test_new_draft_has_one_part_one_empty_article_and_the_caret_in_its_heading():
    draft = editing.new_draft()
    assert len(draft.parts) == 1 and len(draft.parts[0].articles) == 1
    article = draft.parts[0].articles[0]
    assert (article.heading, article.body, article.children) == ("", [], [])
    assert editing.first_caret(draft) == Pos(heading(article.id), 0)
    assert labels(draft)[heading(article.id)] == "第一条"
    assert [p.role for p in draft.parties] == ["甲方", "乙方"]
    assert fileformat.loads(fileformat.dumps(draft)) == draft


def test_scenario_title_heading_enter_text_tab_clause_undoes_to_the_empty_start():
    s = Session(editing.new_draft())
    d = s.draft
    s.do(editing.type_text(d, Pos(BlockRef("title", 0), 0), "服务合同"))
    s.do(editing.type_text(d, editing.first_caret(d), "保密"))
    art = d.parts[0].articles[0].id
    edit = editing.enter(d, Pos(heading(art), 2))
    assert edit.command is None and edit.caret == Pos(body(art), 0)
    s.do(editing.type_text(d, edit.caret, "乙方应保守秘密。"))
    s.do(editing.demote(d, body(art)))
    clause = d.parts[0].articles[0].children[0]
    assert (d.parts[0].articles[0].body, clause.body) == ([], ["乙方应保守秘密。"])
    assert labels(d)[body(clause.id)] == "1.1"
    s.do(editing.enter(d, Pos(body(clause.id), 8)))
    assert labels(d)[s.caret.ref] == "1.2"
    s.undo_all()


# -- typing -------------------------------------------------------------------------------------


def test_typing_in_one_block_merges_into_one_undo_step():
    s = Session(contract())
    for i, ch in enumerate("甲方应"):
        s.do(editing.type_text(s.draft, Pos(body(3), i), ch))
    assert s.draft.node(3).body == ["甲方应乙方应保守秘密。"]
    assert len(s.history.done) == 1
    s.undo_all()


def test_a_paste_after_typing_is_an_undo_step_of_its_own():
    s = Session(contract())
    s.do(editing.type_text(s.draft, Pos(body(3), 0), "甲"))
    s.do(editing.paste(s.draft, Pos(body(3), 1), "一行文字"))
    s.do(editing.type_text(s.draft, Pos(BlockRef("title", 0), 0), "新"))
    s.do(editing.paste(s.draft, Pos(BlockRef("title", 0), 1), "的"))
    assert [c.name.zh for c in s.history.done] == ["输入文字", "粘贴", "编辑合同标题", "粘贴"]
    for _ in range(3):
        s.history.undo()
    assert s.draft.node(3).body == ["甲乙方应保守秘密。"] and s.draft.title == "服务合同"
    s.undo_all()


def test_typing_the_title_and_a_party_name_merges_and_the_signature_follows():
    s = Session(contract())
    for i, ch in enumerate("有限公司"):
        s.do(editing.type_text(s.draft, Pos(BlockRef("party_name", 1), i), ch))
    assert len(s.history.done) == 1
    assert s.draft.parties[1].name == "有限公司"
    sig = texts(s.draft)[BlockRef("signature", 1)]
    assert sig.startswith("乙方（盖章）：有限公司")
    changes = s.history.done[0].changes(s.draft)
    assert BlockRef("signature", 1) in changes.blocks and not changes.structure
    s.undo_all()


def test_typing_into_the_signature_block_is_refused_in_one_sentence():
    with pytest.raises(EditError, match="signature"):
        editing.type_text(contract(), Pos(BlockRef("signature", 0), 0), "x")


def test_set_block_text_keeps_blanks_and_references_and_ignores_no_change():
    d = contract()
    segs = editing.segments_of(d, body(6))
    assert editing.set_block_text(d, body(6), segs) is None
    edit = editing.set_block_text(d, body(6), ["若", *segs])
    edit.command.apply(d)
    assert d.node(6).body[0] == "若违反第" and isinstance(d.node(6).body[1], Ref)


def test_set_block_text_refuses_a_blank_of_a_field_the_draft_does_not_have():
    with pytest.raises(EditError, match="field 99"):
        editing.set_block_text(contract(), body(3), ["x", Blank(99, "____")])


def test_position_outside_the_text_or_a_stale_block_is_an_edit_error():
    d = contract()
    with pytest.raises(EditError, match="outside"):
        editing.type_text(d, Pos(body(3), 99), "x")
    with pytest.raises(EditError, match="outside"):
        editing.type_text(d, Pos(body(3), -1), "x")
    with pytest.raises(EditError, match="no article or clause 77"):
        editing.enter(d, Pos(body(77), 0))
    with pytest.raises(EditError, match="no party 5"):
        editing.type_text(d, Pos(BlockRef("party_name", 4), 0), "x")


def test_object_characters_and_unicode_line_breaks_typed_or_pasted_never_become_chips():
    s = Session(contract())
    s.do(editing.type_text(s.draft, Pos(body(3), 0), "甲\ufffc乙\u2028丙\u2029丁\r\n戊"))
    assert s.draft.node(3).body == ["甲乙\n丙\n丁\n戊乙方应保守秘密。"]
    s.do(editing.paste(s.draft, Pos(heading(2), 0), "\ufffc"))
    assert editing.type_text(s.draft, Pos(heading(2), 0), "\ufffc") is None
    assert s.draft.node(2).heading == "保密"  # nothing left to paste: no step
    s.do(editing.set_block_text(s.draft, heading(6), ["违\ufffc约", "\u2028"]))
    assert s.draft.node(6).heading == "违约\n"
    s.undo_all()


def test_a_lone_surrogate_typed_becomes_a_replacement_character_not_a_broken_file():
    s = Session(contract())
    s.do(editing.type_text(s.draft, Pos(body(3), 0), "\ud800"))
    assert s.draft.node(3).body == ["\ufffd乙方应保守秘密。"]


# -- Enter --------------------------------------------------------------------------------------


def test_enter_at_the_end_of_a_clause_starts_the_next_one_and_renumbers():
    s = Session(contract())
    s.do(editing.enter(s.draft, Pos(body(3), 8)))
    new = s.caret.ref.owner
    assert [c.id for c in s.draft.node(2).children] == [3, new, 4]
    assert labels(s.draft)[body(new)] == "1.2" and labels(s.draft)[body(4)] == "1.3"
    ref = s.draft.node(6).body[1]
    assert ref.target == 4  # still bound to the clause, which now reads 1.3
    s.undo_all()


def test_enter_inside_a_clause_splits_it_and_its_clauses_follow_the_text_after():
    s = Session(contract())
    s.do(editing.enter(s.draft, Pos(body(4), 4)))
    tail = s.caret.ref.owner
    assert s.draft.node(4).body == ["例外情形"] and s.draft.node(4).children == []
    assert s.draft.node(tail).body == ["如下："]
    assert [c.id for c in s.draft.node(tail).children] == [5]
    shown = [b.text for b in blocks(s.draft)]
    assert shown[shown.index("例外情形") :][:3] == ["例外情形", "如下：", "公开信息。"]
    s.undo_all()


def test_enter_at_the_start_of_a_clause_opens_an_empty_one_before_and_keeps_the_caret():
    s = Session(contract())
    s.do(editing.enter(s.draft, Pos(body(3), 0)))
    assert s.caret == Pos(body(3), 0)
    assert s.draft.node(2).children[0].body == [] and labels(s.draft)[body(3)] == "1.2"
    s.undo_all()


def test_enter_in_an_article_text_makes_its_first_clause():
    s = Session(contract())
    s.do(editing.enter(s.draft, Pos(body(2), 2)))
    first = s.draft.node(2).children[0]
    assert s.draft.node(2).body == ["双方"] and first.body == ["约定："]
    assert labels(s.draft)[body(first.id)] == "1.1" and labels(s.draft)[body(3)] == "1.2"
    s.undo_all()


def test_enter_inside_a_heading_moves_the_rest_to_the_text():
    s = Session(contract())
    s.do(editing.enter(s.draft, Pos(heading(6), 1)))
    assert s.draft.node(6).heading == "违"
    assert s.draft.node(6).body[0] == "约违反第"
    assert s.caret == Pos(body(6), 0)
    s.undo_all()


def test_enter_in_the_title_moves_on_and_in_the_preamble_breaks_the_line():
    d = contract()
    edit = editing.enter(d, Pos(BlockRef("title", 0), 2))
    assert edit.command is None and edit.caret == Pos(BlockRef("party_name", 0), 0)
    s = Session(d)
    s.do(editing.enter(d, Pos(BlockRef("preamble", 0), 7)))
    assert d.preamble == ["双方协商一致，\n订立本合同。"]


# -- Backspace ----------------------------------------------------------------------------------


def test_backspace_at_the_start_of_a_clause_merges_it_into_the_one_before():
    s = Session(contract())
    s.do(editing.backspace_at_start(s.draft, body(4)))
    assert s.draft.node(4) is None
    assert s.draft.node(3).body == ["乙方应保守秘密。例外情形如下："]
    assert s.caret == Pos(body(3), 8)
    # 1.2.1 keeps its level: now a clause of 1.1
    assert labels(s.draft)[body(5)] == "1.1.1"
    ref = s.draft.node(6).body[1]
    assert ref.target == 4 and ref.last == "第1.2条"  # dangling, reads what it read
    s.undo_all()


def test_backspace_at_the_start_of_a_first_clause_joins_the_article_text_not_its_heading():
    d = contract()
    d.node(2).body = []
    s = Session(d)
    s.do(editing.backspace_at_start(d, body(3)))
    assert d.node(2).heading == "保密" and d.node(2).body == ["乙方应保守秘密。"]
    assert s.caret == Pos(body(2), 0)
    s.undo_all()


def test_backspace_at_the_start_of_the_first_block_does_nothing():
    assert editing.backspace_at_start(contract(), BlockRef("title", 0)) is None


def test_backspace_at_a_worded_heading_only_steps_back():
    d = contract()
    edit = editing.backspace_at_start(d, heading(6))
    assert edit.command is None and edit.caret == Pos(body(5), 5)


def test_backspace_in_an_empty_new_article_removes_it():
    s = Session(contract())
    s.do(editing.new_article(s.draft, Pos(body(3), 0)))
    new = s.caret.ref.owner
    s.do(editing.backspace_at_start(s.draft, heading(new)))
    assert s.draft.node(new) is None
    assert s.caret == Pos(body(5), 5)
    s.undo_all()


def test_backspace_never_removes_the_only_article():
    d = editing.new_draft()
    edit = editing.backspace_at_start(d, editing.first_caret(d).ref)
    assert edit.command is None


# -- Tab / Shift+Tab ----------------------------------------------------------------------------


def test_tab_on_the_first_article_or_clause_does_nothing():
    d = contract()
    assert editing.demote(d, heading(2)) is None
    assert editing.demote(d, body(3)) is None
    assert editing.demote(d, BlockRef("title", 0)) is None


def test_tab_makes_an_article_a_clause_of_the_one_before_and_references_follow():
    s = Session(contract())
    s.draft.node(3).body.append(Ref(6, "cn_article", "第二条"))
    s.original = fileformat.dumps(s.draft)
    s.do(editing.demote(s.draft, heading(6)))
    assert [c.id for c in s.draft.node(2).children] == [3, 4, 6]
    assert labels(s.draft)[heading(6)] == "1.3"
    s.undo_all()


def test_shift_tab_makes_a_clause_an_article_and_the_clauses_after_it_its_own():
    s = Session(contract())
    s.draft.node(2).children.append(Node(20, body=["末款。"]))
    s.draft.next_id = 21
    s.original = fileformat.dumps(s.draft)
    s.do(editing.promote(s.draft, body(4), 2))
    assert [a.id for a in s.draft.parts[0].articles] == [2, 4, 6]
    assert [c.id for c in s.draft.node(4).children] == [5, 20]
    assert labels(s.draft)[heading(4)] == "第二条" and labels(s.draft)[heading(6)] == "第三条"
    assert s.caret == Pos(body(4), 2)
    assert editing.promote(s.draft, heading(2)) is None  # an article goes no higher
    s.undo_all()


# -- Ctrl+Enter, Alt+arrows ---------------------------------------------------------------------


def test_ctrl_enter_adds_an_article_after_the_current_one_and_in_an_empty_draft():
    s = Session(contract())
    s.do(editing.new_article(s.draft, Pos(body(5), 1)))
    assert [a.id for a in s.draft.parts[0].articles][:2] == [2, s.caret.ref.owner]
    empty = Session(Draft())
    empty.do(editing.new_article(empty.draft, Pos(BlockRef("title", 0), 0)))
    assert len(empty.draft.parts) == 1 and len(empty.history.done) == 1
    empty.undo_all()


def test_alt_down_moves_an_article_and_references_keep_pointing_at_it():
    s = Session(contract())
    s.draft.preamble.append(Ref(2, "cn_article", "第一条"))
    s.original = fileformat.dumps(s.draft)
    s.do(editing.move(s.draft, heading(2), +1))
    assert [a.id for a in s.draft.parts[0].articles] == [6, 2]
    assert labels(s.draft)[heading(2)] == "第二条"
    assert s.draft.preamble[-1].target == 2
    assert editing.move(s.draft, heading(2), +1) is None  # already last
    s.undo_all()


# -- deleting across blocks ---------------------------------------------------------------------


def test_delete_across_two_clauses_joins_the_text_before_and_after():
    s = Session(contract())
    s.do(editing.delete_range(s.draft, Pos(body(3), 2), Pos(body(4), 2)))
    assert s.draft.node(3).body == ["乙方情形如下："]
    assert s.draft.node(4) is None and labels(s.draft)[body(5)] == "1.1.1"
    s.undo_all()


def test_delete_range_in_either_order_is_the_same():
    a, b = contract(), contract()
    editing.delete_range(a, Pos(body(3), 2), Pos(body(5), 1)).command.apply(a)
    editing.delete_range(b, Pos(body(5), 1), Pos(body(3), 2)).command.apply(b)
    assert fileformat.dumps(a) == fileformat.dumps(b)


def test_delete_spanning_a_whole_part_merges_what_is_left():
    s = Session(two_parts())
    d = s.draft
    s.do(editing.delete_range(d, Pos(body(5), 2), Pos(body(11), 2)))
    assert len(d.parts) == 1
    assert d.node(5).body == ["公开生效。"]
    assert d.node(6) is None and d.node(11) is None
    s.undo_all()


def test_delete_from_the_title_into_an_article_empties_parties_and_keeps_levels():
    s = Session(contract())
    d = s.draft
    s.do(editing.delete_range(d, Pos(BlockRef("title", 0), 2), Pos(body(3), 3)))
    assert d.title == "服务保守秘密。"
    assert [p.name for p in d.parties] == ["", ""]  # party lines emptied, parties kept
    assert d.preamble == []
    assert [a.id for a in d.parts[0].articles] == [4, 6]  # 1.2 had no article left above it
    assert labels(d)[heading(4)] == "第一条" and labels(d)[body(5)] == "1.1"
    s.undo_all()


def test_delete_into_the_signature_stops_before_it_and_from_it_does_nothing():
    s = Session(contract())
    sig = Pos(BlockRef("signature", 1), 3)
    s.do(editing.delete_range(s.draft, Pos(body(6), 0), sig))
    assert s.draft.node(6).body == []
    assert editing.delete_range(s.draft, sig, Pos(BlockRef("signature", 0), 0)) is None
    s.undo_all()


def test_delete_everything_leaves_a_draft_that_still_saves_and_undoes():
    s = Session(two_parts())
    listed = blocks(s.draft)
    s.do(editing.delete_range(s.draft, Pos(listed[0].ref, 0), Pos(listed[-1].ref, 0)))
    assert texts(s.draft)[BlockRef("title", 0)] == ""
    assert len(s.draft.parts) == 1
    s.undo_all()


def test_emptying_a_part_text_or_a_clause_heading_puts_the_caret_where_a_block_still_is():
    d = two_parts()
    d.node(3).heading = "保密义务"
    s = Session(d)
    whole = (Pos(BlockRef("part_body", 10), 0), Pos(BlockRef("part_body", 10), 3))
    s.do(editing.delete_range(d, *whole))
    assert s.caret == Pos(BlockRef("part_title", 10), 4)  # the text went with its block
    s.do(editing.set_block_text(d, heading(3), []))
    assert s.caret == Pos(body(3), 0)
    s.undo_all()


def test_delete_range_with_a_stale_block_is_an_edit_error():
    with pytest.raises(EditError, match="not in the draft"):
        editing.delete_range(contract(), Pos(body(3), 0), Pos(body(404), 0))


# -- cut, copy, paste ---------------------------------------------------------------------------


def test_cut_then_paste_in_place_restores_the_article_and_its_references():
    d = contract()
    d.preamble.append(Ref(6, "cn_article", "第二条"))
    original = fileformat.dumps(d)
    data = clipboard.copy_nodes(d, [6], "me")
    s = Session(d)
    s.do(editing.delete_range(d, Pos(heading(6), 0), Pos(body(6), 12)))
    assert s.caret == Pos(heading(6), 0) and d.node(6).body == []  # Word leaves the empty line
    s.do(editing.paste(d, s.caret, data, origin="me"))
    assert fileformat.dumps(d) == original


def test_cut_whole_articles_then_paste_elsewhere_moves_them_with_their_references():
    s = Session(contract())
    d = s.draft
    d.preamble.append(Ref(2, "cn_article", "第一条"))
    s.original = fileformat.dumps(d)
    data = clipboard.copy_nodes(d, [2], "me")
    s.do(editing.delete_nodes(d, [2, 3]))
    assert [a.id for a in d.parts[0].articles] == [6]
    s.do(editing.paste(d, Pos(body(6), 3), data, origin="me"))
    assert [a.id for a in d.parts[0].articles] == [6, 2]
    assert labels(d)[heading(2)] == "第二条" and d.preamble[-1].target == 2
    s.undo_all()


def test_delete_from_the_start_of_a_clause_into_the_next_keeps_the_second():
    s = Session(contract())
    s.do(editing.delete_range(s.draft, Pos(body(3), 0), Pos(body(4), 2)))
    assert s.draft.node(3) is None and s.draft.node(4).body == ["情形如下："]
    assert s.caret == Pos(body(4), 0) and labels(s.draft)[body(4)] == "1.1"
    s.undo_all()


def test_paste_own_clauses_after_the_current_one_with_their_fields():
    s = Session(contract())
    data = clipboard.copy_nodes(s.draft, [6], "me")
    s.do(editing.paste(s.draft, Pos(body(3), 3), data, origin="other"))
    pasted = s.draft.node(2).children[1]
    assert labels(s.draft)[heading(pasted.id)] == "1.2"
    assert any(isinstance(seg, Blank) for seg in pasted.body)
    s.undo_all()


@pytest.mark.parametrize(
    "garbage",
    [b"", b"\xff\xfe", b"{}", b'{"format": "contract-editor/nodes", "version": 99}', b"[" * 5000],
)
def test_pasting_garbage_clipboard_data_is_one_sentence_and_changes_nothing(garbage):
    d = contract()
    before = fileformat.dumps(d)
    with pytest.raises(EditError):
        editing.paste(d, Pos(body(3), 0), garbage, origin="me")
    assert fileformat.dumps(d) == before


def test_plain_text_with_numbered_lines_becomes_articles_and_clauses():
    s = Session(contract())
    text = "第一条 定义\r\n本合同中：\r\n1.1 甲方指买方。\r\n第二条 付款\r\n甲方应付款____元。"
    s.do(editing.paste(s.draft, Pos(body(6), 3), text))
    articles = s.draft.parts[0].articles
    assert [a.heading for a in articles] == ["保密", "违约", "定义", "付款"]
    assert articles[2].children[0].body == ["甲方指买方。"]
    assert any(isinstance(seg, Blank) for seg in articles[3].body)
    assert labels(s.draft)[heading(articles[3].id)] == "第四条"
    s.undo_all()


def test_plain_text_of_numbered_clauses_becomes_clauses_after_the_current_one():
    s = Session(contract())
    s.do(editing.paste(s.draft, Pos(body(3), 8), "1.1 甲方应付款。\n1.2 乙方应交货。"))
    clauses = s.draft.node(2).children
    assert [c.body for c in clauses[1:3]] == [["甲方应付款。"], ["乙方应交货。"]]
    assert labels(s.draft)[body(clauses[2].id)] == "1.3" and labels(s.draft)[body(4)] == "1.4"
    s.undo_all()


def test_typing_into_a_chip_fills_the_field_everywhere_in_one_step():
    s = Session(contract())
    s.do(editing.fill_field(s.draft, 9, "100", Pos(body(6), 9)))
    assert s.draft.fields[9].value == "100" and s.caret == Pos(body(6), 9)
    assert s.history.done[-1].changes(s.draft) == Changes(set(), False, {9})
    with pytest.raises(EditError, match="no field 8"):
        editing.fill_field(s.draft, 8, "x")
    s.undo_all()


def test_plain_paste_puts_lines_in_at_the_caret_and_blanks_become_fields():
    s = Session(contract())
    s.do(editing.paste(s.draft, Pos(body(3), 2), "定义如下\n付____元", segment=False))
    segs = s.draft.node(3).body
    assert segs[0] == "乙方定义如下\n付" and isinstance(segs[1], Blank)
    assert s.caret == Pos(body(3), 2 + len("定义如下\n付") + 1 + len("元"))
    s.undo_all()


def test_pasting_lines_into_a_title_keeps_it_one_line():
    s = Session(contract())
    s.do(editing.paste(s.draft, Pos(BlockRef("title", 0), 0), "新\n标题"))
    assert s.draft.title == "新 标题服务合同"


# -- parties ------------------------------------------------------------------------------------


def test_add_and_remove_a_party_each_one_step():
    s = Session(contract())
    s.do(editing.add_party(s.draft))
    assert [p.role for p in s.draft.parties] == ["甲方", "乙方", "丙方"]
    assert labels(s.draft)[BlockRef("party_name", 2)] == "丙方："
    s.do(editing.remove_party(s.draft, 0))
    assert [p.role for p in s.draft.parties] == ["乙方", "丙方"]
    with pytest.raises(EditError):
        editing.remove_party(s.draft, 5)
    s.undo_all()


def test_a_party_added_to_a_preamble_that_names_the_parties_puts_the_caret_in_the_preamble():
    d = Draft(preamble=["甲方：某公司\n乙方：另一公司"])
    edit = editing.add_party(d)
    assert edit.caret == Pos(BlockRef("preamble", 0), 0)
    edit.command.apply(d)
    assert [p.role for p in d.parties] == ["甲方"]


# -- what each command says it changed ----------------------------------------------------------


def test_changes_say_which_block_changed_and_whether_the_structure_did():
    d = contract()
    typing = editing.type_text(d, Pos(body(3), 0), "甲").command
    typing.apply(d)
    assert typing.changes(d) == Changes({body(3)}, False, set())
    split = editing.enter(d, Pos(body(3), 1)).command
    split.apply(d)
    assert split.changes(d).structure
    fill = set_field_value(d, 9, "100")
    fill.apply(d)
    assert fill.changes(d) == Changes(set(), False, {9})


def test_emptying_a_clause_heading_is_a_structure_change_its_block_goes():
    d = contract()
    d.node(3).heading = "标题"
    command = editing.set_block_text(d, heading(3), []).command
    command.apply(d)
    assert command.changes(d).structure
    assert heading(3) not in labels(d)


def test_the_first_english_words_relabel_the_draft_and_say_so():
    d = editing.new_draft(roles=())
    command = editing.type_text(d, Pos(BlockRef("title", 0), 0), "Services Agreement").command
    command.apply(d)
    assert command.changes(d).structure
    assert labels(d)[editing.first_caret(d).ref] == "Article 1"
    command.revert(d)
    assert command.changes(d).structure  # and back
    assert labels(d)[editing.first_caret(d).ref] == "第一条"


def test_changes_of_a_step_whose_text_a_later_step_removed_is_a_structure_change():
    d = contract()
    typing = editing.type_text(d, Pos(body(3), 0), "甲").command
    typing.apply(d)
    gone = delete_node(d, 3)
    gone.apply(d)
    both = Compound("x", typing.ids, [typing, gone])
    assert both.changes(d).structure and body(3) in both.changes(d).blocks
    party = editing.type_text(d, Pos(BlockRef("party_name", 1), 0), "乙").command
    party.apply(d)
    d.parties.pop()
    assert party.changes(d).structure


def test_a_text_typed_away_to_an_empty_string_leaves_the_caret_in_a_shown_block():
    draft = contract()  # 第一条 has a heading and clauses: its emptied text is not shown
    s = Session(draft)
    edit = s.do(editing.set_block_text(draft, body(2), [""]))
    assert edit.caret == Pos(heading(2), 0)


def test_a_new_draft_takes_the_parties_and_numbering_of_its_language() -> None:
    chinese, english = editing.new_draft(), editing.new_draft(language="en")
    assert [p.role for p in chinese.parties] == ["甲方", "乙方"]
    assert [b.label for b in blocks(chinese) if b.ref.kind == "heading"] == ["第一条"]
    assert [p.role for p in english.parties] == ["Party A", "Party B"]
    assert [b.label for b in blocks(english) if b.ref.kind == "heading"] == ["Article 1"]


def test_remembered_node_places_never_find_a_removed_node_and_follow_moves():
    """``Draft.find`` remembers places for speed; a structural command forgets them."""
    draft = contract()
    history = History(draft)
    assert draft.node(5).body == ["公开信息。"]  # 1.2.1, remembered from here on
    history.push(delete_node(draft, 2))  # its article goes, and 1.2.1 with it
    assert draft.node(5) is None and draft.node(4) is None
    assert draft.find(6)[2] == 0  # 违约 now stands first
    history.undo()
    assert draft.node(5).body == ["公开信息。"] and draft.find(6)[2] == 1
    editing.move(draft, heading(6), -1).command.apply(draft)  # 违约 moves up by one
    assert [a.id for a in draft.parts[0].articles] == [6, 2]
    assert draft.find(6)[2] == 0 and draft.find(2)[2] == 1
    editing.set_block_text(draft, body(5), ["改写。"]).command.apply(draft)  # text only
    assert draft.node(5).body == ["改写。"]
