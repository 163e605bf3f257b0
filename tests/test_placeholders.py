"""Blanks in contract text: every kind, lawyer-readable labels, and things that are not blanks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clause_db.placeholders import find_placeholders


def found(text: str) -> list[tuple[str, str, str, str | None]]:
    """(kind, blank as written, label, name) for each blank, in order."""
    return [(p.kind, text[p.span[0] : p.span[1]], p.label, p.name) for p in find_placeholders(text)]


def labels(text: str) -> list[str]:
    return [p.label for p in find_placeholders(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲方名称:___", [("underscore", "___", "甲方名称", None)]),
        ("签字：＿＿", [("underscore", "＿＿", "签字", None)]),
        ("签字：＿_＿___", [("underscore", "＿_＿___", "签字", None)]),
        ("【服务费用】", [("bracket_named", "【服务费用】", "服务费用", "服务费用")]),
        ("【 甲方 】", [("bracket_named", "【 甲方 】", "甲方", "甲方")]),
        ("地址：【  】", [("bracket_empty", "【  】", "地址", None)]),
        ("地址：【__】", [("bracket_empty", "【__】", "地址", None)]),
        ("[Party Name]", [("square", "[Party Name]", "Party Name", "Party Name")]),
        ("[insert date]", [("square", "[insert date]", "insert date", "insert date")]),
        ("Tenant: [●]", [("square", "[●]", "Tenant", None)]),
        ("Landlord: [ ]", [("square", "[ ]", "Landlord", None)]),
        (
            "{{数据提供方名称}}",
            [("template", "{{数据提供方名称}}", "数据提供方名称", "数据提供方名称")],
        ),
        ("{{ 甲方名称 }}", [("template", "{{ 甲方名称 }}", "甲方名称", "甲方名称")]),
        ("{field}", [("template", "{field}", "field", "field")]),
        (
            "{{☐甲方_护照}}护照  {{☐甲方_其他证件}}其他",
            [
                ("checkbox", "{{☐甲方_护照}}", "甲方_护照", "甲方_护照"),
                ("checkbox", "{{☐甲方_其他证件}}", "甲方_其他证件", "甲方_其他证件"),
            ],
        ),
        ("□同意 □不同意", [("checkbox", "□", "同意", None), ("checkbox", "□", "不同意", None)]),
        ("☐ Yes ☐ No", [("checkbox", "☐", "Yes", None), ("checkbox", "☐", "No", None)]),
        ("同意□ 不同意□", [("checkbox", "□", "同意", None), ("checkbox", "□", "不同意", None)]),
        (
            "甲方:XXX乙方:XXX",
            [("stand_in", "XXX", "甲方", None), ("stand_in", "XXX", "乙方", None)],
        ),
        ("甲方：×××", [("stand_in", "×××", "甲方", None)]),
        ("甲方：ＸＸＸ", [("stand_in", "ＸＸＸ", "甲方", None)]),
        ("委托xxx公司", [("stand_in", "xxx", "公司名称", None)]),
        ("XXX有限公司", [("stand_in", "XXX", "有限公司名称", None)]),
    ],
)
def test_every_kind(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.1甲方名称:____________,地址:________________。", ["甲方名称", "甲方地址"]),
        ("费用标准为人民币____元/月。", ["费用标准（人民币元/月）"]),
        ("人民币____元/月", ["金额（人民币元/月）"]),
        ("有效期限为____年", ["有效期限（年）"]),
        ("每月人民币【】元整(大写:【】元整)", ["每月（人民币元）", "大写（元）"]),
        ("应提交至【】仲裁委员会进行仲裁", ["仲裁委员会名称"]),
        ("应在【】小时内响应", ["期限（小时）"]),
        ("签订日期：____年____月____日", ["签订日期（年）", "签订日期（月）", "签订日期（日）"]),
        (
            "出发时间 ____年 ____月 ____日 ____时，共 ____天",
            ["出发时间（年）", "出发时间（月）", "出发时间（日）", "出发时间（时）", "期限（天）"],
        ),
        ("旅游者：____等____人（名单可附页）", ["旅游者", "旅游者（人）"]),
        ("团队人数为____人", ["团队人数（人）"]),
        ("导游费用合计____元", ["导游费用（元）"]),
        ("饭店住宿 ____夜", ["饭店住宿（夜）"]),
        ("本合同一式____份", ["本合同一式（份）"]),
        ("住\u3000\u3000址：____", ["住址"]),
        (
            "签约日期：____年____月____日签约日期：____年____月____日",
            ["签约日期（年）", "签约日期（月）", "签约日期（日）"] * 2,
        ),
        ("共____人", ["人数（人）"]),
        ("应支付人民币____元；____日内付清", ["应支付（人民币元）", "期限（日）"]),
        ("于____年____月____日前", ["日期（年）", "日期（月）", "日期（日）"]),
        ("违约金为合同总额的____%", ["违约金为合同总额（%）"]),
        ("Party A: ____", ["Party A"]),
        ("dated ____", ["dated"]),
        ("within [X] days", ["period (days)"]),
        ("the sum of USD ____", ["sum (USD)"]),
        ("The term is ____ years.", ["term (years)"]),
        ("____", ["blank"]),
        ("，【】。", ["空白"]),
    ],
)
def test_labels_read_like_a_lawyer(text: str, expected: list[str]) -> None:
    assert labels(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "本合同于20XX年签订",
        "see [1] and [2, 3] and [4-6]",
        "[link](http://x)",
        "a_b",
        "__init__",
        "单下划线__两个",
        "XXXL COUNTRACTCOVER",
        "ARTICLE XXX",
        "(xxx) the thirtieth item",
        "[Reserved]",
        "[Intentionally omitted]",
        "☒ 已划掉",  # crossed out: not a box we know to be ticked or not
        "■ 第一点\n■ 第二点",  # ■ with no other box beside it: bullets
        "{1} {a, b} {}",
    ],
)
def test_not_blanks(text: str) -> None:
    assert find_placeholders(text) == []


def test_template_double_braces_yield_one_blank() -> None:
    assert found("{{name}}") == [("template", "{{name}}", "name", "name")]


def test_inside_a_rejected_match_blanks_are_still_found() -> None:
    assert found("[see ____ below](http://x)")[0][:2] == ("underscore", "____")


def test_start_end_window_gives_absolute_spans() -> None:
    text = "甲方:____。乙方:____。丙方:____。"
    first, second, third = (p.span for p in find_placeholders(text))
    window = find_placeholders(text, second[0] - 3, second[1])
    assert [p.span for p in window] == [second]
    assert window[0].label == "乙方"
    assert find_placeholders(text, first[1], third[0]) == window
    assert find_placeholders(text, 10, 5) == []


def test_to_json_shape() -> None:
    (p,) = find_placeholders("甲方:____")
    assert p.to_json() == {"label": "甲方", "kind": "underscore", "span": [3, 7], "name": None}


_SHAPES = {
    "underscore": r"[_＿]+",
    "bracket_named": r"【[^【】\n]+】",
    "bracket_empty": r"【[^【】\n]*】",
    "square": r"\[[^\[\]\n]+\]",
    "template": r"\{\{?[^{}]+\}?\}",
    "checkbox": r"[□☐☑■]|\[[ xX]\]|\{\{\s*[□☐☑■][^{}]*\}\}",
    "stand_in": r"[Xx×Ｘｘ]{3,}",
}
_ALPHABET = st.sampled_from(
    list("_＿【】[]{}()□☐☑■Xx×:：，。\n 甲方元年aA1●.-") + ["http://", "[ ]", "[x]"]
)


@given(
    text=st.one_of(st.text(), st.lists(_ALPHABET).map("".join)),
    start=st.integers(-5, 60),
    length=st.one_of(st.none(), st.integers(-5, 60)),
)
def test_spans_are_sound_for_any_text(text: str, start: int, length: int | None) -> None:
    end = None if length is None else start + length
    lo, hi = max(0, start), len(text) if end is None else min(len(text), end)
    previous_end = lo
    found = find_placeholders(text, start, end)
    box_starts = {p.span[0] for p in found if p.kind == "checkbox"}
    for p in found:
        s, e = p.span
        assert previous_end <= s < e <= hi
        assert re.fullmatch(_SHAPES[p.kind], text[s:e]), p
        assert p.label.strip()
        assert p.name is None or p.name.strip()
        if p.kind == "checkbox":  # keyed by its group's first box, which is no later
            assert p.group in box_starts and p.group <= s
        else:
            assert p.group is None and not p.ticked
        previous_end = e


def test_a_party_carries_over_to_its_details_in_one_sentence() -> None:
    text = "甲方名称:____,地址:____。乙方名称:____,地址:____。地址:____"
    assert [p.label for p in find_placeholders(text)] == [
        "甲方名称", "甲方地址", "乙方名称", "乙方地址", "地址",
    ]  # fmt: skip
    assert [p.label for p in find_placeholders("Party A: ____, address: ____")] == [
        "Party A",
        "Party A address",
    ]
