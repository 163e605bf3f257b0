"""Numbers as the source wrote them: an excerpt keeps its first article's number (a part's
``start``), an article whose items the source numbered differently keeps its own style;
both through save, reopen, draft show and export (typed numbers and Word's own list)."""

from __future__ import annotations

import json
import zipfile
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main_cli
from app.model import ops
from app.model.draft import NUMBERING_STYLES, Draft, Node, Part, Ref
from app.model.fileformat import DraftFormatError, draft_to_json, dumps, loads
from app.model.importer import draft_from_document
from app.model.number_forms import NAMED, is_style
from app.model.numbering import STYLE_NAMES, label, labels, number_paths, written_style
from app.model.ops import EditError, History
from app.model.text import ref_text
from app.readers import read_any
from app.word.export import ExportOptions, export_draft
from clause_db.segment import parse_text
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from pathlib import Path

EXCERPT = CORPUS / "zh_civil_code_book3_contracts_excerpt.txt"
TOUR = CORPUS / "zh_gf2014_2402_outbound_group_tour_contract.txt"


def draft_of(path: Path) -> Draft:
    outline = read_any(path)
    return draft_from_document(outline.documents[0], outline.text, path.name)


def article_labels(draft: Draft) -> list[str]:
    shown = labels(draft)
    return [shown[a.id] for p in draft.parts for a in p.articles]


def exported_labels(path: Path) -> list[str]:
    return [a.label.value for a in read_any(path).documents[0].iter_articles()]


def test_an_excerpt_starts_where_the_source_does() -> None:
    draft = draft_of(EXCERPT)
    written = exported_labels(EXCERPT)
    assert written[0] == "第四百六十三条"
    assert article_labels(draft) == written  # and the chapters after it run on
    first = next(p for p in draft.parts if p.articles)
    assert (first.start, first.restart_numbering) == (463, True)


def test_a_contract_that_lost_its_first_article_is_renumbered_from_one() -> None:
    """第三条 first is two articles missing (reported as a gap), not an excerpt."""
    text = "服务合同\n第三条 服务\n乙方提供服务。\n第四条 费用\n甲方付款。\n"
    doc = parse_text(text).documents[0]
    draft = draft_from_document(doc, text, "x.txt")
    assert draft.parts[0].start == 1
    assert article_labels(draft) == ["第一条", "第二条"]


def test_a_reference_in_an_excerpt_reads_its_real_number() -> None:
    text = "第四百六十三条 本编调整合同关系。\n第四百六十四条 依照本法第四百六十三条的规定。\n"
    doc = parse_text(text).documents[0]
    draft = draft_from_document(doc, text, "x.txt")
    [ref] = [s for _, n in draft.nodes() for s in n.body if isinstance(s, Ref)]
    assert ref_text(ref, number_paths(draft)) == "第四百六十三条"


@pytest.mark.parametrize("numbering", ["literal", "word"])
def test_start_and_article_styles_survive_save_reopen_and_export(
    tmp_path: Path, numbering: str
) -> None:
    for source in (EXCERPT, TOUR):
        draft = loads(dumps(draft_of(source)))
        assert article_labels(draft) == exported_labels(source)
        out = tmp_path / f"{source.stem}-{numbering}.docx"
        export_draft(draft, out, ExportOptions(numbering=numbering))
        back = draft_of(out)
        assert article_labels(back) == article_labels(draft)
        # every clause too: 第二条's （1） stays （1）
        assert sorted(labels(back).values()) == sorted(labels(draft).values())


def test_word_list_starts_at_the_excerpts_first_number(tmp_path: Path) -> None:
    out = tmp_path / "excerpt.docx"
    export_draft(draft_of(EXCERPT), out, ExportOptions(numbering="word"))
    with zipfile.ZipFile(out) as docx:
        numbering = docx.read("word/numbering.xml").decode()
    assert '<w:startOverride w:val="463"/>' in numbering


def test_draft_show_has_the_start_and_an_articles_own_style(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for source, check in ((EXCERPT, "start"), (TOUR, "numbering")):
        target = tmp_path / f"{source.stem}.contract"
        assert main_cli(["draft", "new", "--from", str(source), "-o", str(target)]) == 0
        capsys.readouterr()
        assert main_cli(["draft", "show", str(target), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        parts = [p for p in data["parts"] if p["articles"]]
        if check == "start":
            assert parts[0]["start"] == 463
            assert parts[0]["articles"][0]["label"] == "第四百六十三条"
        else:
            first, second = [a for p in parts for a in p["articles"]][:2]
            assert second["numbering"] == "chinese_paren"
            assert second["clauses"][0]["label"] == "（1）"
            assert "numbering" not in first


def test_an_articles_own_style_follows_it_when_moved() -> None:
    draft = draft_of(TOUR)
    second = draft.parts[1].articles[0]
    ops.move_node(draft, second.id, draft.parts[0].id, 0).apply(draft)
    shown = labels(draft)
    assert shown[second.id] == "第一条" and shown[second.children[0].id] == "（1）"


def test_the_draft_style_prints_english_without_the_chinese_override() -> None:
    draft = Draft(numbering="chinese_items")
    article = Node(1, children=[Node(2)], numbering="chinese_paren")
    draft.parts = [Part(3, articles=[article], start=5)]
    assert labels(draft) == {1: "第五条", 2: "（1）"}
    assert labels(draft, "english") == {1: "Article 5", 2: "5.1"}
    assert label((5, 1), "chinese_paren") == "（1）" and label((5, 1, 2), "chinese_paren") == "②"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda obj: obj["parts"][0].update(start=0), "start"),
        (lambda obj: obj["parts"][0].update(start="463"), "start"),
        (lambda obj: obj["parts"][0]["articles"][0].update(numbering="roman"), "numbering"),
    ],
)
def test_a_file_with_a_bad_start_or_style_is_refused(change, message: str) -> None:
    draft = Draft(numbering="chinese_items")
    draft.parts = [Part(1, articles=[Node(2)])]
    draft.next_id = 3
    obj = draft_to_json(draft)
    change(obj)
    with pytest.raises(DraftFormatError, match=message):
        loads(json.dumps(obj))


def test_a_file_without_start_or_styles_reads_as_before() -> None:
    draft = Draft(numbering="chinese")
    draft.parts = [Part(1, articles=[Node(2)])]
    draft.next_id = 3
    obj = draft_to_json(draft)
    del obj["parts"][0]["start"]
    back = loads(json.dumps(obj))
    assert back.parts[0].start == 1 and back.parts[0].articles[0].numbering is None


SECTIONS = (
    "AGREEMENT\nARTICLE I\nDEFINITIONS\nSection 1.01 Terms. The terms.\n"
    "Section 1.02 More. As follows:\n(a) first;\n(b) second.\nARTICLE II\nPAYMENT\n"
    "Section 2.01 Fees. Pay.\n"
)
LETTERS = "AGREEMENT\n1. Services\n1.1 The supplier shall:\n(a) do this;\n(b) do that.\n2. Fees\n"


@pytest.mark.parametrize(
    ("text", "style", "shown"),
    [
        (SECTIONS, "english_sections", ["ARTICLE I", "Section 1.01", "Section 1.02", "(a)", "(b)",
                                        "ARTICLE II", "Section 2.01"]),
        (LETTERS, "decimal_alpha", ["1.", "1.1", "(a)", "(b)", "2."]),
    ],
)  # fmt: skip
@pytest.mark.parametrize("numbering", ["literal", "word"])
def test_english_mixes_keep_their_look_through_export(
    tmp_path: Path, text: str, style: str, shown: list[str], numbering: str
) -> None:
    """ARTICLE I > Section 1.01 and 1. > 1.1 > (a): not renumbered Section 1.1 or 1.1.1."""
    doc = parse_text(text).documents[0]
    draft = draft_from_document(doc, text, "x.txt")
    assert draft.numbering == style
    numbers = labels(draft)
    assert [numbers[n.id] for _, n in draft.nodes()] == shown
    out = tmp_path / "out.docx"
    export_draft(loads(dumps(draft)), out, ExportOptions(numbering=numbering))
    back = draft_of(out)
    assert back.numbering == style
    again = labels(back)
    assert [again[n.id] for _, n in back.nodes()] == shown


def test_an_articles_own_style_gives_way_to_a_draft_switched_to_other_articles() -> None:
    draft = draft_of(TOUR)
    second = draft.parts[1].articles[0]
    ops.set_numbering(draft, "chinese").apply(draft)  # still 第一条: 第二条 keeps （1）
    assert labels(draft)[second.children[0].id] == "（1）"
    ops.set_numbering(draft, "english").apply(draft)
    assert labels(draft)[second.children[0].id] == "2.1"


def test_an_articles_style_and_a_parts_start_are_undoable_edits() -> None:
    draft = draft_of(TOUR)
    first = draft.parts[0].articles[0]
    history = History(draft)
    history.push(ops.set_article_numbering(draft, first.id, "chinese_law"))
    history.push(ops.set_part_start(draft, draft.parts[0].id, 5))
    shown = labels(draft)
    assert (shown[first.id], shown[first.children[0].id]) == ("第五条", "（一）")
    history.undo()
    history.undo()
    shown = labels(draft)
    assert (shown[first.id], shown[first.children[0].id]) == ("第一条", "1.")
    for bad in (
        lambda: ops.set_article_numbering(draft, first.id, "roman"),
        lambda: ops.set_article_numbering(draft, first.children[0].id, "chinese"),  # a clause
        lambda: ops.set_part_start(draft, draft.parts[0].id, 0),
    ):
        with pytest.raises(EditError):
            bad()


OWN_MIX = (
    "合作协议\n一、合作内容\n1. 甲方负责推广。\n（1）线上推广；\n（2）线下推广。\n"
    "2. 乙方负责供货。\n二、费用\n1. 费用为十万元。\n2. 按月支付。\n"
)


@pytest.mark.parametrize("numbering", ["literal", "word"])
def test_a_mix_no_named_style_has_is_kept_as_the_drafts_own(tmp_path: Path, numbering: str) -> None:
    """1. > （1） (articles under 一、 headings): no named style writes it; the draft keeps
    it as written, through save, reopen and export."""
    doc = parse_text(OWN_MIX).documents[0]
    draft = draft_from_document(doc, OWN_MIX, "x.txt")
    assert draft.numbering == "forms:1. / （1）"
    shown = ["1.", "（1）", "（2）", "2.", "1.", "2."]
    assert [labels(draft)[n.id] for _, n in draft.nodes()] == shown
    draft = loads(dumps(draft))
    out = tmp_path / "out.docx"
    export_draft(draft, out, ExportOptions(numbering=numbering))
    back = draft_of(out)
    assert back.numbering == draft.numbering
    assert [labels(back)[n.id] for _, n in back.nodes()] == shown


def test_traditional_articles_stay_traditional(tmp_path: Path) -> None:
    source = CORPUS / "zh_tw_software_licence_contract_big5.txt"
    draft = draft_of(source)
    assert article_labels(draft)[:2] == ["第一條", "第二條"]
    out = tmp_path / "tw.docx"
    export_draft(draft, out, ExportOptions(numbering="word"))
    assert article_labels(draft_of(out)) == article_labels(draft)


_ARTICLE_FORMS = ["第一条", "第一條", "一、", "Article 1", "ARTICLE I", "1."]
_ITEM_FORMS = ["1.", "1.1", "1.1.", "1、", "（一）", "（1）", "(1)", "1)", "(a)", "(i)", "①"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(_ARTICLE_FORMS),
    st.lists(st.sampled_from(_ITEM_FORMS), min_size=1, max_size=2),
    st.integers(1, 40),
)
def test_any_mix_of_forms_reads_back_as_written(head: str, items: list[str], n: int) -> None:
    """Labels written in any mix of forms are read back as a style that writes them again."""
    style = "forms:" + " / ".join([head, *items])
    articles = [label((k,), style) for k in range(n, n + 3)]
    level2 = [label((n, k), style) for k in (1, 2, 3)]
    level3 = [label((n, 1, k), style) for k in (1, 2, 3)] if len(items) > 1 else []
    found = written_style(articles, "zh", level2, level3)
    assert is_style(found)
    assert [label((k,), found) for k in range(n, n + 3)] == articles
    assert [label((n, k), found) for k in (1, 2, 3)] == level2
    assert [label((n, 1, k), found) for k in (1, 2, 3)][: len(level3)] == level3


def test_every_named_style_is_offered_described_and_known() -> None:
    assert list(NUMBERING_STYLES) == list(STYLE_NAMES) == list(NAMED)
    assert not is_style("forms:1. / (z)") and not is_style("forms:") and is_style("forms:1.")
