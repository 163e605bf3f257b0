"""Text from PDFs and filings: page furniture, dotted tables of contents and recitals.

The fixture in tests/fixtures/pdftext is a small file written for these tests (SOURCES.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.reader import read_outline
from clause_db.segment import parse_text
from tests.conftest import CORPUS, FIXTURES
from tests.outline_checks import assert_lossless

if TYPE_CHECKING:
    from pathlib import Path

    from clause_db.model import Outline

MSA = FIXTURES / "pdftext" / "en_msa_pdf_text_toc_headers_footers.txt"
HEADER = "CONFIDENTIAL — Master Services Agreement"


def outline_of(path: Path) -> Outline:
    outline = read_outline(path)
    assert_lossless(outline)
    return outline


def all_values(outline: Outline) -> str:
    return "\n".join(p.value for d in outline.documents for p in d.pieces())


def test_pdf_text_keeps_six_articles_once_despite_the_upper_case_dotted_toc():
    doc = outline_of(MSA).documents[0]
    articles = list(doc.iter_articles())
    assert [a.number for a in articles] == [1, 2, 3, 4, 5, 6]
    assert [a.heading.value for a in articles][:2] == ["Definitions", "Services"]
    assert any(s.reason == "table of contents" for s in doc.skipped)


def test_running_header_and_page_footers_are_skipped_as_page_furniture():
    outline = outline_of(MSA)
    doc = outline.documents[0]
    furniture = [s for s in doc.skipped if s.reason == "page furniture"]
    assert len(furniture) == 5  # one run per page break; the file's first line is the cover
    assert doc.cover.value == HEADER  # the first page's top line, above the title
    assert all("Page" in s.text or HEADER in s.text for s in furniture)
    values = all_values(outline)
    assert values.count(HEADER) == 1  # the cover's; the running header is skipped elsewhere
    assert "Page 2 of 5" not in values
    assert "\f" not in values


def test_page_break_inside_a_clause_sentence_is_a_hole_and_the_sentence_joins():
    outline = outline_of(MSA)
    clause = next(
        c
        for a in outline.documents[0].iter_articles()
        for c in a.iter_clauses()
        if c.number == "3.1"
    )
    assert clause.text.value.endswith(
        "valid invoice, and\nlate payments shall bear interest at one percent (1%) per month."
    )
    raw = outline.text[slice(*clause.text.span)]
    assert "Page 3 of 5" in raw  # the span still runs across the hole


def test_page_number_glued_to_the_last_line_of_a_page_is_skipped():
    text = (
        "SUPPLY AGREEMENT\n\nArticle 1. Supply\n\n1.1 Seller sells the goods to Buyer.      1\n\f"
        "1.2 Buyer pays the price.      2\n\fArticle 2. Law\n\n2.1 English law applies.\n"
    )
    outline = parse_text(text)
    assert_lossless(outline)
    skipped = [s.text for s in outline.documents[0].skipped if s.reason == "page furniture"]
    assert [s.strip() for s in skipped if s.strip().isdigit()] == ["1", "2"]
    values = all_values(outline)
    assert "Seller sells the goods to Buyer." in values
    assert "Buyer.      1" not in values
    assert "price.      2" not in values


def test_a_number_in_a_clause_line_without_page_breaks_is_kept():
    text = "SUPPLY AGREEMENT\n\nArticle 1. Supply\n\n1.1 The price is      100\n"
    outline = parse_text(text)
    assert_lossless(outline)
    assert not any(s.reason == "page furniture" for s in outline.documents[0].skipped)
    assert "The price is      100" in all_values(outline)


def test_a_short_line_repeated_twice_is_not_a_running_header():
    text = (
        "SUPPLY AGREEMENT\n\nArticle 1. Supply\n\nNotes\n\n1.1 Goods.\n\nPage 1\n\f"
        "Notes\n\nArticle 2. Law\n\n2.1 English law.\n"
    )
    outline = parse_text(text)
    assert_lossless(outline)
    assert "Notes" in all_values(outline)


def test_sec_filing_page_numbers_skipped_and_articles_unchanged():
    outline = outline_of(CORPUS / "en_cuad_etelos_distributor_agreement.txt")
    doc = outline.documents[0]
    assert len(list(doc.iter_articles())) == 21
    skipped = [s.text.strip() for s in doc.skipped if s.reason == "page furniture"]
    assert len(skipped) == 9  # -2- .. -9-, each with the running header after it
    assert skipped.pop(0) == "Distributor Agreement"  # page 2's header: page 1 has no number
    assert skipped[0].startswith("-2-")
    assert skipped[0].endswith("Distributor Agreement")
    assert "-2-" not in all_values(outline)
    assert "\nDistributor Agreement\n" not in all_values(outline)


def test_whereas_recitals_after_the_toc_are_the_preamble_not_table_of_contents():
    doc = outline_of(MSA).documents[0]
    assert doc.preamble.value.startswith("This Master Services Agreement is made")
    assert "WHEREAS, Customer wishes" in doc.preamble.value
    assert doc.preamble.value.endswith("the parties agree as follows:")
    assert "DEFINITIONS ...." not in doc.preamble.value
    assert "Page 1 of 5" not in doc.preamble.value
    toc = [s for s in doc.skipped if s.reason == "table of contents"]
    assert len(toc) == 1
    assert "WHEREAS" not in toc[0].text
    assert toc[0].text.rstrip().endswith("4")  # ARTICLE 6 GENERAL ...... 4


def test_dotted_toc_without_a_heading_does_not_double_the_articles():
    text = (
        "SUPPLY AGREEMENT\n\n"
        "SECTION 1 SUPPLY ............ 1\nSECTION 2 PRICE ............. 2\n\n"
        "WHEREAS, Buyer wants goods.\n\n"
        "Section 1. Supply\n\nSeller supplies the goods.\n\n"
        "Section 2. Price\n\nBuyer pays the price.\n"
    )
    outline = parse_text(text)
    assert_lossless(outline)
    doc = outline.documents[0]
    assert [a.heading.value for a in doc.iter_articles()] == ["Supply", "Price"]
    assert [s.reason for s in doc.skipped] == ["table of contents"]
    assert doc.preamble.value == "WHEREAS, Buyer wants goods."


def test_recitals_without_a_toc_are_the_preamble_in_english_and_chinese():
    en = parse_text(
        "SUPPLY AGREEMENT\n\nWHEREAS, Buyer wants goods;\nWHEREAS, Seller has them.\n\n"
        "Article 1. Supply\n\nSeller supplies the goods.\n"
    )
    zh = parse_text(
        "货物买卖合同\n\n鉴于：\n1. 甲方需要货物；\n2. 乙方有货物。\n\n"
        "第一条 供货\n乙方向甲方供货。\n"
    )
    for outline in (en, zh):
        assert_lossless(outline)
        assert len(list(outline.documents[0].iter_articles())) == 1
    assert en.documents[0].preamble.value.startswith("WHEREAS, Buyer")
    assert zh.documents[0].preamble.value.startswith("鉴于")
    assert "乙方有货物" in zh.documents[0].preamble.value


def test_a_file_of_nothing_but_page_breaks_is_one_skipped_run_of_page_furniture():
    for text in ("\f" * 20000, "\f\n" * 20000, "Page 1\n" * 20000, "HDR\n\f" * 5000):
        outline = parse_text(text)
        assert_lossless(outline)
        assert not outline.documents
        assert [s.reason for s in outline.skipped] == ["page furniture"]


def test_a_running_header_that_repeats_the_title_keeps_the_title():
    page = "SUPPLY AGREEMENT\n\nArticle {n}. Term {n}\n\n{n}.1 Text {n}.\n\nPage {n}\n"
    text = "\f".join(page.format(n=n) for n in (1, 2, 3, 4))
    outline = parse_text(text)
    assert_lossless(outline)
    doc = outline.documents[0]
    assert doc.title == "SUPPLY AGREEMENT"
    assert [a.number for a in doc.iter_articles()] == [1, 2, 3, 4]
    assert all_values(outline).count("SUPPLY AGREEMENT") == 1
