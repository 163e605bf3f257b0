"""Read contract text files whatever encoding the lawyer's tools saved them in.

Lawyers receive .txt files from Windows (GBK, Big5, UTF-16 with BOM, CRLF), from Macs and from
web exports; we decode them without asking and say clearly when a file is not text at all.
Bytes that no encoding explains become U+FFFD and are reported (how many, where the first one
is), never dropped in silence. Line endings are normalised (CRLF and CR become LF), so every
offset the outline stores refers to the normalised text, not to the bytes on disk. Every other
character is kept.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from clause_db.errors import InputError
from clause_db.messages import Msg

MAX_BYTES = 64 * 1024 * 1024  # far beyond any contract; stops us loading a disk image

REPLACED = "utf-8 (with replacements)"

# UTF-32 first: its little-endian BOM begins with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC = (
    (b"%PDF-", Msg(
        "PDF 文件；请先导出为文本或 Word", "a PDF file; export it to text or Word first"
    )),
    (b"PK\x03\x04", Msg(
        "Word（.docx）或其他 zip 文件；.docx 文件另行导入",
        "a Word (.docx) or other zip file; .docx files are imported separately",
    )),
    (b"PK\x05\x06", Msg("zip 文件，不是纯文本", "a zip file, not plain text")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Msg(
        "旧版 Word（.doc）或 Excel 文件；请另存为 .docx",
        "an old Word (.doc) or Excel file; save it as .docx",
    )),
    (b"\x89PNG\r\n\x1a\n", Msg("PNG 图片，不是文本", "a PNG image, not text")),
    (b"\xff\xd8\xff", Msg("JPEG 图片，不是文本", "a JPEG image, not text")),
    (b"GIF8", Msg("GIF 图片，不是文本", "a GIF image, not text")),
    (b"\x1f\x8b", Msg("gzip 压缩包，不是文本", "a gzip archive, not text")),
)  # fmt: skip


# Control characters no text editor writes; tab, LF, VT, FF and CR are ordinary.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 1 << 20  # judging "looks like text" on the first million characters is enough
_MAX_CONTROL_SHARE = 0.05
_GUESS_SAMPLE = 1 << 16  # bytes of non-ASCII lines the encoding of a non-UTF-8 file is judged on
# Share of the non-ASCII bytes UTF-8 may fail on and still be the file's encoding (a few damaged
# bytes); GB and Big5 text read as UTF-8 fails on 60-75% of them.
_MAX_UTF8_DAMAGE = 0.2
_MIN_CJK_PLAUSIBLE = 0.9  # share of non-ASCII characters a Chinese reading must make sense of
# Share of common characters (below) that makes a clean Chinese reading certain: real GBK and
# Big5 text has ~95%; UTF-8 read as GBK or Big5 has few, and decoding errors besides.
_MIN_COMMON_SHARE = 0.8
_MAX_CJK_DAMAGE = 0.01  # share of the non-ASCII bytes a convincing reading may fail on
# The legacy Chinese encodings, Simplified first (it wins a tie): GB18030 is a superset of GBK
# and GB2312; cp950 is Big5 as Windows writes it (with the ETEN additions and the euro sign).
_CJK_CODECS = ("gb18030", "cp950")
_WIDE_BYTE = re.compile(rb"[\x80-\xff]")
_ERRORS = "clause_db.replace-and-count"


@dataclass(frozen=True)
class Undecodable:
    """Bytes of a file no encoding could read; each undecodable sequence became one U+FFFD."""

    count: int  # undecodable bytes in the whole file
    line: int  # where the first one is in the text as read (1-based, after CRLF -> LF)
    column: int  # 1-based, in characters
    offset: int  # where it is in the file, in bytes from its start

    @property
    def message(self) -> Msg:
        many = "byte" if self.count == 1 else "bytes"
        return Msg(
            "{0} 个无法解码的字节已替换为 U+FFFD；第一个在第 {2} 行第 {3} 列（文件的第 {4} 字节）",
            "{0} undecodable {1} replaced by U+FFFD; the first at line {2}, column {3} "
            "(byte {4} of the file)",
            self.count, many, self.line, self.column, self.offset,
        )  # fmt: skip

    def __str__(self) -> str:
        return self.message.en


class Decoded(NamedTuple):
    """A text file's text, the encoding it was read with, and what could not be read."""

    text: str
    encoding: str  # a Python codec name, with " (with replacements)" when bytes were lost
    undecodable: Undecodable | None = None


def read_text_file(path: str | os.PathLike[str]) -> Decoded:
    """The text of a text file and how it was read; every failure is an ``InputError``."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # bounded: a huge file is refused, not loaded
    except FileNotFoundError:
        raise InputError(Msg("{0} 不存在。", "{0} does not exist.", name)) from None
    except IsADirectoryError:
        raise InputError(_folder(name)) from None
    except PermissionError:
        if os.path.isdir(path):  # Windows reports folders this way
            raise InputError(_folder(name)) from None
        raise InputError(Msg("没有读取 {0} 的权限。", "No permission to read {0}.", name)) from None
    except OSError as e:
        raise InputError(
            Msg("无法读取 {0}：{1}。", "Cannot read {0}: {1}.", name, e.strerror or e)
        ) from None
    return decode_bytes(data, source=name)


def _binary(source: str | Msg) -> Msg:
    return Msg(
        "{0} 看起来是二进制文件，不是文本。", "{0} looks like a binary file, not text.", source
    )


def _folder(name: str) -> Msg:
    return Msg("{0} 是文件夹，不是文本文件。", "{0} is a folder, not a text file.", name)


THE_TEXT = Msg("该文本", "The text")  # what errors call text that came without a file name


def decode_bytes(data: bytes, *, source: str | Msg = THE_TEXT) -> Decoded:
    """The text in the bytes of a text file; ``source`` names it in errors.

    The encoding is a Python codec name ("utf-8", "utf-8-sig", "utf-16-le", "gb18030", "cp950",
    ...) so the text can be written back the same way; when some bytes fit no encoding it is
    "<codec> (with replacements)" (``REPLACED`` for UTF-8) and ``undecodable`` says how many
    bytes were lost and where the first one was.
    """
    if len(data) > MAX_BYTES:
        raise InputError(Msg(
            "{0} 超过 {1} MB，作为合同太大了。",
            "{0} is larger than {1} MB, too large for a contract.",
            source,
            MAX_BYTES >> 20,
        ))  # fmt: skip
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(Msg("{0} 看起来是{1}。", "{0} looks like {1}.", source, what))
    text, encoding, undecodable = _decode(data, source)
    text = _lf(text)
    if not text.strip():
        raise InputError(Msg("{0} 是空的。", "{0} is empty.", source))
    sample = text[:_SAMPLE]
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(_binary(source))
    return Decoded(text, encoding, undecodable)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str | Msg) -> Decoded:
    """A BOM decides; else UTF-8; else the likeliest of UTF-8, GB18030 and Big5, with U+FFFD."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_replacing(data, len(bom), encoding)
    if b"\x00" in data:  # NUL never occurs in UTF-8, GB or Big5 text without a UTF-16/32 BOM
        raise InputError(_binary(source))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_replacing(data, 0, _likeliest_codec(_wide_sample(data)))


def _decode_replacing(data: bytes, start: int, encoding: str) -> Decoded:
    """Decode ``data[start:]``; bytes the codec cannot read become U+FFFD and are reported."""
    codec = encoding.removesuffix("-sig")
    body = data[start:]
    text, damage = _decode_counting(body, codec)
    if not damage:
        return Decoded(text, encoding)
    first = damage[0][0]
    before = _lf(body[:first].decode(codec))  # everything before the first damage decodes
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    count = _damaged_bytes(damage)
    return Decoded(
        text, f"{codec} (with replacements)", Undecodable(count, line, column, start + first)
    )


_damage_found = threading.local()  # the window imports into the library in a worker thread


def _replace_and_count(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: "replace", remembering which bytes were replaced."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _damage_found.spans.append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error(_ERRORS, _replace_and_count)


def _decode_counting(
    data: bytes, codec: str, *, final: bool = True
) -> tuple[str, list[tuple[int, int]]]:
    """The text and the byte spans that could not be decoded; ``final=False`` for a sample
    whose cut may split the last character (it is left out, not counted as damage)."""
    _damage_found.spans = spans = []
    text = codecs.getincrementaldecoder(codec)(errors=_ERRORS).decode(data, final=final)
    return text, spans


def _wide_sample(data: bytes) -> bytes:
    """The first lines that hold non-ASCII bytes, up to ``_GUESS_SAMPLE`` bytes: the part of a
    file the encoding matters for, wherever it starts (after an English cover page, say)."""
    lines: list[bytes] = []
    size = pos = 0
    while size < _GUESS_SAMPLE and (found := _WIDE_BYTE.search(data, pos)):
        begin = data.rfind(b"\n", 0, found.start()) + 1
        end = data.find(b"\n", found.start()) + 1 or len(data)
        lines.append(data[begin:end])
        size += end - begin
        pos = end
    return b"".join(lines)[:_GUESS_SAMPLE]


def _likeliest_codec(sample: bytes) -> str:
    """The encoding that reads a non-UTF-8 file best, judged on a sample of its non-ASCII lines.

    GB18030 and Big5 overlap: each decodes most of the other's bytes, into other hanzi. A
    Chinese reading must make sense (nearly all CJK characters and punctuation: no kana,
    Cyrillic or private-use characters, few decoding errors); of those that do, the one made
    most of its own encoding's common characters wins -- Traditional text read as GBK, or
    Simplified text read as Big5, turns into rare characters. A (nearly) clean reading of common
    characters wins outright (a short GBK line can be nearly valid UTF-8); else UTF-8 if it
    fails on only a few of the non-ASCII bytes (a damaged UTF-8 file); else the best Chinese
    reading, damaged; else UTF-8, with replacements.
    """
    wide_bytes = len(sample.translate(None, bytes(range(0x80))))  # the ASCII bytes deleted
    readings = []  # (common share, nearly clean, codec) of the plausible Chinese readings
    for codec in _CJK_CODECS:
        text, damage = _decode_counting(sample, codec, final=False)
        wide = [c for c in text if c > "\x7f"]
        if wide and sum(1 for c in wide if _is_common_cjk(c)) >= _MIN_CJK_PLAUSIBLE * len(wide):
            common = sum(1 for c in wide if c in _common_characters(codec)) / len(wide)
            clean = _damaged_bytes(damage) <= _MAX_CJK_DAMAGE * wide_bytes
            readings.append((common, clean, codec))
    # max() keeps the first of equals: GB18030, listed first, wins a tie
    convincing = [r for r in readings if r[1] and r[0] >= _MIN_COMMON_SHARE]
    if convincing:
        return max(convincing, key=lambda r: r[0])[2]
    _, damage = _decode_counting(sample, "utf-8", final=False)
    if _damaged_bytes(damage) <= _MAX_UTF8_DAMAGE * wide_bytes:
        return "utf-8"
    return max(readings, key=lambda r: r[0])[2] if readings else "utf-8"


def _damaged_bytes(damage: list[tuple[int, int]]) -> int:
    return sum(end - begin for begin, end in damage)


@functools.cache
def _common_characters(codec: str) -> frozenset[str]:
    """The characters everyday text in ``codec`` is made of: the encoding's punctuation and
    symbol rows and its first level of hanzi, the most used when the standard was drawn up --
    GB2312's 3,755 level-1 Simplified hanzi, Big5's 5,401 common Traditional ones (常用字)."""
    if codec == "gb18030":
        leads = (*range(0xA1, 0xA4), *range(0xB0, 0xD8))
        pairs = [(lead, trail) for lead in leads for trail in range(0xA1, 0xFF)]
    else:  # Big5: symbols A140-A3BF, common hanzi A440-C67E
        trails = (*range(0x40, 0x7F), *range(0xA1, 0xFF))
        pairs = [
            (lead, trail)
            for lead in range(0xA1, 0xC7)
            for trail in trails
            if (lead, trail) <= (0xA3, 0xBF) or (0xA4, 0x40) <= (lead, trail) <= (0xC6, 0x7E)
        ]
    decoded = (bytes(pair).decode(codec, errors="ignore") for pair in pairs)
    return frozenset(c for c in decoded if c and not "\ue000" <= c <= "\uf8ff")


def _is_common_cjk(c: str) -> bool:
    """Characters a Chinese contract is made of: hanzi, CJK and full-width punctuation, symbols."""
    o = ord(c)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F:
        return True
    if 0xFF01 <= o <= 0xFF5E or 0x2000 <= o <= 0x206F or 0x2460 <= o <= 0x25FF:
        return True
    return unicodedata.category(c)[0] in "PS" and o < 0xE000
