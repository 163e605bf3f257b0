"""Which language a contract is written in: Chinese or English, the two the library knows.

The patterns are compiled on first use (``re`` caches them), not at import: a class of
every Han character takes a few milliseconds to compile, and the window imports this
module before it first shows.
"""

from __future__ import annotations

import re

SAMPLE = 4000  # characters of a contract: enough to tell its language
_HAN = "[\u3400-\u9fff\uf900-\ufaff]"
_LATIN = "[A-Za-z]"


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character (so it is set the Chinese way: 标题：正文)."""
    return re.search(_HAN, text) is not None


def text_language(text: str) -> str:
    """'zh' when Han characters carry the text, else 'en' (a Han character carries about as
    much as a five-letter word)."""
    sample = text[:SAMPLE]
    return "zh" if len(re.findall(_HAN, sample)) * 5 >= len(re.findall(_LATIN, sample)) else "en"


def quoted_title(title: str) -> str:
    """A contract's title as its language quotes one: 《服务协议》, “Services Agreement”."""
    return f"《{title}》" if has_han(title) else f"“{title}”"
