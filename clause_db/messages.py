"""Texts the program hands to a person (undo step names, errors) in both UI languages.

The library and the draft model have no Qt, so they cannot use the window's translator;
and the command line, which has none either, prints them too. So each text is written
once, where it is made, as a Chinese and an English form side by side (as the checks and
the numbering style names are), and whoever shows it picks the language: the window its
UI language, the command line what it always printed (English errors, Chinese undo step
names). Arguments are the contract's own text or a file name (never translated) or
another ``Msg`` (shown in the same language). It lives in the lowest layer so the
library's errors can carry both languages too (``ClauseDbError.message``).
"""

from __future__ import annotations


class Msg:
    """A text in Chinese and English, with ``{0}``-style arguments filled in when shown."""

    __slots__ = ("args", "en_form", "zh_form")

    def __init__(self, zh_form: str, en_form: str, *args: object) -> None:
        self.zh_form = zh_form
        self.en_form = en_form
        self.args = args

    def text(self, chinese: bool) -> str:
        form = self.zh_form if chinese else self.en_form
        return form.format(*(a.text(chinese) if isinstance(a, Msg) else a for a in self.args))

    @property
    def zh(self) -> str:
        return self.text(True)

    @property
    def en(self) -> str:
        return self.text(False)

    def __str__(self) -> str:
        return self.en

    def __repr__(self) -> str:
        return f"Msg({self.zh!r}, {self.en!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.zh, self.en) == (other.zh, other.en)

    def __hash__(self) -> int:
        return hash((self.zh, self.en))
