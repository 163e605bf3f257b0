"""One open draft in the window: the model, its file, its QUndoStack and its autosave.

Every edit goes through ``push``: the model command (app.model.commands) is wrapped in a
QUndoCommand, so the Edit menu, Ctrl+Z and the step names come from Qt while the exact
apply/revert logic stays in the model. ``changed`` tells the views to refresh; it carries
what kind of change it was so a view can skip work (a field value does not move articles).
Just before it, a structure change also sends ``structureChanged`` with the command itself,
so the tree model can insert, remove or move just those rows instead of rebuilding 3,000.

A draft open from a file holds the file's lock (app.model.draft_lock) until it closes, or is
open read-only when another window holds it; it remembers the SHA-256 of what it last read
or wrote, so the window can tell before a save whether the file was changed outside.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.model.commands import (
    Command,
    LinkFields,
    RenameField,
    SetBody,
    SetFieldValue,
    SetHeading,
    SetOutside,
)
from app.model.draft_lock import DraftLock
from app.model.files import DraftFileError, file_digest, read_draft, save_draft
from app.model.overwrite import same_file

from .translations import model_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from app.model.draft import Draft

# What a change touched, so views refresh only what they must.
STRUCTURE, TEXT, FIELDS = "structure", "text", "fields"
_MERGE_IDS = {SetBody: 1, SetHeading: 2, SetFieldValue: 3, SetOutside: 4}


def change_kind(command: Command) -> str:
    if isinstance(command, SetFieldValue | RenameField | LinkFields):
        return FIELDS
    if isinstance(command, SetBody | SetHeading | SetOutside):
        return TEXT
    return STRUCTURE


class _UndoStep(QUndoCommand):
    """A model command as a Qt undo step; typing in one text merges into one step."""

    def __init__(self, document: DraftDocument, command: Command) -> None:
        super().__init__(model_text(command.name))
        self.document = document
        self.command = command

    def id(self) -> int:
        return _MERGE_IDS.get(type(self.command), -1)

    def redo(self) -> None:
        self.command.apply(self.document.draft)
        self.document.notify(self.command, applied=True)

    def undo(self) -> None:
        self.command.revert(self.document.draft)
        self.document.notify(self.command, applied=False)

    def mergeWith(self, other: QUndoCommand) -> bool:
        return isinstance(other, _UndoStep) and self.command.merge(other.command)


class DraftDocument(QObject):
    """A draft open in a tab. ``path`` is None until it is first saved; ``origin`` is the
    text or Word file a new draft was read from (it names the tab of an untitled one).
    ``read_only``: another window holds the file; saving goes to another file.
    ``version``: the number of a saved version shown as it was (``origin`` is its draft): no
    edit is taken (``refused`` says why) until it is saved as another file."""

    changed = Signal(str)  # STRUCTURE | TEXT | FIELDS
    structureChanged = Signal(object, bool)  # the command; True: applied, False: reverted
    commandDone = Signal(object, bool)  # every command, once applied or reverted (first)
    pathChanged = Signal()
    refused = Signal(str)  # an edit a version opened read-only does not take, said why

    def __init__(
        self,
        draft: Draft,
        path: Path | None = None,
        parent: QObject | None = None,
        *,
        origin: Path | None = None,
        lock: DraftLock | None = None,
        digest: str | None = None,
        read_only: bool = False,
        autosave_key: str | None = None,
        version: int | None = None,
    ):
        super().__init__(parent)
        self.draft = draft
        self.path = path
        self.origin = origin
        self.lock = lock
        self.disk_digest = digest  # SHA-256 of the file as last read or written here
        self.read_only = read_only or version is not None
        self.version = version
        self.uid = uuid.uuid4().hex  # tells this draft's clipboard nodes from another's
        self.undo_stack = QUndoStack(self)
        from app.model.autosave import Autosaver  # loaded with the first draft, not at start-up

        # a recovered draft keeps its autosave's key: saving or re-autosaving it replaces
        # the very files it was recovered from, so they are never offered twice
        self.autosaver = Autosaver(autosave_key or self.uid, path)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.changed.connect(lambda _kind: self.autosaver.changed())

    @classmethod
    def open(
        cls, path: Path, parent: QObject | None = None, *, read_only: bool = False
    ) -> DraftDocument:
        """The draft in ``path``, locked for this window (DraftLockedError if another window
        holds it), or ``read_only`` without taking the lock."""
        lock = None if read_only else DraftLock.acquire(path)
        try:
            draft, digest = read_draft(path)
        except DraftFileError:
            if lock is not None:
                lock.release()
            raise
        return cls(draft, path, parent, lock=lock, digest=digest, read_only=read_only)

    @property
    def title(self) -> str:
        if self.path is not None:
            return self.path.stem
        if self.version is not None and self.origin is not None:
            return self.tr("{0} version {1}").format(self.origin.stem, self.version)
        return self.draft.title or (self.origin.stem if self.origin else self.tr("Untitled"))

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_unsaved(self) -> None:
        """Recovered work is in no file yet: modified until saved, and autosaved again."""
        self.undo_stack.resetClean()
        self.autosaver.changed()

    @property
    def frozen(self) -> bool:
        """A saved version shown as it was: it takes no edit until saved as another file."""
        return self.version is not None

    def frozen_text(self) -> str:
        return self.tr("Read-only version: restore it or save it as another file to edit.")

    def push(self, command: Command) -> None:
        """Apply an edit as one undo step (or merged into the last one, while typing); a
        frozen version takes none and says so."""
        if self.frozen:
            self.refused.emit(self.frozen_text())
            return
        self.undo_stack.push(_UndoStep(self, command))

    def notify(self, command: Command, applied: bool) -> None:
        """Tell the views that ``command`` was just applied (or reverted)."""
        kind = change_kind(command)
        self.commandDone.emit(command, applied)
        if kind == STRUCTURE:
            self.structureChanged.emit(command, applied)
        self.changed.emit(kind)

    def changed_on_disk(self) -> bool:
        """True if the file was changed outside this window since it was read or saved here
        (a file that is gone is not: saving only puts it back)."""
        if self.path is None or self.disk_digest is None:
            return False
        current = file_digest(self.path)
        return current is not None and current != self.disk_digest

    def save(self, path: Path | None = None) -> None:
        """Save (atomically, keeping a .bak); raises DraftFileError with a clear message.

        Saving to another file takes that file's lock first (DraftLockedError if another
        window has it open) and gives up the old one; a read-only draft saves only there.
        """
        if self.frozen and path is None:
            raise DraftFileError(self.frozen_text())
        target = path or self.path
        if target is None:
            raise ValueError("the draft has no file yet: save it as")
        own_file = self.path is not None and same_file(target, self.path)
        if own_file and self.read_only:
            read_only = self.tr("{0} is open read-only here: save it as another file.")
            raise DraftFileError(read_only.format(target))
        lock = self.lock if own_file and self.lock is not None else DraftLock.acquire(target)
        try:
            saved_from = None if own_file else self.path or self.origin
            self.disk_digest = save_draft(target, self.draft, saved_from)
        except DraftFileError:
            if lock is not self.lock:
                lock.release()
            raise
        if lock is not self.lock:
            if self.lock is not None:
                self.lock.release()
            self.lock = lock
        self.read_only = False
        self.version = None
        self.undo_stack.setClean()
        self.autosaver.saved(target)
        if target != self.path:
            self.path = target
            self.pathChanged.emit()

    def autosave(self) -> bool:
        """Write unsaved work for crash recovery (at most every 30 s; the window's timer asks)."""
        return self.is_modified() and self.autosaver.maybe_save(self.draft)

    def close(self) -> None:
        """The tab closes normally: its autosave and its file's lock are no longer needed."""
        self.autosaver.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.autosaver.saved(self.path)


def follow_changes(
    old: DraftDocument | None, new: DraftDocument | None, slot: Callable[[str], object]
) -> DraftDocument | None:
    """Move ``slot`` from ``old``'s ``changed`` signal to ``new``'s (either may be None), for
    a view that follows the current draft. Returns ``new``."""
    if old is not None:
        old.changed.disconnect(slot)
    if new is not None:
        new.changed.connect(slot)
    return new
