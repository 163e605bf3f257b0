"""Part of one text on the clipboard or dragged: blanks stay blanks of their fields and
references stay references, a move is one step that undoes exactly, bad data is refused."""

from __future__ import annotations

import pytest

from app.model import clipboard, editing
from app.model.draft import Blank, Ref
from app.model.editing import EditError, Pos
from tests.test_editing import Session, body, contract, heading


def test_a_copied_blank_and_reference_paste_back_bound_and_elsewhere_bring_their_field():
    draft = contract()
    segments = editing.cut(draft.parts[0].articles[1].body, 3, 10)  # ref … blank
    data = clipboard.copy_inline(draft, segments, "home")
    s = Session(draft)
    s.do(editing.paste_within(draft, Pos(body(3), 0), data, "home"))
    pasted = draft.parts[0].articles[0].children[0].body
    assert isinstance(pasted[0], Ref) and pasted[0].target == 4
    assert any(isinstance(x, Blank) and x.field_id == 9 for x in pasted)
    assert len(draft.fields) == 1, "its own field back home, no new one"
    other = contract()
    other.fields.clear()
    other.parts[0].articles[1].body = ["空。"]
    s2 = Session(other)
    s2.do(editing.paste_within(other, Pos(body(6), 0), data, "elsewhere"))
    blank = next(x for x in other.parts[0].articles[1].body if isinstance(x, Blank))
    assert other.fields[blank.field_id].label == "金额"
    ref = next(x for x in other.parts[0].articles[1].body if isinstance(x, Ref))
    assert ref.target == clipboard.NOWHERE and ref.last == "第1.2条", "dangling, keeps its text"
    s2.undo_all()


def test_inline_data_into_a_heading_is_its_words():
    draft = contract()
    data = clipboard.copy_inline(draft, editing.cut(draft.parts[0].articles[1].body, 0, 4), "h")
    Session(draft).do(editing.paste_within(draft, Pos(heading(2), 0), data, "h"))
    assert draft.parts[0].articles[0].heading == "违反第第1.2条保密"


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b'{"format": "contract-editor/inline", "version": 99, "segments": []}',
        b'{"format": "contract-editor/inline", "version": 1, "segments": [{"field": 3}]}',
        b'{"format": "contract-editor/inline", "version": 1, "segments": [{"x": 1}]}',
    ],
)
def test_damaged_inline_data_is_refused_with_a_message(data):
    with pytest.raises(EditError):
        editing.paste_within(contract(), Pos(body(3), 0), data, "h")


def test_a_move_is_one_step_and_a_drop_inside_itself_is_nothing():
    draft = contract()
    s = Session(draft)
    before = editing.block_text(draft.parts[0].articles[1].body)
    s.do(editing.move_text(draft, Pos(body(6), 3), Pos(body(6), 4), Pos(body(3), 0)))
    assert isinstance(draft.parts[0].articles[0].children[0].body[0], Ref)
    assert editing.block_text(draft.parts[0].articles[1].body) == before[:3] + before[4:]
    s.undo_all()
    assert editing.move_text(draft, Pos(body(6), 1), Pos(body(6), 4), Pos(body(6), 2)) is None
    with pytest.raises(EditError):
        editing.move_text(draft, Pos(body(6), 1), Pos(body(3), 2), Pos(body(6), 0))
