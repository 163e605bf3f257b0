"""A fix's preview reads each edit as the lawyer does: its place, and the text around it
with blanks showing their values (a blank is one character of the block's own text)."""

from __future__ import annotations

from app.model import ops
from app.model.checks import Fix, TextEdit
from app.model.checks.preview import preview
from app.model.doc_blocks import OBJECT, blocks
from app.model.importer import draft_from_document
from clause_db.messages import Msg
from clause_db.reader import read_outline
from resources import SEED_FILES

VALUE = "上海某某电子商务有限公司"


def test_each_edit_is_read_in_place_with_the_values_around_it() -> None:
    outline = read_outline(SEED_FILES[0])
    draft = draft_from_document(outline.documents[0], outline.text, "seed")
    # 1.1 甲方名称: ____,地址:____ -- a blank followed by a half-width comma
    block = next(b for b in blocks(draft) if b.ref.kind == "body" and f"{OBJECT},地址" in b.text)
    comma = block.text.index(f"{OBJECT},地址") + 1
    blank = next(s for s in block.segments if not isinstance(s, str))
    ops.History(draft).push(ops.set_field_value(draft, blank.field_id, VALUE))
    field = draft.fields[blank.field_id]
    edits = (
        TextEdit(block.ref, comma, 1, ",", "，"),
        TextEdit(block.ref, 2, 4, VALUE[2:6], "某某某某", field_id=field.id),
    )

    first, second = preview(draft, Fix(Msg("全角", "Full width"), edits), context=6)

    assert (first.place.zh, first.before, first.old, first.new) == ("1.1", VALUE[-6:], ",", "，")
    assert first.after.startswith("地址")
    assert second.place.en == f"the value of “{field.name or field.label}”"
    assert (second.before, second.old, second.after) == (VALUE[:2], VALUE[2:6], VALUE[6:12])
