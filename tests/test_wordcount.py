"""字数 as Word counts it: for a text, for the draft as exported, for a selection."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from app.model import ops
from app.model.doc_blocks import BlockRef, blocks
from app.model.draft import Blank, Draft, Field, Node, Part, Party, Ref
from app.model.editing import Pos as At
from app.model.importer import draft_from_document
from app.model.wordcount import count_words, draft_words, selection_words
from app.readers import read_any
from app.word.export import render_docx
from resources import SEED_FILES


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # checked against Word (bebe3/office-wordcount, validation_dataset.md)
        ("Hello World", 2),
        ("中文测试", 4),
        ("Hello 世界", 3),
        ("東京2024オリンピック", 9),
        ("Hello、World。", 4),
        ("ＡＢＣＤＥ", 5),
        ("「こんにちは」", 7),
        # full-width punctuation is one 字 each; half-width glued to a word adds nothing
        ("甲方应于本合同签订后五日内支付服务费用。", 20),
        ("第1条", 3),
        ("1.1 Services.", 2),
        ("“保密信息”是指", 8),
        ("don’t stop", 2),
        ("日期：　　　　年　　月　　日", 6),
        ("", 0),
        ("  \n\t", 0),
    ],
)
def test_count_words_counts_asian_characters_and_other_words_as_word_does(
    text: str, words: int
) -> None:
    assert count_words(text) == words


@given(st.text(), st.text())
def test_count_words_adds_up_over_texts_separated_by_a_space(a: str, b: str) -> None:
    assert count_words(f"{a} {b}") == count_words(a) + count_words(b)


def exported_text(draft: Draft) -> str:
    """Every paragraph of the exported body, tables included, footer not (Word's 字数)."""
    body = docx.Document(io.BytesIO(render_docx(draft))).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def small_draft() -> Draft:
    draft = Draft(title="技术服务合同", parties=[Party("甲方", "某某科技有限公司"), Party("乙方")])
    draft.fields[90] = Field(90, "服务费用", name="服务费用", value="人民币10万元")
    draft.fields[91] = Field(91, "期限")
    part = Part(1)
    article = Node(2, heading="服务内容")
    clause = Node(3, heading="保密", body=["乙方应对", Blank(90, "【服务费用】"), "保密。"])
    article.children = [
        clause,
        Node(4, body=["见", Ref(2, "cn_article", "第一条"), "及", Blank(91, "____"), "天。"]),
    ]
    part.articles = [article, Node(5, heading="Miscellaneous", body=["Party A shall pay."])]
    draft.parts = [part]
    draft.preamble = ["双方协商一致，签订本合同。"]
    draft.next_id = 100
    return draft


def english_draft() -> Draft:
    draft = Draft(title="Services Agreement", numbering="english", parties=[Party("Client")])
    article = Node(2, heading="Services", body=["The Supplier shall provide the Services."])
    article.children = [
        Node(3, heading="Scope", body=["As set out in ", Ref(2, "en_article", "Article 1"), "."]),
        Node(4, heading="Standard"),
    ]
    draft.parts = [Part(1, articles=[article])]
    draft.next_id = 10
    return draft


def seed_draft() -> Draft:
    outline = read_any(SEED_FILES[0])
    return draft_from_document(outline.documents[0], outline.text, "seed")


@pytest.mark.parametrize("make", [small_draft, english_draft, seed_draft])
def test_draft_words_equal_word_count_of_the_exported_document(make) -> None:
    draft = make()
    assert draft_words(draft) == count_words(exported_text(draft)) > 0


def test_draft_words_follow_a_filled_value_and_a_new_article() -> None:
    draft = small_draft()
    before = draft_words(draft)
    ops.set_field_value(draft, 91, "三十").apply(draft)  # ____ (1 word) -> 三十 (2)
    assert draft_words(draft) == before + 1
    ops.insert_empty(draft, 1, 2, "附则").apply(draft)  # 第三条 附则
    assert draft_words(draft) == before + 1 + 5
    assert draft_words(draft) == count_words(exported_text(draft))


def test_selecting_everything_counts_what_the_draft_counts() -> None:
    draft = small_draft()
    shown = blocks(draft)
    start, end = At(shown[0].ref, 0), At(shown[-1].ref, len(shown[-1].text))
    assert selection_words(draft, start, end) == draft_words(draft)
    assert selection_words(draft, end, start) == draft_words(draft)  # backwards selection


def test_a_selection_counts_the_value_of_a_blank_it_covers_and_no_number_it_starts_after() -> None:
    draft = small_draft()
    body = BlockRef("body", 3)  # 乙方应对<blank>保密。  (the blank is one character: offset 4)
    assert selection_words(draft, At(body, 2), At(body, 4)) == 2  # 应对
    assert selection_words(draft, At(body, 2), At(body, 5)) == 2 + 6  # + 人民币10万元
    heading = BlockRef("heading", 3)  # 1.1 保密
    assert selection_words(draft, At(heading, 0), At(heading, 2)) == 1 + 2  # 1.1 counts
    assert selection_words(draft, At(heading, 1), At(heading, 2)) == 1
    assert selection_words(draft, At(heading, 0), At(heading, 0)) == 0  # nothing selected


def test_a_selection_in_a_block_no_longer_shown_counts_nothing() -> None:
    draft = small_draft()
    assert selection_words(draft, At(BlockRef("body", 999), 0), At(BlockRef("body", 3), 2)) == 0
