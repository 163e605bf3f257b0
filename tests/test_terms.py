"""Defined terms: how contracts define them (Chinese and English), the four term checks on
drafts read as the CLI reads them, the terms index, and renaming a term in one undo step."""

from __future__ import annotations

import copy
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import draft_of_file
from app.model.checks import WARNING, run_checks
from app.model.checks.terms import KINDS, draft_terms
from app.model.defined_terms import INLINE, MEANS, PARTY, read_terms
from app.model.doc_blocks import blocks
from app.model.draft import Cell, Table
from app.model.importer import draft_from_document
from app.model.ops import EditError, History
from app.model.term_rename import rename_term
from clause_db.segment import parse_text
from tests.conftest import CORPUS, FIXTURES


def draft_of(text: str):
    outline = parse_text(text)
    return draft_from_document(outline.documents[0], outline.text, "test")


def defined(text: str) -> list[tuple[str, str]]:
    return [(d.term, d.form) for d in read_terms(text).definitions]


def findings(draft, kind: str | None = None):
    return [f for f in run_checks(draft) if f.kind in ((kind,) if kind else KINDS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深圳市某某科技有限公司（以下简称“某某科技”）与乙方", [("某某科技", INLINE)]),
        ("北京某某公司（以下称“买方”）", [("买方", INLINE)]),
        ('北京某某公司（下称"卖方"）', [("卖方", INLINE)]),
        ("组织（以下称用人单位）与劳动者", [("用人单位", INLINE)]),
        ("另附《旅游行程单》（以下简称《行程单》）", [("行程单", INLINE)]),
        ("双方（以下合称“双方”，单称“一方”）", [("双方", INLINE), ("一方", INLINE)]),
        ("某公司，以下简称「平台」，负责运营", [("平台", INLINE)]),
        ("本合同所称第三方，是指除甲方和乙方之外的人", [("第三方", MEANS)]),
        ("本合约所稱軟體，指附件一所列之程式。", [("軟體", MEANS)]),
        ("本合同所称“平台”是指乙方运营的网站。", [("平台", MEANS)]),
        ("“服务费”指甲方支付的费用。", [("服务费", MEANS)]),
        ("“保密信息”是指一方披露的信息。", [("保密信息", MEANS)]),
        ("“数据定义规范”是指双方确认的规范。", [("数据定义规范", MEANS)]),
        ("本合同所述的客服外包服务是指在线客服服务。", [("客服外包服务", MEANS)]),
        ("旅游费用，指旅游者支付给出境社的费用", [("旅游费用", MEANS)]),
        ("甲方（接收方）：某公司", [("接收方", PARTY)]),
        ('"Products" means the products listed in Exhibit A.', [("Products", MEANS)]),
        ("“Moral Rights” mean any rights to claim authorship.", [("Moral Rights", MEANS)]),
        ('Acme Inc. (the "Supplier") and', [("Supplier", INLINE)]),
        ('Acme Ltd., hereinafter referred to as "Buyer", agrees', [("Buyer", INLINE)]),
        ('(each a "Party" and together the "Parties")', [("Party", INLINE), ("Parties", INLINE)]),
        ("This MNDA (“**MNDA**”) allows", [("MNDA", INLINE)]),
        ("Affiliate means any entity that controls a party.", [("Affiliate", MEANS)]),
    ],
)
def test_each_way_of_defining_a_term_is_read(text: str, expected) -> None:
    assert defined(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "甲方指定的人员应当到场。",  # 指定: designates, no definition
        "乙方应当加盖公章（盖章）。",
        "甲方（盖章）：",
        "依照《中华人民共和国民法典》的规定。",  # a title is no term
        "He said (see below) that the goods were fine.",
        "本合同所称服务费用见附件。",  # 所称 without 指
        # a line opening with a clause run on by 指派 / 指定: no definition of the clause
        "出租方收到租金后，指派专人办理交接。",
        "承包人进场以后，指定一名安全员常驻工地。",
    ],
)
def test_what_only_looks_like_a_definition_is_none(text: str) -> None:
    assert defined(text) == []


def test_a_glossary_line_defines_only_in_a_definitions_article() -> None:
    glossary = draft_of(
        "服务合同\n第一条 定义\n服务期限：指自本合同生效之日起一年。\n"
        "第二条 期限\n乙方应在服务期限内提供服务。\n"
    )
    assert "服务期限" in [t.term for t in draft_terms(glossary)]
    elsewhere = draft_of("服务合同\n第一条 期限\n服务期限：自本合同生效之日起一年。\n")
    assert "服务期限" not in [t.term for t in draft_terms(elsewhere)]


CN = (
    "技术服务合同\n"
    "甲方：北京某某数据有限公司\n乙方：上海某某科技有限公司\n"
    "第一条 定义\n本合同所称“平台”是指乙方运营的网站。\n"
    "第二条 服务\n乙方通过平台向甲方提供“运维服务”。甲方向乙方支付服务费。\n"
    "第三条 费用\n甲方应按月支付服务费（以下简称“服务费”）。本条所称“账期”是指三十日。\n"
    "第四条 其他\n“服务费”指甲方支付的全部费用。双方确认“平台”规则。\n"
)


def test_the_four_checks_on_a_chinese_contract() -> None:
    found = {(f.kind, f.subject, f.article) for f in findings(draft_of(CN))}
    assert found == {
        ("term_used_before_definition", "服务费", "第二条"),  # 以下简称 in 第三条
        ("term_unused", "账期", "第三条"),
        ("term_defined_twice", "服务费", "第四条"),
        ("term_undefined", "运维服务", "第二条"),
    }
    twice = findings(draft_of(CN), "term_defined_twice")[0]
    assert twice.severity == WARNING and "含义不同" in twice.message.zh


EN = (
    "SUPPLY AGREEMENT\n"
    'This Agreement is made between Acme Trading Limited (the "Supplier") and Beta LLC '
    '(the "Buyer").\n'
    "1. Definitions\n"
    '"Products" means the goods listed in Schedule 1.\n'
    '"Territory" means the People\'s Republic of China.\n'
    "2. Supply\n"
    "The Supplier shall deliver the Products to the Buyer at the Delivery Point "
    '("Delivery Point"). The Buyer shall pay the "Purchase Price" within 30 days.\n'
    "3. Warranty\n"
    'The goods are supplied "AS IS", marked "Confidential", in "Red", "Blue" or "Green".\n'
    'Delivery starts on the "Start Date" (as defined in the Order).\n'
)


def test_the_four_checks_on_an_english_contract() -> None:
    found = {(f.kind, f.subject, f.article) for f in findings(draft_of(EN))}
    assert found == {
        ("term_unused", "Territory", "1."),
        ("term_undefined", "Purchase Price", "2."),
    }


def test_a_use_before_an_english_abbreviation_is_reported() -> None:
    draft = draft_of(
        "AGREEMENT\nThis Agreement is made by Acme Trading Limited.\n"
        "1. Scope\nThe Seller shall deliver the goods.\n"
        '2. Parties\nAcme Trading Limited (the "Seller") sells goods.\n'
    )
    (before,) = findings(draft, "term_used_before_definition")
    assert (before.subject, before.article) == ("Seller", "1.")
    assert "before its definition in 2." in before.message.en


def test_an_english_term_defined_in_a_later_clause_is_used_before_its_definition() -> None:
    body = (
        "2. Payment\nThe Buyer pays each invoice on the next Settlement Day.\n"
        "3. Invoices\n3.1 The Seller invoices monthly.\n"
        '3.2 "Settlement Day" means the 15th day of a calendar month.\n'
    )
    draft = draft_of("SUPPLY AGREEMENT\n1. Goods\nThe Seller sells the goods.\n" + body)
    (before,) = findings(draft, "term_used_before_definition")
    assert (before.subject, before.article) == ("Settlement Day", "2.")
    glossary = draft_of(
        'SUPPLY AGREEMENT\n1. Definitions\n"Settlement Day" means the 15th day of a month.\n'
        + body.replace('3.2 "Settlement Day" means the 15th day of a calendar month.\n', "")
    )
    assert not findings(glossary, "term_used_before_definition")


def test_an_english_term_defined_in_a_later_clause_of_the_same_article_is_used_before_it():
    body = (
        "2. Access\n2.1 The Customer may admit up to ten Named Operators to the Portal.\n"
        '2.2 "Named Operators" means the staff the Customer registers in the Portal.\n'
        "2.3 Each of the Named Operators keeps its password secret.\n"
    )
    draft = draft_of("PORTAL TERMS\n1. Portal\nThe Provider runs the Portal.\n" + body)
    (before,) = findings(draft, "term_used_before_definition")
    assert (before.subject, before.article, before.clause) == ("Named Operators", "2.", "2.1")
    # used only after its definition in the article: nothing before
    after = draft_of(
        "PORTAL TERMS\n1. Portal\nThe Provider runs the Portal.\n"
        + body.replace("up to ten Named Operators to the Portal", "staff to the Portal")
    )
    assert not findings(after, "term_used_before_definition")


def test_a_chinese_quoted_term_defined_in_a_later_article_is_used_before_it() -> None:
    body = (
        "第一条 租赁物\n出租人将仓库出租给承租人。\n"
        "第二条 租金\n承租人应于每个起租日前支付当期租金。\n"
        "第三条 {}\n{}起租日指出租人交付仓库钥匙之日。\n"
    )
    quoted = draft_of("仓库租赁合同\n" + body.format("交付", "“").replace("起租日指", "起租日”指"))
    (before,) = findings(quoted, "term_used_before_definition")
    assert (before.subject, before.article) == ("起租日", "第二条")
    said = draft_of("仓库租赁合同\n" + body.format("交付", "本合同所称").replace("日指", "日是指"))
    assert not findings(said, "term_used_before_definition")  # unquoted, where its subject is
    glossary = draft_of(
        "仓库租赁合同\n" + body.format("定义", "“").replace("起租日指", "起租日”指")
    )
    assert not findings(glossary, "term_used_before_definition")


def test_one_sentence_that_explains_and_names_a_term_defines_it_once() -> None:
    explained = "本合同所称交付成果，是指乙方依本合同向甲方交付的软件及文档（以下简称“交付成果”）。"
    draft = draft_of(
        f"技术服务合同\n第一条 定义\n{explained}\n第二条 验收\n甲方应在十日内验收交付成果。\n"
    )
    assert not findings(draft, "term_defined_twice")
    twice = draft_of(
        f"技术服务合同\n第一条 定义\n{explained}\n第二条 验收\n甲方应在十日内验收交付成果。"
        "本合同所称交付成果，是指乙方交付的全部源代码。\n"
    )
    (again,) = findings(twice, "term_defined_twice")
    assert again.article == "第二条"


def test_quotations_titles_markings_and_lists_are_no_undefined_terms() -> None:
    draft = draft_of(
        "合同\n第一条 标识\n乙方应在文件上标注“保密”字样，不得出现“豪华”、“仅供参考”等用语。"
        "依照《中华人民共和国民法典》办理。甲方回复“同意”即可。\n"
        "第二条 质量标准\n本附件作为合同正文中“质量标准”的补充说明。\n"
        "第三条 活动\n乙方按“先到先得”原则在“双十一”期间于“淘宝”平台销售“港通调度系统”V3.0。"
        "本合同所称许可软件是指许可方开发的“港通物流调度系统”及其文档。\n"
        "第四条 质量\n标的物的“质量保证期”为一年，双方以“电子邮件”方式通知。\n"
        "第五条 验收\n乙方按“验收标准”（定义见附件一）验收。\n"
    )
    assert findings(draft, "term_undefined") == []


def test_a_term_used_only_in_a_table_cell_is_used() -> None:
    draft = draft_of("合同\n第一条 费用\n乙方（以下简称“供应商”）按下表收费：\n")
    article = draft.parts[0].articles[0]
    node = article.children[0] if article.children else article
    assert findings(draft, "term_unused")
    node.tables.append(Table(draft.new_id(), [[Cell(["运费"]), Cell(["由供应商承担"])]]))
    assert any(b.ref.kind == "cell" for b in blocks(draft))
    assert not findings(draft, "term_unused")


def test_an_abbreviation_is_not_used_inside_the_full_name_it_stands_for() -> None:
    draft = draft_of(
        "合同\n甲方：北京字节科技有限公司\n"
        "第一条 主体\n北京字节科技有限公司（以下简称“字节”）负责运营。\n"
    )
    (unused,) = findings(draft, "term_unused")
    assert unused.subject == "字节" and not findings(draft, "term_used_before_definition")


def test_the_parties_roles_are_terms_never_unused() -> None:
    draft = draft_of(
        "合同\n甲方（接收方）：某公司\n乙方（提供方）：某公司\n第一条 付款\n甲方付款。\n"
    )
    terms = {t.term: t for t in draft_terms(draft)}
    assert {"甲方", "乙方", "接收方", "提供方"} <= set(terms)
    assert terms["甲方"].form == PARTY
    assert findings(draft) == []


def test_the_terms_index_gives_definition_and_uses_in_reading_order() -> None:
    draft = draft_of(CN)
    entry = next(t for t in draft_terms(draft) if t.term == "平台")
    (definition,) = entry.definitions
    assert definition.where.zh == "第一条" and "乙方运营的网站" in definition.sentence
    assert [u.where.zh for u in entry.uses] == ["第二条", "第四条"]
    block = {b.ref: b for b in blocks(draft)}[entry.uses[0].ref]
    assert block.text[entry.uses[0].offset :][: entry.uses[0].length] == "平台"


def test_the_data_provision_contract_has_its_parties_and_their_aliases() -> None:
    draft = draft_of_file(CORPUS / "zh_gf2025_2615_data_provision_contract.docx", lambda _: None)
    terms = {t.term: t for t in draft_terms(draft)}
    assert {"甲方", "乙方", "接收方", "提供方"} <= set(terms)
    assert len(terms["甲方"].uses) > 50
    assert findings(draft) == []


def test_the_tour_contract_finds_its_glossary_and_abbreviations() -> None:
    draft = draft_of_file(CORPUS / "zh_gf2014_2402_outbound_group_tour_contract.txt", print)
    terms = {t.term: t for t in draft_terms(draft)}
    assert {"出境社", "旅游者", "行程单", "离团", "脱团", "不可抗力"} <= set(terms)
    assert not findings(draft, "term_used_before_definition")


# -- renaming -----------------------------------------------------------------------------------


def test_renaming_a_term_renames_its_definition_and_every_use_in_one_step() -> None:
    draft = draft_of(CN)
    before = copy.deepcopy(draft)
    history = History(draft)
    edit = rename_term(draft, "平台", "网站")
    assert draft == before  # building the step changes nothing
    history.push(edit.command)
    assert len(history.done) == 1
    assert edit.command.name.zh == "将术语“平台”改名为“网站”"
    texts = "\n".join(b.text for b in blocks(draft))
    assert "平台" not in texts and texts.count("网站") == 4  # the definition, 3 uses
    assert "网站" in {t.term for t in draft_terms(draft)}
    history.undo()
    assert draft == before


def test_renaming_keeps_longer_terms_full_names_and_fields() -> None:
    draft = draft_of(
        "合同\n第一条 主体\n北京字节科技有限公司（以下简称“字节”）负责运营【字节账号】。"
        "字节数据（以下简称“字节数据”）归字节所有。\n"
    )
    History(draft).push(rename_term(draft, "字节", "运营方").command)
    text = "\n".join(b.text for b in blocks(draft))
    assert "北京字节科技有限公司（以下简称“运营方”）" in text
    assert "“字节数据”" in text and "归运营方所有" in text
    assert any(f.label == "字节账号" or f.name == "字节账号" for f in draft.fields.values())


def test_an_english_term_is_renamed_as_a_whole_word_keeping_its_capital() -> None:
    draft = draft_of(EN)
    History(draft).push(rename_term(draft, "Buyer", "Purchaser").command)
    text = "\n".join(b.text for b in blocks(draft))
    assert "Buyer" not in text and text.count("Purchaser") == 3


def test_a_bad_new_name_or_an_unknown_term_is_refused_with_a_message() -> None:
    draft = draft_of(CN)
    for bad in ("", "  ", "“网站”", "网\n站"):
        with pytest.raises(EditError):
            rename_term(draft, "平台", bad)
    with pytest.raises(EditError) as e:
        rename_term(draft, "不存在", "网站")
    assert "不存在" in str(e.value)
    assert rename_term(draft, "平台", "平台") is None


def test_renaming_a_party_s_role_renames_the_parties_block_too() -> None:
    draft = draft_of(CN)
    before = copy.deepcopy(draft)
    history = History(draft)
    history.push(rename_term(draft, "甲方", "委托方").command)
    assert [p.role for p in draft.parties] == ["委托方", "乙方"]
    assert "甲方" not in "\n".join(b.text for b in blocks(draft))
    assert len(history.done) == 1
    history.undo()
    assert draft == before


_WORDS = st.sampled_from(["平台", "网站", "平台规则", "甲方", "服务", "。", "，", "“平台”"])


@settings(max_examples=25, deadline=None)
@given(st.lists(_WORDS, max_size=12), st.sampled_from(["网站", "平台方", "平", "网站平台"]))
def test_rename_then_undo_and_rename_back_give_the_same_draft(words, new: str) -> None:
    draft = draft_of(
        "合同\n第一条 定义\n本合同所称“平台”是指乙方运营的网站。\n第二条 其他\n"
        + "".join(words)
        + "平台。\n"
    )
    before = copy.deepcopy(draft)
    history = History(draft)
    history.push(rename_term(draft, "平台", new).command)
    history.undo()
    assert draft == before
    history.redo()
    back = rename_term(draft, new, "平台")
    if new in ("网站", "平"):  # the new name is a word already there: back renames more
        return
    history.push(back.command)
    assert [b.text for b in blocks(draft)] == [b.text for b in blocks(before)]


def test_a_glossary_clause_headed_by_its_term_defines_it() -> None:
    draft = draft_of_file(FIXTURES / "checks" / "terms_zh_clean.md", lambda _: None)
    term = next(t for t in draft_terms(draft) if t.term == "服务期限")
    (definition,) = term.definitions
    assert definition.ref.kind == "heading" and len(term.uses) == 1
    assert findings(draft) == []


def test_a_term_defined_in_both_numbers_is_used_when_either_is() -> None:
    draft = draft_of(
        'AGREEMENT\nThis Agreement is made between Acme Limited ("Licensor") and Beta LLC '
        '("Licensee", and together with Licensor, the "Parties", each a "Party").\n'
        "1. Notices\nEach Party shall give notice in writing to Licensor and Licensee.\n"
    )
    assert {"Parties", "Party"} <= {t.term for t in draft_terms(draft)}
    assert findings(draft) == []


_PIECES = st.sampled_from(
    ["“", "”", '"', "「", "」", "（", "）", "(", ")", "以下简称", "下称", "所称", "是指", "指",
     "：", "，", "。", "\n", "平台", "甲方", "乙方（接收方）", "the ", "Party", " means ",
     "hereinafter ", "**", "《", "》", "1. ", "a"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25))
def test_any_text_is_read_without_error_and_each_term_is_where_it_says(pieces) -> None:
    text = "".join(pieces)
    facts = read_terms(text)
    for d in facts.definitions:
        assert text[d.start : d.end] == d.term and d.term.strip() == d.term
    for start, end, word in facts.quoted:
        assert text[start:end] == word


def test_a_long_paragraph_full_of_quotes_and_brackets_is_read_in_linear_time() -> None:
    text = "甲方（以下简称“平台”）应按“服务标准”提供服务（见附件）。" * 2000
    start = time.perf_counter()
    facts = read_terms(text)
    assert time.perf_counter() - start < 3  # 60,000 characters; quadratic took 4 s
    assert len(facts.definitions) == len(facts.quoted) == 2000


def test_the_panel_reads_again_only_the_texts_that_changed(monkeypatch) -> None:
    from app.model import ops
    from app.model.checks import terms as terms_module

    draft = draft_of(CN)
    kept: dict = {}
    assert "平台" in {t.term for t in draft_terms(draft, kept)}
    read = []
    real = terms_module.read_terms
    monkeypatch.setattr(terms_module, "read_terms", lambda text: read.append(text) or real(text))
    article = draft.parts[0].articles[1]
    History(draft).push(ops.set_text(draft, article.id, "乙方通过平台提供服务。"))
    entry = next(t for t in draft_terms(draft, kept) if t.term == "平台")
    assert read == ["乙方通过平台提供服务。"]
    assert entry.use_count == len(entry.uses) == 2


def test_a_quoted_name_followed_by_its_abbreviation_is_the_long_form_of_a_term() -> None:
    """“云栖优选”电商小程序（以下简称“合作商城”）: the quoted name is what the abbreviation
    stands for; a quoted word with no abbreviation after it is still reported."""
    draft = draft_of(
        "合作协议\n第一条 合作内容\n双方共同运营“云栖优选”电商小程序（以下简称“合作商城”），"
        "合作商城由甲方维护。乙方应遵守“运营规范”的要求。\n"
        '第二条 Platform\nThe parties run the "Blue Harbour" booking portal (the "Portal"). '
        "The Portal is hosted by the Supplier.\n"
    )
    assert [f.subject for f in findings(draft, "term_undefined")] == ["运营规范"]
