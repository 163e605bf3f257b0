"""How the centre document is generated from the draft: one QTextBlock per
``doc_blocks.Block`` with its ``BlockRef`` and number in the block's user data, formats for
the page look (a centred A4-proportioned column, a serif CJK face, line height 1.5, centred
titles, bold headings), and the re-render after a command that rewrites only the blocks
that differ from what is shown (editor notes §2.4: one edit block, user data kept).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextBlockUserData,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)

from app.model.doc_blocks import (
    GRID_KINDS,
    OBJECT,
    TABLE_KINDS,
    BlockRef,
    blocks,
    table_cells,
    table_columns,
    table_grid,
)
from app.model.draft import Blank, Ref
from app.model.editing import segments_of
from app.model.numbering import number_paths

from .document_chips import DELETED, INSERTED, OBJECT_TYPE, P_TOKEN
from .draft_document import FIELDS, STRUCTURE, TEXT

if TYPE_CHECKING:
    from app.model.commands import Changes
    from app.model.doc_blocks import Block
    from app.model.draft import Draft


LINE_BREAK = "\u2028"  # a "\n" inside a model text: a line break inside the block
SERIF_FAMILIES = [
    "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif", "SimSun",
    "Songti SC", "STSong", "Noto Serif", "Times New Roman", "serif",
]  # fmt: skip
HAN_CHAR = chr(0x4E2D)  # one Han character: the em of Chinese text
BASE_POINTS = 12.0  # 小四, what the Word export prints
PAGE_CHARS = 38  # characters of a line of 小四 on A4 with Word's default margins
PAGE_RATIO = 21.0 / 15.9  # A4 width to its text width: the paper around the text
LEVEL_INDENT_EM = 2.0
PAGE_GAP = 12  # pixels of grey around the page
GAP_EM = 0.5  # between a painted number and the text
NODE_KINDS = ("heading", "body")
MIXED = "mixed"  # a refresh after a command of several kinds of steps (a replace-all)
FIRST_LINE_INDENT = ("preamble", "part_body")  # 首行缩进 two characters, as printed
HEADING_KINDS = ("heading", "annex_title")  # their number (附件1) is painted in bold
NEW_PAGE_EM = 4.0  # the room above a text that starts a new page (the title after a cover,
# an annex): the page's grey band is painted in it
P_TABLE = QTextFormat.Property.UserProperty + 2  # a QTextTable's draft table id
TABLE_RULE = QColor("#4a4a4a")


class BlockData(QTextBlockUserData):
    """Which text of the draft a block shows and the number painted before it."""

    def __init__(self, ref: BlockRef, label: str, editable: bool) -> None:
        super().__init__()
        self.ref, self.label, self.editable = ref, label, editable


def _key(block: Block) -> tuple:
    """What a block's text and look depend on (its label is painted, compared apart)."""
    return block.ref, block.segments, block.level, block.editable, block.proposed


def _reshapes_table(old: list[Block], new: list[Block]) -> bool:
    """Whether rewriting ``old`` as ``new`` would add or remove a table's blocks or move
    it to another level (its indent is the table's own format): anything but rewriting its
    cells' texts in place."""
    touches = any(b.ref.kind in (*TABLE_KINDS, *GRID_KINDS) for b in (*old, *new))
    return touches and [(b.ref, b.level) for b in old] != [(b.ref, b.level) for b in new]


def starts_page(draft: Draft, ref: BlockRef) -> bool:
    """Whether a block begins a new page, as Word prints it: an annex, and the title after
    a cover page."""
    return ref.kind == "annex_title" or (ref.kind == "title" and draft.cover is not None)


def table_cell_at(cursor: QTextCursor) -> tuple[int, int, int] | None:
    """(draft table id, row, grid column) of the cell the cursor is in (editor notes §3.4:
    the table is tagged through its format, not its cells' blocks)."""
    table = cursor.currentTable()
    if table is None:
        return None
    cell = table.cellAt(cursor)
    return int(table.format().property(P_TABLE)), cell.row(), cell.column()


def utf16_offset(text: str, offset: int) -> int:
    """A code-point offset in ``text`` as a QTextDocument (UTF-16) offset."""
    head = text[:offset]
    if len(head.encode("utf-16-le")) == 2 * len(head):  # all in the BMP: the usual case
        return offset
    return offset + sum(1 for c in head if ord(c) > 0xFFFF)


def code_point_offset(text: str, offset16: int) -> int:
    """A UTF-16 offset in ``text`` as a code-point offset."""
    units = 0
    for i, c in enumerate(text):
        if units >= offset16:
            return i
        units += 2 if ord(c) > 0xFFFF else 1
    return len(text)


class DocumentRendering:
    """Mixed into ``DocumentView`` (a QTextEdit): building and patching its document."""

    # -- rendering -------------------------------------------------------------------------

    def _segment_of(self, token: int) -> Blank | Ref | None:
        return self._tokens.get(token)

    def _set_font(self) -> None:
        font = QFont()
        font.setFamilies(SERIF_FAMILIES)
        font.setPointSizeF(BASE_POINTS + self._zoom)
        font.setStyleHint(QFont.StyleHint.Serif)
        self.setFont(font)
        self._fm = QFontMetricsF(font)
        bold = QFont(font)
        bold.setBold(True)
        self._bold = bold
        self._em = self._fm.horizontalAdvance(HAN_CHAR)
        self._statics.clear()
        self.inline.forget()
        self._margin = round(self._em * (PAGE_CHARS * (PAGE_RATIO - 1) / 2))
        self._full_page = round(self._em * PAGE_CHARS) + 2 * self._margin
        self._page = 0
        self._centre()

    def _centre(self) -> None:
        """The page in the middle, grey around it; narrower than A4 only when the window is
        (a page width change lays the whole document out again, so it changes only then)."""
        room = self.width() - self.verticalScrollBar().sizeHint().width() - 2 * PAGE_GAP
        page = max(min(self._full_page, room), round(self._em * 12))
        if page != self._page:
            self._page = page
            self._doc_margin = round(self._margin * page / self._full_page)
            if self.document() is not None:
                self._rendering = True  # a layout change, not an edit
                try:
                    self.document().setDocumentMargin(self._doc_margin)
                finally:
                    self._rendering = False
            self.setLineWrapColumnOrWidth(page)
        side = max(
            PAGE_GAP, (self.width() - page - self.verticalScrollBar().sizeHint().width()) // 2
        )
        self.setViewportMargins(side, PAGE_GAP, side, 0)

    def resizeEvent(self, event) -> None:
        """The page stays centred at once; a new page width (which lays the whole document
        out again, ~0.5 s for 1,000 articles) waits until the resizing pauses."""
        super().resizeEvent(event)
        side = max(
            PAGE_GAP,
            (self.width() - self._page - self.verticalScrollBar().sizeHint().width()) // 2,
        )
        self.setViewportMargins(side, PAGE_GAP, side, 0)
        if self._painted:
            self._resized.start()
        else:  # not on screen yet: the right width before the first paint
            self._centre()

    def _label_width(self, block: Block) -> float:
        if not block.label:
            return 0.0
        font = self._bold if block.ref.kind in HEADING_KINDS else self.font()
        return QFontMetricsF(font).horizontalAdvance(block.label) + self._em * GAP_EM

    def _block_format(self, block: Block) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        kind = block.ref.kind
        fmt.setLeftMargin(block.level * LEVEL_INDENT_EM * self._em)
        indent = self._label_width(block)
        if kind in FIRST_LINE_INDENT or (kind == "body" and not block.label and block.level == 0):
            indent = 2 * self._em
        fmt.setTextIndent(indent)
        if kind in (*TABLE_KINDS, *GRID_KINDS):
            cell = kind in GRID_KINDS
            fmt.setTextIndent(0)  # the text after a table goes on a list of details
            fmt.setLeftMargin(0 if cell else fmt.leftMargin())
            fmt.setTopMargin(self._em * (0 if cell else 0.3))
        elif kind in ("title", "part_title", "cover"):
            fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            fmt.setTopMargin(self._em * (0.2 if kind == "title" else 0.8))
            fmt.setBottomMargin(self._em * 0.6)
        elif kind == "heading":
            fmt.setTopMargin(self._em * 0.4)
        elif kind == "annex_title":
            fmt.setBottomMargin(self._em * 0.6)
        if starts_page(self.draft, block.ref):  # the room for the grey band between pages
            fmt.setTopMargin(self._em * NEW_PAGE_EM)
        elif kind in ("signature", "signed"):
            fmt.setTopMargin(self._em * 1.5)
        elif kind == "preamble":
            fmt.setTopMargin(self._em * 0.4)
        return fmt

    def _char_format(self, block: Block) -> QTextCharFormat:
        fmt = QTextCharFormat()
        kind = block.ref.kind
        if kind in ("title", "part_title", "heading", "annex_title"):
            fmt.setFontWeight(QFont.Weight.Bold)
        if kind == "cell" and block.table is not None:  # a header row, a label column
            cells = table_cells(block.table)
            if 0 <= block.ref.index < len(cells) and cells[block.ref.index][2].bold:
                fmt.setFontWeight(QFont.Weight.Bold)
        if block.proposed == "ins":  # a whole article or clause the other side inserted
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(INSERTED)
            fmt.setForeground(INSERTED)
        elif block.proposed == "del":  # ... or deleted
            fmt.setFontStrikeOut(True)
            fmt.setForeground(DELETED)
        if kind == "title":
            fmt.setFontPointSize(self.font().pointSizeF() * 1.5)
        elif kind == "part_title":
            fmt.setFontPointSize(self.font().pointSizeF() * 1.15)
        return fmt

    def _write(self, cursor: QTextCursor, block: Block) -> None:
        """The block's text at the cursor (an empty block of the right formats)."""
        cursor.setBlockFormat(self._block_format(block))
        base = self._char_format(block)
        if block.ref.kind in GRID_KINDS:  # a cell's own format (its span) is that character's
            cursor.mergeBlockCharFormat(base)
        else:
            cursor.setBlockCharFormat(base)
        for seg in block.segments:
            if isinstance(seg, str):
                cursor.insertText(seg.replace("\n", LINE_BREAK), base)
            else:
                self._tokens[id(seg)] = seg
                chip = QTextCharFormat(base)
                chip.setObjectType(OBJECT_TYPE)
                chip.setProperty(P_TOKEN, id(seg))
                cursor.insertText(OBJECT, chip)
        cursor.block().setUserData(BlockData(block.ref, block.label, block.editable))

    def _render_all(self) -> None:
        """Build a detached document and show it (editor notes §2.7: fast, laid out lazily)."""
        keep = self.pos_at(self.textCursor().position()) if self._shown else None
        self._rendering = True
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(self._doc_margin)
        doc.documentLayout().registerHandler(OBJECT_TYPE, self.inline)
        doc.setLayoutEnabled(False)
        self._tokens.clear()
        self._update_inline()
        shown = blocks(self.draft)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for i, block in enumerate(shown):
            kind = block.ref.kind
            if kind in GRID_KINDS:
                previous = shown[i - 1]
                if previous.ref.kind not in GRID_KINDS or previous.table is not block.table:
                    self._insert_table(cursor, shown, i)  # all its cells at once
                continue
            if i and kind != "table_after":  # Qt made the block after a table itself
                cursor.insertBlock()
            self._write(cursor, block)
        cursor.endEditBlock()
        doc.setLayoutEnabled(True)
        self.setDocument(doc)  # the old one, the view's child, is deleted by Qt
        doc.contentsChange.connect(self._contents_changed)
        self._shown = shown
        self._reindex()
        self._rendering = False
        self.setExtraSelections([])
        if keep is not None and keep.ref in self._index:
            self._set_caret(keep)

    def _insert_table(self, cursor: QTextCursor, shown: list[Block], first: int) -> None:
        """A draft table as a QTextTable after the block at ``cursor``: grid lines as the
        source had them, merged cells merged, each cell's text written into its block
        (``shown[first:]`` are its grid's blocks, in the order of ``table_grid``); the cursor
        is left in the block Qt adds after the table (the text after it)."""
        table = shown[first].table
        places = table_grid(table)
        fmt = QTextTableFormat()
        fmt.setProperty(P_TABLE, table.id)
        fmt.setCellPadding(self._em * 0.2)
        fmt.setCellSpacing(0)
        fmt.setBorderCollapse(True)
        fmt.setLeftMargin(shown[first].level * LEVEL_INDENT_EM * self._em)
        fmt.setTopMargin(self._em * 0.3)
        if table.borders:  # a ruled table spans the page, as Word sets it
            fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
            fmt.setBorder(1)
            fmt.setBorderBrush(QBrush(TABLE_RULE))
            fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        else:  # details laid out in cells: as wide as their text (甲方： next to its name)
            fmt.setBorder(0)
            fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
        columns = table_columns(table)
        if len(table.widths) == columns and sum(table.widths) > 0:  # the source's proportions
            total = sum(table.widths)
            percent = QTextLength.Type.PercentageLength
            fmt.setColumnWidthConstraints(
                [QTextLength(percent, 100 * w / total) for w in table.widths]
            )
        if table.centred and not table.borders:  # a ruled table spans the page anyway
            fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        grid = cursor.insertTable(len(table.rows), columns, fmt)
        for place in places:  # merges first: they take the covered places' blocks away
            if place.rowspan > 1 or place.colspan > 1:
                grid.mergeCells(place.row, place.column, place.rowspan, place.colspan)
        for k, place in enumerate(places):
            cell = grid.cellAt(place.row, place.column)
            cursor.setPosition(cell.firstCursorPosition().position())
            self._write(cursor, shown[first + k])
        cursor.setPosition(grid.lastPosition() + 1)

    def _reindex(self) -> None:
        self._index = {b.ref: i for i, b in enumerate(self._shown)}

    def _update_inline(self) -> None:
        self.inline.draft = self.draft
        self.inline.paths = number_paths(self.draft)

    def refresh(self, kind: str = STRUCTURE, changes: Changes | None = None) -> int | None:
        """Make the document show the draft again, rewriting only the blocks that differ.
        Returns the index of the first rewritten block (None when none was). ``kind`` says
        what the last command changed: numbers change with the structure only, the width of
        chips and references with the structure or a field. ``changes`` (the command's own
        account) lets a text or field edit rewrite just its blocks, without listing them all."""
        if changes is not None and not changes.structure:
            done, first = self._refresh_named(changes)
            if done:
                return first
        new = blocks(self.draft)
        old = self._shown
        self._update_inline()
        doc = self.document()
        if len(new) == len(old) and all(a.ref == b.ref for a, b in zip(new, old, strict=True)):
            changed = [
                i for i, (a, b) in enumerate(zip(new, old, strict=True)) if _key(a) != _key(b)
            ]
            spans = [(i, i + 1, i + 1) for i in changed]
        else:
            p, n, m = 0, len(new), len(old)
            while p < min(n, m) and _key(new[p]) == _key(old[p]):
                p += 1
            s = 0
            while s < min(n, m) - p and _key(new[n - 1 - s]) == _key(old[m - 1 - s]):
                s += 1
            spans = [(p, m - s, n - s)]
        if any(_reshapes_table(old[a:b], new[a:c]) for a, b, c in spans):
            self._render_all()  # a table is built whole (QTextTable), never block by block
            self._dirty_objects(MIXED)
            return spans[0][0]
        self._rendering = True
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        labels = [b.label for b in old]  # what the blocks' user data says
        try:
            shift = 0
            for start, old_end, new_end in spans:
                before = new[start - 1] if start > 0 else None
                self._replace(cursor, start + shift, old_end - start, new[start:new_end], before)
                labels[start + shift : old_end + shift] = [b.label for b in new[start:new_end]]
                shift += (new_end - start) - (old_end - start)
            # any edit may move a number (an emptied heading gives it to its text)
            self._relabel(new, [i for i, b in enumerate(new) if b.label != labels[i]])
        finally:
            cursor.endEditBlock()
            self._rendering = False
        self._shown = new
        self._reindex()
        if kind != TEXT:
            self._dirty_objects(kind)
        self.viewport().update()
        return spans[0][0] if spans and spans[0][1] + spans[0][2] > 2 * spans[0][0] else None

    def _refresh_named(self, changes: Changes) -> tuple[bool, int | None]:
        """Rewrite the blocks ``changes`` names, when no block came, went or was renumbered;
        (False, None) when that cannot show the draft (a block not shown, or the signature,
        which is made from the parties) and everything must be compared."""
        indexes = []
        for ref in changes.blocks:
            index = self._index.get(ref)
            if index is None or ref.kind == "signature":
                return False, None
            indexes.append(index)
        self._update_inline()
        rewritten = []
        self._rendering = True
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            for index in sorted(indexes):
                old = self._shown[index]
                new = replace(old, segments=segments_of(self.draft, old.ref))
                if _key(new) != _key(old):
                    before = self._shown[index - 1] if index else None
                    self._replace(cursor, index, 1, [new], before)
                    self._shown[index] = new
                    rewritten.append(index)
        finally:
            cursor.endEditBlock()
            self._rendering = False
        if changes.fields:
            self._dirty_objects(FIELDS)
        self.viewport().update()
        return True, rewritten[0] if rewritten else None

    def _replace(
        self, cursor: QTextCursor, start: int, count: int, new: list[Block], before: Block | None
    ) -> None:
        """Blocks ``start`` .. ``start + count`` of the document become ``new``; ``before``
        is what the block just before them shows."""
        doc = self.document()
        common = min(count, len(new))
        if count > common:  # blocks to remove first: from the end of the one before them
            last_kept = start + common - 1
            if last_kept >= 0:
                cursor.setPosition(doc.findBlockByNumber(last_kept).position())
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
                end = doc.findBlockByNumber(start + count - 1)
                cursor.setPosition(
                    end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor
                )
            else:  # the first blocks go: up to the start of the first that stays
                cursor.setPosition(0)
                cursor.setPosition(
                    doc.findBlockByNumber(start + count).position(), QTextCursor.MoveMode.KeepAnchor
                )
            cursor.removeSelectedText()
            # Qt may give an empty block that kept its place the format and user data of a
            # block that went: the kept ones are written below, the one before restyled
            if common == 0 and before is not None and start > 0:
                self._restyle(cursor, doc.findBlockByNumber(start - 1), before)
        for k in range(common):
            block = doc.findBlockByNumber(start + k)
            cursor.setPosition(block.position())
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
            self._write(cursor, new[k])
        for k in range(common, len(new)):  # blocks to add, after the one before
            previous = doc.findBlockByNumber(start + k - 1)
            cursor.setPosition(previous.position())
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock()
            self._write(cursor, new[k])

    def _restyle(self, cursor: QTextCursor, block, item: Block) -> None:
        """A block's formats and user data set again from what it shows (its text stays)."""
        cursor.setPosition(block.position())
        cursor.setBlockFormat(self._block_format(item))
        cursor.setBlockCharFormat(self._char_format(item))
        block.setUserData(BlockData(item.ref, item.label, item.editable))

    def _relabel(self, new: list[Block], changed: list[int]) -> None:
        """Numbers are painted from the user data: set the ones that changed (and the room
        before the text where a number got wider or narrower)."""
        doc = self.document()
        cursor: QTextCursor | None = None
        for i in changed:
            item, block = new[i], doc.findBlockByNumber(i)
            data = block.userData()
            if not isinstance(data, BlockData):
                continue
            old_width = self._label_width_of(data.label, item.ref.kind)
            data.label = item.label
            if old_width != self._label_width(item):
                cursor = cursor or QTextCursor(doc)
                cursor.setPosition(block.position())
                cursor.setBlockFormat(self._block_format(item))

    def _label_width_of(self, label: str, kind: str) -> float:
        if not label:
            return 0.0
        font = self._bold if kind == "heading" else self.font()
        return QFontMetricsF(font).horizontalAdvance(label) + self._em * GAP_EM

    def _dirty_objects(self, kind: str = FIELDS) -> None:
        """References show numbers and chips values: lay out again the characters of those
        whose text changed since they were measured (only they may change width). After a
        structure change only references can read differently, after a field change only
        chips; after a command of several steps (``MIXED``) either."""
        doc = self.document()
        laid_out, look = self.inline.laid_out, self.inline.text_of
        which = {STRUCTURE: Ref, FIELDS: Blank}.get(kind, (Ref, Blank))
        rendering, self._rendering = self._rendering, True  # a layout change, not an edit
        try:
            for i, block in enumerate(self._shown):
                offset = 0
                for seg in block.segments:
                    if isinstance(seg, str):
                        offset += len(seg)
                        continue
                    if isinstance(seg, which):
                        shown = laid_out.get(id(seg))
                        if shown is not None and shown != look(seg):
                            b = doc.findBlockByNumber(i)
                            position = b.position() + utf16_offset(b.text(), offset)
                            doc.markContentsDirty(position, 1)
                    offset += 1
        finally:
            self._rendering = rendering
