"""Cover pages, signature blocks and annexes, from import to export (issue 12).

The fixtures in tests/fixtures/structure/ were written for these tests (SOURCES.md there);
each stands for a class of layout. Every outline is checked lossless; every export is read
back with python-docx.
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main_cli
from app.model import fileformat, ops
from app.model.draft import Ref, plain
from app.model.files import load_draft, save_draft
from app.model.importer import draft_from_document
from app.model.numbering import annex_labels, labels, number_paths
from app.model.text import render_body
from app.model.view import show
from app.readers import read_any
from app.word.export import ExportOptions, render_docx
from clause_db.numerals import int_to_cn
from clause_db.references import find_references, write_annex_label, write_reference
from clause_db.segment import parse_text
from tests.conftest import CORPUS, FIXTURES
from tests.outline_checks import assert_lossless

if TYPE_CHECKING:
    from pathlib import Path

STRUCTURE = FIXTURES / "structure"
GF = STRUCTURE / "zh_gf_cover_signature_annexes.txt"
EN = STRUCTURE / "en_cover_witness_exhibits.txt"
LISTED = STRUCTURE / "zh_annex_list_in_last_article.txt"
DATA_PROVISION = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"


def document_of(path: Path):
    outline = read_any(path)
    assert_lossless(outline)
    (doc,) = outline.documents
    return outline, doc


def draft_of(path: Path):
    outline, doc = document_of(path)
    return draft_from_document(doc, outline.text, path.name)


def heading_articles(part) -> list[tuple[str, str]]:
    return [(a.label.value, a.heading.value) for a in part.articles]


# -- the outline ----------------------------------------------------------------------------


def test_a_gf_cover_runs_from_the_number_before_the_title_to_the_parties_named_again():
    outline, doc = document_of(GF)
    assert doc.title == "设备维护服务合同"
    assert doc.cover.value.splitlines() == [
        "合同编号：____",
        "（GF-2099-0001）",
        "甲方（委托方）：____",
        "乙方（服务方）：____",
        "签订日期：____年__月__日",
        "签订地点：____",
    ]
    cover_start, cover_end = doc.cover.span
    assert cover_start < doc.title_piece.span[0] < cover_end  # the title is a hole in it
    assert doc.preamble.value.startswith("甲方（委托方）：____\n统一社会信用代码")
    assert doc.preamble.span[0] == cover_end
    assert "cover page" not in [s.reason for s in doc.skipped]


def test_title_page_parties_named_once_are_the_parties_block_not_a_cover():
    text = "采购合同\n甲方：某公司\n乙方：某厂\n签订日期：____\n第一条 标的\n设备。\n"
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert doc.cover is None
    assert doc.preamble.value == "甲方：某公司\n乙方：某厂\n签订日期：____"


def test_an_english_cover_page_between_and_dated_ends_at_the_first_sentence():
    _, doc = document_of(EN)
    assert doc.title == "SUPPLY AGREEMENT"
    lines = [line for line in doc.cover.value.splitlines() if line]
    assert lines == [
        "between",
        "NORTHWIND TRADING LIMITED",
        "and",
        "CONTOSO SUPPLIES LLC",
        "Dated ____________ 2025",
    ]
    assert doc.preamble.value.startswith("THIS SUPPLY AGREEMENT is made")


def test_a_title_written_again_on_the_first_page_leaves_the_cover_before_it():
    text = (
        "SERVICES AGREEMENT\n(1) ACME LIMITED\n(2) BETA LIMITED\n\n"
        "SERVICES AGREEMENT\nTHIS AGREEMENT is dated ____.\n"
        "1. Services\nThe Supplier provides support.\n2. Fees\nMonthly.\n"
    )
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert doc.cover.value == "SERVICES AGREEMENT\n(1) ACME LIMITED\n(2) BETA LIMITED"
    assert doc.title_piece.span[0] == text.index("SERVICES AGREEMENT\nTHIS")
    assert [a.number for a in doc.iter_articles()] == [1, 2]


def test_an_instruction_list_before_the_title_is_cover_not_articles():
    text = (
        "How to use this form\n1. Fill in the names.\n2. Delete this page.\n"
        "Consulting Agreement\nThis Agreement is made between the parties.\n"
        "1. Services\nThe consultant advises.\n2. Fees\nHourly.\n3. Term\nOne year.\n"
    )
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert doc.title == "Consulting Agreement"
    assert doc.cover.value.startswith("How to use this form\n1. Fill in")
    assert [a.heading.value for a in doc.iter_articles()] == ["Services", "Fees", "Term"]


def test_a_signature_page_note_and_seal_lines_are_the_signature_block():
    _, doc = document_of(GF)
    last = list(doc.iter_articles())[-1]
    assert [c.text.value for c in last.clauses][-1] == "本合同一式两份，双方各执一份。"
    lines = doc.signature.value.splitlines()
    assert lines[:2] == ["（以下无正文，下接签署页）", "甲方（盖章）：____"]
    assert doc.signature.value.endswith("日期：____年__月__日")


def test_in_witness_and_by_name_title_lines_are_the_signature_block():
    _, doc = document_of(EN)
    last = list(doc.iter_articles())[-1]
    assert last.clauses[-1].text.value == "This Agreement may be signed in counterparts."
    assert doc.signature.value.startswith("IN WITNESS WHEREOF the parties have executed")
    assert "CONTOSO SUPPLIES LLC\nBy: ____________\nName:\nTitle:" in doc.signature.value


@pytest.mark.parametrize(
    ("tail", "signature"),
    [
        # a By: block with the party names above it, no IN WITNESS line
        (
            "ACME INC.\nBy: ________\nName: ________\n",
            "ACME INC.\nBy: ________\nName: ________",
        ),
        # a deed's execution clause
        (
            "SIGNED by Jane Doe for and on behalf of ACME LIMITED\nDirector: ____\n",
            "SIGNED by Jane Doe for and on behalf of ACME LIMITED\nDirector: ____",
        ),
        # the signature page's own heading
        ("签署页\n甲方：____\n乙方：____\n", "签署页\n甲方：____\n乙方：____"),
        # a seal line with a role other than 甲方/乙方
        ("出租人（盖章）：____\n承租人（盖章）：\n", "出租人（盖章）：____\n承租人（盖章）："),
        # 甲方：____（盖章） as the GF model texts write it, in table rows
        ("甲方：____（盖章） | 乙方：____（盖章）\n", "甲方：____（盖章） | 乙方：____（盖章）"),
    ],
)
def test_signature_blocks_written_in_other_ways_end_the_last_article(tail, signature):
    text = "Agreement\n1. Term\nOne year.\n2. Law\nThe law of Ruritania applies.\n" + tail
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert list(doc.iter_articles())[-1].text.value == "The law of Ruritania applies."
    assert doc.signature.value == signature


def test_a_sentence_about_signing_in_the_last_article_is_no_signature_block():
    text = "协议\n第一条 生效\n1. 本合同经双方签字（盖章）后生效。\n2. 一式两份。\n"
    outline = parse_text(text)
    (doc,) = outline.documents
    assert doc.signature is None
    assert len(list(doc.iter_articles())[0].clauses) == 2


def test_annexes_with_and_without_articles():
    _, doc = document_of(GF)
    assert [(a.label.value, a.title.value) for a in doc.annexes] == [
        ("附件一", "设备清单"),
        ("附件二", "服务标准"),  # its title on the line after its label
        ("附表1", "费用明细"),
    ]
    first, second, third = doc.annexes
    assert first.parts == [] and first.text.value.startswith("序号 | 设备名称 | 数量")
    (part,) = second.parts  # 一、/二、 are its articles, 1./2. their items
    assert heading_articles(part) == [("一、", "响应时间"), ("二、", "维护频次")]
    assert [c.label.value for c in part.articles[1].clauses] == ["1.", "2."]
    assert third.text.value == "月度费用：____元"
    assert len(doc.parts) == 1  # no annex is a part of the body


def test_english_exhibits_and_schedules_are_annexes_numbered_inside():
    _, doc = document_of(EN)
    assert [(a.label.value, a.title.value) for a in doc.annexes] == [
        ("Exhibit A", "Products and Prices"),
        ("Exhibit B", "Service Levels"),
        ("Schedule 1", "Contact details of the parties"),
    ]
    assert [a.number for a in doc.iter_articles()] == [1, 2, 3]  # the body alone
    (part,) = doc.annexes[1].parts
    assert heading_articles(part) == [("1.", "Delivery"), ("2.", "Support")]


@pytest.mark.parametrize("heading", ["附件：设备清单\n", "附件\n设备清单\n"])
def test_one_annex_without_a_number_after_the_signatures_is_an_annex(heading):
    text = "协议\n第一条 标的\n设备。\n甲方（盖章）：\n乙方（盖章）：\n" + heading
    text += "服务器两台。\n"
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert doc.signature.value == "甲方（盖章）：\n乙方（盖章）："
    assert [(a.label.value, a.title.value, a.text.value) for a in doc.annexes] == [
        ("附件", "设备清单", "服务器两台。")
    ]


def test_a_list_of_annexes_inside_the_last_article_stays_there():
    _, doc = document_of(LISTED)
    assert doc.annexes == []
    listed = list(doc.iter_articles())[1]
    assert "附件1：需求说明书\n附件2：报价单" in listed.text.value
    assert doc.signature.value == "甲方（盖章）：\n乙方（盖章）：\n日期："


def test_outline_json_lists_cover_signature_and_annexes_and_tiles_the_text(capsys):
    assert main_cli(["outline", str(GF), "--json"]) == 0
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    text = GF.read_text(encoding="utf-8")
    cover, signature = document["cover"], document["signature"]
    assert cover["text"].startswith("合同编号") and signature["text"].startswith("（以下无正文")
    assert text[slice(*signature["span"])].strip() == signature["text"]
    annex = document["annexes"][1]
    assert (annex["label"], annex["title"]) == ("附件二", "服务标准")
    assert text[slice(*annex["label_span"])] == "附件二"
    assert [a["label"] for a in annex["parts"][0]["articles"]] == ["一、", "二、"]


# -- the draft ------------------------------------------------------------------------------


def test_the_draft_keeps_cover_signature_and_annexes_with_their_fields():
    draft = draft_of(GF)
    assert plain(draft.cover.body).startswith("合同编号：____\n（GF-2099-0001）")
    assert plain(draft.signature.body).startswith("（以下无正文，下接签署页）")
    assert [(a.label, a.title) for a in draft.annexes] == [
        ("附件一", "设备清单"),
        ("附件二", "服务标准"),
        ("附表1", "费用明细"),
    ]
    assert annex_labels(draft) == {a.id: a.label for a in draft.annexes}
    counts = draft.occurrences()
    blanks = [s for s in draft.signature.body if not isinstance(s, str)]
    assert blanks and all(counts[b.field_id] == 1 for b in blanks)  # its blanks are fields
    assert sum(len(p.articles) for p in draft.parts) == 3  # annexes are not body articles
    assert draft.numbering == "chinese_items"  # 第一条 / 1., as the body writes it
    annex = draft.annexes[1]  # 一、 / 1. as the annex writes it: no named style has that mix
    assert annex.numbering == "forms:一、 / 1."
    shown = labels(draft)
    assert [shown[n.id] for n in annex.parts[0].articles[1].children] == ["1.", "2."]


def test_an_annex_article_is_reachable_edited_and_numbered_inside_its_annex():
    draft = draft_of(GF)
    annex = draft.annexes[1]
    (part,) = annex.parts
    second = part.articles[1]
    assert draft.node(second.id) is second
    assert draft.parent_id(second.id) == part.id
    assert draft.container(part.id) is part.articles
    assert draft.find(second.children[0].id)[0] is part
    paths = number_paths(draft)
    assert paths[second.id] == (2,) and paths[second.children[1].id] == (2, 2)
    body = [a.id for p in draft.parts for a in p.articles]
    assert [paths[i] for i in body] == [(1,), (2,), (3,)]  # the body's numbers unaffected
    history = ops.History(draft)
    history.push(ops.set_text(draft, second.children[0].id, "每两周巡检一次。"))
    assert plain(second.children[0].body) == "每两周巡检一次。"
    history.push(ops.delete_node(draft, part.articles[0].id))
    assert number_paths(draft)[second.id] == (1,)
    assert history.undo() and number_paths(draft)[second.id] == (2,)


def test_references_to_annexes_follow_a_reordering_and_freeze_on_deletion():
    draft = draft_of(GF)
    first_article = draft.parts[0].articles[0]
    refs = [s for n in first_article.walk() for s in n.body if isinstance(s, Ref)]
    assert [r.target for r in refs] == [draft.annexes[0].id, draft.annexes[1].id]

    def text() -> str:
        paths = number_paths(draft)
        return " ".join(render_body(c.body, paths, draft) for c in first_article.children)

    assert text() == "乙方按照附件一所列设备清单提供维护服务。 服务标准见附件二。"
    history = ops.History(draft)
    before = fileformat.dumps(draft)
    history.push(ops.move_annex(draft, draft.annexes[1].id, 0))
    assert text() == "乙方按照附件二所列设备清单提供维护服务。 服务标准见附件一。"
    labels = annex_labels(draft)
    assert [labels[a.id] for a in draft.annexes] == ["附件一", "附件二", "附表1"]
    assert [a.title for a in draft.annexes][:2] == ["服务标准", "设备清单"]
    history.push(ops.delete_annex(draft, draft.annexes[1].id))  # 设备清单, now 附件二
    assert text() == "乙方按照附件二所列设备清单提供维护服务。 服务标准见附件一。"
    statuses = [(r["text"], r["status"]) for r in show(draft)["references"]]
    assert ("附件二", "dangling") in statuses and ("附件一", "ok") in statuses
    assert history.undo() and history.undo()
    assert fileformat.dumps(draft) == before


def test_annex_mentions_are_written_again_in_their_own_style():
    assert [(m.target, m.number) for m in find_references("见附件二及Exhibit C")] == [
        ("annex", (2,)),
        ("annex", (3,)),
    ]
    [cn, en] = find_references("见附件二及Exhibit C")
    assert write_reference(cn.form, (4,)) == "附件四"
    assert write_reference(en.form, (1,)) == "Exhibit A"
    assert find_references("Exhibit 10.8 to the filing") == []  # a filing's exhibit number


def test_a_mention_of_an_annex_attached_apart_is_no_reference_error():
    draft = draft_of(LISTED)
    assert draft.annexes == []
    assert [r for r in show(draft)["references"] if r["status"] != "ok"] == []


# -- export ---------------------------------------------------------------------------------


def exported(draft) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(draft)))


def test_export_cover_own_page_one_signature_block_annexes_on_new_pages():
    draft = draft_of(GF)
    document = exported(draft)
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[:2] == ["合同编号：____", "设备维护服务合同"]  # the title on its cover page
    assert texts.count("设备维护服务合同") == 1
    breaks = [p.text for p in paragraphs if p.paragraph_format.page_break_before]
    # page 2 opens with the parties block; the signature page after its （…下接签署页） note
    assert breaks == ["甲方（委托方）：____", "甲方（盖章）：____", "附件一", "附件二", "附表1"]
    assert texts.count("（以下无正文，下接签署页）") == 1
    assert document.tables == []  # the generic signature table is not added
    annex = texts.index("附件二")
    assert texts[annex + 1 : annex + 4] == [
        "服务标准",  # the title under the label
        "一、 响应时间",
        "乙方接到报修后____小时内到场。",
    ]
    assert texts.index("日期：____年__月__日") < texts.index("附件一")


def test_a_draft_without_a_signature_block_of_its_own_keeps_the_generic_one():
    draft = draft_of(GF)
    draft.signature = None
    document = exported(draft)
    (table,) = document.tables
    assert table.rows[0].cells[0].paragraphs[0].text.startswith("甲方（盖章）：")


def test_the_data_provision_contract_round_trips_its_annexes_and_signature_page(tmp_path):
    draft = draft_of(DATA_PROVISION)
    path = tmp_path / "out.docx"
    path.write_bytes(render_docx(draft))
    outline, doc = document_of(path)
    assert [(a.label.value, a.title.value) for a in doc.annexes] == [
        ("附件1", "数据提供项目验收单示例"),
        ("附件2", "数据交付质量标准要求示例"),
    ]
    assert doc.signature.value.startswith("（下接签署页）")
    assert doc.cover.value.startswith("编号：{{合同编号}}")
    assert len(list(doc.iter_articles())) == 16
    exported_doc = docx.Document(str(path))
    texts = [p.text for p in exported_doc.paragraphs]
    texts += [c.text for t in exported_doc.tables for row in t.rows for c in row.cells]
    # the source's signature table (a cell per party), no generic block besides it
    assert sum(t.startswith("法定代表人或授权代表") for t in texts) == 2
    # its signature page starts on a page of its own, after （下接签署页）
    breaks = [p.text for p in exported_doc.paragraphs if p.paragraph_format.page_break_before]
    assert breaks[1].startswith("以下为本合同签署页")


# -- draft show -----------------------------------------------------------------------------


def test_draft_show_json_has_cover_signature_and_annexes(tmp_path, capsys):
    contract = tmp_path / "x.contract"
    save_draft(contract, draft_of(EN))
    assert main_cli(["draft", "show", str(contract), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cover"]["text"].startswith("between")
    assert data["signature"]["text"].startswith("IN WITNESS WHEREOF")
    assert [(a["label"], a["title"]) for a in data["annexes"]] == [
        ("Exhibit A", "Products and Prices"),
        ("Exhibit B", "Service Levels"),
        ("Schedule 1", "Contact details of the parties"),
    ]
    articles = data["annexes"][1]["parts"][0]["articles"]
    assert [(a["label"], a["heading"]) for a in articles] == [
        ("1.", "Delivery"),
        ("2.", "Support"),
    ]
    assert data["annexes"][0]["text"].startswith("Product | Unit price")
    assert main_cli(["draft", "show", str(contract)]) == 0
    shown = capsys.readouterr().out
    assert "\nExhibit B Service Levels\n" in shown and "\nIN WITNESS WHEREOF" in shown


# -- generated layouts ----------------------------------------------------------------------

COVERS = [[], ["编号：____"], ["合同编号：HT-____"]]
TITLE_PAGES = [[], ["（GF-2099-0001）", "甲方：____", "乙方：____", "签订日期：____"]]
SIGNATURES = [
    [],
    ["（以下无正文）", "甲方（盖章）：", "乙方（盖章）："],
    ["甲方（盖章）：____", "日期：____"],
    ["以下为本合同签署页，无正文。", "甲方：____（盖章） | 乙方：____（盖章）"],
]
ANNEX_WORDS = [("附件", "cn"), ("附件", "digits"), ("附表", "digits")]


@st.composite
def contracts_with_blocks(draw):
    """A contract with or without a cover, a title page, a signature block and annexes."""
    lines = list(draw(st.sampled_from(COVERS))) + ["服务合同"]
    title_page = draw(st.sampled_from(TITLE_PAGES))
    lines += title_page
    lines += ["甲方：某某公司", "乙方：某某厂"] if title_page else []
    count = draw(st.integers(1, 4))
    for n in range(1, count + 1):
        lines += [f"第{int_to_cn(n)}条 服务", "1. 双方协商一致。", "2. 服务标准见附件一。"]
    signature = draw(st.sampled_from(SIGNATURES))
    lines += signature
    word, numerals = draw(st.sampled_from(ANNEX_WORDS))
    annexes = [write_annex_label(word, numerals, i) for i in range(1, draw(st.integers(0, 3)) + 1)]
    for label in annexes:
        with_articles = draw(st.booleans())
        lines += [f"{label} 清单"]
        lines += ["一、范围", "甲。", "二、标准", "乙。"] if with_articles else ["单价：____元"]
    return "\n".join(lines) + "\n", count, bool(signature), annexes


@given(contracts_with_blocks())
@settings(max_examples=60, deadline=None)
def test_generated_blocks_around_the_body_are_found_and_nothing_is_lost(contract):
    text, count, signed, annexes = contract
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert doc.title == "服务合同"
    assert [a.number for a in doc.iter_articles()] == list(range(1, count + 1))
    assert (doc.signature is not None) == signed
    assert [a.label.value for a in doc.annexes] == annexes
    last = list(doc.iter_articles())[-1]
    assert last.clauses[-1].text.value == "服务标准见附件一。"


def test_markdown_signature_lines_and_annex_headings_with_markup():
    text = (
        "# 服务合同\n\n## 第一条 服务\n乙方提供服务，见附件1。\n\n**甲方（盖章）：**\n\n"
        "## 附件1 报价单\n\n| 项目 | 单价 |\n\n"
        "## **附件2** 服务标准\n1. 响应及时。\n2. 记录完整。\n"
    )
    outline = parse_text(text, markdown=True)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert list(doc.iter_articles())[0].text.value == "乙方提供服务，见附件1。"
    assert "甲方（盖章）" in doc.signature.value
    assert [(a.label.value, a.title.value) for a in doc.annexes] == [
        ("附件1", "报价单"),
        ("附件2", "服务标准"),
    ]
    articles = doc.annexes[1].parts[0].articles
    assert [(a.label.value, a.text.value) for a in articles] == [
        ("1.", "响应及时。"),
        ("2.", "记录完整。"),
    ]


def test_outline_text_shows_cover_signature_and_annexes(capsys):
    assert main_cli(["outline", str(GF)]) == 0
    out = capsys.readouterr().out
    assert "  [cover page, " in out and "  [signature block, " in out
    assert "\n  附件二 服务标准\n    (body)\n      一、 响应时间\n" in out


@pytest.mark.parametrize(
    "text",
    [
        "Agreement\n1. Fees\nPayable.\n2. Schedules\nSchedule 1 sets out the fees.\nMore.\n",
        "协议\n第一条 标的\n设备。\n第二条 附件\n附件1 为本合同不可分割的部分。\n其他。\n",
    ],
)
def test_a_sentence_that_starts_with_an_annex_label_is_no_annex(text):
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert doc.annexes == []
    assert list(doc.iter_articles())[-1].text.value.endswith(("More.", "其他。"))


def test_a_draft_file_keeps_cover_signature_and_annexes(tmp_path):
    draft = draft_of(GF)
    path = tmp_path / "x.contract"
    save_draft(path, draft)
    back = load_draft(path)
    assert fileformat.dumps(back) == fileformat.dumps(draft)
    assert back.annexes[1].numbering == "forms:一、 / 1."
    assert back.node(back.annexes[1].parts[0].articles[0].id) is not None


def test_numbered_articles_with_clauses_before_a_titled_second_agreement_are_no_cover():
    text = (
        "1. Services\n1.1 The supplier supports.\n2. Fees\n2.1 Monthly.\n"
        "Supplementary Agreement\n1. Change\n1.1 The fee rises.\n"
    )
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert doc.cover is None
    assert [a.heading.value for a in doc.iter_articles()][:2] == ["Services", "Fees"]


def test_word_numbering_leaves_annex_articles_with_their_typed_numbers_only(tmp_path):
    draft = draft_of(GF)
    path = tmp_path / "word.docx"
    path.write_bytes(render_docx(draft, ExportOptions(numbering="word")))
    annex_article = next(
        p for p in docx.Document(str(path)).paragraphs if p.text == "一、 响应时间"
    )
    num_id = annex_article._p.pPr.find(qn("w:numPr")).find(qn("w:numId"))
    assert num_id.get(qn("w:val")) == "0"  # not numbered again by the body's list
    _, doc = document_of(path)
    assert [a.number for a in doc.iter_articles()] == [1, 2, 3]
    (part,) = doc.annexes[1].parts
    assert heading_articles(part) == [("一、", "响应时间"), ("二、", "维护频次")]
