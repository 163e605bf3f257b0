"""A comparison as a terminal reads it: a count, then each change with its labels and the
difference marked inline, [-deleted-]{+inserted+} as ``git diff --word-diff`` writes it."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .text_diff import DELETE, EQUAL, text_diff

if TYPE_CHECKING:
    from .compare import Change

_SHOWN = 160  # characters of an inserted or deleted text shown


def summary(changes: list[Change]) -> str:
    """``3 changes: 1 changed, 1 deleted, 1 moved`` and one entry per change."""
    if not changes:
        return "no differences"
    counts = Counter(c.kind for c in changes)
    kinds = ", ".join(f"{counts[k]} {k}" for k in ("changed", "moved", "inserted", "deleted")
                      if counts[k])  # fmt: skip
    lines = [f"{len(changes)} change{'s' if len(changes) > 1 else ''}: {kinds}"]
    for change in changes:
        lines.append(_heading(change))
        if change.kind == "inserted":
            lines.append(f"    {{+{_short(change.new_text)}+}}")
        elif change.kind == "deleted":
            lines.append(f"    [-{_short(change.old_text)}-]")
        elif change.old_text != change.new_text:
            lines.append(f"    {inline(change.old_text, change.new_text)}")
    return "\n".join(lines)


def _heading(change: Change) -> str:
    if change.kind == "inserted":
        return f"inserted {change.new}"
    if change.kind == "deleted":
        return f"deleted {change.old}"
    if change.kind == "moved":
        return f"moved {change.old} -> {change.new}"
    same = change.old == change.new
    return f"changed {change.new}" if same else f"changed {change.old} (now {change.new})"


def inline(old: str, new: str) -> str:
    """The new text with the difference from the old one marked [-so-]{+so+}."""
    marks = {EQUAL: "{0}", DELETE: "[-{0}-]"}
    out = "".join(marks.get(op, "{{+{0}+}}").format(text) for op, text in text_diff(old, new))
    return out.replace("\n", "\n    ")


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
