"""Cross-references are read where a lawyer wrote them and written again as they were."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.model.importer import draft_from_document
from app.model.view import show
from app.readers import read_any
from clause_db.numerals import int_to_roman
from clause_db.references import find_references, is_reference_form, write_reference
from tests.conftest import CORPUS, FIXTURES


@pytest.mark.parametrize(
    ("text", "target", "number", "rewritten"),
    [
        ("under Subsection 2.2.", "clause", (2, 2), "Subsection 2.2"),
        ("of this section 19 state", "article", (19,), "section 19"),
        ("see SECTION 4 below", "article", (4,), "SECTION 4"),
        ("payable under Article III; and", "article", (3,), "Article III"),
        ("ARTICLE 7 applies", "article", (7,), "ARTICLE 7"),
        ("per clause 3.1", "clause", (3, 1), "clause 3.1"),
        ("按照本合同第八条的规定", "article", (8,), "第八条"),
    ],
)
def test_a_reference_is_written_again_as_it_was_written(text, target, number, rewritten):
    [mention] = find_references(text)
    assert (mention.target, mention.number) == (target, number)
    assert text[mention.start : mention.end] == rewritten
    assert is_reference_form(mention.form)
    assert write_reference(mention.form, number) == rewritten


@pytest.mark.parametrize("text", ["Intersection 4 of roads", "the Subsections 2", "Articles 3"])
def test_words_that_only_end_or_start_like_a_reference_are_not_one(text: str) -> None:
    assert find_references(text) == []


@given(st.sampled_from(["Section", "section", "Subsection", "Clause", "Article", "ARTICLE"]),
       st.integers(1, 300), st.booleans())  # fmt: skip
def test_the_new_number_keeps_the_word_and_the_numerals(word, n, roman) -> None:
    numeral = int_to_roman(n) if roman and word in ("Article", "ARTICLE") else str(n)
    [mention] = find_references(f"as set out in {word} {numeral} above")
    assert write_reference(mention.form, (n,)) == f"{word} {numeral}"
    assert write_reference(mention.form, (n + 1,)).startswith(f"{word} ")


def test_an_english_contract_opens_with_its_references_as_written() -> None:
    """CUAD: Subsection 18.1 (seven of them), section 19; my fixture: Article III."""
    for path in (CORPUS / "en_cuad_etelos_distributor_agreement.txt",
                 FIXTURES / "en_services_agreement_articles.txt"):  # fmt: skip
        outline = read_any(path)
        document = outline.documents[0]
        original = outline.text[document.span[0] : document.span[1]]
        shown = str(show(draft_from_document(document, outline.text, path.name)))
        assert "SubSection" not in shown
        for phrase in ("Subsection 18.1", "this section 19", "Article III"):
            if phrase in original:
                assert phrase in shown, phrase
