"""Articles on the clipboard (app.model.clipboard) and a new draft's first part in the same
step as its first article (ops.in_a_part): exact, undoable, and safe with hostile data."""

from __future__ import annotations

import json

import pytest

from app.model import clipboard
from app.model.commands import Compound
from app.model.draft import Blank, Draft, Ref
from app.model.fileformat import dumps
from app.model.ops import (
    EditError,
    History,
    delete_node,
    in_a_part,
    insert_empty,
    insert_text_node,
    set_field_value,
    set_text,
)
from app.model.view import show

HERE, ELSEWHERE = "draft-a", "draft-b"


def contract() -> tuple[Draft, History]:
    """第一条 with a named and an anonymous blank; 第二条 with two clauses, the first
    naming 本条第2款 and 第一条; 第三条 naming 第二条."""
    draft = Draft(title="样本")
    history = History(draft)
    history.push(
        in_a_part(
            draft, lambda d: insert_text_node(d, d.parts[0].id, 0, "定义", "甲方：【甲方名称】。")
        )
    )
    part = draft.parts[0].id
    history.push(
        insert_text_node(
            draft, part, 1, "保密", "见本合同第一条。", [("", "x", ()), ("", "期限____日。", ())]
        )
    )
    history.push(insert_text_node(draft, part, 2, "违约", "违反本合同第二条的，承担责任。"))
    first_clause = draft.parts[0].articles[1].children[0]
    history.push(set_text(draft, first_clause.id, "除本条第2款外，【甲方名称】应保密。"))
    name = draft.field_named("甲方名称")
    history.push(set_field_value(draft, name.id, "甲公司"))
    return draft, history


def refs(node) -> list[Ref]:
    return [s for n in node.walk() for s in n.body if isinstance(s, Ref)]


def test_cut_then_paste_in_place_restores_the_article_and_what_refers_to_it() -> None:
    draft, history = contract()
    before = show(draft)
    second = draft.parts[0].articles[1]
    ids = [n.id for n in second.walk()]
    data = clipboard.copy_nodes(draft, [second.id], HERE)
    history.push(delete_node(draft, second.id))
    assert show(draft)["parts"][0]["articles"][1]["text"] == "违反本合同第二条的，承担责任。"
    history.push(clipboard.paste_nodes(draft, data, draft.parts[0].id, 1, HERE))
    assert show(draft) == before  # numbers, texts, values and references all as they were
    back = draft.parts[0].articles[1]
    assert [n.id for n in back.walk()] == ids  # its own ids: 第三条's reference follows it again
    assert refs(draft.parts[0].articles[2])[0].target == second.id
    [blank] = [s for s in back.children[0].body if isinstance(s, Blank)]
    assert blank.field_id == draft.field_named("甲方名称").id  # the same field, the same value


def test_a_copy_pasted_in_the_same_draft_gets_new_ids_and_its_own_references() -> None:
    draft, history = contract()
    original = dumps(draft)
    second = draft.parts[0].articles[1]
    data = clipboard.copy_nodes(draft, [second.id], HERE)
    history.push(clipboard.paste_nodes(draft, data, draft.parts[0].id, 3, HERE))
    copy = draft.parts[0].articles[3]
    all_ids = [n.id for _, n in draft.nodes()]
    assert len(all_ids) == len(set(all_ids))
    inner, outer = refs(copy.children[0])[0], refs(copy)[0]
    assert inner.target == copy.children[1].id  # 本条第2款 of the copy: the copy's clause
    assert outer.target == draft.parts[0].articles[0].id  # 本合同第一条: still 第一条
    assert (
        show(draft)["parts"][0]["articles"][3]["clauses"][0]["text"]
        == "除本条第2款外，甲公司应保密。"
    )
    assert history.undo()
    assert dumps(draft) == original


def test_pasted_into_another_draft_fields_come_along_and_outside_references_keep_their_text():
    draft, _ = contract()
    data = clipboard.copy_nodes(draft, [draft.parts[0].articles[1].id], HERE)
    other = Draft(title="另一份")
    history = History(other)
    history.push(
        in_a_part(other, lambda d: clipboard.paste_nodes(d, data, d.parts[0].id, 0, ELSEWHERE))
    )
    pasted = other.parts[0].articles[0]
    assert show(other)["parts"][0]["articles"][0]["text"] == "见本合同第一条。"
    dangling = refs(pasted)[0]
    assert dangling.target == clipboard.NOWHERE and dangling.last == "第一条"
    assert refs(pasted.children[0])[0].target == pasted.children[1].id
    named = other.field_named("甲方名称")
    assert named is not None and named.value == "甲公司"  # value and all
    assert len(other.fields) == 2  # the anonymous ____ too
    assert history.undo()
    assert dumps(other) == dumps(Draft(title="另一份"))  # the part went with the undo


def test_a_named_field_joins_the_same_name_in_the_draft_it_is_pasted_into() -> None:
    draft, _ = contract()
    data = clipboard.copy_nodes(draft, [draft.parts[0].articles[1].id], HERE)
    other = Draft()
    history = History(other)
    history.push(
        in_a_part(other, lambda d: insert_text_node(d, d.parts[0].id, 0, "", "【甲方名称】"))
    )
    mine = other.field_named("甲方名称")
    history.push(set_field_value(other, mine.id, "乙公司"))
    for _ in range(2):  # pasted twice: fresh ids each time, still one field of that name
        history.push(clipboard.paste_nodes(other, data, other.parts[0].id, 1, ELSEWHERE))
    blanks = [s for _, n in other.nodes() for s in n.body if isinstance(s, Blank)]
    named = [b for b in blanks if other.fields[b.field_id].name == "甲方名称"]
    assert len(named) == 3 and {b.field_id for b in named} == {mine.id}
    assert other.fields[mine.id].value == "乙公司"
    ids = [n.id for _, n in other.nodes()] + list(other.fields) + [p.id for p in other.parts]
    assert len(ids) == len(set(ids)) and max(ids) < other.next_id


def test_an_article_and_its_own_clause_selected_are_copied_once_in_reading_order() -> None:
    draft, _ = contract()
    first, second = draft.parts[0].articles[:2]
    data = json.loads(
        clipboard.copy_nodes(draft, [second.children[1].id, second.id, first.id], HERE)
    )
    assert [n["id"] for n in data["nodes"]] == [first.id, second.id]
    text = clipboard.plain_text(draft, [second.id])
    assert (
        text == "第二条 保密\n见本合同第一条。\n2.1 除本条第2款外，甲公司应保密。\n2.2 期限____日。"
    )


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe\x00garbage",
        b"[1, 2]",
        b'{"format": "contract-editor/draft", "version": 1}',
        b'{"format": "contract-editor/nodes", "version": 99, "nodes": [], "fields": []}',
        b'{"format": "contract-editor/nodes", "version": 1, "nodes": [], "fields": []}',
        b'{"format": "contract-editor/nodes", "version": 1, "nodes": {}, "fields": []}',
        b'{"format": "contract-editor/nodes", "version": 1, "fields": [],'
        b' "nodes": [{"id": 1, "body": [{"field": 7, "blank": "__"}]}]}',
        b'{"format": "contract-editor/nodes", "version": 1, "fields": [],'
        b' "nodes": [{"id": 5}, {"id": 5}]}',
        b'{"format": "contract-editor/nodes", "version": 1, "fields": [], "nodes": [{"id": -3}]}',
        b'{"format": "contract-editor/nodes", "version": 1, "fields": [], "nodes": ['
        + b'{"id": 1, "children": [' * 5000
        + b"]}" * 5000
        + b"]}",
    ],
    ids=[
        "empty",
        "binary",
        "a list",
        "a whole draft",
        "newer version",
        "no nodes",
        "nodes not a list",
        "blank without its field",
        "one id twice",
        "negative id",
        "nested 5000 deep",
    ],
)
def test_clipboard_data_that_is_not_ours_is_refused_and_the_draft_is_untouched(data: bytes):
    draft, _ = contract()
    before = dumps(draft)
    with pytest.raises(EditError):
        clipboard.paste_nodes(draft, data, draft.parts[0].id, 0, HERE)
    assert dumps(draft) == before


def test_the_first_article_of_an_empty_draft_brings_its_part_in_the_same_step() -> None:
    draft = Draft(title="新")
    empty = dumps(draft)
    history = History(draft)
    command = in_a_part(draft, lambda d: insert_empty(d, d.parts[0].id, 0, "新条"))
    assert dumps(draft) == empty  # a builder leaves the draft as it was
    assert isinstance(command, Compound) and command.name.zh == "插入条“新条”"
    history.push(command)
    after = dumps(draft)
    assert len(draft.parts) == 1 and len(draft.parts[0].articles) == 1
    assert history.undo() and dumps(draft) == empty
    assert history.redo() and dumps(draft) == after
    with pytest.raises(EditError):  # a build that fails leaves no part behind
        in_a_part(Draft(), lambda d: insert_empty(d, d.parts[0].id, 5))
