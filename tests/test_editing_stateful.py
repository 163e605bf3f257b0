"""Random sessions over the centre's editing entry point stay consistent and undo exactly.

A lawyer types, deletes selections across clauses and parts, presses Enter, Backspace, Tab,
Shift+Tab, Ctrl+Enter, Alt+arrows, pastes clauses and text, and undoes and redoes, in any
order. After every step the blocks show every article and clause once, with the labels the
numbering gives, each command says honestly what it changed (a view trusting ``changes``
shows the same as one that re-reads everything), the caret is in a block that exists, and
the draft saves and loads back equal. Undoing everything returns the original draft byte
for byte; redoing everything returns the last one. Tables stay with their nodes' text: an
edit of text (typing, deleting a selection, Enter, Backspace) keeps every table once, in
reading order; moving nodes keeps them all; only deleting nodes takes tables away.
"""

from __future__ import annotations

import hypothesis.strategies as st
from hypothesis import HealthCheck, event, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from shaped_draft import shaped
from test_draft_stateful import seed_slice
from test_editing import contract, two_parts

from app.model import clipboard, editing, fileformat, ops
from app.model.doc_blocks import block_text, blocks, has_body_block, has_heading_block
from app.model.draft import Cell, Draft, Table
from app.model.numbering import label, number_paths
from app.model.ops import History
from app.model.printed import draft_language, label_style

TYPED = st.sampled_from(["甲方", "应当", "，", "。", "shall ", "\n", "第二条", "____", "𠀀字"])
PLAIN = st.sampled_from(
    [
        "第一条 定义\n本合同中：\n1.1 甲方指买方。\n第二条 付款\n甲方应付款【金额】元。",
        "一行文字",
        "两行\n文字____",
        "合同\n第一条 生效\n签字生效。",
        "1.1 甲方\n1.2 乙方【金额】",
    ]
)
STARTS = st.sampled_from(
    ["new", "contract", "two_parts", "seed", "no_parts", "english", "tables", "shaped"]
)
INDEX = st.integers(min_value=0, max_value=10_000)


def start_draft(kind: str):
    if kind == "new":
        return editing.new_draft()
    if kind == "contract":
        return contract()
    if kind == "two_parts":
        return two_parts()
    if kind == "no_parts":  # an old file or a text import without articles
        return Draft(title="备忘录", preamble=["甲方：某公司\n乙方：另一公司"])
    if kind == "english":  # Article 1 / Party A: labels
        draft = contract()
        draft.numbering = "english"
        return draft
    if kind == "shaped":  # a cover, tables, tick boxes, its own signature block, annexes
        return shaped(ragged=True)
    if kind == "tables":  # an article, a clause and a clause of a clause holding tables
        draft = two_parts()
        for node_id in (2, 4, 5, 4, 11):
            rows = [[Cell(["项目"]), Cell(["金额"])], [Cell([f"费用{node_id}"]), Cell(["100"])]]
            draft.node(node_id).tables.append(Table(draft.new_id(), rows, after=["以上含税。"]))
        return draft
    return seed_slice(3, ((0, 2), (3, 6)))


def shown(draft) -> list[tuple]:
    """What a view shows: every block's ref, label, level and segments (refs as read now)."""
    paths = number_paths(draft)
    out = []
    for b in blocks(draft):
        segs = tuple(
            (s.target, s.form, s.target in paths) if hasattr(s, "target") else repr(s)
            for s in b.segments
        )
        out.append((b.ref, b.label, b.level, segs, b.editable))
    return out


def table_ids(draft) -> list[int]:
    """The ids of the nodes' tables in reading order."""
    return [t.id for _, node in draft.nodes() for t in node.tables]


def text_and_tables(draft) -> str:
    """The nodes' texts in reading order with a mark where each table stands: Enter cuts a
    text in two, Tab and Shift+Tab change levels; none moves a table to another place."""
    out = []
    for _, node in draft.nodes():
        out.append(node.heading + block_text(node.body))
        out += [f"[table {t.id}]" for t in node.tables]
    return "".join(out)


def is_subsequence(short: list[int], long: list[int]) -> bool:
    rest = iter(long)
    return all(x in rest for x in short)


class EditingSession(RuleBasedStateMachine):
    @initialize(kind=STARTS)
    def start(self, kind: str) -> None:
        event(f"start: {kind}")
        self.draft = start_draft(kind)
        self.history = History(self.draft)
        self.original = self.top = fileformat.dumps(self.draft)  # top: where redo-all lands
        self.view = shown(self.draft)

    # -- picking places -----------------------------------------------------------------------

    def _editable(self):
        return [b for b in blocks(self.draft) if b.editable]

    def _pos(self, i: int, j: int) -> editing.Pos:
        listed = self._editable()
        block = listed[i % len(listed)]
        return editing.Pos(block.ref, j % (len(block.text) + 1))

    def _try(self, build, tables: str = "") -> None:
        """An edit a lawyer may be refused (a deletion across a table, clauses pasted into
        a cell): refused with a message, nothing changed."""
        before = fileformat.dumps(self.draft)
        try:
            edit = build()
        except ops.EditError:
            event("refused")
            assert fileformat.dumps(self.draft) == before, "a refused edit changed the draft"
            return
        self._push(edit, tables)

    def _push(self, edit: editing.Edit | None, tables: str = "") -> None:
        """Push the edit; ``tables`` says what it may do to the tables: "same" (all, in
        order), "split" (the same, each where it stood in the text), "fewer" (some go, the
        rest keep their order), "moved" (all, any order), "more" (all kept, new ones come)."""
        if edit is None or edit.command is None:
            event("nothing to do" if edit is None else "caret moves")
            return
        tables_before, stream = table_ids(self.draft), text_and_tables(self.draft)
        event(edit.command.name.zh.split("“")[0])
        before = fileformat.dumps(self.draft)
        self.history.push(edit.command)
        after = fileformat.dumps(self.draft)
        edit.command.revert(self.draft)
        assert fileformat.dumps(self.draft) == before, "revert is not exact"
        edit.command.apply(self.draft)
        assert fileformat.dumps(self.draft) == after, "apply is not repeatable"
        assert edit.caret.ref in {b.ref for b in blocks(self.draft)}, "caret in no block"
        self.top = after
        self._follow(edit.command)
        now = table_ids(self.draft)
        if tables == "split":
            assert text_and_tables(self.draft) == stream, "a table moved in the text"
        if tables in ("same", "split"):
            assert now == tables_before, "a text edit lost, doubled or reordered tables"
        elif tables == "fewer":
            assert is_subsequence(now, tables_before), "a deletion reordered tables"
        elif tables == "moved":
            assert sorted(now) == sorted(tables_before), "a move lost or doubled tables"
        elif tables == "more":
            assert set(tables_before) <= set(now), "a paste lost tables"

    def _follow(self, command) -> None:
        """A view that trusts ``changes``: without structure only the named blocks change."""
        changes = command.changes(self.draft)
        now = shown(self.draft)
        if not changes.structure:
            assert [v[:3] for v in now] == [v[:3] for v in self.view], "structure changed"
            differ = {n[0] for n, v in zip(now, self.view, strict=True) if n != v}
            assert differ <= changes.blocks, f"{differ - changes.blocks} changed unreported"
        self.view = now

    # -- the keys -------------------------------------------------------------------------------

    @rule(i=INDEX, j=INDEX, text=TYPED)
    def type(self, i: int, j: int, text: str) -> None:
        self._push(editing.type_text(self.draft, self._pos(i, j), text), "same")

    @rule(i=INDEX, j=INDEX, k=INDEX, text=st.sampled_from(["", "乙", "shall"]))
    def native_typing(self, i: int, j: int, k: int, text: str) -> None:
        """The view's path: the block re-read after Qt edited it (a cut-out, then typing)."""
        pos = self._pos(i, j)
        segments = editing.segments_of(self.draft, pos.ref)
        end = max(pos.offset, k % (len(block_text(segments)) + 1))
        new = [*editing.cut(segments, 0, pos.offset), text]
        new += editing.cut(segments, end, len(block_text(segments)))
        self._push(editing.set_block_text(self.draft, pos.ref, new), "same")

    @rule(k=INDEX)
    def toggle_box(self, k: int) -> None:
        boxes = sorted(f.id for f in self.draft.fields.values() if f.kind == "checkbox")
        if boxes:
            self._push(editing.toggle_box(self.draft, boxes[k % len(boxes)]))

    @rule(k=INDEX, value=st.sampled_from([None, "100", "甲方"]))
    def fill_field(self, k: int, value: str | None) -> None:
        if self.draft.fields:
            field_id = sorted(self.draft.fields)[k % len(self.draft.fields)]
            self._push(editing.fill_field(self.draft, field_id, value), "same")

    @rule(i=INDEX, j=INDEX, k=INDEX, m=INDEX)
    def delete_range(self, i: int, j: int, k: int, m: int) -> None:
        start, end = self._pos(i, j), self._pos(k, m)
        self._try(lambda: editing.delete_range(self.draft, start, end), "fewer")

    @rule(i=INDEX, j=INDEX)
    def enter(self, i: int, j: int) -> None:
        self._push(editing.enter(self.draft, self._pos(i, j)), "split")

    @rule(i=INDEX)
    def backspace(self, i: int) -> None:
        self._push(editing.backspace_at_start(self.draft, self._pos(i, 0).ref), "same")

    @rule(i=INDEX)
    def tab(self, i: int) -> None:
        self._push(editing.demote(self.draft, self._pos(i, 0).ref), "split")

    @rule(i=INDEX)
    def shift_tab(self, i: int) -> None:
        self._push(editing.promote(self.draft, self._pos(i, 0).ref), "split")

    @rule(i=INDEX, j=INDEX)
    def ctrl_enter(self, i: int, j: int) -> None:
        self._push(editing.new_article(self.draft, self._pos(i, j)), "same")

    @rule(i=INDEX, down=st.booleans())
    def alt_arrow(self, i: int, down: bool) -> None:
        self._push(editing.move(self.draft, self._pos(i, 0).ref, 1 if down else -1), "moved")

    @rule(i=INDEX, j=INDEX, k=INDEX, home=st.booleans())
    def copy_paste(self, i: int, j: int, k: int, home: bool) -> None:
        nodes = [n.id for _, n in self.draft.nodes()]
        if not nodes:
            return
        data = clipboard.copy_nodes(self.draft, [nodes[k % len(nodes)]], "me")
        origin = "me" if home else "other"
        self._try(lambda: editing.paste(self.draft, self._pos(i, j), data, origin), "more")

    @rule(i=INDEX, j=INDEX, k=INDEX, m=INDEX)
    def cut_paste(self, i: int, j: int, k: int, m: int) -> None:
        nodes = [n.id for _, n in self.draft.nodes()]
        if len(nodes) < 2:
            return
        chosen = nodes[k % len(nodes)]
        data = clipboard.copy_nodes(self.draft, [chosen], "me")
        self._push(editing.delete_nodes(self.draft, [chosen]))
        self._try(lambda: editing.paste(self.draft, self._pos(i, j), data, "me"))

    @rule(i=INDEX, j=INDEX, text=PLAIN, segment=st.booleans())
    def paste_text(self, i: int, j: int, text: str, segment: bool) -> None:
        self._push(editing.paste(self.draft, self._pos(i, j), text, segment=segment), "more")

    @rule(add=st.booleans(), i=INDEX)
    def party(self, add: bool, i: int) -> None:
        if add:
            self._push(editing.add_party(self.draft), "same")
        elif self.draft.parties:
            self._push(editing.remove_party(self.draft, i % len(self.draft.parties)), "same")

    @precondition(lambda self: self.history.done)
    @rule()
    def undo(self) -> None:
        command = self.history.done[-1]
        self.history.undo()
        self._follow(command)

    @precondition(lambda self: self.history.undone)
    @rule()
    def redo(self) -> None:
        command = self.history.undone[-1]
        self.history.redo()
        self._follow(command)

    # -- what must always hold ------------------------------------------------------------------

    @invariant()
    def blocks_show_every_node_once_with_its_label(self) -> None:
        draft = self.draft
        listed = blocks(draft)
        refs = [b.ref for b in listed]
        assert len(refs) == len(set(refs))
        style = label_style(draft, draft_language(draft))
        paths = number_paths(draft)
        by_ref = {b.ref: b for b in listed}
        for _, node in draft.nodes():
            depth = len(paths[node.id])
            own = [
                k for k in ("heading", "body") if (k, node.id) in {(r.kind, r.owner) for r in refs}
            ]
            assert own, f"node {node.id} not shown"
            shows = (has_heading_block(node, depth), has_body_block(node, depth))
            expected = [k for k, show in zip(("heading", "body"), shows, strict=True) if show]
            assert own == expected
            first = by_ref[next(r for r in refs if r.owner == node.id and r.kind == own[0])]
            assert first.label == label(paths[node.id], style)

    @invariant()
    def every_table_is_held_once(self) -> None:
        ids = table_ids(self.draft)
        assert len(ids) == len(set(ids))
        assert not set(ids) & {n.id for _, n in self.draft.nodes()}

    @invariant()
    def draft_saves_and_loads_back_equal(self) -> None:
        assert fileformat.loads(fileformat.dumps(self.draft)) == self.draft

    def teardown(self) -> None:
        if not hasattr(self, "history"):
            return
        while self.history.undo():
            pass
        assert fileformat.dumps(self.draft) == self.original, "undo all is not the original"
        while self.history.redo():
            pass
        assert fileformat.dumps(self.draft) == self.top, "redo all is not the last draft"


EditingSession.TestCase.settings = settings(
    max_examples=150,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_editing_session = EditingSession.TestCase
