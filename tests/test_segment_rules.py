"""What is a heading and what is not: cross-references and numbers inside sentences."""

from __future__ import annotations

import pytest

from clause_db.numerals import cn_to_int, int_to_cn, roman_to_int
from clause_db.segment import parse_text
from tests.outline_checks import assert_lossless

INSIDE_SENTENCES = [
    "按照本合同第八条的规定执行",
    "按照本合同第四条、第五条的规定执行",
    "详见第8.3条",
    "as set out in Section 4.2 above",
    "违约金为1.5倍",
    "比例为10%",
    "自2024年1月1日起",
    "在30天内",
    "提供7×24小时服务",
    "时间为9:00至22:00",
    "up to 3.5 million tickets",
    "依照本法第三十九条和第四十条第一项的规定",
]


def structure(text: str):
    outline = parse_text(text)
    assert_lossless(outline)
    return [
        (a.number, a.heading.value, [c.number for c in a.iter_clauses()])
        for d in outline.documents
        for a in d.iter_articles()
    ]


@pytest.mark.parametrize("phrase", INSIDE_SENTENCES)
def test_glued_text_keeps_references_and_numbers_in_sentences(phrase):
    text = f"服务协议第一条服务内容1.1服务范围:乙方{phrase}。1.2服务时间:每日。"
    text += f"第二条费用2.1标准:{phrase}。"
    assert structure(text) == [(1, "服务内容", ["1.1", "1.2"]), (2, "费用", ["2.1"])]


@pytest.mark.parametrize("phrase", INSIDE_SENTENCES)
def test_line_text_keeps_references_and_numbers_in_sentences(phrase):
    text = f"服务协议\n第一条 服务内容\n1.1 乙方{phrase}。\n1.2 每日。\n"
    text += f"第二条 费用\n2.1 {phrase}。\n"
    assert structure(text) == [(1, "服务内容", ["1.1", "1.2"]), (2, "费用", ["2.1"])]


def test_reference_at_a_line_start_is_not_a_heading():
    text = "协议\n第一条 服务\n1.1 变更程序按照本合同\n第八条的规定执行;\n1.2 其他。\n"
    assert structure(text) == [(1, "服务", ["1.1", "1.2"])]


def test_a_colon_inside_a_parenthesis_ends_no_clause_heading():
    """保证金5万元（大写：…）: the colon is the amount's, the clause has no heading; a heading
    with its own closed parenthesis (服务费用（含税）：) still is one."""
    text = (
        "协议\n第一条 费用\n1.1 乙方应缴纳保证金5万元（大写：人民币伍万元整），期满退还。\n"
        "1.2 服务费用（含税）：每月1万元。\n"
    )
    outline = parse_text(text)
    assert_lossless(outline)
    clauses = list(next(outline.documents[0].iter_articles()).iter_clauses())
    assert [c.heading.value for c in clauses] == ["", "服务费用（含税）"]
    assert clauses[0].text.value.startswith("乙方应缴纳保证金5万元（大写：")


def test_a_label_with_a_blank_to_fill_is_text_not_a_heading():
    """A schedule's item to fill in (Customer contact address: [●]) is text, not a heading
    without text; a short label still heads its blank, a short heading its text."""
    text = (
        "Agreement\n1. Details\n1.1 Customer contact address: [●]\n1.2 Email: ____\n"
        "1.3 Term: The term is one year.\n2. Notices\n2.1 Notice address of Customer: ____\n"
        "2.2 Payment\n"
        "Fees are paid monthly.\n"
    )
    outline = parse_text(text)
    assert_lossless(outline)
    clauses = [c for a in outline.documents[0].iter_articles() for c in a.iter_clauses()]
    assert [c.heading.value for c in clauses] == ["", "Email", "Term", "", "Payment"]
    assert clauses[0].text.value.strip() == "Customer contact address: [●]"


def test_chinese_article_numbers_of_every_shape():
    labels = ["第一条", "第2条", "第十一条", "第二十条", "第一百零一条"]
    text = "合同\n" + "".join(f"{label} 标题{i}\n正文。\n" for i, label in enumerate(labels))
    assert [n for n, _, _ in structure(text)] == [1, 2, 11, 20, 101]


def test_chinese_list_items_nest():
    text = "合同\n第一条 义务\n乙方应当：\n（一）按时服务；\n1. 白天；\n2. 夜间；\n（二）保密。\n"
    assert structure(text) == [(1, "义务", ["一", "1", "2", "二"])]


def test_english_part_and_articles():
    text = "SUPPLY AGREEMENT\nPART A\nArticle 1 Scope\n1.1 Goods.\nArticle 2 Price\n2.1 Fixed.\n"
    outline = parse_text(text)
    (doc,) = outline.documents
    assert [p.label.value for p in doc.parts] == ["PART A"]
    assert structure(text) == [(1, "Scope", ["1.1"]), (2, "Price", ["2.1"])]


def test_several_contracts_in_one_file_split_at_the_end_marker():
    text = "甲协议第一条目的:甲。全文完。乙协议第一条目的:乙。第二条期限:一年。全文完。"
    outline = parse_text(text)
    assert [d.title for d in outline.documents] == ["甲协议", "乙协议"]
    assert [len(list(d.iter_articles())) for d in outline.documents] == [1, 2]


@pytest.mark.parametrize(
    ("n", "cn"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (101, "一百零一"), (110, "一百一十"),
     (1001, "一千零一"), (2024, "二千零二十四")],
)  # fmt: skip
def test_chinese_numerals_both_ways(n, cn):
    assert int_to_cn(n) == cn
    assert cn_to_int(cn) == n


def test_numerals_that_are_not_numbers():
    assert cn_to_int("一二") is None
    assert cn_to_int("两百") == 200
    assert roman_to_int("XIV") == 14
    assert roman_to_int("abc") is None


def test_memo_style_contract_numbers_articles_with_chinese_list_markers():
    text = (
        "技术服务合同\n\n甲方：____\n乙方：____\n\n一、服务内容\n（一）系统维护。\n（二）服务期限为____年。\n"
        "二、费用及支付\n（一）人民币【服务费用】元。\n三、违约责任\n任何一方违约，应赔偿损失。\n"
    )
    outline = parse_text(text)
    assert outline.documents[0].preamble.value.startswith("甲方：")
    assert structure(text) == [(1, "服务内容", ["一", "二"]), (2, "费用及支付", ["一"]),
                               (3, "违约责任", [])]  # fmt: skip


def test_markdown_headings_with_full_width_digits():
    text = "## 第１条 定义\n本合同中，下列用语含义如下：\n## 第２条 期限\n一年。\n"
    assert structure(text) == [(1, "定义", []), (2, "期限", [])]


def test_text_between_contents_and_first_part_is_kept():
    """Found by hypothesis: a rejected 第一条 after the contents, then a part."""
    outline = parse_text("本合同目录一览第一条第一条。第二部分")
    assert_lossless(outline)
    assert outline.documents[0].parts[0].text.value == "第一条。"


def test_a_closing_signature_block_is_reported_not_taken_as_text():
    text = "协议\n第一条 标的\n甲方向乙方采购设备。\n\n甲方（盖章）：\n乙方（盖章）：\n日期：\n"
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert doc.parts[0].articles[0].text.value == "甲方向乙方采购设备。"
    assert doc.signature.value == "甲方（盖章）：\n乙方（盖章）：\n日期："
    assert doc.skipped == []


def _trailing(text: str):
    """The last article, and what follows it: the signature block, then each annex."""
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    assert len(doc.parts) == 1  # nothing after the body is a part
    last = doc.parts[0].articles[-1]
    annexes = [(f"{a.label.value} {a.title.value}".strip(), a.text.value) for a in doc.annexes]
    return last, ([(None, doc.signature.value)] if doc.signature else []) + annexes


def test_annexes_after_the_last_article_are_annexes_not_its_text():
    text = (
        "采购协议\n第一条 标的\n甲方向乙方采购设备。\n第二条 其他\n1. 本协议一式两份。\n"
        "（下接签署页）\n甲方（盖章）：\n乙方（盖章）：\n"
        "附件1\n设备清单\n1. 服务器两台\n附件2 验收单\n验收结果：____\n"
    )
    last, trailing = _trailing(text)
    assert [c.text.value for c in last.clauses] == ["本协议一式两份。"]
    assert trailing == [
        (None, "（下接签署页）\n甲方（盖章）：\n乙方（盖章）："),
        ("附件1 设备清单", "1. 服务器两台"),
        ("附件2 验收单", "验收结果：____"),
    ]


def test_a_list_of_annexes_in_the_last_article_stays_in_it():
    text = "协议\n第一条 标的\n甲方采购设备。\n第二条 附件\n本协议附件：\n"
    text += "附件1：报价单\n附件2：服务标准\n"
    last, trailing = _trailing(text)
    assert trailing == []
    assert "附件2：服务标准" in last.text.value


def test_a_listed_annex_then_the_annexes_split_at_the_annexes():
    text = (
        "协议\n第一条 标的\n甲方采购设备。\n第二条 附件\n本协议附件：\n"
        "附件一：报价单\n附件二：标准\n"
        "附件一 报价单\n单价：____元\n"
    )
    last, trailing = _trailing(text)
    assert "附件二：标准" in last.text.value
    assert trailing == [("附件一 报价单", "单价：____元")]


def test_a_sentence_about_the_signature_page_is_no_signature_page():
    text = "协议\n第一条 生效\n双方在签署页盖章后生效。\n本合同签署页另附。\n"
    last, trailing = _trailing(text)
    assert trailing == []
    assert last.text.value == "双方在签署页盖章后生效。\n本合同签署页另附。"


def test_an_english_schedule_follows_the_last_section_as_an_annex():
    text = (
        "SERVICES AGREEMENT\nArticle 1 Services\nThe Supplier provides support.\n"
        "[Signature page follows]\nSchedule 1 Fees\nMonthly fee: ____\n"
    )
    last, trailing = _trailing(text)
    assert last.text.value == "The Supplier provides support."
    assert trailing == [
        (None, "[Signature page follows]"),
        ("Schedule 1 Fees", "Monthly fee: ____"),
    ]
