"""The bundled seed: six scraped contracts on one line, with TOCs, gaps and boilerplate."""

from __future__ import annotations

import pytest

from clause_db.segment import parse_text
from clause_db.textio import read_text_file
from resources import SEED_FILES
from tests.outline_checks import assert_lossless

FIRST_CONTRACT_HEADINGS = [
    "合同主体及定义", "服务内容", "服务费用", "服务质量保证", "保密条款", "违约责任", "争议解决",
    "合同的生效、变更和终止", "甲方权利和义务", "乙方权利和义务", "不可抗力", "合同的解除", "附则",
    "其他约定",
]  # fmt: skip


@pytest.fixture(scope="module")
def seed():
    text = read_text_file(SEED_FILES[0]).text
    return parse_text(text)


def test_six_contracts_with_their_titles(seed):
    assert [d.title for d in seed.documents] == ["2024年度电商客服外包服务协议"] * 6


def test_site_boilerplate_is_skipped_and_reported(seed):
    reasons = [s.reason for s in seed.skipped]
    assert reasons == ["boilerplate", "boilerplate"]
    assert "继续免费阅读" in seed.skipped[0].text
    assert "温馨提示" in seed.skipped[1].text
    assert all("温馨提示" not in a.text.value for d in seed.documents for a in d.iter_articles())


def test_every_complete_contract_has_three_parts(seed):
    for d in seed.documents[:5]:
        assert [p.label.value for p in d.parts] == ["第一部分", "第二部分", "第三部分"]
    assert [p.label.value for p in seed.documents[5].parts] == ["第一部分"]  # the page ends
    assert seed.documents[0].parts[1].title == "第二部分 第三方介入后的修正"


def test_table_of_contents_is_skipped_not_parsed(seed):
    for d in seed.documents:
        tocs = [s for s in d.skipped if s.reason == "table of contents"]
        assert len(tocs) == 1 and tocs[0].text.startswith("本合同目录一览")


def test_first_contract_articles(seed):
    body = seed.documents[0].parts[0]
    assert [a.number for a in body.articles] == list(range(1, 15))
    assert [a.heading.value for a in body.articles] == FIRST_CONTRACT_HEADINGS
    assert body.articles[10].label.value == "第十一条"
    first = body.articles[0]
    assert [c.number for c in first.clauses] == ["1.1", "1.2", "1.3"]
    assert first.clauses[2].heading.value == "客服外包服务定义"


def test_nested_clauses_and_a_missing_first_clause(seed):
    body = seed.documents[0].parts[0]
    termination = body.articles[7]
    assert [c.number for c in termination.clauses[2].clauses] == [
        "8.3.1",
        "8.3.2",
        "8.3.3",
        "8.3.4",
    ]
    assert [c.number for c in body.articles[3].clauses] == ["4.3"]  # 4.1 and 4.2 are missing


def test_gaps_are_reported_not_renumbered(seed):
    third = seed.documents[2].parts[0]
    assert [a.number for a in third.articles] == [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14]
    assert [g.missing for g in third.gaps] == [[6, 7]]
    assert seed.documents[0].parts[0].gaps == []


def test_headings_glued_without_colon_use_the_table_of_contents(seed):
    overview = seed.documents[2].parts[0].articles[0]
    assert [(c.heading.value, c.text.value[:6]) for c in overview.clauses[:2]] == [
        ("协议双方", ""),
        ("协议期限", "本协议自【起"),
    ]


def test_cross_references_stay_in_the_text(seed):
    amendments = seed.documents[3].parts[1]
    assert [a.number for a in amendments.articles] == list(range(1, 14))
    clause = amendments.articles[9].clauses[1]
    assert clause.text.value.endswith("按照本合同第八条的规定执行;")
    liability = amendments.articles[11].clauses[2]
    assert "第四条、第五条的规定执行" in liability.text.value


def test_truncated_tail_stays_text(seed):
    amendments = seed.documents[4].parts[1]
    assert amendments.articles[-1].clauses[-1].text.value.endswith("行使追偿权。第十二")
    last = seed.documents[5].parts[0].articles[-1]
    assert last.clauses[0].heading.value == "不可抗"


def test_placeholders_with_labels(seed):
    party = seed.documents[0].parts[0].articles[0].clauses[0]
    assert [(p.kind, p.label) for p in party.placeholders] == [
        ("underscore", "甲方名称"),
        ("underscore", "甲方地址"),
    ]
    fee = seed.documents[5].parts[0].articles[3].clauses[0]
    assert [p.kind for p in fee.placeholders] == ["bracket_empty", "bracket_empty"]


def test_seed_is_lossless(seed):
    assert_lossless(seed)
