"""Hidden bidi controls (U+202E and kin) never reach the Word file, and the checks say where
they were: a field's value or a clause's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import docx

from app.cli import main_cli
from app.model import ops
from app.model.checks import run_checks
from app.model.checks.fields import field_nodes
from app.model.draft import Blank, Draft, Field, Node, Part, Party
from app.model.files import load_draft
from app.model.importer import draft_from_document
from app.word.export import export_draft
from clause_db.reader import read_outline
from clause_db.unsafe_chars import BIDI_CONTROLS
from resources import SEED_FILES

if TYPE_CHECKING:
    from pathlib import Path

NAME = "深圳市\u202e司公限有技科\u202c某某"  # shown as 深圳市某某科技有限公司 by a bidi renderer


def docx_text(path: Path) -> str:
    """Every paragraph of the body and of its tables, read back with python-docx."""
    document = docx.Document(str(path))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        paragraphs += [p for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(p.text for p in paragraphs)


def bidi_checks(draft: Draft) -> list:
    return [c for c in run_checks(draft) if c.kind == "bidi_control"]


def seed_draft() -> Draft:
    outline = read_outline(SEED_FILES[0])
    return draft_from_document(outline.documents[0], outline.text, "seed")


def test_the_seed_contract_has_no_bidi_findings() -> None:
    assert bidi_checks(seed_draft()) == []


def test_a_field_value_with_an_override_exports_without_it_and_is_flagged(tmp_path: Path):
    draft = seed_draft()
    field = next(f for f in draft.fields.values() if f.label == "甲方名称")
    ops.History(draft).push(ops.set_field_value(draft, field.id, NAME))
    out = tmp_path / "out.docx"
    export_draft(draft, out)
    text = docx_text(out)
    assert not set(text) & set(BIDI_CONTROLS)
    assert "深圳市司公限有技科某某" in text  # the rest kept, in its stored order
    [check] = bidi_checks(draft)
    assert (check.field_id, check.node_id) == (field.id, field_nodes(draft)[field.id][0])
    assert "“甲方名称”" in check.message.zh and "U+202E、U+202C" in check.message.zh
    assert check.message.en.startswith("The value of “甲方名称” holds hidden text-direction")


def test_bidi_controls_in_the_text_headings_and_parties_are_removed_and_each_place_named(
    tmp_path: Path,
) -> None:
    draft = Draft(title="服务\u2067合同\u2069", parties=[Party("甲方", "某\u202d某公司")])
    part = Part(draft.new_id(), title="第一部分")
    article = Node(draft.new_id(), heading="保密\u202e")
    clause = Node(draft.new_id(), body=["甲方\u202e不承担\u202c违约责任，金额", Blank(9, "____")])
    article.children.append(clause)
    part.articles.append(article)
    draft.parts.append(part)
    draft.fields[9] = Field(9, "金额", value="\u2066100\u2069元")
    out = tmp_path / "out.docx"
    export_draft(draft, out)
    text = docx_text(out)
    assert not set(text) & set(BIDI_CONTROLS)
    for kept in ("服务合同", "某某公司", "第一条 保密", "甲方不承担违约责任，金额100元"):
        assert kept in text
    found = {(c.node_id, c.field_id, c.message.zh.split("含有")[0]) for c in bidi_checks(draft)}
    assert found == {
        (None, None, "标题"),
        (None, None, "当事人信息"),
        (article.id, None, "第一条"),
        (clause.id, None, "1.1"),
        (clause.id, 9, "“金额”的填写内容"),
    }


def test_draft_fill_then_export_from_the_command_line_leaves_no_override(tmp_path, capsys):
    source, draft, out = tmp_path / "s.txt", tmp_path / "d.contract", tmp_path / "d.docx"
    source.write_text("服务合同\n第一条 主体\n甲方：【甲方名称】，乙方：【乙方名称】。\n")
    assert main_cli(["draft", "new", "--from", str(source), "-o", str(draft)]) == 0
    assert main_cli(["draft", "fill", str(draft), f"甲方名称={NAME}"]) == 0
    assert main_cli(["export", str(draft), "-o", str(out)]) == 0
    capsys.readouterr()
    assert "甲方：深圳市司公限有技科某某，乙方：" in docx_text(out)
    assert not set(docx_text(out)) & set(BIDI_CONTROLS)
    saved = load_draft(draft)
    [check] = bidi_checks(saved)
    assert saved.fields[check.field_id].label == "甲方名称"
