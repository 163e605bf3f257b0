"""Run every check over a draft, and again after an edit reading only what changed.

Each checker module has ``check(ctx) -> Iterable[Finding]``. What a checker reads from one
text it keeps through ``Context.memo`` (keyed by the characters), its passes over the texts
through ``Context.each`` and a text's own findings through ``Context.kept`` (see
``context``), so after an edit of one clause an update reads that clause again and judges
the rest from what it kept: the 1,000-article draft's full run and its update after one
edit are measured in ``tests/perf/bench_checks.py``. Nothing a run keeps refers back to
its context, and the cycle collector waits while the engine works (``_no_collection``).

The engine also places each finding (article, clause, the node to jump to) and marks the
ones the lawyer ignored (``Draft.ignored``: finding key -> reason).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import replace
from operator import itemgetter
from typing import TYPE_CHECKING

from ..editing import segments_of
from . import (
    amounts,
    conflicts,
    dates,
    fields,
    leftovers,
    parties,
    references,
    structure,
    terms,
    topics,
    typography,
)
from .context import Context, Places, Text, read_block, read_texts
from .finding import SEVERITY_RANK

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from ..commands import Changes
    from ..doc_blocks import BlockRef
    from ..draft import Draft
    from .finding import Finding

CHECKERS: tuple[Callable[[Context], Iterable[Finding]], ...] = (
    references.check,
    structure.check,
    terms.check,
    amounts.check,
    dates.check,
    parties.check,
    conflicts.check,
    leftovers.check,
    fields.check,
    typography.check,
    topics.check,
)


class CheckEngine:
    """Keeps the last run's texts, their places and what the checks read in them."""

    def __init__(self) -> None:
        self._ctx: Context | None = None
        self._draft: Draft | None = None
        self._fields: dict[int, set[int]] = {}  # field id -> indexes of the texts showing it
        # id of a finding a checker gave -> (it, placed, sort key): a checker that keeps its
        # findings (``Context.kept``) hands the same objects on, placed once per run
        self._placed: dict[int, tuple[Finding, Finding, tuple[int, int, int]]] = {}
        self._ignored: dict[str, str] = {}  # the draft's ignores the placed copies carry

    def run(self, draft: Draft) -> list[Finding]:
        """Every finding, read from scratch (what was read before is reused by text)."""
        with _no_collection():
            return self._run(draft)

    def _run(self, draft: Draft) -> list[Finding]:
        places = Places(draft)
        texts = read_texts(draft, places)
        kept = {t.memo_key: t.memo for t in self._ctx.texts} if self._ctx is not None else {}
        shared: dict[tuple, dict] = {}
        self._fields = {}
        for t in texts:
            key = t.memo_key
            memo = shared.get(key)
            if memo is None:
                memo = shared[key] = kept.get(key, t.memo)
            t.memo = memo
            self._note_fields(t)
        self._ctx = Context(draft, texts, places)
        self._draft = draft
        self._placed = {}
        return self._judge()

    def where(self, ref: BlockRef | None) -> tuple[str, str]:
        """(zh, en) words for a place outside the articles (the preamble, a cover), from the
        last run's places: a list of findings names them without reading the draft again."""
        return self._ctx.places.where(ref) if self._ctx is not None else ("", "")

    def update(self, draft: Draft, changes: Changes) -> list[Finding]:
        """The findings after a command whose ``changes`` are given: the texts it touched
        are read again, the places kept; a change of structure (or another draft) reads all."""
        ctx = self._ctx
        if ctx is None or draft is not self._draft or changes.structure:
            return self.run(draft)
        with _no_collection():
            return self._update(ctx, draft, changes)

    def _update(self, ctx: Context, draft: Draft, changes: Changes) -> list[Finding]:
        touched = {ctx.order(ref) for ref in changes.blocks}
        for field_id in changes.fields:
            touched |= self._fields.get(field_id, set())
        if any(i >= len(ctx.texts) for i in touched):
            return self._run(draft)  # a text not shown before: blocks appeared
        for i in touched:
            old = ctx.texts[i]
            block = replace(old.block, segments=segments_of(draft, old.ref))
            ctx.texts[i] = text = read_block(draft, block, i, ctx.places.paths)
            if text.memo_key == old.memo_key:
                text.memo = old.memo
            self._note_fields(text)
        ctx.reread(touched)
        return self._judge()

    def _note_fields(self, text: Text) -> None:
        for _, _, seg in text.objects:
            field_id = getattr(seg, "field_id", None)
            if field_id is not None:
                self._fields.setdefault(field_id, set()).add(text.index)

    def _judge(self) -> list[Finding]:
        """Every checker's findings, placed, marked when ignored, the most serious first.

        A finding a checker hands on from the last run (``Context.kept``) keeps its placed
        copy and its sort key; the others are placed here, their text's place looked up
        once for all of them (by the ref object's identity: one text's findings share it).
        """
        ctx = self._ctx
        assert ctx is not None
        found = [f for checker in CHECKERS for f in checker(ctx)]
        ignored = ctx.draft.ignored
        fresh = ignored != self._ignored  # an ignore or its reason changed: mark all again
        if fresh:
            self._ignored = dict(ignored)
        before, now = self._placed, {}
        where: dict[int, tuple[int, tuple | None]] = {}
        rows = []
        for f in found:
            row = before.get(id(f))
            if row is None or row[0] is not f or fresh:
                at = where.get(id(f.ref))
                if at is None:
                    at = where[id(f.ref)] = (ctx.order(f.ref), ctx.places.place(f.ref))
                reason = ignored.get(f.key) if ignored else None
                row = (f, _placed(f, at[1], reason), (SEVERITY_RANK[f.severity], at[0], f.offset))
            now[id(f)] = row
            rows.append(row)
        self._placed = now
        rows.sort(key=itemgetter(2))
        return [row[1] for row in rows]


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cycle collection during a run: the readings and findings it makes all live until
    it ends (and hold no cycles: they are freed as soon as they are dropped), so a collection
    in the middle frees nothing and walks every object of the draft and of the run -- a
    sixth of a 1,000-article run's time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _placed(finding: Finding, place: tuple | None, reason: str | None) -> Finding:
    """The finding with its place in the articles (when its text is in one) and the
    lawyer's reason when it is ignored."""
    if place is None:
        return finding if finding.ignored == reason else _copy(finding, ignored=reason)
    node_id, article, clause = place
    if (finding.node_id, finding.article, finding.clause, finding.ignored) == (*place, reason):
        return finding  # placed before: a checker may keep its findings between runs
    return _copy(finding, ignored=reason, node_id=node_id, article=article, clause=clause)


def _copy(finding: Finding, **changes: object) -> Finding:
    """``dataclasses.replace`` for a frozen Finding (no ``__post_init__``, no slots) in a
    sixth of its time: a run places every finding, thousands in a scraped draft."""
    new = object.__new__(type(finding))
    new.__dict__.update(finding.__dict__, **changes)
    return new


def run_checks(draft: Draft) -> list[Finding]:
    """Every finding of the draft, the most serious first, ignored ones marked.

    The engine (its texts and their readings) is dropped before the collector wakes: it
    then walks only the findings, not everything the run read (a tenth of a run)."""
    with _no_collection():
        return CheckEngine()._run(draft)


def active(findings: Iterable[Finding]) -> list[Finding]:
    """The findings not ignored."""
    return [f for f in findings if f.ignored is None]
