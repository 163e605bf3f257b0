"""Which language a contract is written in: Chinese or English, the two the library knows."""

from __future__ import annotations

import re

SAMPLE = 4000  # characters of a contract: enough to tell its language
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def text_language(text: str) -> str:
    """'zh' when Han characters carry the text, else 'en' (a Han character carries about as
    much as a five-letter word)."""
    sample = text[:SAMPLE]
    return "zh" if len(_HAN.findall(sample)) * 5 >= len(_LATIN.findall(sample)) else "en"
