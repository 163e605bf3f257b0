"""Find and replace over the draft's texts (app.model.find), without Qt."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import find
from app.model.doc_blocks import BlockRef, block_text, blocks
from app.model.draft import Blank, Draft, Field, Node, Part, Party, Ref
from app.model.editing import Pos
from app.model.find import FindError, FindOptions, find_all, replace_all, replace_one, spans
from app.model.ops import History, delete_node, split_node

PLAIN = FindOptions(case_sensitive=True)


def contract() -> Draft:
    """甲方 in the title, a party, the preamble, a part's text, a heading, clause texts and a
    field's value; a reference and blanks between the words."""
    draft = Draft(title="甲方委托合同", parties=[Party("甲方", "甲方科技有限公司", "北京")])
    draft.fields[90] = Field(90, "联系人", name="联系人", value="甲方代表张三")
    draft.fields[91] = Field(91, "期限")
    part = Part(1, body=["本部分约定甲方的义务。"])
    article = Node(2, heading="甲方义务")
    article.children = [
        Node(3, body=["甲方应当按期付款；Party A shall pay."]),
        Node(4, body=["甲", Blank(91, "____"), "方联系人为", Blank(90, "【联系人】"), "。"]),
        Node(5, body=["依照", Ref(2, "cn_article", "第一条"), "，甲方通知乙方。"]),
    ]
    part.articles = [article, Node(6, heading="Third-party rights", body=["A party or PARTY."])]
    draft.parts = [part]
    draft.preamble = ["经甲方与乙方友好协商，订立本合同。"]
    draft.next_id = 100
    return draft


def where(matches) -> list[tuple[str, int, int, int]]:
    return [(m.pos.ref.kind, m.pos.ref.owner, m.pos.offset, m.length) for m in matches]


def test_find_all_lists_hits_in_every_text_in_reading_order() -> None:
    hits = find_all(contract(), "甲方", PLAIN)
    assert where(hits) == [
        ("title", 0, 0, 2),
        ("party_name", 0, 0, 2),
        ("preamble", 0, 1, 2),
        ("part_body", 1, 5, 2),
        ("heading", 2, 0, 2),
        ("body", 3, 0, 2),
        ("body", 5, 4, 2),  # after the reference (one character) and the comma
    ]
    assert spans(hits)[0] == (Pos(BlockRef("title", 0), 0), 2)
    assert all(h.text == "甲方" for h in hits)


def test_a_one_character_chinese_query_finds_each_character() -> None:
    hits = find_all(contract(), "乙", PLAIN)
    assert where(hits) == [("preamble", 0, 4, 1), ("body", 5, 8, 1)]


def test_a_hit_never_spans_a_blank_or_a_reference() -> None:
    draft = contract()
    assert [m.pos.ref.owner for m in find_all(draft, "甲方", PLAIN)].count(4) == 0
    regex = FindOptions(regex=True)
    assert not [m for m in find_all(draft, "甲.方", regex) if m.pos.ref.owner == 4]
    assert not find_all(draft, "依照.，", regex)
    assert not find_all(draft, "\ufffc", PLAIN)


def test_case_and_whole_word_apply_to_english_words() -> None:
    draft = contract()
    assert len(find_all(draft, "party", FindOptions())) == 4  # Party A, Third-party, party, PARTY
    assert len(find_all(draft, "party", PLAIN)) == 2
    whole = find_all(draft, "party", FindOptions(whole_word=True))
    assert len(whole) == 4  # "-" ends a word: Third-party counts, as in Word
    assert not find_all(draft, "part", FindOptions(whole_word=True))
    assert where(find_all(draft, "Party", FindOptions(case_sensitive=True, whole_word=True))) == [
        ("body", 3, 9, 5)
    ]


def test_whole_word_is_not_stopped_by_a_chinese_character() -> None:
    draft = Draft(preamble=["乙方Party甲方"])
    assert len(find_all(draft, "party", FindOptions(whole_word=True))) == 1


def test_a_regular_expression_finds_its_matches_and_an_invalid_one_says_why() -> None:
    draft = contract()
    hits = find_all(draft, r"[甲乙]方", FindOptions(regex=True))
    assert len(hits) == 9
    with pytest.raises(FindError, match="invalid regular expression") as caught:
        find_all(draft, "([", FindOptions(regex=True))
    assert "\n" not in str(caught.value)
    assert find_all(draft, "([", PLAIN) == []  # the same text as a plain query is just text
    assert find_all(draft, "^|x*", FindOptions(regex=True)) == []  # empty matches: none


def test_field_values_are_searched_only_when_asked_and_hit_their_chip() -> None:
    draft = contract()
    assert all(m.field_id is None for m in find_all(draft, "甲方", PLAIN))
    hits = [m for m in find_all(draft, "甲方", FindOptions(field_values=True)) if m.field_id]
    assert where(hits) == [("body", 4, 7, 1)]  # the 【联系人】 chip
    assert hits[0].field_id == 90 and hits[0].value_offset == 0


def test_a_selection_limits_the_search() -> None:
    draft = contract()
    body3, body5 = BlockRef("body", 3), BlockRef("body", 5)
    inside = find_all(draft, "甲方", PLAIN, (Pos(body3, 0), Pos(body5, 5)))
    assert where(inside) == [("body", 3, 0, 2)]  # 甲方 at 4..6 of body 5 is cut by the end
    backwards = find_all(draft, "甲方", PLAIN, (Pos(body5, 6), Pos(body3, 1)))
    assert where(backwards) == [("body", 5, 4, 2)]
    gone = find_all(draft, "甲方", PLAIN, (Pos(BlockRef("body", 999), 0), Pos(body5, 6)))
    assert gone == []


def test_replace_all_is_one_step_that_undo_reverts_exactly() -> None:
    draft = contract()
    before = copy.deepcopy(draft)
    history = History(draft)
    edit = replace_all(draft, "甲方", "委托方", FindOptions(field_values=True))
    assert edit.command.name.zh == "全部替换“甲方”为“委托方”"  # a readable undo step
    history.push(edit.command)
    assert draft.title == "委托方委托合同"
    assert draft.parties[0].name == "委托方科技有限公司"
    assert draft.node(2).heading == "委托方义务"
    assert draft.fields[90].value == "委托方代表张三"
    assert len(history.done) == 1
    assert find_all(draft, "甲方", FindOptions(field_values=True)) == []
    history.undo()
    assert draft == before
    history.redo()
    assert draft.preamble == ["经委托方与乙方友好协商，订立本合同。"]


def test_replace_keeps_blanks_and_references_bound_and_types_no_new_ones() -> None:
    draft = contract()
    blank = draft.node(4).body[3]
    ref = draft.node(5).body[1]
    edit = replace_all(draft, "联系人为", "第八条____", PLAIN)
    edit.command.apply(draft)
    body = draft.node(4).body
    assert body[3] is blank and draft.node(5).body[1] is ref
    assert body[2] == "方第八条____" and len(draft.fields) == 2
    assert block_text(body) == "甲\ufffc方第八条____\ufffc。"
    assert edit.caret == Pos(BlockRef("body", 4), 10)  # after the replaced text


def test_replace_all_in_a_selection_changes_only_what_is_selected() -> None:
    draft = contract()
    body3, body5 = BlockRef("body", 3), BlockRef("body", 5)
    replace_all(draft, "甲方", "委托方", PLAIN, (Pos(body3, 0), Pos(body5, 8))).command.apply(draft)
    assert draft.node(3).body == ["委托方应当按期付款；Party A shall pay."]
    assert draft.node(5).body[2] == "，委托方通知乙方。"
    assert draft.title == "甲方委托合同" and draft.node(2).heading == "甲方义务"


def test_replace_all_with_nothing_to_replace_is_no_step() -> None:
    assert replace_all(contract(), "丙方", "x", PLAIN) is None


def test_replace_one_replaces_that_hit_only_and_refuses_a_stale_one() -> None:
    draft = contract()
    hits = find_all(draft, "甲方", PLAIN)
    edit = replace_one(draft, hits[5], "甲方", "委托方", PLAIN)
    edit.command.apply(draft)
    assert draft.node(3).body == ["委托方应当按期付款；Party A shall pay."]
    assert draft.node(5).body[2] == "，甲方通知乙方。"
    assert edit.caret == Pos(BlockRef("body", 3), 3)
    with pytest.raises(FindError, match="changed"):
        replace_one(draft, hits[5], "甲方", "委托方", PLAIN)


def test_a_regular_expression_replacement_fills_in_its_groups() -> None:
    draft = Draft(preamble=["甲方与乙方"])
    options = FindOptions(regex=True)
    replace_all(draft, r"([甲乙])方", r"\1方当事人", options).command.apply(draft)
    assert draft.preamble == ["甲方当事人与乙方当事人"]
    with pytest.raises(FindError, match="invalid replacement"):
        replace_all(draft, r"([甲乙])方", r"\9", options)
    literal = Draft(preamble=["甲方"])
    replace_all(literal, "甲方", r"\1", PLAIN).command.apply(literal)
    assert literal.preamble == ["\\1"]  # not a regular expression: typed as it is


def test_a_newline_replacement_in_a_heading_becomes_a_space() -> None:
    draft = contract()
    replace_all(draft, "义务", r"\n", FindOptions(regex=True)).command.apply(draft)
    assert draft.node(2).heading == "甲方 "


# -- properties ---------------------------------------------------------------------------------

_PIECES = st.lists(
    st.one_of(st.text(alphabet="甲方aA ", max_size=6), st.just("BLANK"), st.just("REF")),
    max_size=6,
)


def _body(pieces: list[str]) -> list:
    out: list = []
    for p in pieces:
        if p == "BLANK":
            out.append(Blank(90, "____"))
        elif p == "REF":
            out.append(Ref(2, "cn_article", "第一条"))
        elif p:
            out.append(p)
    return out


@st.composite
def drafts(draw) -> Draft:
    draft = Draft(title=draw(st.text(alphabet="甲方aA ", max_size=6)))
    draft.fields[90] = Field(90, "期限", value=draw(st.text(alphabet="甲方a", max_size=4)))
    part = Part(1, body=_body(draw(_PIECES)))
    nodes = [Node(2 + i, heading=h, body=_body(b)) for i, (h, b) in enumerate(
        draw(st.lists(st.tuples(st.text(alphabet="甲方aA", max_size=4), _PIECES), max_size=4))
    )]  # fmt: skip
    part.articles = nodes
    draft.parts = [part]
    draft.preamble = _body(draw(_PIECES))
    draft.next_id = 100
    return draft


def _naive(draft: Draft, query: str) -> list[tuple[BlockRef, int]]:
    """str.find over each stretch of text between objects, block by block."""
    out = []
    for block in blocks(draft):
        if not block.editable:
            continue
        text, base = block.text, 0
        for piece in text.split("\ufffc"):
            i = piece.find(query)
            while i != -1:
                out.append((block.ref, base + i))
                i = piece.find(query, i + len(query))
            base += len(piece) + 1
    return out


@settings(max_examples=150, deadline=None)
@given(drafts(), st.text(alphabet="甲方aA ", min_size=1, max_size=3))
def test_find_all_finds_what_a_naive_search_finds(draft: Draft, query: str) -> None:
    assert [(m.pos.ref, m.pos.offset) for m in find_all(draft, query, PLAIN)] == _naive(
        draft, query
    )


@settings(max_examples=150, deadline=None)
@given(
    drafts(),
    st.text(alphabet="甲方aA ", min_size=1, max_size=3),
    st.text(alphabet="甲方乙aA ", max_size=3),
    st.booleans(),
)
def test_replace_all_then_undo_gives_back_the_draft(
    draft: Draft, query: str, replacement: str, values: bool
) -> None:
    before = copy.deepcopy(draft)
    options = FindOptions(case_sensitive=True, field_values=values)
    edit = replace_all(draft, query, replacement, options)
    assert draft == before  # building the step changes nothing
    if edit is None:
        assert find_all(draft, query, options) == []
        return
    history = History(draft)
    history.push(edit.command)
    for block in blocks(draft):  # each stretch between objects replaced as str.replace would
        old = next((b for b in blocks(before) if b.ref == block.ref), None)
        if old is not None and block.editable:
            expected = "\ufffc".join(
                p.replace(query, replacement) for p in old.text.split("\ufffc")
            )
            assert block.text == expected
    history.undo()
    assert draft == before


def test_replace_all_undoes_exactly_after_later_structure_edits_are_undone() -> None:
    draft = contract()
    before = copy.deepcopy(draft)
    history = History(draft)
    history.push(replace_all(draft, "甲方", "委托方", PLAIN).command)
    history.push(split_node(draft, 3, 2))  # the replaced clause split in two
    history.push(delete_node(draft, 5))
    replaced = copy.deepcopy(draft)
    for _ in range(3):
        history.undo()
    assert draft == before
    for _ in range(3):
        history.redo()
    assert draft == replaced


# -- careless and hostile input -------------------------------------------------------------


def test_a_value_shown_in_two_chips_is_replaced_once_and_one_chip_hit_replaces_it() -> None:
    draft = contract()
    draft.node(3).body.append(Blank(90, "【联系人】"))  # the named field's second occurrence
    options = FindOptions(field_values=True)
    chips = [m for m in find_all(draft, "甲方", options) if m.field_id == 90]
    assert len(chips) == 2  # the value shows twice
    replace_all(draft, "甲方", "委托方", options).command.apply(draft)
    assert draft.fields[90].value == "委托方代表张三"  # not replaced twice
    again = contract()
    hit = next(m for m in find_all(again, "代表", options) if m.field_id == 90)
    replace_one(again, hit, "代表", "联系人", options).command.apply(again)
    assert again.fields[90].value == "甲方联系人张三"


def test_empty_huge_and_broken_queries_find_nothing_and_raise_nothing() -> None:
    draft = contract()
    assert find_all(draft, "", PLAIN) == []
    assert replace_all(draft, "", "x", PLAIN) is None
    assert find_all(draft, "甲方" * 50_000, PLAIN) == []
    assert find_all(draft, "\ud800", PLAIN) == []  # a lone surrogate from a broken paste
    assert find_all(draft, "甲方", FindOptions(regex=True, whole_word=True)) != []


def test_a_broken_replacement_is_stored_as_a_file_can_hold_it() -> None:
    draft = Draft(preamble=["甲方"])
    replace_all(draft, "甲方", "乙\ud800方", PLAIN).command.apply(draft)
    assert draft.preamble == ["乙\ufffd方"]


def test_a_replacement_that_empties_a_text_leaves_its_blanks() -> None:
    draft = contract()
    replace_all(draft, ".+", "", FindOptions(regex=True)).command.apply(draft)
    assert draft.title == "" and draft.node(2).heading == ""
    assert [type(s).__name__ for s in draft.node(4).body] == ["Blank", "Blank"]
    assert [type(s).__name__ for s in draft.node(5).body] == ["Ref"]


def test_a_runaway_regular_expression_is_stopped_with_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(find, "REGEX_SECONDS", 0.3)
    draft = Draft(preamble=["a" * 40])  # (.+)+x tries every split of 40 characters: hours
    with pytest.raises(FindError, match="too long") as caught:
        find_all(draft, "(.+)+x", FindOptions(regex=True))
    assert caught.value.kind == "slow"
    assert find_all(draft, "a+", FindOptions(regex=True))  # and the next search works
