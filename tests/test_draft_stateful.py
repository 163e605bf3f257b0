"""Draft editing is exact: every edit undoes, redoes and saves without losing a character.

The stateful test applies random sequences of up to 200 edits (every builder in ``ops``,
interleaved with undo and redo) to slices of the real seed contracts. After every step the
draft must save and load back equal, and undo/redo must land on byte-identical saved files
of the states seen before; at the end, undoing everything restores the original and redoing
everything reproduces the final draft. The unit tests below pin down what each edit does,
including the issue's scenarios (a moved 第八条 and the references that follow it).
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import TYPE_CHECKING

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from app.model import clipboard, fileformat, view
from app.model.commands import Command, SetBody, SetFieldValue, SetHeading
from app.model.draft import NUMBERING_STYLES, Blank, Draft, Node, Part, Party, Ref, plain
from app.model.importer import draft_from_document
from app.model.numbering import labels
from app.model.ops import (
    EditError,
    History,
    delete_node,
    insert_empty,
    insert_text_node,
    link_fields,
    merge_with_next,
    move_node,
    rename_field,
    set_field_value,
    set_heading,
    set_numbering,
    set_parties,
    set_text,
    set_title,
    split_node,
)
from clause_db.reader import read_outline
from resources import SEED_FILES

if TYPE_CHECKING:
    from collections.abc import Callable

# -- the seed contracts -------------------------------------------------------------------------


@cache
def _seed_drafts() -> tuple[Draft, ...]:
    """The six seed contracts, parsed once: importing is slow next to a single edit."""
    outline = read_outline(SEED_FILES[0])
    return tuple(draft_from_document(doc, outline.text, "seed") for doc in outline.documents)


def seed_draft(index: int) -> Draft:
    """A private copy of seed contract ``index`` (tests mutate it freely)."""
    return copy.deepcopy(_seed_drafts()[index])


def seed_slice(index: int, windows: tuple[tuple[int, int], ...]) -> Draft:
    """Seed contract ``index`` keeping articles [start, stop) of each part (one window a part).

    The stateful test checks a full save/load round trip after every step, so it works on
    a few articles of a contract rather than all 100 nodes; references into the articles
    cut away stay in the text as dangling ones, which is a state a real draft can be in.
    """
    draft = seed_draft(index)
    for part, (start, stop) in zip(draft.parts, windows, strict=False):
        part.articles = part.articles[start:stop]
    return draft


# Slices chosen for what they hold: doc 3's part 2 keeps 12.3 (第四条、第五条) and the
# articles it cites; doc 2 keeps the four 【通知期限】 blanks; doc 0 has unnamed blanks and a
# part intro of plain text; doc 5 is a one-part contract.
SLICES: tuple[tuple[int, tuple[tuple[int, int], ...]], ...] = (
    (3, ((0, 2), (3, 12))),
    (2, ((5, 8), (7, 8), (0, 0))),
    (0, ((0, 4), (0, 2), (0, 0))),
    (5, ((0, 5),)),
)

# -- what a lawyer types --------------------------------------------------------------------------

WORDS = (
    "甲方", "乙方", "应当", "按照", "服务费用", "书面通知", "的规定", "执行", "，", "。", "；",
    "shall", " ", "Party A", "违约金", "\n",
)  # fmt: skip
BLANKS = ("____", "【服务费用】", "【通知期限】", "【】", "【违约金比例】", "＿＿", "【付款日期】")
REFERENCES = (
    "本合同第三条", "第2.1条", "第八条", "第一条", "本条第2款", "第十一条", "Section 1.2",
    "Article 2", "第4条", "本合同第四条、第五条",
)  # fmt: skip
FIELD_NAMES = ("服务费用", "通知期限", "付款日期", "违约金比例", "期限", "金额")

free_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6
)  # no lone surrogates: no editor can type them and UTF-8 cannot store them
legal_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(BLANKS), st.sampled_from(REFERENCES),
              free_text),
    max_size=8,
).map("".join)  # fmt: skip
headings = st.one_of(st.sampled_from(("", "保密条款", "违约责任", "Definitions")), free_text)
parties = st.lists(
    st.builds(Party, st.sampled_from(("甲方", "乙方", "丙方", "Party A")), free_text, free_text),
    max_size=3,
)

# -- the checks every state must pass ----------------------------------------------------------


def bodies(draft: Draft) -> list[tuple[int, list]]:
    """Every text of the draft with its owner (0 = preamble), as ``SetBody`` addresses them."""
    out: list[tuple[int, list]] = [(0, draft.preamble)]
    out += [(part.id, part.body) for part in draft.parts]
    out += [(node.id, node.body) for _, node in draft.nodes()]
    return out


def check_consistent(draft: Draft) -> bytes:
    """The draft saves and loads back equal, ids are unique, every blank has its field and
    the reader's view renders; returns the saved bytes so callers can compare states."""
    data = fileformat.dumps(draft)
    assert fileformat.loads(data) == draft
    ids = [part.id for part in draft.parts] + [node.id for _, node in draft.nodes()]
    ids += list(draft.fields)
    assert len(ids) == len(set(ids)), "an id is used twice"
    assert all(i < draft.next_id for i in ids), "next_id would hand out a used id"
    for _, body in bodies(draft):
        for seg in body:
            if isinstance(seg, Blank):
                assert seg.field_id in draft.fields, "a blank lost its field"
    shown = view.show(draft)
    assert len(shown["parts"]) == len(draft.parts)
    return data


def subtree_ids(node: Node) -> set[int]:
    return {n.id for n in node.walk()}


# -- the state machine ---------------------------------------------------------------------------


class DraftEditing(RuleBasedStateMachine):
    """Random edits through ``History``, with a model of the undo stack as saved files.

    ``states[i]`` is the saved file after the first ``i`` commands of ``history.done``; undo
    and redo must reproduce those bytes exactly (not merely an equal draft: a file saved
    after undoing must be the file saved before the edit).
    """

    def __init__(self) -> None:
        super().__init__()
        self.draft = Draft()
        self.original = Draft()
        self.history = History(self.draft)
        self.states: list[bytes | None] = []
        self.redo_states: list[bytes] = []
        self.kinds: list[tuple[str, int] | None] = []  # what each done command may merge with
        self.current = b""
        self.expected: bytes | None = None  # the bytes the next check must find
        self.last_text_owner: int | None = None
        self.clipboard: bytes | None = None  # what copy or cut left for a later paste

    @initialize(which=st.sampled_from(SLICES))
    def start(self, which: tuple[int, tuple[tuple[int, int], ...]]) -> None:
        self.draft = seed_slice(*which)
        self.original = copy.deepcopy(self.draft)
        self.history = History(self.draft)
        self.states = [None]

    # -- helpers --------------------------------------------------------------------------------

    def node_ids(self) -> list[int]:
        return [node.id for _, node in self.draft.nodes()]

    def push(self, build: Callable[[], Command], fails: bool = False) -> Command | None:
        """Build and push a command; an EditError must leave the draft exactly as it was.

        ``fails`` says whether the edit is one that must be refused; the check after the step
        compares the saved bytes against the state before it.
        """
        try:
            command = build()
        except EditError:
            assert fails, "a valid edit was refused"
            self.expected = self.current
            return None
        assert not fails, "an impossible edit was accepted"
        kind = _merge_kind(command)
        before = len(self.history.done)
        self.history.push(command)
        merged = len(self.history.done) == before
        assert merged == (kind is not None and self.kinds[-1:] == [kind]), "merging is wrong"
        if not merged:
            self.states.append(None)  # filled in by the check after this step
            self.kinds.append(kind)
        self.redo_states.clear()
        return command

    # -- structure ------------------------------------------------------------------------------

    @rule(data=st.data(), heading=headings)
    def insert_article(self, data: st.DataObject, heading: str) -> None:
        part = data.draw(st.sampled_from(self.draft.parts))
        index = data.draw(st.integers(-1, len(part.articles) + 1))
        fails = not 0 <= index <= len(part.articles)
        command = self.push(lambda: insert_empty(self.draft, part.id, index, heading), fails)
        if command:
            assert part.articles[index].heading == heading

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data())
    def insert_clause(self, data: st.DataObject) -> None:
        parent = self.draft.node(data.draw(st.sampled_from(self.node_ids())))
        index = data.draw(st.integers(0, len(parent.children)))
        self.push(lambda: insert_empty(self.draft, parent.id, index))
        assert parent.children[index].body == []

    @rule(data=st.data(), heading=headings, text=legal_text, clause=st.none() | legal_text)
    def insert_text(self, data: st.DataObject, heading: str, text: str, clause: str | None):
        parent_id = data.draw(st.sampled_from([p.id for p in self.draft.parts] + self.node_ids()))
        container = self.draft.container(parent_id)
        index = data.draw(st.integers(0, len(container)))
        children = () if clause is None else (("", clause, ()),)
        self.push(lambda: insert_text_node(self.draft, parent_id, index, heading, text, children))
        assert plain(container[index].body) == text
        assert len(container[index].children) == len(children)

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        node_id = data.draw(st.sampled_from(self.node_ids()))
        self.push(lambda: delete_node(self.draft, node_id))
        assert self.draft.node(node_id) is None

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data())
    def move_within_list(self, data: st.DataObject) -> None:
        """Reorder among siblings (to_index counts in the list before the move)."""
        node_id = data.draw(st.sampled_from(self.node_ids()))
        parent = self.draft.parent_id(node_id)
        size = len(self.draft.container(parent))
        to_index = data.draw(st.integers(-1, size + 1))
        self.check_move(node_id, parent, to_index)

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data())
    def move_anywhere(self, data: st.DataObject) -> None:
        """Into another article or clause (demote), into a part (promote), or into itself."""
        node_id = data.draw(st.sampled_from(self.node_ids()))
        targets = [p.id for p in self.draft.parts] + self.node_ids()
        to_parent = data.draw(st.sampled_from(targets))
        to_index = data.draw(st.integers(0, len(self.draft.container(to_parent))))
        self.check_move(node_id, to_parent, to_index)

    @precondition(lambda self: any(p.articles for p in self.draft.parts))
    @rule(data=st.data())
    def demote_article(self, data: st.DataObject) -> None:
        articles = [a.id for p in self.draft.parts for a in p.articles]
        node_id = data.draw(st.sampled_from(articles))
        to_parent = data.draw(st.sampled_from(articles))
        to_index = data.draw(st.integers(0, len(self.draft.node(to_parent).children)))
        self.check_move(node_id, to_parent, to_index)

    @precondition(lambda self: any(a.children for p in self.draft.parts for a in p.articles))
    @rule(data=st.data())
    def promote_clause(self, data: st.DataObject) -> None:
        clauses = [c.id for p in self.draft.parts for a in p.articles for c in a.children]
        node_id = data.draw(st.sampled_from(clauses))
        part = data.draw(st.sampled_from(self.draft.parts))
        to_index = data.draw(st.integers(0, len(part.articles)))
        self.check_move(node_id, part.id, to_index)

    def check_move(self, node_id: int, to_parent: int, to_index: int) -> None:
        node = self.draft.node(node_id)
        destination = self.draft.container(to_parent)
        fails = to_parent in subtree_ids(node) or not 0 <= to_index <= len(destination)
        self.push(lambda: move_node(self.draft, node_id, to_parent, to_index), fails)
        if not fails:
            assert self.draft.parent_id(node_id) == to_parent
            assert any(n is node for n in self.draft.container(to_parent))

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data())
    def split(self, data: st.DataObject) -> None:
        node_id = data.draw(st.sampled_from(self.node_ids()))
        node = self.draft.node(node_id)
        text = plain(node.body)
        offset = data.draw(st.integers(-1, len(text) + 2))
        siblings = len(self.draft.container(self.draft.parent_id(node_id)))
        self.push(lambda: split_node(self.draft, node_id, offset))
        container = self.draft.container(self.draft.parent_id(node_id))
        assert len(container) == siblings + 1
        index = next(i for i, n in enumerate(container) if n is node)
        assert plain(node.body) + plain(container[index + 1].body) == text

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        node_id = data.draw(st.sampled_from(self.node_ids()))
        part, container, index = self.draft.find(node_id)
        last = index + 1 >= len(container)
        # segments, not plain text: a reference to the node merged away keeps the text it
        # shows at the merge, which may differ from the text it was typed with
        expected = None if last else [*container[index].body, *container[index + 1].body]
        self.push(lambda: merge_with_next(self.draft, node_id), fails=last)
        if not last:
            assert self.draft.node(node_id).body == expected

    @rule(data=st.data())
    def edit_missing_node(self, data: st.DataObject) -> None:
        """An id that is not in the draft (a stale selection) is refused by every builder."""
        missing = self.draft.next_id + 7
        build = data.draw(st.sampled_from((
            lambda: set_heading(self.draft, missing, "x"),
            lambda: set_text(self.draft, missing, "x"),
            lambda: delete_node(self.draft, missing),
            lambda: split_node(self.draft, missing, 0),
            lambda: merge_with_next(self.draft, missing),
            lambda: move_node(self.draft, missing, self.draft.parts[0].id, 0),
            lambda: move_node(self.draft, self.draft.parts[0].id, missing, 0),
            lambda: insert_empty(self.draft, missing, 0),
            lambda: insert_text_node(self.draft, missing, 0, "", "第一条"),
            lambda: set_field_value(self.draft, missing, "x"),
            lambda: set_numbering(self.draft, "roman"),
        )))  # fmt: skip
        self.push(build, fails=True)

    # -- text ---------------------------------------------------------------------------------

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data(), heading=headings)
    def edit_heading(self, data: st.DataObject, heading: str) -> None:
        node_id = data.draw(st.sampled_from(self.node_ids()))
        self.push(lambda: set_heading(self.draft, node_id, heading))
        assert self.draft.node(node_id).heading == heading

    @rule(data=st.data(), text=legal_text, again=st.booleans())
    def edit_text(self, data: st.DataObject, text: str, again: bool) -> None:
        """Typing: half the time in the text typed into last, which merges into one step."""
        owners = [owner for owner, _ in bodies(self.draft)]
        owner = self.last_text_owner
        if not (again and owner in owners):
            owner = data.draw(st.sampled_from(owners))
        self.push(lambda: set_text(self.draft, owner, text))
        assert plain(dict(bodies(self.draft))[owner]) == text
        self.last_text_owner = owner

    # -- fields -------------------------------------------------------------------------------

    @precondition(lambda self: self.draft.fields)
    @rule(data=st.data(), value=st.none() | st.just("") | free_text | st.just("30日"))
    def fill_field(self, data: st.DataObject, value: str | None) -> None:
        """Fill or clear; a second value for the same field merges with the first."""
        field_id = data.draw(st.sampled_from(sorted(self.draft.fields)))
        self.push(lambda: set_field_value(self.draft, field_id, value))
        assert self.draft.fields[field_id].value == (value or None)

    @precondition(lambda self: self.draft.fields)
    @rule(data=st.data(), name=st.sampled_from(FIELD_NAMES))
    def rename(self, data: st.DataObject, name: str) -> None:
        field_id = data.draw(st.sampled_from(sorted(self.draft.fields)))
        clash = any(f.name == name and f.id != field_id for f in self.draft.fields.values())
        self.push(lambda: rename_field(self.draft, field_id, name), fails=clash)
        if not clash:
            assert self.draft.field_named(name).id == field_id

    @precondition(lambda self: self.draft.fields)
    @rule(data=st.data())
    def link(self, data: st.DataObject) -> None:
        ids = sorted(self.draft.fields)
        keep, drop = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))
        self.push(lambda: link_fields(self.draft, keep, drop), fails=keep == drop)
        if keep != drop:
            assert drop not in self.draft.fields
            blanks = [s for _, b in bodies(self.draft) for s in b if isinstance(s, Blank)]
            assert all(b.field_id != drop for b in blanks)

    # -- the draft as a whole -------------------------------------------------------------------

    @rule(style=st.sampled_from(NUMBERING_STYLES))
    def numbering(self, style: str) -> None:
        self.push(lambda: set_numbering(self.draft, style))
        assert self.draft.numbering == style

    @rule(new=parties)
    def edit_parties(self, new: list[Party]) -> None:
        self.push(lambda: set_parties(self.draft, new))
        assert self.draft.parties == new and self.draft.parties is not new

    @rule(title=free_text)
    def edit_title(self, title: str) -> None:
        self.push(lambda: set_title(self.draft, title))

    # -- the clipboard --------------------------------------------------------------------------

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data())
    def copy(self, data: st.DataObject) -> None:
        """Copying leaves the draft as it is; the paste may come many edits and undos later."""
        ids = data.draw(st.lists(st.sampled_from(self.node_ids()), min_size=1, max_size=3))
        self.clipboard = clipboard.copy_nodes(self.draft, ids, "this draft")
        self.expected = self.current

    @precondition(lambda self: any(True for _ in self.draft.nodes()))
    @rule(data=st.data())
    def cut(self, data: st.DataObject) -> None:
        node_id = data.draw(st.sampled_from(self.node_ids()))
        self.clipboard = clipboard.copy_nodes(self.draft, [node_id], "this draft")
        self.push(lambda: delete_node(self.draft, node_id))

    @precondition(lambda self: self.clipboard is not None)
    @rule(data=st.data(), here=st.booleans())
    def paste(self, data: st.DataObject, here: bool) -> None:
        """Into this draft (ids come back when free) or as into another one (fresh ids)."""
        parent_id = data.draw(st.sampled_from([p.id for p in self.draft.parts] + self.node_ids()))
        container = self.draft.container(parent_id)
        index = data.draw(st.integers(0, len(container)))
        origin = "this draft" if here else "another draft"
        count = len(json.loads(self.clipboard)["nodes"])
        size = len(container)
        self.push(
            lambda: clipboard.paste_nodes(self.draft, self.clipboard, parent_id, index, origin)
        )
        assert len(self.draft.container(parent_id)) == size + count

    # -- undo and redo --------------------------------------------------------------------------

    @rule()
    def undo(self) -> None:
        if self.history.undo():
            self.redo_states.append(self.states.pop())
            self.kinds.pop()
            self.expected = self.states[-1]
        else:
            assert len(self.states) == 1
            self.expected = self.current

    @rule()
    def redo(self) -> None:
        if self.history.redo():
            self.states.append(self.redo_states.pop())
            self.kinds.append(_merge_kind(self.history.done[-1]))
            self.expected = self.states[-1]
        else:
            self.expected = self.current

    # -- checks ---------------------------------------------------------------------------------

    @invariant()
    def round_trips(self) -> None:
        if not self.states:  # before initialize
            return
        data = check_consistent(self.draft)
        if self.expected is not None:
            assert data == self.expected, "undo, redo or a refused edit changed the file"
            self.expected = None
        self.states[-1] = data
        self.current = data
        assert len(self.states) == len(self.history.done) + 1
        assert len(self.redo_states) == len(self.history.undone)

    def teardown(self) -> None:
        """Undo everything -> the original; redo everything -> the final draft again."""
        if not self.states:
            return
        final = copy.deepcopy(self.draft)
        final_bytes = fileformat.dumps(self.draft)
        steps = len(self.history.done)
        while self.history.undo():
            pass
        assert self.draft == self.original
        assert fileformat.dumps(self.draft) == self.states[0]
        for _ in range(steps):
            assert self.history.redo()
        assert self.draft == final
        assert fileformat.dumps(self.draft) == final_bytes


def _merge_kind(command: Command) -> tuple[str, int] | None:
    """What a command merges with in History: the same text, heading or field edited again."""
    if isinstance(command, SetBody):
        return ("body", command.owner_id)
    if isinstance(command, SetHeading):
        return ("heading", command.node_id)
    if isinstance(command, SetFieldValue):
        return ("value", command.field_id)
    return None


DraftEditing.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
test_draft_editing_is_exact = DraftEditing.TestCase


# -- unit tests: what each edit does ---------------------------------------------------------


def apply(draft: Draft, history: History, command: Command) -> Command:
    history.push(command)
    return command


def article_labels(draft: Draft, part: Part) -> list[str]:
    names = labels(draft)
    return [names[a.id] for a in part.articles]


def rendered(draft: Draft, node_id: int) -> str:
    shown = view.show(draft)

    def find(items: list[dict]) -> dict | None:
        for item in items:
            if item["id"] == node_id:
                return item
            found = find(item["clauses"])
            if found:
                return found
        return None

    return next(found for p in shown["parts"] if (found := find(p["articles"])))["text"]


def undo_redo_exact(history: History, before: bytes) -> None:
    """One undo gives the saved file as it was; one redo gives the edited one back."""
    after = fileformat.dumps(history.draft)
    assert history.undo()
    assert fileformat.dumps(history.draft) == before
    assert history.redo()
    assert fileformat.dumps(history.draft) == after


def test_insert_between_articles_renumbers() -> None:
    draft = seed_draft(0)
    history = History(draft)
    part = draft.parts[0]
    third = part.articles[2]
    before = fileformat.dumps(draft)
    command = apply(draft, history, insert_empty(draft, part.id, 2, "新增条款"))
    new = command.nodes[0]
    names = labels(draft)
    assert part.articles[2] is new and names[new.id] == "第三条"
    assert names[third.id] == "第四条"
    assert article_labels(draft, part)[-1] == "第十五条"
    assert labels(draft)[third.children[0].id] == "4.1"
    undo_redo_exact(history, before)


def test_moving_article_eight_first_renumbers_and_reference_follows() -> None:
    """The issue: a reference typed as 第八条 still points at that article after it moves."""
    draft = seed_draft(0)
    history = History(draft)
    part = draft.parts[0]
    eighth = part.articles[7]
    clause = part.articles[1].children[0]
    apply(draft, history, set_text(draft, clause.id, "按照本合同第八条的规定"))
    assert [s.target for s in clause.body if isinstance(s, Ref)] == [eighth.id]
    before = fileformat.dumps(draft)
    order = [a.id for a in part.articles]
    apply(draft, history, move_node(draft, eighth.id, part.id, 0))
    assert [a.id for a in part.articles] == [eighth.id, *(i for i in order if i != eighth.id)]
    assert article_labels(draft, part) == [f"第{n}条" for n in "一二三四五六七八九十"] + [
        "第十一条", "第十二条", "第十三条", "第十四条"
    ]  # fmt: skip
    names = labels(draft)
    assert names[eighth.id] == "第一条" and names[order[0]] == "第二条"  # every one moved on
    assert rendered(draft, clause.id) == "按照本合同第一条的规定"
    assert view.show(draft)["references"][0]["target"] == "第一条"
    undo_redo_exact(history, before)
    history.undo()
    assert rendered(draft, clause.id) == "按照本合同第八条的规定"


def test_references_in_fourth_contract_follow_moves_and_dangle_on_delete() -> None:
    draft = seed_draft(3)
    history = History(draft)
    part = draft.parts[1]
    clause = part.articles[11].children[2]  # 12.3
    prefix = "违约责任的具体处理,按照本合同"  # the seed's own (ASCII) comma
    assert rendered(draft, clause.id) == prefix + "第四条、第五条的规定执行。"
    fourth, fifth = part.articles[3], part.articles[4]
    apply(draft, history, move_node(draft, fifth.id, part.id, 0))
    assert rendered(draft, clause.id) == prefix + "第五条、第一条的规定执行。"
    apply(draft, history, move_node(draft, fourth.id, part.id, len(part.articles)))
    assert rendered(draft, clause.id) == prefix + "第十三条、第一条的规定执行。"
    before = fileformat.dumps(draft)
    apply(draft, history, delete_node(draft, fourth.id))
    refs = [r for r in view.show(draft)["references"] if r["in"] == clause.id]
    assert [(r["text"], r["status"]) for r in refs] == [("第十三条", "dangling"), ("第一条", "ok")]
    apply(draft, history, insert_empty(draft, part.id, 0))  # the live one moves, the dead stays
    assert rendered(draft, clause.id) == prefix + "第十三条、第二条的规定执行。"
    history.undo()
    undo_redo_exact(history, before)
    history.undo()
    assert all(r["status"] == "ok" for r in view.show(draft)["references"])


def test_reference_in_part_intro_keeps_its_last_number_when_target_is_deleted() -> None:
    """A part's intro (or the preamble) citing an article keeps what it read at deletion."""
    draft = seed_draft(0)
    history = History(draft)
    part = draft.parts[0]
    target = part.articles[2]
    apply(draft, history, set_text(draft, part.id, "本部分见本合同第三条"))
    apply(draft, history, set_text(draft, 0, "本合同第三条另有约定"))
    apply(draft, history, insert_empty(draft, part.id, 0))
    apply(draft, history, delete_node(draft, target.id))
    shown = view.show(draft)
    assert shown["parts"][0]["text"] == "本部分见本合同第四条"
    assert shown["preamble"] == "本合同第四条另有约定"
    assert {r["status"] for r in shown["references"] if r["in"] in (0, part.id)} == {"dangling"}


def test_filling_notice_period_once_fills_all_four_blanks() -> None:
    draft = seed_draft(2)
    history = History(draft)
    notice = draft.field_named("通知期限")
    assert draft.occurrences()[notice.id] == 4
    before = fileformat.dumps(draft)
    apply(draft, history, set_field_value(draft, notice.id, "三十日"))
    texts = [rendered(draft, n.id) for _, n in draft.nodes()]
    assert sum(t.count("三十日") for t in texts) == 4
    assert not any("【通知期限】" in t for t in texts)
    shown = view.show(draft)
    assert {"name": "通知期限", "value": "三十日", "occurrences": 4}.items() <= next(
        f for f in shown["fields"] if f["id"] == notice.id
    ).items()
    apply(draft, history, set_field_value(draft, notice.id, "30日"))  # merges: one undo step
    assert len(history.done) == 1
    undo_redo_exact(history, before)
    apply(draft, history, set_field_value(draft, notice.id, None))
    assert sum("【通知期限】" in rendered(draft, n.id) for _, n in draft.nodes()) == 4


@pytest.mark.parametrize(
    ("style", "article", "clause"),
    [
        ("chinese", "第十一条", "11.1"),
        ("chinese_list", "十一、", "（一）"),
        ("english", "Article 11", "11.1"),
        ("decimal", "11.", "11.1"),
    ],
)
def test_numbering_style_renumbers_everything(style: str, article: str, clause: str) -> None:
    draft = seed_draft(0)
    history = History(draft)
    eleventh = draft.parts[0].articles[10]
    before = fileformat.dumps(draft)
    apply(draft, history, set_numbering(draft, style))
    names = labels(draft)
    assert names[eleventh.id] == article
    assert names[eleventh.children[0].id] == clause
    assert {p["label"] for p in view.show(draft)["parts"][0]["articles"]} == {
        names[a.id] for a in draft.parts[0].articles
    }
    undo_redo_exact(history, before)
    history.undo()
    assert labels(draft)[eleventh.id] == "第十一条"


def test_chinese_numerals_on_a_101_article_draft() -> None:
    draft = Draft(parts=[Part(1)], next_id=2)
    history = History(draft)
    for i in range(101):
        apply(draft, history, insert_empty(draft, 1, i, f"条款{i + 1}"))
    names = article_labels(draft, draft.parts[0])
    assert names[0] == "第一条"
    assert names[10] == "第十一条"
    assert names[19] == "第二十条"
    assert names[100] == "第一百零一条"
    apply(draft, history, set_text(draft, draft.parts[0].articles[0].id, "见第一百零一条"))
    assert rendered(draft, draft.parts[0].articles[0].id) == "见第一百零一条"
    apply(draft, history, insert_empty(draft, 1, 0))
    assert rendered(draft, draft.parts[0].articles[1].id) == "见第一百零二条"


def test_split_and_merge_cut_and_join_text() -> None:
    draft = seed_draft(2)
    history = History(draft)
    article = draft.parts[0].articles[0]
    clause = article.children[1]  # 1.2, with two blanks
    text = plain(clause.body)
    before = fileformat.dumps(draft)
    command = apply(draft, history, split_node(draft, clause.id, 3))
    tail = command.tail_node
    assert plain(clause.body) == text[:3] and plain(tail.body) == text[3:]
    assert article.children[2] is tail and labels(draft)[tail.id] == "1.3"
    undo_redo_exact(history, before)
    apply(draft, history, merge_with_next(draft, clause.id))
    assert plain(clause.body) == text and labels(draft)[article.children[2].id] == "1.3"
    # a blank is never cut in two: an offset inside it splits before it
    inside = text.index("【起始日期】") + 2
    apply(draft, history, split_node(draft, clause.id, inside))
    assert plain(clause.body) == text[: inside - 2]


def test_merge_appends_children_and_dangles_references_to_the_second() -> None:
    draft = seed_draft(3)
    history = History(draft)
    part = draft.parts[1]
    seventh, eighth = part.articles[6], part.articles[7]
    citing = part.articles[9].children[1]  # 10.2: 按照本合同第八条的规定执行
    children = len(seventh.children) + len(eighth.children)
    before = fileformat.dumps(draft)
    apply(draft, history, merge_with_next(draft, seventh.id))
    assert len(seventh.children) == children and eighth not in part.articles
    ref = next(r for r in view.show(draft)["references"] if r["in"] == citing.id)
    assert (ref["text"], ref["status"]) == ("第八条", "dangling")
    undo_redo_exact(history, before)
    last = part.articles[-1]
    with pytest.raises(EditError):
        merge_with_next(draft, last.id)


def test_moves_promote_demote_and_refuse_moving_into_itself() -> None:
    draft = seed_draft(2)
    history = History(draft)
    part = draft.parts[0]
    first, second = part.articles[0], part.articles[1]
    clause = first.children[2]
    before = fileformat.dumps(draft)
    apply(draft, history, move_node(draft, clause.id, second.id, 0))  # into another article
    assert second.children[0] is clause and labels(draft)[clause.id] == "2.1"
    apply(draft, history, move_node(draft, clause.id, part.id, 1))  # promoted to an article
    assert part.articles[1] is clause and labels(draft)[clause.id] == "第二条"
    apply(draft, history, move_node(draft, second.id, first.id, 0))  # demoted into 第一条
    assert first.children[0] is second and labels(draft)[second.children[0].id] == "1.1.1"
    snapshot = fileformat.dumps(draft)
    for target in (second.id, second.children[0].id):
        with pytest.raises(EditError):
            move_node(draft, second.id, target, 0)
    with pytest.raises(EditError):
        move_node(draft, second.id, part.id, len(part.articles) + 1)
    assert fileformat.dumps(draft) == snapshot
    for _ in range(3):
        history.undo()
    assert fileformat.dumps(draft) == before


def test_text_becomes_fields_and_references_and_typing_merges() -> None:
    draft = seed_draft(0)
    history = History(draft)
    part = draft.parts[0]
    clause = part.articles[1].children[0]
    before = fileformat.dumps(draft)
    apply(draft, history, set_text(draft, clause.id, "费用为【服务费用】"))
    text = "费用为【服务费用】，于____内支付，详见本合同第三条及第2.1条，【】"
    apply(draft, history, set_text(draft, clause.id, text))
    assert len(history.done) == 1  # typing in one text is one undo step
    blanks = [s for s in clause.body if isinstance(s, Blank)]
    refs = [s for s in clause.body if isinstance(s, Ref)]
    assert len(blanks) == 3 and draft.fields[blanks[0].field_id].name == "服务费用"
    assert [r.target for r in refs] == [part.articles[2].id, part.articles[1].children[0].id]
    assert plain(clause.body) == text
    apply(draft, history, set_heading(draft, clause.id, "付款"))
    apply(draft, history, set_heading(draft, clause.id, "付款方式"))
    assert len(history.done) == 2 and clause.heading == "付款方式"
    history.undo()
    history.undo()
    assert fileformat.dumps(draft) == before


def test_rename_and_link_fields() -> None:
    draft = seed_draft(2)
    history = History(draft)
    fee, penalty = draft.field_named("服务费用"), draft.field_named("违约金比例")
    before = fileformat.dumps(draft)
    with pytest.raises(EditError):
        rename_field(draft, penalty.id, "服务费用")
    assert fileformat.dumps(draft) == before
    apply(draft, history, rename_field(draft, penalty.id, "迟延违约金"))
    assert (penalty.name, penalty.label) == ("迟延违约金", "迟延违约金")
    undo_redo_exact(history, before)
    apply(draft, history, link_fields(draft, fee.id, penalty.id))
    apply(draft, history, set_field_value(draft, fee.id, "一万元"))
    assert penalty.id not in draft.fields and draft.occurrences()[fee.id] == 2
    texts = [rendered(draft, n.id) for _, n in draft.nodes()]
    assert sum(t.count("一万元") for t in texts) == 2
    history.undo()
    history.undo()
    history.undo()
    assert fileformat.dumps(draft) == before  # the field is back in its place in the file
    with pytest.raises(EditError):
        link_fields(draft, fee.id, fee.id)


def test_parties_title_and_numbering_edits() -> None:
    draft = seed_draft(5)
    history = History(draft)
    before = fileformat.dumps(draft)
    new = [Party("甲方", "某某科技有限公司", "北京"), Party("乙方", "某某客服有限公司")]
    apply(draft, history, set_parties(draft, new))
    new[0].name = "changed after the edit"
    assert draft.parties[0].name == "某某科技有限公司"  # the command kept its own copy
    apply(draft, history, set_title(draft, "客服外包协议"))
    assert view.show(draft)["title"] == "客服外包协议"
    assert view.show(draft)["parties"][1] == {"role": "乙方", "name": "某某客服有限公司",
                                              "address": ""}  # fmt: skip
    with pytest.raises(EditError):
        set_numbering(draft, "roman")
    history.undo()
    history.undo()
    assert fileformat.dumps(draft) == before
