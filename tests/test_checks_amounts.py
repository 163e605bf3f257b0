"""Amounts as a reviewing partner reads them: a figure against its 大写 or English words, a
大写 against its rules, percentages, payment schedules and currencies; fixes are one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from app.cli import draft_of_file
from app.model import ops
from app.model.checks import ERROR, CheckEngine
from app.model.checks.amounts import KINDS
from app.model.checks.fixes import fix_command
from app.model.doc_blocks import blocks
from app.model.fileformat import draft_to_json
from tests.checks_helpers import of_kinds, opened_text
from tests.checks_helpers import selected as shown
from tests.conftest import CORPUS

if TYPE_CHECKING:
    from pathlib import Path

    from app.model.checks import Finding
    from app.model.draft import Draft

HEAD = "服务合同\n\n第一条 费用\n"
TAIL = "\n\n第二条 其他\n本合同未尽事宜，双方协商解决。\n"


def draft_of(tmp_path: Path, body: str) -> Draft:
    return opened_text(tmp_path / "contract.txt", HEAD + body + TAIL)


def found(draft: Draft, kind: str | None = None) -> list[Finding]:
    return of_kinds(draft, KINDS, kind)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("合同总价为12,000元（大写：人民币壹万伍仟元整）。", "壹万伍仟元整"),
        (
            "服务费为人民币壹拾万元整（¥100,000.00）……押金为1.2万元（大写：壹万叁仟元整）。",
            "壹万叁仟元整",
        ),
        ("价款为RMB 12,000（大写：壹万贰仟伍佰元整）。", "壹万贰仟伍佰元整"),
        ("总价为￥12000.50元，大写：人民币壹万贰仟元伍分。", "壹万贰仟元伍分"),
        ("货款为USD 12,000（大写：美元壹万叁仟元整）。", "壹万叁仟元整"),
        ("The fee is USD 12,000 (eleven thousand US dollars).", "eleven thousand US dollars"),
        ("The fee is Thirteen Thousand Dollars ($12,000).", "Thirteen Thousand Dollars"),
    ],
)
def test_a_figure_and_its_words_that_disagree_are_an_error(tmp_path, body, words) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "amount_mismatch" and f.severity == ERROR
    assert f.article == "第一条"
    assert shown(draft, f) == words


@pytest.mark.parametrize(
    "body",
    [
        "合同总价为12,000元（大写：人民币壹万贰仟元整）。",
        "服务费为人民币壹拾万元整（¥100,000.00）。",
        "押金为1.2万元（大写：壹万贰仟元整），培训费为1050元（大写：壹仟零伍拾元整）。",
        "价款为107,000.53元（大写：壹拾万零柒仟元伍角叁分）。",
        "The fee is USD 12,000 (twelve thousand US dollars).",
        "The fee is Twelve Thousand Dollars and 50/100 ($12,000.50).",
        "违约金为合同总价的30%（百分之三十）；滞纳金为百分之五（5%）。",
        "Returns will not exceed five percent (5%) of the dollar value.",
        "服务费为人民币【】元整（大写：【】元整）。",
        "首期支付合同总价的30%，二期支付40%，尾款支付30%。",
        "合同总价为100,000元。首付款为30,000元，尾款为70,000元。",
        "行程开始前29日至15日，按旅游费用总额的5%；行程开始前14日至7日，按旅游费用总额的20%。",
        "方式一：首期支付合同总价的50%，尾款50%。方式二：首期支付合同总价的30%，尾款70%。",
        "货款以美元支付：USD 5,000；保证金为人民币10,000元，按付款当日汇率折算。",
        "合同总价为12000元（大写： 壹万贰仟 元整）；单价为12,000元（大写：壹万贰仟）每月。",
        "预付款为合同总价的30%，进度款按月支付，尾款为合同总价的10%。",  # a share not said
        "差旅补贴为每人每月USD 500（伍佰美元整），约合人民币3,500元。",
    ],
)
def test_correct_amounts_are_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body)) == []


@pytest.mark.parametrize(
    ("body", "words", "should"),
    [
        ("培训费为人民币壹仟伍拾元整。", "壹仟伍拾元整", "壹仟零伍拾元整"),
        ("其他费用为人民币壹佰零元整。", "壹佰零元整", "壹佰元整"),
        ("押金为100,000元（大写：拾万元整）。", "拾万元整", "壹拾万元整"),
        ("押金为5000元（大写：五千元整）。", "五千元整", "伍仟元整"),
        ("押金为1005元（大写：壹仟伍元）。", "壹仟伍元", "壹仟零伍元整"),
    ],
)
def test_a_malformed_capital_amount_is_shown_its_right_form(tmp_path, body, words, should) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "amount_malformed"
    assert shown(draft, f) == words
    assert should in f.message.zh and should in f.message.en
    assert f.fix is not None and f.fix.edits[0].new == should


@pytest.mark.parametrize(
    ("body", "words", "should"),
    [
        ("每次调整幅度不超过人民币叁仟伍百元整。", "叁仟伍百元整", "叁仟伍佰元整"),
        ("违约金为贰万一仟元整。", "贰万一仟元整", "贰万壹仟元整"),
        ("押金为二万伍仟元整。", "二万伍仟元整", "贰万伍仟元整"),
    ],
)
def test_a_numeral_slipped_into_a_capital_is_malformed(tmp_path, body, words, should) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "amount_malformed" and shown(draft, f) == words
    assert f.fix is not None and f.fix.edits[0].new == should


@pytest.mark.parametrize(
    "body",
    [
        "第一期伍仟元整，第三期伍仟元整。",  # 一 and 三 number the instalments
        "共三件，合计伍仟元整；零售价五千元。",  # a count; ordinary numerals alone
        "伍仟元整一次性支付。",
    ],
)
def test_ordinary_numerals_beside_a_capital_are_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body)) == []


def test_a_malformed_amount_whose_meaning_is_unclear_has_no_fix(tmp_path) -> None:
    [f] = found(draft_of(tmp_path, "押金为人民币壹仟伍元。"))
    assert f.kind == "amount_malformed" and f.fix is None


def test_the_fix_writes_the_capital_from_the_figure_and_undoes_exactly(tmp_path) -> None:
    draft = draft_of(tmp_path, "合同总价为12,000元（大写：人民币壹万伍仟元整），按月支付。")
    before = draft_to_json(draft)
    [f] = found(draft)
    history = ops.History(draft)
    history.push(fix_command(draft, f.fix).command)
    assert found(draft) == []
    assert "12,000元（大写：人民币壹万贰仟元整），按月支付。" in shown_all(draft)
    history.undo()
    assert draft_to_json(draft) == before


def test_a_capital_in_a_filled_field_is_fixed_in_the_field(tmp_path) -> None:
    path = tmp_path / "fields.txt"
    body = "费用总额为{{固定价格金额}}元（大写：{{固定价格大写}}）。"
    path.write_text(HEAD + body + TAIL, "utf-8")
    draft = draft_of_file(path, lambda _: None)
    history = ops.History(draft)
    amount, words = draft.field_named("固定价格金额"), draft.field_named("固定价格大写")
    history.push(ops.set_field_value(draft, amount.id, "12,000"))
    assert found(draft) == []  # the 大写 still a blank: nothing to compare
    history.push(ops.set_field_value(draft, words.id, "壹万伍仟元整"))
    [f] = found(draft)
    assert f.kind == "amount_mismatch"
    history.push(fix_command(draft, f.fix).command)
    assert words.value == "壹万贰仟元整"
    history.undo()
    assert words.value == "壹万伍仟元整"


@pytest.mark.parametrize(
    ("body", "shown_text"),
    [
        ("违约金为合同总价的30%（百分之二十）。", "30%（百分之二十）"),
        ("滞纳金为百分之五（3%）。", "百分之五（3%）"),
        ("Returns will not exceed five percent (15%) of sales.", "five percent (15%)"),
    ],
)
def test_a_percentage_and_its_words_that_disagree(tmp_path, body, shown_text) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "percent_mismatch"
    assert shown(draft, f) == shown_text


@pytest.mark.parametrize(
    ("body", "got", "total"),
    [
        ("首期支付合同总价的30%、二期40%、尾款20%。", "90%", "100%"),
        ("1.1 合同签订后，甲方支付首期款，为合同总价的40%；\n1.2 验收后支付第二期款，为合同总价的"
         "40%；\n1.3 质保期满后支付尾款，为合同总价的30%。", "110%", "100%"),
        ("合同总价为人民币100,000元。首付款为30,000元，尾款为60,000元。", "90,000", "100,000"),
        ("The Customer shall pay the first instalment of 30% on signing and the final "
         "instalment of 60% on acceptance.", "90%", "100%"),
    ],
)  # fmt: skip
def test_instalments_that_do_not_make_up_the_total(tmp_path, body, got, total) -> None:
    [f] = found(draft_of(tmp_path, body))
    assert f.kind == "instalments_sum"
    assert got in f.message.zh and total in f.message.zh


@pytest.mark.parametrize(
    ("body", "got", "total"),
    [
        ("Distributor will pay each order in three instalments: 30% with the purchase order, "
         "40% on shipment and 20% within thirty days after delivery.", "90%", "100%"),
        ("货款分三期支付：（1）合同签订后支付30%；（2）发货后支付40%；（3）验收合格后支付20%。",
         "90%", "100%"),
        ("合同总价为100万元，分三期支付：签约后支付30万元，发货后支付40万元，验收后支付20万元。",
         "900,000", "1,000,000"),
    ],
)  # fmt: skip
def test_payments_counted_not_marked_that_do_not_add_up(tmp_path, body, got, total) -> None:
    [f] = found(draft_of(tmp_path, body))
    assert f.kind == "instalments_sum"
    assert got in f.message.zh and total in f.message.zh


@pytest.mark.parametrize(
    "body",
    [
        "Distributor will pay each order in three instalments: 30% with the purchase order, "
        "40% on shipment and 30% within thirty days after delivery.",
        "The fee is payable in two instalments: 50% on signing and 50% on delivery; late "
        "payments bear interest at 5%.",
        "货款分三期支付：签约后支付30%，验收后支付70%。",  # two listed for three: not judged
        "货款分两期支付：签约后支付50%，验收后支付50%，逾期付款的按日支付0.05%违约金。",
    ],
)
def test_counted_payments_that_add_up_or_cannot_be_told_are_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body)) == []


@pytest.mark.parametrize(
    ("body", "got"),
    [
        # the last payment is "what is left": the payments before it are the whole
        ("报名时支付服务费的50%，结业前10日支付剩余的40%。", "90%"),
        ("买方于开具信用证时付货款的20%，装船后付50%，余款20%于到港后付清。", "90%"),
        ("The Client shall pay 50% of the Fee on signing and the remaining 40% on go-live.",
         "90%"),
        # a payment named after its share (30%作为定金), and a second name of the last one
        ("合同生效后五日内支付合同价款的20%作为定金；安装调试完毕后支付合同价款的60%；剩余合同"
         "价款的10%作为质保金，于质保期满后支付。", "90%"),
        # counted payments whose last says it is the balance, or counted as (3) or equal
        ("The Tenant shall pay the deposit in three (3) instalments: 30% on signing, 30% on "
         "handover and the balance of 30% one month later.", "90%"),
        ("The Licensee shall pay the Fee in two payments: 60% on signing and the balance of "
         "30% on delivery of the Software.", "90%"),
        ("装修款分三期支付：首期40%、二期40%、三期10%。", "90%"),
        ("The Customer shall pay 30% upon signing, 50% on delivery and the balance of 10% "
         "upon final acceptance.", "90%"),
    ],
)  # fmt: skip
def test_a_schedule_that_says_it_is_the_whole_must_add_up(tmp_path, body, got) -> None:
    [f] = found(draft_of(tmp_path, body))
    assert f.kind == "instalments_sum"
    assert got in f.message.zh and "100%" in f.message.zh


@pytest.mark.parametrize(
    "body",
    [
        "报名时支付服务费的50%，结业前10日支付剩余的50%。",
        "The Client shall pay 50% of the Fee on signing and the remaining 50% on go-live.",
        "The Tenant shall pay the deposit in three (3) instalments: 30% on signing, 30% on "
        "handover and the balance of 40% one month later.",
        "合同生效后五日内支付合同价款的20%作为定金；安装调试完毕后支付合同价款的70%；剩余合同"
        "价款的10%作为质保金，于质保期满后支付。",
        # paid up to a cumulative share: the shares are not parts
        "签约后支付合同总价的30%，验收合格后累计支付至合同总价的95%，剩余5%作为质保金。",
        # the rest paid with no share said, a penalty beside a payment
        "签约时支付60%，剩余款项于验收后付清。",
        "签约时支付总价的60%，逾期的按剩余款项的0.05%每日支付违约金。",
        "装修款分三期支付：首期40%、二期40%、三期20%。",
        # one verb paying a list of shares; shares that are no payment
        "The Customer shall pay 30% upon signing, 60% on delivery and the balance of 10% "
        "upon final acceptance.",
        "甲方支付的服务费中，60%用于人员费用，剩余30%用于差旅费用。",
        # a share of the rest, not of the whole
        "甲方预付合同总价的30%，剩余款项的90%于验收后支付，10%作为质保金。",
    ],
)
def test_a_whole_schedule_that_adds_up_or_cannot_be_told_is_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body), "instalments_sum") == []


@pytest.mark.parametrize(
    ("body", "got"),
    [
        ("租金按以下方式分期支付：签约后3日内支付年租金的40%；入住后支付年租金的40%；"
         "剩余年租金的30%于次年1月支付。", "110%"),
        ("The Licence Fee is payable as follows: 40% on signing, 40% on installation, and 10% "
         "on acceptance.", "90%"),
        # the clause heading introduces what its text lists
        ("1.1 设计费按下列比例支付：定金为设计费的20%，初步设计完成后支付30%，施工图交付后"
         "支付30%，其余10%于竣工后支付。", "90%"),
        # English shares listed right after the verb, each with when it is paid
        ("The Subscription Fee is invoiced 25% upon kick-off, 50% upon launch and 35% within "
         "30 days after acceptance.", "110%"),
        ("The Customer shall pay 60% of the Fee on delivery and 30% on acceptance.", "90%"),
    ],
)  # fmt: skip
def test_shares_listed_after_words_that_introduce_a_schedule_must_add_up(tmp_path, body, got):
    [f] = found(draft_of(tmp_path, body))
    assert f.kind == "instalments_sum" and got in f.message.zh


@pytest.mark.parametrize(
    "body",
    [
        "租金按以下方式分期支付：签约后3日内支付年租金的40%；入住后支付年租金的40%；"
        "剩余年租金的20%于次年1月支付。",
        "1.1 设计费按下列比例支付：定金为设计费的20%，初步设计完成后支付30%，施工图交付后"
        "支付30%，其余20%于竣工后支付。",
        # one share listed, shares that are no payment, a split that pays nothing
        "The Licence Fee is payable as follows: 40% on signing; the rest as agreed.",
        "服务费按以下方式支付：验收后支付95%，逾期支付的，按未付金额的0.05%每日支付违约金。",
        "利润按以下比例分配：甲方60%，乙方30%，其余留作公积金。",
        # shares that add up, interest, a share of each sale and the balance left unsaid
        "The Subscription Fee is invoiced 25% upon kick-off, 50% upon launch and 25% within "
        "30 days after acceptance.",
        "Late amounts are payable with interest at 1.5% per month and 2% on each reminder.",
        "The Customer shall pay 30% on signature and the balance on acceptance.",
        "The Distributor is paid 10% on each sale of the Products.",
    ],
)
def test_an_introduced_schedule_that_adds_up_or_is_no_schedule_is_left_alone(tmp_path, body):
    assert found(draft_of(tmp_path, body), "instalments_sum") == []


def test_a_schedule_with_a_blank_share_is_not_judged(tmp_path) -> None:
    body = "第一笔：支付费用总额的{{第一笔百分比}}%；第二笔：支付30%；尾款：支付40%。"
    assert found(draft_of(tmp_path, body), "instalments_sum") == []


def test_two_currencies_are_said_once(tmp_path) -> None:
    body = "货款为USD 5,000，运费为人民币2,000元，保险费为USD 300，佣金为1,000美元。"
    [f] = found(draft_of(tmp_path, body))
    assert f.kind == "two_currencies"
    assert "人民币" in f.message.zh and "美元" in f.message.zh


def test_a_currency_named_without_a_figure_counts(tmp_path) -> None:
    body = (
        "1.1 Prices will be stated and paid in United States dollars.\n"
        "1.2 Distributor will pay a handling fee of KRW 150,000 for each return."
    )
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "two_currencies" and "美元、韩元" in f.message.zh
    assert (f.clause, shown(draft, f)) == ("1.2", "KRW 150,000")
    same = [
        "1.1 Fees are payable in Canadian dollars.\n1.2 The handling fee is $500.",
        "1.1 本合同以人民币结算。\n1.2 服务费为5,000元，押金为人民币1,000元。",
        "1.1 All amounts are in US dollars.\n1.2 The fee is USD 5,000, and $300 for travel.",
    ]
    for body in same:
        assert found(draft_of(tmp_path, body)) == [], body


def test_yuan_alone_is_the_contracts_own_currency(tmp_path) -> None:
    [f] = found(draft_of(tmp_path, "合同总价为100万元，设备进口价USD 100,000。"))
    assert f.kind == "two_currencies" and "人民币、美元" in f.message.zh
    assert found(draft_of(tmp_path, "费用为新台幣5,000元，另付500元。")) == []


def shown_all(draft: Draft) -> str:
    return "\n".join(b.text for b in blocks(draft))


def test_an_update_after_an_edit_finds_what_a_fresh_run_finds(tmp_path) -> None:
    draft = draft_of(
        tmp_path, "1.1 合同总价为12,000元（大写：人民币壹万贰仟元整）。\n1.2 按月支付。"
    )
    engine = CheckEngine()
    assert [f for f in engine.run(draft) if f.kind in KINDS] == []
    clause = draft.parts[0].articles[0].children[1]
    command = ops.set_text(draft, clause.id, "押金为5000元（大写：伍仟伍佰元整），按月支付。")
    ops.History(draft).push(command)
    updated = [f for f in engine.update(draft, command.changes(draft)) if f.kind in KINDS]
    assert [f.kind for f in updated] == ["amount_mismatch"]
    assert updated == found(draft)


DATA_CONTRACT = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
FILLED = {
    "固定价格金额": "人民币100,000元", "固定价格大写": "人民币壹拾万元整",
    "第一笔百分比": "30", "第一笔金额": "30,000元", "第一笔大写": "叁万元整",
    "第二笔百分比": "40", "第二笔金额": "40,000元", "第二笔大写": "肆万元整",
    "第三笔百分比": "30", "第三笔金额": "30,000元", "第三笔大写": "叁万元整",
}  # fmt: skip


def test_the_data_provision_contract_filled_in_right_has_no_amount_finding() -> None:
    draft = draft_of_file(DATA_CONTRACT, lambda _: None)
    history = ops.History(draft)
    assert found(draft) == []  # every amount still a blank
    for name, value in FILLED.items():
        history.push(ops.set_field_value(draft, draft.field_named(name).id, value))
    assert found(draft) == []
    history.push(ops.set_field_value(draft, draft.field_named("第三笔百分比").id, "20"))
    words = draft.field_named("第二笔大写")
    history.push(ops.set_field_value(draft, words.id, "肆万伍仟元整"))
    mismatch, schedule = found(draft)
    assert (mismatch.kind, mismatch.article) == ("amount_mismatch", "第六条")
    assert (schedule.kind, schedule.article) == ("instalments_sum", "第六条")
    assert "90%" in schedule.message.zh
    history.push(fix_command(draft, mismatch.fix).command)
    assert words.value == "肆万元整"


@pytest.mark.parametrize(
    ("body", "got"),
    [
        # a count with a marked first payment, the heading of the clause introducing it
        ("1.1 加盟费分三期支付：首期支付50%，门店装修完成时支付30%，开业满一年时支付30%。",
         "110%"),
        ("The Customer shall pay the Fee in instalments: 40% on signature, 40% on delivery of "
         "the Software and 30% on final acceptance.", "110%"),
        ("The Licence Fee shall be invoiced as follows: 30% on signature; 45% on installation; "
         "and 35% on go-live.", "110%"),
    ],
)  # fmt: skip
def test_a_counted_or_invoiced_schedule_with_a_first_payment_must_add_up(tmp_path, body, got):
    [f] = found(draft_of(tmp_path, body))
    assert f.kind == "instalments_sum" and got in f.message.zh


@pytest.mark.parametrize(
    "body",
    [
        "1.1 加盟费分三期支付：首期支付50%，门店装修完成时支付30%，开业满一年时支付20%。",
        "The Customer shall pay the Fee in instalments: 40% on signature, 40% on delivery of "
        "the Software and 20% on final acceptance.",
        "The Licence Fee shall be invoiced as follows: 30% on signature; 40% on installation; "
        "and 30% on go-live.",
    ],
)
def test_a_counted_or_invoiced_schedule_that_adds_up_is_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body), "instalments_sum") == []
