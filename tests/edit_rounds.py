"""A round of a lawyer's edits made through ``app.model.editing`` (reword, move, delete,
insert, fill) and the changes a compare must find, known independently of the compare
engine: editing keeps node ids, so an id in both versions is the same article or clause."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from app.model import editing
from app.model.doc_blocks import BlockRef
from app.model.draft import Blank, Draft, Node
from app.model.editing import Pos
from app.model.numbering import label, labels, number_paths
from app.model.printed import draft_language, label_style
from app.model.text import render_body


@dataclass
class Round:
    old: Draft
    new: Draft
    moved: int | None = None  # the id of the article moved
    reworded: int | None = None
    deleted: int | None = None
    inserted: int | None = None
    filled: int | None = None  # the field filled


def apply(draft: Draft, edit: editing.Edit | None) -> None:
    assert edit is not None and edit.command is not None
    edit.command.apply(draft)


def edit_round(draft: Draft) -> Round:
    """The edits any contract with a few articles takes; each only where the draft allows."""
    old = copy.deepcopy(draft)
    new = copy.deepcopy(draft)
    done = Round(old, new)
    articles = [a for p in new.parts for a in p.articles]
    texts = [n for _, n in new.nodes() if len(_plain(n.body)) >= 12 and _all_text(n.body)]
    if texts:  # reword: a few words in the middle of the longest text replaced
        node = max(texts, key=lambda n: len(_plain(n.body)))
        body = _plain(node.body)
        middle = len(body) // 2
        words = "另有约定的除外" if draft_language(new) == "zh" else " unless agreed otherwise "
        reworded = body[: middle - 2] + words + body[middle + 2 :]
        apply(new, editing.set_block_text(new, BlockRef("body", node.id), [reworded]))
        done.reworded = node.id
    part = max(new.parts, key=lambda p: len(p.articles))
    if len(part.articles) >= 6:  # move: the second article down three places
        moved = part.articles[1]
        apply(new, editing.move(new, BlockRef("heading", moved.id), +3))
        done.moved = moved.id
    if len(part.articles) >= 8:  # delete: an article that is neither moved nor reworded
        kept = {done.moved, done.reworded}
        gone = [a for a in part.articles if not kept & {n.id for n in a.walk()}][-1]
        apply(new, editing.delete_nodes(new, [gone.id]))
        done.deleted = gone.id
    if articles:  # insert: a new article after the first, with a heading and a text
        edit = editing.new_article(new, Pos(BlockRef("heading", part.articles[0].id), 0))
        apply(new, edit)
        inserted = edit.caret.ref.owner
        zh = draft_language(new) == "zh"
        apply(new, editing.set_block_text(new, BlockRef("heading", inserted),
                                          ["数据安全" if zh else "Data security"]))  # fmt: skip
        text = ("双方应当采取必要措施保障数据安全，防止数据泄露、篡改和丢失。" if zh
                else "Each party shall keep the other's data safe from loss.")  # fmt: skip
        apply(new, editing.set_block_text(new, BlockRef("body", inserted), [text]))
        done.inserted = inserted
    unfilled = _text_field_in_numbered_text(new)
    if unfilled is not None:  # fill: a blank in an article's or clause's text
        apply(new, editing.fill_field(new, unfilled, "北京某某科技有限公司"))
        done.filled = unfilled
    return done


def _plain(body: list) -> str:
    return "".join(s for s in body if isinstance(s, str))


def _all_text(body: list) -> bool:
    return all(isinstance(s, str) for s in body)


def _text_field_in_numbered_text(draft: Draft) -> int | None:
    for _, node in draft.nodes():
        for seg in node.body:
            if isinstance(seg, Blank):
                field = draft.fields.get(seg.field_id)
                if field is not None and field.kind == "text" and not field.value:
                    return field.id
    return None


# -- what a compare must find ------------------------------------------------------------------


def node_text(draft: Draft, node: Node, paths: dict) -> str:
    """An article's or clause's own text as printed: heading, then text with values in."""
    return "\n".join(t for t in (node.heading.strip(), render_body(node.body, paths, draft)) if t)


def expected_changes(old: Draft, new: Draft, moved: set[int]) -> set[tuple]:
    """(kind, old label, new label, old text, new text) of every node that changed, by id:
    texts of inserted and deleted items left out (they carry their clauses)."""
    old_nodes, new_nodes = _nodes(old), _nodes(new)
    out: set[tuple] = set()
    for node_id, (lab, text, parent) in old_nodes.items():
        if node_id not in new_nodes:
            if parent not in old_nodes or parent in new_nodes:  # not inside a deleted one
                out.add(("deleted", lab, None))
            continue
        new_lab, new_text, _ = new_nodes[node_id]
        if node_id in moved:
            out.add(("moved", lab, new_lab, text, new_text))
        elif text != new_text:
            out.add(("changed", lab, new_lab, text, new_text))
    for node_id, (lab, _, parent) in new_nodes.items():
        if node_id not in old_nodes and (parent not in new_nodes or parent in old_nodes):
            out.add(("inserted", None, lab))
    return out


def found_changes(changes: list) -> set[tuple]:
    """The same shape from a comparison's changes (article and clause ones)."""
    out = set()
    for c in changes:
        if c.kind in ("inserted", "deleted"):
            out.add((c.kind, c.old, c.new))
        else:
            out.add((c.kind, c.old, c.new, c.old_text, c.new_text))
    return out


def _nodes(draft: Draft) -> dict[int, tuple[str, str, int]]:
    """Each node's (label as printed, own text, parent id)."""
    paths = number_paths(draft)
    style = label_style(draft, draft_language(draft))
    shown = labels(draft) if style == draft.numbering else {
        n: label(path, style) for n, path in paths.items()}  # fmt: skip
    out = {}
    for part in draft.parts:
        for article in part.articles:
            _walk(draft, article, part.id, paths, shown, out)
    return out


def _walk(draft, node, parent, paths, shown, out, above: str = "") -> None:
    """``above``: the parent's label, put before a clause label that does not say where it
    is itself (1. under 第五条 reads 第五条 1.; 5.1 stands alone)."""
    own = shown[node.id]
    if above and ".".join(map(str, paths[node.id])) not in own:
        own = f"{above} {own}"
    out[node.id] = (own, node_text(draft, node, paths), parent)
    for child in node.children:
        _walk(draft, child, node.id, paths, shown, out, own)
