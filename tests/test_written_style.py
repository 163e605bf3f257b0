"""An imported contract keeps the style it was written in: its numbering, its language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.model.draft import NUMBERING_STYLES
from app.model.importer import draft_from_document
from app.model.numbering import label, written_style
from app.model.view import show
from app.readers import read_any
from clause_db.language import quoted_title, text_language
from tests.conftest import CORPUS, FIXTURES


@given(st.sampled_from(NUMBERING_STYLES), st.lists(st.integers(1, 300), min_size=1, max_size=30))
def test_labels_the_app_writes_are_read_back_as_their_style(style: str, numbers) -> None:
    labels = [label((n,), style) for n in numbers]
    items = [label((n, i), style) for n in numbers for i in (1, 2)]
    deeper = [label((n, 1, i), style) for n in numbers for i in (1, 2)]
    assert written_style(labels, "zh", items, deeper) == style
    assert written_style(labels, "en", items, deeper) == style


@pytest.mark.parametrize(
    ("labels", "language", "style"),
    [
        (["第一条", "第二条", "第十一条"], "en", "chinese"),
        (["一、", "二、", "十一"], "en", "chinese_list"),
        (["ARTICLE I", "Article 2", "Section 3", "SECTION 4.", "Clause 5"], "zh", "english"),
        (["ARTICLE I", "ARTICLE II", "Article 3"], "en", "english_roman"),
        (["1.", "2", "3．"], "zh", "decimal"),
        (["第一条", "第二条", "3."], "en", "chinese"),  # the most of them
        ([], "en", "english"),  # nothing to go by: the language decides
        (["", "  "], "zh", "chinese"),
        (["Recitals"], "en", "english"),
    ],
)
def test_written_style(labels: list[str], language: str, style: str) -> None:
    assert written_style(labels, language) == style


@pytest.mark.parametrize(
    ("name", "style"),
    [
        ("en_cuad_etelos_distributor_agreement.txt", "decimal"),  # 1. Products, 1.1
        ("en_commonpaper_mutual_nda.md", "decimal"),
        ("en_docxfix_legal_list.docx", "forms:1. / 1.1."),  # Word's own numbering: 1.1.
        ("zh_gf2014_2402_outbound_group_tour_contract.txt", "chinese_items"),  # 第一条 > 1.
        ("zh_gf2025_2615_data_provision_contract.docx", "chinese_items"),
        ("zh_law_labor_contract_law_2012.md", "chinese_law"),  # 第一条 > （一）
        ("zh_civil_code_book3_contracts_excerpt.txt", "chinese_law"),
        ("zh_heading_spaces_service_contract.txt", "chinese"),  # no items: 第一条 alone
    ],
)
def test_a_corpus_contract_opens_in_its_own_style(name: str, style: str) -> None:
    outline = read_any(CORPUS / name)
    draft = draft_from_document(outline.documents[0], outline.text, name)
    assert draft.numbering == style


def test_an_english_contract_with_roman_articles_keeps_them() -> None:
    path = FIXTURES / "en_services_agreement_articles.txt"  # ARTICLE I … ARTICLE VI, Section 1.1
    outline = read_any(path)
    draft = draft_from_document(outline.documents[0], outline.text, "x")
    assert draft.numbering == "english_roman"
    articles = show(draft)["parts"][0]["articles"]
    assert [a["label"] for a in articles[:3]] == ["ARTICLE I", "ARTICLE II", "ARTICLE III"]
    assert articles[0]["clauses"][0]["label"] == "Section 1.1"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("第一条 甲方应当按时支付服务费用。", "zh"),
        ("The Distributor shall pay the fees within thirty days.", "en"),
        ("甲方（Party A）应当支付 fees。", "zh"),  # Han carries mixed text
        ("", "zh"),
    ],
)
def test_text_language(text: str, language: str) -> None:
    assert text_language(text) == language


@pytest.mark.parametrize(
    ("title", "quoted"),
    [("2024年度电商客服外包服务协议", "《2024年度电商客服外包服务协议》"),
     ("DISTRIBUTOR AGREEMENT", "“DISTRIBUTOR AGREEMENT”")],
)  # fmt: skip
def test_a_title_is_quoted_as_its_language_quotes_one(title: str, quoted: str) -> None:
    assert quoted_title(title) == quoted
