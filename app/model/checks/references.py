"""References that lead nowhere, and hidden text-direction characters.

A bound reference whose article was deleted keeps its last text (``dangling``); a mention
that matched no article when it was entered stayed plain text (``unresolved``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clause_db.messages import Msg
from clause_db.references import find_references
from clause_db.unsafe_chars import bidi_controls_in

from ..draft import Ref
from .finding import ERROR, WARNING, Finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .context import Context, Text

KINDS = ("dangling", "unresolved", "bidi_control")


def _mentions(text: Text) -> list[tuple[int, int]]:
    """Mentions of articles written as plain text (an annex attached apart is no error)."""
    return [
        (m.start, m.end)
        for m in find_references(text.text)
        if m.target != "annex" and not text.in_object(m.start, m.end)
    ]


def _has_ref(text: Text) -> bool:
    return any(isinstance(seg, Ref) for _, _, seg in text.objects)


def check(ctx: Context) -> Iterator[Finding]:
    for text, _ in ctx.each("refs", _has_ref):
        yield from ctx.kept("dangling", text, lambda t: _dangling(ctx, t))
    for text, mentions in ctx.each("mentions", _mentions):
        yield from ctx.kept("unresolved", text, lambda t, m=mentions: _unresolved(ctx, t, m))
    yield from _bidi_controls(ctx)


def _dangling(ctx: Context, text: Text) -> Iterator[Finding]:
    for start, end, seg in text.objects:
        if isinstance(seg, Ref) and seg.target not in ctx.places.paths:
            shown = text.text[start:end]
            yield Finding(
                "dangling", ERROR,
                Msg("{0}中的引用“{1}”指向的条款已被删除",
                    "In {0}, the reference “{1}” points at an article or clause "
                    "that was deleted",
                    Msg(*ctx.places.where(text.ref)), shown),
                **ctx.locate(text, start, end), subject=shown,
            )  # fmt: skip


def _unresolved(ctx: Context, text: Text, mentions: list[tuple[int, int]]) -> Iterator[Finding]:
    where = Msg(*ctx.places.where(text.ref))
    for start, end in mentions:
        shown = text.text[start:end]
        yield Finding(
            "unresolved", WARNING,
            Msg("{0}中的“{1}”未对应任何条款",
                "In {0}, “{1}” matches no article or clause of the draft", where, shown),
            **ctx.locate(text, start, end), subject=shown,
        )  # fmt: skip


def _bidi_controls(ctx: Context) -> Iterator[Finding]:
    """Bidi overrides (U+202E...) hidden in a field value or the text: the window shows the
    text after one backwards, so what the lawyer reads is not what it says. The export drops
    them (``app.word.export``); the check says where they were, the field or the text. A
    text read without any holds none in its own characters or in a value it shows."""
    shown: set[int] = set()
    for text, _ in ctx.each("bidi_read", lambda t: bool(bidi_controls_in(t.text))):
        for start, end, seg in text.objects:
            field = ctx.draft.fields.get(getattr(seg, "field_id", -1))
            codes = bidi_controls_in(field.value or "") if field is not None else []
            if codes and field.id not in shown:
                shown.add(field.id)
                name = field.name or field.label
                yield _bidi(Msg("“{0}”的填写内容", "the value of “{0}”", name), codes,
                            **ctx.locate(text, start, end), field_id=field.id)  # fmt: skip
        codes = ctx.memo("bidi", text, lambda t: bidi_controls_in(t.block.text))
        if codes:
            yield _bidi(Msg(*ctx.places.where(text.ref)), codes, ref=text.ref)


def _bidi(where: Msg, codes: list[str], **place: object) -> Finding:
    return Finding(
        "bidi_control", WARNING,
        Msg("{0}含有隐藏的文字方向控制字符（{1}），其后的文字会倒序显示；导出 Word 时将删除",
            "{2} holds hidden text-direction characters ({3}) that show the text after them "
            "reversed; the Word export leaves them out",
            where, "、".join(codes), _capital(where.en), ", ".join(codes)),
        subject=",".join(codes), **place,  # type: ignore[arg-type]
    )  # fmt: skip


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
