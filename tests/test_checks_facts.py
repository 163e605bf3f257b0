"""Checks of the facts a reviewing partner reads for: the parties' names and roles, a court
and arbitration chosen together, two laws, the shape of the numbering, references to the
article itself or to an annex not attached, template leftovers, and topics (only when the
headings say so). Drafts are opened from text as the CLI opens a file."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import draft_of_file
from app.model import ops
from app.model.checks import ERROR, WARNING, run_checks
from app.model.checks.context import Places, read_texts
from app.model.checks.engine import CheckEngine
from app.model.checks.fixes import fix_command
from app.model.checks.parties import normalised
from app.model.draft import Blank, Party
from tests.checks_helpers import opened_text
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from app.model.checks import Finding
    from app.model.draft import Draft

# Enough articles for a contract to be expected to cover the essential subjects.
ESSENTIALS = """第八条 违约责任
违约方应赔偿守约方的全部损失。
第九条 不可抗力
因不可抗力不能履行合同的，根据不可抗力的影响部分或者全部免除责任。
第十条 保密
双方对本合同内容负有保密义务，保密期限为五年。
"""


@pytest.fixture
def opened(tmp_path: Path):
    def make(text: str, name: str = "draft.txt") -> Draft:
        return opened_text(tmp_path / name, text)

    return make


def found(draft: Draft, kind: str) -> list[Finding]:
    return [f for f in run_checks(draft) if f.kind == kind]


def shown(draft: Draft, finding: Finding) -> str:
    """The characters a finding selects, as the reader reads them."""
    texts = {t.ref: t for t in read_texts(draft, Places(draft))}
    text = texts[finding.ref]
    start = next(i for i in range(len(text.text) + 1) if text.at(i) >= finding.offset)
    end = next(
        (
            i
            for i in range(start, len(text.text) + 1)
            if text.at(i) >= finding.offset + finding.length
        ),
        len(text.text),
    )
    return text.text[start:end]


# -- parties ---------------------------------------------------------------------------------

SIGNED = """技术服务合同
甲方：深圳市星河数据科技有限公司
乙方：广州市云帆信息技术有限公司

第一条 服务内容
乙方为甲方提供数据标注服务。
第二条 费用
{fee}
第三条 争议解决
因本合同引起的争议，向甲方所在地人民法院起诉。

甲方（盖章）：{seal_a}
乙方（盖章）：广州市云帆信息技术有限公司
"""


def test_a_name_signed_unlike_the_parties_block_is_a_mismatch(opened) -> None:
    draft = opened(SIGNED.format(fee="甲方按月付款。", seal_a="深圳星河数据科技有限公司"))
    [mismatch] = found(draft, "party_name_mismatch")
    assert mismatch.severity == WARNING and mismatch.article is None
    assert shown(draft, mismatch) == "深圳星河数据科技有限公司"
    assert "深圳市星河数据科技有限公司" in mismatch.message.zh
    assert "深圳市星河数据科技有限公司" in mismatch.message.en


ENTRUSTED = """委托合同
委托人：杭州明远投资管理有限公司
受托人：浙江衡信会计师事务所有限公司

第一条 委托事项
受托人为委托人办理年度审计。
第二条 报酬
委托人支付报酬人民币50,000元。

委托人代表：周明
委托人盖章：杭州明远投资管理有限公司
受托人盖章：{}
"""


def test_parties_named_by_other_roles_than_jia_and_yi_are_compared(opened) -> None:
    draft = opened(ENTRUSTED.format("浙江衡信会计师事务所（特殊普通合伙）"))
    [mismatch] = found(draft, "party_name_mismatch")
    assert "受托人" in mismatch.message.zh and "浙江衡信会计师事务所有限公司" in mismatch.message.zh
    assert (
        found(opened(ENTRUSTED.format("浙江衡信会计师事务所有限公司")), "party_name_mismatch") == []
    )


def test_an_english_lender_signing_under_another_name_is_a_mismatch(opened) -> None:
    text = (
        'FACILITY LETTER\n\nThis letter is from Northgate Lending Limited (the "Lender") to '
        'Pellow Farms Ltd (the "Borrower").\n\n1. Facility\n\n1.1 The Lender makes a loan '
        "available to the Borrower.\n\n2. Repayment\n\n2.1 The Borrower repays the loan in full."
        "\n\nIN WITNESS WHEREOF the parties have signed this letter.\n\n{}\n\nBy: ____\n\n"
        "PELLOW FARMS LTD\n\nBy: ____\n"
    )
    [mismatch] = found(opened(text.format("NORTHGATE LENDERS LIMITED")), "party_name_mismatch")
    assert "Northgate Lending Limited" in mismatch.message.en
    assert found(opened(text.format("NORTHGATE LENDING LIMITED")), "party_name_mismatch") == []


def test_an_english_name_run_together_is_a_mismatch_but_its_capitals_are_not(opened) -> None:
    text = (
        "SERVICES AGREEMENT\n\nThis agreement is between Blue Stone Analytics, Inc. (the "
        '"Provider") and Orchard Retail Ltd (the "Customer").\n\n1. Services\n\n1.1 The '
        "Provider supports the Customer's stores.\n\nSIGNED by the parties.\n\n{}\n\n"
        "By: ____\n\nORCHARD RETAIL LTD\n\nBy: ____\n"
    )
    [mismatch] = found(opened(text.format("BLUESTONE ANALYTICS, INC.")), "party_name_mismatch")
    assert "Blue Stone Analytics, Inc." in mismatch.message.en
    assert found(opened(text.format("BLUE STONE ANALYTICS, INC.")), "party_name_mismatch") == []


def test_a_labelled_name_is_read_without_its_abbreviation_and_told_once(opened) -> None:
    head = (
        "房屋租赁合同\n出租人：宁波港盛贸易有限公司（以下简称“出租人”）\n"
        "承租人：宁波甬仓物流有限公司（以下简称“承租人”）\n\n"
        "第一条 租赁物\n出租人将仓库出租给承租人。\n\n"
        "出租人（盖章）：宁波港盛贸易有限公司\n承租人（盖章）：{}\n"
    )
    assert found(opened(head.format("宁波甬仓物流有限公司")), "party_name_mismatch") == []
    [mismatch] = found(opened(head.format("宁波甬昌物流有限公司")), "party_name_mismatch")
    assert mismatch.subject == "宁波甬昌物流有限公司"
    assert "“宁波甬仓物流有限公司”" in mismatch.message.zh


def test_a_name_the_text_writes_close_to_a_party_s_is_a_mismatch(opened) -> None:
    fee = "甲方应向广州云帆信息技术有限公司支付服务费，并抄送深圳市星河数据科技有限公司财务部。"
    draft = opened(SIGNED.format(fee=fee, seal_a="深圳市星河数据科技有限公司"))
    [mismatch] = found(draft, "party_name_mismatch")
    assert mismatch.article == "第二条"
    assert shown(draft, mismatch) == "广州云帆信息技术有限公司"


def test_the_fix_writes_the_name_as_the_parties_block_has_it(opened) -> None:
    fee = "甲方应向广州云帆信息技术有限公司支付服务费。"
    draft = opened(SIGNED.format(fee=fee, seal_a="深圳星河数据科技有限公司"))
    history = ops.History(draft)
    for finding in found(draft, "party_name_mismatch"):
        assert finding.fix is not None and "有限公司" in finding.fix.label.zh
        history.push(fix_command(draft, finding.fix).command)
    assert found(draft, "party_name_mismatch") == []
    texts = "".join(t.text for t in read_texts(draft, Places(draft)))
    assert (
        "向广州市云帆信息技术有限公司支付" in texts
        and "（盖章）：深圳市星河数据科技有限公司" in texts
    )
    history.undo()
    history.undo()
    assert len(found(draft, "party_name_mismatch")) == 2


def test_a_name_filled_in_a_blank_is_fixed_in_the_blank_s_value(opened) -> None:
    draft = opened(
        "数据提供合同\n甲方（接收方）：北京智数科技有限公司\n乙方（提供方）：深圳数源有限公司\n\n"
        "第一条 标的数据\n乙方向甲方提供标的数据。\n\n甲方：{{签署_甲方}}（盖章）\n"
    )
    signed = draft.field_named("签署_甲方")
    ops.History(draft).push(ops.set_field_value(draft, signed.id, "北京智数科技股份有限公司"))
    [mismatch] = found(draft, "party_name_mismatch")
    [edit] = mismatch.fix.edits
    assert edit.field_id == signed.id
    ops.History(draft).push(fix_command(draft, mismatch.fix).command)
    assert signed.value == "北京智数科技有限公司"


def test_names_written_alike_blank_or_of_another_company_are_no_mismatch(opened) -> None:
    fee = "乙方可委托北京某某物流有限公司运输。深圳市星河数据科技有限公司按月付款。"
    for seal in ("深圳市星河数据科技有限公司", "____", "", "XXX有限公司"):
        draft = opened(SIGNED.format(fee=fee, seal_a=seal))
        assert found(draft, "party_name_mismatch") == [], seal


def test_a_filled_blank_is_compared_and_an_unfilled_one_is_not(opened) -> None:
    draft = opened(
        "数据提供合同\n甲方（接收方）：{{甲方名称}}\n乙方（提供方）：{{乙方名称}}\n\n"
        "第一条 标的数据\n乙方向甲方提供标的数据。\n\n"
        "甲方：{{签署_甲方}}（盖章）\n乙方：{{签署_乙方}}（盖章）\n"
    )
    assert found(draft, "party_name_mismatch") == []
    history = ops.History(draft)
    history.push(
        ops.set_field_value(draft, draft.field_named("甲方名称").id, "北京智数科技有限公司")
    )
    assert found(draft, "party_name_mismatch") == []  # the signature still to fill
    signed = draft.field_named("签署_甲方")
    history.push(ops.set_field_value(draft, signed.id, "北京智数科技股份有限公司"))
    [mismatch] = found(draft, "party_name_mismatch")
    assert mismatch.field_id is None and shown(draft, mismatch) == "北京智数科技股份有限公司"
    history.push(ops.set_field_value(draft, signed.id, "北京智数科技有限公司"))
    assert found(draft, "party_name_mismatch") == []


@pytest.mark.parametrize(
    ("fee", "variant"),
    [
        ("乙方开具发票后，甲方向广州云帆信息公司付款。", "广州云帆信息公司"),
        ("甲方应通知云帆信息技术有限公司的项目经理。", "云帆信息技术有限公司"),
        ("乙方可委托云帆（香港）信息技术有限公司履行。", None),  # an affiliate, by place
        ("乙方可委托广州云帆湾物业管理有限公司保洁。", None),  # another trade name
    ],
)
def test_a_party_named_short_in_the_text_is_a_mismatch(opened, fee, variant) -> None:
    draft = opened(SIGNED.format(fee=fee, seal_a="深圳市星河数据科技有限公司"))
    found_names = [shown(draft, f) for f in found(draft, "party_name_mismatch")]
    assert found_names == ([variant] if variant else [])


def test_the_parties_block_of_a_draft_is_where_the_names_are_taken_from(opened) -> None:
    draft = opened("服务合同\n\n第一条 服务\n深圳星河数据科技有限公司负责运维。\n")
    assert found(draft, "party_name_mismatch") == []
    parties = [
        Party("甲方", "深圳市星河数据科技有限公司"),
        Party("乙方", "广州市云帆信息技术有限公司"),
    ]
    ops.History(draft).push(ops.set_parties(draft, parties))
    [mismatch] = found(draft, "party_name_mismatch")
    assert shown(draft, mismatch) == "深圳星河数据科技有限公司" and mismatch.article == "第一条"


def test_an_english_signature_block_naming_another_entity_is_a_mismatch(opened) -> None:
    text = (
        "DISTRIBUTOR AGREEMENT\n\nThis Agreement is made between Tripath Technology, Inc., a "
        'Delaware corporation ("Tripath"), and Uniquest Corporation ("Distributor").\n\n'
        "1. Products\n\n1.1 Tripath will supply the Products.\n\n"
        "IN WITNESS WHEREOF, the parties have executed this Agreement.\n\n"
        "{a}\nBy: Everett Roach\n\nUNIQUEST CORP.\nBy: Charles Lim\n"
    )
    assert found(opened(text.format(a="TRIPATH TECHNOLOGY, INC.")), "party_name_mismatch") == []
    draft = opened(text.format(a="TRIPATH CORPORATION"))
    [mismatch] = found(draft, "party_name_mismatch")
    assert shown(draft, mismatch) == "TRIPATH CORPORATION"
    assert "Tripath Technology, Inc." in mismatch.message.en


@pytest.mark.parametrize(
    ("written", "mismatch"), [("Oakline Print Ltd", False), ("Oakline Printing Ltd", True)]
)
def test_a_markdown_preamble_s_bold_names_are_the_parties(opened, written, mismatch) -> None:
    draft = opened(
        "# Print Run Statement\n\nThis Statement is made between **Northgate Media Ltd**, a "
        'company registered in Wales ("Buyer"), and **Oakline Print Ltd** ("Printer").\n\n'
        "## 1. Print Run\n\n1.1 The Printer prints the run.\n\n## 2. Price\n\n"
        f"2.1 The Buyer pays {written} on delivery.\n",
        "statement.md",
    )
    names = [f.subject for f in found(draft, "party_name_mismatch")]
    assert names == (["Oakline Printing Ltd"] if mismatch else [])


@pytest.mark.parametrize(
    ("written", "mismatch"), [("上海蓝湾信息技术", False), ("上海蓝湾信息科技", True)]
)
def test_markdown_parties_lines_in_bold_name_the_parties(opened, written, mismatch) -> None:
    draft = opened(
        "# 技术服务合同\n\n**甲方**：北京青禾科技有限公司\n\n"
        "- **乙方**：**上海蓝湾信息技术有限公司**\n\n"
        "## 第一条 服务\n\n1.1 乙方提供服务。\n\n## 第二条 费用\n\n"
        f"2.1 甲方向{written}有限公司支付费用。\n\n## 第三条 其他\n\n3.1 未尽事宜协商解决。\n",
        "service.md",
    )
    assert [(p.role, p.name) for p in draft.parties] == [
        ("甲方", "北京青禾科技有限公司"),
        ("乙方", "上海蓝湾信息技术有限公司"),
    ]
    names = [f.subject for f in found(draft, "party_name_mismatch")]
    assert names == (["上海蓝湾信息科技有限公司"] if mismatch else [])


def test_names_are_compared_whatever_their_width_case_and_legal_form_spelling() -> None:
    assert normalised("Uniquest Corporation") == normalised("UNIQUEST CORP.")
    assert normalised("Northwind Analytics Limited") == normalised("Northwind Analytics Ltd")
    assert normalised("（深圳）星河有限公司") == normalised("(深圳)星河有限公司")
    assert normalised("深圳市星河") != normalised("深圳星河")


def test_a_role_no_party_has_is_reported_once_where_first_used(opened) -> None:
    text = SIGNED.format(
        fee="丙方负责验收。丙方验收合格后甲方付款。", seal_a="深圳市星河数据科技有限公司"
    )
    [unknown] = found(opened(text), "party_role_unknown")
    assert unknown.article == "第二条" and unknown.subject == "丙方" and unknown.offset == 0
    defined = "甲方委托的监理单位（以下简称“丙方”）负责验收。丙方验收合格后甲方付款。"
    draft = opened(SIGNED.format(fee=defined, seal_a="深圳市星河数据科技有限公司"))
    assert found(draft, "party_role_unknown") == []


def test_a_guarantor_given_duties_is_a_party_the_contract_must_have(opened) -> None:
    duty = "担保方应对甲方的付款义务承担连带保证责任。担保方式为连带责任保证。"
    [unknown] = found(opened(SIGNED.format(fee=duty, seal_a="甲城有限公司")), "party_role_unknown")
    assert unknown.subject == "担保方" and unknown.article == "第二条"
    named = SIGNED.replace("乙方：广州", "担保方：佛山某某担保有限公司\n乙方：广州")
    assert found(opened(named.format(fee=duty, seal_a="甲城有限公司")), "party_role_unknown") == []
    way = "甲方应提供担保，担保方式为抵押。"  # the word, not a role
    assert found(opened(SIGNED.format(fee=way, seal_a="甲城有限公司")), "party_role_unknown") == []


def test_a_role_listed_by_its_first_character_is_a_role(opened) -> None:
    listed = "本合同一式四份，甲、乙、丙三方各执一份，报主管部门备案一份。"
    [unknown] = found(
        opened(SIGNED.format(fee=listed, seal_a="甲城有限公司")), "party_role_unknown"
    )
    assert unknown.subject == "丙方" and unknown.article == "第二条"
    two = "本合同一式三份，甲、乙双方各执一份，报主管部门备案一份。"
    assert found(opened(SIGNED.format(fee=two, seal_a="甲城有限公司")), "party_role_unknown") == []


ENGLISH_ROLES = (
    'SERVICES AGREEMENT\n\nThis agreement is between Lark Hill Ltd (the "Customer") and '
    'Fenwick Data LLC (the "Supplier").\n\n1. Services\n\n1.1 The Supplier shall host '
    "the Customer's data.\n\n1.2 {}\n\n2. Fees\n\n2.1 The Customer pays monthly.\n"
)


def test_an_english_role_no_party_has_given_a_duty_is_unknown(opened) -> None:
    draft = opened(ENGLISH_ROLES.format("The Licensee shall not copy the data."))
    [unknown] = found(draft, "party_role_unknown")
    assert unknown.subject == "Licensee" and unknown.clause == "1.2"
    for clause in (
        "The Supplier may engage any contractor of its choice.",  # a role word, generic
        'Fenwick Cloud Inc. (the "Agent") hosts the backup. The Agent shall keep it in the UK.',
        "Data of the Customer's own clients stays in the UK.",
    ):
        assert found(opened(ENGLISH_ROLES.format(clause)), "party_role_unknown") == [], clause


def test_roles_are_judged_only_when_the_contract_names_its_parties_by_them(opened) -> None:
    """A clause on its own says 丙方 with no parties block: nothing to judge it against; the
    third party (第三方) is no role."""
    draft = opened("第一条 验收\n丙方负责验收。\n第二条 第三方\n第三方介入的，甲方应通知乙方。\n")
    assert found(draft, "party_role_unknown") == []


def test_party_c_in_english_is_unknown_when_only_a_and_b_are_named(opened) -> None:
    draft = opened(
        "NON-DISCLOSURE AGREEMENT\n\nParty A: Northwind Analytics Ltd\n"
        "Party B: Contoso Robotics LLC\n\n1. Purpose. Party A and Party B may share information."
        "\n\n2. Exceptions. Information obtained from Party C is not confidential.\n"
    )
    [unknown] = found(draft, "party_role_unknown")
    assert unknown.subject == "Party C" and unknown.article == "2."


# -- conflicts -------------------------------------------------------------------------------

DISPUTE = (
    "合作协议\n甲方：甲公司\n乙方：乙公司\n\n第一条 合作内容\n双方开展合作。\n第二条 争议解决\n{}\n"
)


@pytest.mark.parametrize(
    ("clause", "kind", "second"),
    [
        (
            "2.1 争议提交北京仲裁委员会仲裁。\n2.2 任何一方均可向甲方所在地人民法院起诉。",
            "court_and_arbitration",
            "向甲方所在地人民法院起诉",
        ),
        (
            "协商不成的，可以向北京仲裁委员会申请仲裁，也可以向人民法院起诉。",
            "court_and_arbitration",
            "仲裁，也可以向人民法院起诉",
        ),
        (
            "2.1 争议由甲方所在地人民法院管辖。\n"
            "2.2 因本合同产生的诉讼，由北京市海淀区人民法院管辖。",
            "two_courts",
            "由北京市海淀区人民法院管辖",
        ),
        (
            "2.1 本合同适用中华人民共和国法律。\n2.2 本合同的解释适用香港特别行政区法律。",
            "two_governing_laws",
            "适用香港特别行政区法律",
        ),
        # the other law may be named by 受…管辖 / 依照…解释 / 适用…解决
        (
            "2.1 本合同适用中华人民共和国法律。\n2.2 双方的权利义务受新加坡法律管辖。",
            "two_governing_laws",
            "受新加坡法律管辖",
        ),
        (
            "2.1 本合同受中国法律约束。\n2.2 本合同的条款依据澳门特别行政区法律解释和执行。",
            "two_governing_laws",
            "依据澳门特别行政区法律解释和执行",
        ),
        (
            "2.1 本合同适用中华人民共和国法律。\n2.2 因付款产生的争议适用台湾地区法律处理。",
            "two_governing_laws",
            "适用台湾地区法律处理",
        ),
        (
            "2.1 本合同适用中国法律。\n2.2 本协议的履行受日本国法律约束并据其解释和执行。",
            "two_governing_laws",
            "受日本国法律约束并据其解释和执行",
        ),
    ],
)
def test_two_forums_or_two_laws_are_reported_at_the_second(opened, clause, kind, second) -> None:
    draft = opened(DISPUTE.format(clause))
    [conflict] = found(draft, kind)
    assert conflict.severity == WARNING and conflict.article == "第二条"
    assert second in shown(draft, conflict) or shown(draft, conflict) in second


EN_DISPUTE = "Services Agreement\n\n1. Services\nThe Supplier provides the Services.\n2. Law\n{}\n"


@pytest.mark.parametrize(
    ("clause", "kind", "second"),
    [
        ("2.1 The courts of Ireland shall have exclusive jurisdiction over any claim arising "
         "under this Agreement.\n2.2 Any dispute shall be finally resolved by arbitration "
         "administered by the SIAC.", "court_and_arbitration", "resolved by arbitration"),
        ("2.1 This Agreement is governed by the laws of England.\n2.2 This Agreement shall be "
         "governed by and construed in accordance with Swiss law.", "two_governing_laws",
         "Swiss law"),
        ("2.1 This Agreement is governed by New York law.\n2.2 Its performance shall be governed "
         "by the laws of the Federal Republic of Austria.", "two_governing_laws", "Austria"),
    ],
)  # fmt: skip
def test_english_court_as_subject_and_laws_by_adjective_conflict(opened, clause, kind, second):
    draft = opened(EN_DISPUTE.format(clause))
    [conflict] = found(draft, kind)
    assert conflict.article == "2." and second in shown(draft, conflict)


@pytest.mark.parametrize(
    "clause",
    [
        "2.1 This Agreement is governed by English law.\n2.2 The courts of England shall have "
        "exclusive jurisdiction to grant interim relief or to enforce an award.\n2.3 Any "
        "dispute shall be finally resolved by arbitration administered by the LCIA.\n"
        "2.4 Its interpretation shall be governed by the laws of England and Wales.",
        "2.1 This Agreement is governed by the laws of the State of New York.\n2.2 The courts "
        "of New York shall have exclusive jurisdiction over any dispute.",
    ],
)
def test_english_courts_for_relief_and_one_law_said_two_ways_are_no_conflict(opened, clause):
    kinds = {f.kind for f in run_checks(opened(EN_DISPUTE.format(clause)))}
    assert not kinds & {"court_and_arbitration", "two_courts", "two_governing_laws"}


@pytest.mark.parametrize(
    "clause",
    [
        # the model contracts' alternatives: the parties pick one when they sign
        "协商不成的，按下列第____种方式解决：\n1.提交北京仲裁委员会仲裁；\n2.依法向人民法院起诉。",
        "双方选择以下方式之一解决争议（选择其一）：提交仲裁委员会仲裁；或者向人民法院起诉。",
        "☑提交北京仲裁委员会仲裁 ☐向甲方所在地人民法院起诉",
        # a court for interim measures and to enforce the award
        "2.1 争议提交北京仲裁委员会仲裁。\n"
        "2.2 仲裁期间，任何一方可以向有管辖权的人民法院申请财产保全。\n"
        "2.3 任何一方可以向有管辖权的人民法院申请强制执行仲裁裁决。",
        "2.1 争议提交上海仲裁委员会仲裁。\n"
        "2.2 对仲裁协议的效力有异议的，由仲裁委员会所在地的中级人民法院管辖。",
        # one court said twice, one law written two ways
        "2.1 争议由甲方住所地人民法院管辖。\n2.2 诉讼由甲方所在地人民法院管辖。",
        "2.1 本合同适用中华人民共和国法律。\n2.2 本合同的订立和解释适用中国法律。",
        "2.1 争议由北京市人民法院管辖。\n2.2 因本合同产生的诉讼，由北京市海淀区人民法院管辖。",
        # a list of ways disputes may be settled is no choice
        "附件说明了争议解决的途径，包括协商、调解、仲裁或诉讼等。",
    ],
)
def test_alternatives_interim_measures_and_one_forum_said_twice_are_no_conflict(
    opened, clause
) -> None:
    draft = opened(DISPUTE.format(clause))
    kinds = {f.kind for f in run_checks(draft)}
    assert not kinds & {"court_and_arbitration", "two_courts", "two_governing_laws"}


@pytest.mark.parametrize(
    "clause",
    [
        "协商不成的，选择第（二）种方式解决：（1）提交广州仲裁委员会仲裁；"
        "（2）向乙方所在地人民法院起诉。",
        "协商不成的，按第2种方式解决：\n（1）提交广州仲裁委员会仲裁；\n（2）向乙方所在地人民法院起诉。",
        "双方选择第 2 种：\n1.提交广州仲裁委员会仲裁；\n2.向乙方所在地人民法院起诉。",
        "2.1 协商不成的，按下列第一种方式解决：\n2.2 提交广州仲裁委员会仲裁；\n"
        "2.3 向乙方所在地人民法院起诉。",
    ],
)
def test_the_alternative_the_lawyer_picked_is_the_only_forum_chosen(opened, clause) -> None:
    draft = opened(DISPUTE.format(clause))
    assert not {f.kind for f in run_checks(draft)} & {"court_and_arbitration", "two_courts"}


@pytest.mark.parametrize(
    ("clause", "second"),
    [
        # the picked alternative is arbitration, and another article still names a court
        (
            "协商不成的，按下列第1种方式解决：\n1.提交广州仲裁委员会仲裁；\n2.向乙方所在地人民法院起诉。"
            "\n第三条 管辖\n因本合同发生的诉讼由甲方所在地人民法院管辖。",
            "由甲方所在地人民法院管辖",
        ),
        # the picked alternative itself allows both
        (
            "协商不成的，按下列第2种方式解决：（1）提交广州仲裁委员会仲裁；"
            "（2）向广州仲裁委员会申请仲裁，也可以向乙方所在地人民法院起诉。",
            "也可以向乙方所在地人民法院起诉",
        ),
    ],
)
def test_a_court_beside_the_picked_arbitration_is_still_a_conflict(opened, clause, second) -> None:
    draft = opened(DISPUTE.format(clause))
    [conflict] = found(draft, "court_and_arbitration")
    assert second in shown(draft, conflict)


@pytest.mark.parametrize(
    ("clause", "conflict"),
    [
        (
            "2.1 本合同适用中华人民共和国法律。\n"
            "2.2 本合同的解释适用中华人民共和国澳门特别行政区法律。",
            True,
        ),
        (
            "2.1 本合同适用中华人民共和国法律。\n"
            "2.2 本合同的解释适用中华人民共和国（不含港澳台地区）法律。",
            False,
        ),
    ],
)
def test_a_special_administrative_region_s_law_is_another_law(opened, clause, conflict) -> None:
    laws = found(opened(DISPUTE.format(clause)), "two_governing_laws")
    assert [f.clause for f in laws] == (["2.2"] if conflict else [])


def test_ticking_both_boxes_chooses_both(opened) -> None:
    draft = opened(DISPUTE.format("☐提交北京仲裁委员会仲裁 ☐向甲方所在地人民法院起诉"))
    boxes = [f for f in draft.fields.values() if f.kind == "checkbox"]
    engine = CheckEngine()
    assert not [f for f in engine.run(draft) if f.kind == "court_and_arbitration"]
    history = ops.History(draft)
    for box in boxes:
        command = ops.set_field_value(draft, box.id, "1")
        history.push(command)
        after = engine.update(draft, command.changes(draft))
    assert [f.kind for f in after if f.kind == "court_and_arbitration"] == ["court_and_arbitration"]


def test_english_arbitration_with_courts_and_two_laws_are_reported(opened) -> None:
    draft = opened(
        "SUPPLY AGREEMENT\n\n1. Supply\n\n1.1 The Supplier will supply the Goods.\n\n"
        "2. Disputes\n\n2.1 Any dispute shall be finally settled by binding arbitration in "
        "London, and judgment on the award may be entered in any court having jurisdiction."
        "\n\n2.2 Each party submits to the exclusive jurisdiction of the courts of New York."
        "\n\n2.3 This Agreement is governed by the laws of England and Wales."
        "\n\n2.4 This Agreement shall be governed by the laws of the State of New York.\n"
    )
    [both] = found(draft, "court_and_arbitration")
    assert shown(draft, both).endswith("courts of New York") and both.clause == "2.2"
    [laws] = found(draft, "two_governing_laws")
    assert "England and Wales" in laws.message.en and "State of New York" in laws.message.en


def test_a_law_named_by_interpreted_or_construed_alone_is_a_governing_law(opened) -> None:
    text = (
        "LICENCE\n\n1. Law\n\n1.1 This Licence is governed by and construed in accordance "
        "with the laws of the State of Texas.\n\n2. General\n\n2.1 This Licence shall be "
        "interpreted under the laws of {}.\n"
    )
    [laws] = found(opened(text.format("the State of Oregon")), "two_governing_laws")
    assert laws.clause == "2.1" and "State of Oregon" in laws.message.en
    assert found(opened(text.format("the State of Texas")), "two_governing_laws") == []


def test_a_court_named_for_one_kind_of_claim_is_a_second_court(opened) -> None:
    clause = "2.1 争议由合同签订地人民法院管辖。\n2.2 甲方追索租金的，应向{}人民法院提起。"
    [courts] = found(opened(DISPUTE.format(clause.format("甲方住所地"))), "two_courts")
    assert courts.clause == "2.2" and "甲方住所地" in courts.message.zh
    appeal = "2.1 争议由合同签订地人民法院管辖。\n2.2 不服一审判决的，可向上一级人民法院提起上诉。"
    assert found(opened(DISPUTE.format(appeal)), "two_courts") == []


def test_a_statute_sets_up_courts_and_arbitration_without_conflict(opened) -> None:
    draft = opened(
        "中华人民共和国劳动争议调解仲裁法（节选）\n"
        "第一条 仲裁\n发生劳动争议的，当事人可以向劳动争议仲裁委员会申请仲裁。\n"
        "第二条 诉讼\n对仲裁裁决不服的，可以向人民法院提起诉讼。\n"
        "第三条 适用\n本法适用中华人民共和国境内的用人单位。\n"
        "第四条 管辖\n案件由用人单位所在地人民法院管辖。\n"
        "第五条 其他\n案件由劳动合同履行地人民法院管辖。\n"
    )
    kinds = {f.kind for f in run_checks(draft)}
    assert not kinds & {"court_and_arbitration", "two_courts", "missing_topic"}


# -- structure -------------------------------------------------------------------------------

GAPPED = (
    "第一条 定义\n定义。\n第二条 服务\n服务。\n第四条 费用\n费用。\n"
    "第四条 验收\n验收。\n第六条 其他\n其他。\n"
)


def test_numbering_gaps_and_repeats_of_the_source_are_reported(opened) -> None:
    draft = opened(GAPPED)
    [gap] = found(draft, "numbering_gap")
    assert "第三条" in gap.message.zh and gap.article == "第三条"
    [repeat] = found(draft, "numbering_repeat")
    assert repeat.article == "第四条" and "第四条" in repeat.message.zh
    # 第四条, 第四条, 第六条: the second 第四条 is the lost 第五条, not a second gap
    assert len(found(draft, "numbering_gap")) == 1


def test_roman_article_numbers_skipped_by_the_source(opened) -> None:
    draft = opened(
        "ARTICLE I DEFINITIONS\n\nTerms are defined here.\n\nARTICLE II SERVICES\n\n"
        "Services are provided.\n\nARTICLE IV FEES\n\nFees are paid.\n"
    )
    [gap] = found(draft, "numbering_gap")
    assert "ARTICLE III" in gap.message.en and "ARTICLE II" in gap.message.en


def test_articles_from_the_library_or_another_source_have_no_gap(opened) -> None:
    """The issue's complaint: a draft assembled from library articles was told 第六条 was
    skipped in the original. Only neighbours imported from one file are compared."""
    draft = opened(GAPPED)
    articles = draft.parts[0].articles
    for i, article in enumerate(articles):
        article.provenance = replace(article.provenance, library_article_id=100 + i)
    assert found(draft, "numbering_gap") == [] and found(draft, "numbering_repeat") == []
    draft = opened(GAPPED)
    for i, article in enumerate(draft.parts[0].articles):  # neighbours from two files
        article.provenance = replace(article.provenance, source=f"file{i % 2}.docx")
    assert found(draft, "numbering_gap") == [] and found(draft, "numbering_repeat") == []


CLAUSES = (
    "第一条 交付\n1.1 乙方按期交付。\n1.2 乙方负责运输。\n1.2 运输费用由乙方承担。\n"
    "第二条 验收\n2.1 甲方验收。\n2.2 验收不合格的，乙方更换。\n"
)


def test_a_clause_number_the_source_wrote_twice_is_a_repeat(opened) -> None:
    draft = opened(CLAUSES)
    [repeat] = found(draft, "numbering_repeat")
    assert repeat.article == "第一条" and repeat.clause == "1.3" and "1.2" in repeat.message.zh
    assert shown_text(draft, repeat).startswith("运输费用")


def test_clause_numbers_from_the_library_or_numbered_in_order_are_no_repeat(opened) -> None:
    draft = opened(CLAUSES.replace("1.2 运输费用", "1.3 运输费用"))
    assert found(draft, "numbering_repeat") == []
    draft = opened(CLAUSES)
    for article in draft.parts[0].articles:
        for clause in article.children:
            clause.provenance = replace(clause.provenance, library_article_id=7)
    assert found(draft, "numbering_repeat") == []


def shown_text(draft: Draft, finding: Finding) -> str:
    return {t.ref: t for t in read_texts(draft, Places(draft))}[finding.ref].text


def test_the_data_provision_contract_has_no_gap_and_no_duplicate_topic() -> None:
    """知识产权与商业秘密, 保密要求 and 数据安全要求 are three subjects, not one topic."""
    draft = draft_of_file(CORPUS / "zh_gf2025_2615_data_provision_contract.docx")
    kinds = [f.kind for f in run_checks(draft)]
    assert "duplicate_topic" not in kinds and "numbering_gap" not in kinds
    # it has no force majeure article: one sentence of 第十二条 lets a party terminate for it
    [missing] = [f for f in run_checks(draft) if f.kind == "missing_topic"]
    assert missing.subject == "force_majeure" and "一次" in missing.why.zh


def test_an_article_referring_to_itself_is_reported_but_this_one_is_not(opened) -> None:
    draft = opened(
        "第一条 定义\n定义。\n第二条 费用\n2.1 费用按月支付。\n2.2 费用调整按本合同第二条约定执行，"
        "逾期按本合同第一条处理，本条另有约定的除外。\n"
    )
    [itself] = found(draft, "self_reference")
    assert itself.article == "第二条" and itself.clause == "2.2"
    assert shown(draft, itself) == "第二条"
    english = opened(
        "1. Terms\n\n1.1 Terms apply.\n\n2. Survival\n\n2.1 The provisions of this Section 2 "
        "survive.\n\n2.2 Section 2 and Section 1 survive termination.\n"
    )
    [itself] = found(english, "self_reference")
    assert itself.clause == "2.2" and shown(english, itself) == "Section 2"


def test_an_annex_the_draft_does_not_have(opened) -> None:
    text = (
        "第一条 服务\n服务内容见附件一，验收标准见附件三。\n"
        "第二条 附件\n附件一：服务清单；附件五：报价单。\n"
    )
    [none_attached, *rest] = found(opened(text), "annex_missing")
    assert none_attached.severity == WARNING and "附件一" in none_attached.message.zh
    assert [f.subject for f in rest] == ["附件三"]  # 附件五： names one in a list
    attached = opened(text + "\n附件一 服务清单\n清单。\n附件二 报价单\n报价。\n")
    [missing] = found(attached, "annex_missing")
    assert missing.severity == ERROR and missing.subject == "附件三"
    assert "2" in missing.message.zh


def test_empty_articles_and_headings_without_text(opened) -> None:
    draft = opened(
        "第一条 定义\n定义。\n第二条 合同的解除\n"
        "第三条 服务\n3.1 服务范围\n3.2 服务时间\n每日8小时。\n"
        "3.3 ☑在线客服 ☐电话客服\n"
    )
    [empty] = found(draft, "empty_article")
    assert empty.article == "第二条" and "合同的解除" in empty.message.zh
    [heading] = found(draft, "heading_without_text")
    assert heading.clause == "3.1"


def test_a_clause_that_is_only_its_title_and_a_colon(opened) -> None:
    draft = opened(
        "第一条 交付\n1.1 交付地点：买方仓库。\n1.2 保修期限：\n1.3 验收方式如下：\n"
        "1.4 买方开箱检验，十日内未提出异议的视为合格。\n"
        "第二条 Warranty\n2.1 Remedies:\n2.2 The Seller repairs defects at its cost.\n"
    )
    assert [(f.clause, f.subject) for f in found(draft, "heading_without_text")] == [
        ("1.2", "保修期限："),
        ("2.1", "Remedies:"),
    ]


def test_an_english_title_in_sentence_case_and_a_colon_alone_is_a_heading_without_text(opened):
    draft = opened(
        "1. Support\n\n1.1 Response times: within four hours of a report.\n\n"
        "1.2 Uptime commitments:\n\n1.3 The Provider shall:\n\n"
        "1.4 The fees include the following:\n\n1.5 Reports are sent monthly.\n\n"
        "2. Fees\n\n2.1 Customer pays monthly.\n"
    )
    [alone] = found(draft, "heading_without_text")
    assert alone.clause == "1.2" and alone.subject == "Uptime commitments:"


def test_an_english_clause_that_is_only_its_title(opened) -> None:
    draft = opened(
        "1. Services\n\n1.1 Performing Services. Contractor will perform the Services.\n\n"
        "1.2 Insurance.\n\n1.3 Reserved.\n\n1.4 Contractor will comply with all laws.\n\n"
        "2. Fees\n\n2.1 Company will pay the fees monthly.\n"
    )
    [alone] = found(draft, "heading_without_text")
    assert alone.clause == "1.2" and alone.subject == "Insurance."


def test_a_long_english_title_alone_is_a_heading_without_text(opened) -> None:
    draft = opened(
        "1. Licence\n\n1.1 Licensee may use the Software internally.\n\n"
        "1.2 Restrictions on Reverse Engineering\n\n1.3 Licensee may make one backup copy.\n\n"
        "1.4 Licensee may not rent the Software or its Documentation\n\n"  # text unpunctuated
        "2. Fees\n\n2.1 Licensee pays the fees yearly.\n"
    )
    [alone] = found(draft, "heading_without_text")
    assert alone.clause == "1.2" and alone.subject == "Restrictions on Reverse Engineering"


# -- leftovers -------------------------------------------------------------------------------


def test_template_markers_left_as_text_are_reported(opened) -> None:
    draft = opened(
        "第一条 服务\n服务地点为○○○，联系人此处填写。××公司负责验收。\n"
        "第二条 期限\n有效期为TBD，以“以××为准”为例的用语不得使用，费用为【服务费用】。\n"
    )
    markers = found(draft, "template_marker")
    assert [m.subject for m in markers] == ["○○○", "此处填写", "××", "TBD"]
    # 【服务费用】 became a field to fill: it is unfilled, not a leftover
    assert any(f.kind == "unfilled" and "服务费用" in f.message.zh for f in run_checks(draft))


def test_english_markers_and_roman_numerals(opened) -> None:
    draft = opened(
        "1. Term\n\n1.1 The term is TBD and the fee is stated in Article XXX.\n\n"
        "1.2 The subtotal is computed as described below.\n"
    )
    assert [m.subject for m in found(draft, "template_marker")] == ["TBD"]
    assert found(draft, "vague_reference") == []


def test_xx_left_in_a_name_to_fill_is_a_marker_but_sizes_and_numerals_are_not(opened) -> None:
    draft = opened(
        "第一条 付款\n1.1 货款汇入卖方在xx银行xx支行开立的账户。\n1.2 交货地点为XX市XX区。\n"
        "1.3 工作服尺码为XXL，机床型号为XX-200。\n"
        "第二条 English\nArticle XX applies to the goods.\n"
    )
    assert [(m.clause, m.subject) for m in found(draft, "template_marker")] == [
        ("1.1", "xx银行xx"),
        ("1.2", "XX市XX"),
    ]


def test_xx_left_as_a_labelled_value_is_a_marker(opened) -> None:
    draft = opened(
        "第一条 联络\n1.1 双方确认，乙方联系人：XX。\n1.2 电话：XX。\n"
        "1.3 适用Article XX: 的规定，尺码为XXL。\n"
        "第二条 Seller\nThe seller is a company with company number XX.\n"
    )
    assert [(m.article, m.clause, m.subject) for m in found(draft, "template_marker")] == [
        ("第一条", "1.1", "XX"),
        ("第一条", "1.2", "XX"),
        ("第二条", None, "XX"),
    ]


def test_full_width_square_brackets_left_empty_are_markers(opened) -> None:
    draft = opened(
        "第一条 交付\n1.1 卖方的联系人为［●］，电话为［ ］。\n"
        "1.2 本条［注］所称货物以装箱单为准。\n"  # ［注］ with a word: an annotation
    )
    assert [(m.clause, m.subject) for m in found(draft, "template_marker")] == [
        ("1.1", "［●］"),
        ("1.1", "［ ］"),
    ]


def test_english_drafting_notes_left_in_the_text_are_markers(opened) -> None:
    draft = opened(
        "SUPPLY AGREEMENT\n\n1. Delivery\n\n"
        "1.1 The Seller delivers the goods to the Buyer's warehouse in Leeds. "
        "[NTD: Seller to confirm whether delivery by rail is possible before the signing date.]\n"
        "\n1.2 [Drafting note - the Buyer asked for a longer inspection period, not yet agreed "
        "by the Seller.]\n\n1.3 The Buyer notes [the remarks of its auditor] on quality.\n\n"
        "1.4 The Buyer pays into [Insert details of the Seller's bank account, including the "
        "SWIFT code and the IBAN].\n\n"
        "2. Term\n\n2.1 This Agreement ends on 31 December 2026; the Buyer may insert goods.\n"
    )
    markers = found(draft, "template_marker")
    assert [m.clause for m in markers] == ["1.1", "1.2", "1.4"]
    assert markers[0].subject.startswith("[NTD:") and markers[1].subject.startswith("[Drafting")
    assert markers[2].subject.startswith("[Insert details")


def test_english_vague_references_without_a_target(opened) -> None:
    draft = opened(
        "SALE AGREEMENT\n\n1. Payment\n\n1.1 The Buyer pays the price within the period "
        "referred to above.\n\n1.2 Late payment bears interest as provided below.\n\n"
        "1.3 The above-mentioned Section 4 governs refunds, and the cap under Section 5.2 as "
        "set out above applies.\n\n1.4 Subject to the terms and conditions set forth below, "
        "the Seller sells the goods.\n\n1.5 The goods are packed as referred to below:\n\n"
        "2. Term\n\n2.1 This Agreement ends on 31 December 2026.\n"
    )
    assert [(f.clause, f.subject) for f in found(draft, "vague_reference")] == [
        ("1.1", "referred to above"),
        ("1.2", "provided below"),
    ]


def test_vague_references_without_a_target(opened) -> None:
    draft = opened(
        "第一条 费用\n1.1 费用标准详见上文。\n1.2 调整办法详见上文第一条。\n"
        "1.3 如上所述，费用按月支付。\n"
        "第二条 English\nThe fee, see above, is payable monthly; see below in Section 3.\n"
    )
    assert [(f.subject, f.clause) for f in found(draft, "vague_reference")] == [
        ("详见上文", "1.1"),
        ("如上所述", "1.3"),
        ("see above", None),
    ]


# -- topics ----------------------------------------------------------------------------------


def test_headings_that_add_only_how_a_subject_is_dealt_with_are_one_subject(opened) -> None:
    base = "第一条 服务\n服务。\n"
    twice = opened(base + "第二条 争议解决\n提交仲裁。\n第三条 争议的处理\n向法院起诉。\n")
    [f] = found(twice, "duplicate_topic")
    assert f.article == "第三条" and "“争议的处理”" in f.why.zh
    apart = opened(
        base + "第二条 法律适用与争议解决\n适用中国法律。\n第三条 争议的处理\n向法院起诉。\n"
        "第四条 数据处理\n按约定处理数据。\n第五条 数据安全要求\n保障数据安全。\n"
    )  # 法律适用 is a second subject; 数据处理 names none
    assert found(apart, "duplicate_topic") == []


def test_two_articles_whose_headings_say_one_subject_are_a_duplicate_with_why(opened) -> None:
    draft = opened(
        "第一条 保密条款\n双方应保密。\n第二条 知识产权与商业秘密\n知识产权归甲方。\n"
        "第三条 数据安全要求\n保障数据安全。\n第四条 甲方的违约责任\n甲方赔偿。\n"
        "第五条 乙方的违约责任\n乙方赔偿。\n第六条 保密义务\n乙方员工应签署保密承诺。\n"
        "第七条 争议解决\n向甲方所在地人民法院起诉。\n第八条 不可抗力\n不可抗力免责。\n"
    )
    [twice] = found(draft, "duplicate_topic")
    assert "第一条、第六条" in twice.message.zh and twice.article == "第六条"
    assert "“保密条款”" in twice.why.zh and "“保密义务”" in twice.why.zh and "保密" in twice.why.en


# Two headings naming one subject by two of its words (主体, 定义): the finding says one of them.
_TWO_WORDS = """
import sys
from pathlib import Path
from app.cli import draft_of_file
from app.model.checks import run_checks
[f] = [f for f in run_checks(draft_of_file(Path(sys.argv[1]))) if f.kind == "duplicate_topic"]
print(f.subject, f.why.zh)
"""


def test_a_duplicate_topic_says_the_same_word_in_every_session(tmp_path) -> None:
    """The finding's subject keys the lawyer's ignore: it must not depend on the order a
    set of words happens to have in one process (``PYTHONHASHSEED``)."""
    path = tmp_path / "draft.txt"
    path.write_text(
        "第一条 合同主体及定义\n甲方、乙方。\n第二条 服务\n服务。\n第三条 合同主体及定义\n丙方。\n",
        encoding="utf-8",
    )
    said = {
        subprocess.run(
            [sys.executable, "-c", _TWO_WORDS, str(path)],
            capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1],
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "2", "3")
    }  # fmt: skip
    assert len(said) == 1 and "主体" in said.pop()


def test_a_subject_spoken_of_in_a_text_is_not_missing(opened) -> None:
    base = "第一条 服务\n服务。\n第二条 费用\n费用。\n第三条 验收\n验收。\n第四条 交付\n交付。\n"
    draft = opened(base + ESSENTIALS + "第十一条 其他\n争议由甲方所在地人民法院管辖。\n")
    assert found(draft, "missing_topic") == []
    draft = opened(base + ESSENTIALS)
    [missing] = found(draft, "missing_topic")
    assert missing.subject == "dispute_resolution" and "争议" in missing.why.zh
    once = opened(base + ESSENTIALS + "第十一条 解除\n一方违约的，另一方有权解除合同并提起诉讼。\n")
    [missing] = found(once, "missing_topic")  # one passing mention is no article on it
    assert missing.subject == "dispute_resolution" and "一次" in missing.why.zh
    assert found(opened("第一条 服务\n服务。\n第二条 费用\n费用。\n"), "missing_topic") == []


@pytest.mark.parametrize(
    ("title", "missing"),
    [
        ("仓库租赁合同", []),
        ("个人借款合同", []),
        ("EQUIPMENT LEASE", []),
        ("信息系统运维服务合同", ["confidentiality"]),
        ("软件租赁合同", ["confidentiality"]),  # names software: information is its subject
        ("合作协议", ["confidentiality"]),  # a kind the title does not tell: as before
    ],
)
def test_confidentiality_is_essential_unless_the_title_names_a_lease_loan_or_sale(
    opened, title, missing
) -> None:
    articles = (
        "第一条 标的\n标的见附件。\n第二条 价款\n价款按月支付。\n第三条 交付\n按期交付。\n"
        "第四条 违约责任\n违约方赔偿损失。\n第五条 不可抗力\n因不可抗力不能履行的，免除责任。\n"
        "第六条 争议解决\n争议由甲方所在地人民法院管辖。\n"
    )
    draft = opened(f"{title}\n甲方：甲公司\n乙方：乙公司\n\n{articles}")
    assert [f.subject for f in found(draft, "missing_topic")] == missing


def test_a_statute_misses_no_contract_subject() -> None:
    draft = draft_of_file(CORPUS / "zh_civil_code_book3_contracts_excerpt.txt")
    assert draft.title == "中华人民共和国民法典（节选）"
    assert found(draft, "missing_topic") == []


# -- the engine's update ---------------------------------------------------------------------


def test_an_update_after_one_edit_finds_what_a_full_run_finds(opened) -> None:
    draft = opened(SIGNED.format(fee="甲方按月付款。", seal_a="深圳市星河数据科技有限公司"))
    engine = CheckEngine()
    engine.run(draft)
    fee = next(a for a in draft.parts[0].articles if a.heading == "费用")
    history = ops.History(draft)
    for text in ("丙方验收后，甲方向深圳星河数据科技有限公司付款，详见上文。", "甲方按月付款。"):
        command = ops.set_text(draft, fee.id, text)
        history.push(command)
        updated = engine.update(draft, command.changes(draft))
        assert [(f.kind, f.offset) for f in updated] == [
            (f.kind, f.offset) for f in run_checks(draft)
        ]
    assert not [f for f in updated if f.kind in ("party_role_unknown", "vague_reference")]
    assert not any(isinstance(s, Blank) for s in fee.body)


# -- what real contracts write that looks like an error ---------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        # labour disputes go to arbitration first and to court after it, by law
        "因履行本合同发生的劳动争议，可以向劳动争议仲裁委员会申请仲裁；对仲裁裁决不服的，"
        "可以向人民法院提起诉讼。",
        "2.1 本合同适用中华人民共和国法律。\n"
        "2.2 本合同未尽事宜，适用中华人民共和国有关法律的规定。",
        # a company formed under another law, a duty by law: no law chosen for the contract
        "2.1 本合同适用中华人民共和国法律。\n"
        "2.2 乙方系根据新加坡法律成立的公司，依照香港法律规定承担责任，受澳门法律保护。",
        "2.1 本合同适用中国法律。\n2.2 本合同依照中华人民共和国法律解释。",
    ],
)
def test_statutory_procedure_and_one_law_in_other_words_are_no_conflict(opened, clause) -> None:
    kinds = {f.kind for f in run_checks(opened(DISPUTE.format(clause)))}
    assert not kinds & {"court_and_arbitration", "two_courts", "two_governing_laws"}


def test_federal_law_goes_with_a_state_s(opened) -> None:
    draft = opened(
        "1. Law\n\n1.1 This Agreement is governed by the laws of the State of Delaware.\n\n"
        "1.2 The export provisions are governed by the laws of the United States.\n"
    )
    assert found(draft, "two_governing_laws") == []


def test_another_document_s_annex_and_a_reserved_article(opened) -> None:
    draft = opened(
        "第一条 依据\n按照《招标文件》附件三的要求执行。\n第二条 （已删除）\n"
        "第三条 费用\n3.1 费用按月支付。\n3.2 第三条第一款的费用含税。\n"
        "第四条 English\nThe form is set out in Exhibit C to the Credit Agreement.\n"
    )
    kinds = {f.kind for f in run_checks(draft)}
    assert not kinds & {"annex_missing", "empty_article", "self_reference"}


def test_two_parties_signing_on_one_line(opened) -> None:
    draft = opened(
        "合作协议\n甲方：甲城科技有限公司\n乙方：乙城贸易有限公司\n\n第一条 合作\n双方合作。\n\n"
        "甲方：甲城科技有限公司 乙方：乙城贸易有限公司\n"
    )
    assert found(draft, "party_name_mismatch") == []


# -- any text ----------------------------------------------------------------------------------

PIECES = (
    "第三条 ", "第三条", "3.1 ", "\n", "。", "；", "，", "：", "甲方", "乙方", "丙方", "Party C",
    "甲方（盖章）：", "某某科技有限公司", "某科技有限公司", "附件一", "附件三", "见附件二",
    "Exhibit C",
    "提交仲裁委员会仲裁", "向人民法院起诉", "由甲方所在地人民法院管辖", "适用中华人民共和国法律",
    "适用香港法律", "XXX", "××", "【】", "{{名称}}", "____", "TBD", "见上文", "see above",
    "☐", "☑", "第__种", "保密", "不可抗力", "（以下简称“丙方”）", "本合同第三条", "this Section 3",
    "governed by the laws of England", "courts of New York", "settled by arbitration", " ",
)  # fmt: skip


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_any_text_is_checked_without_error_and_findings_point_inside_their_text(
    opened, pieces
) -> None:
    draft = opened("合同\n甲方：某某科技有限公司\n\n第一条 总则\n" + "".join(pieces))
    texts = {t.ref: t for t in read_texts(draft, Places(draft))}
    for finding in run_checks(draft):
        assert finding.message.zh and finding.message.en
        if finding.ref is not None:
            block = texts[finding.ref].block.text
            assert finding.offset >= 0 and finding.offset + finding.length <= len(block)
