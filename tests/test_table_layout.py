"""Tables are exported as the source laid them out: its column widths (or widths by their
text), its bold cells, centred or at the indent of the text around them, with a gap
after each (so two tables in a row stay two)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from lxml import etree

from app.model.draft import Cell, Draft, Node, Part, Table
from app.model.fileformat import DraftFormatError, dumps, loads
from app.model.importer import draft_from_document
from app.readers import read_any
from app.word import read_docx_outline, read_docx_text
from app.word.export import render_docx
from tests.conftest import CORPUS
from tests.table_docx import docx_with_styles, p

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _run(text: str, bold: bool) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{props}<w:t xml:space='preserve'>{text}</w:t></w:r>"


def _table(rows: list[list[str]], *, grid: list[int] | None = None, bold_row: bool = False,
           bold_column: bool = False,
           centred: bool = False, cell_widths: list[int] | None = None) -> str:  # fmt: skip
    props = '<w:tblStyle w:val="Grid"/>' + ('<w:jc w:val="center"/>' if centred else "")
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid or [])
    body = ""
    for r, cells in enumerate(rows):
        tcs = ""
        for c, text in enumerate(cells):
            width = f'<w:tcW w:w="{cell_widths[c]}" w:type="dxa"/>' if cell_widths else ""
            bold = (bold_row and not r) or (bold_column and not c)
            runs = _run(text[:1], bold) + _run(text[1:], bold and c != 1)  # 1: half bold
            tcs += f"<w:tc><w:tcPr>{width}</w:tcPr><w:p>{runs}</w:p></w:tc>"
        body += f"<w:tr>{tcs}</w:tr>"
    grid_xml = f"<w:tblGrid>{cols}</w:tblGrid>" if grid else ""
    return f"<w:tbl><w:tblPr>{props}</w:tblPr>{grid_xml}{body}</w:tbl>"


def _contract(tmp_path, *tables: str):
    body = p("第一条 费用") + p("1.1 费用如下：") + "".join(tables) + p("第二条 其他")
    return docx_with_styles(tmp_path / "layout.docx", body + p("本合同一式两份。"))


def _tables_xml(data: bytes) -> list[etree._Element]:
    """The exported draft's tables, without the generic signature block that ends it."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return etree.fromstring(xml).findall(f".//{W}body/{W}tbl")[:-1]


def _grid(tbl: etree._Element) -> list[int]:
    return [int(c.get(f"{W}w")) for c in tbl.iterfind(f"{W}tblGrid/{W}gridCol")]


def _draft_of(path) -> Draft:
    outline = read_any(path)
    return draft_from_document(outline.documents[0], outline.text, path.name)


def _bold(table) -> list[list[bool]]:
    return [[c.bold for c in row] for row in table.rows]


def test_widths_bold_cells_and_centring_are_read_from_the_source(tmp_path):
    source = _contract(
        tmp_path,
        _table([["序号", "内容"], ["1", "数据"]], grid=[800, 4000], bold_row=True, centred=True),
        p("说明"),
        _table([["甲方", "名称"], ["乙方", "名称"]], cell_widths=[1200, 2400], bold_column=True),
        p("附注"),
        _table([["ab", "cd"]], grid=[0, 0], bold_row=True),  # zeros: nothing known
    )
    first, second, third = read_docx_text(source).tables
    assert (first.widths, first.centred) == ([800, 4000], True)
    assert _bold(first) == [[True, False], [False, False]]  # 内容 is only half bold
    assert (second.widths, second.centred) == ([1200, 2400], False)  # no grid: the cells'
    assert _bold(second) == [[True, False], [True, False]]  # a column of labels
    assert third.widths == []
    (drafted, *_) = _draft_of(source).parts[0].articles[0].children[0].tables
    assert (drafted.widths, drafted.centred, _bold(drafted)) == ([800, 4000], True, _bold(first))


def test_the_layout_survives_a_save_and_an_old_file_without_it_loads(tmp_path):
    source = _contract(tmp_path, _table([["ab", "cd"]], grid=[800, 4000], bold_column=True))
    draft = _draft_of(source)
    reloaded = loads(dumps(draft))
    table = reloaded.parts[0].articles[0].children[0].tables[0]
    assert (table.widths, table.centred, _bold(table)) == ([800, 4000], False, [[True, False]])
    data = json.loads(dumps(draft))
    table_json = data["parts"][0]["articles"][0]["children"][0]["tables"][0]
    assert "centred" not in table_json  # a default is left out: files stay as they were
    assert "bold" not in table_json["rows"][0][1]
    del table_json["rows"][0][0]["bold"]
    old = loads(json.dumps(data).encode())
    assert not old.parts[0].articles[0].children[0].tables[0].rows[0][0].bold
    for key, bad in (("widths", [800, "wide"]), ("widths", [0, 10]), ("widths", 5),
                     ("widths", [True]), ("centred", "yes")):  # fmt: skip
        with pytest.raises(DraftFormatError):
            loads(json.dumps({**data, "parts": [_with(data["parts"][0], key, bad)]}).encode())
    table_json["rows"][0][0]["bold"] = 1
    with pytest.raises(DraftFormatError):
        loads(json.dumps(data).encode())


def _with(part: dict, key: str, value: object) -> dict:
    """A copy of the part whose first clause's table has ``key`` set to ``value``."""
    part = json.loads(json.dumps(part))
    part["articles"][0]["children"][0]["tables"][0][key] = value
    return part


def test_export_keeps_the_source_widths_and_narrows_wider_tables_in_proportion(tmp_path):
    source = _contract(
        tmp_path,
        _table([["序号", "内容"]], grid=[800, 4000]),
        p("说明"),
        _table([["甲", "乙", "丙"]], grid=[2000, 4000, 10000], centred=True),
    )
    narrow, wide = _tables_xml(render_docx(_draft_of(source)))
    assert _grid(narrow) == [800, 4000]
    cells = [int(tc.get(f"{W}w")) for tc in narrow.iter(f"{W}tcW")]
    assert cells == [800, 4000]
    widths = _grid(wide)
    assert sum(widths) == 8300  # the export's text is 8300 twips wide
    assert widths[0] * 5 == pytest.approx(widths[2], abs=5) and widths[1] == pytest.approx(
        2 * widths[0], abs=5
    )
    assert narrow.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    assert wide.find(f"{W}tblPr/{W}jc") is None  # as wide as the text: centring shows nothing


def test_a_centred_narrow_table_stays_centred(tmp_path):
    source = _contract(tmp_path, _table([["甲", "乙"]], grid=[1500, 1500], centred=True))
    (table,) = _tables_xml(render_docx(_draft_of(source)))
    assert table.find(f"{W}tblPr/{W}jc").get(f"{W}val") == "center"


def _made_table(draft: Draft, rows: list[list[str]], bold_row: bool = False, **layout) -> Table:
    cells = [[Cell([text], bold=bold_row and not r) for text in row] for r, row in enumerate(rows)]
    return Table(draft.new_id(), cells, **layout)


def _one_article(draft: Draft, *tables: Table) -> Draft:
    article = Node(draft.new_id(), "费用", ["费用如下："], tables=list(tables))
    draft.parts.append(Part(draft.new_id(), articles=[article]))
    return draft


def test_a_table_made_without_widths_gets_columns_by_their_text_not_equal_ones():
    draft = Draft(title="合同")
    rows = [
        ["序号", "服务内容及交付标准", "备注说明"],
        ["1", "按月提供数据清洗与质量报告，逐项核对", ""],
    ]
    _one_article(draft, _made_table(draft, rows))
    (table,) = _tables_xml(render_docx(draft))
    number, content, note = _grid(table)
    assert number < note < content
    assert number >= 8300 * 4 // 120  # the narrowest column still holds two characters


def test_cells_are_bold_only_where_the_source_s_were():
    draft = Draft(title="合同")
    bold = _made_table(draft, [["项目", "金额"], ["服务费", "100"]], bold_row=True)
    plain = _made_table(draft, [["项目", "金额"], ["服务费", "100"]])
    _one_article(draft, bold, plain)
    first, second = _tables_xml(render_docx(draft))
    rows = [tbl.findall(f"{W}tr") for tbl in (first, second)]

    def bold_runs(row: etree._Element) -> list[bool]:
        return [r.find(f"{W}rPr/{W}b") is not None for r in row.iter(f"{W}r")]

    assert bold_runs(rows[0][0]) == [True, True] and not any(bold_runs(rows[0][1]))
    assert not any(bold_runs(rows[1][0]))


def test_two_tables_in_a_row_stay_two_tables_with_a_gap_after_each(tmp_path):
    draft = Draft(title="合同")
    _one_article(draft, _made_table(draft, [["a", "b"]]), _made_table(draft, [["c", "d"]]))
    data = render_docx(draft)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    body = etree.fromstring(xml).find(f"{W}body")
    kinds = [el.tag.removeprefix(W) for el in body]
    first = kinds.index("tbl")
    assert kinds[first : first + 4] == ["tbl", "p", "tbl", "p"]
    gap = body[first + 1].find(f"{W}pPr/{W}spacing")
    assert gap.get(f"{W}lineRule") == "exact" and int(gap.get(f"{W}line")) > 0
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert len(read_docx_text(out).tables) == 3  # and the generic signature block


def test_a_table_stands_at_the_indent_of_the_text_it_follows():
    draft = Draft(title="合同")
    lined = _made_table(draft, [["a", "b"]])
    unlined = _made_table(draft, [["甲方：", "乙方："]], borders=False)
    item_table = _made_table(draft, [["c", "d"]])
    article = Node(draft.new_id(), "费用", ["费用如下："], tables=[lined, unlined])
    clause = Node(draft.new_id(), "", ["付款"])
    clause.children.append(Node(draft.new_id(), "", ["分期"], tables=[item_table]))
    article.children.append(clause)
    draft.parts.append(Part(draft.new_id(), articles=[article]))

    def indent(tbl: etree._Element) -> int:
        ind = tbl.find(f"{W}tblPr/{W}tblInd")
        return 0 if ind is None else int(ind.get(f"{W}w"))

    tables = _tables_xml(render_docx(draft))
    # lines at the text's left edge; text laid out in cells where paragraphs start (2 chars
    # of 12 pt); an item's table under its text, two characters in
    assert [indent(t) for t in tables] == [0, 480, 480]
    assert sum(_grid(tables[2])) <= 8300 - 480


def test_the_data_provision_contract_exports_its_tables_as_laid_out(tmp_path):
    source = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
    draft = _draft_of(source)
    rights = draft.parts[0].articles[1].children[0].tables[0]
    assert rights.widths == [1701, 2551, 4535] and rights.centred
    assert _bold(rights) == [[True] * 3] + [[False] * 3] * 3  # its header row
    out = tmp_path / "out.docx"
    out.write_bytes(render_docx(draft))
    outline, _ = read_docx_outline(out)
    exported = next(
        t
        for t in read_docx_text(out).tables
        if t.rows and t.rows[0] and t.rows[0][0].text == "数据名称"
    )
    widths = exported.widths
    assert widths[0] < widths[1] < widths[2] and _bold(exported) == _bold(rights)
    assert abs(widths[2] / widths[0] - 4535 / 1701) < 0.02
    assert not any(map(any, _bold(draft.preamble_tables[0])))  # the parties' details: plain
    assert len(outline.documents[0].parts[0].articles) == 16
