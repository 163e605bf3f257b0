"""Markdown before segmenting: which spans are markup, and what list indentation means.

The segmenter reads numbering markers in plain text. Markdown adds three things it must not
mistake for the contract: markup (YAML front matter, a summary table before the text, HTML
tags such as ``<span id="1.1">`` inside headings and items), list nesting by indentation (an
indented ``1.`` under ``1.`` is clause 1.1, not article 1 again), and lazy numbering
(``1.`` ``1.`` ``1.`` renders as 1, 2, 3). :func:`prepare` finds the markup and blanks it
out (same length, newlines kept) so every span still points into the source; the segmenter
runs on the blanked text; :func:`restore` puts the source back, reports the markup as
skipped spans (holes in the pieces that contain them) and recomputes the values around them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from clause_db.headings import clean
from clause_db.markers import Marker
from clause_db.model import HOLE_REASONS, Piece, Skipped

if TYPE_CHECKING:
    from clause_db.model import Article, Clause, Outline, Part, Span
    from clause_db.page_furniture import PageFurniture

MARKDOWN_SUFFIXES = (".md", ".markdown")

_FRONT_MATTER = re.compile(r"---[ \t]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|$)")
# Bounded, so a file of unclosed ``<a`` costs linear time, not quadratic.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,40}(?:\s[^<>\n]{0,500})?/?>")
TABLE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*$")
TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
# Where the contract's own text starts: a numbered heading or list item.
_BODY_START = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*)?(?:\d{1,3}[.)](?:[ \t]|$)|[A-Z]\.[ \t]|"
    r"(?:ARTICLE|Article|SECTION|Section)[ \t]|第)"
)
_LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)(?P<n>\d{1,3})[.)][ \t]")
_LETTERED_HEADING = re.compile(r"(?P<hashes>#{1,6})[ \t]+(?:\*\*)?(?P<n>[A-Z])\.[ \t]+\S")
_NUMBERED_HEADING = re.compile(r"[ \t]{0,3}(?P<hashes>#{1,6})[ \t]+(?:\*\*)?(?P<n>\d{1,3})[.．]")
_ATX_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]")
_ANY_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]", re.M)
_HEADING_KINDS = ("cn_article", "en_article", "en_section")


@dataclass
class MarkdownLayout:
    """What the Markdown pre-pass found: the blanked text and the markup spans it hides."""

    source: str
    masked: str
    holes: list[Skipped] = field(default_factory=list)

    def markers(self, text: str, markers: list[Marker]) -> list[Marker]:
        """The segmenter's candidate markers, read as Markdown: lists and lettered sections."""
        markers = _lettered_articles(text, markers)
        if not any(m.kind in _HEADING_KINDS for m in markers):
            markers = _numbered_heading_articles(text, markers)
        if any(m.kind in _HEADING_KINDS for m in markers):
            return _lazy_counts(text, markers, nest=False)
        return _lazy_counts(text, markers, nest=True)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip("\n"))))
        pos += len(line)
    return out


def _summary_table(text: str, start: int) -> Span | None:
    """A Markdown table before the first numbered heading or item (key terms, parties)."""
    lines = [(s, e) for s, e in _lines(text) if s >= start]
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if _BODY_START.match(line):
            return None
        if TABLE_ROW.fullmatch(line) and i + 1 < len(lines):
            if not TABLE_RULE.fullmatch(text[slice(*lines[i + 1])]):
                continue
            end = lines[i + 1][1]
            for s2, e2 in lines[i + 2 :]:
                if not TABLE_ROW.fullmatch(text[s2:e2]):
                    break
                end = e2
            return s, end
    return None


def _comments(text: str, start: int) -> list[Span]:
    """``<!-- ... -->`` spans (found with str.find: unclosed ones cost linear time)."""
    out, pos = [], text.find("<!--", start)
    while pos >= 0:
        end = text.find("-->", pos + 4)
        if end < 0:
            break
        out.append((pos, end + 3))
        pos = text.find("<!--", end + 3)
    return out


def prepare(text: str) -> MarkdownLayout:
    """Find front matter, a summary table and HTML tags; blank them in a same-length copy."""
    holes: list[Skipped] = []
    chars = list(text)
    body = 0
    fm = _FRONT_MATTER.match(text)
    if fm:
        holes.append(Skipped("front matter", (0, fm.end()), fm.group(0)))
        _blank(chars, 0, fm.end())
        body = fm.end()
    table = _summary_table(text, body)
    if table:
        holes.append(Skipped("summary table", table, text[slice(*table)]))
        _blank(chars, *table)
    covered = [h.span for h in holes]
    markup = sorted(_comments(text, body) + [m.span() for m in _TAG.finditer(text, body)])
    reach = 0
    for span in markup:
        inside = span[0] < reach or any(s <= span[0] < e for s, e in covered)
        if not inside:  # a tag in the table or in a comment is already skipped with it
            holes.append(Skipped("markup", span, text[slice(*span)]))
            _blank(chars, *span)
            reach = span[1]
    holes.sort(key=lambda h: h.span)
    return MarkdownLayout(text, "".join(chars), holes)


# -- markers ------------------------------------------------------------------------------


def _line_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _lettered_articles(text: str, markers: list[Marker]) -> list[Marker]:
    """``## A. Title`` headings (two or more at one level) are articles A, B, C."""
    found: dict[int, list[Marker]] = {}
    for m in re.finditer(r"^.*$", text, re.M):
        h = _LETTERED_HEADING.match(m.group(0))
        if not h:
            continue
        n = h.group("n")
        label_end = m.start() + h.end("n") + 1
        while label_end < m.end() and text[label_end] in " \t":
            label_end += 1
        marker = Marker(
            kind="en_article",
            start=m.start(),
            label_end=label_end,
            label=f"{n}.",
            value=ord(n) - ord("A") + 1,
            line_start=True,
        )
        found.setdefault(len(h.group("hashes")), []).append(marker)
    lettered = [m for level in found.values() if len(level) >= 2 for m in level]
    if not lettered:
        return markers
    starts = {m.start for m in lettered}
    kept = [m for m in markers if m.start not in starts]  # A. is the heading, not an item
    return sorted([*kept, *lettered], key=lambda mk: (mk.start, -(mk.label_end - mk.start)))


def _numbered_heading_articles(text: str, markers: list[Marker]) -> list[Marker]:
    """``## 1. Title`` headings (two or more at one level) are the articles; lists are items.

    Without this, the ``1.`` items of a list under ``## 2. Fees`` would be read as articles
    1, 2 again. The shallowest heading level that numbers two or more headings wins.
    """
    levels: dict[int, list[Marker]] = {}
    for m in markers:
        if m.kind == "arabic" and m.line_start:
            ls, le = _line_of(text, m.label_end - 1)
            h = _NUMBERED_HEADING.match(text, ls, le)
            if h and text[h.end("n") : m.label_end].strip() == ".":
                levels.setdefault(len(h.group("hashes")), []).append(m)
    chosen = next((levels[k] for k in sorted(levels) if len(levels[k]) >= 2), [])
    ids = {id(m) for m in chosen}
    return [replace(m, kind="en_article") if id(m) in ids else m for m in markers]


def _lazy_counts(text: str, markers: list[Marker], nest: bool) -> list[Marker]:
    """List items numbered as they render: lazy ``1.`` ``1.`` counts on, indentation nests.

    Each open list is (indent, ordinal, number as written). An item indented deeper than the
    open item starts a sublist; with ``nest`` (the list items are the articles) it becomes a
    dotted clause 1.1, 1.1.1 labelled as written. A heading line closes every list.
    """
    headings = [h.start() for h in _ANY_HEADING.finditer(text)]
    opened: list[tuple[int, int, int]] = []
    out: list[Marker] = []
    last = 0
    for m in markers:
        if m.kind == "arabic" and m.line_start:
            ls, le = _line_of(text, m.label_end - 1)
            if bisect_left(headings, ls) > bisect_left(headings, last):
                opened.clear()  # a heading since the last item (## Annex) ends every list
            last = ls
            if _ATX_HEADING.match(text, ls, le):
                out.append(m)
                continue
            item = _LIST_ITEM.match(text, ls, le)
            if item and text[item.end("n") : m.label_end].strip() == ".":
                listed = _list_marker(m, len(item.group("indent").expandtabs(4)), opened, nest)
                if listed:
                    out.append(listed)
                continue
        elif m.line_start and m.kind in _HEADING_KINDS:
            opened.clear()
        out.append(m)
    return out


def _list_marker(
    m: Marker, indent: int, opened: list[tuple[int, int, int]], nest: bool
) -> Marker | None:
    while opened and opened[-1][0] > indent:
        opened.pop()
    written = m.value or 0
    if opened and opened[-1][0] == indent:
        _, ordinal, before = opened.pop()
        lazy = written == before and written <= ordinal
        ordinal = ordinal + 1 if lazy else written
    elif opened and opened[-1][0] < indent and len(opened) >= 3:
        return None  # deeper than 1.1.1: text of its clause
    else:
        ordinal = written
    opened.append((indent, ordinal, written))
    if len(opened) == 1 or not nest:
        return replace(m, value=ordinal)
    path = tuple(o for _, o, _ in opened)
    return replace(m, kind="dotted", value=path[0], path=path)


# -- back to the source -------------------------------------------------------------------


def _without_holes(text: str, span: Span, holes: list[Span]) -> str | None:
    """The piece's text with the markup cut out, or None when no markup lies inside it."""
    i = bisect_left(holes, (span[0], span[0]))
    if i and holes[i - 1][1] > span[0]:
        i -= 1  # a tag the piece starts inside of
    if i == len(holes) or holes[i][0] >= span[1]:
        return None
    out, pos = [], span[0]
    while i < len(holes) and holes[i][0] < span[1]:
        hs, he = holes[i]
        out.append(text[pos : max(pos, hs)])
        pos = min(max(pos, he), span[1])
        i += 1
    out.append(text[pos : span[1]])
    return "".join(out)


def _fix(piece: Piece, text: str, holes: list[Span], heading: bool) -> Piece:
    joined = _without_holes(text, piece.span, holes)
    if joined is None:
        return piece
    joined = re.sub(r"[ \t]{2,}", " ", joined)
    return Piece(clean(joined) if heading else joined.strip(), piece.span)


def _fix_node(node: Part | Article | Clause, text: str, holes: list[Span]) -> None:
    node.heading = _fix(node.heading, text, holes, heading=True)
    node.text = _fix(node.text, text, holes, heading=False)
    for child in getattr(node, "articles", []) + getattr(node, "clauses", []):
        _fix_node(child, text, holes)


def _split_skipped(items: list[Skipped], text: str, holes: list[Span]) -> list[Skipped]:
    """Skipped spans (cover page, blank) minus the markup inside them."""
    out = []
    for item in items:
        pos, pieces = item.span[0], []
        for hs, he in holes:
            if item.span[0] <= hs and he <= item.span[1]:
                pieces.append((pos, hs))
                pos = he
        pieces.append((pos, item.span[1]))
        for s, e in pieces:
            if e > s:
                reason = item.reason if text[s:e].strip() else "blank"
                out.append(Skipped(reason, (s, e), text[s:e]))
    return out


def restore(outline: Outline, layout: MarkdownLayout | PageFurniture) -> Outline:
    """The outline of the blanked text, made the outline of the source (see the module doc).

    Also used for a PDF's page furniture, blanked the same way (``clause_db.page_furniture``).
    """
    text = layout.source
    holes = layout_holes = [h.span for h in layout.holes]
    outline.text = text
    outline.skipped = _split_skipped(outline.skipped, text, holes)
    for doc in outline.documents:
        holes = sorted([*layout_holes, *(k.span for k in doc.skipped if k.reason in HOLE_REASONS)])
        doc.title_piece = _fix(doc.title_piece, text, holes, heading=True)
        doc.title = doc.title_piece.value
        doc.preamble = _fix(doc.preamble, text, holes, heading=False)
        for part in doc.parts:
            _fix_node(part, text, holes)
        if doc.cover is not None:
            doc.cover = _fix(doc.cover, text, sorted([*holes, doc.title_piece.span]), False)
        if doc.signature is not None:
            doc.signature = _fix(doc.signature, text, holes, heading=False)
        for annex in doc.annexes:
            annex.title = _fix(annex.title, text, holes, heading=True)
            annex.text = _fix(annex.text, text, holes, heading=False)
            for part in annex.parts:
                _fix_node(part, text, holes)
        doc.skipped = _split_skipped(doc.skipped, text, layout_holes)
    for hole in layout.holes:
        doc = next((d for d in outline.documents if d.span[0] <= hole.span[0] < d.span[1]), None)
        (doc.skipped if doc else outline.skipped).append(hole)
    return outline
