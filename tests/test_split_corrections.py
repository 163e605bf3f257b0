"""A lawyer's corrections to a recovered split: applied on re-parse, lossless, remembered by
content hash (``clause_db.review_hints``, ``app.model.split_review``)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from outline_checks import assert_lossless

from app.model.draft import Blank
from app.model.importer import draft_from_document
from app.model.split_review import (
    STORE_NAME,
    CorrectionStore,
    annex_here,
    content_hash,
    field_here,
    keep_here,
    mark_fields,
    merge_here,
    relevel_here,
    skip_here,
    split_here,
)
from clause_db.model import REVIEW_SKIP
from clause_db.review_hints import KINDS, Correction, SplitHints
from clause_db.segment import parse_text

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = FIXTURES / "review" / "split_review.txt"
PDF_TEXT = FIXTURES / "pdftext" / "en_msa_pdf_text_toc_headers_footers.txt"
TEXT = SOURCE.read_text(encoding="utf-8")


def at(needle: str, text: str = TEXT) -> int:
    return text.index(needle)


def corrected(*corrections: Correction, text: str = TEXT):
    outline = parse_text(text, hints=SplitHints.of(list(corrections)))
    assert_lossless(outline)
    return outline


def tree(outline) -> list:
    """(label, heading) of every article with its clauses' labels, in order."""
    return [
        (a.label.value, a.heading.value, [c.label.value for c in a.iter_clauses()])
        for d in outline.documents
        for a in d.iter_articles()
    ]


def test_the_fixture_needs_every_correction():
    """What the corrections below fix is wrong without them."""
    outline = corrected()
    assert [a[0] for a in tree(outline)] == ["第一条", "第二条", "第三条", "第四条"]
    assert "违约责任" in outline.documents[0].parts[0].articles[2].text.value
    assert "内部草稿" in outline.documents[0].parts[0].articles[0].clauses[1].text.value
    assert tree(outline)[3][2] == ["一、", "二、"]  # the annex's list in the last article


def test_split_here_starts_an_article_at_the_caret_line():
    outline = corrected()
    correction = split_here(outline, at("违约责任") + 2)  # in 第三条's text: an article
    assert correction == Correction("split", at("违约责任"), level=0)
    fixed = corrected(correction)
    assert [(a[0], a[1]) for a in tree(fixed)][2:4] == [("第三条", "保密"), ("", "违约责任")]
    article = fixed.documents[0].parts[0].articles[3]
    assert article.text.value == "任何一方违约的，应赔偿对方损失。"
    assert "违约责任" not in fixed.documents[0].parts[0].articles[2].text.value


def test_split_as_clause_at_an_unaccepted_number():
    fixed = corrected(split_here(corrected(), at("2. 付款"), level=1))
    second = fixed.documents[0].parts[0].articles[1]
    assert [c.label.value for c in second.clauses] == ["2.1", "2."]
    assert second.clauses[1].heading.value == "付款方式"
    assert "付款" not in second.clauses[0].text.value


def test_merge_joins_a_heading_to_the_piece_before():
    outline = corrected()
    fixed = corrected(merge_here(outline, at("1.2") + 1))
    first = fixed.documents[0].parts[0].articles[0]
    assert [c.label.value for c in first.clauses] == ["1.1"]
    assert "1.2 服务期限为一年。" in first.clauses[0].text.value


def test_promote_and_demote():
    outline = corrected()
    down = relevel_here(outline, at("第四条") + 1, 1)
    assert down == Correction("demote", at("第四条"), level=1)
    fixed = corrected(down)
    assert [a[0] for a in tree(fixed)] == ["第一条", "第二条", "第三条"]
    assert [c.label.value for c in fixed.documents[0].parts[0].articles[2].clauses] == ["第四条"]
    up = relevel_here(fixed, at("第四条") + 1, -1)
    assert up == Correction("promote", at("第四条"), level=0)
    assert tree(corrected(down, up)) == tree(outline)
    assert relevel_here(outline, at("第一条"), -1) is None  # an article has no level above


def test_skip_with_a_reason_and_keep_undoes_it():
    line = at("内部草稿")
    skip = skip_here(corrected(), (line + 1, line + 1), "draft note")  # no selection: the line
    assert (skip.at, skip.end, skip.reason) == (line, at("第二条"), "draft note")
    fixed = corrected(skip)
    holes = [k for k in fixed.documents[0].skipped if k.reason == REVIEW_SKIP]
    assert [k.text for k in holes] == ["内部草稿 请勿外传\n"]
    assert "内部草稿" not in fixed.documents[0].parts[0].articles[0].clauses[1].text.value
    keep = keep_here(fixed, line + 2)
    assert keep == Correction("keep", line, at("第二条"))
    assert tree(corrected(skip, keep)) == tree(corrected())
    assert keep_here(fixed, at("第一条")) is None  # nothing skipped there
    pdf = corrected(text=PDF_TEXT.read_text(encoding="utf-8"))
    toc = next(k for k in pdf.documents[0].skipped if k.reason == "table of contents")
    assert keep_here(pdf, toc.span[0] + 1) is None  # found by the segmenter: it stays skipped


def test_keep_shows_page_furniture_as_text():
    text = PDF_TEXT.read_text(encoding="utf-8")
    outline = corrected(text=text)
    furniture = next(k for k in outline.documents[0].skipped if k.reason == "page furniture")
    keep = keep_here(outline, furniture.span[0] + 3)
    fixed = corrected(keep, text=text)
    spans = [k.span for k in fixed.documents[0].skipped if k.reason == "page furniture"]
    assert furniture.span not in spans
    pieces = [p.value for d in fixed.documents for p in d.pieces()]
    assert any("Page 1 of 5" in value for value in pieces)


def test_annex_starts_where_the_lawyer_says():
    fixed = corrected(annex_here(corrected(), at("附：服务清单") + 1))
    last = fixed.documents[0].parts[0].articles[-1]
    assert last.clauses == [] and "附" not in last.text.value
    (annex,) = fixed.documents[0].annexes  # a real annex: the words before the colon label it
    assert (annex.label.value, annex.title.value) == ("附", "服务清单")
    assert [a.heading.value for p in annex.parts for a in p.articles] == ["系统巡检", "故障处理"]


SIGNED = (FIXTURES / "review" / "signed_with_annex.txt").read_text(encoding="utf-8")


def annexes(outline) -> list[tuple[str, str, str, list[str]]]:
    """(label, title, text, article headings) of every annex."""
    return [
        (
            x.label.value,
            x.title.value,
            x.text.value,
            [a.heading.value for p in x.parts for a in p.articles],
        )
        for d in outline.documents
        for x in d.annexes
    ]


def test_forced_annexes_after_the_signature_block_head_themselves():
    before = corrected(text=SIGNED)
    assert annexes(before) == [("附件1", "服务清单", "", ["系统巡检", "故障处理"])]
    price, notes = at("价格表", SIGNED), at("补充说明", SIGNED)
    fixed = corrected(annex_here(before, price + 2), annex_here(before, notes), text=SIGNED)
    (doc,) = fixed.documents
    assert doc.signature is not None and doc.signature.value.startswith("甲方（盖章）")
    assert [a.heading.value for a in doc.iter_articles()] == ["服务", "费用"]
    assert annexes(fixed) == [
        ("附件1", "服务清单", "", ["系统巡检", "故障处理"]),
        ("", "价格表", "服务费每月人民币壹万元。", []),  # a short line: its title
        ("补充说明", "验收标准", "验收以双方签字为准。", []),  # words before the colon: its label
    ]


def test_an_annex_forced_at_a_sentence_has_no_heading_and_none_before_the_body():
    text = SIGNED.replace("价格表\n", "")  # the sentence now follows 故障处理 at once
    outline = corrected(text=text)
    fee = at("服务费每月", text)
    fixed = corrected(annex_here(outline, fee), text=text)
    assert annexes(fixed)[-1] == (
        "",
        "",
        "服务费每月人民币壹万元。\n补充说明：验收标准\n验收以双方签字为准。",
        [],
    )
    parties = corrected(annex_here(outline, at("乙方：", text)), text=text)
    assert annexes(parties) == annexes(outline)  # an annex follows the body's first article


def test_corrections_inside_an_annex_shape_its_articles_and_blanks():
    outline = corrected(text=SIGNED)
    split = split_here(outline, at("价格表", SIGNED), 0)
    fee = at("壹万元", SIGNED)
    blank = field_here(outline, (fee, fee + 3))
    fixed = corrected(split, blank, text=SIGNED)
    (annex,) = fixed.documents[0].annexes
    price = annex.parts[-1].articles[-1]
    assert (price.label.value, price.heading.value) == ("", "价格表")
    assert [(p.kind, SIGNED[slice(*p.span)]) for p in price.placeholders] == [("marked", "壹万元")]
    draft = draft_from_document(fixed.documents[0], fixed.text, "review")
    mark_fields(draft, fixed.documents[0], fixed.text, SplitHints.of([split, blank]))
    node = draft.annexes[0].parts[-1].articles[-1]
    assert [s.blank for s in node.body if isinstance(s, Blank)] == ["壹万元"]


def test_field_marks_a_blank_in_the_outline_and_the_draft():
    name = "北京某某科技有限公司"
    fee = "拾万元整"
    outline = corrected()
    first = field_here(outline, (at(name), at(name) + len(name) + 1))  # the newline trimmed
    assert first == Correction("field", at(name), at(name) + len(name))
    second = field_here(outline, (at(fee), at(fee) + len(fee)))
    assert field_here(outline, (at(fee) - 1, at(fee) - 1)) is None  # nothing selected
    fixed = corrected(first, second)
    clause = fixed.documents[0].parts[0].articles[1].clauses[0]
    assert [(p.kind, p.label) for p in clause.placeholders] == [("marked", "服务费（人民币）")]
    hints = SplitHints.of([first, second])
    draft = draft_from_document(fixed.documents[0], fixed.text, "review")
    mark_fields(draft, fixed.documents[0], fixed.text, hints)
    blanks = [
        s
        for body in (draft.preamble, draft.parts[0].articles[1].children[0].body)
        for s in body
        if isinstance(s, Blank)
    ]
    assert [b.blank for b in blanks] == [name, fee]
    assert [draft.fields[b.field_id].label for b in blanks] == ["甲方", "服务费（人民币）"]
    assert "".join(s for s in draft.preamble if isinstance(s, str)).startswith("甲方：")


def test_a_later_correction_at_the_same_place_wins():
    split = Correction("split", at("违约责任"), level=0)
    merge = Correction("merge", at("违约责任"))
    assert tree(corrected(split, merge)) == tree(corrected())


def test_corrections_round_trip_through_json_and_bad_ones_are_refused():
    for c in (
        Correction("split", 3, level=1),
        Correction("skip", 3, 9, reason="页眉"),
        Correction("annex", 0),
    ):
        assert Correction.from_json(json.loads(json.dumps(c.to_json()))) == c
    for bad in (
        {"kind": "explode", "at": 1},
        {"kind": "split", "at": -1},
        {"kind": "skip", "at": 5},
        {"kind": "field", "at": 5, "end": 2},
        {"kind": "split", "at": "1"},
        [],
    ):
        try:
            Correction.from_json(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")


def test_store_remembers_by_content_hash(tmp_path: Path):
    source = tmp_path / "合同.txt"
    source.write_bytes(SOURCE.read_bytes())
    key = content_hash(source)
    corrections = [
        Correction("split", at("违约责任"), level=0),
        Correction("skip", at("内部草稿"), at("第二条"), reason="草稿批注"),
    ]
    CorrectionStore(tmp_path / "data").remember(key, source.name, corrections)
    copy = tmp_path / "renamed.txt"  # same bytes, other name: same corrections
    copy.write_bytes(source.read_bytes())
    again = CorrectionStore(tmp_path / "data")
    assert again.notes == []
    assert again.corrections(content_hash(copy)) == corrections
    assert tree(parse_text(TEXT, hints=again.hints(key))) == tree(corrected(*corrections))
    source.write_bytes(SOURCE.read_bytes() + b"\n")  # other bytes: nothing remembered
    assert again.corrections(content_hash(source)) == []
    again.remember(key, source.name, [])  # forgetting
    assert CorrectionStore(tmp_path / "data").corrections(key) == []
    assert not list((tmp_path / "data").glob(".*tmp*"))  # written atomically, no leftovers


def test_damaged_store_is_ignored_with_a_note(tmp_path: Path):
    folder = tmp_path / "data"
    folder.mkdir()
    for damage in (b"{not json", b'{"files": []}', b"\xff\xfe\x00", b'"just a string"'):
        (folder / STORE_NAME).write_bytes(damage)
        store = CorrectionStore(folder)
        assert store.corrections("abc") == []
        assert len(store.notes) == 1 and STORE_NAME in store.notes[0].en
        store.remember("abc", "x.txt", [Correction("annex", 4)])  # replaced by a sound one
        assert CorrectionStore(folder).corrections("abc") == [Correction("annex", 4)]
    entry = {"files": {"abc": {"corrections": [{"kind": "annex", "at": 4}, {"kind": "?"}]}}}
    (folder / STORE_NAME).write_text(json.dumps(entry), encoding="utf-8")
    assert CorrectionStore(folder).corrections("abc") == [Correction("annex", 4)]


_CORRECTION = st.builds(
    lambda kind, a, b, level: Correction(
        kind,
        min(a, b),
        max(a, b) if kind in ("skip", "keep", "field") else None,
        level if kind in ("split", "promote", "demote") else None,
    ),
    st.sampled_from(KINDS),
    st.integers(0, len(TEXT)),
    st.integers(0, len(TEXT)),
    st.integers(0, 3),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_CORRECTION, max_size=6))
def test_any_corrections_keep_the_outline_lossless(corrections):
    corrected(*corrections)  # asserts every character is in exactly one piece or hole


@settings(max_examples=25, deadline=None)
@given(st.lists(_CORRECTION, max_size=6))
def test_any_corrections_keep_cover_signature_and_annexes_lossless(corrections):
    corrected(*corrections, text=SIGNED)


def test_the_cli_applies_what_was_remembered_and_says_so(tmp_path: Path, capsys):
    from app.cli import main_cli
    from clause_db.paths import data_dir
    from clause_db.store import ClauseLibrary

    source = tmp_path / "合同.txt"
    source.write_bytes(SOURCE.read_bytes())
    split = Correction("split", at("违约责任"), level=0)
    CorrectionStore(data_dir()).remember(content_hash(source), source.name, [split])
    assert main_cli(["outline", str(source), "--json"]) == 0
    out, err = capsys.readouterr()
    articles = json.loads(out)["documents"][0]["parts"][0]["articles"]
    assert [a["heading"] for a in articles] == ["服务内容", "服务费用", "保密", "违约责任", "其他"]
    assert "1 remembered split correction(s) applied" in err
    db = tmp_path / "lib.sqlite"
    assert main_cli(["library", "import", str(source), "--db", str(db)]) == 0
    assert "5 article(s)" in capsys.readouterr().out
    with ClauseLibrary(db) as library:
        (row,) = library.sources_list()
        headings = [a.heading for a in library.articles_in_source(row.id)]
    assert headings[3] == "违约责任"
    name = "北京某某科技有限公司"
    field = Correction("field", at(name), at(name) + len(name))
    CorrectionStore(data_dir()).remember(content_hash(source), source.name, [split, field])
    draft_file = tmp_path / "合同.contract"
    assert main_cli(["draft", "new", "--from", str(source), "-o", str(draft_file)]) == 0
    assert "2 remembered split correction(s) applied" in capsys.readouterr().err
    from app.model.files import load_draft

    draft = load_draft(draft_file)
    assert [n.heading for n in draft.parts[0].articles][3] == "违约责任"
    assert [f.label for f in draft.fields.values()] == ["甲方"]


def test_word_files_take_the_same_corrections():
    """A .docx is read to text first; corrections are offsets into that text."""
    from app.readers import read_any
    from tests.conftest import CORPUS

    path = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
    outline = read_any(path)
    first = outline.documents[0].parts[0].articles[0]
    clause = first.clauses[1]
    fixed = read_any(path, hints=SplitHints.of([merge_here(outline, clause.span[0])]))
    assert_lossless(fixed)
    merged = fixed.documents[0].parts[0].articles[0]
    assert len(merged.clauses) == len(first.clauses) - 1
    assert clause.label.value in merged.clauses[0].text.value
