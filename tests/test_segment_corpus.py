"""Real contracts nobody on the team wrote (tests/fixtures/corpus, see SOURCES.md there)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from clause_db.numerals import int_to_cn
from clause_db.reader import read_outline
from tests.conftest import CORPUS, FIXTURES
from tests.outline_checks import assert_lossless

if TYPE_CHECKING:
    from clause_db.model import Outline


def outline_of(name: str) -> Outline:
    return read_outline(CORPUS / name if (CORPUS / name).exists() else FIXTURES / name)


def articles(outline: Outline):
    return [a for d in outline.documents for a in d.iter_articles()]


def test_tour_contract_chapters_and_articles():
    outline = outline_of("zh_gf2014_2402_outbound_group_tour_contract.txt")
    (doc,) = outline.documents
    assert doc.title == "团队出境旅游合同"
    assert [p.label.value for p in doc.parts] == [f"第{int_to_cn(i)}章" for i in range(1, 8)]
    arts = articles(outline)
    assert [a.number for a in arts] == list(range(1, 29))  # numbered across chapters
    assert all(not p.gaps for p in doc.parts)
    assert arts[1].heading.value == "旅游行程单"
    assert [c.number for c in arts[0].clauses][:3] == ["1", "2", "3"]
    fee = arts[20]
    assert fee.heading.value.startswith("旅游费用及支付")
    assert any(p.kind == "underscore" for p in fee.placeholders)


def test_labor_law_chapters_sections_and_items():
    outline = outline_of("zh_law_labor_contract_law_2012.md")
    (doc,) = outline.documents
    assert doc.title == "中华人民共和国劳动合同法"
    chapters = [p.label.value for p in doc.parts if p.label.value.endswith("章")]
    assert chapters == [f"第{int_to_cn(i)}章" for i in range(1, 9)]
    assert [p.label.value for p in doc.parts if p.label.value.endswith("节")] == [
        "第一节", "第二节", "第三节",
    ]  # fmt: skip
    arts = articles(outline)
    assert [a.number for a in arts] == list(range(1, 99))
    contents = arts[16]
    assert contents.text.value == "劳动合同应当具备以下条款:"
    assert [c.number for c in contents.clauses] == list("一二三四五六七八九")
    # 本法第三十九条 and friends stay references inside the text
    assert "本法第三十九条" in arts[20].text.value


def test_distributor_agreement_numbered_sections():
    outline = outline_of("en_cuad_etelos_distributor_agreement.txt")
    (doc,) = outline.documents
    assert doc.title == "DISTRIBUTOR AGREEMENT"
    arts = articles(outline)
    assert [a.number for a in arts] == list(range(1, 22))
    assert arts[0].heading.value == "Products"
    assert arts[5].heading.value == "Pricing, credits, and allowances"
    assert arts[20].heading.value == "General"
    assert [c.number for c in arts[20].clauses] == [f"21.{i}" for i in range(1, 8)]
    assert arts[20].clauses[5].heading.value == "Governing Law"


def test_mutual_nda_markdown_sections():
    outline = outline_of("en_commonpaper_mutual_nda.md")
    arts = articles(outline)
    assert [a.number for a in arts] == list(range(1, 12))
    assert arts[0].heading.value == "Introduction"
    assert arts[1].heading.value == "Use and Protection of Confidential Information"
    assert arts[1].text.value.startswith("The Receiving Party shall: (a) use")  # inline (a) stays


def test_own_english_fixture_articles_sections_items_and_roman_numerals():
    outline = outline_of("en_services_agreement_articles.txt")
    (doc,) = outline.documents
    assert doc.title == "MASTER SERVICES AGREEMENT"
    arts = articles(outline)
    assert [(a.label.value, a.number, a.heading.value) for a in arts][:3] == [
        ("ARTICLE I", 1, "DEFINITIONS"),
        ("ARTICLE II", 2, "SERVICES"),
        ("ARTICLE III", 3, "FEES AND PAYMENT"),
    ]
    assert [a.number for a in arts] == [1, 2, 3, 4, 5, 6]
    scope = arts[1].clauses[0]
    assert (scope.label.value, scope.heading.value) == ("Section 2.1", "Scope")
    assert [c.number for c in scope.clauses] == ["a", "b", "c"]
    assert [c.number for c in scope.clauses[1].clauses] == ["i", "ii", "iii"]
    assert [c.kind for c in scope.clauses[1].clauses] == ["paren_roman"] * 3
    # "Section 4.2 below", "3.5 million", "1.5 times" are not clauses
    assert [c.number for c in arts[0].clauses] == ["1.1", "1.2"]
    assert [c.number for c in arts[2].clauses] == ["3.1", "3.2"]
    assert [p.label for p in arts[5].clauses[0].placeholders] == ["Jurisdiction"]


@pytest.mark.parametrize(
    "name",
    [
        "zh_gf2014_2402_outbound_group_tour_contract.txt",
        "zh_law_labor_contract_law_2012.md",
        "en_cuad_etelos_distributor_agreement.txt",
        "en_commonpaper_mutual_nda.md",
        "en_services_agreement_articles.txt",
    ],
)
def test_corpus_is_lossless(name):
    assert_lossless(outline_of(name))
