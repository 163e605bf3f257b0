"""A lawyer's corrections to a recovered outline, as hints the segmenter applies on re-parse.

Why: the segmenter guesses; a lawyer reviewing the split knows. A correction is data keyed
by a character offset in the decoded source text (a file's text is the same for the same
bytes, so corrections stored by the file's content hash apply again on the next import):

- ``split``: a new article (``level`` 0) or clause (``level`` 1, 2, ...) starts at ``at``;
- ``promote`` / ``demote``: the heading at ``at`` moves to ``level`` (the same forced marker);
- ``merge``: the heading at ``at`` is no heading: its text joins the piece before it;
- ``skip``: ``[at, end)`` is not part of the contract (``reason`` says why);
- ``keep``: what was skipped in ``[at, end)`` is contract text after all;
- ``annex``: an annex starts at ``at``;
- ``field``: ``[at, end)`` is a blank to fill.

They are folded, in order, into :class:`SplitHints`, which the segmenter consumes where it
finds markers (forced and dropped markers), masks spans (forced skips, kept spans), ends the
body (annex starts) and lists blanks (fields). Every hint only moves boundaries or marks
spans: the outline stays lossless.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from clause_db.markers import Marker
from clause_db.model import REVIEW_SKIP, Placeholder, Skipped, span_without_holes
from clause_db.placeholders import find_placeholders

if TYPE_CHECKING:
    from clause_db.model import Outline, Span

KINDS = ("split", "merge", "promote", "demote", "skip", "keep", "annex", "field")
MARKED_FIELD = "marked"  # the kind of a blank a lawyer marked
# What ``keep`` can bring back as text: what is blanked before segmenting. A table of
# contents is found by the segmenter and stays skipped (a cover page or a signature block
# is a piece of its own, not skipped).
KEEPABLE = ("markup", "front matter", "summary table", "page furniture", REVIEW_SKIP)


@dataclass(frozen=True)
class Correction:
    """One correction a lawyer made, as stored (JSON) and replayed."""

    kind: str
    at: int
    end: int | None = None  # skip, keep, field: the span's end
    level: int | None = None  # split, promote, demote: 0 article, 1.. clause depth
    reason: str = ""  # skip: why

    def to_json(self) -> dict:
        out: dict = {"kind": self.kind, "at": self.at}
        if self.end is not None:
            out["end"] = self.end
        if self.level is not None:
            out["level"] = self.level
        if self.reason:
            out["reason"] = self.reason
        return out

    @classmethod
    def from_json(cls, data: object) -> Correction:
        """ValueError when ``data`` is not a correction this version understands."""
        if not isinstance(data, dict) or data.get("kind") not in KINDS:
            raise ValueError("not a correction")
        at, end, level = data.get("at"), data.get("end"), data.get("level")
        reason = data.get("reason", "")
        ints = all(v is None or (type(v) is int and v >= 0) for v in (end, level))
        if type(at) is not int or at < 0 or not ints or not isinstance(reason, str):
            raise ValueError("not a correction")
        if (end is None) == (data["kind"] in ("skip", "keep", "field")) or (end or at) < at:
            raise ValueError("not a correction")
        return cls(data["kind"], at, end, level, reason)


class _Layout(Protocol):
    source: str
    masked: str
    holes: list[Skipped]


@dataclass
class SplitHints:
    """The corrections folded into what the segmenter needs, by source offset."""

    levels: dict[int, int] = field(default_factory=dict)  # forced markers: offset -> level
    dropped: set[int] = field(default_factory=set)  # markers that are no headings
    skips: dict[Span, str] = field(default_factory=dict)  # spans to skip, with the reason
    kept: list[Span] = field(default_factory=list)  # skipped spans to keep as text
    annexes: set[int] = field(default_factory=set)  # forced annex starts
    fields: set[Span] = field(default_factory=set)  # spans that are blanks

    @classmethod
    def of(cls, corrections: list[Correction]) -> SplitHints:
        """Fold ``corrections`` in order (a later one at the same place wins)."""
        hints = cls()
        for c in corrections:
            if c.kind in ("split", "promote", "demote"):
                hints.levels[c.at] = c.level or 0
                hints.dropped.discard(c.at)
            elif c.kind == "merge":
                hints.levels.pop(c.at, None)
                hints.dropped.add(c.at)
            elif c.kind == "skip" and c.end > c.at:
                hints.skips[(c.at, c.end)] = c.reason
            elif c.kind == "keep" and c.end > c.at:
                hints._keep((c.at, c.end))
            elif c.kind == "annex":
                hints.annexes.add(c.at)
            elif c.kind == "field" and c.end > c.at:
                hints.fields = {f for f in hints.fields if not _overlap(f, (c.at, c.end))}
                hints.fields.add((c.at, c.end))
        return hints

    def _keep(self, span: Span) -> None:
        """A lawyer's own skip there is undone; any other skipped text there is kept."""
        own = [s for s in self.skips if _overlap(s, span)]
        for s in own:
            del self.skips[s]
        if not own:
            self.kept.append(span)

    def __bool__(self) -> bool:
        return any((self.levels, self.dropped, self.skips, self.kept, self.annexes, self.fields))

    # -- what the segmenter asks ------------------------------------------------------------

    def layout(self, layout: _Layout) -> _Layout:
        """``layout`` (Markdown markup or page furniture, blanked) with the kept spans shown
        again and the lawyer's skips blanked and reported as holes."""
        if not (self.skips or self.kept):
            return layout
        source, chars = layout.source, list(layout.masked)
        holes = [h for h in layout.holes if not any(_overlap(h.span, k) for k in self.kept)]
        for h in layout.holes:
            if h not in holes:
                chars[h.span[0] : h.span[1]] = source[h.span[0] : h.span[1]]
        for s, e in self.skips:
            if e > len(source) or any(_overlap((s, e), h.span) for h in holes):
                continue  # already skipped
            chars[s:e] = ["\n" if c == "\n" else " " for c in source[s:e]]
            holes.append(Skipped(REVIEW_SKIP, (s, e), source[s:e]))
        holes.sort(key=lambda h: h.span)
        return replace(layout, masked="".join(chars), holes=holes)

    def settle(self, outline: Outline) -> Outline:
        """A lawyer's skip that overlaps what the segmenter skipped itself (a table of
        contents, a cover page) is cut down to the rest, so no character is skipped twice."""
        if not self.skips:
            return outline
        owners = [outline, *outline.documents]
        own = [k for o in owners for k in o.skipped if k.reason == REVIEW_SKIP]
        others = sorted(k.span for o in owners for k in o.skipped if k not in own)
        for owner in owners:
            kept = [k for k in owner.skipped if k not in own]
            for k in (k for k in owner.skipped if k in own):
                for s, e in span_without_holes(k.span, others):
                    kept.append(Skipped(REVIEW_SKIP, (s, e), outline.text[s:e]))
            owner.skipped = sorted(kept, key=lambda k: k.span)
        return outline

    def markers(self, markers: list[Marker], start: int, end: int) -> list[Marker]:
        """The candidate markers without the dropped ones, with a bare marker wherever a
        heading is forced and no candidate starts."""
        starts = {m.start for m in markers}
        out = [m for m in markers if m.start not in self.dropped]
        out += [
            Marker("forced", at, at, "", None, line_start=True)
            for at in self.levels
            if start <= at < end and at not in starts
        ]
        out.sort(key=lambda mk: (mk.start, -(mk.label_end - mk.start)))
        return out

    def level_at(self, at: int) -> int | None:
        """The level forced for a heading at ``at``, if any."""
        return self.levels.get(at)

    def placeholders(self, found: list[Placeholder], text: str, span: Span) -> list[Placeholder]:
        """``found`` (the blanks in ``span``) with the lawyer's marked fields there instead of
        the blanks they overlap."""
        marked = [f for f in self.fields if span[0] <= f[0] and f[1] <= span[1]]
        if not marked:
            return found
        kept = [p for p in found if not any(_overlap(p.span, f) for f in marked)]
        kept += [Placeholder(MARKED_FIELD, f, marked_label(text, f)) for f in marked]
        return sorted(kept, key=lambda p: p.span)


NO_HINTS = SplitHints()


def marked_label(text: str, span: Span) -> str:
    """The label of a blank a lawyer marked: what a ``____`` there would be called
    (甲方：北京某某公司 -> 甲方), else its own words."""
    line = text.rfind("\n", 0, span[0]) + 1
    probe = find_placeholders(text[line : span[0]] + "____")
    own = " ".join(text[span[0] : span[1]].split())[:40]
    return probe[-1].label if probe and probe[-1].label else own


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
