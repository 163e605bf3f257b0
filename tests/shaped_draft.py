"""A draft with the shape of a real model contract, built by hand: a cover page, the
parties' details in a borderless table after the preamble, a fee table inside an article
(a merged header cell, a blank in a cell, text after the table), tick boxes, the source's
own signature block and two annexes (one with a table, one with articles of its own).
Own text, written for these tests."""

from __future__ import annotations

from app.model.draft import (
    Blank,
    Cell,
    Draft,
    Field,
    Node,
    Part,
    Party,
    Passage,
    Table,
)


def ragged_table(table_id: int) -> Table:
    """A table as real files have them: a cell spanning two rows, a short row, an empty row."""
    return Table(
        table_id,
        rows=[
            [Cell(["甲"], rowspan=2), Cell(["乙"], colspan=2)],
            [Cell([], covered=True), Cell(["丙"])],  # one place short
            [],
            [Cell(["丁"])],
        ],
    )


def shaped(ragged: bool = False) -> Draft:
    """``ragged``: 第二条 also holds a ``ragged_table``."""
    fee = Table(
        20,
        rows=[
            [Cell(["费用项目"], colspan=2, bold=True), Cell(["金额（元）"], bold=True)],
            [Cell(["1"]), Cell(["数据服务费"]), Cell([Blank(9, "____")])],
            [Cell(["2"]), Cell(["维护费"]), Cell(["5000"])],
        ],
        after=["以上费用含税。"],
        widths=[1000, 2000, 2000],
    )
    a1 = Node(2, heading="费用", body=["甲方按下表付费："], tables=[fee])
    a2 = Node(
        3,
        heading="证件",
        body=["证件类型：", Blank(10, "☐"), "统一社会信用代码 ", Blank(11, "☐"), "居民身份证"],
        tables=[ragged_table(45)] if ragged else [],
    )
    annex1 = Passage(
        30,
        label="附件1",
        title="数据清单",
        tables=[Table(31, rows=[[Cell(["字段"]), Cell(["说明"])], [Cell(["姓名"]), Cell([])]])],
    )
    annex2 = Passage(
        40,
        label="附件2",
        title="安全要求",
        body=["乙方应遵守下列要求："],
        parts=[Part(41, articles=[Node(42, body=["加密存储。"]), Node(43, body=["访问留痕。"])])],
    )
    return Draft(
        title="数据提供合同",
        parties=[Party("甲方", "某数据公司"), Party("乙方", "某科技公司")],
        preamble=["双方协商一致，订立本合同。"],
        parts=[Part(1, articles=[a1, a2])],
        fields={
            9: Field(9, "数据服务费"),
            10: Field(10, "统一社会信用代码", kind="checkbox", group=1),
            11: Field(11, "居民身份证", kind="checkbox", group=1),
            12: Field(12, "联系人"),
        },
        next_id=50,
        preamble_tables=[
            Table(
                27,
                rows=[
                    [Cell(["甲方："]), Cell(["某数据公司"])],
                    [Cell(["联系人："]), Cell([Blank(12, "______")])],
                ],
                borders=False,
            )
        ],
        cover=Passage(25, body=["合同编号：GF-2025-2615\n数据提供合同\n甲方：某数据公司"]),
        signature=Passage(26, body=["甲方（盖章）：\n\n乙方（盖章）："]),
        annexes=[annex1, annex2],
    )
