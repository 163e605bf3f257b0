"""A party's role (甲方, 乙方, Party A) renamed in place: the label before the party's name is
painted, not text, so a double-click on it (or "Rename role…" in the menu) opens a one-line
editor over it. Enter or leaving it renames the party everywhere (its line, the signature
block, the export) as one undo step; Esc leaves it as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QLineEdit

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent


class RoleEditor(QLineEdit):
    """The one-line editor over a party's label; says ``finished(text)`` or ``cancelled``."""

    finished = Signal(str)
    cancelled = Signal()

    def __init__(self, role: str, parent=None) -> None:
        super().__init__(role, parent)
        self.setObjectName("roleEditor")
        self._done = False
        self.editingFinished.connect(self._finish)  # Enter, or the focus going elsewhere

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._end()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

    def _finish(self) -> None:
        if not self._done:
            self._end()
            self.finished.emit(self.text())

    def _end(self) -> None:
        self._done = True
        self.hide()
        self.deleteLater()


class PartyRoles:
    """Mixed into ``DocumentView``: the role editor over a party's label."""

    _role_editor: RoleEditor | None = None

    def _role_label_rect(self, index: int) -> QRect | None:
        """Where party ``index``'s label is painted, in viewport coordinates."""
        from app.model.doc_blocks import BlockRef

        i = self._index.get(BlockRef("party_name", index))
        if i is None:
            return None
        block = self.document().findBlockByNumber(i)
        rect = self.document().documentLayout().blockBoundingRect(block)
        line = block.layout().lineAt(0)
        fmt = block.blockFormat()
        left = rect.left() + fmt.leftMargin() - self.horizontalScrollBar().value()
        top = rect.top() + line.y() - self.verticalScrollBar().value()
        return QRect(round(left), round(top), round(fmt.textIndent()), round(line.height()))

    def party_label_at(self, point) -> int | None:
        """The party whose label is under ``point`` (viewport coordinates), if any."""
        for i in range(len(self.draft.parties)):
            rect = self._role_label_rect(i)
            if rect is not None and rect.contains(point):
                return i
        return None

    def edit_party_role(self, index: int) -> None:
        """Open the role editor over party ``index``'s label."""
        rect = self._role_label_rect(index)
        if rect is None:
            return
        self.ensureCursorVisible()
        editor = RoleEditor(self.draft.parties[index].role, self.viewport())
        editor.setGeometry(rect.adjusted(0, 0, max(0, round(6 * self._em) - rect.width()), 0))
        editor.selectAll()
        editor.finished.connect(lambda text: self._role_edited(index, text))
        editor.cancelled.connect(self.setFocus)
        self._role_editor = editor
        editor.show()
        editor.setFocus()

    def _role_edited(self, index: int, text: str) -> None:
        from app.model import editing

        self._role_editor = None
        if index < len(self.draft.parties) and text.strip() != self.draft.parties[index].role:
            self._run(lambda d: editing.set_party_role(d, index, text))
        self.setFocus()
