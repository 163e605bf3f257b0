"""The redline: a Word document whose tracked changes, accepted, give exactly the new
version's export and, rejected, exactly the old one's -- read back by an lxml reader of its
own (``tracked_changes``), on the seed, every corpus contract and random edit sequences."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main_cli
from app.model import editing
from app.model.compare import compare_drafts
from app.model.doc_blocks import BlockRef
from app.model.draft import Blank, Draft, Field, Node, Part, Party
from app.model.editing import EditError, Pos
from app.model.printed import draft_language
from app.word.export import ExportOptions, export_draft
from app.word.redline import export_redline
from tests.edit_rounds import apply, edit_round, expected_changes
from tests.test_compare import CONTRACTS, draft_of
from tests.tracked_changes import W, document_lines, revision_counts

if TYPE_CHECKING:
    from pathlib import Path

WHEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def check_redline(old: Draft, new: Draft, folder: Path) -> Path:
    """Write the redline and both exports; accept-all must read as the new export, reject-all
    as the old one, paragraph by paragraph with its style."""
    options = ExportOptions(language=draft_language(new))
    export_draft(old, folder / "old.docx", options)
    export_draft(new, folder / "new.docx", options)
    redline = folder / "redline.docx"
    export_redline(old, new, redline, "张律师", WHEN)
    assert document_lines(redline, "accept") == document_lines(folder / "new.docx", "accept")
    assert document_lines(redline, "reject") == document_lines(folder / "old.docx", "accept")
    return redline


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_accept_all_gives_the_new_version_and_reject_all_the_old(path, tmp_path):
    done = edit_round(draft_of(path))
    redline = check_redline(done.old, done.new, tmp_path)
    counts = revision_counts(redline)
    assert counts["ins"] and counts["del"]


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_a_version_redlined_against_itself_has_no_tracked_change(path, tmp_path):
    draft = draft_of(path)
    redline = check_redline(draft, copy.deepcopy(draft), tmp_path)
    assert revision_counts(redline) == {"ins": 0, "del": 0}


def test_an_annex_edited_is_marked_in_the_annex(tmp_path):
    old = draft_of(next(p for p in CONTRACTS if p.name.startswith("zh_gf2025")))
    new = copy.deepcopy(old)
    article = new.annexes[1].parts[0].articles[0]
    text = "".join(s for s in article.body if isinstance(s, str))
    apply(
        new, editing.set_block_text(new, BlockRef("body", article.id), [text + "另有约定的除外。"])
    )
    redline = check_redline(old, new, tmp_path)
    root = _body(redline)
    assert [t.text for d in root.iter(f"{W}ins") for t in d.iter(f"{W}t")] == ["另有约定的除外。"]
    assert revision_counts(redline) == {"ins": 1, "del": 0}


def test_a_table_cell_edited_is_marked_in_its_cell_and_a_row_added_marks_the_table(tmp_path):
    old = draft_of(next(p for p in CONTRACTS if p.name.startswith("zh_gf2025")))
    new = copy.deepcopy(old)
    table = next(node for _, node in new.nodes() if node.tables).tables[0]
    table.rows[0][0].body = ["标的数据名称"]  # the model's own cell, as the table editor sets it
    redline = check_redline(old, new, tmp_path)
    inside = [t.text for tc in _body(redline).iter(f"{W}tc") for d in tc.iter(f"{W}ins")
              for t in d.iter(f"{W}t")]  # fmt: skip
    assert inside == ["标的"] and revision_counts(redline) == {"ins": 1, "del": 0}
    table.rows.append(copy.deepcopy(table.rows[-1]))
    redline = check_redline(old, new, tmp_path)  # another shape: old table out, new one in
    assert revision_counts(redline)["del"] > 0


def test_every_change_is_signed_and_dated(tmp_path):
    done = edit_round(draft_of(CONTRACTS[0]))
    redline = check_redline(done.old, done.new, tmp_path)
    xml = zipfile.ZipFile(redline).read("word/document.xml").decode()
    marks = re.findall(r"<w:(?:ins|del) ([^>]*)>", xml)
    assert marks and all('w:author="张律师"' in m and 'w:date="2026-12-03T09:30:00Z"' in m
                         for m in marks)  # fmt: skip
    ids = re.findall(r'<w:(?:ins|del) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids))  # Word refuses a file with a revision id twice


def test_a_moved_article_is_deleted_where_it_was_and_inserted_where_it_is(tmp_path):
    old = draft_of(CONTRACTS[0])
    new = copy.deepcopy(old)
    moved = new.parts[0].articles[1]
    apply(new, editing.move(new, BlockRef("heading", moved.id), +3))
    redline = check_redline(old, new, tmp_path)
    root = _body(redline)
    deleted = "".join(t.text for t in root.iter(f"{W}delText"))
    inserted = "".join(t.text for d in root.iter(f"{W}ins") for t in d.iter(f"{W}t"))
    assert moved.heading in deleted and moved.heading in inserted


def test_a_filled_blank_shows_the_blank_deleted_and_the_value_inserted(tmp_path):
    old = _small()
    new = copy.deepcopy(old)
    apply(new, editing.fill_field(new, 100, "人民币壹万元"))
    redline = check_redline(old, new, tmp_path)
    root = _body(redline)
    assert [t.text for t in root.iter(f"{W}delText")] == ["____"]
    assert [t.text for d in root.iter(f"{W}ins") for t in d.iter(f"{W}t")] == ["人民币壹万元"]


def test_a_promoted_clause_is_moved_from_its_clause_style_to_an_article(tmp_path):
    old = _small()
    new = copy.deepcopy(old)
    clause = new.parts[0].articles[0].children[1]
    apply(new, editing.promote(new, BlockRef("body", clause.id)))
    moved = [(c.kind, c.old, c.new) for c in compare_drafts(old, new).changes]
    assert moved == [("moved", "1.2", "第二条"), ("moved", "1.3", "2.1")]  # now under 第二条
    redline = check_redline(old, new, tmp_path)  # the reader compares styles too
    root = _body(redline)
    styles = {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in root.iter(f"{W}p")
              if p.find(f"{W}pPr/{W}rPr/{W}del") is not None}  # fmt: skip
    assert styles == {"ContractClause"}


def test_a_party_renamed_is_marked_in_the_parties_and_in_the_signature_table(tmp_path):
    old = _small()
    new = copy.deepcopy(old)
    apply(new, editing.set_block_text(new, BlockRef("party_name", 0), ["北京数据有限公司"]))
    redline = check_redline(old, new, tmp_path)
    root = _body(redline)
    cells = [t.text for tc in root.iter(f"{W}tc") for d in tc.iter(f"{W}del")
             for t in d.iter(f"{W}delText")]  # fmt: skip
    assert cells and "".join(cells) in "某公司"


def test_the_cli_writes_the_redline_with_the_author_given(tmp_path, capsys):
    done = edit_round(draft_of(CONTRACTS[0]))
    export_draft(done.old, tmp_path / "v1.docx")
    export_draft(done.new, tmp_path / "v2.docx")
    out = tmp_path / "redline.docx"
    argv = ["compare", str(tmp_path / "v1.docx"), str(tmp_path / "v2.docx"), "-o", str(out)]
    assert main_cli([*argv, "--author", "Li Wei"]) == 0
    assert f"{out}: redline of v2.docx against v1.docx" in capsys.readouterr().out
    assert 'w:author="Li Wei"' in zipfile.ZipFile(out).read("word/document.xml").decode()
    # the Word files were read as drafts: the redline is exact against their exports
    check_redline(draft_of(tmp_path / "v1.docx"), draft_of(tmp_path / "v2.docx"), tmp_path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_redline_and_shows_both_texts(tmp_path):
    old = _small()
    new = copy.deepcopy(old)
    apply(new, editing.set_block_text(new, BlockRef("body", 3), ["乙方应当在十五日内交付成果。"]))
    redline = check_redline(old, new, tmp_path)
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(redline)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = (tmp_path / "redline.txt").read_text(encoding="utf-8-sig")
    assert "在三十五日内" in text  # 三 deleted and 五 inserted, both shown as changes


# -- random edit sequences ----------------------------------------------------------------------


def _small() -> Draft:
    """第一条 with three clauses (a blank in one), 第二条 to 第四条 with texts, two parties."""
    draft = Draft(title="技术服务合同", parties=[Party("甲方", "某公司"), Party("乙方")],
                  preamble=["双方协商一致，订立本合同。"], next_id=101)  # fmt: skip
    draft.fields[100] = Field(100, "金额", name="金额")
    clauses = [
        Node(2, body=["服务期限为一年，自签订之日起算。"]),
        Node(3, body=["乙方应当在三十日内交付成果。"]),
        Node(4, heading="费用", body=["甲方支付服务费", Blank(100, "____"), "。"]),
    ]
    part = Part(1, articles=[Node(5, heading="服务内容", body=["乙方提供技术服务。"],
                                  children=clauses)])  # fmt: skip
    for i, (heading, text) in enumerate([("保密", "双方对合同内容保密。"),
                                         ("违约", "违约方赔偿对方全部损失。"),
                                         ("争议", "争议提交甲方所在地法院管辖。")]):  # fmt: skip
        part.articles.append(Node(6 + i, heading=heading, body=[text]))
    draft.parts.append(part)
    return draft


EDITS = st.lists(
    st.tuples(st.sampled_from(["reword", "move", "delete", "insert", "fill", "heading",
                               "promote", "demote", "party", "title", "add_party"]),  # fmt: skip
              st.integers(0, 20), st.integers(-3, 3), st.sampled_from(["不得", "书面", "x"])),
    min_size=1, max_size=6,
)  # fmt: skip


def _edit(draft: Draft, action: str, pick: int, delta: int, words: str) -> None:
    nodes = [n for _, n in draft.nodes()]
    if not nodes:
        return
    node = nodes[pick % len(nodes)]
    body = BlockRef("body", node.id)
    text = "".join(s for s in node.body if isinstance(s, str))
    edits = {
        "reword": lambda: editing.type_text(draft, Pos(body, min(pick, len(text))), words)
        if all(isinstance(s, str) for s in node.body) else None,
        "move": lambda: editing.move(draft, body, delta),
        "delete": lambda: editing.delete_nodes(draft, [node.id]) if len(nodes) > 1 else None,
        "insert": lambda: editing.new_article(draft, Pos(body, 0)),
        "fill": lambda: editing.fill_field(draft, 100, words),
        "heading": lambda: editing.set_block_text(draft, BlockRef("heading", node.id), [words]),
        "promote": lambda: editing.promote(draft, body),
        "demote": lambda: editing.demote(draft, body),
        "party": lambda: editing.set_block_text(draft, BlockRef("party_name", pick % 2), [words]),
        "title": lambda: editing.set_block_text(draft, BlockRef("title", 0), [words]),
        "add_party": lambda: editing.add_party(draft),
    }  # fmt: skip
    try:
        edit = edits[action]()
    except EditError:
        return
    if edit is not None and edit.command is not None:
        edit.command.apply(draft)


@settings(max_examples=25, deadline=None)
@given(EDITS)
def test_random_edit_sequences_redline_both_ways_and_lose_no_change(tmp_path_factory, edits):
    old = _small()
    new = copy.deepcopy(old)
    for edit in edits:
        _edit(new, *edit)
    check_redline(old, new, tmp_path_factory.mktemp("redline"))
    changes = compare_drafts(old, new).changes
    listed = {c.old for c in changes} | {c.new for c in changes}
    for _, old_label, new_label, *_ in expected_changes(old, new, set()):  # known by node id
        assert old_label in listed or new_label in listed


def _body(path: Path):
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))
