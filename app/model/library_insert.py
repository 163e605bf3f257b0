"""Articles and clauses taken from the clause library into a draft, and what changed since.

A node taken from the library keeps the library ids and its text as taken, so the app can
tell the lawyer whether it was changed since, and show how (``changes``).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .draft import Draft, Field, Node, Provenance, plain
from .ops import EditError, allocating, current_resolver, insert_nodes, several
from .text import enter_text

if TYPE_CHECKING:
    from clause_db.store import ClauseLibrary

    from .commands import InsertNodes


def insert_from_library(
    draft: Draft, library: ClauseLibrary, kind: str, row_id: int, parent_id: int, index: int
) -> InsertNodes:
    """Insert library article or clause ``row_id`` at ``index`` of ``parent_id``'s list.

    Under a part it becomes an article, under an article or clause a clause: where it lands
    decides what it is, not where it came from.
    """
    return insert_many_from_library(draft, library, [(kind, row_id)], parent_id, index)


def insert_many_from_library(
    draft: Draft,
    library: ClauseLibrary,
    refs: list[tuple[str, int]],
    parent_id: int,
    index: int,
) -> InsertNodes:
    """Library articles or clauses ``refs`` ((kind, id) pairs), in order, at one place as
    one command: a blank named alike in two of them is one field."""
    pending: dict[str, Field] = {}
    new_fields: list[Field] = []
    resolve = current_resolver(draft, parent_id)

    def build(item, label: str, article_id: int | None, clause_id: int | None, kids) -> Node:
        node = Node(draft.new_id(), heading=item.heading)
        entered = enter_text(draft, item.text, resolve, pending, heading=item.heading)
        new_fields.extend(entered.new_fields)
        node.body = entered.segments
        node.provenance = Provenance(source, label, item.heading, item.text, article_id, clause_id)
        node.children = [build(c, c.label, c.article_id, c.id, c.children) for c in kids]
        return node

    nodes: list[Node] = []
    names: list[str] = []
    with allocating(draft) as ids:
        for kind, row_id in refs:
            if kind == "article":
                row = library.article(row_id)
                children = library.clauses_of(row_id) if row else []
            elif kind == "clause":
                row = library.clause(row_id)
                children = row.children if row else []
            else:
                raise EditError(Msg("无法插入条款库中的“{0}”", "cannot insert a library {0}", kind))
            if row is None:
                raise EditError(Msg(
                    "条款库中没有编号为 {1} 的{0}",
                    "the library has no {0} {1}",
                    Msg("条", "article") if kind == "article" else Msg("款", "clause"),
                    row_id,
                ))  # fmt: skip
            article = row if kind == "article" else library.article(row.article_id)
            source = article.source_title if article else ""
            if kind == "article":
                nodes.append(build(row, row.label, row.id, None, children))
            else:
                nodes.append(build(row, row.label, row.article_id, row.id, children))
            names.append(row.heading or row.label)
    if not nodes:
        raise EditError(Msg("没有要插入的内容", "nothing to insert"))
    what = several(names[0], len(names))
    return insert_nodes(draft, parent_id, index, nodes, new_fields, tuple(ids), what)


def changed(node: Node) -> bool:
    """Whether the node's heading or text differ from what was taken (False if not taken)."""
    p = node.provenance
    return p is not None and (node.heading != p.taken_heading or plain(node.body) != p.taken_text)


def changes(node: Node) -> list[tuple[str, str]]:
    """The text's changes since it was taken, as (op, text) runs: op is = , - or +."""
    p = node.provenance
    if p is None:
        return []
    old, new = p.taken_text, plain(node.body)
    runs: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", old[a0:a1]))
        else:
            if a1 > a0:
                runs.append(("-", old[a0:a1]))
            if b1 > b0:
                runs.append(("+", new[b0:b1]))
    return runs
