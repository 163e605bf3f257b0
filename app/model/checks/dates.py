"""Dates and periods: impossible dates, end before start, one period written two ways.

What each text says is read once (``date_reading``, kept by ``Context.each``). A period is
compared only with the periods of the same act (the words around it, parties and filler
left out: 验收合格后…日内支付服务费): the same act with two numbers, or one number written
as 三十日 here and 30日 there. ``thirty (30) days`` is one period, written twice on purpose;
``thirty (45) days`` is two.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from ..draft import Blank
from .date_reading import NOTHING, DateFacts, Period, read_dates
from .finding import ERROR, INFO, WARNING, Finding

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from .context import Context, Text

KINDS = ("date_impossible", "date_order", "period_inconsistent", "period_unfilled")


def _facts(text: Text) -> DateFacts | None:
    found = read_dates(text.text)
    return None if found is NOTHING else found


def check(ctx: Context) -> Iterator[Finding]:
    """A text's own dates and periods are judged once and kept with it (``kept``); periods
    still to fill (once per field) and the same act's periods across texts are weighed
    from the texts that state dates (``each``)."""
    by_act: dict[str, list[tuple[Text, Period]]] = defaultdict(list)
    by_event: dict[str, list[tuple[Text, Period]]] = defaultdict(list)  # from one event
    by_document: dict[str, list[tuple[Text, Period]]] = defaultdict(list)  # paid after it
    unfilled: set[object] = set()
    labelled: dict[int, list[tuple[Text, tuple[str, int, int, date]]]] = defaultdict(list)
    heading: dict[int, str] = {}  # the node whose heading is a date's label: 计划开工日期
    for text, facts in ctx.each("dates", _facts):
        if facts.names and text.ref.kind == "heading":
            heading[text.ref.owner] = facts.names
        if facts.labelled and (article := ctx.places.article_of(text.ref)) is not None:
            labelled[article.id] += [
                (text, d if d[0] != "lead" else (heading.get(text.ref.owner, ""), *d[1:]))
                for d in facts.labelled
            ]
        yield from ctx.kept("dates", text, lambda t, f=facts: _own(ctx, t, f))
        for p in facts.periods:
            if p.value is None:
                found = _unfilled(ctx, text, p, unfilled)
                if found is not None:
                    yield found
            elif not p.mismatch:
                if p.key:
                    by_act[p.key].append((text, p))
                if p.event:
                    by_event[p.event].append((text, p))
                if p.document:
                    by_document[p.document].append((text, p))
    for dates in labelled.values():
        found = _ends_before_start(ctx, dates)
        if found is not None:
            yield found
    told = set()
    for periods in by_act.values():
        found = _inconsistent(ctx, periods)
        if found is not None:
            told.add(found.subject)
            yield found
    # one payment term said in two clauses in other words (收到增值税专用发票后三十日内一次性
    # 支付 / 收到发票后30日内支付至指定账户): the document it runs from tells it is one
    for periods in by_document.values():
        found = _inconsistent(ctx, periods)
        if found is not None and found.subject not in told and len({p.key for _, p in periods}) > 1:
            told.add(found.subject)
            yield found
    for found in _same_duty(ctx, by_act):
        if found.subject not in told:
            told.add(found.subject)
            yield found
    for periods in by_event.values():
        found = _written_differently(ctx, periods)
        if found is not None and found.subject not in told:
            yield found


def _own(ctx: Context, text: Text, facts: DateFacts) -> Iterator[Finding]:
    """What one text gets wrong on its own: a date, a range, a period in two numbers."""
    where = Msg(*ctx.places.where(text.ref))
    for bad in facts.impossible:
        yield Finding(
            "date_impossible", ERROR,
            Msg("{0}中的日期“{1}”不存在{2}", "In {0}, the date “{1}” does not exist{3}",
                where, bad.shown,
                f"（该月只有{bad.days}天）" if bad.days else "（没有这个月份）",
                f" (that month has {bad.days} days)" if bad.days else " (no such month)"),
            **ctx.locate(text, bad.start, bad.end), subject=bad.shown,
        )  # fmt: skip
    for start, end, shown in facts.reversed_ranges:
        yield Finding(
            "date_order", ERROR,
            Msg("{0}中“{1}”的结束日期早于开始日期",
                "In {0}, “{1}” ends before it starts", where, shown),
            **ctx.locate(text, start, end), subject=shown,
        )  # fmt: skip
    for p in facts.periods:
        if p.value is not None and p.mismatch:
            shown = text.text[p.start : p.end]
            yield Finding(
                "period_inconsistent", WARNING,
                Msg("{0}中的期限“{1}”文字与数字不一致",
                    "In {0}, the period “{1}” says one number in words and another in "
                    "figures", where, shown),
                **ctx.locate(text, p.start, p.end), subject=shown,
            )  # fmt: skip


def _ends_before_start(
    ctx: Context, dates: list[tuple[Text, tuple[str, int, int, date]]]
) -> Finding | None:
    """One article's start date and end date in two of its texts (2.1 开工日期 … 2.2 竣工日期)
    when the end is before the start; an article with more than one of either pairs
    nothing (which end goes with which start is unsaid). One text's pair is ``read_dates``'."""
    starts = [(t, d) for t, d in dates if d[0] == "start"]
    ends = [(t, d) for t, d in dates if d[0] == "end"]
    if len(starts) != 1 or len(ends) != 1 or starts[0][0] is ends[0][0]:
        return None
    (first, (_, a0, a1, begun)), (text, (_, b0, b1, ended)) = starts[0], ends[0]
    if not ended < begun:
        return None
    a, b = first.text[a0:a1], text.text[b0:b1]
    return Finding(
        "date_order", ERROR,
        Msg("{0}中的结束日期“{1}”早于{2}中的开始日期“{3}”",
            "In {0}, the end date “{1}” is before the start date “{3}” in {2}",
            Msg(*ctx.places.where(text.ref)), b, Msg(*ctx.places.where(first.ref)), a),
        **ctx.locate(text, b0, b1), subject=f"{a}/{b}",
    )  # fmt: skip


def _field_of(text: Text, p: Period) -> int | None:
    """The field whose blank is the period's number (None: a blank typed as text)."""
    return next(
        (seg.field_id for s, e, seg in text.objects if isinstance(seg, Blank) and s < p.end
         and p.start < e),
        None,
    )  # fmt: skip


def period_fields(ctx: Context) -> set[int]:
    """The fields that are a period's number (____日内, ____年): ``period_unfilled`` says
    them, so ``fields`` leaves them out (one finding per field)."""
    return {
        field_id
        for text, facts in ctx.each("dates", _facts)
        if text.objects
        for p in facts.periods
        if p.value is None and (field_id := _field_of(text, p)) is not None
    }


def _unfilled(ctx: Context, text: Text, p: Period, seen: set[object]) -> Finding | None:
    """A period whose number is a blank: once per field. A marker typed as text (××个月) is
    ``leftovers``' template_marker: one finding a place."""
    field_id = _field_of(text, p)
    field = ctx.draft.fields.get(field_id) if field_id is not None else None
    if field is None or not field.unfilled() or field_id in seen:
        return None
    seen.add(field_id)
    shown = text.text[p.start : p.end]
    return Finding(
        "period_unfilled", WARNING,
        Msg("{0}中的期限“{1}”尚未填写数字", "In {0}, the period “{1}” has no number yet",
            Msg(*ctx.places.where(text.ref)), shown),
        **ctx.locate(text, p.start, p.end), field_id=field_id, subject=str(field_id),
    )  # fmt: skip


def _inconsistent(ctx: Context, periods: list[tuple[Text, Period]]) -> Finding | None:
    """The same act with two periods (a warning), or one period written in figures in one
    place and in words in another (style: info). Said once, at the second way."""
    first_text, first = periods[0]
    for text, p in periods[1:]:
        differs = (p.value, p.unit) != (first.value, first.unit)
        scripts = {p.script, first.script}
        if not differs and scripts != {"digits", "words"}:
            continue
        where = Msg(*ctx.places.where(text.ref))
        there = Msg(*ctx.places.where(first_text.ref))
        a, b = first_text.text[first.start : first.end], text.text[p.start : p.end]
        return Finding(
            "period_inconsistent", WARNING if differs else INFO,
            Msg("{0}的期限“{1}”与{2}中同一事项的期限“{3}”{4}",
                "In {0}, the period “{1}” for the same act as “{3}” in {2} {5}",
                where, b, there, a, "不一致" if differs else "写法不一致（数字与汉字）",
                "differs" if differs else "is written differently (figures and words)"),
            **ctx.locate(text, p.start, p.end), subject=f"{a}/{b}",
        )  # fmt: skip
    return None


_ALIKE_KEYS = 64  # the distinct acts compared pairwise from one event (a few in a contract)


def _same_duty(ctx: Context, by_act: dict[str, list[tuple[Text, Period]]]) -> Iterator[Finding]:
    """One duty said in two clauses in slightly other words: the event with more or fewer
    words before it (设备到货 / 到货), the act with more or fewer words around it
    (完成安装调试 / 负责完成安装调试并提交报告). Its periods are weighed as one act's
    (``_inconsistent``)."""
    by_tail: dict[str, list[tuple[str, str, list[tuple[Text, Period]]]]] = defaultdict(list)
    for key, periods in by_act.items():
        event, _, act = key.partition("|")
        if len(event) >= 2 and len(by_tail[event[-2:]]) < _ALIKE_KEYS:
            by_tail[event[-2:]].append((event, act, periods))
    for keys in by_tail.values():
        for j, (event, act, periods) in enumerate(keys):
            for first_event, first_act, first in keys[:j]:
                if (
                    _same_event(event, first_event)
                    and _alike(act, first_act)
                    and not _BEYOND.match(act)
                    and not _BEYOND.match(first_act)
                ):
                    found = _inconsistent(ctx, [first[0], periods[0]])
                    if found is not None:
                        yield found
                        break


# a period beyond its event rather than within it (行程开始前30日以上提出解除 / 三十日以内)
_BEYOND = re.compile(r"以上|以外|之外|以前|以后|以下|[上外]")


def _same_event(a: str, b: str) -> bool:
    """Two events ending alike: all of the shorter, or four characters at least (设备到货 /
    到货, 承包人图纸交付 / 设计图纸交付; not 收到发票 / 开具发票)."""
    need = min(4, len(a), len(b))
    return a[-need:] == b[-need:]


def _alike(a: str, b: str) -> bool:
    """Two acts' words: the shorter's (at least four characters) mostly within the longer."""
    short, long = sorted((a, b), key=len)
    need = max(4, -(-3 * len(short) // 4))  # three quarters of it, rounded up
    return any(short[i : i + need] in long for i in range(len(short) - need + 1))


def _written_differently(ctx: Context, periods: list[tuple[Text, Period]]) -> Finding | None:
    """Periods running from one event (到货日起十五个工作日内 / 到货日起15个工作日内) with
    the same number written in words in one place and in figures in another, each for
    its own act (one act's are ``_inconsistent``'s): style, said once at the second.

    One pass: for each (number, unit, 内, script) the earliest period so far and the
    earliest whose act differs from that one's -- a draft that repeats one clause a
    thousand times would otherwise compare every pair."""
    seen: dict[tuple, tuple[tuple[Text, Period], tuple[Text, Period] | None]] = {}
    for text, p in periods:
        within = _within(text, p)
        other = "words" if p.script == "digits" else "digits"
        found = seen.get((p.value, p.unit, within, other)) if p.script in _SCRIPTS else None
        if found is not None:
            earliest, differing = found
            first_text, first = (
                earliest if not p.key or earliest[1].key != p.key else differing or (None, None)
            )
            if first is not None:
                a, b = first_text.text[first.start : first.end], text.text[p.start : p.end]
                return Finding(
                    "period_inconsistent", INFO,
                    Msg("{0}的期限“{1}”与{2}中自同一事件起算的期限“{3}”写法不一致（数字与汉字）",
                        "In {0}, the period “{1}” is written differently (figures and words) "
                        "from “{3}” in {2}, which runs from the same event",
                        Msg(*ctx.places.where(text.ref)), b,
                        Msg(*ctx.places.where(first_text.ref)), a),
                    **ctx.locate(text, p.start, p.end), subject=f"{a}/{b}",
                )  # fmt: skip
        group = (p.value, p.unit, within, p.script)
        kept = seen.get(group)
        if kept is None:
            seen[group] = ((text, p), None)
        elif kept[1] is None and kept[0][1].key != p.key:
            seen[group] = (kept[0], (text, p))
    return None


_SCRIPTS = ("digits", "words")


def _within(text: Text, p: Period) -> bool:
    return text.text[p.end - 1 : p.end] == "内"
