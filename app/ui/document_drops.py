"""Drops on the centre document: library items, and articles or clauses from the outline
or another draft, land where the insertion line shows — between articles, after a clause,
or as a clause of the article whose text is under the mouse. They go through the tree
model's drop handling (``ContractModel.dropMimeData``), so the outline and the page agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt

from app.model import editing
from app.model.doc_blocks import BlockRef

from .contract_roles import MIME_DRAGGED, MIME_NODE_IDS, MIME_NODES
from .document_render import LEVEL_INDENT_EM, NODE_KINDS, BlockData
from .item_refs import MIME_CLAUSE_IDS

if TYPE_CHECKING:
    from app.model.editing import Pos


DROP_TYPES = (MIME_NODE_IDS, MIME_NODES, MIME_CLAUSE_IDS)
BODY_AFTER = ("signature", "signed", "annex_title")  # blocks after the last article


class DocumentDrops:
    """Mixed into ``DocumentView`` (a QTextEdit): the insertion line and the drop."""

    # -- drops from the library and the outline ---------------------------------------------

    def _insert_point(self, pos: Pos) -> tuple[int, int]:
        """Where library items pasted at ``pos`` go: after the caret's article."""
        node_id = pos.ref.owner if pos.ref.kind in NODE_KINDS else None
        if node_id is not None:
            for part in self.draft.parts:
                for i, article in enumerate(part.articles):
                    if any(n.id == node_id for n in article.walk()):
                        return part.id, i + 1
        part = self.draft.parts[-1] if self.draft.parts else None
        return (part.id, len(part.articles)) if part else (0, 0)

    def _gap(self, point) -> tuple[tuple[int, int] | None, int, float]:
        """(parent id, index) a drop at ``point`` lands on, the y of the line, its indent."""
        doc = self.document()
        lay = doc.documentLayout()
        dy = -self.verticalScrollBar().value()
        block = self.cursorForPosition(point).block()
        rect = lay.blockBoundingRect(block).translated(0, dy)
        data = block.userData()
        ref = data.ref if isinstance(data, BlockData) else None
        draft = self.draft
        if ref is None or ref.kind not in NODE_KINDS:
            index = block.blockNumber()
            after_nodes = any(b.ref.kind in NODE_KINDS for b in self._shown[:index])
            if ref is not None and ref.kind == "signature" or after_nodes:
                part = draft.parts[-1] if draft.parts else None
                line = self._last_node_bottom()
                return ((part.id, len(part.articles)) if part else None), line, 0
            part = draft.parts[0] if draft.parts else None
            return ((part.id, 0) if part else None), rect.bottom(), 0
        node_id = ref.owner
        located = draft.find(node_id)
        if located is None:
            return None, rect.top(), 0
        _part, siblings, index = located
        parent = draft.parent_id(node_id)
        level = self._shown[block.blockNumber()].level
        first_block = self._index.get(BlockRef("heading", node_id), block.blockNumber())
        top = lay.blockBoundingRect(doc.findBlockByNumber(first_block)).top() + dy
        if block.blockNumber() == first_block and point.y() < rect.center().y():
            return (parent, index), top, level
        if ref.kind == "body" and level == 0:  # on an article's text: a clause of it
            node = siblings[index]
            return (node_id, len(node.children)), self._node_bottom(node), level + 1
        return (parent, index + 1), self._node_bottom(siblings[index]), level

    def _node_bottom(self, node) -> float:
        last = node
        while last.children:
            last = last.children[-1]
        i = max(
            self._index.get(BlockRef("body", last.id), -1),
            self._index.get(BlockRef("heading", last.id), -1),
            *(self._index.get(BlockRef("table_after", t.id), -1) for t in last.tables),
        )
        lay = self.document().documentLayout()
        rect = lay.blockBoundingRect(self.document().findBlockByNumber(max(i, 0)))
        return rect.bottom() - self.verticalScrollBar().value()

    def _last_node_bottom(self) -> float:
        body_end = next(  # the source's signature block and the annexes follow the body
            (i for i, b in enumerate(self._shown) if b.ref.kind in BODY_AFTER), len(self._shown)
        )
        nodes = [b for b in self._shown[:body_end] if b.ref.kind in NODE_KINDS]
        i = (
            self._index[nodes[-1].ref]
            if nodes
            else max(0, self._index.get(BlockRef("preamble", 0), 0))
        )
        rect = (
            self.document().documentLayout().blockBoundingRect(self.document().findBlockByNumber(i))
        )
        return rect.bottom() - self.verticalScrollBar().value()

    def dragEnterEvent(self, event) -> None:
        if self.document_.frozen:  # a version read-only takes no drop
            event.ignore()
            return
        if any(event.mimeData().hasFormat(f) for f in DROP_TYPES):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if self.document_.frozen:
            event.ignore()
            return
        if any(event.mimeData().hasFormat(f) for f in DROP_TYPES):
            target, y, level = self._gap(event.position().toPoint())
            self._drop_target = target
            left = self.document().documentMargin() + level * LEVEL_INDENT_EM * self._em
            self._drop_line = (
                round(y),
                round(left),
                self._page - round(self.document().documentMargin()),
            )
            self.viewport().update()
            if target is None:
                event.ignore()
                return
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dragLeaveEvent(self, event) -> None:
        self._drop_line = None
        self.viewport().update()
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if self.document_.frozen:
            self.message.emit(self.document_.frozen_text())
            event.ignore()
            return
        if self._text_dragged_here(event):
            return
        if not any(mime.hasFormat(f) for f in DROP_TYPES):
            super().dropEvent(event)
            return
        target, _y, _level = self._gap(event.position().toPoint())
        self._drop_line = None
        self.viewport().update()
        if target is None:
            event.ignore()
            return
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier) or mime.hasFormat(
            MIME_CLAUSE_IDS
        )
        action = Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction
        if self.drop(mime, target, action):
            event.setDropAction(action)
            event.accept()
        else:
            event.ignore()

    def _text_dragged_here(self, event) -> bool:
        """Text selected within one line and dragged within this document: moved there as
        one step (Ctrl: copied), blanks and references with it, through the model."""
        mime = event.mimeData()
        cursor = self.textCursor()
        dragged = f"{self.document_.uid}:{cursor.selectionStart()}:{cursor.selectionEnd()}"
        if bytes(mime.data(MIME_DRAGGED).data()).decode() != dragged or not cursor.hasSelection():
            return False  # not this document's selection (or it changed since)
        start, end = self.selection()
        if start.ref != end.ref:
            return False  # whole articles and clauses: the node drop
        to = self.pos_at(self.cursorForPosition(event.position().toPoint()).position())
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        self._run(lambda d: editing.move_text(d, start, end, to, copy_only=copy))
        # the model has moved it: the drag must not delete the selection on its side too
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        return True

    def drop(
        self, mime: QMimeData, target: tuple[int, int], action=Qt.DropAction.CopyAction
    ) -> bool:
        """Library items, or articles and clauses of a draft, into ``target`` (parent id,
        index): the tree model's drop handling, so the outline and the centre agree."""
        parent_id, index = target
        model = self.contract_model
        parent = model.index_of(parent_id)
        if not parent.isValid() and self.draft.parts:
            return False
        before = {n.id for _, n in self.draft.nodes()}
        ok = model.dropMimeData(mime, action, index, 0, parent)
        new = next((n.id for _, n in self.draft.nodes() if n.id not in before), None)
        if ok and new is not None:
            self.jump_to(new)
        return ok
