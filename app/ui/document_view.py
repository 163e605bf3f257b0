"""The contract as one continuous, page-like document in the centre (objectName
``contractView``): a QTextEdit over a QTextDocument generated from the draft.

One QTextBlock per ``doc_blocks.Block`` (title, parties, preamble, parts, headings and texts
of articles and clauses, the signature block), its ``BlockRef`` in the block's user data.
Numbers are painted in the first-line indent, never text, so the caret cannot enter them;
blanks and references are one-character objects drawn from the model (``document_chips``).

The draft stays the source of truth. Plain typing and IME commits are let into the text by
Qt and read back into the model (``editing.set_block_text``) from ``contentsChange``; every
other edit (Enter, Backspace at a start, Tab, deletes over several blocks, paste, drops,
Undo/Redo) is intercepted and made by ``app.model.editing``; after any command the view
compares the draft's blocks with the ones it shows and rewrites only those that differ.
Anything that slipped past (a native edit across blocks) is put back from the model: the
safety net. The document's own undo is off: the draft's QUndoStack is the only undo.
Building and patching the document is in ``document_render``, drops with their insertion
line in ``document_drops``, chips and references in ``document_chips``.
The team's editor notes (shared/notes/editor-notes.md) hold the measurements behind this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QInputMethodEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QStaticText,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QToolTip

from app.model import editing, ops
from app.model.commands import Compound
from app.model.doc_blocks import OBJECT, BlockRef, block_text
from app.model.draft import Blank, Proposal, Ref

from .contract_roles import MIME_DRAGGED, MIME_INLINE, MIME_NODES
from .document_chips import OBJECT_TYPE, P_TOKEN, InlineObjects
from .document_drops import DROP_TYPES, DocumentDrops
from .document_render import (
    FIRST_LINE_INDENT,
    HEADING_KINDS,
    LINE_BREAK,
    MIXED,
    NODE_KINDS,
    PAGE_GAP,
    BlockData,
    DocumentRendering,
    code_point_offset,
    starts_page,
    utf16_offset,
)
from .document_role import PartyRoles
from .draft_document import change_kind
from .item_refs import MIME_CLAUSE_IDS
from .markup_actions import add_to_context_menu, proposal_tip
from .settings import app_settings
from .translations import error_text

if TYPE_CHECKING:
    from app.model.commands import Command
    from app.model.doc_blocks import Block
    from app.model.draft import Draft, Segment
    from app.model.editing import Edit, Pos

    from .contract_model import ContractModel
    from .draft_document import DraftDocument

MIN_ZOOM, MAX_ZOOM = -6, 24
ZOOM_KEY = "editor/zoom"
# Characters that mean structure in the document, never text the lawyer can type or paste:
# the object character of chips and references, and paragraph and line separators.
NOT_TEXT = {ord(OBJECT): None, 0x2028: "\n", 0x2029: "\n"}
_STALE = object()  # in a shown block's segments: the block must be written again
_MOVING_KEYS = {
    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
    Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Escape,
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
}  # fmt: skip
_ZOOM_KEYS = {Qt.Key.Key_Equal, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_0}


def _browsing(event) -> bool:
    """A key that moves, selects or zooms: all a version read-only takes (Alt+arrows move
    an article, so not those)."""
    key, mods = event.key(), event.modifiers()
    if event.matches(QKeySequence.StandardKey.SelectAll):
        return True
    if key in _ZOOM_KEYS:
        return bool(mods & Qt.KeyboardModifier.ControlModifier)
    return key in _MOVING_KEYS and not mods & Qt.KeyboardModifier.AltModifier


class DocumentView(DocumentRendering, DocumentDrops, PartyRoles, QTextEdit):
    """The draft of one tab, edited like a word processor that knows its structure."""

    currentNodeChanged = Signal(int)  # the article or clause the caret is in; 0 for none
    fieldActivated = Signal(int)  # a chip was clicked or tabbed to: its field id
    fieldAtCaret = Signal(int)  # the caret stands next to a blank: its field id
    message = Signal(str)  # a refused edit, for the status bar

    def __init__(self, document: DraftDocument, model: ContractModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("contractView")
        self.document_ = document
        self.contract_model = model  # the outline's tree model; drops go through it
        self._shown: list[Block] = []
        self._index: dict[BlockRef, int] = {}
        self._rendering = False
        self._syncing = False
        self._reconcile_due = False
        self._current_node = 0
        self._field_at_caret = 0
        self._drop_line: tuple[int, int, int] | None = None  # y, x from, x to (viewport)
        self._drop_target: tuple[int, int] | None = None  # (parent id, index)
        self._chip: tuple[int, int] | None = None  # (field id, position) being filled
        self._chip_fresh = False  # the next typed text replaces the value
        self._statics: dict[tuple[str, bool, str], QStaticText] = {}
        self.inline = InlineObjects(self._segment_of, self)
        self._tokens: dict[int, Blank | Ref] = {}
        self._zoom = int(app_settings().value(ZOOM_KEY, 0) or 0)
        self._wheel_zoom = QTimer(self, singleShot=True, interval=120)
        self._wheel_zoom.timeout.connect(self._apply_zoom)
        self._painted = False  # until then a resize sets the page width at once
        self._resized = QTimer(self, singleShot=True, interval=150)
        self._resized.timeout.connect(self._centre)

        self.setAcceptRichText(False)
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#d9dadc"))
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#1a1a1a"))
        self.setPalette(palette)
        self.viewport().setAutoFillBackground(True)
        self._set_font()
        self._render_all()
        self.cursorPositionChanged.connect(self._caret_moved)
        document.commandDone.connect(self._command_done)

    # -- what the window, the find bar and the inspector use --------------------------------

    @property
    def draft(self) -> Draft:
        return self.document_.draft

    def current_ref(self) -> BlockRef | None:
        data = self.textCursor().block().userData()
        return data.ref if isinstance(data, BlockData) else None

    def current_node_id(self) -> int | None:
        """The article or clause the caret is in (in a table: the one holding it)."""
        ref = self.current_ref()
        if ref is not None and ref.kind in ("cell", "cell_pad", "table_after"):
            return editing.table_holder(self.draft, ref.owner)
        return ref.owner if ref is not None and ref.kind in NODE_KINDS else None

    def current_part_id(self) -> int | None:
        """The part the caret is in (its title, text or one of its articles)."""
        ref = self.current_ref()
        if ref is None:
            return None
        if ref.kind.startswith("part_"):
            return ref.owner
        if ref.kind in NODE_KINDS:
            located = self.draft.find(ref.owner)
            return located[0].id if located else None
        return None

    def position_of(self, pos: Pos) -> int:
        """The document position of a model position (clamped to its block)."""
        i = self._index.get(pos.ref)
        if i is None:
            return 0
        block = self.document().findBlockByNumber(i)
        text = block.text()
        return block.position() + utf16_offset(text, min(max(pos.offset, 0), len(text)))

    def pos_at(self, position: int) -> Pos:
        """The model position of a document position."""
        block = self.document().findBlock(position)
        data = block.userData()
        ref = data.ref if isinstance(data, BlockData) else self._shown[0].ref
        return editing.Pos(ref, code_point_offset(block.text(), position - block.position()))

    def go_to(self, pos: Pos, length: int = 0) -> None:
        """Select ``length`` characters from ``pos`` (a find hit) and scroll to them."""
        cursor = self.textCursor()
        start = self.position_of(pos)
        cursor.setPosition(start)
        if length:
            end = self.position_of(editing.Pos(pos.ref, pos.offset + length))
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def selection(self) -> tuple[Pos, Pos] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.pos_at(cursor.selectionStart()), self.pos_at(cursor.selectionEnd())

    def show_matches(self, spans: list[tuple[Pos, int]]) -> None:
        """Highlight every find hit (an empty list clears them)."""
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffd54f"))
        selections = []
        doc = self.document()
        where: dict[BlockRef, tuple[int, str]] = {}  # block position and text, once a block
        for pos, length in spans:
            if pos.ref not in where:
                i = self._index.get(pos.ref)
                if i is None:
                    continue
                block = doc.findBlockByNumber(i)
                where[pos.ref] = (block.position(), block.text())
            start, text = where[pos.ref]
            sel = QTextEdit.ExtraSelection()
            sel.format = fmt
            cursor = QTextCursor(doc)
            cursor.setPosition(start + utf16_offset(text, pos.offset))
            cursor.setPosition(
                start + utf16_offset(text, min(pos.offset + length, len(text))),
                QTextCursor.MoveMode.KeepAnchor,
            )
            sel.cursor = cursor
            selections.append(sel)
        self.setExtraSelections(selections)

    def jump_to(self, item_id: int) -> None:
        """The caret to a part's or node's first line, scrolled to the top (outline, checks)."""
        for kind in ("heading", "body", "part_title", "part_body", "annex_title"):
            i = self._index.get(BlockRef(kind, item_id))
            if i is not None:
                block = self.document().findBlockByNumber(i)
                cursor = self.textCursor()
                cursor.setPosition(block.position())
                self.setTextCursor(cursor)
                rect = self.document().documentLayout().blockBoundingRect(block)
                self.verticalScrollBar().setValue(int(rect.top()))
                return

    def _selected_blocks(self) -> tuple[int, int]:
        """The first and last block the selection covers; a selection that ends at the very
        start of a block does not cover it (the line above was selected to its end)."""
        cursor = self.textCursor()
        doc = self.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        first, last = doc.findBlock(start), doc.findBlock(end)
        if end > start and last != first and end == last.position():
            last = last.previous()
        return first.blockNumber(), last.blockNumber()

    def selected_node_ids(self) -> list[int]:
        """The articles and clauses the selection touches (the caret's when none)."""
        first, last = self._selected_blocks()
        ids: list[int] = []
        for block in self._shown[first : last + 1]:
            if block.ref.kind in NODE_KINDS and block.ref.owner not in ids:
                ids.append(block.ref.owner)
        return ids

    def shown_blocks(self) -> list[Block]:
        """The blocks the document shows, in order (one QTextBlock each)."""
        return self._shown

    def block_index(self, ref: BlockRef) -> int | None:
        """The document block showing ``ref`` (None when it is not shown)."""
        return self._index.get(ref)

    def drop_line(self) -> tuple[int, int, int] | None:
        """Where the insertion line of a drag is drawn (y, x from, x to), None when none."""
        return self._drop_line

    def current_article_span(self) -> tuple[Pos, Pos] | None:
        """From the start of the caret's article to the end of its last clause (字数)."""
        node_id = self.current_node_id()
        if node_id is None:
            return None
        article = next(
            (
                a
                for p in self.draft.parts
                for a in p.articles
                if any(n.id == node_id for n in a.walk())
            ),
            None,
        )
        if article is None:
            return None
        ids = {n.id for n in article.walk()}
        indices = [
            self._index[r] for k in NODE_KINDS for i in ids if (r := BlockRef(k, i)) in self._index
        ]
        first, last = self._shown[min(indices)], self._shown[max(indices)]
        return editing.Pos(first.ref, 0), editing.Pos(last.ref, len(last.text))

    def visible_text(self) -> str:
        """The document as the lawyer reads it: numbers before their text, chips as shown,
        one line per block (what the tests compare with the model)."""
        lines = []
        block = self.document().begin()
        while block.isValid():
            data = block.userData()
            label = data.label if isinstance(data, BlockData) else ""
            text = self._shown_text(block)
            lines.append(f"{label} {text}" if label and text else label or text)
            block = block.next()
        return "\n".join(lines)

    # -- following the model ---------------------------------------------------------------

    def _command_done(self, command: Command, applied: bool) -> None:
        if self._syncing:
            return  # the text is already on screen; _sync updates what else changed
        kind = MIXED if isinstance(command, Compound) else change_kind(command)
        first = self.refresh(kind, command.changes(self.draft))
        if self._reverting and first is not None:
            block = self.document().findBlockByNumber(min(first, len(self._shown) - 1))
            cursor = self.textCursor()
            cursor.setPosition(block.position())
            self.setTextCursor(cursor)

    _reverting = False

    def push(self, edit: Edit | None) -> None:
        """Apply an edit from ``app.model.editing`` as one undo step and put the caret where
        it says."""
        if edit is None:
            return
        if edit.command is not None:
            self.document_.push(edit.command)
        self._set_caret(edit.caret)

    def _run(self, build) -> bool:
        """Build an edit from the draft and push it; a refused one is said, not raised."""
        try:
            edit = build(self.draft)
        except (ops.EditError, ValueError, KeyError) as exc:
            self.message.emit(error_text(exc))
            return False
        self.push(edit)
        return edit is not None

    def _set_caret(self, pos: Pos) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.position_of(pos))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def undo(self) -> None:
        self._reverting = True
        try:
            self.document_.undo_stack.undo()
        finally:
            self._reverting = False

    def redo(self) -> None:
        self._reverting = True
        try:
            self.document_.undo_stack.redo()
        finally:
            self._reverting = False

    # -- the native typing path and the safety net ------------------------------------------

    def _read(self, block) -> list[Segment]:
        """A block's text as model segments."""
        text = block.text()
        segments: list[Segment] = []
        for r in block.textFormats():
            chunk = text[
                code_point_offset(text, r.start) : code_point_offset(text, r.start + r.length)
            ]
            if r.format.objectType() == OBJECT_TYPE:
                seg = self._tokens.get(r.format.property(P_TOKEN))
                if seg is not None:
                    segments.extend([seg] * len(chunk))
                    continue
            chunk = chunk.replace(LINE_BREAK, "\n").replace(OBJECT, "")
            if not chunk:
                continue
            if segments and isinstance(segments[-1], str):
                segments[-1] += chunk
            else:
                segments.append(chunk)
        return segments

    def _shown_text(self, block) -> str:
        out = []
        text = block.text()
        for r in block.textFormats():
            chunk = text[
                code_point_offset(text, r.start) : code_point_offset(text, r.start + r.length)
            ]
            if r.format.objectType() == OBJECT_TYPE:
                seg = self._tokens.get(r.format.property(P_TOKEN))
                out.append(self.inline.text_of(seg) * len(chunk))
            else:
                out.append(chunk.replace(LINE_BREAK, "\n"))
        return "".join(out)

    def _contents_changed(self, position: int, _removed: int, added: int) -> None:
        if self._rendering:
            return
        doc = self.document()
        if doc.blockCount() != len(self._shown):
            self._reconcile_later()
            return
        first = doc.findBlock(position)
        last = doc.findBlock(position + added)
        if not last.isValid():
            last = doc.lastBlock()
        block = first
        while block.isValid():
            data = block.userData()
            if not isinstance(data, BlockData):
                self._reconcile_later()
                return
            if not data.editable:
                i = block.blockNumber()
                if self._read(block) != self._shown[i].segments:
                    self._reconcile_later()  # a read-only text was changed: put it back
                    return
                if block == last:
                    break
                block = block.next()
                continue
            self._sync(block, data)
            if block == last:
                break
            block = block.next()

    def _sync(self, block, data: BlockData) -> None:
        """Read one block back into the draft (typing, IME commits)."""
        if self.document_.frozen:  # nothing slips into a version: show it as it is
            self._reconcile_later()
            return
        i = block.blockNumber()
        segments = self._read(block)
        if i >= len(self._shown) or self._shown[i].ref != data.ref:
            self._reconcile_later()
            return
        if segments == self._shown[i].segments:
            return  # an IME pre-edit or a format change: no text changed
        try:
            edit = editing.set_block_text(self.draft, data.ref, segments)
        except (ops.EditError, ValueError, KeyError) as exc:
            self.message.emit(error_text(exc))
            self._reconcile_later()
            return
        if block_text(segments) != block.text().replace(LINE_BREAK, "\n"):
            # the text held a character that is not text (U+FFFC): show the model's version
            self._shown[i].segments = [_STALE]
            QTimer.singleShot(0, self, self._refresh_others)
        if edit is None or edit.command is None:
            return
        previous = self._shown[i].segments
        if self._shown[i].segments != [_STALE]:
            self._shown[i].segments = list(segments)
        self._syncing = True
        try:
            self.document_.push(edit.command)
        finally:
            self._syncing = False
        emptied = not segments or not previous
        alone = (*NODE_KINDS, *FIRST_LINE_INDENT, *editing.OUTSIDE_KINDS, "annex_title")
        if emptied or data.ref.kind not in alone:
            # a party's name is in its signature; an emptied heading gives its number to
            # the text (and a text typed into an empty place may bring a line): show them
            QTimer.singleShot(0, self, self._refresh_others)

    def _refresh_others(self) -> None:
        if not self._rendering:
            self.refresh()

    def _reconcile_later(self) -> None:
        if not self._reconcile_due:
            self._reconcile_due = True
            QTimer.singleShot(0, self, self._reconcile)

    def _reconcile(self) -> None:
        """The safety net: an edit the model did not make is undone by showing the model."""
        self._reconcile_due = False
        self._render_all()

    # -- keys ------------------------------------------------------------------------------

    def _block_pos(self) -> tuple[Pos, bool, bool]:
        """The caret's model position; whether it is at its block's start, at its end."""
        cursor = self.textCursor()
        return (
            self.pos_at(cursor.position()),
            cursor.atBlockStart(),
            cursor.atBlockEnd(),
        )

    def _spans_blocks(self) -> bool:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return False
        doc = self.document()
        return doc.findBlock(cursor.selectionStart()) != doc.findBlock(cursor.selectionEnd())

    def _editable_here(self) -> bool:
        if self.document_.frozen:
            return False
        cursor = self.textCursor()
        doc = self.document()
        for position in {cursor.selectionStart(), cursor.selectionEnd()}:
            data = doc.findBlock(position).userData()
            if not isinstance(data, BlockData) or not data.editable:
                return False
        return True

    def delete_selection(self) -> bool:
        """Delete what is selected (across blocks too) as one step; True if something was."""
        selected = self.selection()
        if selected is None:
            return False
        start, end = selected
        return self._run(lambda d: editing.delete_range(d, start, end))

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or (ctrl and shift and key == Qt.Key.Key_Z):
            self.redo()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        if self.document_.frozen and not _browsing(event):
            self.message.emit(self.document_.frozen_text())
            return
        if event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
            return
        if ctrl and shift and key == Qt.Key.Key_V:
            self.paste_clipboard(plain=True)
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
            return
        if ctrl and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.zoom_by(1)
            return
        if ctrl and key == Qt.Key.Key_Minus:
            self.zoom_by(-1)
            return
        if ctrl and key == Qt.Key.Key_0:
            self.zoom_by(-self._zoom)
            return
        if self._chip is not None and self._chip_key(event):
            return
        if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            pos = self._block_pos()[0]
            delta = -1 if key == Qt.Key.Key_Up else 1
            self._run(lambda d: editing.move(d, pos.ref, delta, pos.offset))
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not ctrl:
            self._tab(backwards=key == Qt.Key.Key_Backtab or shift)
            return
        if event.text() and event.text() != event.text().translate(NOT_TEXT):
            text = event.text().translate(NOT_TEXT).replace("\n", "")
            if text:
                pos = self._block_pos()[0]
                self._run(lambda d: editing.type_text(d, pos, text))
            return  # never the object character or a separator as text
        editing_key = (
            enter
            or key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
            or (event.text() and event.text().isprintable() and not ctrl)
        )
        if editing_key and not self._editable_here():
            self.message.emit(self._not_editable_text())
            return
        if enter and ctrl:
            pos = self._block_pos()[0]
            self._run(lambda d: editing.new_article(d, pos))
            return
        if enter:
            if self.textCursor().hasSelection():
                self.delete_selection()
            pos = self._block_pos()[0]
            if shift:  # a line break inside the text, as in Word
                self._run(lambda d: editing.type_text(d, pos, "\n"))
                return
            self._run(lambda d: editing.enter(d, pos))
            return
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            if self._spans_blocks():
                self.delete_selection()
                return
            if not self.textCursor().hasSelection():
                pos, at_start, at_end = self._block_pos()
                if key == Qt.Key.Key_Backspace and at_start:
                    self._run(lambda d: editing.backspace_at_start(d, pos.ref))
                    return
                if key == Qt.Key.Key_Delete and at_end:
                    self._delete_at_end(pos)
                    return
        elif event.text() and event.text().isprintable() and not ctrl and self._spans_blocks():
            text = event.text()
            if self.delete_selection():
                pos = self._block_pos()[0]
                self._run(lambda d: editing.type_text(d, pos, text))
            return
        elif (
            event.text()
            and event.text().isprintable()
            and not ctrl
            and self._selected_chip() is not None
        ):
            self._start_chip(self._selected_chip())
            self._chip_key(event)
            return
        super().keyPressEvent(event)

    def _not_editable_text(self) -> str:
        """Why the caret's place takes no text: the end of a short table row has no cell of
        the contract; the generated signature block is made from the parties."""
        if self.document_.frozen:
            return self.document_.frozen_text()
        ref = self.current_ref()
        if ref is not None and ref.kind == "cell_pad":
            return self.tr("This table row has no cell here: type in one of its cells.")
        return self.tr("The signature block follows the parties: edit them above.")

    def _delete_at_end(self, pos: Pos) -> None:
        """Delete at the end of a block joins the next block to it (never a table cell, a
        cover, signature or annex text to its neighbour: nothing happens there)."""
        i = self._index.get(pos.ref)
        if i is None or i + 1 >= len(self._shown) or not self._shown[i + 1].editable:
            return
        if not editing.joinable(self.draft, pos.ref, self._shown[i + 1].ref):
            return
        nxt = editing.Pos(self._shown[i + 1].ref, 0)
        self._run(lambda d: editing.delete_range(d, pos, nxt))

    def _tab(self, backwards: bool) -> None:
        """Tab: in a table to the next cell (Shift+Tab the previous); elsewhere to the next
        chip when one is selected or follows in this text; otherwise demote (Shift+Tab: the
        previous chip, or promote)."""
        cursor = self.textCursor()
        if cursor.currentTable() is not None:
            self._next_cell(cursor, backwards)
            return
        chip_selected = self._selected_chip() is not None
        if chip_selected or not cursor.atBlockStart():
            target = self._next_chip(cursor, backwards, same_block=not chip_selected)
            if target is not None:
                self._select_chip(target)
            if target is not None or chip_selected:
                return  # from the first or last blank, Tab stays: it never restructures
        pos = self._block_pos()[0]
        if backwards:
            self._run(lambda d: editing.promote(d, pos.ref, pos.offset))
        else:
            self._run(lambda d: editing.demote(d, pos.ref, pos.offset))

    def _next_cell(self, cursor: QTextCursor, backwards: bool) -> None:
        """The caret to the end of the next (previous) cell, row by row, as Word's Tab; it
        stays in the last (first) cell. Merged cells are one stop; the empty end of a short
        row (no cell of the draft) is none."""
        table = cursor.currentTable()
        cell = table.cellAt(cursor)
        rows, columns = table.rows(), table.columns()
        step = -1 if backwards else 1
        i = cell.row() * columns + cell.column() + step
        while 0 <= i < rows * columns:
            row, column = divmod(i, columns)
            target = table.cellAt(row, column)
            place = target.lastCursorPosition()
            data = place.block().userData()
            if (target.row(), target.column()) == (row, column) and data.editable:
                self.setTextCursor(place)
                self.ensureCursorVisible()
                return
            i += step

    def _next_chip(self, cursor: QTextCursor, backwards: bool, same_block: bool) -> int | None:
        """The document position of the next (previous) blank after (before) the caret."""
        doc = self.document()
        block = cursor.block()
        start = cursor.selectionEnd() if not backwards else cursor.selectionStart()
        while block.isValid():
            found = None
            for r in block.textFormats() if not backwards else reversed(block.textFormats()):
                if r.format.objectType() != OBJECT_TYPE:
                    continue
                if not isinstance(self._tokens.get(r.format.property(P_TOKEN)), Blank):
                    continue
                for k in range(r.length) if not backwards else reversed(range(r.length)):
                    p = block.position() + r.start + k
                    if (p >= start) if not backwards else (p < start):
                        found = p
                        break
                if found is not None:
                    return found
            if same_block:
                return None
            block = block.next() if not backwards else block.previous()
        del doc
        return None

    def _selected_chip(self) -> tuple[int, int] | None:
        """(field id, position) when the selection is exactly one blank."""
        cursor = self.textCursor()
        if cursor.selectionEnd() - cursor.selectionStart() != 1:
            return None
        probe = QTextCursor(self.document())
        probe.setPosition(cursor.selectionEnd())
        fmt = probe.charFormat()
        if fmt.objectType() != OBJECT_TYPE:
            return None
        seg = self._tokens.get(fmt.property(P_TOKEN))
        return (seg.field_id, cursor.selectionStart()) if isinstance(seg, Blank) else None

    def _field_beside_caret(self) -> int:
        """The field of the blank just before or after the caret (0 for none)."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return 0
        block = cursor.block()
        for position in (cursor.position(), cursor.position() - 1):
            if block.position() <= position < block.position() + block.length() - 1:
                seg = self._tokens.get(self._char_format_at(position + 1).property(P_TOKEN))
                if isinstance(seg, Blank):
                    return seg.field_id
        return 0

    def _chips_of(self, field_id: int) -> list[int]:
        """The document positions of the blanks of ``field_id``, in reading order."""
        found = []
        block = self.document().begin()
        while block.isValid():
            for r in block.textFormats():
                if r.format.objectType() == OBJECT_TYPE:
                    seg = self._tokens.get(r.format.property(P_TOKEN))
                    if isinstance(seg, Blank) and seg.field_id == field_id:
                        found.extend(block.position() + r.start + k for k in range(r.length))
            block = block.next()
        return found

    def select_field(self, field_id: int) -> bool:
        """Select the field's first blank on the page, or the next one when one of its
        blanks is selected already, and scroll to it. False when it has none."""
        chips = self._chips_of(field_id)
        if not chips:
            return False
        chip = self._selected_chip()
        after = chip[1] if chip is not None and chip[0] == field_id else -1
        self._select_chip(next((p for p in chips if p > after), chips[0]))
        self.ensureCursorVisible()
        return True

    def _select_chip(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)  # _caret_moved makes it the blank being filled

    def _start_chip(self, chip: tuple[int, int]) -> None:
        self._chip = chip
        self._chip_fresh = True

    def _stop_chip(self) -> None:
        if self._chip is not None:
            self._chip = None
            if self.inline.active is not None:
                self.inline.active = None
                self._relayout_field_chips()

    def _fill(self, value: str | None) -> None:
        """The selected blank's field takes ``value`` (every occurrence shows it); the blank
        stays selected, so typing goes on filling it."""
        field_id, position = self._chip
        try:
            self.document_.push(editing.fill_field(self.draft, field_id, value).command)
        except (ops.EditError, ValueError, KeyError) as exc:
            self.message.emit(error_text(exc))
        self._relayout_field_chips()
        cursor = self.textCursor()
        cursor.setPosition(position)
        cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._chip, self._chip_fresh = (field_id, position), False

    def _chip_key(self, event) -> bool:
        """Keys while a blank is selected: text fills it, Backspace shortens it, Delete
        clears it, Space ticks a tick box. True if the key was used."""
        if self._selected_chip() is None or self._selected_chip()[1] != self._chip[1]:
            self._stop_chip()
            return False
        field_id = self._chip[0]
        field = self.draft.fields.get(field_id)
        if field is None:
            return False
        seg = self._tokens.get(self._char_format_at(self._chip[1] + 1).property(P_TOKEN))
        key = event.key()
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            return False
        if isinstance(seg, Blank) and field.kind == "checkbox":
            if key == Qt.Key.Key_Space:
                self._toggle_box()
                return True
            if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                return False  # a tick box takes no typed value
        if key == Qt.Key.Key_Backspace:
            value = "" if self._chip_fresh else (field.value or "")[:-1]
            self._chip_fresh = False
            self._fill(value or None)
            return True
        if key == Qt.Key.Key_Delete:
            self._fill(None)
            return True
        text = event.text()
        if text and text.isprintable():
            value = text if self._chip_fresh else (field.value or "") + text
            self._chip_fresh = False
            self._fill(value)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            cursor = self.textCursor()
            cursor.setPosition(self._chip[1] + 1)
            self._stop_chip()
            self.setTextCursor(cursor)
            return True
        return False

    def _toggle_box(self) -> None:
        """Tick or untick the selected tick box: one step (``"1"`` ticked, None not)."""
        field_id, position = self._chip
        if self._run(lambda d: editing.toggle_box(d, field_id, self.pos_at(position))):
            self._relayout_field_chips()
            cursor = self.textCursor()
            cursor.setPosition(position)
            cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)  # still selected: Space ticks it again
            self._chip, self._chip_fresh = (field_id, position), False

    def _char_format_at(self, position: int) -> QTextCharFormat:
        probe = QTextCursor(self.document())
        probe.setPosition(position)
        return probe.charFormat()

    def _relayout_field_chips(self) -> None:
        """A field's value changed: the chips showing it may be wider or narrower."""
        self._dirty_objects()
        self.viewport().update()

    # -- IME --------------------------------------------------------------------------------

    def inputMethodEvent(self, event) -> None:
        commit = event.commitString()
        if commit != commit.translate(NOT_TEXT):
            clean = commit.translate(NOT_TEXT).replace("\n", "")
            old, event = event, QInputMethodEvent(event.preeditString(), event.attributes())
            event.setCommitString(clean, old.replacementStart(), old.replacementLength())
            commit = clean
        if self._chip is not None and self._selected_chip() is not None:
            preedit = event.preeditString()
            self.inline.active = (self._chip[0], preedit) if preedit else None
            if commit:
                field = self.draft.fields.get(self._chip[0])
                value = (
                    commit if self._chip_fresh else ((field.value or "") if field else "") + commit
                )
                self._chip_fresh = False
                self.inline.active = None
                self._fill(value)
            else:
                self._relayout_field_chips()
            event.accept()
            return
        if (commit or event.preeditString()) and not self._editable_here():
            if self.document_.frozen and commit:
                self.message.emit(self.document_.frozen_text())
            event.ignore()
            return
        if commit and self._spans_blocks():
            if self.delete_selection():
                pos = self._block_pos()[0]
                self._run(lambda d: editing.type_text(d, pos, commit))
            event.accept()
            return
        if event.preeditString() and self._spans_blocks():
            self.delete_selection()  # Qt would delete it natively, across blocks
        super().inputMethodEvent(event)

    def inputMethodQuery(self, query):
        value = super().inputMethodQuery(query)
        if query == Qt.InputMethodQuery.ImCursorRectangle and isinstance(value, QRect | QRectF):
            margins = self.viewportMargins()
            return value.translated(margins.left(), margins.top())
        return value

    # -- clipboard -------------------------------------------------------------------------

    def createMimeDataFromSelection(self) -> QMimeData:
        """Numbered text for other programs; whole articles and clauses for this app when
        the selection spans more than one line."""
        from app.model import clipboard

        cursor = self.textCursor()
        doc = self.document()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        numbers = self._selected_blocks()
        first, last = doc.findBlockByNumber(numbers[0]), doc.findBlockByNumber(numbers[1])
        end = min(end, last.position() + last.length() - 1)
        lines = []
        block = first
        while block.isValid():
            data = block.userData()
            text = self._shown_text(block)
            a = start - block.position() if block == first else 0
            b = end - block.position() if block == last else len(block.text())
            piece = self._slice_shown(block, a, b) if (a, b) != (0, len(block.text())) else text
            label = data.label if isinstance(data, BlockData) and a == 0 else ""
            lines.append(f"{label} {piece}" if label and piece else label or piece)
            if block == last:
                break
            block = block.next()
        mime = QMimeData()
        mime.setText("\n".join(lines))
        # dropped back on this document over the same selection, it moves (DocumentDrops)
        mime.setData(MIME_DRAGGED, f"{self.document_.uid}:{start}:{cursor.selectionEnd()}".encode())
        if first != last:
            ids = self.selected_node_ids()
            if ids:
                mime.setData(MIME_NODES, clipboard.copy_nodes(self.draft, ids, self.document_.uid))
        elif (
            isinstance(data := first.userData(), BlockData)
            and data.ref.kind in editing.SEGMENT_KINDS
        ):
            a, b = start - first.position(), end - first.position()
            segments = editing.cut(editing.segments_of(self.draft, data.ref), a, b)
            if any(not isinstance(s, str) for s in segments):  # chips travel as chips
                payload = clipboard.copy_inline(self.draft, segments, self.document_.uid)
                mime.setData(MIME_INLINE, payload)
        return mime

    def _slice_shown(self, block, a: int, b: int) -> str:
        out = []
        text = block.text()
        for k in range(a, b):
            if text[k] == OBJECT:
                fmt = self._char_format_at(block.position() + k + 1)
                out.append(self.inline.text_of(self._tokens.get(fmt.property(P_TOKEN))))
            else:
                out.append("\n" if text[k] == LINE_BREAK else text[k])
        return "".join(out)

    def cut_selection(self) -> None:
        """Copy, then delete the selection as one step: Paste puts it back."""
        if not self.textCursor().hasSelection():
            return
        if not self._editable_here():
            self.copy()
            return
        self.copy()
        self.delete_selection()

    def paste_clipboard(self, plain: bool = False) -> None:
        self.insertFromMimeData(QApplication.clipboard().mimeData(), plain=plain)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or any(source.hasFormat(f) for f in DROP_TYPES)

    def insertFromMimeData(self, source: QMimeData, plain: bool = False) -> None:
        """Paste at the caret through the model: our nodes as nodes, library items as
        articles, other text segmented into articles and clauses (plain: as it is)."""
        if source is None or not self._editable_here():
            if self.document_.frozen:
                self.message.emit(self.document_.frozen_text())
            return
        if self.textCursor().hasSelection():
            self.delete_selection()
        pos = self._block_pos()[0]
        if not plain and source.hasFormat(MIME_INLINE):
            payload = bytes(source.data(MIME_INLINE).data())
            self._run(lambda d: editing.paste_within(d, pos, payload, self.document_.uid))
        elif not plain and source.hasFormat(MIME_NODES):
            payload = bytes(source.data(MIME_NODES).data())
            self._run(lambda d: editing.paste(d, pos, payload, self.document_.uid))
        elif not plain and source.hasFormat(MIME_CLAUSE_IDS):
            self.drop(source, self._insert_point(pos))
        elif source.hasText() and source.text().strip():
            text = source.text().translate(NOT_TEXT)
            uid = self.document_.uid
            self._run(lambda d: editing.paste(d, pos, text, uid, segment=not plain))

    # -- painting ----------------------------------------------------------------------------

    def _static(self, text: str, bold: bool) -> QStaticText:
        key = (text, bold, self.font().key())
        static = self._statics.get(key)
        if static is None:
            static = self._statics[key] = QStaticText(text)
            static.prepare(font=self._bold if bold else self.font())
        return static

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self._painted = True
        painter = QPainter(self.viewport())
        doc = self.document()
        lay = doc.documentLayout()
        dy = -self.verticalScrollBar().value()
        dx = -self.horizontalScrollBar().value()
        area = event.rect()
        block = self.cursorForPosition(area.topLeft()).block()
        ascent = self._fm.ascent()
        bold_ascent = QFontMetricsF(self._bold).ascent()
        hint = QColor("#9a9a9a")
        while block.isValid():
            rect = lay.blockBoundingRect(block).translated(dx, dy)
            if rect.top() > area.bottom():
                break
            data = block.userData()
            layout = block.layout()
            if isinstance(data, BlockData) and layout.lineCount():
                line = layout.lineAt(0)
                fmt = block.blockFormat()
                x = rect.left() + fmt.leftMargin()
                if starts_page(self.draft, data.ref):
                    self._paint_page_gap(painter, rect, fmt)
                if data.label:
                    bold = data.ref.kind in HEADING_KINDS
                    y = rect.top() + line.y() + line.ascent() - (bold_ascent if bold else ascent)
                    painter.setFont(self._bold if bold else self.font())
                    painter.setPen(self.palette().color(QPalette.ColorRole.Text))
                    painter.drawStaticText(QPointF(x, y), self._static(data.label, bold))
                if block.length() == 1 and data.editable:
                    text = self._placeholder(data.ref)
                    if text:
                        painter.setPen(hint)
                        painter.setFont(self.font())
                        left = (
                            x + fmt.textIndent()
                            if fmt.alignment() & Qt.AlignmentFlag.AlignLeft
                            or not (fmt.alignment() & Qt.AlignmentFlag.AlignHCenter)
                            else rect.center().x() - self._fm.horizontalAdvance(text) / 2
                        )
                        painter.drawText(QPointF(left, rect.top() + line.y() + line.ascent()), text)
            block = block.next()
        if self._drop_line is not None:
            y, x1, x2 = self._drop_line
            painter.setPen(QPen(QBrush(QColor("#1a5fb4")), 2))
            painter.drawLine(x1 + dx, y, x2 + dx, y)
            painter.drawEllipse(QPointF(x1 + dx, y), 3, 3)
        painter.end()

    def _paint_page_gap(self, painter: QPainter, rect: QRectF, fmt) -> None:
        """The grey between two pages, in the room above a block that starts a page (an
        annex, the title after a cover), across the whole page width."""
        room = fmt.topMargin()  # above the block's rect
        band = min(room * 0.5, 2.0 * PAGE_GAP)
        top = rect.top() - room + (room - band) / 2
        painter.fillRect(
            QRectF(0, top, self.viewport().width(), band),
            self.palette().color(QPalette.ColorRole.Window),
        )

    def _placeholder(self, ref: BlockRef) -> str:
        """What an empty place to type says, in grey (never document text)."""
        if ref.kind == "title":
            return self.tr("Contract title")
        if ref.kind == "heading":
            return self.tr("Heading")
        if ref.kind == "preamble":
            return self.tr("Preamble (optional)")
        if ref.kind == "party_name":
            return self.tr("Name")
        if ref.kind == "party_address":
            return self.tr("Address")
        if ref.kind == "part_title":
            return self.tr("Part title")
        if ref.kind == "body":
            node = self.draft.node(ref.owner)
            return "" if node is not None and node.tables else self.tr("Text")  # its table is
        return ""

    # -- the caret, the mouse, the menu ------------------------------------------------------

    def _caret_moved(self) -> None:
        chip = self._selected_chip()
        if self._chip is not None and (chip is None or chip[1] != self._chip[1]):
            self._stop_chip()
        if chip is not None and self._chip is None:  # selected by Shift+arrow or the mouse
            self._start_chip(chip)
            self.fieldActivated.emit(chip[0])
        beside = self._field_beside_caret()
        if beside != self._field_at_caret:
            self._field_at_caret = beside
            if beside:
                self.fieldAtCaret.emit(beside)
        node = self.current_node_id() or 0
        if node != self._current_node:
            self._current_node = node
            self.currentNodeChanged.emit(node)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self._object_at(event.position().toPoint())
        if position is None:
            return
        seg = self._tokens.get(self._char_format_at(position + 1).property(P_TOKEN))
        if isinstance(seg, Ref):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.jump_to(seg.target)
            return
        if isinstance(seg, Blank):
            self._select_chip(position)
            field = self.draft.fields.get(seg.field_id)
            if field is not None and field.kind == "checkbox" and self._chip is not None:
                self._toggle_box()  # a click ticks a box, as on paper

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # who proposed the change under the mouse
            position = self._object_at(event.pos())
            seg = None
            if position is not None:
                seg = self._tokens.get(self._char_format_at(position + 1).property(P_TOKEN))
            if isinstance(seg, Proposal):
                QToolTip.showText(event.globalPos(), proposal_tip(seg), self.viewport())
                return True
        return super().viewportEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        party = self.party_label_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and party is not None:
            self.edit_party_role(party)  # the label is painted: a double-click renames it
            return
        super().mouseDoubleClickEvent(event)

    def _object_at(self, point) -> int | None:
        """The document position of the chip under ``point``, if any."""
        cursor = self.cursorForPosition(point)
        last = self.document().characterCount() - 1  # the end of the last block
        for position in (cursor.position() - 1, cursor.position()):
            if position < 0 or position + 1 > last:
                continue
            probe = QTextCursor(self.document())
            probe.setPosition(position)
            probe.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
            if probe.selectedText() != OBJECT:
                continue
            rect = self.cursorRect(probe)
            start = QTextCursor(self.document())
            start.setPosition(position)
            end = QTextCursor(self.document())
            end.setPosition(position + 1)
            x1, x2 = self.cursorRect(start).x(), self.cursorRect(end).x()
            if (
                min(x1, x2) <= point.x() <= max(x1, x2)
                and abs(rect.center().y() - point.y()) < rect.height()
            ):
                return position
        return None

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = 1 if event.angleDelta().y() > 0 else -1
            self._zoom = min(max(self._zoom + step, MIN_ZOOM), MAX_ZOOM)
            self._wheel_zoom.start()  # one re-layout for a burst of wheel steps
            event.accept()
            return
        super().wheelEvent(event)

    def zoom_by(self, steps: int) -> None:
        """Ctrl+= / Ctrl+- / Ctrl+0: the text size in points, remembered."""
        self._zoom = min(max(self._zoom + steps, MIN_ZOOM), MAX_ZOOM)
        self._apply_zoom()

    def zoom(self) -> int:
        return self._zoom

    def _apply_zoom(self) -> None:
        app_settings().setValue(ZOOM_KEY, self._zoom)
        self._set_font()
        self._render_all()

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self) -> QMenu:
        """Undo, the clipboard and the structure actions, all through the model."""
        menu = QMenu(self)
        stack = self.document_.undo_stack
        add = menu.addAction
        undo = add(self.tr("Undo"), self.undo)
        undo.setEnabled(stack.canUndo())
        redo = add(self.tr("Redo"), self.redo)
        redo.setEnabled(stack.canRedo())
        menu.addSeparator()
        has = self.textCursor().hasSelection()
        add(self.tr("Cut"), self.cut_selection).setEnabled(has)
        add(self.tr("Copy"), self.copy).setEnabled(has)
        add(self.tr("Paste"), self.paste_clipboard)
        add(self.tr("Paste as plain text"), lambda: self.paste_clipboard(plain=True))
        menu.addSeparator()
        ref = self.current_ref()
        structure = ref is not None and ref.kind in NODE_KINDS
        pos = self._block_pos()[0]
        for text, build in (
            (self.tr("New article"), lambda d: editing.new_article(d, pos)),
            (self.tr("Split here"), lambda d: editing.enter(d, pos)),
            (self.tr("Demote (Tab)"), lambda d: editing.demote(d, ref)),
            (self.tr("Promote (Shift+Tab)"), lambda d: editing.promote(d, ref)),
            (self.tr("Move up (Alt+Up)"), lambda d: editing.move(d, ref, -1)),
            (self.tr("Move down (Alt+Down)"), lambda d: editing.move(d, ref, 1)),
        ):
            action = add(text, lambda b=build: self._run(b))
            action.setEnabled(structure)
        menu.addSeparator()
        add(self.tr("Add a party"), lambda: self._run(editing.add_party))
        party = ref is not None and ref.kind in ("party_name", "party_address")
        remove = add(
            self.tr("Remove this party"),
            lambda: self._run(lambda d: editing.remove_party(d, ref.owner)),
        )
        remove.setEnabled(party)
        rename = add(self.tr("Rename role…"), lambda: self.edit_party_role(ref.owner))
        rename.setEnabled(party)
        add_to_context_menu(self, menu)
        return menu

    def sizeHint(self) -> QSize:
        return QSize(self._page + 40, 600)
