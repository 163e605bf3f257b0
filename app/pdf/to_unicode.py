"""Text copied or extracted from our PDFs reads 方, not the radical ⽅.

A CJK font maps a radical's code point (⽅ U+2F45, ⻚ U+2EDA) and the ideograph's (方, 页) to
one glyph; Qt's PDF writer names each glyph's text by the first code point that maps to it,
and the radicals come first. So pdftotext, search and copy-paste gave 甲⽅ 第 1 ⻚, which
matches nothing. Each radical in the file's ToUnicode maps is replaced by its ideograph: four
hex digits for four, so no offset in the file moves.
"""

from __future__ import annotations

import re
import unicodedata

# The simplified forms in CJK Radicals Supplement, which have no compatibility mapping
# (the Kangxi radicals, U+2F00-U+2FD5, have one: NFKC).
_SUPPLEMENT = {
    0x2E8B: 0x353E, 0x2EA0: 0x6C11, 0x2EC1: 0x864E, 0x2EC4: 0x897F, 0x2EC5: 0x89C1,
    0x2EC6: 0x89D2, 0x2EC8: 0x8BA0, 0x2EC9: 0x8D1D, 0x2ECB: 0x8F66, 0x2ED3: 0x957F,
    0x2ED4: 0x95E8, 0x2ED8: 0x9752, 0x2EDA: 0x9875, 0x2EDB: 0x98CE, 0x2EDC: 0x98DE,
    0x2EDD: 0x98DF, 0x2EE2: 0x9A6C, 0x2EE3: 0x9AA8, 0x2EE4: 0x9B3C, 0x2EE5: 0x9C7C,
    0x2EE6: 0x9E1F, 0x2EE8: 0x9EA6, 0x2EE9: 0x9EC4, 0x2EEC: 0x9F50, 0x2EEE: 0x9F7F,
    0x2EF0: 0x9F99, 0x2EF3: 0x9F9F, 0x2E9F: 0x6BCD,
}  # fmt: skip
_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_TARGETS = re.compile(rb"\[[^\]]*\]|<([0-9A-Fa-f]{4})> <\1> <[0-9A-Fa-f]{4}>|"
                      rb"beginbfchar.*?endbfchar", re.S)  # fmt: skip
_CODE = re.compile(rb"<(2[EeFf][0-9A-Fa-f]{2})>")
_PAIR = re.compile(rb"(<[0-9A-Fa-f]{4}> )<(2[EeFf][0-9A-Fa-f]{2})>")


def ideograph(code: int) -> int:
    """The CJK ideograph a radical's code point stands for; any other code point unchanged."""
    if 0x2F00 <= code <= 0x2FD5:
        return ord(unicodedata.normalize("NFKC", chr(code)))
    return _SUPPLEMENT.get(code, code)


def _code(match: re.Match[bytes]) -> bytes:
    return b"<%04X>" % ideograph(int(match.group(match.lastindex or 0), 16))


def _targets(match: re.Match[bytes]) -> bytes:
    text = match.group(0)
    if text.startswith(b"beginbfchar"):  # <glyph> <text> pairs: only each pair's text
        return _PAIR.sub(lambda m: m.group(1) + _code(m), text)
    if text.startswith(b"["):
        return _CODE.sub(_code, text)
    head, _, last = text.rpartition(b" ")  # <glyph> <glyph> <text>: only the text
    return head + b" " + _CODE.sub(_code, last)


def ideographs_not_radicals(pdf: bytes) -> bytes:
    """The PDF with every radical in its ToUnicode maps replaced by its ideograph."""
    return _CMAP.sub(lambda m: _TARGETS.sub(_targets, m.group(0)), pdf)
