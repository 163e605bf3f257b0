"""Word export: every document is read back with python-docx (and with our own .docx import)
and checked for what a lawyer opening it would notice: headings, numbers, fonts, page size,
page numbers, highlighted blanks, signature lines, metadata."""

from __future__ import annotations

import errno
import io
import re
import zipfile
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main_cli
from app.model import ops
from app.model.draft import Draft, Node, Part, Party
from app.model.files import save_draft
from app.model.importer import draft_from_document, parties_named_in
from app.model.view import show
from app.readers import read_any
from app.word.docx_reader import read_docx_text
from app.word.export import ExportOptions, export_draft, render_docx, unfilled_fields
from resources import SEED_FILES

FIXTURES = Path(__file__).parent / "fixtures"
ENGLISH = FIXTURES / "en_services_agreement_articles.txt"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@cache
def _seed_outline():
    return read_any(SEED_FILES[0])


def seed_draft(index: int = 0) -> Draft:
    """A fresh draft of seed contract ``index`` (0-5)."""
    outline = _seed_outline()
    return draft_from_document(outline.documents[index], outline.text, "seed")


def fill_first_field(draft: Draft, value: str) -> int:
    field_id = next(iter(draft.fields))
    ops.set_field_value(draft, field_id, value).apply(draft)
    return field_id


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def styled(document, style_id: str) -> list:
    return [p for p in document.paragraphs if p.style.style_id == style_id]


def labelled(draft: Draft) -> tuple[list[tuple[str, str]], list[str]]:
    """(article label, heading) pairs and clause labels, in order, as view.show numbers them."""
    articles, clauses = [], []

    def walk(node: dict) -> None:
        for child in node["clauses"]:
            clauses.append(child["label"])
            walk(child)

    for part in show(draft)["parts"]:
        for article in part["articles"]:
            articles.append((article["label"], article["heading"]))
            walk(article)
    return articles, clauses


def part_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


# -- structure and numbers -----------------------------------------------------------------


def test_articles_are_heading_1_with_typed_numbers() -> None:
    draft = seed_draft(0)
    document = open_docx(render_docx(draft))
    articles, clauses = labelled(draft)
    headings = [p.text for p in styled(document, "Heading1")]
    assert headings == [f"{label} {heading}".strip() for label, heading in articles]
    assert headings[0] == "第一条 合同主体及定义"
    numbered = [p.text for p in document.paragraphs
                if p.style.style_id in ("ContractClause", "ContractItem")]  # fmt: skip
    assert len(numbered) == len(clauses)
    for text, label in zip(numbered, clauses, strict=True):
        assert text.startswith(f"{label} ")
    assert document.paragraphs[0].text == draft.title
    assert [p.text for p in styled(document, "ContractPart")] == [p.title for p in draft.parts]
    assert "w:numPr" not in part_xml(render_docx(draft), "word/document.xml")


def test_word_numbering_links_one_list_to_the_styles_and_types_no_number(tmp_path: Path) -> None:
    draft = seed_draft(0)
    path = tmp_path / "word.docx"
    export_draft(draft, path, ExportOptions(numbering="word"))
    document = docx.Document(str(path))
    articles, _ = labelled(draft)
    headings = styled(document, "Heading1")
    assert [p.text for p in headings] == [heading for _, heading in articles]
    assert all(p._p.pPr.numPr is not None for p in headings)
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(headings[0]._p.pPr.numPr.numId.val)
    abstract_id = num.abstractNumId.val
    (abstract,) = [a for a in numbering.findall(qn("w:abstractNum"))
                   if a.get(qn("w:abstractNumId")) == str(abstract_id)]  # fmt: skip
    levels = abstract.findall(qn("w:lvl"))
    texts = [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in levels[:3]]
    assert texts == ["第%1条", "%1.%2", "%1.%2.%3"]
    assert levels[0].find(qn("w:numFmt")).get(qn("w:val")) == "chineseCounting"
    assert levels[1].find(qn("w:isLgl")) is not None
    assert [lvl.find(qn("w:pStyle")).get(qn("w:val")) for lvl in levels[:3]] == [
        "Heading1", "ContractClause", "ContractItem"]  # fmt: skip
    style = document.styles["Heading 1"].element
    assert style.pPr.numPr is not None  # a heading the lawyer adds in Word is numbered too
    # Word's numbers as Word counts them (the import's resolver): the draft's labels, parts
    # restarting at 第一条 included.
    lines = read_docx_text(path).text.split("\n")
    shown = [line.split(" ", 1)[0] for line in lines if re.match(r"第.+条 ", line)]
    assert shown == [label for label, _ in articles]


# -- fonts, page, footer, metadata ---------------------------------------------------------


def test_east_asian_fonts_are_named_on_defaults_and_every_style_in_use() -> None:
    data = render_docx(seed_draft(0))
    document = open_docx(data)
    styles = document.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert defaults.rFonts.get(qn("w:ascii")) == "Times New Roman"
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    used = {p.style.style_id: p.style for p in document.paragraphs}
    assert len(used) >= 6
    for style in used.values():
        fonts = style.element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) in ("宋体", "黑体"), style.name
    assert document.styles["Contract Title"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert document.styles["Contract Clause"].font.size.pt == 12  # 小四
    xml = part_xml(data, "word/styles.xml")
    assert "Theme=" not in xml
    assert "ja-JP" not in xml
    settings_xml = part_xml(data, "word/settings.xml")
    assert 'w:eastAsia="zh-CN"' in settings_xml and "ja-JP" not in settings_xml
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/stylesWithEffects.xml" not in z.namelist()


def test_a4_page_with_normal_chinese_margins() -> None:
    document = open_docx(render_docx(seed_draft(1)))
    for section in document.sections:
        assert round(section.page_width.cm, 2) == 21.0
        assert round(section.page_height.cm, 2) == 29.7
        for margin, cm in ((section.left_margin, 3.18), (section.right_margin, 3.18),
                           (section.top_margin, 2.54), (section.bottom_margin, 2.54)):  # fmt: skip
            assert abs(margin.cm - cm) < 0.01  # stored in twips


def test_footer_holds_page_and_numpages_fields() -> None:
    data = render_docx(seed_draft(1))
    footer = open_docx(data).sections[0].footer
    xml = footer._element.xml
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", xml)
    assert xml.count('w:fldCharType="begin"') == 2
    assert footer.paragraphs[0].text.startswith("第 ") and footer.paragraphs[0].text.endswith("页")


def test_core_properties_hold_the_title_and_nothing_personal() -> None:
    draft = seed_draft(0)
    data = render_docx(draft)
    props = open_docx(data).core_properties
    assert props.title == draft.title
    assert props.author == "" and props.last_modified_by == ""
    assert props.comments == "" and props.keywords == ""
    assert datetime.now(UTC) - props.created.replace(tzinfo=UTC) < timedelta(minutes=5)
    assert props.modified == props.created
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("docProps/"):
                assert b"python-docx" not in z.read(name), name
    given_author = open_docx(render_docx(draft, ExportOptions(author="王律师"))).core_properties
    assert given_author.author == "王律师"


def test_toc_field_and_update_on_open() -> None:
    data = render_docx(seed_draft(2), ExportOptions(toc=True))
    assert 'TOC \\o "1-1" \\h \\z \\u' in part_xml(data, "word/document.xml")
    assert '<w:updateFields w:val="true"/>' in part_xml(data, "word/settings.xml")
    plain = render_docx(seed_draft(2))
    assert "TOC" not in part_xml(plain, "word/document.xml")
    assert "updateFields" not in part_xml(plain, "word/settings.xml")


# -- fields, text, signatures -------------------------------------------------------------


def _runs(document) -> list:
    return [r for p in document.paragraphs for r in p.runs]


def test_unfilled_blanks_are_highlighted_and_filled_values_are_not() -> None:
    draft = seed_draft(0)
    fill_first_field(draft, "上海某某科技有限公司")
    document = open_docx(render_docx(draft))
    runs = _runs(document)
    value = [r for r in runs if "上海某某科技有限公司" in r.text]
    assert value and all(r.font.highlight_color is None for r in value)
    blanks = [r for r in runs if re.fullmatch(r"_{3,}", r.text)]
    assert blanks and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in blanks)
    highlighted = [r for r in runs if r.font.highlight_color is not None]
    assert all(re.fullmatch(r"_{3,}|【[^】]*】", r.text) for r in highlighted)

    clean = open_docx(render_docx(draft, ExportOptions(highlight=False)))
    assert all(r.font.highlight_color is None for r in _runs(clean))


def test_export_returns_the_unfilled_fields(tmp_path: Path) -> None:
    draft = seed_draft(0)
    before = unfilled_fields(draft)
    assert len(before) == 7 and before[0] == "甲方名称"
    fill_first_field(draft, "某公司")
    assert export_draft(draft, tmp_path / "a.docx") == before[1:]
    expected = [f["name"] or f["label"] for f in show(draft)["fields"] if f["value"] is None]
    assert sorted(before[1:]) == sorted(expected)


def _draft_with_text(text: str, heading: str = "服务内容") -> Draft:
    draft = Draft(title="测试合同", parties=[Party("甲方"), Party("乙方")])
    part = Part(draft.new_id())
    article = Node(draft.new_id(), heading=heading)
    clause = Node(draft.new_id(), body=[text])
    article.children.append(clause)
    part.articles.append(article)
    draft.parts.append(part)
    return draft


def test_text_xml_cannot_hold_is_cleaned() -> None:
    draft = _draft_with_text("甲方\x00应\x01于\x0b次日\t付款\n乙方\ud800收款\x0c。")
    ops.set_text(draft, 1, "前言\x07内容").apply(draft)
    data = render_docx(draft)
    xml = part_xml(data, "word/document.xml")
    assert not _CONTROL.search(xml)
    clause = styled(open_docx(data), "ContractClause")[0]
    assert clause.text == "1.1 甲方应于\n次日\t付款\n乙方\ufffd收款\n。"
    assert "<w:tab/>" in clause._p.xml and "<w:br/>" in clause._p.xml
    assert any(p.text == "前言内容" for p in open_docx(data).paragraphs)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-16", exclude_categories=["Cs"]) | st.sampled_from(
    "\x00\x0b\x0c\r\t\n\ud800\ufffe"), max_size=40))  # fmt: skip
def test_any_text_exports_and_reads_back(text: str) -> None:
    data = render_docx(_draft_with_text(text, heading=text))
    document = open_docx(data)
    assert len(styled(document, "Heading1")) == 1
    assert not _CONTROL.search(part_xml(data, "word/document.xml"))


def test_signature_block_has_a_column_per_party() -> None:
    draft = seed_draft(4)
    assert [p.role for p in draft.parties] == ["甲方", "乙方", "丙方"]
    document = open_docx(render_docx(draft))
    table = document.tables[-1]
    cells = table.rows[0].cells
    assert len(cells) == 3
    for cell, role in zip(cells, ("甲方", "乙方", "丙方"), strict=True):
        lines = [p.text for p in cell.paragraphs if p.text]
        assert lines[0] == f"{role}（盖章）："
        assert lines[1] == "法定代表人或授权代表："
        assert lines[2].startswith("日期：")
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is None  # borderless
    parties = [p.text for p in document.paragraphs[1:7]]
    assert parties[0].startswith("甲方：") and parties[1].startswith("地址：")


def test_parties_named_in_the_preamble_are_not_listed_again() -> None:
    """The data provision contract names 甲方 and 乙方 on its cover and again in its preamble,
    each as a template blank ({{甲方名称}})."""
    outline = read_any(FIXTURES / "corpus" / "zh_gf2025_2615_data_provision_contract.docx")
    draft = draft_from_document(outline.documents[0], outline.text, "data")
    assert draft.parties == [Party("甲方"), Party("乙方")]  # once each, no blank as a name
    document = open_docx(render_docx(draft))
    texts = [p.text for p in document.paragraphs]
    title = texts.index("数据提供合同")  # on the cover page, under its number, once
    assert texts[title - 1].startswith("编号：") and texts.count("数据提供合同") == 1
    after_cover = next(i for i, t in enumerate(texts) if t.startswith("签订日期：")) + 1
    assert texts[after_cover].startswith("甲方（接收方）：")  # then the preamble, on page 2
    assert sum(t.startswith("甲方（接收方）") for t in texts) == 2  # cover and preamble, as written
    before_articles = texts[: next(i for i, t in enumerate(texts) if t.startswith("第一条"))]
    assert not any(t.startswith("甲方：") for t in before_articles)  # the annexes have their own
    assert "（下接签署页）" in texts  # its own signature block, and no generic one:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert not any(c.startswith(("甲方（盖章）：", "乙方（盖章）：")) for c in cells)
    assert any("{{签署_甲方}}（盖章）" in c for c in cells)


def test_a_party_name_is_kept_only_when_it_is_written_out() -> None:
    text = "甲方：上海某某电子商务有限公司\n乙方：XXX有限公司\n甲方：____\nParty C: Acme Ltd.\n"
    assert parties_named_in(text) == [
        Party("甲方", "上海某某电子商务有限公司"),
        Party("乙方"),
        Party("Party C", "Acme Ltd."),
    ]


def test_literal_items_step_in_a_level_at_a_time() -> None:
    """(i) under (b) under Section 2.1 sits further in than (b), as Word's list would put it."""
    outline = read_any(ENGLISH)
    document = open_docx(render_docx(draft_from_document(outline.documents[0], outline.text, "x")))

    def left_chars(text: str) -> int:
        p = next(p for p in document.paragraphs if p.text.startswith(text))
        ind = p._p.pPr.find(qn("w:ind")) if p._p.pPr is not None else None
        if ind is None:  # the item style's own indent
            ind = p.style.element.pPr.find(qn("w:ind"))
        return int(ind.get(qn("w:leftChars")))

    assert left_chars("(i) the date") > left_chars("(b) keep records") > left_chars("Section 2.1")


def test_english_draft_exports_with_english_conventions() -> None:
    outline = read_any(ENGLISH)
    draft = draft_from_document(outline.documents[0], outline.text, ENGLISH.name)
    document = open_docx(render_docx(draft))
    headings = [p.text for p in styled(document, "Heading1")]
    assert headings[0] == "ARTICLE I DEFINITIONS"  # numbered as the contract numbers itself
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:ascii")) == "Times New Roman"
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Page ") and " of " in footer
    assert document.core_properties.language == "en-US"
    assert "IN WITNESS WHEREOF the parties have signed this Agreement." in texts_of(document)
    draft.signature = None  # without the source's own block, the generic one in English
    cells = open_docx(render_docx(draft)).tables[-1].rows[0].cells
    assert [c.paragraphs[0].text for c in cells] == ["Party A (seal):", "Party B (seal):"]
    assert any(p.text == "Authorized representative:" for p in cells[0].paragraphs)


def texts_of(document) -> list[str]:
    return [p.text for p in document.paragraphs]


# -- round trip through the .docx import ---------------------------------------------------


def _structure(draft: Draft) -> list[tuple]:
    """Parts, then every node's depth, label, heading and text (values written in)."""
    out: list[tuple] = []

    def walk(node: dict, depth: int) -> None:
        out.append((depth, node["label"], node["heading"], node["text"]))
        for child in node["clauses"]:
            walk(child, depth + 1)

    for part in show(draft)["parts"]:
        out.append(("part", part["title"], part["text"]))
        for article in part["articles"]:
            walk(article, 1)
    return out


@pytest.mark.parametrize("numbering", ["literal", "word"])
@pytest.mark.parametrize("index", range(6))
def test_seed_contracts_round_trip(tmp_path: Path, index: int, numbering: str) -> None:
    draft = seed_draft(index)
    if draft.fields:
        fill_first_field(draft, "深圳市某某电子商务有限公司")
    path = tmp_path / "out.docx"
    export_draft(draft, path, ExportOptions(numbering=numbering))
    outline = read_any(path)
    assert len(outline.documents) == 1
    signature = outline.documents[0].signature  # the generic block, read back as the source's
    assert signature.value.startswith(("甲方（盖章）", "Party A (seal)"))
    back = draft_from_document(outline.documents[0], outline.text, path.name)
    assert back.title == draft.title
    assert [p.role for p in back.parties] == [p.role for p in draft.parties]
    before, after = _structure(draft), _structure(back)
    assert len(after) == len(before)
    assert after == before
    if draft.fields:
        assert "深圳市某某电子商务有限公司" in str(after)


# -- command line ---------------------------------------------------------------------------


def test_cli_exports_a_draft_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contract = tmp_path / "seed.contract"
    save_draft(contract, seed_draft(0))
    out = tmp_path / "seed.docx"
    assert main_cli(["export", str(contract), "-o", str(out), "--toc"]) == 0
    captured = capsys.readouterr()
    listed = ", ".join(unfilled_fields(seed_draft(0)))
    assert captured.err == f"contract-editor: note: 7 fields unfilled: {listed}\n"
    assert "seed.docx" in captured.out
    document = docx.Document(str(out))
    assert styled(document, "Heading1")[0].text == "第一条 合同主体及定义"
    assert 'TOC \\o "1-1"' in document.element.xml


def test_cli_exports_a_text_file_without_highlight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.docx"
    assert main_cli(["export", str(SEED_FILES[0]), "-o", str(out), "--no-highlight"]) == 0
    document = docx.Document(str(out))
    assert document.core_properties.title == "2024年度电商客服外包服务协议"
    assert all(r.font.highlight_color is None for r in _runs(document))
    assert "fields unfilled" in capsys.readouterr().err


def test_cli_word_numbering_option(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    assert main_cli(["export", str(SEED_FILES[0]), "-o", str(out), "--numbering", "word"]) == 0
    assert styled(docx.Document(str(out)), "Heading1")[0].text == "合同主体及定义"


def test_cli_read_only_folder_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    contract = tmp_path / "filled.contract"
    save_draft(contract, seed_draft(1))  # no blanks: stderr holds only the error
    out = tmp_path / "out.docx"
    assert main_cli(["export", str(contract), "-o", str(out)]) == 0  # a previous export
    previous = out.read_bytes()
    capsys.readouterr()

    def refuse(*_args, **_kwargs):  # the tests may run as root, which ignores chmod
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("app.model.files._write_synced", refuse)
    assert main_cli(["export", str(contract), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("contract-editor: error: ") and "cannot be written" in err
    assert "read-only" in err
    assert out.read_bytes() == previous
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["filled.contract", "filled.contract.versions", "out.docx"]  # no temp file


def test_cli_input_without_a_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main_cli(["export", str(empty), "-o", str(tmp_path / "x.docx")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
