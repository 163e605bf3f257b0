"""Version history: each save of ``NAME.contract`` keeps a version in ``NAME.contract.versions``.

The history sits beside the draft (the draft file stays the plain JSON other tools read), as
gzip-compressed JSON::

    {"format": "contract-editor/versions", "version": 1,
     "entries": [{"saved": ISO time, "note": str, "digest": SHA-256 of the saved bytes,
                  "size": bytes, "added": int, "removed": int,
                  "full": str                        the saved text, every SNAPSHOT_EVERY-th
                  | "patch": [[start, end, [line]]]  or the lines replaced in the previous one
                 }]}

A version is the exact bytes a save wrote (``fileformat.dumps``: one value a line), so a small
edit is a patch of a line or two; a full text every ``SNAPSHOT_EVERY`` saves bounds how many
patches a read replays, and gzip keeps those texts small (a 1,000-article draft saved 200
times: about 1.3 times its own size). ``added``/``removed`` count the characters that
differ from the previous version, for the list.

The history is written after the draft, atomically (``write_atomically``): a crash leaves
the complete old history or the complete new one; a draft saved without its version (a
save killed in between, or a file changed outside the app) is kept as a version by the
next save, before the one that replaces it. A damaged history is never written over
(saves go on without recording versions, the draft opens as ever) and reading it raises
``VersionsError`` saying which file and what to do.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from clause_db.errors import ClauseDbError
from clause_db.messages import Msg

from .commands import Command
from .fileformat import DraftFormatError, loads
from .files import MAX_DRAFT_BYTES, history_path, write_atomically
from .pairing import in_order

if TYPE_CHECKING:
    from pathlib import Path

    from .draft import Draft

FORMAT = "contract-editor/versions"
VERSION = 1
SNAPSHOT_EVERY = 50
_MAX_TEXT = 4 * MAX_DRAFT_BYTES  # decompressed: far beyond any real history


class VersionsError(ClauseDbError):
    """The version history cannot be read or does not hold the version asked for."""


@dataclass(frozen=True)
class Version:
    """One saved version, as the list shows it (``number`` counts from 1, oldest first)."""

    number: int
    saved: datetime
    note: str
    size: int
    added: int
    removed: int
    digest: str
    saved_from: str = ""  # the first version of a draft saved as this name: the old file

    def to_json(self) -> dict[str, Any]:
        data = {"number": self.number, "saved": self.saved.isoformat(), "note": self.note,
                "size": self.size, "added": self.added, "removed": self.removed}  # fmt: skip
        if self.saved_from:
            data["saved_from"] = self.saved_from
        return data


def list_versions(draft_path: Path) -> list[Version]:
    """The versions of the draft, oldest first; none when it was never saved with history."""
    return [_version(i, entry) for i, entry in enumerate(_read(draft_path), 1)]


def version_bytes(draft_path: Path, number: int) -> bytes:
    """The exact bytes version ``number`` saved; VersionsError if it is not there or damaged."""
    entries = _read(draft_path)
    if not 1 <= number <= len(entries):
        raise VersionsError(Msg(
            "{0} 没有第 {1} 版（共 {2} 版）。", "{0} has no version {1} (it has {2}).",
            draft_path, number, len(entries),
        ))  # fmt: skip
    lines = _lines_of(entries, number - 1, history_path(draft_path))
    data = "".join(lines).encode("utf-8")
    if hashlib.sha256(data).hexdigest() != entries[number - 1].get("digest"):
        raise _damaged(history_path(draft_path), f"version {number} does not read back")
    return data


def version_draft(draft_path: Path, number: int) -> Draft:
    """Version ``number`` of the draft, as a draft of its own."""
    try:
        return loads(version_bytes(draft_path, number))
    except DraftFormatError as exc:
        raise _damaged(history_path(draft_path), exc) from None


def record_version(
    draft_path: Path,
    data: bytes,
    note: str = "",
    replaced: bytes | None = None,
    saved_from: Path | None = None,
) -> bool:
    """Keep ``data`` (just saved to ``draft_path``) as its newest version, after ``replaced``
    (what the save wrote over) when that is a draft the history lacks: changed outside
    the app, or saved by a save killed before its version was kept. False, with nothing
    written, when ``data`` equals the newest version or the history cannot be read (a
    damaged history is kept as it is for the lawyer to move away); DraftFileError if it
    cannot be written. ``saved_from``: the file the draft was saved as this one from (Save
    As); a new history notes it: the earlier versions stay with that file, never copied."""
    path = history_path(draft_path)
    try:
        entries = _read(draft_path)
        if entries and replaced is not None and _changed_outside(entries[-1], replaced):
            _append(entries, replaced, OUTSIDE_NOTE, path)
        if not _append(entries, data, note, path):
            return False
    except VersionsError:
        return False
    if len(entries) == 1 and saved_from is not None and history_path(saved_from).is_file():
        entries[0]["from"] = str(saved_from)
    _write(path, entries)
    return True


OUTSIDE_NOTE = "程序外修改或保存中断 / changed outside the app, or a save cut short"


def _changed_outside(newest: dict[str, Any], replaced: bytes) -> bool:
    """``replaced`` is a draft other than the newest version (checked only then: a parse)."""
    if hashlib.sha256(replaced).hexdigest() == newest.get("digest"):
        return False
    try:
        loads(replaced)
    except (DraftFormatError, ValueError):
        return False
    return True


def _append(entries: list[dict[str, Any]], data: bytes, note: str, path: Path) -> bool:
    """Add ``data`` as the newest entry; False if it is the newest already."""
    digest = hashlib.sha256(data).hexdigest()
    if entries and entries[-1].get("digest") == digest:
        return False
    text = data.decode("utf-8")
    new = text.splitlines(keepends=True)
    entry: dict[str, Any] = {"saved": datetime.now(UTC).isoformat(timespec="seconds"),
                             "note": note, "digest": digest, "size": len(data)}  # fmt: skip
    if entries:
        old = _lines_of(entries, len(entries) - 1, path)
        patch = _patch(old, new)
        entry["added"], entry["removed"] = _counts(old, patch)
        if len(entries) % SNAPSHOT_EVERY:
            entry["patch"] = patch
    else:
        entry["added"], entry["removed"] = len(text), 0
    if "patch" not in entry:
        entry["full"] = text
    entries.append(entry)
    return True


def set_note(draft_path: Path, number: int, note: str) -> None:
    """Give version ``number`` the note ``note`` ("" removes it)."""
    entries = _read(draft_path)
    if not 1 <= number <= len(entries):
        raise VersionsError(Msg("没有第 {0} 版。", "There is no version {0}.", number))
    entries[number - 1]["note"] = note.strip()
    _write(history_path(draft_path), entries)


@dataclass
class RestoreVersion(Command):
    """The whole draft replaced by an earlier version: one undo step. The current content
    and the version's are never changed, so undo and redo swap them back exactly."""

    old: dict[str, Any]
    new: dict[str, Any]

    def _apply(self, draft: Draft) -> None:
        for name, value in self.new.items():
            setattr(draft, name, value)

    def _revert(self, draft: Draft) -> None:
        for name, value in self.old.items():
            setattr(draft, name, value)


_CONTENT = ("title", "numbering", "parties", "preamble", "parts", "fields", "cover",
            "signature", "annexes", "preamble_tables")  # fmt: skip


def restore(draft: Draft, version: Draft, number: int) -> RestoreVersion:
    """The command that makes ``draft`` read as ``version`` (version ``number``); new ids
    stay above both drafts' ids."""
    ids = (draft.next_id, max(draft.next_id, version.next_id))
    name = Msg("恢复第 {0} 版", "Restore version {0}", number)
    old = {key: getattr(draft, key) for key in _CONTENT}
    return RestoreVersion(name, ids, old, {key: getattr(version, key) for key in _CONTENT})


# -- the file -------------------------------------------------------------------------------


def _read(draft_path: Path) -> list[dict[str, Any]]:
    path = history_path(draft_path)
    try:
        if path.stat().st_size > MAX_DRAFT_BYTES:
            raise _damaged(path, "far too big")
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise VersionsError(Msg(
            "无法读取版本历史 {0}：{1}。", "The version history {0} cannot be read: {1}.",
            path, exc.strerror or exc,
        )) from None  # fmt: skip
    try:
        inflater = zlib.decompressobj(wbits=31)
        text = inflater.decompress(raw, _MAX_TEXT)
        if inflater.unconsumed_tail or not inflater.eof:
            raise _damaged(path, "truncated or too big")
        obj = json.loads(text)
    except (zlib.error, ValueError, RecursionError) as exc:
        raise _damaged(path, exc) from None
    if not (isinstance(obj, dict) and obj.get("format") == FORMAT):
        raise _damaged(path, "not a version history")
    if not isinstance(obj.get("version"), int) or obj["version"] > VERSION:
        raise VersionsError(Msg(
            "版本历史 {0} 来自更新的程序版本，请升级后再查看。",
            "The version history {0} was written by a newer version of the app; update it.",
            path,
        ))  # fmt: skip
    entries = obj.get("entries")
    if not (isinstance(entries, list) and all(_valid(e) for e in entries)):
        raise _damaged(path, "an entry is malformed")
    if entries and "full" not in entries[0]:
        raise _damaged(path, "the first version is missing")
    return entries


def _valid(entry: Any) -> bool:
    if not isinstance(entry, dict) or not isinstance(entry.get("digest"), str):
        return False
    if not all(isinstance(entry.get(k), int) for k in ("size", "added", "removed")):
        return False
    if not isinstance(entry.get("note"), str) or not isinstance(entry.get("saved"), str):
        return False
    with contextlib.suppress(ValueError):
        datetime.fromisoformat(entry["saved"])
        return isinstance(entry.get("full"), str) or isinstance(entry.get("patch"), list)
    return False


def _write(path: Path, entries: list[dict[str, Any]]) -> None:
    obj = {"format": FORMAT, "version": VERSION, "entries": entries}
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    write_atomically(path, compressor.compress(text) + compressor.flush())


def _damaged(path: Path, detail: object) -> VersionsError:
    return VersionsError(Msg(
        "版本历史 {0} 已损坏（{1}）：草稿本身不受影响；"
        "请将该文件移走，之后的保存会重新开始记录版本。",
        "The version history {0} is damaged ({1}). The draft itself is fine; move that file "
        "away and later saves start a new history.",
        path, detail,
    ))  # fmt: skip


def _version(index: int, entry: dict[str, Any]) -> Version:
    saved = datetime.fromisoformat(entry["saved"])
    saved_from = entry.get("from")
    return Version(index, saved, entry["note"], entry["size"], entry["added"], entry["removed"],
                   entry["digest"], saved_from if isinstance(saved_from, str) else "")  # fmt: skip


# -- texts as lines and patches -------------------------------------------------------------


def _lines_of(entries: list[dict[str, Any]], index: int, path: Path) -> list[str]:
    """The lines of entry ``index``: the last full text at or before it, patched forward."""
    start = max(i for i in range(index + 1) if "full" in entries[i])
    lines = entries[start]["full"].splitlines(keepends=True)
    for entry in entries[start + 1 : index + 1]:
        try:
            lines = _applied(lines, entry["patch"])
        except (TypeError, ValueError, IndexError) as exc:
            raise _damaged(path, f"a patch does not apply: {exc}") from None
    return lines


def _patch(old: list[str], new: list[str]) -> list[list[Any]]:
    """The hunks that turn ``old`` into ``new``: [start, end, new lines], in old's positions.
    The common head and tail are cut first: a save changes a few lines among thousands."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    hunks = []
    previous = (-1, -1)
    for i, j in [*_anchors(a, b), (len(a), len(b))]:
        gap_a, gap_b = a[previous[0] + 1 : i], b[previous[1] + 1 : j]
        if gap_a != gap_b:
            matcher = SequenceMatcher(None, gap_a, gap_b, autojunk=False)
            at_a, at_b = head + previous[0] + 1, previous[1] + 1
            hunks += [
                [at_a + i1, at_a + i2, b[at_b + j1 : at_b + j2]]
                for op, i1, i2, j1, j2 in matcher.get_opcodes()
                if op != "equal"
            ]
        previous = (i, j)
    return hunks


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Lines found once in each text, in an order both keep (patience diff): every node's
    ``"id"`` line is one, so the gaps between anchors are a few lines, cheap to match."""
    seen_a = Counter(a)
    seen_b = Counter(b)
    where = {line: j for j, line in enumerate(b) if seen_b[line] == 1 and seen_a[line] == 1}
    pairs = [(i, where[line]) for i, line in enumerate(a) if line in where]
    kept = in_order(dict(pairs))  # the longest run increasing in b as well
    return [(i, j) for i, j in pairs if i in kept]


def _applied(lines: list[str], patch: list[list[Any]]) -> list[str]:
    out = list(lines)
    for start, end, replacement in reversed(patch):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(out)):
            raise ValueError(f"hunk {start}-{end} outside the text")
        if not all(isinstance(line, str) for line in replacement):
            raise TypeError("a line is not text")
        out[start:end] = replacement
    return out


def _counts(old: list[str], patch: list[list[Any]]) -> tuple[int, int]:
    """Characters added and removed; a line replaced by one line counts only what differs
    between them (their common start and end are cut), as a lawyer counts a small edit."""
    added = removed = 0
    for start, end, replacement in patch:
        before = old[start:end]
        if len(before) == len(replacement):
            for a, b in zip(before, replacement, strict=True):
                plus, minus = _differing(a, b)
                added, removed = added + plus, removed + minus
        else:
            added += sum(len(line) for line in replacement)
            removed += sum(len(line) for line in before)
    return added, removed


def _differing(a: str, b: str) -> tuple[int, int]:
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return len(b) - head - tail, len(a) - head - tail
