"""Topic rules on every heading of the bundled agreements, and on English headings."""

import pytest

from clause_db.topics import assign_topic, normalise_heading

CHINESE = {
    "合同主体及定义": "definitions",
    "协议概述": "definitions",
    "服务内容": "services",
    "服务范围与职责": "services",
    "服务内容与标准": "services",
    "服务费用": "payment",
    "服务费用与支付": "payment",
    "服务质量保证": "quality",
    "保密条款": "confidentiality",
    "数据与信息保护": "confidentiality",
    "信息安全与保护": "confidentiality",
    "违约责任": "breach",
    "第三方介入的违约责任": "breach",
    "第三方违约处理": "breach",
    "争议解决": "dispute_resolution",
    "第三方介入后的争议解决": "dispute_resolution",
    "法律适用和争议解决": "dispute_resolution",
    "合同的生效、变更和终止": "termination",
    "合同的变更与解除": "termination",
    "解除与终止": "termination",
    "合同的解除": "termination",
    "不可抗力": "force_majeure",
    "附则": "miscellaneous",
    "其他约定": "miscellaneous",
    "其他条款": "miscellaneous",
    "一般条款": "miscellaneous",
    "甲方权利和义务": "party_a_duties",
    "乙方权利和义务": "party_b_duties",
    "客服人员管理": "personnel",
    "客服人员配置": "personnel",
    "服务人员": "personnel",
    "技术支持与维护": "technical_support",
    "第三方定义": "third_party",
    "第三方介入定义及范围": "third_party",
    "第三方责任限额": "liability_cap",
    "合同的签署": "signing",
    "合同的签字盖章": "signing",
    "服务期限": "term",
    "合同期限": "term",
    "商业信誉保障": "reputation",
    "法律法规遵守": "compliance",
    "服务效果评估": "evaluation",
    "合同的修改和补充": "termination",
    "合同的完整性和效力": "entire_agreement",
    "附加条款": "miscellaneous",
    "第三方介入后的保密义务": "confidentiality",
    "第三方介入的争议解决": "dispute_resolution",
}

ENGLISH = {
    "Confidentiality": "confidentiality",
    "Governing Law": "governing_law",
    "Dispute Resolution": "dispute_resolution",
    "Governing Law and Dispute Resolution": "dispute_resolution",
    "Termination": "termination",
    "Term and Termination": "termination",
    "Force Majeure": "force_majeure",
    "Indemnification": "indemnification",
    "Limitation of Liability": "liability_cap",
    "Payment": "payment",
    "Fees and Payment": "payment",
    "Term": "term",
    "Definitions": "definitions",
    "Notices": "notices",
    "Assignment": "assignment",
    "Entire Agreement": "entire_agreement",
    "Warranties": "warranties",
    "Intellectual Property": "intellectual_property",
    "Miscellaneous": "miscellaneous",
    "General Provisions": "miscellaneous",
}


@pytest.mark.parametrize(("heading", "key"), sorted({**CHINESE, **ENGLISH}.items()))
def test_heading_topic(heading: str, key: str) -> None:
    assert assign_topic(heading, "").key == key


def test_explanation_names_keyword_and_field() -> None:
    match = assign_topic("信息安全与保护")
    assert match.explanation == "标题“信息安全与保护”含“信息安全” → 保密"
    assert (match.name_zh, match.name_en) == ("保密", "Confidentiality")


def test_english_words_match_whole_words_only() -> None:
    assert assign_topic("Determination of Price").key == "payment"  # not "term"


def test_empty_heading_uses_start_of_text() -> None:
    match = assign_topic("", "双方应对在履行本合同过程中知悉的商业秘密保密。")
    assert match.key == "confidentiality"
    assert match.explanation.startswith("正文开头“")


def test_unmatched_headings_group_by_normalised_heading() -> None:
    a = assign_topic("店铺装修约定")
    b = assign_topic(" 店铺装修约定：")
    assert a.key == b.key == "heading:店铺装修约定"
    assert a.name_zh == "店铺装修约定"
    assert "未命中" in a.explanation


def test_untitled_and_unmatched() -> None:
    assert assign_topic("", "").key == "untitled"


def test_normalise_heading_folds_width_and_case() -> None:
    assert normalise_heading("ＦＯＲＣＥ  Majeure.") == "forcemajeure"
