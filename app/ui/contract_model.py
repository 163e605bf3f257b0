"""The open draft as a Qt tree: parts, then articles, then clauses, numbered as computed;
after the parts the annexes (附件1 …), each with its own articles.

The draft is mirrored into QStandardItems (one column) that carry every role's value, so
the view's many index, parent, rowCount, data and flags calls during a layout stay in C++.
Inserting, deleting and moving nodes (drops, cut, paste, undo of those) insert, remove or
move just those item rows, then only the rows whose number changed are updated; other
structure changes (split, merge, numbering style) reset the tree. Text and field edits
update the rows whose text changed. Edits never touch the draft directly: they become model
commands pushed on the document's undo stack.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from app.model import clipboard, ops
from app.model.commands import (
    Command,
    DeleteNode,
    InsertNodes,
    MergeNodes,
    MoveNode,
    SetBody,
    SetDraftAttribute,
    SetHeading,
    SetOutside,
    SplitNode,
)
from app.model.draft import Draft, Field, Node, Part, Passage, Ref
from app.model.library_insert import insert_many_from_library
from app.model.numbering import labels, number_paths
from app.model.text import editable_text, render_body

from .contract_roles import (  # re-exported: the model's public names
    MIME_NODE_IDS,
    MIME_NODES,
    BodyRole,
    EditTextRole,
    HeadingRole,
    KindRole,
    LabelRole,
    NodeIdRole,
    SegmentsRole,
)
from .draft_document import STRUCTURE, TEXT, DraftDocument
from .item_refs import MIME_CLAUSE_IDS, refs_from_mime
from .translations import error_text

if TYPE_CHECKING:
    from clause_db.store import ClauseLibrary

_ROOT_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
_PART_FLAGS = (
    _ROOT_FLAGS
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEditable
)
_NODE_FLAGS = _PART_FLAGS | Qt.ItemFlag.ItemIsDragEnabled
_ANNEX_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # edited in the centre


class ContractModel(QStandardItemModel):
    """One column; each row's data roles carry label, heading and text for the delegate."""

    dropFailed = Signal(str)  # a drop that could not be made, with the reason

    def __init__(
        self, document: DraftDocument, library: ClauseLibrary | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.library = library
        self.setColumnCount(1)
        self.invisibleRootItem().setFlags(_ROOT_FLAGS)
        self._items: dict[int, QStandardItem] = {}  # part or node id -> its row's item
        self._objects: dict[int, Part | Node] = {}
        self._refs: dict[int, frozenset[int]] = {}  # id -> the ids its references name
        self._paths: dict[int, tuple[int, ...]] = {}
        self._labels: dict[int, str] = {}  # in the draft's style, an article's own for its clauses
        self._numbered: dict[int, tuple[int, ...]] = {}
        self._rows_updated = False  # the rows of the last structure change are already in
        self._touched: set[int] = set()  # rows whose text the last structure change edited
        self._command: Command | None = None  # the command the next ``changed`` is about
        self._reset()
        document.commandDone.connect(self._note_command)  # sent before ``changed``
        document.structureChanged.connect(self._on_structure)
        document.changed.connect(self._on_changed)

    @property
    def draft(self) -> Draft:
        return self.document.draft

    # -- the items --------------------------------------------------------------------------

    def _untitled_part(self, part: Part) -> str:
        """What a part without a title is called: the body, or which of several it is."""
        parts = self.draft.parts
        if len(parts) == 1:
            return self.tr("Body")
        return self.tr("Part {0}").format(next(i for i, p in enumerate(parts, 1) if p is part))

    def _values(self, obj: Part | Node | Passage, kind: str) -> dict[int, object]:
        """Every role's value of one row, as the view reads them."""
        body = render_body(obj.body, self._paths, self.draft)
        edit = editable_text(obj.body, self._paths)
        if kind == "annex":
            return {
                Qt.ItemDataRole.DisplayRole: f"{obj.label} {obj.title}".strip(),
                HeadingRole: obj.title,
                LabelRole: obj.label,
                BodyRole: body,
                EditTextRole: edit,
            }
        if kind == "part":
            title = obj.title or self._untitled_part(obj)
            return {
                Qt.ItemDataRole.DisplayRole: title,
                HeadingRole: title,
                LabelRole: "",
                BodyRole: body,
                EditTextRole: edit,
            }
        number = self._labels.get(obj.id, "")
        values = {
            Qt.ItemDataRole.DisplayRole: f"{number} {obj.heading}".strip(),
            LabelRole: number,
            HeadingRole: obj.heading,
            BodyRole: body,
            EditTextRole: edit,
            SegmentsRole: obj.body,
        }
        if obj.provenance:
            p = obj.provenance
            values[Qt.ItemDataRole.ToolTipRole] = self.tr("From {0} ({1})").format(
                p.source, p.written_label
            )
        return values

    def _make_item(self, obj: Part | Node | Passage, kind: str) -> QStandardItem:
        """The item of a part, node or annex with the items of all below it (an annex's
        articles directly under it: its one part is that row too)."""
        item = QStandardItem()
        item.setData(obj.id, NodeIdRole)
        item.setData(kind, KindRole)
        for role, value in self._values(obj, kind).items():
            item.setData(value, role)
        flags = {"part": _PART_FLAGS, "annex": _ANNEX_FLAGS}
        item.setFlags(flags.get(kind, _NODE_FLAGS))
        if kind == "annex":
            children = [a for part in obj.parts for a in part.articles]
            if len(obj.parts) == 1:
                self._items[obj.parts[0].id] = item  # inserts into its part are its rows
            kind = "part"  # its rows are articles
        else:
            children = obj.articles if kind == "part" else obj.children
        if children:
            below = "article" if kind == "part" else "clause"
            item.appendRows([self._make_item(c, below) for c in children])
        self._items[obj.id] = item
        self._objects[obj.id] = obj
        self._note_refs(obj)
        return item

    @staticmethod
    def _ids_below(item: QStandardItem) -> list[int]:
        """The ids of an item and of all below it."""
        ids, stack = [], [item]
        while stack:
            item = stack.pop()
            ids.append(item.data(NodeIdRole))
            stack.extend(item.child(r) for r in range(item.rowCount()))
        return ids

    def _number(self) -> None:
        self._paths = number_paths(self.draft)
        self._labels = labels(self.draft, paths=self._paths)

    def _reset(self) -> None:
        """Build every row again from the draft (views see one reset)."""
        self._number()
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            root = self.invisibleRootItem()
            root.removeRows(0, root.rowCount())
            self._items.clear()
            self._objects.clear()
            self._refs.clear()
            parts = [self._make_item(p, "part") for p in self.draft.parts]
            parts += [self._make_item(a, "annex") for a in self.draft.annexes]
            if parts:
                root.appendRows(parts)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _on_structure(self, command: Command, applied: bool) -> None:
        self._numbered = self._paths  # the numbers the rows show until the change is in
        self._rows_updated = self._update_rows(command, applied)

    def _note_command(self, command: Command, _applied: bool) -> None:
        self._command = command

    def _update_rows(self, command: Command, applied: bool) -> bool:
        """Insert, remove or move the rows of an insert, delete, move, split or merge (applied
        or reverted); False for any other command, which resets the tree."""
        if isinstance(command, SplitNode):  # the tail is a new row after the node
            self._touched.add(command.tail_node.id)
            rows = (command.parent_id, command.index + 1, 1)
            node = self.draft.container(command.parent_id)[command.index]
            self._touched.add(node.id)
            return self._insert_rows(*rows) if applied else self._remove_rows(*rows)
        if isinstance(command, MergeNodes) and not command.second.children:
            node = self.draft.container(command.parent_id)[command.index]
            self._touched.add(node.id)
            rows = (command.parent_id, command.index + 1, 1)
            return self._remove_rows(*rows) if applied else self._insert_rows(*rows)
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
        parent = self._items.get(parent_id)
        container = self.draft.container(parent_id) if parent is not None else None
        if not (
            count
            and container is not None
            and 0 <= first <= parent.rowCount()
            and len(container) == parent.rowCount() + count
        ):
            return False
        self._number()  # the new rows come numbered
        kind = "article" if parent.data(KindRole) in ("part", "annex") else "clause"
        items = [self._make_item(n, kind) for n in container[first : first + count]]
        parent.insertRows(first, items)
        return True

    def _remove_rows(self, parent_id: int, first: int, count: int) -> bool:
        parent = self._items.get(parent_id)
        if not (parent is not None and count and first >= 0 and first + count <= parent.rowCount()):
            return False
        gone = [
            i for row in range(first, first + count) for i in self._ids_below(parent.child(row))
        ]
        # the ids are dropped after the rows: while they go, the view may still lay them out
        # (moving the current row away from them repaints), and must still find them
        parent.removeRows(first, count)
        for item_id in gone:
            self._items.pop(item_id, None)
            self._objects.pop(item_id, None)
            self._refs.pop(item_id, None)
        return True

    def _move_row(self, from_id: int, from_row: int, to_id: int, to_row: int) -> bool:
        """Move one row; ``to_row`` counts after it left its old place."""
        source, target = self._items.get(from_id), self._items.get(to_id)
        if not (
            source is not None
            and target is not None
            and 0 <= from_row < source.rowCount()
            and 0 <= to_row <= target.rowCount() - (from_id == to_id)
        ):
            return False
        if from_id == to_id and from_row == to_row:
            return True  # back where it was: nothing moves
        (item,) = source.takeRow(from_row)
        target.insertRow(to_row, item)
        return True

    def _on_changed(self, kind: str) -> None:
        command, self._command = self._command, None
        if kind == STRUCTURE:
            if isinstance(command, SetDraftAttribute) and command.attribute != "numbering":
                return  # the title or the parties: not rows of the tree
            if self._rows_updated:
                self._rows_updated = False
                self._renumbered()
                return
            self._touched.clear()
            self._reset()
            return
        if kind == TEXT and self._update_one(command):
            return
        self._refresh()

    def _update_one(self, command: Command | None) -> bool:
        """A heading or a text typed: only its row changes (its number does not). False
        when the command is another kind, so every row is compared."""
        if isinstance(command, SetHeading):
            owner = command.node_id
        elif isinstance(command, SetBody):
            owner = command.owner_id
        elif isinstance(command, SetOutside):  # a cell, the cover, a signature: no row
            owner = command.ref.owner if command.ref.kind == "annex_body" else 0
        else:
            return False
        if owner == 0:
            return True  # the preamble: no row shows it
        item, obj = self._items.get(owner), self._objects.get(owner)
        if item is None or obj is None:  # (its object: texts are edited in place)
            return False
        self._note_refs(obj)
        blocked = self.blockSignals(True)
        try:
            changed = self._update_item(item, obj)
        finally:
            self.blockSignals(blocked)
        if changed:
            self._emit_changed([item])
        return True

    def _renumbered(self) -> None:
        """After rows came, went or moved: update the rows whose number changed and those
        whose references name a row whose number changed (or that is gone)."""
        old_paths = self._numbered
        self._number()
        paths = self._paths
        moved = {i for i, path in paths.items() if old_paths.get(i) != path}
        moved.update(old_paths.keys() - paths.keys())
        touched, self._touched = self._touched, set()
        if not moved and not touched:
            return
        ids = (moved | touched) & self._items.keys()
        ids.update(i for i, targets in self._refs.items() if not targets.isdisjoint(moved))
        changed: list[QStandardItem] = []
        blocked = self.blockSignals(True)
        try:
            for item_id in ids:
                item = self._items.get(item_id)
                if item is not None and self._update_item(item, self._objects[item_id]):
                    changed.append(item)
        finally:
            self.blockSignals(blocked)
        self._emit_changed(changed)

    def _update_item(self, item: QStandardItem, obj: Part | Node) -> bool:
        """Set the roles whose values changed; True if any did."""
        dirty = False
        for role, value in self._values(obj, item.data(KindRole)).items():
            if item.data(role) != value:
                item.setData(value, role)
                dirty = True
        return dirty

    def _refresh(self) -> None:
        """After a text or field edit: update every row whose values changed. One
        dataChanged per run of changed rows under one parent."""
        self._number()
        changed: list[QStandardItem] = []
        blocked = self.blockSignals(True)
        try:
            for obj, _kind in self._walk():
                item = self._items.get(obj.id)
                if item is None:
                    self.blockSignals(blocked)
                    self._reset()  # out of step with the draft: read it all again
                    return
                self._objects[obj.id] = obj  # undo may have replaced it; the id is the same
                self._note_refs(obj)
                if self._update_item(item, obj):
                    changed.append(item)
        finally:
            self.blockSignals(blocked)
        self._emit_changed(changed)

    def _note_refs(self, obj: Part | Node) -> None:
        targets = frozenset(s.target for s in obj.body if isinstance(s, Ref))
        if targets:
            self._refs[obj.id] = targets
        else:
            self._refs.pop(obj.id, None)

    def _walk(self):
        for part in self.draft.parts:
            yield part, "part"
            yield from self._walk_articles(part.articles)
        for annex in self.draft.annexes:
            yield annex, "annex"
            for part in annex.parts:
                yield from self._walk_articles(part.articles)

    @staticmethod
    def _walk_articles(articles: list[Node]):
        stack = [(a, "article") for a in reversed(articles)]
        while stack:
            node, kind = stack.pop()
            yield node, kind
            stack.extend((c, "clause") for c in reversed(node.children))

    def _emit_changed(self, items: list[QStandardItem]) -> None:
        runs: dict[int, list[int]] = {}  # parent item id (0: top) -> changed rows
        parents: dict[int, QModelIndex] = {}
        for item in items:
            parent = item.parent()
            key = parent.data(NodeIdRole) if parent is not None else 0
            if key not in parents:
                parents[key] = parent.index() if parent is not None else QModelIndex()
            runs.setdefault(key, []).append(item.row())
        for key, rows in runs.items():
            parent = parents[key]
            first, last = min(rows), max(rows)
            self.dataChanged.emit(self.index(first, 0, parent), self.index(last, 0, parent))

    def object(self, index: QModelIndex) -> Part | Node | Passage | None:
        return self._objects.get(index.data(NodeIdRole)) if index.isValid() else None

    def index_of(self, item_id: int) -> QModelIndex:
        """The index of a part or node by id (invalid if it is not in the draft)."""
        item = self._items.get(item_id)
        return item.index() if item is not None else QModelIndex()

    def depth(self, item_id: int) -> int:
        """0 for a part, 1 for an article, 2 and more for clauses."""
        return len(self._paths.get(item_id, ()))

    def kind(self, index: QModelIndex) -> str:
        return index.data(KindRole) if index.isValid() else "root"

    # -- QStandardItemModel -----------------------------------------------------------------

    def insertRows(self, row: int, count: int, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return False  # rows come from the draft only

    def removeRows(self, row: int, count: int, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        """A view that dragged rows out with a move would remove them: the drop moved them."""
        return False

    def field(self, field_id: int) -> Field | None:
        return self.draft.fields.get(field_id)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
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

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME_NODE_IDS, MIME_NODES, MIME_CLAUSE_IDS, "text/plain"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        """Ids for moves within this draft, the nodes themselves for a paste or a drop in any
        draft, and their numbered text for other programs."""
        ids = [
            i.data(NodeIdRole)
            for i in indexes
            if i.isValid() and self.kind(i) not in ("part", "annex")
        ]
        ids = [i for n, i in enumerate(ids) if i not in ids[:n]]
        mime = QMimeData()
        mime.setData(MIME_NODE_IDS, json.dumps(ids).encode("utf-8"))
        mime.setData(MIME_NODES, clipboard.copy_nodes(self.draft, ids, self.document.uid))
        mime.setText(clipboard.plain_text(self.draft, ids))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return any(data.hasFormat(f) for f in (MIME_NODE_IDS, MIME_NODES, MIME_CLAUSE_IDS))

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
        parent_id = parent.data(NodeIdRole)
        count = self.rowCount(parent)
        return parent_id, count if row < 0 else min(row, count)

    def from_this_draft(self, data: QMimeData) -> bool:
        """Whether dragged or copied rows come from this very draft (not another tab's)."""
        if not data.hasFormat(MIME_NODES):
            return data.hasFormat(MIME_NODE_IDS)
        return clipboard.origin_of(bytes(data.data(MIME_NODES).data())) == self.document.uid

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        parent = QModelIndex(parent)
        try:
            copying = action == Qt.DropAction.CopyAction
            if data.hasFormat(MIME_NODE_IDS) and self.from_this_draft(data) and not copying:
                ids = json.loads(bytes(data.data(MIME_NODE_IDS).data()).decode("utf-8"))
                return self._move_nodes([int(i) for i in ids], *self.drop_target(row, parent))
            if data.hasFormat(MIME_NODES):
                return self.paste_nodes(bytes(data.data(MIME_NODES).data()), row, parent)
            refs = refs_from_mime(data)
            if refs and self.library is not None:
                self.document.push(
                    ops.in_a_part(
                        self.draft,
                        lambda draft: insert_many_from_library(
                            draft, self.library, refs, *self.drop_target(row, parent)
                        ),
                    )
                )
                return True
        except (ops.EditError, ValueError, KeyError) as exc:
            self.dropFailed.emit(error_text(exc))
        return False

    def paste_nodes(self, data: bytes, row: int, parent: QModelIndex) -> bool:
        """Nodes copied or cut (from this draft or another) as one undo step; a new draft
        gets its first part in the same step. Raises EditError."""
        self.document.push(
            ops.in_a_part(
                self.draft,
                lambda draft: clipboard.paste_nodes(
                    draft, data, *self.drop_target(row, parent), self.document.uid
                ),
            )
        )
        return True

    def _move_nodes(self, ids: list[int], target: int, position: int) -> bool:
        with self._one_step(len(ids), self.tr("Move {0} items").format(len(ids))):
            for node_id in ids:
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
