"""The checks on the real seed contracts: what a lawyer would be told before sending them."""

from __future__ import annotations

import time

import pytest

from app.model import ops
from app.model.checks import ERROR, INFO, run_checks
from app.model.checks.topics import article_topic
from app.model.draft import Draft, Part, Ref, plain
from app.model.importer import draft_from_document
from app.readers import read_any
from clause_db.reader import read_outline
from resources import SEED_FILES
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def outline():
    return read_outline(SEED_FILES[0])


@pytest.fixture
def seed(outline):
    def make(i: int) -> Draft:
        return draft_from_document(outline.documents[i], outline.text, "seed")

    return make


def kinds(draft: Draft, kind: str):
    return [c for c in run_checks(draft) if c.kind == kind]


def test_the_first_contract_has_unfilled_fields_and_no_broken_references(seed) -> None:
    draft = seed(0)
    unfilled = kinds(draft, "unfilled")
    counts = draft.occurrences()
    assert {c.field_id for c in unfilled} == {f for f, n in counts.items() if n}
    for c in unfilled:
        assert c.node_id is not None and draft.node(c.node_id) is not None
        assert draft.fields[c.field_id].label in c.message.zh
        assert draft.fields[c.field_id].label in c.message.en
    assert not kinds(draft, "dangling") and not kinds(draft, "unresolved")


def test_a_filled_field_is_no_longer_reported(seed) -> None:
    draft = seed(2)
    field = draft.field_named("通知期限")
    ops.History(draft).push(ops.set_field_value(draft, field.id, "三十日"))
    assert field.id not in {c.field_id for c in kinds(draft, "unfilled")}


def test_deleting_a_referenced_article_leaves_a_dangling_reference(seed) -> None:
    draft = seed(3)
    part = draft.parts[1]
    target = next(a for a in part.articles if a.heading == "第三方退出")
    owner = next(
        n for _, n in draft.nodes() if any(getattr(s, "target", None) == target.id for s in n.body)
    )
    ops.History(draft).push(ops.delete_node(draft, target.id))
    dangling = kinds(draft, "dangling")
    assert len(dangling) == 1
    assert dangling[0].severity == ERROR
    assert dangling[0].node_id == owner.id
    assert "第八条" in dangling[0].message.zh


def test_the_numbers_the_source_skipped_are_reported_as_written(seed) -> None:
    draft = seed(2)
    gaps = kinds(draft, "numbering_gap")
    assert len(gaps) == 1
    gap = gaps[0]
    assert gap.severity == INFO
    assert "第六条、第七条" in gap.message.zh and "第五条" in gap.message.zh
    assert "第六条 and 第七条" in gap.message.en
    assert draft.node(gap.node_id).provenance.written_label == "第八条"


def test_a_missing_essential_topic_is_reported(seed) -> None:
    """Deleting the confidentiality articles is not enough: the seed still speaks of 保密
    elsewhere (its annex list), so the subject is there. Once no text says it, it is missing."""
    draft = seed(0)
    assert not kinds(draft, "missing_topic")
    history = ops.History(draft)
    for article in [a for p in draft.parts for a in p.articles]:
        if article_topic(article) == "confidentiality":
            history.push(ops.delete_node(draft, article.id))
    assert not kinds(draft, "missing_topic")
    for part in draft.all_parts():
        for node in [n for a in part.articles for n in a.walk()]:
            if "保密" in plain(node.body) and draft.node(node.id) is not None:
                history.push(ops.set_text(draft, node.id, "（略）"))
        if "保密" in plain(part.body):
            part.body = ["（略）"]  # the annex list: no command edits a part's text
    missing = kinds(draft, "missing_topic")
    assert [(c.message.zh, c.node_id) for c in missing] == [
        ("缺少“保密”条款（商业合同通常应有）", None)
    ]
    assert "Confidentiality" in missing[0].message.en
    assert "保密" in missing[0].why.zh


def test_two_confidentiality_articles_in_one_part_are_the_same_topic_twice(seed) -> None:
    draft = seed(1)
    assert not [c for c in kinds(draft, "duplicate_topic") if "保密" in c.message.zh]
    part = draft.parts[0]
    command = ops.insert_text_node(draft, part.id, len(part.articles), "保密义务", "双方应当保密。")
    ops.History(draft).push(command)
    twice = [c for c in kinds(draft, "duplicate_topic") if "“保密”" in c.message.zh]
    assert len(twice) == 1
    assert "第五条" in twice[0].message.zh and "第十五条" in twice[0].message.zh
    assert twice[0].node_id == part.articles[-1].id


def test_headings_no_rule_matched_are_never_duplicates(seed) -> None:
    draft = seed(1)
    part = draft.parts[0]
    history = ops.History(draft)
    for _ in range(2):
        history.push(ops.insert_text_node(draft, part.id, 0, "鸣谢", "感谢。"))
    assert not [c for c in kinds(draft, "duplicate_topic") if "鸣谢" in c.message.zh]


def test_an_empty_draft_has_nothing_to_check() -> None:
    assert run_checks(Draft(parts=[Part(1)], next_id=2)) == []


def test_a_thousand_article_draft_is_checked_quickly(seed) -> None:
    draft = seed(2)
    part = draft.parts[0]
    template = part.articles[:]
    history = ops.History(draft)
    while len(part.articles) < 1000:
        source = template[len(part.articles) % len(template)]
        text = "".join(s for s in source.body if isinstance(s, str)) or "正文"
        history.push(ops.insert_text_node(draft, part.id, len(part.articles), source.heading, text))
    start = time.perf_counter()
    checks = run_checks(draft)
    assert time.perf_counter() - start < 1.0
    assert checks


def corpus_draft(name: str) -> Draft:
    outline = read_any(CORPUS / name)
    return draft_from_document(outline.documents[0], outline.text, name)


def test_a_reference_to_another_chapter_finds_its_article() -> None:
    """The tour contract numbers 第一条–第二十八条 through its chapters, and cites 第十四条
    from other chapters (按照本合同第十四条处理)."""
    draft = corpus_draft("zh_gf2014_2402_outbound_group_tour_contract.txt")
    assert kinds(draft, "unresolved") == []
    [fourteen] = [
        a for p in draft.parts for a in p.articles if a.provenance.written_label == "第十四条"
    ]
    chapter = next(p for p in draft.parts if fourteen in p.articles)
    citing = [
        part
        for part, node in draft.nodes()
        for seg in node.body
        if isinstance(seg, Ref) and seg.target == fourteen.id
    ]
    assert citing and any(part is not chapter for part in citing)


def test_a_topic_settled_in_a_clause_of_its_own_is_not_missing() -> None:
    """CUAD: disputes go to 21.7 Arbitration, inside 21 General; it has no force majeure."""
    draft = corpus_draft("en_cuad_etelos_distributor_agreement.txt")
    missing = [c.message.en for c in kinds(draft, "missing_topic")]
    assert missing == ["No Force Majeure article (a commercial contract usually has one)"]
