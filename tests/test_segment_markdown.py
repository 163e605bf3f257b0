"""Markdown contracts: list nesting and lazy numbering, markup skipped and reported, lossless.

Fixtures in tests/fixtures/markdown are small files written for these tests (see SOURCES.md).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from app.cli import main_cli
from clause_db.reader import read_outline
from tests.conftest import CORPUS, FIXTURES
from tests.outline_checks import assert_lossless

if TYPE_CHECKING:
    from pathlib import Path

    from clause_db.model import Article, Outline

MARKDOWN = FIXTURES / "markdown"


def outline_of(path: Path) -> Outline:
    outline = read_outline(path)
    assert_lossless(outline)
    return outline


def articles(outline: Outline) -> list[Article]:
    return [a for d in outline.documents for a in d.iter_articles()]


def clause_numbers(article: Article) -> list[str]:
    return [c.number for c in article.iter_clauses()]


def write(tmp_path: Path, text: str, name: str = "contract.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_indented_list_under_an_item_is_its_clauses_not_new_articles():
    arts = articles(outline_of(MARKDOWN / "nested_lists.md"))
    assert [a.heading.value for a in arts] == ["Services", "Fees", "Term"]
    assert [a.number for a in arts] == [1, 2, 3]
    assert clause_numbers(arts[0]) == ["1.1", "1.2", "1.2.1"]
    assert clause_numbers(arts[1]) == ["2.1", "2.2"]
    assert arts[0].clauses[0].label.value == "1."  # the label stays as written
    assert arts[0].clauses[1].clauses[0].text.value.startswith("Meetings are held online")


def test_lazy_numbering_counts_one_two_three():
    arts = articles(outline_of(MARKDOWN / "lazy_numbering.md"))
    assert [a.number for a in arts] == [1, 2, 3, 4]
    assert [a.label.value for a in arts] == ["1."] * 4
    assert [a.heading.value for a in arts] == ["Scope", "Fees", "Confidentiality", "Governing Law"]
    assert clause_numbers(arts[1]) == ["2.1", "2.2"]


def test_html_tags_in_headings_and_items_are_skipped_markup():
    outline = outline_of(MARKDOWN / "html_tags.md")
    (doc,) = outline.documents
    arts = articles(outline)
    assert [(a.number, a.heading.value) for a in arts] == [
        (1, "Definitions"),
        (2, "Processing Instructions"),
    ]
    assert clause_numbers(arts[0]) == ["1.1", "1.2"]
    assert clause_numbers(arts[1]) == ["2.1", "2.2"]
    first = arts[0].clauses[0].text.value
    assert first == '"Personal Data" has the meaning given in the GDPR.'
    markup = [s for s in doc.skipped if s.reason == "markup"]
    assert '<span id="1.1">' in [s.text for s in markup]
    assert "<!-- reviewed by legal -->" in [s.text for s in markup]
    assert all(outline.text[slice(*s.span)] == s.text for s in markup)


def test_front_matter_and_summary_table_are_skipped_and_reported():
    outline = outline_of(MARKDOWN / "front_matter_summary.md")
    (doc,) = outline.documents
    assert doc.title == "Mutual Non-Disclosure Agreement"
    assert doc.preamble.value == ""
    reasons = {s.reason: s.text for s in doc.skipped}
    assert reasons["front matter"].startswith("---\ntitle: Mutual NDA")
    assert reasons["summary table"].startswith("| Term | Value |")
    assert "Governing Law | Delaware |" in reasons["summary table"]
    assert [a.heading.value for a in articles(outline)] == [
        "Introduction",
        "Use of Confidential Information",
        "Term",
    ]


def test_lettered_sections_are_the_articles_and_their_numbered_headings_clauses():
    arts = articles(outline_of(MARKDOWN / "lettered_sections.md"))
    assert [(a.label.value, a.number, a.heading.value) for a in arts] == [
        ("A.", 1, "General Terms"),
        ("B.", 2, "Services"),
        ("C.", 3, "Fees and Payment"),
    ]
    assert [c.heading.value for c in arts[1].clauses] == ["Provision of Services", "Support"]
    assert arts[2].clauses[0].text.value == "Customer will pay the Fees in the Order Form."


def test_outline_json_reports_markup_and_headings_without_it(capsys):
    code = main_cli(["outline", str(MARKDOWN / "html_tags.md"), "--json"])
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    (doc,) = data["documents"]
    assert {s["reason"] for s in doc["skipped"]} == {"markup"}
    assert doc["parts"][0]["articles"][1]["heading"] == "Processing Instructions"


def test_common_paper_nda_keeps_its_eleven_sections_without_span_tags():
    outline = outline_of(CORPUS / "en_commonpaper_mutual_nda.md")
    arts = articles(outline)
    assert [a.number for a in arts] == list(range(1, 12))
    assert all("<span" not in a.text.value for a in arts)
    assert "the Effective Date and expires" in arts[4].text.value


def test_labour_law_markdown_keeps_its_98_articles_and_chinese_angle_brackets():
    outline = outline_of(CORPUS / "zh_law_labor_contract_law_2012.md")
    (doc,) = outline.documents
    assert [a.number for a in articles(outline)] == list(range(1, 99))
    assert "《关于修改<中华人民共和国劳动合同法>的决定》" in doc.preamble.value
    assert [s.text for s in doc.skipped if s.reason == "markup"] == ["<!-- INFO END -->"]


# -- careless and hostile Markdown ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: never closed\n\n1. Scope\n\n2. Fees\n",
        "---\n---\n",
        "<span><span><span>\n",
        "---\nonly: front matter\n---\n",
        "| a | b |\n|---|---|\n",
        "1. A\n    1. deep\n        1. deeper\n            1. deepest\n                1. five\n",
        "1. A\n\t1. tab-indented\n2. B\n",
        "# T\n\n1. <b>Bold</b> heading <i\n2. a < b > c\n",
    ],
)
def test_careless_markdown_still_tiles_the_file(tmp_path, text):
    outline_of(write(tmp_path, text))


def test_unclosed_front_matter_is_text_not_skipped(tmp_path):
    outline = outline_of(write(tmp_path, "---\ntitle: never closed\n\n1. Scope\n\n2. Fees\n"))
    assert not [s for d in outline.documents for s in d.skipped if s.reason == "front matter"]
    assert [a.heading.value for a in articles(outline)] == ["Scope", "Fees"]


def test_a_table_inside_the_body_is_not_a_summary_table(tmp_path):
    text = "# Order\n\n1. Fees\n\n| Item | Price |\n|---|---|\n| Seat | 10 |\n\n2. Term\n"
    outline = outline_of(write(tmp_path, text))
    assert not [s for d in outline.documents for s in d.skipped if s.reason == "summary table"]
    assert "| Seat | 10 |" in articles(outline)[0].text.value


def test_a_restarted_top_level_list_is_not_lazy_numbering(tmp_path):
    text = "# T\n\n1. One\n2. Two\n1. One again\n"
    arts = articles(outline_of(write(tmp_path, text)))
    assert [a.number for a in arts] == [1, 2, 1]


def test_a_single_lettered_heading_is_not_an_article_scheme(tmp_path):
    text = "# T\n\n## A. Note\n\n1. One\n2. Two\n"
    arts = articles(outline_of(write(tmp_path, text)))
    assert [a.number for a in arts] == [1, 2]


def test_a_txt_file_is_not_read_as_markdown(tmp_path):
    text = "# T\n\n1. Scope\n   1. Sub\n2. Fees\n"
    md = [a.number for a in articles(outline_of(write(tmp_path, text, "a.md")))]
    txt = [a.number for a in articles(outline_of(write(tmp_path, text, "a.txt")))]
    assert md == [1, 2]
    assert txt != md


def test_numbered_headings_are_the_articles_and_the_lists_under_them_their_items(tmp_path):
    text = "# T\n\n## 1. Services\n\n1. Hosting\n2. Support\n\n## 2. Fees\n\n1. Monthly fee\n"
    arts = articles(outline_of(write(tmp_path, text)))
    assert [(a.number, a.heading.value) for a in arts] == [(1, "Services"), (2, "Fees")]
    assert [c.number for c in arts[0].clauses] == ["1", "2"]
    assert arts[1].clauses[0].heading.value + arts[1].clauses[0].text.value == "Monthly fee"


def test_a_tag_inside_a_comment_is_skipped_once_with_the_comment(tmp_path):
    outline = outline_of(write(tmp_path, "# T\n\n1. A <!-- <b>x</b> --> y\n2. B\n"))
    markup = [s.text for d in outline.documents for s in d.skipped if s.reason == "markup"]
    assert markup == ["<!-- <b>x</b> -->"]
    assert articles(outline)[0].heading.value + articles(outline)[0].text.value == "A y"


def test_a_list_deeper_than_three_levels_stays_in_its_clause(tmp_path):
    text = "# T\n\n1. A\n   1. B\n      1. C\n         1. D\n2. E\n"
    arts = articles(outline_of(write(tmp_path, text)))
    assert [a.number for a in arts] == [1, 2]
    assert clause_numbers(arts[0]) == ["1.1", "1.1.1"]
    assert "1. D" in arts[0].clauses[0].clauses[0].text.value


def test_a_heading_ends_lazy_numbering(tmp_path):
    text = "# T\n\n1. **A**. a\n\n1. **B**. b\n\n## Annex\n\n1. one\n\n1. two\n"
    arts = articles(outline_of(write(tmp_path, text)))
    assert [a.number for a in arts] == [1, 2, 1, 2]


def test_the_level_one_heading_is_the_title_whatever_its_words(tmp_path) -> None:
    body = (
        '\n\nThis Statement is made between **Northgate Media Ltd** ("Buyer") and **Oakline '
        'Print Ltd** ("Printer").\n\n## 1. Print Run\n\n1.1 The Printer prints the run.\n\n'
        "## 2. Price\n\n2.1 The Buyer pays on delivery.\n"
    )
    [doc] = outline_of(write(tmp_path, "# Print Run Statement" + body)).documents
    assert doc.title == "Print Run Statement"
    assert doc.preamble.value.startswith("This Statement is made between")
    # a level-2 heading, or a level-1 heading that is a labelled field, is no title
    for line in ("## Print Run Statement", "# Reference: PR-7"):
        [doc] = outline_of(write(tmp_path, line + body)).documents
        assert doc.title == ""
