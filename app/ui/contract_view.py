"""The contract as the lawyer reads and edits it: numbered articles and clauses, in place.

Each row is painted as rich text: the computed number and heading in bold, then the text
with blanks shown distinctly (unfilled: highlighted; filled: the value, underlined) and
references in blue (red when their target is gone). Editing opens a heading line and a
text box in the row; the whole edit becomes one undo step when it is committed.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.model.draft import Blank, Ref
from app.model.text import ref_text

from .contract_model import (
    BodyRole,
    ContractModel,
    EditTextRole,
    HeadingRole,
    KindRole,
    LabelRole,
    NodeIdRole,
    SegmentsRole,
)

UNFILLED = "background-color:#fff1a8;"
FILLED = "background-color:#e3f4e1;text-decoration:underline;"
REFERENCE = "color:#1a5fb4;"
DANGLING = "color:#c01c28;text-decoration:underline;"
PADDING = 6


def row_html(model: ContractModel, index: QModelIndex) -> str:
    """The rich text of one row."""
    kind = index.data(KindRole)
    number = html.escape(index.data(LabelRole) or "")
    heading = html.escape(index.data(HeadingRole) or "")
    if kind == "part":
        return f"<div style='font-size:15pt;font-weight:600'>{heading}</div>"
    head = " ".join(x for x in (number, heading) if x)
    body = _body_html(model, index)
    if kind == "article":
        return f"<div style='font-weight:600'>{head}</div>" + (f"<div>{body}</div>" if body else "")
    return (
        f"<span style='font-weight:600'>{number}</span> "
        + (f"<span style='font-weight:600'>{heading}</span> " if heading else "")
        + body
    )


def _body_html(model: ContractModel, index: QModelIndex) -> str:
    segments = index.data(SegmentsRole)
    if segments is None:
        return html.escape(index.data(BodyRole) or "").replace("\n", "<br>")
    paths = model._paths  # noqa: SLF001 - the model's current numbering, shared on purpose
    out = []
    for seg in segments:
        if isinstance(seg, str):
            out.append(html.escape(seg))
        elif isinstance(seg, Blank):
            field = model.field(seg.field_id)
            if field is not None and field.value:
                out.append(f"<span style='{FILLED}'>{html.escape(field.value)}</span>")
            else:
                out.append(f"<span style='{UNFILLED}'>{html.escape(seg.blank)}</span>")
        elif isinstance(seg, Ref):
            style = REFERENCE if seg.target in paths else DANGLING
            out.append(f"<span style='{style}'>{html.escape(ref_text(seg, paths))}</span>")
    return "".join(out).replace("\n", "<br>")


class NodeEditor(QFrame):
    """Heading line and text box for one row; Ctrl+Enter or leaving it commits, Esc cancels."""

    finished = Signal(bool)  # True: keep the edit

    def __init__(self, parent: QWidget, with_heading: bool) -> None:
        super().__init__(parent)
        self.setObjectName("nodeEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        self.heading = QLineEdit(self)
        self.heading.setObjectName("headingEditor")
        self.heading.setPlaceholderText(self.tr("Heading"))
        self.heading.setVisible(with_heading)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("textEditor")
        self.body.setPlaceholderText(self.tr("Text; blanks as ____ or 【name】"))
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        self.setFocusProxy(self.body)
        self._done = False
        for child in (self.heading, self.body):
            child.installEventFilter(self)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Escape:
                self._finish(False)
                return True
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and (mods & Qt.KeyboardModifier.ControlModifier or watched is self.heading):
                self._finish(True)
                return True
        return super().eventFilter(watched, event)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if (
            new is not None
            and not self.isAncestorOf(new)
            and old is not None
            and self.isAncestorOf(old)
        ):
            self._finish(True)

    def _finish(self, keep: bool) -> None:
        if not self._done:
            self._done = True
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
            self.finished.emit(keep)


class ContractDelegate(QStyledItemDelegate):
    """Paints rows as rich text and edits them with a NodeEditor."""

    def __init__(self, view: ContractView) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[int, int], int] = {}

    def forget_sizes(self) -> None:
        self._heights.clear()

    def _document(self, index: QModelIndex, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self.view.font())
        doc.setDocumentMargin(PADDING)
        doc.setHtml(row_html(self.view.contract_model, index))
        doc.setTextWidth(max(width, 80))
        return doc

    def _width(self, index: QModelIndex) -> int:
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        return self.view.viewport().width() - self.view.indentation() * (depth + 1)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(index, option.rect.width())
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRect(0, 0, option.rect.width(), option.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        width = self._width(index)
        key = (index.data(NodeIdRole), width)
        if key not in self._heights:
            self._heights[key] = int(self._document(index, width).size().height()) + 2
        return QSize(width, self._heights[key])

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = NodeEditor(parent, with_heading=index.data(KindRole) != "part")
        editor.finished.connect(lambda keep, e=editor: self._editor_finished(e, keep))
        return editor

    def _editor_finished(self, editor: NodeEditor, keep: bool) -> None:
        if keep:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: NodeEditor, index: QModelIndex) -> None:  # noqa: N802
        editor.heading.setText(index.data(HeadingRole) or "")
        editor.body.setPlainText(index.data(EditTextRole) or "")

    def setModelData(self, editor: NodeEditor, model, index: QModelIndex) -> None:  # noqa: N802
        heading = editor.heading.text() if editor.heading.isVisible() else None
        model.setData(index, (heading, editor.body.toPlainText()))

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:  # noqa: N802
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), 160))
        editor.setGeometry(rect)


class ContractView(QTreeView):
    """objectName ``contractView``: the draft's rows, editable in place, a drop target."""

    currentNodeChanged = Signal(int)  # part or node id; 0 for none

    def __init__(self, model: ContractModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractView")
        self.contract_model = model
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAcceptDrops(True)
        self.delegate = ContractDelegate(self)
        self.setItemDelegate(self.delegate)
        model.modelReset.connect(self._after_reset)
        model.dataChanged.connect(lambda *_: self._relayout())
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._after_reset()

    def _after_reset(self) -> None:
        self.delegate.forget_sizes()
        self.expandAll()

    def _relayout(self) -> None:
        self.delegate.forget_sizes()
        self.scheduleDelayedItemsLayout()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentNodeChanged.emit(current.data(NodeIdRole) or 0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(NodeIdRole) if index.isValid() else None

    def jump_to(self, item_id: int) -> None:
        """Select a part or node and scroll it into view (from the outline or a check)."""
        index = self.contract_model.index_of(item_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
