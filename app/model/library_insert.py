"""Articles and clauses taken from the clause library into a draft, or swapped in for one.

A node taken from the library keeps the library ids and its text as taken, so the app can
tell the lawyer whether it was changed since (``article_changes``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .draft import Draft, Field, Node, Provenance
from .ops import EditError, allocating, current_resolver, insert_nodes, replace_node, several
from .text import enter_text

if TYPE_CHECKING:
    from clause_db.store import ClauseLibrary

    from .commands import InsertNodes, ReplaceNode


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
    nodes, new_fields, ids, what = _library_nodes(draft, library, refs, parent_id)
    return insert_nodes(draft, parent_id, index, nodes, new_fields, ids, what)


def swap_in_variant(
    draft: Draft, library: ClauseLibrary, node_id: int, article_id: int
) -> ReplaceNode:
    """Library article ``article_id`` in the place of article ``node_id``, one exact step:
    that article, its text and every clause of it go, nothing else (the parts, articles and
    annexes around it stay as they are)."""
    located = draft.find(node_id)
    if located is None:
        raise EditError(Msg("没有第 {0} 号条或款", "no article or clause {0}", node_id))
    part, container, _ = located
    if container is not part.articles:
        raise EditError(
            Msg(
                "只有条可以换成条款库中的其他版本",
                "only an article can be swapped for a library variant",
            )
        )
    [node], new_fields, ids, what = _library_nodes(
        draft, library, [("article", article_id)], part.id
    )
    return replace_node(draft, node_id, node, new_fields, ids, what)


def _library_nodes(
    draft: Draft, library: ClauseLibrary, refs: list[tuple[str, int]], parent_id: int
) -> tuple[list[Node], list[Field], tuple[int, int], str | Msg]:
    """The nodes for library rows ``refs`` (not in the draft yet), their new fields, the id
    range they took and their name for the undo step."""
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
    return nodes, new_fields, tuple(ids), what
