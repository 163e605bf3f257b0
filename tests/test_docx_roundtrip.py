"""Every corpus Word file through the whole life of a draft: opened, filled, saved, reopened,
exported and read back -- the same articles, the same tables (cell text), the values in.
And hostile tables (10,000 rows, 60 columns, empty, merges everywhere) give a clear result."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest

from app.cli import main_cli
from app.model.fileformat import draft_to_json
from app.model.files import load_draft, save_draft
from app.model.importer import draft_from_document
from app.model.numbering import number_paths
from app.model.text import render_body
from app.readers import read_any
from app.word import read_docx_text
from app.word.export import export_draft
from tests.conftest import CORPUS
from tests.table_docx import docx_with_styles, p, tbl, tc

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from app.model.draft import Draft, Table
    from clause_db.model import Table as OutlineTable

CORPUS_DOCX = sorted(CORPUS.glob("*.docx"))


def draft_tables(draft: Draft) -> Iterator[Table]:
    """The draft's tables in the order the export writes them."""
    passages = [draft.cover] if draft.cover else []
    for passage in passages:
        yield from passage.tables
    yield from draft.preamble_tables
    for _, node in draft.nodes():
        yield from node.tables
    for passage in [draft.signature, *draft.annexes]:
        if passage is None:
            continue
        yield from passage.tables
        for part in passage.parts:
            for article in part.articles:
                for node in article.walk():
                    yield from node.tables


def shown_cells(draft: Draft, table: Table) -> list[list[str]]:
    paths = number_paths(draft)
    return [[render_body(c.body, paths, draft) for c in row if not c.covered] for row in table.rows]


def read_cells(table: OutlineTable) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def is_subsequence(wanted: list, found: list) -> bool:
    rest = iter(found)
    return all(any(w == f for f in rest) for w in wanted)


def open_fill_save_export(source: Path, tmp_path: Path) -> tuple[Draft, Path]:
    outline = read_any(source)
    draft = draft_from_document(outline.documents[0], outline.text, source.name)
    for field in draft.fields.values():
        if field.kind == "text":
            field.value = f"〔值{field.id}〕"
    saved = tmp_path / "filled.contract"
    save_draft(saved, draft)
    reopened = load_draft(saved)
    assert draft_to_json(reopened) == draft_to_json(draft)
    exported = tmp_path / "filled.docx"
    export_draft(reopened, exported)
    return reopened, exported


@pytest.mark.parametrize("source", CORPUS_DOCX, ids=lambda p: p.name)
def test_corpus_docx_keeps_articles_tables_and_values(source, tmp_path):
    draft, exported = open_fill_save_export(source, tmp_path)
    back = read_any(exported).documents[0]
    headings = [a.heading.value for a in back.iter_articles()]
    assert headings == [a.heading for part in draft.parts for a in part.articles]
    assert [(a.label.value, a.title.value) for a in back.annexes] == [
        (a.label, a.title) for a in draft.annexes
    ]
    annex_headings = [[x.heading.value for p in a.parts for x in p.articles] for a in back.annexes]
    assert annex_headings == [
        [x.heading for p in a.parts for x in p.articles] for a in draft.annexes
    ]
    assert (back.cover is None) == (draft.cover is None)
    # the source's own signature block comes back; a draft without one gets the generic block
    assert back.signature is not None
    read_back = read_docx_text(exported)
    wanted = [shown_cells(draft, t) for t in draft_tables(draft)]
    assert is_subsequence(wanted, [read_cells(t) for t in read_back.tables])
    counts = draft.occurrences()
    values = [f.value for f in draft.fields.values() if f.value and counts[f.id]]
    assert bool(values) == bool(draft.fields)
    assert all(v in read_back.text for v in values)


def test_the_data_provision_contract_keeps_its_tables_as_tables(tmp_path):
    source = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
    assert len(read_docx_text(source).tables) == 14
    draft, _ = open_fill_save_export(source, tmp_path)
    tables = list(draft_tables(draft))
    # the parties' details (4 borderless tables), the two property-rights tables of 第二条,
    # the signature page's, and the annexes' (2 in 附件1, 5 in 附件2)
    assert len(tables) == 14
    assert [a.label for a in draft.annexes] == ["附件1", "附件2"]
    assert len(draft.signature.tables) == 1
    assert [t.borders for t in draft.preamble_tables] == [False] * 4
    second = draft.parts[0].articles[1]
    rights = [t for c in second.children for t in c.tables]
    assert [len(t.rows) for t in rights] == [4, 4] and all(t.borders for t in rights)
    assert all("|" not in "".join(map(str, c.body)) for c in second.children)


# -- hostile tables ---------------------------------------------------------------------------


def hostile_body() -> str:
    many = tbl([[tc(f"第{i}行"), tc("____" if i % 2500 == 0 else "")] for i in range(10_000)])
    wide = tbl([[tc(f"列{i}") for i in range(60)]])
    merges = tbl(
        [
            [tc("横跨", span=5000), tc("续", merge="")],  # no restart above: a cell of its own
            [tc("纵", merge="restart"), tc("有字的续", merge="")],
            *([[tc(merge="")]] * 1500),  # a merge running down 1,500 rows
            [tc("末", merge="restart")],  # a restart with nothing below
        ]
    )
    return (
        p("测试合同")
        + p("第一条 大表")
        + many
        + p("第二条 宽表")
        + wide
        + p("第三条 空表")
        + "<w:tbl/>"
        + tbl([[tc(), tc()], [tc(), tc()]])
        + p("第四条 合并")
        + merges
        + p("第五条 完")
    )


def test_degenerate_tables_give_a_clear_result(tmp_path, capsys):
    source = docx_with_styles(tmp_path / "hostile.docx", hostile_body())
    start = time.perf_counter()
    draft, exported = open_fill_save_export(source, tmp_path)
    took = time.perf_counter() - start
    articles = draft.parts[0].articles
    assert [len(a.tables) for a in articles] == [1, 1, 1, 1, 0]  # the empty <w:tbl/> is none
    many, wide, empty, merges = (a.tables[0] for a in articles[:4])
    assert len(many.rows) == 10_000 and len(wide.rows[0]) == 60
    assert [[c.body for c in row] for row in empty.rows] == [[[], []], [[], []]]
    first = merges.rows[0][0]
    assert first.colspan == 1000  # gridSpan 5000: as wide as a draft allows
    assert merges.rows[1][0].rowspan == 1000  # 1,500 rows merged: cut at the limit
    assert merges.rows[1000][0].covered and not merges.rows[1001][0].covered
    assert took < 60, f"{took:.1f} s"
    back = read_docx_text(exported)
    assert is_subsequence(
        [shown_cells(draft, t) for t in (many, wide, merges)],
        [read_cells(t) for t in back.tables],
    )
    assert main_cli(["outline", str(source), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["documents"][0]["parts"][0]["articles"][0]["tables"][0]) == 10_000
