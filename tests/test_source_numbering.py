"""A contract keeps the numbering its source wrote: GF model contracts 第一条 > 1. > （1）,
statutes and 劳动合同 第一条 > （一）; detected on import, kept through save, export and
read back."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from app.cli import main_cli
from app.model import ops
from app.model.draft import Ref
from app.model.files import load_draft, save_draft
from app.model.importer import draft_from_document
from app.model.numbering import label, number_paths, written_style
from app.model.text import ref_text
from app.model.view import show
from app.readers import read_any
from app.word.export import ExportOptions, export_draft
from clause_db.references import find_references, is_reference_form, write_reference
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from pathlib import Path

    from clause_db.model import Article, Clause

GF_TOUR = CORPUS / "zh_gf2014_2402_outbound_group_tour_contract.txt"
LABOUR_LAW = CORPUS / "zh_law_labor_contract_law_2012.md"


def _draft(path: Path):
    outline = read_any(path)
    return draft_from_document(outline.documents[0], outline.text, path.name)


def _written(node: Article | Clause) -> tuple[str, list]:
    """The labels as the source wrote them (full-width full stops as ASCII: 8． is 8.)."""
    return node.label.value.replace("．", "."), [_written(c) for c in node.clauses]


def _shown(node: dict) -> tuple[str, list]:
    return node["label"], [_shown(c) for c in node["clauses"]]


def _shown_articles(draft) -> list[tuple[str, list]]:
    return [_shown(a) for part in show(draft)["parts"] for a in part["articles"]]


def test_gf_contract_shows_its_items_as_written_1_and_paren_1() -> None:
    draft = _draft(GF_TOUR)
    assert draft.numbering == "chinese_items"
    written = [_written(a) for a in read_any(GF_TOUR).documents[0].iter_articles()]
    shown = _shown_articles(draft)
    assert shown[0] == written[0]  # 第一条 > 1., 2. > （1）…（6）
    assert shown[0][1][1][1][0] == ("（1）", [])
    # 第二条 writes its first items （1） with no 1. above them: a style of its own
    assert shown == written
    second = draft.parts[1].articles[0]
    assert (second.numbering, shown[1][1][0][0]) == ("chinese_paren", "（1）")
    assert [a.numbering for p in draft.parts for a in p.articles].count(None) == 27


def test_data_provision_contract_shows_every_label_as_written() -> None:
    path = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"  # 1. / （1） in Word text
    written = [_written(a) for a in read_any(path).documents[0].iter_articles()]
    assert _shown_articles(_draft(path)) == written


def test_labour_law_items_are_chinese_numerals_in_brackets() -> None:
    draft = _draft(LABOUR_LAW)
    assert draft.numbering == "chinese_law"
    written = [_written(a) for a in read_any(LABOUR_LAW).documents[0].iter_articles()]
    shown = _shown_articles(draft)
    assert [s[1] for s in shown] == [w[1] for w in written]  # every article's items
    assert shown == written  # every article, across chapters and their sections
    assert shown[13] == ("第十四条", [("（一）", []), ("（二）", []), ("（三）", [])])


@pytest.mark.parametrize("numbering", ["literal", "word"])
@pytest.mark.parametrize(
    ("source", "style"), [(GF_TOUR, "chinese_items"), (LABOUR_LAW, "chinese_law")]
)
def test_export_reads_back_in_the_source_numbering(
    tmp_path: Path, source: Path, style: str, numbering: str
) -> None:
    draft = _draft(source)
    out = tmp_path / "out.docx"
    export_draft(draft, out, ExportOptions(numbering=numbering))
    back = _draft(out)
    assert back.numbering == style
    assert _shown_articles(back) == _shown_articles(draft)
    first = [_written(a) for a in read_any(out).documents[0].iter_articles()][0]
    assert first == _shown_articles(draft)[0]  # the labels written in Word are the draft's


def test_source_numbering_survives_save_and_load(tmp_path: Path) -> None:
    for source in (GF_TOUR, LABOUR_LAW):
        draft = _draft(source)
        save_draft(tmp_path / "x.contract", draft)
        loaded = load_draft(tmp_path / "x.contract")
        assert loaded.numbering == draft.numbering
        assert _shown_articles(loaded) == _shown_articles(draft)


def test_draft_show_prints_the_source_numbering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "tour.contract"
    assert main_cli(["draft", "new", "--from", str(GF_TOUR), "-o", str(target)]) == 0
    capsys.readouterr()
    assert main_cli(["draft", "show", str(target), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["parts"][0]["articles"][0]
    assert [c["label"] for c in first["clauses"]][:3] == ["1.", "2.", "3."]
    assert [c["label"] for c in first["clauses"][1]["clauses"]][:2] == ["（1）", "（2）"]


@pytest.mark.parametrize(
    ("articles", "items", "style"),
    [
        (["第一条", "第二条"], ["1.", "2．", "1"], "chinese_items"),
        (["第一条", "第二条"], ["（一）", "(二)"], "chinese_law"),
        (["第一条", "第二条"], ["1.1", "1.2", "2.1"], "chinese"),
        (["第一条", "第二条"], [], "chinese"),  # no items: 1.1 as before
        (["第一条", "第二条"], ["", "  ", "甲"], "chinese"),  # nothing readable
        # a mix no named style has: the draft keeps it as a style of its own
        (["第一条", "第二条"], ["(a)", "(b)"], "forms:第一条 / (a)"),
        (["Article 1", "Article 2"], ["1.", "2."], "forms:Article 1 / 1."),
        (["一、", "二、"], ["（一）"], "chinese_list"),
        (["1.", "2."], ["（一）"], "forms:1. / （一）"),
        (["1.", "2."], ["1.1", "2.1"], "decimal"),
    ],
)
def test_items_pick_the_chinese_style(articles: list[str], items: list[str], style: str) -> None:
    assert written_style(articles, "zh", items) == style


@pytest.mark.parametrize(
    ("style", "path", "shown"),
    [
        ("chinese_items", (3,), "第三条"),
        ("chinese_items", (3, 2), "2."),
        ("chinese_items", (3, 2, 4), "（4）"),
        ("chinese_items", (3, 2, 4, 5), "⑤"),
        ("chinese_items", (3, 2, 4, 5, 21), "21)"),
        ("chinese_law", (14,), "第十四条"),
        ("chinese_law", (14, 3), "（三）"),
        ("chinese_law", (14, 3, 2), "2."),
        ("chinese_law", (14, 3, 2, 1), "（1）"),
        ("chinese_law", (14, 3, 2, 1, 1), "①"),
    ],
)
def test_source_styles_label_every_level(style: str, path: tuple[int, ...], shown: str) -> None:
    assert label(path, style) == shown


# -- 第四十条第一项: a reference to an item as statutes and 劳动合同 write it -----------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("依照本法第四十条第一项的规定", [("item", (40, 1), "cn_item", "第四十条第一项")]),
        ("见第26条第3项", [("item", (26, 3), "cn_item_digits", "第26条第3项")]),
        ("第四十條第二项", [("item", (40, 2), "cn_item_trad", "第四十條第二项")]),
        # 款 in a statute is an unnumbered paragraph, not an item: only the article is bound
        ("第二十六条第一款第一项", [("article", (26,), "cn_article", "第二十六条")]),
        ("《劳动法》第四十条第一项", []),  # another instrument's
        ("第零条第一项", []),  # no article 0, no item of it
    ],
)
def test_item_references_are_found_as_written(text: str, found: list) -> None:
    assert [
        (m.target, m.number, m.form, text[m.start : m.end]) for m in find_references(text)
    ] == found
    for _target, number, form, written in found:
        assert write_reference(form, number) == written
        assert is_reference_form(form)


def test_an_item_reference_follows_its_item_when_items_move(tmp_path: Path) -> None:
    draft = _draft(LABOUR_LAW)
    refs = [s for _, n in draft.nodes() for s in n.body if isinstance(s, Ref)]
    items = [r for r in refs if r.form == "cn_item"]
    assert {r.last for r in items} >= {"第四十条第一项", "第四十二条第二项", "第四十四条第四项"}
    article_40 = next(
        a for p in draft.parts for a in p.articles if a.provenance.written_label == "第四十条"
    )
    first = article_40.children[0]
    assert all(r.target == first.id for r in items if r.last == "第四十条第一项")
    ops.move_node(draft, first.id, article_40.id, 2).apply(draft)  # （一） becomes （二）
    paths = number_paths(draft)
    assert {ref_text(r, paths) for r in items if r.target == first.id} == {"第四十条第二项"}
    save_draft(tmp_path / "x.contract", draft)  # the form survives the file
    loaded = load_draft(tmp_path / "x.contract")
    assert show(loaded) == show(draft)
