"""The open draft as a Qt tree: parts, then articles, then clauses, numbered as computed.

Rows are addressed by the model ids of parts and nodes (internalId), so an index survives
edits elsewhere. Inserting, deleting and moving nodes (drops, cut, paste, undo of those)
tell the views exactly which rows came, went or moved; other structure changes (split,
merge, numbering style) reset the tree. Text and field edits only repaint. Edits never
touch the draft directly: they become model commands pushed on the document's undo stack.
"""

from __future__ import annotations

import copy
import json
from contextlib import contextmanager

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)

from app.model import ops
from app.model.commands import Command, DeleteNode, InsertNodes, MoveNode
from app.model.draft import Draft, Field, Node, Part
from app.model.library_insert import insert_from_library
from app.model.numbering import label, number_paths
from app.model.text import editable_text, render_body
from clause_db.store import ClauseLibrary

from .draft_document import FIELDS, STRUCTURE, DraftDocument
from .item_refs import MIME_CLAUSE_IDS, refs_from_mime

MIME_NODE_IDS = "application/x-contract-draft-node-ids"

NodeIdRole = Qt.ItemDataRole.UserRole + 10  # the part or node id of a row
KindRole = Qt.ItemDataRole.UserRole + 11  # "part" | "article" | "clause"
LabelRole = Qt.ItemDataRole.UserRole + 12  # the computed number: 第一条, 1.1
HeadingRole = Qt.ItemDataRole.UserRole + 13
BodyRole = Qt.ItemDataRole.UserRole + 14  # the text as shown: values in, references now
EditTextRole = Qt.ItemDataRole.UserRole + 15  # the text to edit: blanks as written
SegmentsRole = Qt.ItemDataRole.UserRole + 16  # the body segments, for painting blanks

_ROOT_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
_PART_FLAGS = (
    _ROOT_FLAGS
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEditable
)
_NODE_FLAGS = _PART_FLAGS | Qt.ItemFlag.ItemIsDragEnabled


class ContractModel(QAbstractItemModel):
    """One column; each row's data roles carry label, heading and text for the delegate."""

    dropFailed = Signal(str)  # a drop that could not be made, with the reason

    def __init__(
        self, document: DraftDocument, library: ClauseLibrary | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.library = library
        self._parent: dict[int, int] = {}  # child id -> parent id (0 for a part)
        self._children: dict[int, list[int]] = {}
        self._paths: dict[int, tuple[int, ...]] = {}
        self._moved_in: set[int] = set()  # the lists where the last rows came, went or moved
        self._rows_updated = False  # the rows of the last structure change are already in
        self._rebuild()
        document.structureChanged.connect(self._on_structure)
        document.changed.connect(self._on_changed)

    @property
    def draft(self) -> Draft:
        return self.document.draft

    # -- the tree ---------------------------------------------------------------------------

    def _rebuild(self, renumber: bool = True) -> None:
        """Read the tree from the draft; with ``renumber`` False the rows keep their numbers
        until the change is in (Qt expects the other rows' data unchanged until then)."""
        self._parent.clear()
        self._children = {0: [p.id for p in self.draft.parts]}
        self._objects: dict[int, Part | Node] = {}
        for part in self.draft.parts:
            self._objects[part.id] = part
            self._parent[part.id] = 0
            self._children[part.id] = [a.id for a in part.articles]
            stack = [(part.id, a) for a in part.articles]
            while stack:
                parent_id, node = stack.pop()
                self._objects[node.id] = node
                self._parent[node.id] = parent_id
                self._children[node.id] = [c.id for c in node.children]
                stack.extend((node.id, c) for c in node.children)
        if renumber:
            self._paths = number_paths(self.draft)
        self._rows = {i: r for ids in self._children.values() for r, i in enumerate(ids)}

    def _on_structure(self, command: Command, applied: bool) -> None:
        self._rows_updated = self._update_rows(command, applied)

    def _update_rows(self, command: Command, applied: bool) -> bool:
        """Insert, remove or move the rows of an insert, delete or move (applied or reverted);
        False for any other command, which resets the tree."""
        if isinstance(command, InsertNodes):
            rows = (command.parent_id, command.index, len(command.nodes))
            return self._insert_rows(*rows) if applied else self._remove_rows(*rows)
        if isinstance(command, DeleteNode):
            rows = (command.parent_id, command.index, 1)
            return self._remove_rows(*rows) if applied else self._insert_rows(*rows)
        if isinstance(command, MoveNode):
            source = (command.from_parent, command.from_index)
            target = (command.to_parent, command.to_index)
            return self._move_row(*source, *target) if applied else self._move_row(*target, *source)
        return False

    def _insert_rows(self, parent_id: int, first: int, count: int) -> bool:
        if not (count and 0 <= first <= len(self._children.get(parent_id, ()))):
            return False
        self.beginInsertRows(self.index_of(parent_id), first, first + count - 1)
        self._rebuild(renumber=False)
        self.endInsertRows()
        self._moved_in = {parent_id}
        return True

    def _remove_rows(self, parent_id: int, first: int, count: int) -> bool:
        if not (count and first >= 0 and first + count <= len(self._children.get(parent_id, ()))):
            return False
        self.beginRemoveRows(self.index_of(parent_id), first, first + count - 1)
        self._rebuild(renumber=False)
        self.endRemoveRows()
        self._moved_in = {parent_id}
        return True

    def _move_row(self, from_id: int, from_row: int, to_id: int, to_row: int) -> bool:
        """Move one row; ``to_row`` counts after it left its old place, Qt counts before."""
        if not (
            0 <= from_row < len(self._children.get(from_id, ()))
            and 0 <= to_row <= len(self._children.get(to_id, ())) - (from_id == to_id)
        ):
            return False
        before = to_row + 1 if from_id == to_id and to_row >= from_row else to_row
        source, target = self.index_of(from_id), self.index_of(to_id)
        self._moved_in = {from_id, to_id}
        if not self.beginMoveRows(source, from_row, from_row, target, before):
            return True  # back where it was: nothing moves
        self._rebuild(renumber=False)
        self.endMoveRows()
        return True

    def _on_changed(self, kind: str) -> None:
        if kind == STRUCTURE:
            if self._rows_updated:
                self._rows_updated = False
                self._renumbered()
                return
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        if kind == FIELDS:
            self._paths = number_paths(self.draft)
        self._repaint_all()

    def _renumbered(self) -> None:
        """After rows came, went or moved, numbers may differ: of the articles, and of the
        rows beside the change. One range per part and per list changed, not one per
        article (a thousand signals took longer than the drop): a view repaints all it
        shows for a range, so clauses elsewhere (5.1 now 6.1) are repainted too."""
        self._paths = number_paths(self.draft)
        parts = [self.index(r, 0) for r in range(self.rowCount())]
        lists = [self.index_of(i) for i in self._moved_in if self._parent.get(i, 0)]
        for parent in [QModelIndex(), *parts, *lists]:
            rows = self.rowCount(parent)
            if rows:
                self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, 0, parent))

    def _repaint_all(self) -> None:
        self._rebuild()  # the objects may have been replaced by undo; ids stay the same
        rows = self.rowCount()
        if rows:
            self._emit_changed_below(QModelIndex())

    def _emit_changed_below(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if not rows:
            return
        self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, 0, parent))
        for row in range(rows):
            self._emit_changed_below(self.index(row, 0, parent))

    def object(self, index: QModelIndex) -> Part | Node | None:
        return self._objects.get(index.internalId()) if index.isValid() else None

    def index_of(self, item_id: int) -> QModelIndex:
        """The index of a part or node by id (invalid if it is not in the draft)."""
        parent_id = self._parent.get(item_id)
        if parent_id is None:
            return QModelIndex()
        row = self._rows[item_id]  # a list search here made each layout quadratic
        return self.createIndex(row, 0, item_id)

    def depth(self, item_id: int) -> int:
        """0 for a part, 1 for an article, 2 and more for clauses."""
        depth, parent_id = 0, self._parent.get(item_id, 0)
        while parent_id:
            depth, parent_id = depth + 1, self._parent[parent_id]
        return depth

    def kind(self, index: QModelIndex) -> str:
        if not index.isValid():
            return "root"
        item_id = index.internalId()
        if self._parent.get(item_id) == 0:
            return "part"
        return "article" if self._parent.get(self._parent[item_id]) == 0 else "clause"

    # -- QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_id = parent.internalId() if parent.isValid() else 0
        children = self._children.get(parent_id, [])
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_id = self._parent.get(index.internalId(), 0)
        return QModelIndex() if parent_id == 0 else self.index_of(parent_id)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else 0, []))

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        item = self.object(index)
        if item is None:
            return None
        if role == NodeIdRole:
            return item.id
        if role == KindRole:
            return self.kind(index)
        if isinstance(item, Part):
            if role in (Qt.ItemDataRole.DisplayRole, HeadingRole):
                return item.title or self.tr("Body")
            if role == BodyRole:
                return render_body(item.body, self._paths, self.draft)
            if role == EditTextRole:
                return editable_text(item.body, self._paths)
            if role == LabelRole:
                return ""
            return None
        path = self._paths.get(item.id)
        number = label(path, self.draft.numbering) if path else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{number} {item.heading}".strip()
        if role == LabelRole:
            return number
        if role == HeadingRole:
            return item.heading
        if role == BodyRole:
            return render_body(item.body, self._paths, self.draft)
        if role == EditTextRole:
            return editable_text(item.body, self._paths)
        if role == SegmentsRole:
            return item.body
        if role == Qt.ItemDataRole.ToolTipRole and item.provenance:
            p = item.provenance
            return self.tr("From {0} ({1})").format(p.source, p.written_label)
        return None

    def field(self, field_id: int) -> Field | None:
        return self.draft.fields.get(field_id)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        """The view asks for every row at each layout: constants, no flag arithmetic."""
        if not index.isValid():
            return _ROOT_FLAGS
        return _PART_FLAGS if self._parent.get(index.internalId()) == 0 else _NODE_FLAGS

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Edits arrive as (heading, text) from the editor, or as text alone."""
        item = self.object(index)
        if item is None:
            return False
        heading, text = value if isinstance(value, tuple) else (None, value)
        commands = []
        if isinstance(item, Node) and heading is not None and heading != item.heading:
            commands.append(ops.set_heading(self.draft, item.id, heading))
        if isinstance(item, Part) and heading is not None and heading != item.title:
            heading = None  # part titles are edited elsewhere
        if text is not None and text != editable_text(item.body, self._paths):
            commands.append(ops.set_text(self.draft, item.id, text))
        self._push_all(commands, self.tr("Edit"))
        return True

    def _push_all(self, commands: list, name: str) -> None:
        with self._one_step(len(commands), name):
            for command in commands:
                self.document.push(command)

    # -- drag and drop ----------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_NODE_IDS, MIME_CLAUSE_IDS, "text/plain"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = [i.internalId() for i in indexes if i.isValid() and self.kind(i) != "part"]
        ids = [i for n, i in enumerate(ids) if i not in ids[:n]]
        mime = QMimeData()
        mime.setData(MIME_NODE_IDS, json.dumps(ids).encode("utf-8"))
        texts = []
        for item_id in ids:
            index = self.index_of(item_id)
            texts.append(f"{self.data(index)}\n{self.data(index, BodyRole)}".strip())
        mime.setText("\n\n".join(texts))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return data.hasFormat(MIME_NODE_IDS) or data.hasFormat(MIME_CLAUSE_IDS)

    def drop_target(self, row: int, parent: QModelIndex) -> tuple[int, int]:
        """Where a drop lands: (part or node id whose list receives it, position in it).

        Between articles -> a new article there; onto an article or clause -> its last
        clause; onto nothing -> the end of the last part.
        """
        if not parent.isValid():
            if not self.draft.parts:
                raise ops.EditError(self.tr("the draft has no part to drop into"))
            if row < 0 or row >= len(self.draft.parts):
                part = self.draft.parts[-1]
                return part.id, len(part.articles)
            return self.draft.parts[row].id, 0
        parent_id = parent.internalId()
        count = len(self._children.get(parent_id, []))
        return parent_id, count if row < 0 else min(row, count)

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if action == Qt.DropAction.IgnoreAction:
            return True
        try:
            target, position = self.drop_target(row, QModelIndex(parent))
            if data.hasFormat(MIME_NODE_IDS):
                ids = json.loads(bytes(data.data(MIME_NODE_IDS).data()).decode("utf-8"))
                copy_nodes = action == Qt.DropAction.CopyAction
                return self._drop_nodes([int(i) for i in ids], target, position, copy_nodes)
            refs = refs_from_mime(data)
            if refs and self.library is not None:
                return self._drop_library(refs, target, position)
        except (ops.EditError, ValueError, KeyError) as exc:
            self.dropFailed.emit(str(exc))
        return False

    def _drop_library(self, refs, target: int, position: int) -> bool:
        """Each item is built on the draft as the one before left it: one undo step."""
        with self._one_step(len(refs), self.tr("Insert {0} items").format(len(refs))):
            for offset, (kind, row_id) in enumerate(refs):
                self.document.push(
                    insert_from_library(
                        self.draft, self.library, kind, row_id, target, position + offset
                    )
                )
        return True

    def _drop_nodes(self, ids: list[int], target: int, position: int, copy_nodes: bool) -> bool:
        name = self.tr("Copy {0} items") if copy_nodes else self.tr("Move {0} items")
        with self._one_step(len(ids), name.format(len(ids))):
            for node_id in ids:
                if copy_nodes:
                    self.document.push(self._copy_command(node_id, target, position))
                    position += 1
                    continue
                located = self.draft.find(node_id)
                if located is None:
                    continue
                _, container, index = located
                same_list = container is self.draft.container(target)
                self.document.push(ops.move_node(self.draft, node_id, target, position))
                if not (same_list and index < position):
                    position += 1
        return True

    @contextmanager
    def _one_step(self, count: int, name: str):
        """Several commands as one undo step; a single one keeps its own readable name."""
        stack = self.document.undo_stack
        if count > 1:
            stack.beginMacro(name)
        try:
            yield
        finally:
            if count > 1:
                stack.endMacro()

    def _copy_command(self, node_id: int, target: int, position: int):
        original = self.draft.node(node_id)
        if original is None:
            raise ops.EditError(self.tr("nothing to copy"))
        with ops.allocating(self.draft) as ids:
            clone = copy.deepcopy(original)
            for node in clone.walk():
                node.id = self.draft.new_id()
        return ops.insert_nodes(
            self.draft, target, position, [clone], [], tuple(ids), clone.heading
        )
