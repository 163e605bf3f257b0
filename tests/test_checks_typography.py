"""Typography checks (issue 14): half-width punctuation in Chinese sentences, digits of two
widths, stray spaces; each a finding per text with its count and a fix, and one fix that
normalises the whole draft in one undo step. The guards matter as much as the rules: a
number, a URL, an English clause, a list label or a cover title's spacing is never touched."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.model import ops
from app.model.checks import INFO, CheckEngine, run_checks
from app.model.checks.finding import Fix
from app.model.checks.fixes import fix_command
from app.model.checks.typography import KINDS, normalise_typography
from app.model.draft import Blank, Cell, Draft, Field, Node, Part, Passage, Ref, Table, plain
from app.model.fileformat import dumps


def draft_of(*bodies: str | list, title: str = "服务合同", **parts: object) -> Draft:
    """One article per body (a string, or segments), no headings."""
    articles = [Node(i + 1, "", [b] if isinstance(b, str) else b) for i, b in enumerate(bodies)]
    n = len(bodies)
    return Draft(title=title, parts=[Part(n + 1, articles=articles)], next_id=n + 10, **parts)


def typo(draft: Draft):
    return [f for f in run_checks(draft) if f.kind in KINDS]


def normalised(text: str, *others: str) -> str:
    """The first article's text after the whole-draft fix (the others set the draft's
    habits, as the digits' width)."""
    draft = draft_of(text, *others)
    fix = normalise_typography(draft)
    if fix is not None:
        ops.History(draft).push(fix_command(draft, fix).command)
    return plain(draft.parts[0].articles[0].body)


def test_a_plain_texts_fix_made_when_asked_is_the_fix_its_edits_say() -> None:
    """A text with no blank or reference gets its fix's edits when they are first asked
    for (most fixes never are): the same edits the whole-draft fix makes, and equal to an
    ordinary ``Fix`` both ways (the window and the tests compare fixes)."""
    draft = draft_of("甲方应于每月5日前支付服务费,逾期的,按日计算违约金;具体如下:")
    [found] = typo(draft)
    whole = normalise_typography(draft)
    assert whole is not None and found.fix.edits == whole.edits
    eager = Fix(found.fix.label, found.fix.edits)
    assert found.fix == eager and eager == found.fix and hash(found.fix) == hash(eager)
    assert found.fix != Fix(found.fix.label, found.fix.edits[1:])


# -- half-width punctuation -------------------------------------------------------------------


def test_half_width_marks_in_a_chinese_sentence_are_one_finding_with_their_count() -> None:
    draft = draft_of("甲方应于每月5日前支付服务费,逾期的,按日计算违约金;具体如下:")
    [found] = typo(draft)
    assert found.kind == "half_width_punct" and found.severity == INFO
    assert found.message.zh == "第一条的中文语句中有4处半角标点（, ; :），如“服务费,逾期的”"
    assert found.message.en == (
        "第一条: 4 half-width punctuation marks (, ; :) in Chinese text, as in “服务费,逾期的”"
    )
    assert found.article == "第一条" and found.clause is None
    assert (found.offset, found.length) == (14, 1)  # the first comma, selected by a jump
    assert found.fix.label.zh == "改为全角标点（4处）"
    assert [(e.old, e.new) for e in found.fix.edits] == [
        (",", "，"), (",", "，"), (";", "；"), (":", "：")
    ]  # fmt: skip
    assert normalised("甲方应于每月5日前支付服务费,逾期的,按日计算违约金;具体如下:") == (
        "甲方应于每月5日前支付服务费，逾期的，按日计算违约金；具体如下："
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本合同自双方签字(或盖章)之日起生效。", "本合同自双方签字（或盖章）之日起生效。"),
        ("（旅游费用-已付费用)÷旅游天数", "（旅游费用-已付费用）÷旅游天数"),  # a pair of two widths
        ("甲方(盖章):", "甲方（盖章）："),  # the colon after a bracket made full-width
        ("违约金为5%(含税)。", "违约金为5%（含税）。"),
        ("“保密信息”,是指", "“保密信息”，是指"),  # through the quote
        ("____,地址:____。", "____，地址：____。"),  # a blank's underscores are neither side
        ("是否同意?", "是否同意？"),
        ("附件列表:附件1:服务内容", "附件列表：附件1：服务内容"),
        ("Schedule 1:服务内容", "Schedule 1:服务内容"),
        ("联系邮箱:legal@example.com", "联系邮箱：legal@example.com"),
        ("北京数据科技有限公司, a company incorporated in China",  # English after a name
         "北京数据科技有限公司, a company incorporated in China"),
    ],
)  # fmt: skip
def test_marks_and_brackets_of_chinese_text_become_full_width(text: str, expected: str) -> None:
    assert normalised(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "总价1,000,000元，于12:30前交付，比例1:2，见第3.1条。",  # numbers
        "The Supplier shall (a) deliver the Goods; and (b) invoice, as set out in Schedule 1: "
        "see https://example.com/terms?x=1,2 or write to legal@example.com!",  # English
        "The term “甲方, 乙方” as used in this Agreement means the parties to it, together.",
        "依照《ISO/IEC 27001:2013》及《Terms of Use, Part 1》执行。",  # Latin 《》 titles
        "甲方(Party A)与Party B (乙方)签订。",  # brackets around English, or after it
        "包括:(1)数据;(2)算法",  # (1) is a label: the colon and semicolon only
        "甲?乙 与 ???",  # a lost character, not a question
        "详见https://example.com/a?b=1:c。",
    ],
)
def test_numbers_english_labels_addresses_and_titles_keep_their_marks(text: str) -> None:
    result = normalised(text)
    if text.startswith("包括"):
        assert result == "包括：(1)数据；(2)算法"
    else:
        assert result == text


# -- digits -----------------------------------------------------------------------------------


def test_full_width_digits_in_a_draft_that_writes_them_half_width() -> None:
    draft = draft_of("甲方应于第１２个工作日前付款，金额１２．５万元。", "2024年1月1日起，共30日。")
    [found] = typo(draft)
    assert found.kind == "mixed_width_digits"
    assert found.message.zh == "第一条中有2处数字的全角、半角与全文不一致（１２、１２．５）"
    assert [e.new for e in found.fix.edits] == ["12", "12.5"]
    assert normalised("第１2３条", "2024年") == "第123条"  # two widths in one number
    assert not typo(draft_of("符合《ＧＢ／Ｔ ２２２３９》的要求", "2024年"))  # all full-width


def test_a_draft_written_in_full_width_digits_is_left_so_but_for_a_mixed_number() -> None:
    assert not typo(draft_of("２０２４年１月１日起，共３０日。"))
    assert normalised("２0２４年１月１日", "共３０日") == "２０２４年１月１日"


# -- stray spaces -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本合同 约定的服务", "本合同约定的服务"),
        ("甲 方应当按期付款", "甲方应当按期付款"),
        ("洗衣、通讯 、饮料", "洗衣、通讯、饮料"),
        ("开始时间____时， 结束时间", "开始时间____时，结束时间"),
        ("费用, 包括交通", "费用，包括交通"),  # the comma made full-width, its space gone
        ("甲 方 应 当 按 期 付 款。", "甲方应当按期付款。"),  # a scrape spaced every character
    ],
)
def test_spaces_between_chinese_characters_are_removed(text: str, expected: str) -> None:
    assert normalised(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "地  址：北京市\n电  话：010-1234",  # labels aligned by spaces
        "本合同于 年 月 日签订，金额 元。",  # spaces standing for numbers to fill in
        "第一条 定义\n附件一 数据清单",  # a label and its title
        "2007年6月29日 第十届全国人民代表大会常务委员会第二十八次会议通过",
        "甲方（盖章）：\u3000\u3000\u3000乙方（盖章）：",  # ideographic spaces
        "甲方签字     乙方签字",  # two or more: layout
        "甲方签字  乙方签字",
        "甲方：张三 乙方：李四",  # the space parts two fields
        "适用 GDPR 的规定，见 Article 5。",  # spaces around Latin words and numbers
        "报价单：\n序号 服务名称 单价 数量",  # a table's row laid out by spaces
        "1、 服务内容\n（一） 总则",
    ],
)
def test_deliberate_spacing_is_kept(text: str) -> None:
    assert not typo(draft_of(text))


def test_cover_title_signature_and_tables_keep_their_spacing() -> None:
    table = Table(20, [[Cell(["姓 名"]), Cell(["张 三"])]])
    draft = draft_of(
        "正文。",
        title="合 同",
        cover=Passage(21, body=["合  同\n甲 方：\n签订日期"]),
        signature=Passage(22, body=["甲 方（盖章）\n乙 方（盖章）"]),
    )
    draft.parts[0].articles[0].tables.append(table)
    assert not typo(draft)


# -- blanks, references, places ---------------------------------------------------------------


def test_blanks_and_references_are_never_edited() -> None:
    draft = draft_of(
        ["甲方应于", Blank(30, "____"), ",按", Ref(2, "cn_article", ""), "的约定付款"],
        "第二条的约定",
    )
    draft.fields[30] = Field(30, "期限", value="五日,十日")  # a value is the lawyer's
    [found] = typo(draft)
    assert [(e.old, e.new, e.field_id) for e in found.fix.edits] == [(",", "，", None)]
    assert found.fix.edits[0].offset == 5  # the blank is one character of the block
    fix = normalise_typography(draft)
    ops.History(draft).push(fix_command(draft, fix).command)
    assert draft.fields[30].value == "五日,十日"
    assert draft.parts[0].articles[0].body[2] == "，按"


def test_cells_of_one_table_are_findings_of_their_own() -> None:
    table = Table(20, [[Cell(["甲方:北京"]), Cell(["乙方:上海"])]])
    draft = draft_of("正文。")
    draft.parts[0].articles[0].tables.append(table)
    found = typo(draft)
    assert len(found) == 2 and len({f.key for f in found}) == 2
    assert {f.article for f in found} == {"第一条"}


def test_an_update_after_renumbering_names_the_new_places() -> None:
    draft = draft_of("甲方,乙方", "丙方,丁方")
    engine = CheckEngine()
    assert [f.article for f in engine.run(draft) if f.kind in KINDS] == ["第一条", "第二条"]
    history = ops.History(draft)
    command = ops.insert_text_node(draft, draft.parts[0].id, 0, "定义", "无。")
    history.push(command)
    updated = [f for f in engine.update(draft, command.changes(draft)) if f.kind in KINDS]
    assert [f.article for f in updated] == ["第二条", "第三条"]
    assert [f.message.zh for f in updated] == [f.message.zh for f in typo(draft)]
    edit = ops.set_text(draft, draft.parts[0].articles[1].id, "甲方，乙方")
    history.push(edit)
    after = [f for f in engine.update(draft, edit.changes(draft)) if f.kind in KINDS]
    assert [f.article for f in after] == ["第三条"]


def test_an_ignored_typography_finding_stays_ignored_after_another_edit() -> None:
    from app.model.checks.fixes import ignore

    draft = draft_of("甲方,乙方", "丙方,丁方")
    history = ops.History(draft)
    history.push(ignore(draft, typo(draft)[0], "原文如此"))
    history.push(ops.set_text(draft, draft.parts[0].articles[1].id, "丙方,丁方,戊方"))
    assert [f.ignored for f in typo(draft)] == ["原文如此", None]


# -- the whole draft --------------------------------------------------------------------------


def test_the_whole_draft_is_normalised_in_one_undo_step() -> None:
    draft = draft_of("甲方,乙方 共同约定服务的内容为:", "第１2条", "2024年")
    before = dumps(draft)
    fix = normalise_typography(draft)
    assert len(fix.edits) == 4 and fix.label.zh == "统一全文标点、数字与空格（4处）"
    history = ops.History(draft)
    history.push(fix_command(draft, fix).command)
    texts = [plain(a.body) for a in draft.parts[0].articles]
    assert texts == ["甲方，乙方共同约定服务的内容为：", "第12条", "2024年"]
    assert normalise_typography(draft) is None and not typo(draft)
    assert len(history.done) == 1
    history.undo()
    assert dumps(draft) == before


_ALPHABET = list('甲乙合同约定方年日，。：；（）、“”《》,:;()?!  　\u00a00１2３.．\n_abA@/"') + [
    "https://x.cn/a?b"
]
_TEXT = st.lists(st.sampled_from(_ALPHABET), max_size=20).map("".join)
# a body: text with a blank of field 30 and references to the first article between
_BODY = st.lists(st.one_of(_TEXT, st.just(Blank(30, "____")), st.just(Ref(1, "cn_article", ""))),
                 max_size=4)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BODY, min_size=1, max_size=3), st.one_of(st.none(), _TEXT))
def test_normalising_is_undone_exactly_and_leaves_nothing_to_find(
    bodies: list[list], value: str | None
) -> None:
    draft = draft_of(*bodies)
    draft.fields[30] = Field(30, "期限", value=value)
    before = dumps(draft)
    for finding in typo(draft):  # each finding's own fix applies where it was found
        fix_command(draft, finding.fix)
    fix = normalise_typography(draft)
    if fix is None:
        assert not typo(draft)
        return
    assert all(e.field_id is None for e in fix.edits)  # a value is the lawyer's
    history = ops.History(draft)
    history.push(fix_command(draft, fix).command)
    assert draft.fields[30].value == value
    assert normalise_typography(draft) is None
    assert not typo(draft)
    history.undo()
    assert dumps(draft) == before
