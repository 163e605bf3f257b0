"""What changed in an article since it was taken: its heading, its text and every clause.

A lawyer's work in an article is as often in its clauses (one reworded, one added, one
deleted) as in its own text, so "unchanged" has to look at the whole tree. The article as
taken comes from the library when the node still points at the same library row, else from
what each node kept of itself when it was taken (its provenance).

The same readable text of an article (numbers, clauses, filled-in values) is what the swap
warning compares with the library variant that would replace it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from .draft import Blank, Node, blank_shows, node_texts, plain
from .numbering import label, labels, number_paths, styles_at
from .text import clean_text, text_and_rows

if TYPE_CHECKING:
    from clause_db.rows import ClauseRow
    from clause_db.store import ClauseLibrary

    from .draft import Draft, Segment

Runs = list[tuple[str, str]]  # (op, text): op is "=", "-" or "+"
_SIMILAR = 0.5  # two lines this alike are shown as one line edited, not one out, one in


@dataclass
class Taken:
    """A node as it was taken: ``key`` matches it with the node that still descends from it."""

    key: object
    label: str  # its number as written there
    heading: str
    text: str
    children: list[Taken] = field(default_factory=list)


@dataclass
class Change:
    """One difference: ``kind`` is heading, text, added or removed; ``label`` says which
    clause ("" for the article itself, the number as written for a removed clause)."""

    kind: str
    label: str
    runs: Runs


def taken_of(node: Node, library: ClauseLibrary | None = None) -> Taken | None:
    """The node as taken (None when it was written in the draft)."""
    p = node.provenance
    if p is None:
        return None
    from_library = _from_library(node, library) if library is not None else None
    if from_library is not None:
        return from_library
    kids = [
        taken_of(c)
        for c in node.children
        if c.provenance is not None
        and (c.provenance.source, c.provenance.library_article_id)
        == (p.source, p.library_article_id)
    ]
    return Taken(node.id, p.written_label, p.taken_heading, p.taken_text, kids)


def _from_library(node: Node, library: ClauseLibrary) -> Taken | None:
    """The library's own rows, when the node still points at the row it was taken from."""
    p = node.provenance
    if p.library_article_id is None:
        return None
    if p.library_clause_id is None:
        row = library.article(p.library_article_id)
        children = library.clauses_of(p.library_article_id) if row else []
    else:
        row = _find_clause(library.clauses_of(p.library_article_id), p.library_clause_id)
        children = row.children if row else []
    if row is None or (row.heading, row.text) != (p.taken_heading, p.taken_text):
        return None  # the library changed since: what the node kept is the better witness
    key = ("article", row.id) if p.library_clause_id is None else ("clause", row.id)
    return Taken(key, row.label, row.heading, row.text, [_row_taken(c) for c in children])


def _find_clause(rows: list[ClauseRow], clause_id: int) -> ClauseRow | None:
    for row in rows:
        if row.id == clause_id:
            return row
        found = _find_clause(row.children, clause_id)
        if found is not None:
            return found
    return None


def _row_taken(row: ClauseRow) -> Taken:
    kids = [_row_taken(c) for c in row.children]
    return Taken(("clause", row.id), row.label, row.heading, row.text, kids)


def _node_key(node: Node, by_library: bool) -> object:
    p = node.provenance
    if not by_library:
        return node.id
    if p is None or p.library_article_id is None:
        return ("written", node.id)
    if p.library_clause_id is None:
        return ("article", p.library_article_id)
    return ("clause", p.library_clause_id)


def article_changes(
    node: Node, library: ClauseLibrary | None = None, labels: dict[int, str] | None = None
) -> list[Change]:
    """Every change of ``node`` and its clauses since taken, in reading order ([] if none or
    if it was never taken). ``labels`` names the node's clauses as the draft numbers them."""
    taken = taken_of(node, library)
    if taken is None:
        return []
    out: list[Change] = []
    by_library = isinstance(taken.key, tuple)  # library rows are keyed by row, the rest by node
    _compare(node, taken, by_library, labels or {}, out, top=True)
    return out


def changed(node: Node, library: ClauseLibrary | None = None) -> bool:
    """Whether the node, or any clause under it, differs from what was taken."""
    return bool(article_changes(node, library))


def _compare(node, taken: Taken, by_library: bool, labels, out: list[Change], top=False) -> None:
    name = "" if top else labels.get(node.id, taken.label)
    if node.heading != taken.heading:
        out.append(Change("heading", name, [("-", taken.heading), ("+", node.heading)]))
    old, new = clean_text(taken.text), text_and_rows(node.body, node.tables, plain)
    if new != old:
        out.append(Change("text", name, text_runs(old, new)))
    keys = [_node_key(c, by_library) for c in node.children]
    old_keys = [t.key for t in taken.children]
    matcher = difflib.SequenceMatcher(None, old_keys, keys, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for child, was in zip(node.children[b0:b1], taken.children[a0:a1], strict=True):
                _compare(child, was, by_library, labels, out)
            continue
        for was in taken.children[a0:a1]:
            out.append(Change("removed", was.label, [("-", _taken_text(was))]))
        for child in node.children[b0:b1]:
            text = "\n".join(_lines_of(child, labels))
            out.append(Change("added", labels.get(child.id, ""), [("+", text)]))


def _taken_text(taken: Taken) -> str:
    lines = [" ".join(x for x in (taken.label, taken.heading, taken.text) if x)]
    lines += [_taken_text(c) for c in taken.children]
    return "\n".join(lines)


def text_runs(old: str, new: str) -> Runs:
    """Character-level changes from ``old`` to ``new`` as (op, text) runs."""
    runs: Runs = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", old[a0:a1]))
        else:
            if a1 > a0:
                runs.append(("-", old[a0:a1]))
            if b1 > b0:
                runs.append(("+", new[b0:b1]))
    return runs


def line_runs(old: str, new: str) -> Runs:
    """Changes line by line, a similar pair of lines shown character by character: readable
    where two different wordings of one article are compared, where a character diff of the
    whole would be confetti."""
    a, b = old.split("\n"), new.split("\n")
    runs: Runs = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", "".join(line + "\n" for line in a[a0:a1])))
            continue
        olds, news = a[a0:a1], b[b0:b1]
        while olds and news:
            x, y = olds.pop(0), news.pop(0)
            if difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() >= _SIMILAR:
                runs += [*text_runs(x, y), ("=", "\n")]
            else:
                runs += [("-", x + "\n"), ("+", y + "\n")]
        runs += [("-", line + "\n") for line in olds] + [("+", line + "\n") for line in news]
    return runs


# -- an article as a reader sees it ------------------------------------------------------------


def filled_text(draft: Draft, body: list[Segment]) -> str:
    """The text with each blank showing its value when filled (as written when not)."""
    out = []
    for seg in body:
        if isinstance(seg, Blank):
            out.append(blank_shows(draft, seg))
        else:
            out.append(plain([seg]))
    return "".join(out)


def article_text(draft: Draft, node: Node) -> str:
    """The article and all its clauses as numbered lines, filled-in values shown."""
    return "\n".join(_lines_of(node, labels(draft), draft))


def _lines_of(node: Node, labels: dict[int, str], draft: Draft | None = None) -> list[str]:
    render = partial(filled_text, draft) if draft is not None else plain
    text = text_and_rows(node.body, node.tables, render)
    lines = [" ".join(x for x in (labels.get(node.id, ""), node.heading, text) if x)]
    for child in node.children:
        lines += _lines_of(child, labels, draft)
    return lines


def filled_fields(draft: Draft, node: Node) -> list[tuple[str, str]]:
    """(name, value) of the filled fields that occur only in the node and its clauses: the
    values that leave the text with it (a field used elsewhere too keeps showing there)."""
    inside: dict[int, int] = {}
    for n in node.walk():
        for seg in (s for body in node_texts(n) for s in body):
            if isinstance(seg, Blank):
                inside[seg.field_id] = inside.get(seg.field_id, 0) + 1
    everywhere = draft.occurrences()
    out = []
    for field_id, count in inside.items():
        f = draft.fields.get(field_id)
        if f is not None and f.value and everywhere.get(field_id) == count:
            out.append((f.name or f.label, f.value))
    return out


def variant_text(draft: Draft, node: Node, library: ClauseLibrary, article_id: int) -> str:
    """Library article ``article_id`` as it would read in ``node``'s place (same numbers)."""
    row = library.article(article_id)
    if row is None:
        return ""
    path = number_paths(draft)[node.id]
    own, inner = styles_at(draft, node.id)

    def lines(rows: list[ClauseRow], prefix: tuple[int, ...]) -> list[str]:
        out = []
        for i, r in enumerate(rows, 1):
            number = label((*prefix, i), inner)
            out.append(" ".join(x for x in (number, r.heading, clean_text(r.text)) if x))
            out += lines(r.children, (*prefix, i))
        return out

    number = label(path, own)
    head = " ".join(x for x in (number, row.heading, clean_text(row.text)) if x)
    return "\n".join([head, *lines(library.clauses_of(article_id), path)])
