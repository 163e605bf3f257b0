"""The open drafts, one tab each (objectName ``contractTabs``), and what opens and saves them.

The draft modules and the contract editor load with the first draft, not at start-up.
Opening a text or Word file makes a new, unsaved draft of its first contract; a file of
several contracts says so in the status bar (File > New from library source reaches the
others). Every failure is a message box with one clear sentence, never a traceback.
A draft open in another window raises DraftLockedError here; the window asks the user and
may open it again ``read_only`` (its tab says so).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QTabWidget, QWidget

from .translations import model_text

if TYPE_CHECKING:  # loaded with the first draft, not at start-up
    from pathlib import Path

    from app.model.draft import Draft
    from clause_db.messages import Msg
    from clause_db.store import ClauseLibrary

    from .document_view import DocumentView
    from .draft_document import DraftDocument

DRAFT_SUFFIX = ".contract"


class DocumentTabs(QTabWidget):
    currentDocumentChanged = Signal(object)  # DraftDocument | None
    message = Signal(str)  # a status-bar note

    def __init__(self, library: ClauseLibrary | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractTabs")
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.library = library
        self.undo_group = QUndoGroup(self)
        self.currentChanged.connect(self._current_changed)

    # -- what is open -----------------------------------------------------------------------

    def views(self) -> list[DocumentView]:
        return [self.widget(i) for i in range(self.count())]

    def documents(self) -> list[DraftDocument]:
        return [v.contract_model.document for v in self.views()]

    def current_view(self) -> DocumentView | None:
        return self.currentWidget()

    def current_document(self) -> DraftDocument | None:
        view = self.current_view()
        return view.contract_model.document if view else None

    # -- opening ----------------------------------------------------------------------------

    def open_path(
        self, path: Path, document: int = 1, *, read_only: bool = False
    ) -> DraftDocument | None:
        """A .contract file as it is, or contract ``document`` of a text/Word file as a draft
        (None when the lawyer cancelled the review of its split).

        Raises ClauseDbError (InputError, DraftFileError, DraftLockedError) with a clear
        message.
        """
        from app.model.importer import draft_from_document
        from app.model.split_review import mark_fields

        from .draft_document import DraftDocument
        from .split_review import read_reviewed

        for doc in self.documents():
            if doc.path is not None and doc.path.resolve() == path.resolve():
                self.setCurrentIndex(self.documents().index(doc))
                return doc
        if path.suffix.lower() == DRAFT_SUFFIX:
            return self.add_document(DraftDocument.open(path, read_only=read_only))
        notes: list[Msg | str] = []  # undecodable bytes, tracked changes: told, not hidden
        reviewed = read_reviewed(self, path, notes)
        if reviewed is None:
            return None
        outline, hints = reviewed
        count = len(outline.documents)
        if count == 0:
            from clause_db.errors import InputError

            raise InputError(self.tr("{0} holds no contract text.").format(path))
        document = min(max(document, 1), count)
        name = path.name if count == 1 else f"{path.name} #{document}"
        draft = draft_from_document(
            outline.documents[document - 1], outline.text, name, outline.markup
        )
        mark_fields(draft, outline.documents[document - 1], outline.text, hints)
        if count > 1:
            several = self.tr("{0} holds {1} contracts; the first one is open.")
            notes.insert(0, several.format(path.name, count))
        if notes:
            self.message.emit(" ".join(model_text(note) for note in notes))
        return self.add_document(DraftDocument(draft, origin=path))

    def new_document(self, draft: Draft | None = None) -> DraftDocument:
        """A new draft: ``draft``, or what New opens (one part holding one empty article),
        the caret in its first heading, where a lawyer starts typing."""
        from app.model.editing import first_caret, new_draft

        from .draft_document import DraftDocument
        from .translations import current_language_is_chinese

        if draft is None:  # the UI's language is the best guess of the contract's
            draft = new_draft(language="zh" if current_language_is_chinese() else "en")
        document = self.add_document(DraftDocument(draft))
        view = self.current_view()
        view.go_to(first_caret(document.draft))
        view.setFocus()
        return document

    def add_document(self, document: DraftDocument) -> DraftDocument:
        from .contract_model import ContractModel
        from .document_view import DocumentView

        document.setParent(self)
        model = ContractModel(document, self.library, self)
        model.dropFailed.connect(self.message)
        view = DocumentView(document, model, self)
        view.message.connect(self.message)
        document.refused.connect(self.message)  # an edit a version read-only does not take
        # The open draft and its document are long-lived: without this, Python's full
        # collections walk them again and again while one edits (~40 ms pauses on a
        # 1,000-article draft, every few Enter presses). Objects freed later are still
        # freed by their reference counts.
        gc.freeze()
        self.undo_group.addStack(document.undo_stack)
        index = self.addTab(view, document.title)
        self._retitle(document)
        # bound methods, not lambdas: Qt drops these connections when the tabs are destroyed
        document.undo_stack.cleanChanged.connect(self._retitle_sender)
        document.pathChanged.connect(self._retitle_sender)
        document.changed.connect(self._retitle_sender)  # an untitled draft's title is typed
        self.setCurrentIndex(index)
        return document

    def _retitle_sender(self, *_args) -> None:
        sender = self.sender()
        for document in self.documents():
            if sender in (document, document.undo_stack):
                self._retitle(document)

    def _retitle(self, document: DraftDocument) -> None:
        if document in self.documents():
            index = self.documents().index(document)
            mark = "*" if document.is_modified() else ""
            if document.read_only:
                mark += self.tr(" (read-only)")
            self.setTabText(index, document.title + mark)
            self.setTabToolTip(index, str(document.path or ""))

    def remove(self, index: int) -> None:
        view = self.widget(index)
        document = view.contract_model.document
        self.undo_group.removeStack(document.undo_stack)
        self.removeTab(index)
        document.close()
        view.deleteLater()

    def _current_changed(self, _index: int) -> None:
        document = self.current_document()
        self.undo_group.setActiveStack(document.undo_stack if document else None)
        self.currentDocumentChanged.emit(document)
