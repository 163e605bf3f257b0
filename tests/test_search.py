"""Library search: every query length, English, AND, ranking, snippets, hostile input."""

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from outline_factory import make_outline

from clause_db.fulltext import HIGHLIGHT_END, HIGHLIGHT_START
from clause_db.store import ClauseLibrary

OUTLINE = make_outline(
    {
        "客服外包服务协议": [
            (
                "违约责任",
                "",
                [
                    "任何一方违反本合同约定的，应当承担违约责任。",
                    "乙方逾期超过十日的，甲方有权解除合同。",
                ],
            ),
            (
                "保密条款",
                "双方应对商业秘密保密。",
                [
                    "本条款所称违约金不影响守约方要求赔偿损失的权利。",
                ],
            ),
            ("服务费用", "甲方应于每月五日前支付服务费。"),
        ],
        "Outsourcing Agreement": [
            (
                "Confidentiality",
                "",
                [
                    "Each Party shall keep the CONFIDENTIAL information of the other party secret.",
                    "A breach of this clause entitles the other party to damages.",
                ],
            ),
        ],
    }
)


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> ClauseLibrary:
    library = ClauseLibrary(tmp_path_factory.mktemp("search") / "lib.sqlite")
    library.import_outline(OUTLINE, "协议.txt")
    yield library
    library.close()


def texts(hits: list) -> list[str]:
    return [h.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "") for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("费", {"甲方应于每月五日前支付服务费。"}),
        ("十", {"乙方逾期超过十日的，甲方有权解除合同。"}),
        ("解除", {"乙方逾期超过十日的，甲方有权解除合同。"}),
        ("违约金", {"本条款所称违约金不影响守约方要求赔偿损失的权利。"}),
        ("应当承担违约", {"任何一方违反本合同约定的，应当承担违约责任。"}),
    ],
)
def test_chinese_queries_of_every_length(lib: ClauseLibrary, query: str, expected: set) -> None:
    assert set(texts(lib.search(query))) == expected


def test_heading_match_ranks_first(lib: ClauseLibrary) -> None:
    hits = lib.search("违约")
    assert (hits[0].kind, hits[0].heading) == ("article", "违约责任")
    assert len(hits) == 3
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)


def test_hit_fields(lib: ClauseLibrary) -> None:
    (hit,) = lib.search("违约金")
    assert hit.kind == "clause" and hit.source_title == "客服外包服务协议"
    assert hit.label == "2.1"
    assert lib.clause(hit.id).article_id == hit.article_id
    assert lib.article(hit.article_id).heading == "保密条款"


def test_english_is_case_insensitive(lib: ClauseLibrary) -> None:
    for query in ("confidential", "CONFIDENTIAL", "Confidential"):
        hits = lib.search(query)
        assert {h.kind for h in hits} == {"article", "clause"}  # heading and clause text
        assert hits[0].heading == "Confidentiality"
    assert len(lib.search("Party")) == 2
    assert len(lib.search("of")) == 2  # "of", never "other": words that start with it


def test_english_terms_match_at_word_starts(lib: ClauseLibrary) -> None:
    assert [(h.kind, h.heading) for h in lib.search("confid")] == [
        ("article", "Confidentiality"),
        ("clause", ""),
    ]
    assert lib.search("fidential") == [] and lib.search("arty") == []
    (hit,) = lib.search("entitle")  # "entitles"
    assert f"{HIGHLIGHT_START}entitle{HIGHLIGHT_END}s" in hit.snippet


def test_punctuated_terms_are_word_sequences(tmp_path: Path) -> None:
    outline = make_outline(
        {
            "Numbers": [
                (
                    "Scope",
                    "",
                    ["See section 3.1.2 of Annex A.", "See 13.1.2 and 3.1.20.", "第3.1条约定"],
                ),
            ]
        }
    )
    with ClauseLibrary(tmp_path / "lib.sqlite") as library:
        library.import_outline(outline, "n.txt")
        assert [h.snippet for h in library.search("3.1.2")] == [
            f"See 13.1.2 and {HIGHLIGHT_START}3.1.2{HIGHLIGHT_END}0.",
            f"See section {HIGHLIGHT_START}3.1.2{HIGHLIGHT_END} of Annex A.",
        ]
        assert len(library.search("3-1")) == 3  # the same words, whatever joins them
        assert texts(library.search("第3.1条")) == ["第3.1条约定"]  # mixed: substring, LIKE
        assert texts(library.search("1条")) == ["第3.1条约定"]


def test_terms_are_anded(lib: ClauseLibrary) -> None:
    assert texts(lib.search("甲方 解除")) == ["乙方逾期超过十日的，甲方有权解除合同。"]
    assert lib.search("甲方 confidential") == []
    assert len(lib.search("party damages")) == 1


def test_terms_spread_over_clauses_hit_the_article(lib: ClauseLibrary) -> None:
    hits = lib.search("承担 解除")
    assert [(h.kind, h.heading) for h in hits] == [("article", "违约责任")]
    assert HIGHLIGHT_START + "承担" + HIGHLIGHT_END in hits[0].snippet


def test_snippet_marks_every_match(lib: ClauseLibrary) -> None:
    (hit,) = lib.search("赔偿")
    assert hit.snippet == (
        f"本条款所称违约金不影响守约方要求{HIGHLIGHT_START}赔偿{HIGHLIGHT_END}损失的权利。"
    )
    (hit,) = lib.search("secret")
    assert f"{HIGHLIGHT_START}secret{HIGHLIGHT_END}." in hit.snippet
    assert HIGHLIGHT_START not in "【】" and HIGHLIGHT_END not in "【】"


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'a"b',
        "违约 -保密",
        "-违约",
        "x:y",
        "费*",
        "OR",
        "AND",
        "NOT 违约",
        "NEAR(违约",
        "(",
        ")",
        "^",
        "{heading}:违约",
        "%",
        "_",
        "\\",
        "违约 OR 保密",
        "'; DROP TABLE clauses;--",
    ],
)
def test_query_syntax_is_plain_text(lib: ClauseLibrary, query: str) -> None:
    lib.search(query)  # no exception
    assert lib.stats()["clauses"] == 5


def test_fts_operators_are_literal(lib: ClauseLibrary) -> None:
    assert lib.search("违约 OR 保密") == []  # "OR" is a term no text holds
    assert lib.search("%") == [] and lib.search("_") == []


def test_empty_query_and_limit(lib: ClauseLibrary) -> None:
    assert lib.search("") == [] and lib.search("  \u3000 ") == []
    assert len(lib.search("的", limit=2)) == 2


CJK = "违约金保密甲乙方服务费合同"
ALPHABET = st.sampled_from(list(CJK) + list("abAB12") + ["，", ".", "-", " "])
TEXT = st.text(ALPHABET, max_size=25)
_WORD = "[a-z0-9]"  # the corpus's letters and digits; Han characters are words of their own


def oracle(query: str, text: str) -> bool:
    """Whether ``text`` holds ``query``, by the documented rules, independent of the index.

    All-Han terms are substrings; terms with letters or digits and no Han are their words
    in order, the last one a word prefix, starting where no letter or digit precedes and
    separated by anything but letters, digits and Han; the rest are substrings.
    """
    query, text = query.lower(), text.lower()
    has_han = any(c in CJK for c in query)
    words = re.findall(f"{_WORD}+", query)
    if has_han or not words:
        return query in text
    gap = f"[^{_WORD[1:-1]}{CJK}]+"
    return re.search(f"(?<!{_WORD})" + gap.join(words), text) is not None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    articles=st.lists(st.tuples(TEXT, TEXT, st.lists(TEXT, max_size=3)), min_size=1, max_size=5),
    pick=st.tuples(st.integers(0, 10**6), st.integers(0, 30), st.integers(1, 7)),
    upper=st.booleans(),
)
def test_search_matches_the_documented_semantics(articles, pick, upper) -> None:
    outline = make_outline({"随机合同": [(h.strip(), t, cs) for h, t, cs in articles]})
    rows = []  # (kind, heading, text) of every search row, in import order
    for h, t, cs in articles:
        rows.append(("article", h.strip(), t))
        rows += [("clause", "", c) for c in cs]
    source = "".join(h + t + "".join(cs) for h, t, cs in articles) or "违约"
    i, offset, size = pick
    token = (source[i % len(source) :] + "违")[offset % 8 :][:size].split()
    query = token[0] if token else "违"
    query = query.upper() if upper else query.lower()
    with tempfile.TemporaryDirectory() as tmp, ClauseLibrary(Path(tmp) / "lib.sqlite") as lib:
        lib.import_outline(outline, "random.txt")
        hits = lib.search(query, limit=1000)
        got = sorted(
            (
                h.kind,
                h.heading,
                lib.clause(h.id).text if h.kind == "clause" else lib.article(h.id).text,
            )
            for h in hits
        )
    expected = sorted(r for r in rows if oracle(query, r[1]) or oracle(query, r[2]))
    assert got == expected


def test_oracle_itself() -> None:
    assert oracle("AB", "x ab") and oracle("ab", "违ab") and oracle("a-1", "a.12")
    assert not oracle("b", "ab") and not oracle("a.1", "a违1") and not oracle("a.b", "ab")
    assert oracle("违约", "甲违约") and oracle("约a", "违约a") and oracle("，", "违，")
