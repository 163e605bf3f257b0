"""The contract as the lawyer reads and edits it: numbered articles and clauses, in place.

Each row is painted as rich text: the computed number and heading in bold, then the text
with blanks shown distinctly (unfilled: highlighted; filled: the value, underlined) and
references in blue (red when their target is gone). Editing opens a heading line and a
text box in the row; the whole edit becomes one undo step when it is committed.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPalette,
    QTextDocument,
)
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

from app.model.draft import Blank, Part, Ref, plain
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
EDITOR_HEIGHT = 160  # pixels at least: room to type a clause of a few lines
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")  # square
_HAN_CHAR = chr(0x6C49)  # one Han character, to measure how wide they all are


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
    paths = model._paths
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

    def eventFilter(self, watched, event) -> bool:
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
    """Paints rows as rich text and edits them with a NodeEditor.

    Laying out every row's rich text to size it took seconds for a 1,000-article draft, and
    a view asks every row's size at each layout. So a row's height is estimated from its
    text length and the font until the row is painted: painting lays it out anyway, keeps
    its true height and, if the estimate was off, lays the view out again once.
    """

    def __init__(self, view: ContractView) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[int, int], int] = {}  # (id, width) -> estimated or painted
        self._metrics: tuple[int, int, int, int] | None = None  # of the view's font
        self._relayout_due = False
        self._exact: set[int] = set()  # rows to lay out rather than estimate: new ones
        self._editing: int | None = None  # the row open in an editor grows to hold it
        self._editor: QWidget | None = None  # the one editor the view still owns

    def forget_sizes(self) -> None:
        self._heights.clear()
        self._metrics = None

    def forget_size(self, item_id: int) -> None:
        """One row's text changed: estimate it again rather than trust its old height."""
        for key in [k for k in self._heights if k[0] == item_id]:
            del self._heights[key]

    def measure_exactly(self, item_id: int) -> None:
        """A new row, likely on screen: a wrong estimate there would cost a second layout."""
        self.forget_size(item_id)
        self._exact.add(item_id)

    def _document(self, index: QModelIndex, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self.view.font())
        doc.setDocumentMargin(PADDING)
        doc.setHtml(row_html(self.view.contract_model, index))
        doc.setTextWidth(max(width, 80))
        return doc

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
        height = int(doc.size().height()) + 2
        key = (index.data(NodeIdRole), option.rect.width())
        if self._heights.get(key) != height:
            self._heights[key] = height
            if (
                self._shown_height(key[0], height) != option.rect.height()
                and not self._relayout_due
            ):
                self._relayout_due = True  # one layout for all the rows of this paint
                QTimer.singleShot(0, self, self._relayout)

    def _relayout(self) -> None:
        self._relayout_due = False
        self.view.scheduleDelayedItemsLayout()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        item_id = index.data(NodeIdRole)  # asked for every row at each layout: kept lean
        view = self.view
        width = view.viewport().width() - view.indentation() * (
            view.contract_model.depth(item_id) + 1
        )
        key = (item_id, width)
        height = self._heights.get(key)
        if height is None:
            if key[0] in self._exact:
                self._exact.discard(key[0])
                height = int(self._document(index, width).size().height()) + 2
            else:
                height = self._estimate(index, width)
            self._heights[key] = height
        if item_id == self._editing:  # inline: this runs for every row at each layout
            height = max(height, EDITOR_HEIGHT)
        return QSize(width, height)

    def _shown_height(self, item_id: int, height: int) -> int:
        """The row's height in the view: its text's, or the editor's while it is edited, so
        the editor pushes the rows below down rather than covering them."""
        return max(height, EDITOR_HEIGHT) if item_id == self._editing else height

    def _estimate(self, index: QModelIndex, width: int) -> int:
        """About the height ``row_html`` lays out to: its lines from the characters' count."""
        if self._metrics is None:
            metrics = QFontMetrics(self.view.font())
            big = QFont(self.view.font())
            big.setPointSizeF(15)
            self._metrics = (
                metrics.horizontalAdvance(_HAN_CHAR),
                metrics.averageCharWidth() + 1,  # headings are bold
                metrics.lineSpacing(),
                QFontMetrics(big).lineSpacing(),
            )
        han, other, line, part_line = self._metrics
        room = max(max(width, 80) - 2 * PADDING, 1)
        item = self.view.contract_model.object(index)
        if isinstance(item, Part):
            return part_line + 2 * PADDING + 2
        heading = " ".join(x for x in (index.data(LabelRole), item.heading) if x)
        paragraphs = plain(item.body).split("\n")
        if index.data(KindRole) == "article":
            paragraphs = [heading] + (paragraphs if item.body else [])
        else:
            paragraphs[0] = f"{heading} {paragraphs[0]}"
        lines = 0
        for text in paragraphs:
            wide = len(_HAN.findall(text))
            lines += max(1, -(-(wide * han + (len(text) - wide) * other) // room))
        return lines * line + 2 * PADDING + 2

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = NodeEditor(parent, with_heading=index.data(KindRole) != "part")
        editor.finished.connect(lambda keep, e=editor: self._editor_finished(e, keep))
        self._editing = index.data(NodeIdRole)
        self._editor = editor
        self.sizeHintChanged.emit(index)
        return editor

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:
        super().destroyEditor(editor, index)
        self._editing = None
        if editor is self._editor:
            self._editor = None
        if index.isValid():
            self.sizeHintChanged.emit(index)

    def _editor_finished(self, editor: NodeEditor, keep: bool) -> None:
        if editor is not self._editor:  # the view already let it go (its row left, say)
            return
        self._editor = None  # closing moves the focus, which would finish it a second time
        if keep:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: NodeEditor, index: QModelIndex) -> None:
        editor.heading.setText(index.data(HeadingRole) or "")
        editor.body.setPlainText(index.data(EditTextRole) or "")

    def setModelData(self, editor: NodeEditor, model, index: QModelIndex) -> None:
        heading = editor.heading.text() if editor.heading.isVisible() else None
        model.setData(index, (heading, editor.body.toPlainText()))

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), EDITOR_HEIGHT))  # before the row has grown
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
        # Per item, not per pixel: per-pixel scrolling needs every row's height after each
        # insert (3,758 delegate calls on a 1,000-article draft); per item only the shown ones.
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
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
        model.modelReset.connect(self.expandAll)
        model.rowsInserted.connect(self._expand_inserted)
        model.dataChanged.connect(self._data_changed)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.expandAll()

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """New rows show their clauses, as the rest of the draft does."""
        model = self.contract_model
        for row in range(first, last + 1):
            index = model.index(row, 0, parent)
            self.expandRecursively(index)
            stack = [index]
            while stack:
                index = stack.pop()
                self.delegate.measure_exactly(index.data(NodeIdRole))
                stack.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))

    def _data_changed(self, first: QModelIndex, last: QModelIndex, *_roles) -> None:
        """An edited row may wrap differently: size it again. Wider changes (numbers) keep
        the heights; painting corrects any row that now wraps differently."""
        if first == last:
            self.delegate.forget_size(first.data(NodeIdRole))
            self.scheduleDelayedItemsLayout()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentNodeChanged.emit(current.data(NodeIdRole) or 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.delegate.forget_sizes()  # sized for another width
            self.scheduleDelayedItemsLayout()

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(NodeIdRole) if index.isValid() else None

    def jump_to(self, item_id: int) -> None:
        """Select a part or node and scroll it into view (from the outline or a check)."""
        index = self.contract_model.index_of(item_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
