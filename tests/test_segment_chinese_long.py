"""Long Chinese texts: 编 > 分编 > 章 > 节 above articles, numbering that starts at
第四百六十三条, ideographic and EN spaces inside headings, Traditional Chinese (第一條, 附件一)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.model import editing, fileformat
from app.model.doc_blocks import BlockRef
from app.model.importer import draft_from_document
from app.model.view import show
from app.readers import read_any
from clause_db.references import find_references, is_reference_form, write_reference
from clause_db.segment import parse_text
from clause_db.textio import read_text_file
from tests.outline_checks import assert_lossless

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def outline_of(name: str):
    decoded = read_text_file(CORPUS / name)
    outline = parse_text(decoded.text, decoded.encoding)
    assert_lossless(outline)
    (doc,) = outline.documents
    return outline, doc


def shape(doc) -> list[tuple[str | None, list[int]]]:
    return [(p.title, [a.number for a in p.articles]) for p in doc.parts]


def test_book_subbook_chapter_headings_are_parts_above_articles_from_463():
    _, doc = outline_of("zh_civil_code_book3_contracts_excerpt.txt")
    assert doc.title == "中华人民共和国民法典（节选）"
    assert shape(doc) == [
        ("第三编 合　　同", []),
        ("第一分编 通　　则", []),
        ("第一章 一般规定", [463, 464, 465, 466, 467, 468]),
        ("第二章 合同的订立", [469, 470]),
    ]
    article_470 = doc.parts[-1].articles[-1]
    assert [c.number for c in article_470.clauses] == list("一二三四五六七八")


def test_an_excerpt_starting_at_463_reports_no_gap_before_it():
    _, doc = outline_of("zh_civil_code_book3_contracts_excerpt.txt")
    assert [g for p in doc.parts for g in p.gaps] == []


def test_sections_under_chapters_and_a_gap_inside_the_excerpt_is_reported():
    _, doc = outline_of("zh_civil_code_book2_sections_excerpt.txt")
    assert shape(doc) == [
        ("第二编 物　　权", []),
        ("第一分编 通　　则", []),
        ("第二章 物权的设立、变更、转让和消灭", []),
        ("第一节 不动产登记", [209, 210]),
        ("第二节 动产交付", [224]),
    ]
    gaps = [(g.after, g.before) for p in doc.parts for g in p.gaps]
    assert gaps == [(210, 224)]


def test_a_contract_that_lost_its_first_article_still_reports_the_gap():
    (doc,) = parse_text("服务合同\n第三条 费用\n按月支付。\n第四条 期限\n一年。\n").documents
    assert [g.missing for p in doc.parts for g in p.gaps] == [[1, 2]]


def test_ideographic_and_en_spaces_inside_and_after_article_headings():
    _, doc = outline_of("zh_heading_spaces_service_contract.txt")
    got = [(a.number, a.label.value, a.heading.value) for a in doc.iter_articles()]
    assert got == [
        (1, "第\u3000一\u3000条", "定义"),
        (2, "第\u2002二\u2002条", "服务内容"),
        (3, "第三条", "费用"),
        (4, "第四条", "期限"),
    ]
    assert doc.preamble.value == ""


@pytest.mark.parametrize("space", [" ", "\u3000", "\u2002", "\u2003", "\u2009"])
def test_every_typeset_space_inside_a_part_heading(space):
    text = f"合同\n第{space}一{space}章{space}总则\n第一条{space}定义\n正文。\n"
    (doc,) = parse_text(text).documents
    assert shape(doc) == [(f"第{space}一{space}章 总则", [1])]


def test_traditional_contract_read_from_big5_keeps_articles_chapters_and_annexes():
    outline, doc = outline_of("zh_tw_software_licence_contract_big5.txt")
    assert outline.encoding == "cp950"
    assert doc.title == "軟體授權合約"
    assert shape(doc) == [
        ("第一章 總則", [1, 2]),
        ("第二章 費用及責任", [3, 4, 5]),
    ]
    annexes = [(a.label.value, a.title.value) for a in doc.annexes]
    assert annexes == [("附件一", "授權軟體清單"), ("附件二", "費用明細")]
    headings = [a.heading.value for a in doc.iter_articles()]
    assert headings == ["定義", "授權範圍", "授權費用", "違約責任", "準據法"]


def test_traditional_references_inside_sentences_are_not_headings():
    text = "合約\n第一條 定義\n依第二條第一項之約定。\n"
    text += "第二條 範圍\n違反第一條者，依本合約第一條規定。\n"
    (doc,) = parse_text(text).documents
    assert [a.number for a in doc.iter_articles()] == [1, 2]
    text = "合約\n第一條 定義\n乙方應遵守本合約\n第二條之規定。\n第二條 範圍\n無。\n"
    (doc,) = parse_text(text).documents
    assert [a.number for a in doc.iter_articles()] == [1, 2]


def test_two_written_traditionally_counts_as_two():
    (doc,) = parse_text("合約\n第一條 甲\n一。\n第兩條 乙\n二。\n").documents
    assert [a.number for a in doc.iter_articles()] == [1, 2]


@pytest.mark.parametrize(
    ("text", "number", "rewritten"),
    [
        ("依第二條第一項之約定", (2,), "第三條"),
        ("依本合約第12條", (12,), "第13條"),
        ("詳見第8.3條", (8, 3), "第9.3條"),
    ],
)
def test_a_traditional_reference_is_written_again_with_its_character(text, number, rewritten):
    [mention] = find_references(text)
    assert mention.number == number
    assert is_reference_form(mention.form)
    assert write_reference(mention.form, (number[0] + 1, *number[1:])) == rewritten


def test_another_statutes_traditional_article_is_not_ours():
    assert find_references("依民法第一百八十四條") == []
    assert find_references("依本法第一百八十四條") != []


def test_traditional_references_follow_a_moved_article_through_save_and_load():
    outline = read_any(CORPUS / "zh_tw_software_licence_contract_big5.txt")
    draft = draft_from_document(outline.documents[0], outline.text, "licence")
    first = draft.parts[0].articles[0]
    editing.move(draft, BlockRef("heading", first.id), +1).command.apply(draft)
    shown = show(fileformat.loads(fileformat.dumps(draft)))
    texts = [a["text"] for p in shown["parts"] for a in p["articles"]]
    assert "甲方授權乙方使用軟體，範圍依第二條第二款及附件一之規定。" in texts
    assert "乙方違反第一條第一項之約定者，應負賠償責任。" in texts
    assert all(r["status"] == "ok" for r in shown["references"])


def test_part_headings_nest_book_subbook_chapter_section_by_depth():
    outline, doc = outline_of("zh_civil_code_book2_sections_excerpt.txt")
    assert [p.depth for p in doc.parts] == [0, 1, 2, 3, 3]
    assert [p["depth"] for p in outline.to_json()["documents"][0]["parts"]] == [0, 1, 2, 3, 3]


def test_a_law_in_chapters_and_sections_puts_sections_one_deeper():
    _, doc = outline_of("zh_law_labor_contract_law_2012.md")
    depths = {p.label.value: p.depth for p in doc.parts}
    assert depths["第五章"] == 0 and depths["第一节"] == 1 and depths["第六章"] == 0


def test_annexes_after_traditional_chapters_are_not_nested_in_them():
    _, doc = outline_of("zh_tw_software_licence_contract_big5.txt")
    assert [p.depth for p in doc.parts] == [0, 0]
    assert len(doc.annexes) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a spaced reference inside a sentence is no heading
        (
            "合同\n第一条\u3000服务\n按照本合同第\u3000八\u3000条的规定执行。\n第二条 费用\n无。\n",
            [1, 2],
        ),
        # a spaced reference that a line break pushed to a line start is no heading either
        ("合同\n第一条 服务\n乙方应遵守\n第\u2002三\u2002条的约定。\n第二条 费用\n无。\n", [1, 2]),
        # glued Traditional text with a spaced reference
        ("合同第一条服务:甲方依第　二　條規定。第二條費用:無。", [1, 2]),
        # 兩 and hundreds in Traditional
        ("合同\n第兩百條 甲\n無。\n第二百零一條 乙\n無。\n", [200, 201]),
        # every line indented with ideographic spaces, as Word-to-text exports do
        (
            "\u3000\u3000第一条\u3000定义\n\u3000\u3000正文。\n\u3000\u3000第二条\u3000期限\n一年。\n",
            [1, 2],
        ),
    ],
)
def test_careless_spacing_and_traditional_numbers(text, expected):
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert [a.number for a in doc.iter_articles()] == expected
    assert [g for p in doc.parts for g in p.gaps] == []


def test_a_traditional_signature_block_is_not_the_last_articles_text():
    text = "合約\n第一條 定義\n無。\n第二條 期限\n一年。\n\n甲方（蓋章）：\n法定代表人（簽字）：\n"
    text += "日期：\n乙方（簽章）：\n授權代表：\n日期：\n"
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert [a.text.value for a in doc.iter_articles()] == ["無。", "一年。"]
    assert doc.signature.value.startswith("甲方（蓋章）：") and doc.skipped == []


def test_a_traditional_signature_page_note_ends_the_last_article_before_the_annexes():
    text = "合約\n第一條 定義\n無。\n第二條 期限\n一年。\n"
    text += "（以下為簽署頁）\n甲方：\n附件一 清單\n甲。\n"
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert [a.text.value for a in doc.iter_articles()] == ["無。", "一年。"]
    assert [p.title for p in doc.parts] == [None]
    assert doc.signature.value == "（以下為簽署頁）\n甲方："
    assert [(a.label.value, a.title.value, a.text.value) for a in doc.annexes] == [
        ("附件一", "清單", "甲。")
    ]
