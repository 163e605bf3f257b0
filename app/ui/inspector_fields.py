"""The inspector's Fields tab: every blank of the draft to fill, one value per field.

A value typed here is one ``set_field_value`` command, so it fills every occurrence at once
and is one undo step. The table is read again from the draft after each change (cheap: one
walk of the text), but only once control is back in the event loop, never while a cell editor
is still handing its value over.

The rows keep their order while the lawyer fills them in: unfilled fields come first when a
draft is opened, and a field filled in stays where it is, so the next double-click or Tab
lands on the field the lawyer sees there. Enter edits the current field's value; Tab commits
it and goes on to the next field's value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model import ops
from app.model.checks.fields import field_nodes
from app.model.numbering import labels

from .draft_document import DraftDocument, follow_changes
from .translations import error_text

LABEL, VALUE, COUNT = range(3)

REFRESH_DELAY_MS = 150
LABEL_SHARE = 0.6  # of the table's width at most: a long English label leaves room to type


@dataclass(frozen=True)
class FieldRow:
    field_id: int
    label: str
    value: str | None
    nodes: tuple[int, ...]  # the nodes holding its blanks, in reading order (once per blank)
    count: int
    places: tuple[str, ...]  # the numbers of those nodes (第十三条, 13.1), each once
    box: bool = False  # a tick box: unticked is an answer, not a value left to fill

    @property
    def left(self) -> bool:
        """Still to fill in: a text field without a value."""
        return not self.box and not self.value


class FieldsModel(QAbstractTableModel):
    """The draft's fields that occur in the text, values editable: unfilled ones first when
    the draft is opened, then in that order however they are filled in."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: DraftDocument | None = None
        self.rows: list[FieldRow] = []

    def set_document(self, document: DraftDocument | None) -> None:
        self.document = document
        self.beginResetModel()
        self.rows = self._unfilled_first(self._read()) if document else []
        self.endResetModel()

    def refresh(self) -> None:
        """Read the fields again from the draft; rows stay where they are, so an open cell
        editor and the row under the mouse keep meaning the same field."""
        rows = self._in_place(self._read()) if self.document else []
        if [r.field_id for r in rows] != [r.field_id for r in self.rows]:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
            return
        old, self.rows = self.rows, rows
        for i, (before, now) in enumerate(zip(old, rows, strict=True)):
            if before != now:
                self.dataChanged.emit(self.index(i, LABEL), self.index(i, COUNT))

    @staticmethod
    def _unfilled_first(rows: list[FieldRow]) -> list[FieldRow]:
        return sorted(rows, key=lambda r: not r.left)  # stable: draft order within each

    def _in_place(self, rows: list[FieldRow]) -> list[FieldRow]:
        """``rows`` (in draft order) in the order shown now; a field new to the table goes
        right after the field before it in the draft."""
        shown = {r.field_id: i for i, r in enumerate(self.rows)}
        out = sorted((r for r in rows if r.field_id in shown), key=lambda r: shown[r.field_id])
        for i, row in enumerate(rows):
            if row.field_id not in shown:
                before = rows[i - 1].field_id if i else None
                at = next((j + 1 for j, r in enumerate(out) if r.field_id == before), 0)
                out.insert(at, row)
        return out

    def _read(self) -> list[FieldRow]:
        draft = self.document.draft
        counts = draft.occurrences()
        where = field_nodes(draft)
        numbers = labels(draft)
        fields = [f for f in draft.fields.values() if counts.get(f.id)]
        same_label = Counter(f.name or f.label for f in fields)
        named = []
        for f in fields:
            nodes = tuple(where.get(f.id, ()))
            places = tuple(dict.fromkeys(numbers[n] for n in nodes if n in numbers))
            label = f.name or f.label
            if same_label[label] > 1 and places:
                label = f"{label} · {places[0]}"  # two fields of one label: say which is which
            named.append((f, label, nodes, places))
        same_place = Counter(label for _, label, _, _ in named)
        nth: Counter[str] = Counter()
        rows = []
        for f, label, nodes, places in named:
            if same_place[label] > 1:  # and two of them in one clause: the 1st, the 2nd
                nth[label] += 1
                label = f"{label} ({nth[label]})"
            box = f.kind == "checkbox"
            rows.append(FieldRow(f.id, label, f.value, nodes, counts[f.id], places, box))
        return rows

    def unfilled(self) -> int:
        return sum(1 for r in self.rows if r.left)

    def row_of(self, field_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.field_id == field_id), None)

    # -- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Field"), self.tr("Value"), self.tr("Uses"))[section]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = ("☑" if row.value else "☐") if row.box else row.value or ""
            return (row.label, value, row.count)[column]
        if role == Qt.ItemDataRole.FontRole and column == LABEL and row.left:
            font = QFont()
            font.setBold(True)  # what is still to fill stands out
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == VALUE and row.left:
            return self.tr("Not filled in yet: double-click to type the value")
        if role == Qt.ItemDataRole.ToolTipRole and column == LABEL:
            where = self.tr("In {0}").format(", ".join(row.places)) if row.places else ""
            return "\n".join(filter(None, (row.label, where)))  # the label may be cut short
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        box = index.isValid() and self.rows[index.row()].box  # ticked in the text, by a click
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == VALUE and not box else flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        """Fill (or clear) the field everywhere, as one undo step."""
        if role != Qt.ItemDataRole.EditRole or index.column() != VALUE or not self.document:
            return False
        row = self.rows[index.row()]
        new = str(value).strip() if value is not None else ""
        if new == (row.value or ""):
            return False
        self.document.push(ops.set_field_value(self.document.draft, row.field_id, new or None))
        self.rows[index.row()] = replace(row, value=new or None)  # shown now, not at the refresh
        self.dataChanged.emit(self.index(index.row(), LABEL), self.index(index.row(), COUNT))
        return True


class FieldsTable(QTableView):
    """The fields as a form: Enter edits the current field's value, Tab goes on to the next
    field's value (committing the one being typed), Shift+Tab back."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not editing and self.currentIndex().isValid():
            value = self.currentIndex().siblingAtColumn(VALUE)
            self.setCurrentIndex(value)
            self.edit(value)
            event.accept()
            return
        super().keyPressEvent(event)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers) -> QModelIndex:
        """Tab and Shift+Tab go from value to value, row by row (the other columns are not
        typed in); past the last field the focus leaves the table."""
        nxt = QAbstractItemView.CursorAction.MoveNext
        if action not in (nxt, QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        row = self.currentIndex().row() + (1 if action == nxt else -1)
        if not self.currentIndex().isValid() or not 0 <= row < self.model().rowCount():
            return QModelIndex()
        return self.model().index(row, VALUE)


class FieldsTab(QWidget):
    """The fields table, what is left to fill, and rename / link / clear."""

    fieldChosen = Signal(int)  # a field activated or clicked: select its (next) blank

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: DraftDocument | None = None

        self.remaining = QLabel(self)
        self.remaining.setObjectName("fieldsRemaining")
        self.model = FieldsModel(self)
        self.table = FieldsTable(self)
        self.table.setObjectName("fieldsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Interactive)  # see _fit_labels
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)

        self.rename_action = QAction(self.tr("Rename…"), self)
        self.rename_action.setToolTip(self.tr("Give the field a name used wherever it occurs"))
        self.rename_action.triggered.connect(self._ask_rename)
        self.link_action = QAction(self.tr("Link with…"), self)
        self.link_action.setToolTip(self.tr("Make this field and another one share one value"))
        self.link_action.triggered.connect(self._ask_link)
        self.clear_action = QAction(self.tr("Clear value"), self)
        self.clear_action.triggered.connect(self.clear_current)
        buttons = QHBoxLayout()
        for action in (self.rename_action, self.link_action, self.clear_action):
            self.table.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.remaining)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        # Reading every blank of a 1,000-article draft takes some 30 ms: done once the
        # lawyer pauses, not before each edit shows.
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.refresh()

    def set_document(self, document: DraftDocument | None) -> None:
        self.document = follow_changes(self.document, document, self._changed)
        self.model.set_document(document)
        self.refresh()

    def _changed(self, _kind: str) -> None:
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Rebuild the table, keeping the same field current."""
        self._refresh_timer.stop()
        current = self.current_field()
        self.model.refresh()
        if current is not None:
            self.select_field(current)
        self.remaining.setText(self._remaining_text())
        self._update_actions()
        self._fit_labels()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """The label column as wide as its labels (its header at least, so an empty table
        does not cut it), but never so wide the values get no room."""
        limit = int(self.table.viewport().width() * LABEL_SHARE)
        header = self.table.horizontalHeader().sectionSizeHint(LABEL)
        wanted = max(self.table.sizeHintForColumn(LABEL), header)
        self.table.setColumnWidth(LABEL, min(wanted, limit))

    def _remaining_text(self) -> str:
        if self.document is None:
            return self.tr("No draft is open.")
        if not self.model.rows:
            return self.tr("This draft has no blanks to fill.")
        left = self.model.unfilled()
        if left == 0:
            return self.tr("All fields are filled in.")
        return self.tr("%n field(s) left to fill in", "", left)

    def current_field(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()].field_id if index.isValid() else None

    def select_field(self, field_id: int) -> None:
        row = self.model.row_of(field_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, VALUE))
            self.table.scrollTo(self.model.index(row, VALUE))

    def _update_actions(self) -> None:
        field_id = self.current_field()
        has_value = field_id is not None and bool(self.document.draft.fields[field_id].value)
        self.rename_action.setEnabled(field_id is not None)
        self.link_action.setEnabled(field_id is not None and len(self.model.rows) > 1)
        self.clear_action.setEnabled(has_value)

    def _activated(self, index: QModelIndex) -> None:
        """The document selects the field's first blank, then the next one each time."""
        self.fieldChosen.emit(self.model.rows[index.row()].field_id)

    # -- edits ----------------------------------------------------------------------------------

    def _push(self, build) -> bool:
        """Push the command ``build()`` makes; an edit the model refuses is explained."""
        try:
            self.document.push(build())
        except ops.EditError as e:
            QMessageBox.warning(self, self.tr("Fields"), error_text(e))
            return False
        return True

    def clear_current(self) -> None:
        field_id = self.current_field()
        if field_id is not None:
            self._push(lambda: ops.set_field_value(self.document.draft, field_id, None))

    def rename_current(self, name: str) -> bool:
        field_id = self.current_field()
        if field_id is None or not name.strip():
            return False
        return self._push(lambda: ops.rename_field(self.document.draft, field_id, name.strip()))

    def link_current(self, other_id: int) -> bool:
        """Link the current field with another; the one already filled in keeps its value."""
        field_id = self.current_field()
        if field_id is None:
            return False
        fields = self.document.draft.fields
        keep, drop = field_id, other_id
        if fields[other_id].value and not fields[field_id].value:
            keep, drop = other_id, field_id
        return self._push(lambda: ops.link_fields(self.document.draft, keep, drop))

    def _ask_rename(self) -> None:
        field_id = self.current_field()
        if field_id is None:
            return
        f = self.document.draft.fields[field_id]
        name, ok = QInputDialog.getText(
            self, self.tr("Rename field"), self.tr("Name:"), text=f.name or f.label
        )
        if ok:
            self.rename_current(name)

    def _ask_link(self) -> None:
        field_id = self.current_field()
        others = [r for r in self.model.rows if r.field_id != field_id]
        if field_id is None or not others:
            return
        empty = self.tr("empty")
        names = [f"{i}. {r.label} ({r.value or empty})" for i, r in enumerate(others, 1)]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Link fields"), self.tr("Share one value with:"), names, 0, False
        )
        if ok:
            self.link_current(others[names.index(choice)].field_id)
