"""Tables from Word (and Markdown pipe tables) stay tables: read with their cells' spans,
merges and lines, attached to the node whose text holds them, imported as draft tables,
written back as Word tables."""

from __future__ import annotations

import json
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main_cli
from app.model import clipboard
from app.model.article_changes import article_changes, changed
from app.model.checks import run_checks
from app.model.draft import Blank, Draft, Part, plain
from app.model.fileformat import draft_to_json, dumps, loads
from app.model.importer import draft_from_document
from app.model.library_export import outline_of_nodes
from app.model.ops import History
from app.model.view import show
from app.readers import read_any
from app.word import read_docx_outline, read_docx_text
from app.word.export import render_docx
from clause_db.model import (
    Annex,
    Article,
    Clause,
    Document,
    Outline,
    Piece,
    Table,
    TableCell,
)
from clause_db.model import Part as OutlinePart
from clause_db.tables import attach_tables, grid_rows
from tests.conftest import FIXTURES
from tests.outline_checks import assert_lossless
from tests.table_docx import SERVICE_CONTRACT, docx_with_styles, p, tbl, tc


def _cells(table) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.colspan, c.rowspan) for c in row] for row in table.rows]


def _service(tmp_path):
    return docx_with_styles(tmp_path / "service.docx", SERVICE_CONTRACT)


# -- reading ----------------------------------------------------------------------------------


def test_cells_merges_and_lines_are_read_with_their_spans(tmp_path):
    docx = read_docx_text(_service(tmp_path))
    contacts, fees = docx.tables
    assert _cells(fees) == [
        [("项目", 1, 1), ("金额", 2, 1)],
        [("服务费", 1, 2), ("【服务费用】", 1, 1), ("元", 1, 1)],
        [("____", 1, 1), ("元", 1, 1)],  # the merged place is the cell above's
    ]
    assert (contacts.borders, fees.borders) == (False, True)  # default style; Grid -> Base
    for table in docx.tables:
        for row in table.rows:
            for cell in row:
                assert docx.text[cell.span[0] : cell.span[1]] == cell.text
    rows = "项目 | 金额\n服务费 | 【服务费用】 | 元\n____ | 元"
    assert docx.text[fees.span[0] : fees.span[1]] == rows


def test_lines_on_the_table_or_its_cells_count_and_none_means_none(tmp_path):
    single = '<w:top w:val="single"/>'
    body = p("x").join(
        [
            tbl([[tc("a")]], borders=single),
            tbl([[tc("b")]], style="Grid", borders='<w:top w:val="nil"/><w:insideV w:val="none"/>'),
            tbl(
                [
                    [
                        "<w:tc><w:tcPr><w:tcBorders><w:left w:val='single'/></w:tcBorders></w:tcPr>"
                        + p("c")
                        + "</w:tc>"
                    ]
                ]
            ),  # fmt: skip
            tbl([[tc("d")]], style="Missing"),
        ]
    )
    tables = read_docx_text(docx_with_styles(tmp_path / "b.docx", body)).tables
    assert [t.borders for t in tables] == [True, False, True, False]


def test_a_table_in_a_cell_is_text_of_that_cell(tmp_path):
    inner = tbl([[tc("x"), tc("y")], [tc("z")]])
    body = p("正文") + tbl([[tc("外"), f"<w:tc>{inner}</w:tc>"]])
    docx = read_docx_text(docx_with_styles(tmp_path / "n.docx", body))
    assert [_cells(t) for t in docx.tables] == [[[("外", 1, 1), ("x | y z", 1, 1)]]]


def test_tables_hang_on_the_node_whose_text_holds_them(tmp_path):
    outline, _ = read_docx_outline(_service(tmp_path))
    assert_lossless(outline)
    doc = outline.documents[0]
    first, second = doc.parts[0].articles
    contacts = [("联系人：____", 1, 1), ("电话：____", 1, 1)]
    assert [_cells(t)[0] for t in doc.preamble_tables] == [contacts]
    assert [len(c.tables) for c in first.clauses] == [1, 0]
    assert first.tables == second.tables == []
    data = json.loads(json.dumps(outline.to_json()))["documents"][0]
    fees = data["parts"][0]["articles"][0]["clauses"][0]["tables"][0]
    assert fees[0][1] == {"text": "金额", "span": fees[0][1]["span"], "colspan": 2}
    assert fees[1][0]["rowspan"] == 2
    assert data["preamble_tables"][0][0][0]["text"] == "联系人：____"


def _piece(s: int, e: int) -> Piece:
    return Piece("", (s, e))


def _part(s: int, e: int, articles: list[Article]) -> OutlinePart:
    return OutlinePart(None, _piece(s, s), _piece(s, s), _piece(s, s), (s, e), articles)


def _table(s: int, e: int) -> Table:
    return Table((s, e), [[TableCell("x", (s, e))]])


def test_attach_finds_any_container_with_a_text_and_tables():
    # hand-made outline with the pieces STRUCTURE adds: cover, signature, an annex with
    # articles of its own, and an annex with text only
    clause = Clause("1", _piece(40, 41), _piece(41, 42), _piece(42, 60), (40, 60), "arabic")
    article = Article(1, _piece(30, 33), _piece(33, 35), _piece(35, 40), (30, 60), [clause])
    annex_article = Article(1, _piece(110, 112), _piece(112, 113), _piece(113, 150), (110, 150))
    annexes = [
        Annex(
            _piece(100, 103),
            _piece(103, 105),
            _piece(105, 110),
            (100, 150),
            [_part(110, 150, [annex_article])],
        ),  # fmt: skip
        Annex(_piece(150, 153), _piece(153, 155), _piece(155, 200), (150, 200)),
    ]
    doc = Document("t", _piece(10, 12), _piece(12, 30), (0, 200), [_part(30, 60, [article])],
                   cover=_piece(0, 10), signature=_piece(60, 100), annexes=annexes)  # fmt: skip
    tables = [_table(*s) for s in [(2, 8), (14, 20), (36, 39), (45, 50), (61, 90),
                                   (106, 108), (120, 130), (160, 170), (25, 45)]]  # fmt: skip
    left = attach_tables(Outline("x" * 200, [doc]), tables)
    assert [t.span for t in doc.cover_tables] == [(2, 8)]
    assert [t.span for t in doc.preamble_tables] == [(14, 20)]
    assert [t.span for t in article.tables] == [(36, 39)]
    assert [t.span for t in clause.tables] == [(45, 50)]
    assert [t.span for t in doc.signature_tables] == [(61, 90)]
    assert [t.span for t in annexes[0].tables] == [(106, 108)]
    assert [t.span for t in annex_article.tables] == [(120, 130)]
    assert [t.span for t in annexes[1].tables] == [(160, 170)]
    assert [t.span for t in left] == [(25, 45)]  # across a heading: stays text


def test_grid_rows_fill_in_the_places_a_merge_covers():
    a, b, c = TableCell("a", (0, 1), rowspan=3), TableCell("b", (0, 1), 2), TableCell("c", (0, 1))
    table = Table((0, 1), [[a, b], [c], [], [TableCell("d", (0, 1))]])
    assert grid_rows(table) == [[a, b], [1, c], [1], [table.rows[3][0]]]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["", "甲", "a b", " ", "____", "【费用】"]), min_size=1, max_size=5
        ),  # fmt: skip
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["", "restart", "continue"]),
)
def test_any_table_reads_to_cells_whose_spans_hold_their_text(tmp_path_factory, rows, merge):
    # the first column merged down from a restart, or continued with no restart above
    first = {"": None, "restart": "restart", "continue": ""}[merge]
    below = None if not merge else ""
    cells = [
        [tc(t, merge=(first if i == 0 else below) if j == 0 else None) for j, t in enumerate(row)]
        for i, row in enumerate(rows)
    ]
    body = p("第一条 表格") + tbl(cells) + p("第二条 完")
    path = docx_with_styles(tmp_path_factory.mktemp("h") / "t.docx", body)
    docx = read_docx_text(path)
    (table,) = docx.tables
    assert len(table.rows) == len(rows)
    if merge == "restart" and not any(r[0].strip() for r in rows[1:]):
        assert table.rows[0][0].rowspan == len(rows)
    for row in table.rows:
        for cell in row:
            assert docx.text[cell.span[0] : cell.span[1]].strip() == cell.text
    outline, _ = read_docx_outline(path)
    assert_lossless(outline)


# -- into the draft, out to Word --------------------------------------------------------------


def _draft(tmp_path):
    outline = read_any(_service(tmp_path))
    return draft_from_document(outline.documents[0], outline.text, "service.docx")


def test_a_table_is_a_draft_table_and_its_blanks_are_fields(tmp_path):
    draft = _draft(tmp_path)
    clause = draft.parts[0].articles[0].children[0]
    assert plain(clause.body) == "费用如下："  # the rows are no longer text
    (fees,) = clause.tables
    assert plain(fees.after) == "以上费用含税。"
    shape = [[(plain(c.body), c.colspan, c.rowspan, c.covered) for c in row] for row in fees.rows]
    assert shape == [
        [("项目", 1, 1, False), ("金额", 2, 1, False)],
        [("服务费", 1, 2, False), ("【服务费用】", 1, 1, False), ("元", 1, 1, False)],
        [("", 1, 1, True), ("____", 1, 1, False), ("元", 1, 1, False)],
    ]
    blanks = [s for row in fees.rows for c in row for s in c.body if isinstance(s, Blank)]
    fields = [draft.fields[b.field_id] for b in blanks]
    assert [(f.name, f.label) for f in fields] == [("服务费用", "服务费用"), (None, "金额")]
    (contacts,) = draft.preamble_tables
    assert not contacts.borders and fees.borders
    assert "联系人" not in plain(draft.preamble)
    assert [draft.fields[s.field_id].label for c in contacts.rows[0] for s in c.body
            if isinstance(s, Blank)] == ["联系人", "电话"]  # fmt: skip
    assert draft_to_json(loads(dumps(draft))) == draft_to_json(draft)


def test_draft_show_json_shows_tables_like_the_outline(tmp_path, capsys):
    draft = _draft(tmp_path)
    fee = draft.field_named("服务费用")
    fee.value = "1000"
    data = show(draft)
    clause = data["parts"][0]["articles"][0]["clauses"][0]
    assert clause["tables"] == [
        [
            [{"text": "项目"}, {"text": "金额", "colspan": 2}],
            [{"text": "服务费", "rowspan": 2}, {"text": "1000"}, {"text": "元"}],
            [{"text": "____"}, {"text": "元"}],
        ]
    ]
    assert clause["text"] == "费用如下：\n以上费用含税。"
    assert data["preamble_tables"] == [[[{"text": "联系人：____"}, {"text": "电话：____"}]]]
    path = tmp_path / "d.contract"
    path.write_bytes(dumps(draft))
    assert main_cli(["draft", "show", str(path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["parts"][0]["articles"][0]["clauses"][0]["tables"] == clause["tables"]
    assert main_cli(["draft", "show", str(path)]) == 0
    assert "    | 服务费 | 1000 | 元 |\n" in capsys.readouterr().out


def test_export_writes_word_tables_with_merges_lines_and_highlighted_blanks(tmp_path):
    draft = _draft(tmp_path)
    draft.field_named("服务费用").value = "1000"
    out = tmp_path / "out.docx"
    out.write_bytes(render_docx(draft))
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert xml.count("<w:tbl>") == 3  # contacts, fees, our signature block
    fees = xml.split("<w:tbl>")[2]
    assert '<w:gridSpan w:val="2"/>' in fees
    assert '<w:vMerge w:val="restart"/>' in fees and "<w:vMerge/>" in fees
    assert '<w:insideH w:val="single"' in fees
    assert '<w:insideH w:val="nil"' in xml.split("<w:tbl>")[1]
    blank_run = fees.split("____")[0].rsplit("<w:r>", 1)[1]
    assert '<w:highlight w:val="yellow"/>' in blank_run
    assert "1000" in fees
    outline, _ = read_docx_outline(out)
    clause = outline.documents[0].parts[0].articles[0].clauses[0]
    assert [_cells(t) for t in clause.tables] == [
        [
            [("项目", 1, 1), ("金额", 2, 1)],
            [("服务费", 1, 2), ("1000", 1, 1), ("元", 1, 1)],
            [("____", 1, 1), ("元", 1, 1)],
        ]
    ]
    assert clause.text.value.endswith("以上费用含税。")


def test_a_clause_with_a_table_copied_and_pasted_keeps_a_loadable_draft(tmp_path):
    draft = _draft(tmp_path)
    clause = draft.parts[0].articles[0].children[0]
    data = clipboard.copy_nodes(draft, [clause.id], "a")
    for target, origin in ((draft, "a"), (Draft(), "b")):
        if not target.parts:
            target.parts.append(Part(target.new_id()))
        History(target).push(clipboard.paste_nodes(target, data, target.parts[0].id, 0, origin))
        pasted = target.parts[0].articles[0]
        (table,) = pasted.tables
        reloaded = loads(dumps(target))  # ids unique, every blank's field there
        cells = [[plain(c.body) for c in row] for row in table.rows]
        assert cells[1][1] == "【服务费用】" and cells[2][1] == "____"
        blank = next(s for s in table.rows[2][1].body if isinstance(s, Blank))
        assert blank.field_id in reloaded.fields
        assert show(target)["parts"][0]["articles"][0]["tables"][0][0][1]["text"] == "金额"
    assert table.id != clause.tables[0].id


def test_a_table_goes_to_the_library_and_the_text_clipboard_as_rows(tmp_path):
    draft = _draft(tmp_path)
    draft.field_named("服务费用").value = "1000"
    clause = draft.parts[0].articles[0].children[0]
    rows = "费用如下：\n项目 | 金额\n服务费 | 1000 | 元\n____ | 元\n以上费用含税。"
    outline = outline_of_nodes(draft, [clause.id])
    assert outline.documents[0].parts[0].articles[0].text.value == rows
    assert clipboard.plain_text(draft, [clause.id]).endswith(rows)


def test_markdown_pipe_tables_in_the_body_are_tables_and_a_summary_table_stays_skipped():
    outline = read_any(FIXTURES / "markdown" / "pipe_tables.md")
    assert_lossless(outline)
    doc = outline.documents[0]
    assert doc.preamble_tables == [] and [s.reason for s in doc.skipped] == ["summary table"]
    first = doc.parts[0].articles[0].clauses[0]
    (table,) = first.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "金额（元）"],
        ["服务费", "【服务费用】"],
        ["差旅 | 住宿", "实报实销"],
    ]
    assert outline.text[slice(*table.rows[1][1].span)] == "【服务费用】"
    bold = [[c.bold for c in row] for row in table.rows]
    assert bold == [[True, True], [False, False], [False, False]]  # a header row, bold
    assert table.widths == []  # widths from the text
    draft = draft_from_document(doc, outline.text, "pipe_tables.md")
    clause = draft.parts[0].articles[0].children[0]
    assert plain(clause.body) == "费用如下：" and plain(clause.tables[0].after) == "以上费用含税。"
    assert draft.field_named("服务费用") is not None


def test_a_node_with_a_table_is_unchanged_as_imported_and_changed_when_a_cell_is(tmp_path):
    draft = _draft(tmp_path)
    article = draft.parts[0].articles[0]
    assert not changed(article)
    article.children[0].tables[0].rows[0][0].body = ["品名"]
    assert [c.kind for c in article_changes(article)] == ["text"]


def test_a_bidi_control_hidden_in_a_cell_is_found(tmp_path):
    draft = _draft(tmp_path)
    clause = draft.parts[0].articles[0].children[0]
    clause.tables[0].rows[1][2].body = ["元\u202e"]
    found = [c for c in run_checks(draft) if c.kind == "bidi_control"]
    assert [c.node_id for c in found] == [clause.id]
