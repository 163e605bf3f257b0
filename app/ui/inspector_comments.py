"""The inspector's Comments tab: the other side's comments read from their Word file (who,
when, what, on which text), each a row; activating one shows its article in the editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from .draft_document import DraftDocument

_OWNER = Qt.ItemDataRole.UserRole  # the id of the node (or passage, part) the comment is on


class CommentsTab(QWidget):
    jumpTo = Signal(int)
    """The id of the article or clause the comment is on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentsTab")
        self.list = QListWidget(self)
        self.list.setObjectName("commentsList")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)

    def set_document(self, document: DraftDocument | None) -> None:
        self.list.clear()
        for comment in document.draft.comments if document is not None else []:
            when = comment.date[:16].replace("T", " ")
            lines = [f"{comment.author} · {when}".strip(" ·"), comment.text]
            if comment.quote:
                lines.append(f"“{comment.quote}”")
            item = QListWidgetItem("\n".join(lines))
            item.setData(_OWNER, comment.owner)
            item.setToolTip(comment.text)
            self.list.addItem(item)

    def count(self) -> int:
        return self.list.count()

    def _activated(self, item: QListWidgetItem) -> None:
        owner = item.data(_OWNER)
        if owner:
            self.jumpTo.emit(owner)
