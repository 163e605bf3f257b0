"""A redline: the new version as a Word document whose differences from the old one are real
tracked changes (``w:ins`` / ``w:del`` with author and date), so "Accept all" in Word gives
exactly the new version's export and "Reject all" exactly the old one's.

Both versions are written by the Word export's own writer (same layout, styles, numbers), a
subclass noting which body blocks each article and clause wrote. The blocks are then
aligned: an article or clause with its pair from ``compare_drafts`` (so renumbering aligns
第六条 with 第五条), other paragraphs by style and text. An aligned paragraph whose text
differs gets the character/word difference of ``text_diff`` as deleted and inserted runs,
each keeping its own formatting. A moved article or clause (a clause promoted to an article
is one too) is a marked deletion where it was and a marked insertion where it is. Whole
paragraphs deleted or inserted have their paragraph mark marked too, so accepting or
rejecting leaves no empty line behind; table rows likewise.
"""

from __future__ import annotations

import copy
import getpass
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from lxml import etree

from app.model.compare import Comparison, compare_drafts
from app.model.files import write_atomically
from app.model.printed import draft_language
from app.model.text_diff import DELETE, EQUAL, text_diff
from app.word.export import ExportOptions, _Writer, word_document

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from docx.document import Document as WordDocument

    from app.model.draft import Draft, Node

_P, _TBL, _R, _T = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:t")
_PPR, _RPR, _TR, _TC = qn("w:pPr"), qn("w:rPr"), qn("w:tr"), qn("w:tc")
_SIMPLE_RUN = {_RPR, _T}
_RENAMED_WHEN_DELETED = {_T: qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def default_author() -> str:
    """The name the changes are signed with when none is given: the user's login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment or passwd
        return ""


def export_redline(
    old: Draft, new: Draft, path: Path, author: str, when: datetime | None = None
) -> Comparison:
    """Write the redline from ``old`` to ``new`` at ``path`` (atomically); the comparison."""
    data, comparison = render_redline(old, new, author, when)
    write_atomically(Path(path), data)
    return comparison


def render_redline(
    old: Draft, new: Draft, author: str, when: datetime | None = None
) -> tuple[bytes, Comparison]:
    """The .docx bytes of the redline and the comparison it shows."""
    comparison = compare_drafts(old, new)
    options = ExportOptions(language=draft_language(new), author=author)
    _, old_owners = _written(old, options, comparison.unchanged)
    new_doc, new_owners = _written(new, options)
    keys = _NodeKeys(old, new, comparison)
    marks = _Marks(author, when or datetime.now(UTC))
    new_blocks = [_Block(el, keys.new(owner)) for el, owner in new_owners]
    articles = {n.id: a.id for p in new.all_parts() for a in p.articles for n in a.walk()}
    by_article: dict[int, list[_Block]] = {}
    for block, (_, owner) in zip(new_blocks, new_owners, strict=True):
        if owner is not None:
            by_article.setdefault(articles[owner], []).append(block)
    old_blocks: list[_Block] = []
    for el, owner in old_owners:
        if el is None:  # an article reading the same: its blocks are the new version's
            twins = by_article.get(comparison.pairs[owner], [])
            old_blocks.extend(_Block(b.el, b.node_key, shared=True) for b in twins)
        else:
            old_blocks.append(_Block(el, keys.old(owner)))
    sect_pr = new_doc.element.body.find(qn("w:sectPr"))
    for el in _stitch(old_blocks, new_blocks, marks):  # every new block is among them
        sect_pr.addprevious(el)
    out = io.BytesIO()
    new_doc.save(out)
    return out.getvalue(), comparison


# -- which article or clause wrote each block --------------------------------------------------


class _NotingWriter(_Writer):
    """The export's writer, noting at which body position each node starts and ends, and
    leaving out the articles in ``skip`` (noting where they would have been)."""

    skip: frozenset[int] | set[int] = frozenset()

    def write(self) -> None:
        self.body = self.doc.element.body
        self.owner: int | None = None
        self.changes: list[tuple[int, int | None]] = []  # (body index, owner from there on)
        self.skipped: list[tuple[int, int]] = []  # (body index, article left out there)
        super().write()

    def _node(self, node: Node, depth: int, *args, **kwargs) -> None:
        if node.id in self.skip:
            self.skipped.append((len(self.body) - 1, node.id))
            return
        outer = self.owner
        self._switch(node.id)
        super()._node(node, depth, *args, **kwargs)  # (an annex's style, and what may come)
        self._switch(outer)

    def _switch(self, owner: int | None) -> None:
        self.changes.append((len(self.body) - 1, owner))  # the last child is w:sectPr
        self.owner = owner


def _written(
    draft: Draft, options: ExportOptions, skip: set[int] | None = None
) -> tuple[WordDocument, list[tuple[etree._Element | None, int | None]]]:
    """The draft's export and its body blocks, each with the id of the node that wrote it;
    an article of ``skip`` left out stands as (None, its id) where it would have been."""
    writers: list[_NotingWriter] = []

    def noting(*args) -> _NotingWriter:
        writers.append(_NotingWriter(*args))
        writers[-1].skip = skip or frozenset()
        return writers[-1]

    doc = word_document(draft, options, noting)
    changes, skipped = iter(writers[0].changes), iter(writers[0].skipped)
    upcoming, left_out = next(changes, None), next(skipped, None)
    owner = None
    blocks = []
    for index, el in enumerate(doc.element.body):
        while upcoming is not None and upcoming[0] <= index:
            owner = upcoming[1]
            upcoming = next(changes, None)
        while left_out is not None and left_out[0] <= index:
            blocks.append((None, left_out[1]))
            left_out = next(skipped, None)
        if el.tag in (_P, _TBL):
            blocks.append((el, owner))
    return doc, blocks


class _NodeKeys:
    """Alignment keys: a node's blocks key on its old id on both sides, so a pair aligns
    however renumbered; moved ones (and everything under them) key apart, so they show as
    deleted where they were and inserted where they are."""

    def __init__(self, old: Draft, new: Draft, comparison: Comparison) -> None:
        self.pairs = comparison.pairs
        self.back = {n: o for o, n in comparison.pairs.items()}
        self.gone: set[int] = set()  # old ids moved themselves or with an ancestor
        for part in old.all_parts():
            for article in part.articles:
                self._spread(article, comparison.moved, False)
        self.counts: dict[tuple[str, int], int] = {}  # blocks seen per node and side

    def _spread(self, node: Node, moved: set[int], inherited: bool) -> None:
        gone = inherited or node.id in moved
        if gone:
            self.gone.add(node.id)
        for child in node.children:
            self._spread(child, moved, gone)

    def old(self, owner: int | None) -> tuple[str, int, int] | None:
        if owner is None:
            return None
        kind = "old" if owner in self.gone or owner not in self.pairs else "node"
        return kind, owner, self._nth("old", owner)

    def new(self, owner: int | None) -> tuple[str, int, int] | None:
        if owner is None:
            return None
        paired = self.back.get(owner)
        if paired is None or paired in self.gone:
            return "new", owner, self._nth("new", owner)
        return "node", paired, self._nth("new", owner)

    def _nth(self, side: str, owner: int) -> int:
        """The block's place among its node's blocks (heading, lines, table) on its side."""
        n = self.counts.get((side, owner), 0)
        self.counts[(side, owner)] = n + 1
        return n


# -- aligning blocks ---------------------------------------------------------------------------


@dataclass
class _Block:
    el: etree._Element
    node_key: Hashable | None
    shared: bool = False  # the new version's own block standing in for the old one's

    @property
    def key(self) -> Hashable:
        """What must be equal for two blocks to align at first sight."""
        if self.node_key is not None:
            return self.node_key
        return (self.el.tag, _style(self.el), _text(self.el))

    @property
    def loose(self) -> Hashable:
        """What may align two blocks left over: a node's blocks still only with their pair,
        other paragraphs by style, tables with tables."""
        if self.node_key is not None:
            return self.node_key
        return (self.el.tag, _style(self.el))


def _stitch(old: list[_Block], new: list[_Block], marks: _Marks) -> list[etree._Element]:
    """The redline's blocks: aligned ones merged, the rest deleted or inserted."""
    out: list[etree._Element] = []
    first = SequenceMatcher(None, [b.key for b in old], [b.key for b in new], autojunk=False)
    for tag, i1, i2, j1, j2 in first.get_opcodes():
        if tag == "equal":
            for o, n in zip(old[i1:i2], new[j1:j2], strict=True):
                out.extend(_merged(o, n, marks))
            continue
        left, right = old[i1:i2], new[j1:j2]
        second = SequenceMatcher(None, [b.loose for b in left], [b.loose for b in right],
                                 autojunk=False)  # fmt: skip
        for tag2, k1, k2, l1, l2 in second.get_opcodes():
            if tag2 == "equal":
                for o, n in zip(left[k1:k2], right[l1:l2], strict=True):
                    out.extend(_merged(o, n, marks))
            else:
                out.extend(marks.whole(_own(b), "del") for b in left[k1:k2])
                out.extend(marks.whole(b.el, "ins") for b in right[l1:l2])
    return out


def _merged(old: _Block, new: _Block, marks: _Marks) -> list[etree._Element]:
    """An aligned pair: the new block if nothing differs, else the difference marked in
    it, or (different kinds, tables of different shapes) the old deleted, the new inserted."""
    if old.el is new.el or _same(old.el, new.el):
        return [new.el]
    if old.el.tag == _P and new.el.tag == _P and _simple(old.el) and _simple(new.el):
        return [marks.paragraph(old.el, new.el)]
    if old.el.tag == _TBL and new.el.tag == _TBL and _shape(old.el) == _shape(new.el):
        return [marks.table(old.el, new.el)]
    return [marks.whole(_own(old), "del"), marks.whole(new.el, "ins")]


def _own(block: _Block) -> etree._Element:
    """The block's element to mark, copied if the new version shows it too."""
    return copy.deepcopy(block.el) if block.shared else block.el


def _same(a: etree._Element, b: etree._Element) -> bool:
    """The same XML, serialised (C-fast; both still in their documents, so their namespace
    declarations are written alike)."""
    return etree.tostring(a) == etree.tostring(b)


def _style(el: etree._Element) -> str:
    style = el.find(f"{_PPR}/{qn('w:pStyle')}")
    return style.get(qn("w:val"), "") if style is not None else ""


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(_T))


def _simple(p: etree._Element) -> bool:
    """A paragraph of plain runs (formatting and text only): its text can be diffed."""
    return all(
        child.tag == _PPR or (child.tag == _R and all(c.tag in _SIMPLE_RUN for c in child))
        for child in p
    )


def _shape(tbl: etree._Element) -> list[int]:
    return [len(tr.findall(_TC)) for tr in tbl.iter(_TR)]


def _cells(tbl: etree._Element) -> Iterable[etree._Element]:
    return [tc for tr in tbl.iter(_TR) for tc in tr.findall(_TC)]


# -- marking -----------------------------------------------------------------------------------


class _Marks:
    """Makes the tracked-change elements, all signed by one author at one time."""

    def __init__(self, author: str, when: datetime) -> None:
        self.author = author
        self.date = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = 0

    def element(self, kind: str) -> etree._Element:
        """A ``w:ins`` or ``w:del`` with a fresh id."""
        self.next_id += 1
        el = etree.Element(qn(f"w:{kind}"))
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        return el

    def whole(self, el: etree._Element, kind: str) -> etree._Element:
        """A paragraph or table deleted or inserted as a whole, paragraph marks and rows too."""
        if el.tag == _TBL:
            for tr in el.iter(_TR):
                tr_pr = tr.find(qn("w:trPr"))
                if tr_pr is None:
                    tr_pr = etree.Element(qn("w:trPr"))
                    tr.insert(1 if tr.find(qn("w:tblPrEx")) is not None else 0, tr_pr)
                tr_pr.append(self.element(kind))
        for p in [el] if el.tag == _P else el.iter(_P):
            for run in [c for c in p if c.tag == _R]:
                self._wrap([run], kind)
            self._mark_paragraph(p, kind)
        return el

    def paragraph(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """The new paragraph with the text difference from the old one marked run by run."""
        old_text, old_style = _letters(old)
        new_text, new_style = _letters(new)
        for run in [c for c in new if c.tag == _R]:
            new.remove(run)
        at_old = at_new = 0
        for op, text in text_diff(old_text, new_text):
            if op == EQUAL:
                new.extend(_runs(new_text, new_style, at_new, len(text)))
                at_old, at_new = at_old + len(text), at_new + len(text)
            elif op == DELETE:
                new.append(self._wrap(_runs(old_text, old_style, at_old, len(text)), "del"))
                at_old += len(text)
            else:
                new.append(self._wrap(_runs(new_text, new_style, at_new, len(text)), "ins"))
                at_new += len(text)
        return new

    def table(self, old: etree._Element, new: etree._Element) -> etree._Element:
        """A table of the same shape: each cell's paragraphs aligned and marked."""
        for old_cell, new_cell in zip(_cells(old), _cells(new), strict=True):
            old_ps = [_Block(p, None) for p in old_cell if p.tag in (_P, _TBL)]
            new_ps = [_Block(p, None) for p in new_cell if p.tag in (_P, _TBL)]
            if len(old_ps) == len(new_ps) and all(map(_same, old_cell, new_cell)):
                continue
            for b in new_ps:
                new_cell.remove(b.el)
            for el in _stitch(old_ps, new_ps, self):
                new_cell.append(el)
        return new

    def _wrap(self, runs: list[etree._Element], kind: str) -> etree._Element:
        wrapper = self.element(kind)
        if runs and runs[0].getparent() is not None:
            runs[0].addprevious(wrapper)
        for run in runs:
            wrapper.append(run)
            if kind == "del":
                for el in run:
                    if el.tag in _RENAMED_WHEN_DELETED:
                        el.tag = _RENAMED_WHEN_DELETED[el.tag]
        return wrapper

    def _mark_paragraph(self, p: etree._Element, kind: str) -> None:
        """Mark the paragraph's end as deleted or inserted, so the line goes with its text."""
        p_pr = p.find(_PPR)
        if p_pr is None:
            p_pr = etree.Element(_PPR)
            p.insert(0, p_pr)
        r_pr = p_pr.find(_RPR)
        if r_pr is None:
            r_pr = etree.SubElement(p_pr, _RPR)  # no w:sectPr or change in ours
        r_pr.insert(0, self.element(kind))


def _letters(p: etree._Element) -> tuple[str, list[etree._Element | None]]:
    """The paragraph's text and, for each character, the run properties it is written in."""
    text: list[str] = []
    styles: list[etree._Element | None] = []
    for run in p.iter(_R):
        r_pr = run.find(_RPR)
        for t in run.iter(_T):
            text.append(t.text or "")
            styles.extend([r_pr] * len(t.text or ""))
    return "".join(text), styles


def _runs(text: str, styles: list, start: int, length: int) -> list[etree._Element]:
    """Runs for ``text[start:start + length]``, one per stretch of the same formatting."""
    runs: list[etree._Element] = []
    end = start + length
    while start < end:
        stop = start + 1
        while stop < end and styles[stop] is styles[start]:
            stop += 1
        run = etree.Element(_R)
        if styles[start] is not None:
            run.append(copy.deepcopy(styles[start]))
        t = etree.SubElement(run, _T)
        t.text = text[start:stop]
        t.set(_XML_SPACE, "preserve")
        runs.append(run)
        start = stop
    return runs
