"""What the checks' tests share: a contract text opened as ``check FILE`` opens a file, the
findings of some kinds, and the characters a finding selects in the centre."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.cli import draft_of_file
from app.model.checks import run_checks
from app.model.doc_blocks import blocks

if TYPE_CHECKING:
    from collections.abc import Collection
    from pathlib import Path

    from app.model.checks import Finding
    from app.model.draft import Draft


def opened_text(path: Path, text: str) -> Draft:
    """``text`` written to ``path`` (its suffix says how it is read) and opened as a draft."""
    path.write_text(text, encoding="utf-8")
    return draft_of_file(path, lambda _: None)


def of_kinds(draft: Draft, kinds: Collection[str], kind: str | None = None) -> list[Finding]:
    """The draft's findings of ``kinds`` (of ``kind`` alone when given)."""
    return [f for f in run_checks(draft) if f.kind in kinds and (kind is None or f.kind == kind)]


def selected(draft: Draft, finding: Finding) -> str:
    """The characters of the block the finding selects (a blank or reference: one U+FFFC)."""
    block = next(b for b in blocks(draft) if b.ref == finding.ref)
    return block.text[finding.offset : finding.offset + finding.length]
