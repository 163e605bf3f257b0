"""Property tests: generated contracts come back with their structure, and nothing is lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clause_db.numerals import int_to_cn
from clause_db.segment import parse_text
from tests.outline_checks import assert_lossless

HEADINGS = ["服务内容", "服务费用", "保密条款", "违约责任", "争议解决", "不可抗力", "其他约定"]
SENTENCES = [
    "乙方应按照本合同第三条的规定执行。",
    "违约金为应付费用的1.5倍。",
    "费用按10%调整。",
    "本合同自2024年1月1日起生效。",
    "乙方应在30天内完成。",
    "乙方提供7×24小时服务,时间为9:00至22:00。",
    "按照本合同第四条、第五条的规定执行。",
    "详见第8.3条。",
    "甲方名称:____。",
    "服务费用为【服务费用】元。",
    "双方应协商一致。",
    "Section 4.2 above applies.",
]


@st.composite
def contracts(draw):
    """A contract as text (glued on one line, or one heading per line) and what it holds."""
    glued = draw(st.booleans())
    count = draw(st.integers(1, 7))
    steps = draw(st.lists(st.sampled_from([1, 1, 1, 2, 3]), min_size=count, max_size=count))
    numbers = [sum(steps[: i + 1]) for i in range(count)]
    expected, chunks = [], [draw(st.sampled_from(["2024年度服务协议", "技术服务合同"]))]
    chunks.append("" if glued else "\n")
    for n in numbers:
        heading = draw(st.sampled_from(HEADINGS))
        first = draw(st.integers(1, 2))
        clause_count = draw(st.integers(0, 3))
        clauses = [f"{n}.{k}" for k in range(first, first + clause_count)]
        sep = "" if glued else " "
        chunks.append(f"第{int_to_cn(n)}条{sep}{heading}")
        if not clauses:
            chunks.append(":" if glued else "\n")
            chunks.append(draw(st.sampled_from(SENTENCES)) + ("" if glued else "\n"))
        else:
            chunks.append("" if glued else "\n")
        for number in clauses:
            body = "".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
            chunks.append(f"{number}{sep}{body}" + ("" if glued else "\n"))
        expected.append((n, heading, clauses))
    return "".join(chunks), expected


@given(contracts())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_contracts_come_back_whole(contract):
    text, expected = contract
    outline = parse_text(text)
    assert_lossless(outline)
    (doc,) = outline.documents
    got = [(a.number, a.heading.value, [c.number for c in a.clauses]) for a in doc.iter_articles()]
    assert got == expected


def _gap_free(expected) -> list[int]:
    return [n for n, _, _ in expected]


@given(contracts())
@settings(max_examples=100, deadline=None)
def test_gaps_list_exactly_the_missing_numbers(contract):
    text, expected = contract
    (doc,) = parse_text(text).documents
    numbers = _gap_free(expected)
    missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
    assert sorted(n for p in doc.parts for g in p.gaps for n in g.missing) == missing


TOKENS = st.sampled_from(
    [
        "第一条",
        "第十二条",
        "第二部分",
        "第三章",
        "1.1",
        "2.1.3",
        "（一）",
        "一、",
        "(a)",
        "(iv)",
        "1.",
        "全文完。",
        "本合同目录一览",
        "目录",
        ":",
        "。",
        "服务费用",
        "____",
        "【】",
        "【金额】",
        "ARTICLE IV",
        "PART A",
        "温馨提示",
        "本站",
        "2024年",
        "1.5倍",
        "Agreement",
        "协议",
        "合同",
        "#",
        "**",
        "x",
        "\n",
        "\n\n",
        "  ",
        "\x0b",
        "\r",
        "\u3000",
        "Article 2",
        "Section 3.2",
    ]
)


@given(st.lists(TOKENS | st.text(max_size=4), max_size=60).map("".join))
@settings(max_examples=500, deadline=None)
def test_any_text_is_parsed_losslessly(text):
    assert_lossless(parse_text(text))
