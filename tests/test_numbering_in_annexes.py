"""Numbering as the source wrote it, inside annexes too: an annex's articles in the annex's
style, an annex article's own item style, an annex part's first number; and tick boxes down a
column of the parties' table (the preamble's) grouped like those of any other table."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from docx import Document

from app.model import ops
from app.model.draft import Draft, Node, Part, Passage, Table
from app.model.fileformat import dumps, loads
from app.model.numbering import labels, styles_at
from app.model.tick_boxes import group_table_boxes
from app.word.export import ExportOptions, export_draft
from tests.test_tick_boxes import box_groups, cell

if TYPE_CHECKING:
    from pathlib import Path

OWN = "forms:一、 / （1）"  # an annex article whose items the source wrote （1）, not （一）


def annexed_draft() -> Draft:
    """第一条 / 1. in the body; 附件一 numbered 一、 / （一） from 三、, its second article
    with items of its own; 附件二 without articles."""
    draft = Draft(title="合同", numbering="chinese_items")
    draft.parts = [Part(10, articles=[Node(1, "标的", children=[Node(2, "交付")])])]
    annex_part = Part(21, start=3, articles=[
        Node(3, "范围", children=[Node(4, "数据")]),
        Node(5, "要求", children=[Node(6, "完整")], numbering=OWN),
    ])  # fmt: skip
    draft.annexes = [
        Passage(20, label="附件一", title="标准", parts=[annex_part], numbering="chinese_list"),
        Passage(30, label="附件二", title="清单"),
    ]
    draft.next_id = 40
    return draft


EXPECTED = {
    1: "第一条", 2: "1.",
    3: "三、", 4: "（一）", 5: "四、", 6: "（1）",
    20: "附件一", 30: "附件二",
}  # fmt: skip


def test_annex_articles_keep_the_annexs_style_their_own_items_and_start() -> None:
    draft = annexed_draft()
    assert labels(draft) == EXPECTED
    assert styles_at(draft, 5) == ("chinese_list", OWN) and styles_at(draft, 6) == (OWN, OWN)
    assert styles_at(draft, 4) == ("chinese_list", "chinese_list")
    # another style for the body leaves the annex as its source wrote it
    english = labels(draft, "english")
    assert (english[1], english[2]) == ("Article 1", "1.1")
    assert {k: english[k] for k in (3, 4, 5, 6)} == {k: EXPECTED[k] for k in (3, 4, 5, 6)}
    back = loads(dumps(draft))
    assert labels(back) == EXPECTED and back.annexes[0].parts[0].start == 3


@pytest.mark.parametrize("numbering", ["literal", "word"])
def test_an_export_prints_the_annexs_numbers_typed(tmp_path: Path, numbering: str) -> None:
    out = tmp_path / "annexes.docx"
    export_draft(annexed_draft(), out, ExportOptions(numbering))
    lines = [p.text for p in Document(str(out)).paragraphs]
    at = lines.index("附件一")  # the label on its own line, the title under it
    assert lines[at + 1] == "标准"
    annex = lines[at:]
    numbered = [("三、", "范围"), ("（一）", "数据"), ("四、", "要求"), ("（1）", "完整")]
    for number, heading in numbered:
        assert any(line.startswith(f"{number} {heading}") for line in annex), (number, annex)


def test_an_annex_articles_style_and_its_parts_start_are_undoable_edits() -> None:
    draft = annexed_draft()
    history = ops.History(draft)
    history.push(ops.set_part_start(draft, 21, 7))
    history.push(ops.set_article_numbering(draft, 5, None))
    shown = labels(draft)
    assert (shown[3], shown[5], shown[6]) == ("七、", "八、", "（一）")
    assert history.undo() and history.undo()
    assert labels(draft) == EXPECTED


def test_boxes_down_a_column_of_the_parties_table_are_one_group() -> None:
    draft = Draft()
    rows = [("证件类型", "☐居民身份证"), ("", "☐护照"), ("", "☐其他____")]
    draft.preamble_tables = [Table(draft.new_id(), [[cell(draft, t) for t in r] for r in rows])]
    assert len(box_groups(draft)) == 3  # a cell is a text of its own: a group a row
    group_table_boxes(draft)
    assert list(box_groups(draft).values()) == [["居民身份证", "护照", "其他"]]
