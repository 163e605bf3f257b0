"""Dates and periods: a date that cannot exist, a term that ends before it starts, one
act's period written two ways or with two numbers, a period whose number is a blank."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import ops
from app.model.checks import ERROR, INFO, WARNING, run_checks
from app.model.checks.date_reading import read_dates
from app.model.checks.dates import KINDS
from app.model.checks.money_reading import read_money
from tests.checks_helpers import of_kinds, opened_text
from tests.checks_helpers import selected as shown

if TYPE_CHECKING:
    from pathlib import Path

    from app.model.checks import Finding
    from app.model.draft import Draft

HEAD = "服务合同\n\n第一条 期限\n"
TAIL = "\n\n第九条 其他\n本合同未尽事宜，双方协商解决。\n"


def draft_of(tmp_path: Path, body: str, name: str = "contract.txt") -> Draft:
    return opened_text(tmp_path / name, HEAD + body + TAIL)


def found(draft: Draft, kind: str | None = None) -> list[Finding]:
    return of_kinds(draft, KINDS, kind)


@pytest.mark.parametrize(
    "written",
    ["2024年2月30日", "2023年2月29日", "2024年13月", "2024-04-31", "31 April 2024",
     "二〇二四年二月三十日", "April 31, 2024", "2月30日", "2025年6月31日", "1900年2月29日"],
)  # fmt: skip
def test_a_date_that_cannot_exist_is_an_error(tmp_path, written) -> None:
    draft = draft_of(tmp_path, f"甲方应于{written}前付款。")
    [f] = found(draft)
    assert f.kind == "date_impossible" and f.severity == ERROR
    assert shown(draft, f) == written


@pytest.mark.parametrize(
    "body",
    [
        "甲方应于2024年2月29日前付款，2000年2月29日亦然。",
        "每年2月29日结算；本合同自2024年1月1日起至2024年12月31日止。",
        "签署日期：____年__月__日；【】年【】月【】日。",
        "有效期为3年6个月，每月30日付款。",
        "The Term runs from 1 January 2024 to 31 December 2024.",
        "本协议服务期限为2024年度，自2024年1月1日起至2024年12月31日止。",
        "2024-01-01至2024-01-01为试运行期。",
    ],
)
def test_real_dates_and_ranges_are_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body)) == []


@pytest.mark.parametrize(
    ("body", "range_text"),
    [
        ("本合同有效期自2025年1月1日起至2024年12月31日止。", "2025年1月1日起至2024年12月31日"),
        ("服务期为2024-06-30至2024-01-01。", "2024-06-30至2024-01-01"),
        ("The Term runs from 1 July 2025 to 30 June 2025.", "1 July 2025 to 30 June 2025"),
        (
            "开始日期：2025年3月1日；结束日期：2025年2月1日。",
            "2025年3月1日；结束日期：2025年2月1日",
        ),
    ],
)
def test_an_end_before_its_start_is_an_error(tmp_path, body, range_text) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "date_order" and f.severity == ERROR
    assert shown(draft, f) == range_text


def test_the_same_act_with_two_periods_is_a_warning(tmp_path) -> None:
    body = (
        "1.1 甲方应在验收合格后十日内向乙方支付服务费。\n"
        "1.2 甲方应于验收合格后15日内向乙方支付服务费。"
    )
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "period_inconsistent" and f.severity == WARNING
    assert shown(draft, f) == "15日内"
    assert "十日内" in f.message.zh and "1.1" in f.message.zh


@pytest.mark.parametrize(
    ("body", "severity", "second"),
    [
        # the event with and without its object, the act with more words around it
        ("1.1 乙方应于设备到货后十日内完成安装调试。\n"
         "1.2 乙方应在到货后14日内负责完成安装调试并提交调试报告。", WARNING, "14日内"),
        ("1.1 承包人应在图纸交付后七日内提出书面意见。\n"
         "1.2 承包人应于设计图纸交付后7日内提出书面意见。", INFO, "7日内"),
    ],
)  # fmt: skip
def test_one_duty_in_slightly_other_words_is_one_act(tmp_path, body, severity, second) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "period_inconsistent" and f.severity == severity
    assert shown(draft, f) == second


@pytest.mark.parametrize(
    "body",
    [
        # one event, other duties: another act, another payment
        "1.1 乙方应于设备到货后十日内完成安装调试。\n1.2 乙方应在到货后3日内通知甲方验货。",
        "1.1 甲方应于到货后十日内支付合同价款。\n1.2 甲方应于到货后30日内支付合同尾款。",
        # the same act from another event
        "1.1 乙方应于设备到货后十日内完成安装调试。\n1.2 乙方应在付款后14日内完成安装调试。",
        # beyond the period and within it
        "1.1 承租人在租期届满前60日以上书面通知续租的，出租人应予同意。\n"
        "1.2 承租人在租期届满前六十日以内通知续租的，由双方协商。",
    ],
)
def test_other_duties_from_one_event_are_not_one_act(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body), "period_inconsistent") == []


def test_one_period_written_in_words_and_in_figures_is_style(tmp_path) -> None:
    body = "1.1 乙方应在收到通知后三十日内书面答复。\n1.2 乙方应在收到通知后30日内书面答复。"
    [f] = found(draft_of(tmp_path, body))
    assert f.kind == "period_inconsistent" and f.severity == INFO


@pytest.mark.parametrize(
    "body",
    [
        "1.1 The Customer shall pay each invoice within thirty (30) days of receipt.\n"
        "1.2 The Customer shall pay each invoice within thirty (30) days of receipt.",
        "1.1 甲方应在验收合格后十日内支付服务费。\n1.2 乙方应在验收合格后十五日内提交报告。",
        "1.1 乙方应在合同生效后5个工作日内提供名单。\n1.2 甲方应在合同生效后10个工作日内提供资料。",
        "1.1 乙方应在收到通知后三十（30）日内书面答复。",
        "1.1 付款期限：☐验收合格后10日内支付；☐验收合格后30日内支付。",  # a choice offered
    ],
)
def test_different_acts_and_one_period_said_twice_are_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body)) == []


@pytest.mark.parametrize(
    ("body", "second"),
    [
        # one act, said once as a duty and once as the failure of it (未在…的)
        ("1.1 承租人应于每季度开始前15日交纳当季使用费。\n"
         "1.2 承租人未在每季度开始前十五日交纳当季使用费的，出租人可以催告。", "十五日"),
        # one act, the second time as the term of it (…的期限为…后N个工作日内)
        ("1.1 乙方应在收到甲方书面通知后三个工作日内更换人员。\n"
         "1.2 乙方更换人员的期限为收到甲方书面通知后3个工作日内。", "3个工作日内"),
        # two acts running from one event, the same number written two ways
        ("1.1 买受人应在货物送达之日起二十个工作日内完成检验。\n"
         "1.2 买受人在货物送达之日起20个工作日内未提出质量异议的，视为货物合格。",
         "20个工作日内"),
    ],
)  # fmt: skip
def test_one_period_written_in_words_and_figures_across_clauses(tmp_path, body, second) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "period_inconsistent" and f.severity == INFO
    assert shown(draft, f) == second


@pytest.mark.parametrize(
    "body",
    [
        # one event, two numbers for two acts: no slip
        "1.1 买受人应在货物送达之日起二十个工作日内完成检验。\n"
        "1.2 买受人在货物送达之日起10个工作日内未提出质量异议的，视为货物合格。",
        # one event, one number written the same way twice
        "1.1 买受人应在货物送达之日起20个工作日内完成检验。\n"
        "1.2 买受人在货物送达之日起20个工作日内未提出质量异议的，视为货物合格。",
        # two events, one number written two ways
        "1.1 乙方应在收到样品后十个工作日内确认。\n1.2 甲方应在收到发票后10个工作日内付款。",
        # one event, a period within and one beyond it
        "1.1 乙方应在收到通知后三十日内答复。\n1.2 乙方收到通知后30日以上未答复的，视为同意。",
    ],
)
def test_periods_of_other_numbers_events_or_sides_are_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body), "period_inconsistent") == []


@pytest.mark.parametrize(
    ("body", "period"),
    [
        ("1.1 Customer shall pay within thirty (45) days of receipt of the invoice.",
         "thirty (45) days"),
        ("1.1 乙方应在收到通知后三十（45）日内书面答复。", "三十（45）日内"),
        ("1.1 The Customer shall pay within 30 days of invoice.\n"
         "1.2 The Customer shall pay within 45 days of invoice.", "45 days"),
    ],
)  # fmt: skip
def test_a_period_that_says_two_numbers(tmp_path, body, period) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "period_inconsistent" and shown(draft, f) == period


def test_a_period_whose_number_is_a_blank_is_reported_once_per_field(tmp_path) -> None:
    body = (
        "1.1 甲方应在收到发票后{{付款天数}}日内付款。\n"
        "1.2 逾期超过{{付款天数}}日的，乙方可解除合同。"
        "\n1.3 乙方应在____个工作日内提交报告。\n1.4 Supplier shall respond within ____ days."
    )
    draft = draft_of(tmp_path, body)
    unfilled = found(draft, "period_unfilled")
    assert [shown(draft, f) for f in unfilled] == ["\ufffc日内", "\ufffc个工作日内", "\ufffc days"]
    field = draft.field_named("付款天数")
    assert unfilled[0].field_id == field.id
    ops.History(draft).push(ops.set_field_value(draft, field.id, "30"))
    assert len(found(draft, "period_unfilled")) == 2


def test_a_blank_that_is_a_periods_number_is_one_warning_and_no_unfilled_field(tmp_path) -> None:
    """One finding per field: ``period_unfilled`` (a warning) says a period's blank, and the
    fields check leaves that field out; a blank of another number stays ``unfilled``."""
    body = (
        "1.1 本协议有效期为____年，期满前【】个月双方协商续签事宜。\n"
        "1.2 乙方应于每季度开始前____日提交计划，每月____日前对账。\n"
        "1.3 签署日期：____年____月____日。"
    )
    draft = draft_of(tmp_path, body)
    findings = run_checks(draft)
    periods = [f for f in findings if f.kind == "period_unfilled"]
    assert [shown(draft, f) for f in periods] == ["\ufffc年", "\ufffc个月", "\ufffc日"]
    assert all(f.severity == WARNING for f in periods)
    unfilled = [f for f in findings if f.kind == "unfilled"]
    assert not {f.field_id for f in periods} & {f.field_id for f in unfilled}
    # the day of the month to reconcile on and the signing date's three blanks
    assert len(unfilled) == 4


def test_a_filled_period_number_is_no_longer_reported(tmp_path) -> None:
    draft = draft_of(tmp_path, "1.1 保修期为____年。")
    [f] = [f for f in run_checks(draft) if f.kind in ("period_unfilled", "unfilled")]
    assert f.kind == "period_unfilled"
    ops.History(draft).push(ops.set_field_value(draft, f.field_id, "2"))
    assert not [g for g in run_checks(draft) if g.kind in ("period_unfilled", "unfilled")]


def test_dates_in_a_field_value_count_as_text(tmp_path) -> None:
    draft = draft_of(tmp_path, "本合同签署日期为{{签署日期}}。")
    assert found(draft) == []
    field = draft.field_named("签署日期")
    ops.History(draft).push(ops.set_field_value(draft, field.id, "2023年2月29日"))
    [f] = found(draft)
    assert f.kind == "date_impossible" and f.ref is not None


@pytest.mark.parametrize(
    ("body", "written"),
    [
        ("This Agreement is effective 6/31/98.", "6/31/98"),  # June 31st (m/d)
        ("This Agreement is effective 31/6/1998.", "31/6/1998"),  # 31 June (d/m)
        ("Payment is due on 2/29/2023.", "2/29/2023"),
    ],
)
def test_a_slashed_date_that_exists_in_neither_order_is_an_error(tmp_path, body, written) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "date_impossible" and shown(draft, f) == written
    assert "30" in f.message.en or "28" in f.message.en


@pytest.mark.parametrize(
    "body",
    [
        "This Agreement is effective 4/6/2024 and 12/31/98.",  # either order, or m/d alone
        "Payment is due on 2/29/2024 and 13/12/2020.",  # a leap day; d/m only
        "Fees are paid 30/40/30 over the three stages, see http://example.com/6/31/98.",
        "Version 1.6/31/98 of the protocol; ratio 1/2/3.",
    ],
)
def test_slashed_numbers_that_are_dates_or_no_date_are_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body)) == []


@pytest.mark.parametrize(
    ("body", "range_text"),
    [
        ("出发时间2024年10月1日8时，结束时间2024年9月24日20时，共8天。",
         "2024年10月1日8时，结束时间2024年9月24日"),
        ("生效日期：2025年3月1日；届满日：2025年2月1日。", "2025年3月1日；届满日：2025年2月1日"),
        ("Commencement date: 1 March 2025. Expiry date: 1 February 2025.",
         "1 March 2025. Expiry date: 1 February 2025"),
    ],
)  # fmt: skip
def test_a_labelled_start_and_end_in_the_wrong_order(tmp_path, body, range_text) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "date_order" and shown(draft, f) == range_text


@pytest.mark.parametrize(
    "body",
    [
        "出发时间2024年10月1日8时，返回时间2024年10月8日20时，共8天。",
        "签订日期2025年3月1日，开始日期2025年1月1日。",  # signed later than it starts: fine
        "Start date: 1 March 2025; end date: 1 February 2026.",
    ],
)
def test_labelled_dates_in_order_or_of_two_stretches_are_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body)) == []


@pytest.mark.parametrize(
    ("body", "severity", "second"),
    [
        ("1.1 甲方应在收到乙方开具的增值税普通发票后十五日内一次性支付服务费。\n"
         "1.2 本合同项下的费用，甲方均应在收到发票后15日内汇入乙方账户并支付完毕。",
         INFO, "15日内"),
        ("1.1 监理人应在收到承包人付款申请单后七天内审核完毕，发包人在审核后支付工程款。\n"
         "1.2 发包人应在收到付款申请单后21天内支付工程款。\n"
         "1.3 发包人收到承包人的付款申请单后，应在14天内支付工程款。",
         WARNING, "14天内"),
    ],
)  # fmt: skip
def test_one_payment_term_from_one_document_said_in_two_clauses(tmp_path, body, severity, second):
    draft = draft_of(tmp_path, body)
    [f] = found(draft, "period_inconsistent")
    assert (f.severity, shown(draft, f)) == (severity, second)
    assert f.clause == ("1.2" if severity == INFO else "1.3")


@pytest.mark.parametrize(
    "body",
    [
        # each instalment its own term, named in its sentence
        "1.1 预付款在甲方收到发票后5日内支付。\n1.2 尾款在甲方收到发票后30日内支付。",
        # one act from the document, the other no payment
        "1.1 甲方应在收到发票后30日内支付货款。\n1.2 甲方应在收到发票后5日内提出书面异议。",
        "1.1 甲方应在收到发票后30日内支付货款。\n1.2 甲方应在收到货物后10日内支付运费。",
    ],
)
def test_payments_from_one_document_that_are_other_payments_are_left_alone(tmp_path, body):
    assert found(draft_of(tmp_path, body), "period_inconsistent") == []


@pytest.mark.parametrize(
    ("body", "second"),
    [
        ("1.1 开工日期：2026年4月1日。\n1.2 竣工日期：2026年1月15日。", "2026年1月15日"),
        ("1.1 计划开工日期\n2026年4月1日。\n1.2 计划竣工日期\n2026年1月15日。", "2026年1月15日"),
        ("1.1 起运日期为2026年6月10日。\n1.2 承运人应于2026年6月8日前将货物运抵目的港。",
         "2026年6月8日"),
        ("1.1 This Lease begins on 1 May 2026.\n1.2 This Lease ends on 30 April 2026.",
         "30 April 2026"),
    ],
)  # fmt: skip
def test_an_articles_start_and_end_in_two_clauses_in_the_wrong_order(tmp_path, body, second):
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert (f.kind, f.clause, shown(draft, f)) == ("date_order", "1.2", second)


@pytest.mark.parametrize(
    "body",
    [
        "1.1 开工日期：2026年1月15日。\n1.2 竣工日期：2026年4月1日。",
        # two starts: which one the end goes with is unsaid
        "1.1 一期开工日期：2026年4月1日；二期开工日期：2025年10月1日。\n"
        "1.2 一期竣工日期：2026年1月15日。",
        "1.1 起运日期为2026年6月10日。\n1.2 买方应于2026年6月1日前支付货款。",
        "1.1 开工日期：2026年4月1日。\n第二条 保修\n"
        "竣工日期以竣工验收报告为准，2026年1月1日前的工程另计。",
    ],
)
def test_start_and_end_in_order_in_other_articles_or_unpaired_are_left_alone(tmp_path, body):
    assert found(draft_of(tmp_path, body), "date_order") == []


@pytest.mark.parametrize(
    ("body", "second"),
    [
        ("9.2 合同终止前30天，一方书面通知对方；未提前三十天通知的，通知到达时生效。", "三十天"),
        ("4.2 乙方应在收到意见后三十日内调整服务策略；乙方未在30日内调整的，甲方有权更换人员。",
         "30日内"),
    ],
)  # fmt: skip
def test_one_clause_writing_a_period_two_ways_is_style(tmp_path, body, second) -> None:
    draft = draft_of(tmp_path, body)
    [f] = found(draft)
    assert f.kind == "period_inconsistent" and f.severity == INFO
    assert shown(draft, f) == second


@pytest.mark.parametrize(
    "body",
    [
        "9.2 合同终止前30天，一方书面通知对方；未提前30天通知的，通知自到达之日起生效。",
        "6.1 出境社在行程开始前30日以上提出解除合同的，不承担违约责任；出境社在行程开始前三十日"
        "以内提出解除合同的，应当承担违约责任。",  # two cases on either side of one day
        "4.2 付款期限：☐收到发票后30日内支付；☐收到发票后三十日内支付。",
        "4.2 乙方应在三十（30）日内整改；整改期满后三十（30）日内复验。",
    ],
)
def test_one_clause_with_one_writing_or_two_cases_is_left_alone(tmp_path, body) -> None:
    assert found(draft_of(tmp_path, body)) == []


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet="0123456789０年月日号内个工作天至起止-/.,（）()%％元万大写：壹贰拾佰仟零整首期尾款第一笔"
        "_【】{} JanuaryApril31withindays(thirty)USD$",
        max_size=40,
    )
)
def test_any_text_is_read_without_error(text: str) -> None:
    """Bad input is normal input: whatever a clause says, reading it never raises and every
    place found lies inside it."""
    for start, end in _spans(read_dates(text)) + _spans(read_money(text)):
        assert 0 <= start <= end <= len(text)


def _spans(facts: object) -> list[tuple[int, int]]:
    out = []
    for name in ("impossible", "periods", "amounts", "percents", "instalments"):
        out += [(x.start, x.end) for x in getattr(facts, name, ())]
    out += [(a, b) for a, b, _ in getattr(facts, "reversed_ranges", ())]
    return out


def test_acceptance_organised_and_deemed_by_silence_is_one_act(tmp_path) -> None:
    """十个工作日内组织验收 here, 15个工作日内未提出异议的视为验收合格 there: the time the
    buyer has to accept, said twice with two numbers."""
    body = (
        "1.1 甲方应在收到乙方提交的测试报告后十个工作日内组织验收，并书面通知乙方。\n"
        "1.2 甲方在收到乙方提交的测试报告后15个工作日内未提出书面异议的，视为验收合格。"
    )
    [f] = found(draft_of(tmp_path, body), "period_inconsistent")
    assert f.severity == WARNING and f.clause == "1.2"


def test_an_objection_period_that_deems_no_acceptance_is_another_act(tmp_path) -> None:
    body = (
        "1.1 甲方应在收到乙方提交的测试报告后十个工作日内组织验收，并书面通知乙方。\n"
        "1.2 甲方在收到乙方提交的测试报告后15个工作日内未提出书面异议的，视为认可报告结论。"
    )
    assert found(draft_of(tmp_path, body), "period_inconsistent") == []
