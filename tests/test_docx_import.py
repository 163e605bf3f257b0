"""Word (.docx) import: visible numbers recovered, tracked changes accepted, hostile files refused.

The expected numbers of the corpus files were counted by hand from ``word/document.xml`` and
``word/numbering.xml`` (see each test).
"""

from __future__ import annotations

import json
import re
import struct
import zipfile
from typing import TYPE_CHECKING

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from app.cli import main_cli
from app.readers import read_any
from app.word import package as docx_package
from app.word import read_docx_outline, read_docx_text
from app.word.numbering import NumberingResolver
from app.word.numfmt import format_number
from clause_db.errors import InputError
from clause_db.numerals import cn_to_int, roman_to_int
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from pathlib import Path

    from clause_db.model import Article, Outline

CONTRACTOR = CORPUS / "en_commonpaper_independent_contractor_agreement.docx"
LEGAL_LIST = CORPUS / "en_docxfix_legal_list.docx"
DATA_PROVISION = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def articles(outline: Outline) -> list[Article]:
    return [a for d in outline.documents for a in d.iter_articles()]


def tree(article: Article) -> list[tuple[str, list]]:
    def walk(clauses):
        return [(c.label.value, walk(c.clauses)) for c in clauses]

    return [(article.label.value, walk(article.clauses))]


# -- the corpus -------------------------------------------------------------------------------


def test_legal_list_numbers_come_from_numpr():
    # numbering.xml: one abstractNum, lvlText "%1." / "%1.%2." / "%1.%2.%3."; five paragraphs
    # at ilvl 0, 1, 0, 1, 2 and no digits in their text.
    text = read_docx_text(LEGAL_LIST).text
    assert [line.split(" ", 1)[0] for line in text.splitlines()] == [
        "1.",
        "1.1.",
        "2.",
        "2.1.",
        "2.1.1.",
    ]
    outline, notes = read_docx_outline(LEGAL_LIST)
    assert notes == ()
    assert [t for a in articles(outline) for t in tree(a)] == [
        ("1.", [("1.1.", [])]),
        ("2.", [("2.1.", [("2.1.1.", [])])]),
    ]


def test_independent_contractor_sections_are_numbered_by_word_only():
    raw = [p.text.strip() for p in docx.Document(str(CONTRACTOR)).paragraphs]
    assert not any(re.match(r"\d", t) for t in raw)  # no number is typed
    outline, _ = read_docx_outline(CONTRACTOR)
    found = articles(outline)
    # page 1: the six-step instruction list (numId 1) and the cover page (SOW) belong to the
    # cover; then the terms (numId 2): ten sections at ilvl 0 ("%1."), their subsections at
    # ilvl 1 ("%1.%2"), lettered items at ilvl 2.
    (document,) = outline.documents
    assert "\n1. Review the agreement" in document.cover.value
    assert "6. Send to your counterparty" in document.cover.value
    assert document.title == "Independent Contractor Agreement"
    assert document.preamble.value.startswith("TERMS AND CONDITIONS This Independent")
    sections = found
    assert [(a.number, a.heading.value or a.text.value) for a in sections] == [
        (1, "Services & Restrictions"),
        (2, "Payment & Taxes"),
        (3, "Intellectual Property"),
        (4, "Term & Termination"),
        (5, "Confidentiality"),
        (6, "Representations & Warranties"),
        (7, "Indemnification"),
        (8, "Limitation of Liability"),
        (9, "General Terms"),
        (10, "Definitions"),
    ]
    assert [len(a.clauses) for a in sections] == [5, 2, 2, 4, 4, 2, 1, 4, 10, 11]
    assert [c.number for c in sections[3].clauses] == ["4.1", "4.2", "4.3", "4.4"]
    assert sections[9].clauses[-1].label.value == "10.11"
    text = outline.text
    assert "\n4.2 Termination.\na.  Either party may terminate" in text
    assert "\nContractor | {contractor_name_and_address}\n" in text  # the cover table, a row a line


def test_data_provision_contract_keeps_typed_articles_blanks_tables_and_references():
    outline, notes = read_docx_outline(DATA_PROVISION)
    assert notes == ()
    (document,) = outline.documents
    assert document.title == "数据提供合同"
    found = articles(outline)
    assert [a.number for a in found] == list(range(1, 17))
    assert [a.label.value for a in found][:3] == ["第一条", "第二条", "第三条"]
    assert found[15].label.value == "第十六条"
    assert found[0].heading.value == "标的数据描述"
    # 189 {{…}} blanks in document.xml, each within one w:t; all survive in the text.
    assert len(re.findall(r"\{\{[^{}]+\}\}", outline.text)) == 189
    nodes = [*found, *(c for a in found for c in a.iter_clauses())]
    kinds = [p.kind for n in nodes for p in n.placeholders]
    assert kinds.count("template") == 73  # the rest: cover, parties, signature page, annexes
    assert kinds.count("checkbox") == 20
    # The cover page (编号 before the title, the title page's lines after it), the signature
    # page and the two annexes are kept apart from the articles.
    assert document.cover.value.startswith("编号：{{合同编号}}\n（GF-2025-2615）\n甲方（接收方）")
    assert document.cover.value.endswith("签订日期：{{签订年}}年{{签订月}}月{{签订日}}日")
    assert document.preamble.value.startswith("甲方（接收方）：{{甲方名称}}\n证件类型")
    assert [p.title for p in document.parts] == [None]
    assert document.signature.value.startswith("（下接签署页）\n以下为本合同签署页")
    annexes = [(a.label.value, a.title.value) for a in document.annexes]
    assert annexes == [("附件1", "数据提供项目验收单示例"), ("附件2", "数据交付质量标准要求示例")]
    assert document.annexes[0].parts == []  # a form: text (and tables), no articles
    (part,) = document.annexes[1].parts
    assert [(a.label.value, a.heading.value) for a in part.articles] == [
        ("一、", "适用范围"),
        ("二、", "质量维度及指标要求"),
        ("三、", "质量保证期"),
    ]
    assert [c.label.value for c in part.articles[1].clauses] == ["1.", "2.", "3.", "4.", "5."]
    assert found[-1].clauses[-1].text.value.endswith("则以本合同约定内容为准。")
    # 14 tables, each row one line with its cells joined by " | "
    assert "\n数据名称 | 数据产权的类型 | 乙方的权利范围及限制\n" in outline.text
    assert "\n法定代表人：{{甲方法定代表人}} | 委托代理人：{{甲方委托代理人}}\n" in outline.text
    # The file's one cross-reference (第八条 1. refers to 第四条) stays text in its clause.
    first = found[7].clauses[0]
    assert "不符合第四条及其他条款要求" in outline.text[first.span[0] : first.span[1]]


def test_outline_json_for_a_docx_through_the_cli(capsys):
    assert main_cli(["outline", str(DATA_PROVISION), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert err == ""
    article = data["documents"][0]["parts"][0]["articles"][1]
    assert (article["number"], article["label"], article["heading"]) == (
        2,
        "第二条",
        "数据产权安排",
    )
    text = read_docx_text(DATA_PROVISION).text
    start, end = article["span"]
    assert text[start:end].startswith("第二条  数据产权安排\n1. 乙方承诺")


def test_library_import_and_draft_new_from_a_docx(capsys, tmp_path):
    db = str(tmp_path / "lib.sqlite")
    assert main_cli(["--db", db, "library", "import", str(LEGAL_LIST)]) == 0
    assert "1 document(s), 2 article(s) imported" in capsys.readouterr().out
    target = tmp_path / "y.contract"
    assert main_cli(["draft", "new", "--from", str(CONTRACTOR), "-o", str(target)]) == 0
    assert "10 article(s)" in capsys.readouterr().out  # page 1's instruction list is cover
    assert target.exists()


# -- a document built here: numbering by style and directly, tracked changes, a comment ---------

NUMBERING = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>
    <w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/>
    <w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>"""


def _paragraph_with_changes() -> str:
    return f"""<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>
      <w:r><w:t xml:space="preserve">Fees. The Client pays within </w:t></w:r>
      <w:del w:id="1" w:author="A"><w:r><w:delText>sixty</w:delText></w:r></w:del>
      <w:ins w:id="2" w:author="A"><w:r><w:t>thirty</w:t></w:r></w:ins>
      <w:r><w:t xml:space="preserve"> days.</w:t></w:r></w:p>"""


def _deleted_heading() -> str:
    """A whole numbered heading deleted with its paragraph mark: it must not use a number."""
    return f"""<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Heading1"/>
      <w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr>
      <w:del w:id="4" w:author="A"><w:r><w:delText>Obsolete</w:delText></w:r></w:del></w:p>"""


def build_numbered_docx(path: Path) -> Path:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for name, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        ppr = document.styles[name].element.get_or_add_pPr()
        ppr.append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'
            )
        )
    document.add_paragraph("Services Agreement", style="Title")
    document.add_heading("Definitions", level=1)
    defined = document.add_heading("Terms. Words have the meanings below:", level=2)
    item = document.add_paragraph("“Client” means the buyer.")
    item._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="2"/><w:numId w:val="90"/></w:numPr>')
    )
    document.add_comment(defined.runs, text="check with the client", author="B")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(_deleted_heading()))
    document.add_heading("Payment", level=1)
    body.insert(len(body) - 1, parse_xml(_paragraph_with_changes()))
    document.add_heading("General", level=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_built_docx_numbers_changes_and_notes(tmp_path):
    path = build_numbered_docx(tmp_path / "built.docx")
    result = read_docx_text(path)
    assert result.text.splitlines() == [
        "Services Agreement",
        "1. Definitions",
        "1.1 Terms. Words have the meanings below:",
        "(a) “Client” means the buyer.",
        "2. Payment",
        "2.1 Fees. The Client pays within thirty days.",
        "3. General",
    ]
    assert [note.en for note in result.notes] == [
        "1 tracked insertion accepted, 2 tracked deletions dropped",
        "1 comment dropped",
    ]
    assert [note.zh for note in result.notes] == [
        "已接受 1 处修订插入，已删去 2 处修订删除",
        "已删去 1 条批注",
    ]
    outline, _ = read_docx_outline(path)
    assert [t for a in articles(outline) for t in tree(a)] == [
        ("1.", [("1.1", [("(a)", [])])]),
        ("2.", [("2.1", [])]),
        ("3.", []),
    ]


def test_cli_prints_import_notes_on_stderr(capsys, tmp_path):
    path = build_numbered_docx(tmp_path / "built.docx")
    assert main_cli(["outline", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["documents"]
    assert err.splitlines() == [
        f"contract-editor: note: {path}: 1 tracked insertion accepted, 2 tracked deletions dropped",
        f"contract-editor: note: {path}: 1 comment dropped",
    ]


def test_content_controls_fields_and_moves_keep_their_visible_text(tmp_path):
    body = """
      <w:sdt><w:sdtPr><w:alias w:val="Party"/></w:sdtPr><w:sdtContent>
        <w:p><w:r><w:t>第一条 合同主体</w:t></w:r></w:p></w:sdtContent></w:sdt>
      <w:p><w:r><w:t xml:space="preserve">见</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r>
        <w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r>
        <w:r><w:t>第二条</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:sdt><w:sdtContent><w:r><w:t>（甲方）</w:t></w:r></w:sdtContent></w:sdt>
        <w:moveFrom w:id="5" w:author="A"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>
        <w:moveTo w:id="6" w:author="A"><w:r><w:t>新位置</w:t></w:r></w:moveTo>
        <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"""
    result = read_docx_text(write_docx(tmp_path / "x.docx", body))
    assert result.text == "第一条 合同主体\n见第二条（甲方）新位置"
    assert [note.en for note in result.notes] == ["1 tracked move applied"]


# -- the numbering resolver -------------------------------------------------------------------


def resolver(abstract: str, nums: str, styles: str = "") -> NumberingResolver:
    numbering = etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{abstract}{nums}</w:numbering>')
    style_root = etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>')
    return NumberingResolver(numbering, style_root)


def para(num_id: str | None = None, ilvl: int | None = None, style: str | None = None):
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    ilvl_xml = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
    num_xml = "" if num_id is None else f'<w:numId w:val="{num_id}"/>'
    num_pr = f"<w:numPr>{ilvl_xml}{num_xml}</w:numPr>" if ilvl_xml or num_xml else ""
    return etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:pPr>{pstyle}{num_pr}</w:pPr></w:p>')


def lvl(ilvl: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


CONTRACT_LIST = (
    '<w:abstractNum w:abstractNumId="1">'
    + lvl(0, "chineseCounting", "第%1条", '<w:suff w:val="space"/>')
    + lvl(1, "decimal", "%1.%2", "<w:isLgl/>")
    + lvl(2, "chineseCounting", "（%3）", '<w:suff w:val="nothing"/>')
    + "</w:abstractNum>"
)


def test_chinese_articles_legal_clauses_and_restarts():
    r = resolver(CONTRACT_LIST, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    labels = [r.label(para("1", i)) for i in (0, 1, 2, 2, 1, 0, 2, 0, 1)]
    assert labels == [
        "第一条 ",
        "1.1 ",  # isLgl: 第一条 is written 1 inside "%1.%2"
        "（一）",
        "（二）",
        "1.2 ",
        "第二条 ",
        "（一）",  # never seen level 1 under 第二条: %3 restarts all the same
        "第三条 ",
        "3.1 ",
    ]
    for _ in range(8):
        r.label(para("1", 0))
    assert r.label(para("1", 0)) == "第十二条 "


def test_start_override_restarts_and_shared_lists_continue():
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    )
    r = resolver(CONTRACT_LIST, nums)
    got = [r.label(para(n, 0)).strip() for n in ("1", "1", "2", "3", "3")]
    assert got == ["第一条", "第二条", "第三条", "第五条", "第六条"]
    assert r.label(para("0", 0)) is None  # numId 0 switches numbering off


def test_level_restart_never_and_level_override():
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + lvl(0, "upperRoman", "PART %1")
        + lvl(1, "decimal", "Article %2", '<w:lvlRestart w:val="0"/>')
        + "</w:abstractNum>"
    )
    override = (
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
        + lvl(0, "upperLetter", "Schedule %1")
        + "</w:lvlOverride></w:num>"
    )
    r = resolver(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>' + override)
    got = [r.label(para("1", i)).strip() for i in (0, 1, 1, 0, 1)]
    assert got == ["PART I", "Article 1", "Article 2", "PART II", "Article 3"]
    assert r.label(para("2", 0)).strip() == "Schedule C"  # the same counters, another format


def test_numbering_through_styles_and_style_links():
    abstract = (
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="ContractList"/>'
        + lvl(0, "decimal", "%1.", '<w:pStyle w:val="H1"/>')
        + lvl(1, "decimal", "%1.%2", '<w:pStyle w:val="H2"/>')
        + '</w:abstractNum><w:abstractNum w:abstractNumId="2">'
        '<w:numStyleLink w:val="ContractList"/></w:abstractNum>'
    )
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="ContractList"><w:pPr><w:numPr>'
        '<w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr>'
        '<w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Body"/>'
    )
    r = resolver(abstract, nums, styles)
    got = [r.label(para(style=s)) for s in ("H1", "H2", "H2", "Body", "H1")]
    assert got == ["1. ", "1.1 ", "1.2 ", None, "2. "]


def test_bullets_and_unknown_formats_stay_readable():
    abstract = (
        '<w:abstractNum w:abstractNumId="1">'
        + lvl(0, "bullet", "\uf0b7")
        + lvl(1, "ideographTraditional", "%2、")
        + lvl(2, "someFutureFormat", "%3)")
        + "</w:abstractNum>"
    )
    r = resolver(abstract, '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert [r.label(para("1", i)) for i in (0, 1, 1, 2)] == ["• ", "甲、 ", "乙、 ", "1) "]


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numbers_read_back(n):
    assert roman_to_int(format_number(n, "lowerRoman")) == n
    assert format_number(n, "upperRoman") == format_number(n, "lowerRoman").upper()


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_counting_reads_back(n):
    assert cn_to_int(format_number(n, "chineseCounting")) == n


def test_letters_repeat_after_z():
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 53)] == ["a", "z", "aa", "aaa"]


# -- hostile files ----------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def document_xml(body: str, prolog: str = "") -> str:
    root = f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    return f'<?xml version="1.0"?>{prolog}{root}'


def write_zip(path: Path, members: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def write_docx(path: Path, body: str, prolog: str = "") -> Path:
    return write_zip(
        path,
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "word/document.xml": document_xml(body, prolog),
        },
    )


def test_a_minimal_package_without_styles_or_numbering_reads(tmp_path):
    path = write_docx(tmp_path / "min.docx", "<w:p><w:r><w:t>1.1 定义</w:t></w:r></w:p>")
    assert read_docx_text(path).text == "1.1 定义"


def refused(path: Path, *words: str) -> str:
    with pytest.raises(InputError) as info:
        read_any(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message
    for word in words:
        assert word in message
    return message


def test_not_a_zip(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("just text", encoding="utf-8")
    refused(path, "not a zip package")


def test_truncated_zip(tmp_path):
    data = LEGAL_LIST.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    refused(path, "damaged")


def test_zip_bomb_is_refused_from_the_directory_alone(tmp_path, monkeypatch):
    path = write_zip(
        tmp_path / "bomb.docx",
        {"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b" " * (4 * 1024 * 1024)},
    )
    monkeypatch.setattr(zipfile.ZipFile, "open", pytest.fail)  # nothing may be inflated
    refused(path, "zip bomb")


def test_a_member_that_lies_about_its_size_inflates_no_further(tmp_path):
    path = write_docx(tmp_path / "liar.docx", "<w:p/>" + " " * (8 * 1024 * 1024))
    data = bytearray(path.read_bytes())
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size
        start = -1
        while (start := data.find(header, start + 1)) >= 0:
            name_at = start + (30 if header == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 17] == b"word/document.xml":
                struct.pack_into("<I", data, start + offset, 100)
    path.write_bytes(bytes(data))
    refused(path, "damaged")  # zipfile stops at the declared size, then the CRC fails


def test_too_much_unpacked_data_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_package, "MAX_UNPACKED_BYTES", 1000)
    path = write_docx(tmp_path / "big.docx", "<w:p><w:r><w:t>" + "甲" * 1000 + "</w:t></w:r></w:p>")
    refused(path, "zip bomb")


def test_external_entities_are_refused_before_any_file_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    prolog = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
    path = write_docx(tmp_path / "xxe.docx", "<w:p><w:r><w:t>&x;</w:t></w:r></w:p>", prolog)
    message = refused(path, "entities", "unsafe")
    assert "TOP SECRET" not in message


def test_billion_laughs_is_refused_without_expansion(tmp_path):
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    path = write_docx(tmp_path / "lol.docx", "<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>", prolog)
    refused(path, "entities")


def test_missing_document_part(tmp_path):
    path = write_zip(
        tmp_path / "hollow.docx", {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS}
    )
    refused(path, "not a Word document")


def test_a_zip_that_is_no_package(tmp_path):
    refused(write_zip(tmp_path / "photos.docx", {"a.txt": "hello"}), "not a Word document")


def test_broken_xml(tmp_path):
    refused(write_docx(tmp_path / "broken.docx", "<w:p><w:r>"), "damaged", "word/document.xml")


def test_doc_renamed_docx_and_encrypted_docx(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    old = tmp_path / "old.docx"
    old.write_bytes(ole + "WordDocument".encode("utf-16-le"))
    refused(old, ".doc", "save it as .docx")
    locked = tmp_path / "locked.docx"
    locked.write_bytes(ole + "EncryptedPackage".encode("utf-16-le"))
    refused(locked, "password-protected")


def test_a_docx_without_extension_is_recognised(tmp_path):
    path = tmp_path / "contract"
    path.write_bytes(LEGAL_LIST.read_bytes())
    assert len(articles(read_any(path))) == 2


def test_hostile_file_through_the_cli_is_one_line(capsys, tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes(LEGAL_LIST.read_bytes()[:100])
    assert main_cli(["outline", str(path)]) == 2
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
