"""The text a reader of the Word document sees, as lines: tracked changes accepted, numbers shown.

We walk ``w:body`` ourselves instead of using python-docx's ``Paragraph.text``, which drops the
runs of tracked insertions and skips block-level content controls -- both common in contracts
that went through a lawyer's hands. One paragraph makes one line (soft line breaks inside it
make more); a table row makes one line, its non-empty cells joined by :data:`CELL_SEPARATOR` and
the paragraphs and line breaks within a cell by spaces, so that a cell's text never starts a line
the segmenter could take for a clause; empty paragraphs make no line, and one that only holds
a section break takes no number either. Text boxes, drawings, comments, hidden text and field
instructions are not document text.

Each table of the body (not one inside a cell: its rows are text of that cell) is also
recorded in :attr:`BodyText.tables` as an outline ``Table`` whose spans are offsets into the
lines joined by "\n" (see :mod:`app.word.table_regions`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.model.draft import Proposal
from app.model.markup import MARKERS, Markup, comment_marker, marker
from app.word.table_regions import TableBorders, TableRegion, clamp_to
from app.word.xml import MC, W14, W, attr, is_on
from clause_db.tables import CELL_SEPARATOR

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from lxml import etree

    from app.word.numbering import NumberingResolver
    from clause_db.model import Table


# Elements whose content is not part of the visible text (W: properties, instructions, shapes;
# MC: a shape and its fallback rendering both hold the same text box).
_NOT_TEXT = {
    f"{W}pPr",
    f"{W}rPr",
    f"{W}sdtPr",
    f"{W}sdtEndPr",
    f"{W}tblPr",
    f"{W}trPr",
    f"{W}tcPr",
    f"{W}drawing",
    f"{W}pict",
    f"{W}object",
    f"{W}rt",  # ruby (phonetic guide) text above the base text
    f"{MC}AlternateContent",
}
_LINE_BREAKS = {f"{W}br", f"{W}cr"}
_COMMENT_MARKS = {f"{W}commentRangeStart", f"{W}commentReference"}
_PAGE_BREAK_TYPES = {"page", "column"}


@dataclass
class Revisions:
    """What we did to the document's tracked changes and comments, for the import notes."""

    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    renumbered: int = 0  # their changes of a written number, taken (numbers follow order)
    comment_ids: set[str] = field(default_factory=set)


class BodyText:
    """Walks one document body; :meth:`lines` may be called once."""

    def __init__(
        self,
        numbering: NumberingResolver,
        styles: etree._Element | None = None,
        markup: Markup | None = None,
        refuse: frozenset[int] = frozenset(),
    ) -> None:
        self._numbering = numbering
        # their changes and comments, kept as markers in the text (see app.model.markup)
        self.markup = markup if markup is not None else Markup()
        self._keep = markup is not None  # else their changes are taken as Word's accept-all
        self._tail = ""  # a whole paragraph they inserted or deleted: after the line before
        self._borders = TableBorders(styles)
        self.revisions = Revisions()
        self.tables: list[Table] = []  # the body's tables, in reading order
        self._carry = ""  # text of paragraphs whose paragraph mark is a tracked deletion
        self._pos = 0  # where the next line starts in the joined text
        self._in_cell = 0  # > 0 while reading a cell: a table there is text of the cell
        self._run: str | None = None  # "ins"/"del" while reading their whole article's lines
        self._refuse = refuse  # whole articles read as paragraphs (the segmenter misread them)
        self._head = -1  # the number of the last whole article or clause met
        self._skip: etree._Element | None = None  # a paragraph already read

    def lines(self, blocks: Iterable[etree._Element]) -> list[str]:
        """The lines of the body whose children are ``blocks``, given in order (they may be
        streamed: each one is read when it comes and not looked at again)."""
        out = []
        for block in blocks:
            for line in self._block(block):
                out.append(self._tail + line if not out else line)
                self._tail = "" if len(out) == 1 else self._tail
                self._pos += len(out[-1]) + 1
            if self._tail and out:
                out[-1] += self._tail
                self._pos += len(self._tail)
                self._tail = ""
        if self._tail:
            out.append(self._tail)
        if self._carry.strip():
            out.append(self._carry.strip())
        end = len("\n".join(out))
        for table in self.tables:  # a table without text at the very end: where the text ends
            if table.span[0] > end:
                clamp_to(table, end)
        return out

    def _blocks(self, container: etree._Element) -> Iterator[str]:
        for child in container:
            yield from self._block(child)

    def _block(self, child: etree._Element) -> Iterator[str]:
        tag = child.tag
        if tag == f"{W}p":
            line = self._paragraph(child)
            if line:
                yield line
        elif tag == f"{W}tbl":
            yield from self._table(child)
        elif tag in _COMMENT_MARKS:
            self._comment(child)
        elif tag in (f"{W}del", f"{W}moveFrom"):
            self.revisions.deletions += tag == f"{W}del"
            text = "\n".join(_deleted_text(p) for p in child.iter(f"{W}p"))
            if text.strip() and self._keep:
                self._tail += self.markup.add(_proposal("del", "\n" + text, child))
        elif tag not in _NOT_TEXT and tag != f"{W}sectPr" and isinstance(tag, str):
            # w:sdt, w:sdtContent, w:customXml, block-level w:ins / w:moveTo
            self._count_insertion(tag)
            yield from self._blocks(child)

    def _paragraph(self, p: etree._Element) -> str:
        if p is self._skip:  # read with the paragraph before it (see _rewritten)
            return ""
        parts: list[str] = []
        self._inline(p, parts)
        text = "".join(parts)
        mark = p.find(f"{W}pPr/{W}rPr")
        kept = [ord(c) - ord(_M0) for c in text if _M0 <= c < _COMMENT0]
        whole = _whole_change(mark, text)
        if whole is not None and {self.markup.proposals[i].kind for i in kept} == {whole}:
            if not self._in_cell and (line := self._proposed_line(p, kept, whole, mark)):
                return line
            # a paragraph they inserted or deleted, with its mark: one proposal
            start = "" if self._in_cell else "\n"
            line = self.markup.merge(kept, _proposal(whole, start, mark.find(f"{W}{whole}")))
            if self._in_cell:
                return line
            self._tail += line
            return ""
        if not self._in_cell:
            self._run = None  # their whole article or clause, if any, ends here
        if kept:
            text = self._numbers_as_accepted(text)
        if mark is not None and (
            mark.find(f"{W}del") is not None or mark.find(f"{W}moveFrom") is not None
        ):
            # Accepting the deletion of a paragraph mark joins this paragraph to the next one,
            # which keeps its own properties (and number).
            self._carry += text
            return ""
        if not (self._carry + text).strip() and p.find(f"{W}pPr/{W}sectPr") is not None:
            # A paragraph there only to hold a section break: Word shows no number on it and
            # counts none (the document's own cross-references skip it), even when its style
            # (often the heading style running on) is numbered.
            return ""
        label = self._numbering.label(p) or ""
        text, self._carry = (self._carry + text).strip(), ""
        return (label + text).strip()

    def _proposed_line(
        self, p: etree._Element, kept: list[int], whole: str, mark: etree._Element
    ) -> str:
        """A whole article or clause they inserted or deleted (a paragraph starting with a
        written number, and the paragraphs after it they inserted or deleted too) is read as
        a line of its own, its text as proposed: the numbered line as is (where it starts
        says which node is proposed, :func:`app.model.markup.mark_proposed`), each paragraph
        after it with a marker at its end; "" for any other (and for one in ``refuse``)."""
        text = "".join(self.markup.proposals[i].text for i in kept)
        label = self._numbering.label(p) or ""
        number = _WRITTEN_NUMBER.match(label + text)
        if not (label + text).strip() or (number is None and self._run != whole):
            return ""
        if number is not None and whole == "del" and (pair := self._rewritten(p, label + text)):
            self.markup.merged.update(kept)
            return pair
        if number is not None:
            self._head += 1
            self._run = None if self._head in self._refuse else whole
            if self._run is None:
                return ""
        self.markup.merged.update(kept)
        proposal = _proposal(whole, "", mark.find(f"{W}{whole}"))
        line = (label + text).strip()
        if number is not None:  # where its node starts: the line as is, for the segmenter
            self.markup.starts[self._pos] = (proposal, line)
        else:  # a paragraph of it: a marker at its end
            line += self.markup.add_node(proposal)
        self.markup.lines.append((self._pos, whole, self._head))
        return line

    def _rewritten(self, p: etree._Element, old: str) -> str:
        """A whole paragraph they deleted, ``old``, followed by a whole one they inserted
        under the same written number (a clause rewritten): one line, the number and the
        two texts as a deletion and an insertion (two nodes of one number would be one for
        the segmenter); "" when the next paragraph is not that."""
        after = p.getnext()
        if after is None or after.tag != f"{W}p":
            return ""
        parts: list[str] = []
        counted = copy.copy(self.revisions)
        self._inline(after, parts)
        changes = [ord(c) - ord(_M0) for c in "".join(parts) if _M0 <= c < _COMMENT0]
        new = "".join(self.markup.proposals[i].text for i in changes)
        mark = after.find(f"{W}pPr/{W}rPr")
        first, second = _WRITTEN_NUMBER.match(old), _WRITTEN_NUMBER.match(new)
        same = first and second and first.group().strip() == second.group().strip()
        if _whole_change(mark, "".join(parts)) != "ins" or not same:
            del self.markup.proposals[len(self.markup.proposals) - len(changes) :]
            self.revisions = counted  # it is read again as itself
            return ""
        self.markup.merged.update(changes)
        self._skip = after
        before = p.find(f"{W}pPr/{W}rPr/{W}del")
        removed = self.markup.add(_proposal("del", old[first.end() :].lstrip(), before))
        added = self.markup.add(
            _proposal("ins", new[second.end() :].lstrip(), mark.find(f"{W}ins"))
        )
        return first.group().strip() + " " + removed + added

    def _numbers_as_accepted(self, text: str) -> str:
        """A change inside the number written at the start of a paragraph (第<del>六</del>
        <ins>七</ins>条, as a redline renumbers) is taken as Word's accept-all shows it: the
        draft numbers its articles from their order, and the number must stay readable for
        the segmenter to see the article at all."""
        shown = []  # (accept-view text, the change's index or None) per character of text
        for c in text:
            index = ord(c) - ord(_M0) if _M0 <= c < _COMMENT0 else None
            change = self.markup.proposals[index] if index is not None else None
            if change is None:
                shown.append((c if not MARKERS.match(c) else "", None))
            else:
                shown.append((change.text if change.kind == "ins" else "", index))
        accepted = "".join(t for t, _ in shown)
        label = _WRITTEN_NUMBER.match(accepted)
        if label is None:
            return text
        out, at = [], 0
        for c, (piece, index) in zip(text, shown, strict=True):
            if index is not None and at < label.end():
                self.markup.merged.add(index)
                self.revisions.renumbered += 1
                out.append(piece)
            else:
                out.append(c)
            at += len(piece)
        return "".join(out)

    def _inline(self, el: etree._Element, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{W}t":
                out.append(_boxes_of_symbol_font(child))
            elif tag == f"{W}sym":
                out.append(_BOXES.get(_symbol(attr(child, "font"), attr(child, "char")), ""))
            elif tag in (f"{W}tab", f"{W}ptab"):
                out.append("\t")
            elif tag in _LINE_BREAKS:
                if attr(child, "type") not in _PAGE_BREAK_TYPES:
                    out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag in _COMMENT_MARKS:
                self._comment(child)
                out.append(self._comment_marker(child, end=False))
            elif tag == f"{W}commentRangeEnd" and self._keep:
                out.append(self._comment_marker(child, end=True))
            elif tag in (f"{W}del", f"{W}moveFrom"):
                self.revisions.deletions += tag == f"{W}del"
                if self._keep and (text := _deleted_text(child)):
                    out.append(self.markup.add(_proposal("del", text, child)))
            elif tag in (f"{W}ins", f"{W}moveTo") and self._keep:
                self._count_insertion(tag)
                inner: list[str] = []
                self._inline(child, inner)
                text = "".join(inner)
                kept = MARKERS.sub("", text)
                if kept:
                    out.append(self.markup.add(_proposal("ins", kept, child)))
                out.extend(c for c in text if MARKERS.match(c))  # comments inside stay
            elif tag == f"{W}r" and is_on(child.find(f"{W}rPr/{W}vanish")):
                continue  # hidden text: Word neither shows nor prints it
            elif (ticked := _check_box(child)) is not None:
                out.append("☑" if ticked else "☐")
            elif tag not in _NOT_TEXT and tag != f"{W}moveFrom" and isinstance(tag, str):
                # w:r, w:ins, w:moveTo, w:hyperlink, w:sdt, w:sdtContent, w:fldSimple, w:smartTag...
                self._count_insertion(tag)
                self._inline(child, out)

    def _table(self, tbl: etree._Element) -> Iterator[str]:
        region = (
            None if self._in_cell else TableRegion(tbl, self._borders.drawn(tbl), CELL_SEPARATOR)
        )
        for row in _unwrapped(tbl, f"{W}tr"):
            row_mark = row.find(f"{W}trPr")
            if row_mark is not None and row_mark.find(f"{W}del") is not None and self._run != "del":
                self.revisions.deletions += 1
                texts = [_deleted_text(tc) for tc in _unwrapped(row, f"{W}tc")]
                if self._keep and any(t.strip() for t in texts):  # after the table
                    text = "\n" + CELL_SEPARATOR.join(t for t in texts if t)
                    self._tail += self.markup.add(_proposal("del", text, row_mark.find(f"{W}del")))
                continue
            if row_mark is not None and row_mark.find(f"{W}ins") is not None:
                self.revisions.insertions += 1
            cells = [(self._cell(tc), tc) for tc in _unwrapped(row, f"{W}tc")]
            line = CELL_SEPARATOR.join(c for c, _ in cells if c)
            if region is not None:
                region.row(row, cells, self._pos if line else None, self._pos)
            if line:
                yield line
        table = region.table(self._pos) if region is not None else None
        if table is not None:
            self.tables.append(table)

    def _cell(self, tc: etree._Element) -> str:
        self._in_cell += 1
        try:
            return " ".join(self._blocks(tc)).replace("\n", " ")
        finally:
            self._in_cell -= 1

    def _comment(self, mark: etree._Element) -> None:
        self.revisions.comment_ids.add(attr(mark, "id") or "")

    def _comment_marker(self, mark: etree._Element, end: bool) -> str:
        if not self._keep or mark.tag == f"{W}commentReference":
            return ""
        index = self.markup.comment_ids.get(attr(mark, "id") or "")
        return "" if index is None else comment_marker(index, end)

    def _count_insertion(self, tag: str) -> None:
        if tag == f"{W}ins":
            self.revisions.insertions += 1
        elif tag == f"{W}moveTo":
            self.revisions.moves += 1


# a number written at the start of a line: 第六条, 第二章, 6.1, 6., （六）, (a), 六、
_WRITTEN_NUMBER = re.compile(
    r"\s*(?:第[零〇一二三四五六七八九十百千万\d]+[条章节编款项條節]|\d+(?:\.\d+)*\.?"
    r"|[（(][一二三四五六七八九十\da-z]+[)）]|[一二三四五六七八九十]+、)"
)
_M0, _COMMENT0 = marker(0), comment_marker(0, end=False)  # the first of each kind


def _proposal(kind: str, text: str, change: etree._Element | None) -> Proposal:
    author = attr(change, "author") if change is not None else ""
    date = attr(change, "date") if change is not None else ""
    return Proposal(kind, text, author or "", date or "")


def _deleted_text(el: etree._Element) -> str:
    """The text a deletion took out (its w:delText, and w:t that some writers use)."""
    out = []
    for node in el.iter(f"{W}delText", f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag in (f"{W}tab",):
            out.append("\t")
        elif node.tag == f"{W}br":
            out.append("\n")
        else:
            out.append(node.text or "")
    return "".join(out)


def _whole_change(mark: etree._Element | None, text: str) -> str | None:
    """ "ins" or "del" when the paragraph's mark and all its text are one kind of change."""
    if mark is None or not text:
        return None
    kind = None
    if mark.find(f"{W}ins") is not None or mark.find(f"{W}moveTo") is not None:
        kind = "ins"
    if mark.find(f"{W}del") is not None or mark.find(f"{W}moveFrom") is not None:
        kind = "del"
    if kind is None or not all(MARKERS.match(c) for c in text):
        return None
    return kind if any(_M0 <= c < _COMMENT0 for c in text) else None


# Boxes drawn with a symbol font (w:sym, or its private-use characters in the text): Word's
# forms tick with Wingdings 2 R and leave Wingdings 2 £ or Wingdings ¨ empty.
_BOXES = {
    ("wingdings", 0xA8): "☐",
    ("wingdings", 0xFE): "☑",
    ("wingdings 2", 0xA3): "☐",
    ("wingdings 2", 0x52): "☑",
}


def _symbol(font: str | None, char: str | None) -> tuple[str, int] | None:
    """(font, code) of a symbol: ``F0FE`` and ``00FE`` are the font's character 0xFE."""
    try:
        return (font or "").strip().lower(), int(char or "", 16) & 0xFF
    except ValueError:
        return None


def _boxes_of_symbol_font(t: etree._Element) -> str:
    """A text run's text; in a Wingdings font its box characters (private-use F0A8, or
    plain ¨) as ☐ / ☑."""
    text = t.text or ""
    run = t.getparent()
    fonts = run.find(f"{W}rPr/{W}rFonts") if run is not None else None
    font = (attr(fonts, "ascii") or attr(fonts, "hAnsi") or "").strip().lower()
    if not font.startswith("wingdings"):
        return text
    return "".join(
        _BOXES.get((font, ord(c) & 0xFF), c) if ord(c) < 0x100 or 0xF000 <= ord(c) <= 0xF0FF else c
        for c in text
    )


def _check_box(el: etree._Element) -> bool | None:
    """Whether a Word check box is ticked, None for anything else: a check box content
    control (its glyph is the font's, ☒ when ticked in MS Gothic: the state says it) or a
    legacy form field (FORMCHECKBOX: no glyph in the text at all)."""
    if el.tag == f"{W}sdt":
        box = el.find(f"{W}sdtPr/{W14}checkbox")
        if box is None:
            return None
        checked = box.find(f"{W14}checked")
        return checked is not None and checked.get(f"{W14}val", "1") not in ("0", "false")
    if el.tag == f"{W}fldChar" and attr(el, "fldCharType") == "begin":
        box = el.find(f"{W}ffData/{W}checkBox")
        if box is None:
            return None
        state = box.find(f"{W}checked")
        return is_on(state if state is not None else box.find(f"{W}default"))
    return None


def _unwrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children named ``tag``, looking through content controls and custom XML around them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _unwrapped(child, tag)
