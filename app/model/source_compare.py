"""Compare a draft against its sources: each article against the library article (or the
imported file's article) it was taken from, clause by clause.

Every node keeps what it was when taken (its provenance; with the library at hand, the
library's own rows while the node still points at an unchanged row, see
``article_changes.taken_of``). The draft "as taken" is the draft with each article put back
as it was taken -- its clauses as they were, clauses since deleted included when the
library still has them, every blank in them unfilled. Comparing that with the draft is then
an ordinary compare: reworded text, filled blanks, ticked boxes, clauses added and deleted.
Articles written in the draft have no source to differ from: they stay as they are, so both
sides number their articles alike and each change is labelled as the draft numbers it (the
sources' own numbers differ from source to source and say nothing about this contract).

A node whose text as written still reads as taken keeps its own segments and tables on the
taken side (only its blanks emptied), so a table is not compared with its rows flattened
into text; a reworded one is its taken text, tick boxes shown as the draft shows them (☐).
"""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING

from .article_changes import Taken, taken_of
from .compare import compare_drafts
from .draft import UNTICKED, Blank, Node, node_texts, plain
from .text import clean_text, text_and_rows

if TYPE_CHECKING:
    from clause_db.store import ClauseLibrary

    from .compare import Comparison
    from .draft import Draft


def as_taken(draft: Draft, library: ClauseLibrary | None = None) -> Draft:
    """A copy of ``draft`` whose taken articles read as they were taken; articles written
    in the draft and the text outside the articles are the draft's own."""
    old = copy.deepcopy(draft)
    boxes = _tick_boxes(old)
    for part in old.all_parts():
        for number, article in enumerate(part.articles):
            taken = taken_of(article, library)
            if taken is None:
                continue
            now = {_key(n, taken): n for n in article.walk()}
            node = _node(old, taken, now, boxes)
            node.numbering = article.numbering
            part.articles[number] = node
    return old


def _key(node: Node, taken: Taken) -> object:
    """What ``taken_of`` keys a node's taken self by: its id, or its library row."""
    if not isinstance(taken.key, tuple):
        return node.id
    p = node.provenance
    if p is None or p.library_article_id is None:
        return ("written", node.id)
    if p.library_clause_id is None:
        return ("article", p.library_article_id)
    return ("clause", p.library_clause_id)


def _tick_boxes(draft: Draft) -> dict[str, str]:
    """Each tick box as written ({{☐name}}, □) -> as the draft shows it unticked."""
    boxes = {}
    for body in draft.bodies():
        for seg in body:
            if isinstance(seg, Blank) and _kind(draft, seg) == "checkbox":
                boxes[seg.blank] = UNTICKED
    return boxes


def _kind(draft: Draft, blank: Blank) -> str:
    field = draft.fields.get(blank.field_id)
    return field.kind if field is not None else "text"


def _node(draft: Draft, taken: Taken, now: dict[object, Node], boxes: dict[str, str]) -> Node:
    node = Node(draft.new_id(), heading=taken.heading)
    text = clean_text(taken.text)
    same = now.get(taken.key)
    if same is not None and text_and_rows(same.body, same.tables, plain) == text:
        node.body, node.tables = same.body, same.tables
        _empty_blanks(draft, node)
    else:
        for written, shown in boxes.items():
            text = text.replace(written, shown)
        node.body = [text] if text else []
    node.children = [_node(draft, child, now, boxes) for child in taken.children]
    return node


def _empty_blanks(draft: Draft, node: Node) -> None:
    """Point the node's blanks at unfilled copies of their fields: as taken, nothing was
    filled in (the fields themselves stay filled for the text outside the articles)."""
    for body in node_texts(node):
        for number, seg in enumerate(body):
            if isinstance(seg, Blank) and seg.field_id in draft.fields:
                field = draft.fields[seg.field_id]
                if field.value:
                    empty = dataclasses.replace(field, id=draft.new_id(), value=None)
                    draft.fields[empty.id] = empty
                    body[number] = Blank(empty.id, seg.blank)


def taken_from_sources(draft: Draft) -> bool:
    """Whether any article of the draft came from the library or an imported file."""
    return any(a.provenance is not None for p in draft.all_parts() for a in p.articles)


def compare_with_sources(draft: Draft, library: ClauseLibrary | None = None) -> Comparison:
    """What the draft changed in the articles it took: old is the draft as taken."""
    return compare_drafts(as_taken(draft, library), draft)
