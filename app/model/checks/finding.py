"""What a check reports: a finding with its place, its words in both languages and a fix.

A finding points at characters of one block's text (``doc_blocks``: objects count as one
U+FFFC), so the window selects exactly what it is about. Its ``key`` names it across edits
and renumbering (kind, the text's owner, what it is about), which is what an ignore keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clause_db.messages import Msg

    from ..doc_blocks import BlockRef

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True)
class TextEdit:
    """Replace ``length`` characters at ``offset`` of a block's text (or, with ``field_id``,
    of that field's value) by ``new``; ``old`` is what must stand there (else it is stale)."""

    ref: BlockRef
    offset: int
    length: int
    old: str
    new: str
    field_id: int | None = None


@dataclass(frozen=True)
class Fix:
    """A safe correction, applied as one undo step: ``label`` says what it does."""

    label: Msg
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True)
class Finding:
    kind: str  # e.g. amount_mismatch, term_unused (see each checker module's KINDS)
    severity: str  # error | warning | info
    message: Msg
    ref: BlockRef | None = None  # the text it is in (None: the draft as a whole)
    offset: int = 0  # in that block's text
    length: int = 0
    field_id: int | None = None  # the field it is about (an unfilled blank)
    fix: Fix | None = None
    subject: str = ""  # what it is about, as written (the term, the amount): part of its key
    why: Msg | None = None  # how the check came to it, when that is not obvious (topics)
    ignored: str | None = None  # the lawyer's reason, when the finding is ignored
    # filled in by the engine: the node to jump to and its labels as numbered in the draft
    node_id: int | None = None
    article: str | None = None  # 第三条 (None outside the articles)
    clause: str | None = None  # 3.1 (None for an article's own text)

    @property
    def key(self) -> str:
        """Stable across edits elsewhere and renumbering: ids, not numbers."""
        where = f"{self.ref.kind}:{self.ref.owner}" if self.ref is not None else "-"
        return f"{self.kind}|{where}|{self.subject}"

    @property
    def place(self) -> str:
        """第三条 3.1 as the draft numbers them ("" outside the articles)."""
        return " ".join(x for x in (self.article, self.clause) if x)
