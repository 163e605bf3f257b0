"""Tick boxes (□ ☐ ☑ ■ [ ] {{☐name}}): grouped with the alternatives offered beside them,
an answer whether ticked or not (never an unfilled field), written back as ☐ / ☑."""

from __future__ import annotations

import io
import json
from collections import defaultdict

import pytest
from docx import Document
from docx import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main_cli
from app.model import ops
from app.model.checks import run_checks
from app.model.draft import Blank, Cell, Draft, Node, Part, Table
from app.model.fileformat import dumps, loads
from app.model.find import FindOptions, find_all
from app.model.importer import draft_from_document
from app.model.overwrite import filled_summary
from app.model.text import enter_text
from app.model.tick_boxes import group_table_boxes
from app.model.view import show
from app.readers import read_any
from app.word.export import render_docx, unfilled_fields
from clause_db.placeholders import find_placeholders
from tests.conftest import CORPUS

DATA_PROVISION = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
TOUR = CORPUS / "zh_gf2014_2402_outbound_group_tour_contract.txt"


def boxes(text: str) -> list[tuple[str, int, bool]]:
    """(label, group as the index of its first box, ticked) of each tick box in ``text``."""
    found = [p for p in find_placeholders(text) if p.kind == "checkbox"]
    firsts = {p.span[0]: i for i, p in enumerate(found)}
    for p in found:
        assert p.group in firsts, "a group is keyed by the start of its first box"
    return [(p.label, firsts[p.group], p.ticked) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # one line of alternatives; the blank after 其他 stays a text field
            "证件类型：☐统一社会信用代码 ☐居民身份证 ☐护照 ☐其他____\n证件号码：____",
            [("统一社会信用代码", 0, False), ("居民身份证", 0, False), ("护照", 0, False),
             ("其他", 0, False)],
        ),
        (  # GF-2014-2402 第二十二条: a run of lines, one box opening each
            "2.旅游者可以做以下选择：\n□ 委托出境社购买：名称 ____；\n□自行购买；\n□放弃购买。",
            [("委托出境社购买", 0, False), ("自行购买", 0, False), ("放弃购买", 0, False)],
        ),
        (  # two questions, a line each: two groups
            "是否同意：□同意 □不同意\n是否续签：□是 □否",
            [("同意", 0, False), ("不同意", 0, False), ("是", 2, False), ("否", 2, False)],
        ),
        (  # a text line between two runs of boxes parts them
            "☐A\n☐B\n付款方式：\n☐C",
            [("A", 0, False), ("B", 0, False), ("C", 2, False)],
        ),
        (  # table rows as text: the same words before the box in each row
            "数据 | ☐持有权 | x\n数据 | ☐使用权 | y",
            [("持有权", 0, False), ("使用权", 0, False)],
        ),
        ("■同意 □不同意", [("同意", 0, True), ("不同意", 0, False)]),  # a filled-in form
        ("甲方：{{☑甲方_护照}}护照 {{☐甲方_其他}}其他", [("甲方_护照", 0, True),
                                                    ("甲方_其他", 0, False)]),
        (  # a Markdown task list; [X] in a sentence is a blank, not a box
            "- [ ] Option A\n- [x] Option B\nwithin [X] days",
            [("Option A", 0, False), ("Option B", 0, True)],
        ),
        ("1. ☐ Yes\n2. ☐ No", [("Yes", 0, False), ("No", 0, False)]),
    ],
)  # fmt: skip
def test_boxes_offered_together_share_a_group(text: str, expected: list) -> None:
    assert boxes(text) == expected


def test_a_bracket_in_a_sentence_stays_a_blank() -> None:
    kinds = [(p.kind, p.label) for p in find_placeholders("within [X] days; Landlord: [ ]")]
    assert kinds == [("square", "period (days)"), ("square", "Landlord")]


_OPTION = st.text(alphabet="甲乙丙丁同意是否续签付款", min_size=1, max_size=4)
_LAYOUT = st.sampled_from(["line", "lines"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_LAYOUT, st.lists(_OPTION, min_size=1, max_size=4)), max_size=5))
def test_groups_follow_the_layout(questions: list[tuple[str, list[str]]]) -> None:
    """Questions a line of words each, their options on the question's line or a line each
    under it: every question's boxes, and only they, share one group."""
    lines, expected = [], []
    for q, (layout, options) in enumerate(questions):
        if layout == "line":
            lines.append(f"问题{q}：" + " ".join(f"☐{o}" for o in options))
        else:
            lines += [f"问题{q}：", *(f"☐{o}；" for o in options)]
        expected += [q] * len(options)
    found = boxes("\n".join(lines))
    assert len(found) == len(expected)
    firsts: dict[int, int] = {}
    for (_, group, ticked), q in zip(found, expected, strict=True):
        assert firsts.setdefault(q, group) == group and not ticked
    assert len(set(firsts.values())) == len(firsts)  # no two questions in one group


# -- the draft ------------------------------------------------------------------------------


def draft_of(path) -> Draft:
    outline = read_any(path)
    return draft_from_document(outline.documents[0], outline.text, path.name)


def box_groups(draft: Draft) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = defaultdict(list)
    for f in draft.fields.values():
        if f.kind == "checkbox":
            groups[f.group].append(f.name or f.label)
    return dict(groups)


def test_the_data_provision_contracts_boxes_are_grouped_tick_boxes() -> None:
    draft = draft_of(DATA_PROVISION)
    groups = box_groups(draft)
    assert sum(map(len, groups.values())) == 30 and len(groups) == 11
    identity = ["统一社会信用代码", "居民身份证", "护照", "其他证件"]
    assert [f"甲方_{kind}" for kind in identity] in groups.values()
    assert ["网盘", "API", "其他云端"] in groups.values()
    assert ["存储介质", "其他物理"] in groups.values()  # 物理交付: a group of its own
    other = draft.field_named("甲方_其他证件说明")
    assert other is not None and other.kind == "text"  # 其他：____ stays a text field
    texts = [f for f in draft.fields.values() if f.kind == "text"]
    unfilled = unfilled_fields(draft)
    # 159: the cover page's 合同编号 is a field of the draft's cover too
    assert len(unfilled) == len(texts) == 159 and "甲方_护照" not in unfilled
    assert draft.cover is not None and "合同编号" in unfilled
    assert filled_summary(draft) == "0 of 159 fields filled"
    fields = show(draft)["fields"]
    assert {(f["kind"], f["group"]) for f in fields if f["name"] == "甲方_护照"} == {
        ("checkbox", draft.field_named("甲方_护照").group)
    }


def test_the_tour_contracts_insurance_choice_is_one_group() -> None:
    draft = draft_of(TOUR)
    groups = list(box_groups(draft).values())
    assert groups == [["委托出境社购买", "自行购买", "放弃购买"]]
    product = next(f for f in draft.fields.values() if f.label == "保险产品名称")
    assert product.kind == "text" and product.label in unfilled_fields(draft)


def test_unticked_boxes_are_a_gentle_note_once_a_group_not_unfilled_fields() -> None:
    draft = draft_of(TOUR)
    checks = run_checks(draft)
    box_ids = {f.id for f in draft.fields.values() if f.kind == "checkbox"}
    assert not [c for c in checks if c.kind == "unfilled" and c.field_id in box_ids]
    [note] = [c for c in checks if c.kind == "no_choice"]
    assert note.severity == "info" and "自行购买" in note.message.zh
    first = min(box_ids)
    ops.set_field_value(draft, first, "1").apply(draft)
    assert not [c for c in run_checks(draft) if c.kind == "no_choice"]


def ticked_draft() -> Draft:
    draft = Draft()
    entered = enter_text(draft, "证件类型：☐身份证 ☑护照 ☐其他____", lambda m: None)
    for f in entered.new_fields:
        draft.fields[f.id] = f
    draft.preamble = entered.segments
    return draft


def test_a_box_written_ticked_imports_ticked_and_survives_save_and_reopen() -> None:
    draft = loads(dumps(ticked_draft()))
    boxes_ = [f for f in draft.fields.values() if f.kind == "checkbox"]
    assert [(f.label, f.value) for f in boxes_] == [("身份证", None), ("护照", "1"), ("其他", None)]
    assert len({f.group for f in boxes_}) == 1


def test_a_box_typed_beside_others_joins_their_group() -> None:
    draft = ticked_draft()
    group = next(f.group for f in draft.fields.values() if f.kind == "checkbox")
    entered = enter_text(draft, "证件类型：☐身份证 ☑护照 ☐其他____ ☐军官证", lambda m: None,
                         previous=draft.preamble)  # fmt: skip
    new = [f for f in entered.new_fields if f.kind == "checkbox"]
    assert [(f.label, f.group) for f in new] == [("军官证", group)]


def test_export_writes_boxes_in_the_texts_run_unhighlighted() -> None:
    draft = ticked_draft()
    document = Document(io.BytesIO(render_docx(draft)))
    [p] = [p for p in document.paragraphs if "证件类型" in p.text]
    assert p.text == "证件类型：☐身份证 ☑护照 ☐其他____"
    highlighted = [r.text for r in p.runs if r.font.highlight_color is not None]
    assert highlighted == ["____"]  # the text blank only: no box reads as unfilled
    box_runs = [r for r in p.runs if "☐" in r.text or "☑" in r.text]
    assert all(r.font.name is None for r in box_runs)  # the paragraph's own font


def test_exported_data_provision_contract_reads_back_with_its_boxes() -> None:
    draft = draft_of(DATA_PROVISION)
    passport = draft.field_named("甲方_护照")
    ops.set_field_value(draft, passport.id, "1").apply(draft)
    text = "\n".join(p.text for p in Document(io.BytesIO(render_docx(draft))).paragraphs)
    assert "☑护照" in text and "☐居民身份证" in text and "{{☐" not in text
    blanks = [s for body in draft.bodies() for s in body if isinstance(s, Blank)]
    assert sum(draft.fields[b.field_id].kind == "checkbox" for b in blanks) == 30


def cell(draft: Draft, text: str) -> Cell:
    entered = enter_text(draft, text, lambda m: None)
    for f in entered.new_fields:
        draft.fields[f.id] = f
    return Cell(entered.segments)


def test_boxes_down_a_table_column_are_one_group() -> None:
    """The data provision contract's rights table: a row per right, its box opening the cell;
    a row whose cell holds a question before its boxes starts a group of its own."""
    draft = Draft()
    rows = [
        ("标的数据", "☐数据持有权", "____"),
        ("标的数据", "☐数据使用权", "____"),
        ("标的数据", "☐数据经营权", "____"),
        ("备注", "是否登记：☐是 ☐否", ""),
        ("其他", "☐A", ""),
        ("其他", "☐B", ""),
    ]
    table = Table(draft.new_id(), [[cell(draft, text) for text in row] for row in rows])
    article = Node(draft.new_id(), tables=[table])
    draft.parts = [Part(draft.new_id(), articles=[article])]
    group_table_boxes(draft)
    groups = box_groups(draft)
    assert sorted(groups.values()) == [
        ["A", "B"], ["数据持有权", "数据使用权", "数据经营权"], ["是", "否"]
    ]  # fmt: skip
    texts = [f for f in draft.fields.values() if f.kind == "text"]
    assert len(texts) == 3 and all(f.group is None for f in texts)


def test_find_does_not_match_a_ticked_boxs_value() -> None:
    draft = ticked_draft()  # ☑护照: its value is "1"
    draft.parts = [Part(draft.new_id())]
    entered = enter_text(draft, "第1次付款 ____", lambda m: None)
    for f in entered.new_fields:
        draft.fields[f.id] = f
    node = Node(draft.new_id(), body=entered.segments)
    draft.parts[0].articles.append(node)
    text_field = next(f for f in entered.new_fields)
    ops.set_field_value(draft, text_field.id, "100").apply(draft)
    hits = find_all(draft, "1", FindOptions(field_values=True))
    assert [m.field_id for m in hits] == [None, text_field.id]  # 第1次, then the value 100


def test_outline_json_gives_each_box_its_group_and_whether_it_is_ticked(capsys) -> None:
    assert main_cli(["outline", str(TOUR), "--json"]) == 0
    outline = json.loads(capsys.readouterr().out)

    def placeholders(node: dict):
        yield from node["placeholders"]
        for child in node["clauses"]:
            yield from placeholders(child)

    found = [
        p
        for doc in outline["documents"]
        for part in doc["parts"]
        for article in part["articles"]
        for p in placeholders(article)
    ]
    boxes_ = [p for p in found if p["kind"] == "checkbox"]
    assert len(boxes_) == 3 and {p["group"] for p in boxes_} == {boxes_[0]["span"][0]}
    assert not any(p["ticked"] for p in boxes_)
    assert all("group" not in p for p in found if p["kind"] != "checkbox")


def test_draft_show_counts_tick_boxes_apart_from_fields(tmp_path, capsys) -> None:
    target = tmp_path / "data.contract"
    assert main_cli(["draft", "new", "--from", str(DATA_PROVISION), "-o", str(target)]) == 0
    assert main_cli(["draft", "fill", str(target), "甲方_护照=1"]) == 0
    capsys.readouterr()
    assert main_cli(["draft", "show", str(target)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == "— 159 field(s), 159 unfilled; 30 tick box(es) in 11 group(s), 1 ticked"


@pytest.mark.parametrize(("typed", "held"), [("☑", "1"), ("yes", "1"), ("1", "1"), ("", None)])
def test_a_box_holds_1_whatever_ticked_it(typed: str, held: str | None) -> None:
    draft = ticked_draft()
    box = next(f for f in draft.fields.values() if f.label == "身份证")
    history = ops.History(draft)
    history.push(ops.set_field_value(draft, box.id, typed))
    assert box.value == held
    history.undo()
    assert box.value is None


W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def _control(checked: bool) -> str:
    glyph = "☒" if checked else "☐"  # Word's own glyphs in MS Gothic
    return (
        f"<w:sdt {nsdecls('w')} {W14}><w:sdtPr><w14:checkbox>"
        f'<w14:checked w14:val="{int(checked)}"/></w14:checkbox></w:sdtPr>'
        f"<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def _form_field(checked: bool) -> str:
    return (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>'
        f'<w:sizeAuto/><w:default w:val="{int(checked)}"/></w:checkBox></w:ffData>'
        "</w:fldChar></w:r>"
    )


def test_word_check_boxes_are_tick_boxes_in_their_state(tmp_path) -> None:
    """A check box content control (ticked it shows ☒) and a legacy FORMCHECKBOX field
    (no glyph in the text at all) read as ☑ / ☐ as Word shows their state."""
    document = DocxDocument()
    document.add_paragraph("服务合同", style="Title")
    document.add_paragraph("第一条 证件")
    p = document.add_paragraph("证件类型：")
    for checked, option in ((True, "身份证 "), (False, "护照")):
        p._p.append(parse_xml(_control(checked)))
        p.add_run(option)
    q = document.add_paragraph("是否续签：")
    for checked, option in ((False, "是 "), (True, "否")):
        q._p.append(parse_xml(_form_field(checked)))
        q.add_run(option)
    path = tmp_path / "boxes.docx"
    document.save(str(path))
    assert "证件类型：☑身份证 ☐护照\n是否续签：☐是 ☑否" in read_any(path).text
    draft = draft_of(path)
    assert [(f.label, f.value) for f in draft.fields.values() if f.kind == "checkbox"] == [
        ("身份证", "1"), ("护照", None), ("是", None), ("否", "1")
    ]  # fmt: skip
    assert len(box_groups(draft)) == 2


def _symbol_run(font: str, char: str, as_text: bool) -> str:
    if as_text:  # the private-use character itself, in the symbol font
        return (
            f'<w:r {nsdecls("w")}><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
            f"<w:t>{chr(int(char, 16))}</w:t></w:r>"
        )
    return f'<w:r {nsdecls("w")}><w:sym w:font="{font}" w:char="{char}"/></w:r>'


@pytest.mark.parametrize("as_text", [False, True])
def test_boxes_drawn_in_wingdings_are_tick_boxes(tmp_path, as_text: bool) -> None:
    document = DocxDocument()
    p = document.add_paragraph("付款方式：")
    for font, char, option in (
        ("Wingdings 2", "F052", "一次性 "),
        ("Wingdings 2", "F0A3", "分期 "),
        ("Wingdings", "F0FE", "现金 "),
        ("Wingdings", "00A8", "转账"),
    ):
        p._p.append(parse_xml(_symbol_run(font, char, as_text)))
        p.add_run(option)
    path = tmp_path / "wingdings.docx"
    document.save(str(path))
    assert "付款方式：☑一次性 ☐分期 ☑现金 ☐转账" in read_any(path).text
