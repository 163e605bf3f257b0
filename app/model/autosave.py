"""Autosave: unsaved work survives a crash, and the next start offers it back.

Each open draft has an ``Autosaver``. While the draft has unsaved changes it is written to
``<data dir>/autosave/<key>.contract`` (an ordinary draft file, so it can be opened by
hand if all else fails) with ``<key>.json`` beside it naming the original file, the title
and the time. Saving or closing the draft normally deletes both, so whatever is left at the
next start was left by a run that crashed: ``recoverable()`` lists it.

Timing: a change is written at the first ``maybe_save`` at least ``interval`` seconds after
the previous autosave write, and the first change of a session at once — so at most one
write per interval, and at most about one interval of work is at risk. The GUI calls
``maybe_save`` from a timer a few times per interval; a call with nothing due costs nothing.

An autosave that fails (read-only or full disk) must not interrupt the lawyer: it is
logged, kept in ``last_error`` for the GUI to show, and tried again an interval later.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.paths import data_dir

from .fileformat import dumps
from .files import DraftFileError, load_draft, write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable

    from .draft import Draft

log = logging.getLogger(__name__)

_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def autosave_folder() -> Path:
    return data_dir() / "autosave"


class Autosaver:
    """Keeps one open draft's unsaved changes on disk; ``key`` is unique per open draft.

    Use a fresh key per window (``uuid.uuid4().hex``): it names the autosave files.
    """

    def __init__(
        self,
        key: str,
        source_path: Path | None,
        folder: Path | None = None,
        interval: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not _KEY.fullmatch(key):
            raise ValueError(f"autosave key must be 1-64 letters, digits, - or _: {key!r}")
        self.key = key
        self.source_path = source_path
        self.folder = folder if folder is not None else autosave_folder()
        self.interval = interval
        self.last_error: str | None = None
        self._clock = clock
        self._pending = False
        self._last_attempt: float | None = None

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}.contract"

    @property
    def _sidecar(self) -> Path:
        return self.folder / f"{self.key}.json"

    def changed(self) -> None:
        """The draft now differs from its saved file."""
        self._pending = True

    def maybe_save(self, draft: Draft) -> bool:
        """Write the draft if it has unsaved changes and an interval has passed; True if written.

        Never raises for disk trouble: a failure is logged and kept in ``last_error``.
        """
        now = self._clock()
        if not self._pending:
            return False
        if self._last_attempt is not None and now - self._last_attempt < self.interval:
            return False
        self._last_attempt = now  # failures too: retry an interval later, not every tick
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, dumps(draft))
            write_atomically(self._sidecar, self._describe(draft))
        except (OSError, DraftFileError) as exc:
            self.last_error = f"Autosave failed: {exc}"
            log.warning(self.last_error)
            return False
        self.last_error = None
        self._pending = False
        return True

    def saved(self, source_path: Path | None = None) -> None:
        """The user saved (to ``source_path`` if given, after Save As): nothing is at risk."""
        if source_path is not None:
            self.source_path = source_path
        self._pending = False
        self._remove()

    def close(self) -> None:
        """The draft was closed normally (saved, or changes deliberately discarded)."""
        self._pending = False
        self._remove()

    def _describe(self, draft: Draft) -> bytes:
        sidecar = {
            "key": self.key,
            "source": None if self.source_path is None else str(self.source_path),
            "title": draft.title,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        return json.dumps(sidecar, ensure_ascii=False, indent=1).encode("utf-8")

    def _remove(self) -> None:
        # The draft first: a sidecar without its draft is ignored, a draft alone is offered.
        for path in (self.path, self._sidecar):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:  # e.g. held open by a virus scanner: offered next start
                log.warning("Cannot remove autosave %s: %s", path, exc)


@dataclass(frozen=True)
class Recovery:
    """An autosave left by a run that did not close normally.

    ``problem`` is None when the autosave opens, else the one-sentence reason it does not:
    the GUI can then only offer to discard it.
    """

    key: str
    source_path: Path | None
    title: str
    saved_at: datetime
    path: Path
    problem: Msg | str | None = None  # the error's message: both languages when it has them

    def load(self) -> Draft:
        """The autosaved draft; DraftFileError if it cannot be read."""
        return load_draft(self.path)

    def discard(self) -> None:
        """Delete the autosave (the user declined it, or has recovered and saved it)."""
        try:
            self.path.unlink(missing_ok=True)
            self.path.with_suffix(".json").unlink(missing_ok=True)
        except OSError as exc:
            raise DraftFileError(Msg(
                "无法删除自动保存的 {0}：{1}。",
                "The autosave {0} cannot be deleted: {1}.",
                self.path,
                exc,
            )) from None  # fmt: skip


def recoverable(folder: Path | None = None) -> list[Recovery]:
    """Autosaves left by runs that did not close normally, newest first; never raises.

    Call it at start-up, before this run's Autosavers write anything.
    """
    folder = folder if folder is not None else autosave_folder()
    try:
        paths = sorted(folder.glob("*.contract"))
    except OSError as exc:
        log.warning("Cannot list autosaves in %s: %s", folder, exc)
        return []
    found = [_recovery(p) for p in paths if _KEY.fullmatch(p.stem)]
    return sorted((r for r in found if r), key=lambda r: r.saved_at, reverse=True)


def _recovery(path: Path) -> Recovery | None:
    try:
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None  # deleted meanwhile (another window discarded it)
    source, title, saved_at = _read_sidecar(path.with_suffix(".json"))
    problem = None
    try:
        draft = load_draft(path)
    except DraftFileError as exc:
        problem = exc.message
    else:
        title = title or draft.title
    return Recovery(path.stem, source, title, saved_at or mtime, path, problem)


def _read_sidecar(path: Path) -> tuple[Path | None, str, datetime | None]:
    """The original path, title and time; blanks if the sidecar is missing or damaged.

    The sidecar is written after the draft, so a crash in between leaves none (or an older
    one): the draft itself is what matters.
    """
    try:
        meta = json.loads(path.read_bytes())
        source = meta["source"]
        title = meta["title"]
        saved_at = datetime.fromisoformat(meta["saved_at"])
        if not (source is None or isinstance(source, str)) or not isinstance(title, str):
            raise TypeError("sidecar fields of the wrong type")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.info("Autosave sidecar %s unusable: %s", path, exc)
        return None, "", None
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=UTC)
    return (None if source is None else Path(source)), title, saved_at
