"""A fix shown before it is made: each edit's place and its text before and after.

A fix of many edits (the typography of the whole draft, a renamed term) is previewed in
the window before it is applied; each edit is shown where it is, with a few characters
read around it (blanks with their values, references with their numbers, as the reader
sees them) so the lawyer can judge it without going there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from ..doc_blocks import blocks
from .context import Places, Text, read_block

if TYPE_CHECKING:
    from ..doc_blocks import BlockRef
    from ..draft import Draft
    from .finding import Fix, TextEdit

CONTEXT = 12  # characters read on each side of an edit


@dataclass(frozen=True)
class EditPreview:
    """One edit of a fix: where, the text around it, and what it replaces by what."""

    place: Msg
    before: str  # the reading text just before the edit
    old: str
    new: str
    after: str  # just after it


def preview(draft: Draft, fix: Fix, context: int = CONTEXT) -> list[EditPreview]:
    """Each edit of ``fix`` as the lawyer would read it, in the fix's order."""
    places = Places(draft)
    shown = {b.ref: b for b in blocks(draft) if b.editable}
    read: dict[BlockRef, Text] = {}
    out = []
    for edit in fix.edits:
        if edit.field_id is not None:
            out.append(_in_value(draft, edit, context))
            continue
        block = shown.get(edit.ref)
        if block is None:  # gone since it was checked: applying it will say so
            out.append(EditPreview(Msg(*places.where(edit.ref)), "", edit.old, edit.new, ""))
            continue
        text = read.get(edit.ref)
        if text is None:
            text = read[edit.ref] = read_block(draft, block, 0, places.paths)
        start = _reading_offset(text, edit.offset)
        end = _reading_offset(text, edit.offset + edit.length)
        out.append(
            EditPreview(
                Msg(*places.where(edit.ref)),
                text.text[max(start - context, 0) : start],
                edit.old,
                edit.new,
                text.text[end : end + context],
            )
        )
    return out


def _in_value(draft: Draft, edit: TextEdit, context: int) -> EditPreview:
    field = draft.fields.get(edit.field_id)  # type: ignore[arg-type]
    value = (field.value or "") if field is not None else ""
    name = (field.name or field.label) if field is not None else ""
    end = edit.offset + edit.length
    return EditPreview(
        Msg("“{0}”的填写内容", "the value of “{0}”", name),
        value[max(edit.offset - context, 0) : edit.offset],
        edit.old,
        edit.new,
        value[end : end + context],
    )


def _reading_offset(text: Text, offset: int) -> int:
    """The reading offset of a block-text offset (the inverse of ``Text.at``): each object
    before it reads as its whole text, not one character."""
    shift = 0
    for start, end, _ in text.objects:
        if start - shift >= offset:  # the object's own offset in the block's text
            break
        shift += end - start - 1
    return offset + shift
