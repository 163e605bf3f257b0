"""Amounts: figures against 大写, malformed 大写, percentages, instalments, two currencies.

What each text says about money is read once (``money_reading``, kept by ``Context.each``);
the findings are judged from that: a figure and its 大写 (or English words) in one place,
a 大写 against the rules of 《支付结算办法》, 30%（百分之三十）, a payment schedule of one
article against 100% or its total, and a contract stating amounts in two currencies.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from clause_db.capital_numerals import MAX_FEN, read_capital, write_capital
from clause_db.messages import Msg

from ..doc_blocks import BlockRef
from ..draft import Blank
from .finding import ERROR, INFO, WARNING, Finding, Fix, TextEdit
from .money_reading import (
    DOLLAR,
    NOTHING,
    YUAN,
    AmountInWords,
    Figure,
    Instalment,
    MoneyFacts,
    as_yuan,
    english_amount,
    introduces_schedule,
    read_listed,
    read_money,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ..draft import Node
    from .context import Context, Text

KINDS = ("amount_mismatch", "amount_malformed", "percent_mismatch", "instalments_sum",
         "two_currencies")  # fmt: skip

_CURRENCY_NAMES = {
    "CNY": ("人民币", "RMB"), "USD": ("美元", "US dollars"), "HKD": ("港币", "HK dollars"),
    "EUR": ("欧元", "euros"), "GBP": ("英镑", "pounds sterling"), "JPY": ("日元", "yen"),
    "TWD": ("新台币", "NT dollars"), "AUD": ("澳元", "Australian dollars"),
    "CAD": ("加元", "Canadian dollars"), "SGD": ("新加坡元", "Singapore dollars"),
    "KRW": ("韩元", "Korean won"), "CHF": ("瑞士法郎", "Swiss francs"),
    "MOP": ("澳门元", "patacas"), "INR": ("印度卢比", "Indian rupees"),
    "NZD": ("新西兰元", "New Zealand dollars"),
}  # fmt: skip


def _facts(text: Text) -> MoneyFacts | None:
    found = read_money(text.text)
    return None if found is NOTHING else found


def _listed(text: Text) -> MoneyFacts | None:
    return read_listed(text.text)


def _introduces(text: Text) -> bool:
    """A clause heading that introduces the schedule its text lists (按以下比例分期支付：)."""
    return (
        text.ref.kind == "heading"
        and ("付" in text.text or "ayable" in text.text)
        and introduces_schedule(text.text)
    )


def _with_listed(
    ctx: Context, read: list[tuple[Text, MoneyFacts]]
) -> list[tuple[Text, MoneyFacts]]:
    """``read`` with the text under each heading that introduces a schedule read as the
    list of its payments (``read_listed``), in reading order."""
    intros = ctx.each("schedule_intro", _introduces)
    if not intros:
        return read
    found = {t.ref: (t, f) for t, f in read}
    for heading, _ in intros:
        index = ctx.order(BlockRef("body", heading.ref.owner))
        if index < len(ctx.texts):
            text = ctx.texts[index]
            listed = ctx.memo("money_listed", text, _listed)
            if listed:
                found[text.ref] = (text, listed)
    return sorted(found.values(), key=lambda pair: pair[0].index)


def check(ctx: Context) -> Iterator[Finding]:
    """A text's own amounts and percentages are judged once and kept with it (``kept``);
    schedules and currencies are weighed from the texts that state money (``each``)."""
    read = _with_listed(ctx, ctx.each("money", _facts))
    for text, facts in read:
        if facts.amounts or facts.percents:
            yield from ctx.kept("amounts", text, lambda t, f=facts: _own(ctx, t, f))
    yield from _schedules(ctx, read)
    yield from _currencies(ctx, read)


def _own(ctx: Context, text: Text, facts: MoneyFacts) -> Iterator[Finding]:
    """What one text gets wrong on its own: a figure against its words, a percentage."""
    for amount in facts.amounts:
        found = _amount(ctx, text, amount)
        if found is not None:
            yield found
    for p in facts.percents:
        if p.figure != p.words:
            yield Finding(
                "percent_mismatch", ERROR,
                Msg("{0}中“{1}”的数字与文字不一致", "In {0}, “{1}” says two different "
                    "percentages", Msg(*ctx.places.where(text.ref)), p.shown),
                **ctx.locate(text, p.start, p.end), subject=p.shown,
            )  # fmt: skip


# -- a figure and its 大写 ------------------------------------------------------------------


def _fen(value: Decimal) -> int | None:
    fen = value * 100
    return int(fen) if fen == fen.to_integral_value() and 0 <= fen < MAX_FEN else None


def _amount(ctx: Context, text: Text, a: AmountInWords) -> Finding | None:
    where = Msg(*ctx.places.where(text.ref))
    if a.english:
        return _english(ctx, text, a, where)
    words, foreign = as_yuan(a.words)
    unit_outside = not re.search("[元圆角分]", words)  # 12000元（大写：壹万贰仟）: 元 is outside
    reading = read_capital(words + "元" if unit_outside else words)
    figure = _fen(a.figure.value) if a.figure is not None else None
    if reading.well_formed:
        if figure is None or reading.value == figure:
            return None
        return Finding(
            "amount_mismatch", ERROR,
            Msg("{0}中小写金额{1}与大写“{2}”不一致（大写为{3}元）",
                "In {0}, the figure {1} and the amount in words “{2}” disagree (the words "
                "say {3})", where, _shown(text, a.figure), a.words, _yuan(reading.value)),
            **ctx.locate(text, a.start, a.end), subject=a.words,
            fix=_capital_fix(text, a, figure) if not unit_outside else None,
        )  # fmt: skip
    if not a.labelled:
        return None
    meant = reading.value if figure is None else figure
    should = write_capital(meant) if meant is not None and not (foreign or unit_outside) else None
    if figure is not None and reading.values and figure not in reading.values:
        # a slip in the form, and another amount too: the amount is what matters
        return Finding(
            "amount_mismatch", ERROR,
            Msg("{0}中小写金额{1}与大写“{2}”不一致，且大写写法不规范",
                "In {0}, the figure {1} and the amount in words “{2}” disagree, and the "
                "words are not written as 大写 should be",
                where, _shown(text, a.figure), a.words),
            **ctx.locate(text, a.start, a.end), subject=a.words,
            fix=_capital_fix(text, a, figure) if not unit_outside else None,
        )  # fmt: skip
    return Finding(
        "amount_malformed", WARNING,
        Msg("{0}中的大写金额“{1}”写法不规范{2}", "In {0}, the amount in words “{1}” is not "
            "written as 大写 should be{3}", where, a.words,
            f"，应为“{should}”" if should else "",
            f"; it should read “{should}”" if should else ""),
        **ctx.locate(text, a.start, a.end), subject=a.words,
        fix=_capital_fix(text, a, meant) if should else None,
    )  # fmt: skip


def _english(ctx: Context, text: Text, a: AmountInWords, where: Msg) -> Finding | None:
    said = english_amount(a.words)
    if said is None or a.figure is None or said == a.figure.value:
        return None
    return Finding(
        "amount_mismatch", ERROR,
        Msg("{0}中金额{1}与文字“{2}”不一致", "In {0}, the figure {1} and the words “{2}” "
            "disagree", where, _shown(text, a.figure), a.words.strip()),
        **ctx.locate(text, a.start, a.end), subject=a.words.strip(),
    )  # fmt: skip


def _shown(text: Text, figure: Figure | None) -> str:
    return text.text[figure.start : figure.end] if figure is not None else ""


def _yuan(fen: int | None) -> str:
    if fen is None:
        return "?"
    yuan, rest = divmod(fen, 100)
    return f"{yuan:,}" + (f".{rest:02d}" if rest else "")


def _capital_fix(text: Text, a: AmountInWords, fen: int | None) -> Fix | None:
    """Write the 大写 of ``fen`` in place of the words: in the text when they are plain
    text, in the field's value when they are one filled field's whole value."""
    if fen is None or as_yuan(a.words)[1]:
        return None
    new = write_capital(fen)
    label = Msg("将大写改为“{0}”", "Write the amount in words as “{0}”", new)
    old = text.text[a.start : a.end]
    if not text.in_object(a.start, a.end):
        offset, length = text.span(a.start, a.end)
        return Fix(label, (TextEdit(text.ref, offset, length, old, new),))
    for s, e, seg in text.objects:
        if isinstance(seg, Blank) and s <= a.start and a.end <= e:
            return Fix(label, (TextEdit(text.ref, a.start - s, len(old), old, new, seg.field_id),))
    return None


# -- payment schedules ---------------------------------------------------------------------


def _schedules(ctx: Context, read: list[tuple[Text, MoneyFacts]]) -> Iterator[Finding]:
    """Each article's instalments (its clauses and tables together) against 100% or the
    total it states; a text outside the articles is judged alone."""
    groups: dict[object, tuple[Node | None, list[tuple[Text, MoneyFacts]]]] = {}
    for text, facts in read:
        if facts.instalments or facts.totals:
            article = ctx.places.article_of(text.ref)
            key = article.id if article is not None else text.ref
            groups.setdefault(key, (article, []))[1].append((text, facts))
    for article, group in groups.values():
        if article is None:
            yield from _schedule(ctx, group)
        else:  # kept until a text of the article changes
            yield from ctx.of_article("schedule", article, lambda _, g=group: _schedule(ctx, g))


def _schedule(ctx: Context, group: list[tuple[Text, MoneyFacts]]) -> tuple[Finding, ...]:
    """The first schedule of one article (or text) whose instalments do not add up."""
    items = [(t, i) for t, f in group for i in f.instalments]
    parts = frozenset().union(*(f.parts for _, f in group))
    totals = {x.value for _, f in group for x in f.totals}
    for schedule in _split(items):
        found = _judge_schedule(ctx, schedule, parts, totals)
        if found is not None:
            return (found,)
    return ()


def _split(items: list[tuple[Text, Instalment]]) -> list[list[tuple[Text, Instalment]]]:
    """Schedules: a first instalment (首期) starts a new one (two payment options)."""
    out: list[list[tuple[Text, Instalment]]] = [[]]
    for item in items:
        if item[1].marker == "first" and out[-1]:
            out.append([])
        out[-1].append(item)
    return out


def _judge_schedule(
    ctx: Context,
    items: list[tuple[Text, Instalment]],
    parts: frozenset[int],
    totals: set[Decimal],
) -> Finding | None:
    marked = [i for _, i in items if i.marker is not None]
    rest = any(i.rest for i in marked)  # 签约时支付60%，…剩余的30%: the two are the whole
    if len(marked) < (1 if rest and len(items) >= 2 else 2) or any(i.unfilled for _, i in items):
        return None
    ordinals = [i.ordinal for _, i in items]
    complete = any(i.marker == "final" for i in marked) or (
        ordinals == list(range(1, len(items) + 1)) and all(i.of_total for _, i in items)
    )  # 第一笔…第三笔, each a share of the total: the last said is the last
    shares = [(t, i) for t, i in items if i.percent is not None]
    if len(shares) >= 2 and len(shares) == len(items):
        total = sum((i.percent for _, i in shares), Decimal(0))  # type: ignore[misc]
        if total != 100 and (complete or len(shares) in parts or total > 100):
            return _sum_finding(ctx, shares, f"{_plain(total)}%", "100%")
        return None
    amounts = [(t, i) for t, i in items if i.amount is not None and i.percent is None]
    if len(amounts) >= 2 and len(amounts) == len(items) and len(totals) == 1:
        total = sum((i.amount.value for _, i in amounts), Decimal(0))  # type: ignore[union-attr]
        stated = next(iter(totals))
        currencies = {i.amount.currency for _, i in amounts} - {None}  # type: ignore[union-attr]
        if total != stated and len(currencies) <= 1 and (complete or len(amounts) in parts):
            return _sum_finding(ctx, amounts, _plain(total), _plain(stated))
    return None


def _plain(value: Decimal) -> str:
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _sum_finding(
    ctx: Context, items: list[tuple[Text, Instalment]], got: str, expected: str
) -> Finding:
    text, last = items[-1]
    shown = "、".join(t.text[i.start : i.end].strip("，,；;。、 ") for t, i in items)
    where = Msg(*ctx.places.where(text.ref))
    return Finding(
        "instalments_sum", WARNING,
        Msg("{0}中各期付款合计为{1}，与总额{2}不符", "In {0}, the instalments add up to {1}, "
            "not the total of {2}", where, got, expected),
        **ctx.locate(text, last.start, last.end), subject=f"{got}/{expected}",
        why=Msg("各期：{0}", "Instalments: {0}", shown) if len(items) <= 6 else None,
    )  # fmt: skip


# -- currencies ---------------------------------------------------------------------------

_DOLLARS = frozenset({"USD", "CAD", "AUD", "HKD", "SGD", "TWD", "NZD"})


def _merge(ctx: Context, first: dict[str, tuple[Text, int, int]], sign: str, code: str) -> None:
    """The currency a sign alone stands for takes its first mention (if earlier); the
    currencies stay in reading order."""
    at = first.pop(sign)
    first[code] = min(first.get(code, at), at, key=lambda p: (ctx.order(p[0].ref), p[1]))
    ordered = sorted(first.items(), key=lambda kv: (ctx.order(kv[1][0].ref), kv[1][1]))
    first.clear()
    first.update(ordered)


def _currencies(ctx: Context, read: list[tuple[Text, MoneyFacts]]) -> Iterator[Finding]:
    """One finding when amounts are stated in two currencies and nothing says how one
    converts into the other (汇率, exchange rate)."""
    first: dict[str, tuple[Text, int, int]] = {}
    for text, facts in read:
        if facts.converts:
            return
        for code, start, end in facts.currencies:
            first.setdefault(code, (text, start, end))
    if DOLLAR in first:  # $ alone: the dollars the contract names, else US dollars
        named = [c for c in first if c in _DOLLARS]
        _merge(ctx, first, DOLLAR, named[0] if len(named) == 1 else "USD")
    if YUAN in first and not {"TWD", "HKD"} & first.keys():  # 元 alone: 人民币 unless it
        _merge(ctx, first, YUAN, "CNY")  # names 新台币 or 港元
    first.pop(YUAN, None)
    if len(first) < 2:
        return
    codes = list(first)
    text, start, end = first[codes[1]]
    zh = "、".join(_CURRENCY_NAMES.get(c, (c, c))[0] for c in codes)
    en = ", ".join(_CURRENCY_NAMES.get(c, (c, c))[1] for c in codes)
    yield Finding(
        "two_currencies", INFO,
        Msg("合同以多种货币（{0}）表示金额，未约定汇率或折算方式",
            "The contract states amounts in more than one currency ({1}) and says nothing "
            "of an exchange rate", zh, en),
        **ctx.locate(text, start, end), subject="/".join(sorted(codes)),
    )  # fmt: skip
