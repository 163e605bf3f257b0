"""Rename a defined term everywhere it is written, its definition included, in one step.

The places are the ones the terms check counts (``checks.terms.collect``): a Chinese term
wherever it stands, an English one as a whole word, never inside a longer term or the full
name an abbreviation stands for. Blanks and references are never touched (a use inside a
field's value is the lawyer's to change). A party's role (甲方) is renamed in the parties
block too. The edit goes through ``find.replace_each``, as
Replace All does, so undo restores every text exactly.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .checks.context import Context, Places, read_texts
from .checks.terms import collect
from .commands import Compound
from .defined_terms import PARTY
from .doc_blocks import BlockRef
from .editing import Edit, Pos
from .find import Match, replace_each
from .ops import EditError, set_parties
from .text import clean_text

if TYPE_CHECKING:
    from .draft import Draft

_NOT_IN_A_TERM = set('\n“”"「」『』《》（）()')


def rename_term(draft: Draft, term: str, new_name: str) -> Edit | None:
    """Every use and definition of ``term`` renamed to ``new_name`` as one undo step (a
    party's role: its label in the parties block too); None when the name is unchanged or
    not written anywhere. EditError for an empty name, a name that cannot be a term, or a
    term the draft does not define."""
    new = clean_text(new_name).strip()
    if not new or any(c in _NOT_IN_A_TERM for c in new):
        raise EditError(
            Msg("术语名称不能为空，也不能含有引号、括号或换行",
                "a term's name cannot be empty or hold quotes, brackets or line breaks")
        )  # fmt: skip
    if new == term:
        return None
    places = Places(draft)
    terms, _ = collect(Context(draft, read_texts(draft, places), places))
    found = terms.get(term)
    if found is None or (not found.definitions and found.form != PARTY):
        raise EditError(Msg("合同中没有定义术语“{0}”", "the draft defines no term “{0}”", term))
    spans = [(text, d.start, d.end) for text, d in found.definitions] + found.uses
    pairs: list[tuple[Match, str]] = []
    for text, start, end in sorted(spans, key=lambda s: (s[0].index, s[1])):
        if text.in_object(start, end):
            continue
        offset, length = text.span(start, end)
        written = text.block.text[offset : offset + length]
        pairs.append((Match(Pos(text.ref, offset), length, written), _same_case(written, new)))
    name = Msg("将术语“{0}”改名为“{1}”", "Rename the term “{0}” to “{1}”", term, new)
    edit = replace_each(draft, pairs, name) if pairs else None
    if not any(p.role.strip() == term for p in draft.parties):
        return edit
    parties = copy.deepcopy(draft.parties)  # a party's role: the parties block's label too
    for party in parties:
        if party.role.strip() == term:
            party.role = new
    roles = set_parties(draft, parties)
    if edit is None:
        return Edit(roles, Pos(BlockRef("title", 0), 0))
    ids = (draft.next_id, draft.next_id)
    return Edit(Compound(name, ids, [edit.command, roles]), edit.caret)


def _same_case(written: str, new: str) -> str:
    """A lower-case term written at a sentence's start keeps its capital: affiliate ->
    member, Affiliate -> Member."""
    if written[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new
