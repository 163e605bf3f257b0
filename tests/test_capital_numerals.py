"""大写 amounts written and read by the rules of 《支付结算办法》 (its own examples below)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clause_db.capital_numerals import MAX_FEN, capital_forms, read_capital, write_capital
from clause_db.number_words import chinese_number, english_number

AMOUNTS = st.integers(min_value=0, max_value=MAX_FEN - 1)


@pytest.mark.parametrize(
    ("fen", "written"),
    [
        (1_200_000, "壹万贰仟元整"),
        (10_000_000, "壹拾万元整"),
        (50_050, "伍佰元伍角"),
        (105_000, "壹仟零伍拾元整"),
        # the examples of 支付结算办法 附件一
        (140_950, "壹仟肆佰零玖元伍角"),
        (600_714, "陆仟零柒元壹角肆分"),
        (168_032, "壹仟陆佰捌拾元叁角贰分"),
        (10_700_053, "壹拾万柒仟元伍角叁分"),
        (1_640_902, "壹万陆仟肆佰零玖元零贰分"),
        (32_504, "叁佰贰拾伍元零肆分"),
        (10_000_500_000, "壹亿零伍仟元整"),
        (100_070_000, "壹佰万零柒佰元整"),
        (50, "伍角"),
        (0, "零元整"),
    ],
)
def test_amounts_are_written_as_chinese_finance_writes_them(fen: int, written: str) -> None:
    assert write_capital(fen) == written
    assert read_capital(written).value == fen
    assert read_capital(written).well_formed


@pytest.mark.parametrize(
    ("written", "fen"),
    [
        ("人民币壹万贰仟元整", 1_200_000),
        ("壹拾万零柒仟元伍角叁分", 10_700_053),  # the 零 where a 万 group ends is optional
        ("壹仟陆佰捌拾元零叁角贰分", 168_032),  # so is 元零 when the units digit is 0
        ("壹万元", 1_000_000),  # 整 left out after 元: common, and no doubt about the amount
        ("伍佰圆正", 50_000),  # 圆 and 正, the older forms
    ],
)
def test_the_forms_the_rules_allow_are_well_formed(written: str, fen: int) -> None:
    reading = read_capital(written)
    assert reading.well_formed and reading.value == fen


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("壹仟伍拾元整", {105_000}),  # 零 missing where the hundreds are skipped
        ("壹佰零元整", {10_000}),  # 零 at the end
        ("壹仟零零伍元", {100_500}),  # two 零 running
        ("拾万元整", {10_000_000}),  # a bare 拾: 壹拾
        ("壹元贰分", {102}),  # 角 is 0 and 分 is not: 元零贰分
        ("壹元伍角叁分整", {153}),  # 整 after 分
        ("一万元整", {1_000_000}),  # ordinary numerals are no 大写
        ("壹仟伍元", {100_500, 150_000}),  # 1005 without its 零, or 一千五
        ("壹万伍", {1_000_500, 1_500_000}),
        ("壹贰元", set()),  # two digits running: no amount at all
        ("壹佰壹仟元", set()),  # units out of order
        ("壹万元整伍角", set()),  # 整 in the middle
        ("零拾元", set()),
    ],
)
def test_a_malformed_amount_says_what_it_may_mean(written: str, meant: set[int]) -> None:
    reading = read_capital(written)
    assert not reading.well_formed
    assert reading.values == meant
    assert reading.value == (next(iter(meant)) if len(meant) == 1 else None)


@settings(max_examples=300, deadline=None)
@given(AMOUNTS)
def test_what_is_written_reads_back(fen: int) -> None:
    written = write_capital(fen)
    assert written in capital_forms(fen)
    reading = read_capital(written)
    assert reading.well_formed and reading.values == {fen}


@settings(max_examples=150, deadline=None)
@given(AMOUNTS)
def test_every_well_formed_form_means_one_amount(fen: int) -> None:
    for form in capital_forms(fen):
        reading = read_capital(form)
        assert reading.well_formed and reading.values == {fen}, form


@settings(max_examples=150, deadline=None)
@given(AMOUNTS, st.integers(min_value=0, max_value=MAX_FEN - 1))
def test_no_form_is_well_formed_for_two_amounts(a: int, b: int) -> None:
    if a != b:
        assert not capital_forms(a) & capital_forms(b)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整", max_size=12))
def test_any_string_of_capital_characters_is_read_without_error(text: str) -> None:
    reading = read_capital(text)
    assert all(0 <= v < MAX_FEN for v in reading.values)
    assert not reading.well_formed or text in capital_forms(reading.value)


def test_amounts_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError):
        write_capital(MAX_FEN)
    with pytest.raises(ValueError):
        write_capital(-1)


@pytest.mark.parametrize(
    ("words", "value"),
    [("thirty", 30), ("Twenty-Five", 25), ("one hundred and five", 105),
     ("one million two hundred thousand", 1_200_000), ("five six", None), ("thousand", None)],
)  # fmt: skip
def test_english_number_words(words: str, value: int | None) -> None:
    assert english_number(words) == value


@pytest.mark.parametrize(
    ("words", "value"), [("三十", "30"), ("一百", "100"), ("零点五", "0.5"), ("叁拾", "30")]
)
def test_chinese_number_words(words: str, value: str) -> None:
    assert str(chinese_number(words)) == value
