"""Read contract text files whatever encoding the lawyer's tools saved them in.

Lawyers receive .txt files from Windows (GBK, UTF-16 with BOM, CRLF), from Macs and from
web exports; we decode them without asking and say clearly when a file is not text at all.
Line endings are normalised (CRLF and CR become LF), so every offset the outline stores
refers to the normalised text, not to the bytes on disk. Every other character is kept.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata

from clause_db.errors import InputError

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
    (b"%PDF-", "a PDF file; export it to text or Word first"),
    (b"PK\x03\x04", "a Word (.docx) or other zip file; .docx files are imported separately"),
    (b"PK\x05\x06", "a zip file, not plain text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) or Excel file; save it as .docx"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\x1f\x8b", "a gzip archive, not text"),
)

# Control characters no text editor writes; tab, LF, VT, FF and CR are ordinary.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 1 << 20  # judging "looks like text" on the first million characters is enough
_GB_SAMPLE = 1 << 16
_MAX_CONTROL_SHARE = 0.05
_MIN_GB_PLAUSIBLE = 0.9


def read_text_file(path: str | os.PathLike[str]) -> tuple[str, str]:
    """Return (text, encoding name) of a text file; every failure is an ``InputError``."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # bounded: a huge file is refused, not loaded
    except FileNotFoundError:
        raise InputError(f"{name} does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a text file.") from None
    except PermissionError:
        if os.path.isdir(path):  # Windows reports folders this way
            raise InputError(f"{name} is a folder, not a text file.") from None
        raise InputError(f"No permission to read {name}.") from None
    except OSError as e:
        raise InputError(f"Cannot read {name}: {e.strerror or e}.") from None
    return decode_bytes(data, source=name)


def decode_bytes(data: bytes, *, source: str = "The text") -> tuple[str, str]:
    """Return (text, encoding name) for the bytes of a text file; ``source`` names it in errors.

    The encoding is a Python codec name ("utf-8", "utf-8-sig", "utf-16-le", "gb18030", ...)
    so the text can be written back the same way, or ``REPLACED`` when no encoding fits.
    """
    if len(data) > MAX_BYTES:
        raise InputError(f"{source} is larger than {MAX_BYTES >> 20} MB, too large for a contract.")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{source} looks like {what}.")
    text, encoding = _decode(data, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{source} is empty.")
    sample = text[:_SAMPLE]
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(f"{source} looks like a binary file, not text.")
    return text, encoding


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """Pick the encoding: a BOM decides; else UTF-8, else GB18030, else UTF-8 with U+FFFD."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body, codec = data[len(bom) :], encoding.removesuffix("-sig")
            try:
                return body.decode(codec), encoding
            except UnicodeDecodeError:  # e.g. a UTF-16 file cut off mid-character
                return body.decode(codec, errors="replace"), f"{codec} (with replacements)"
    if b"\x00" in data:  # NUL never occurs in UTF-8 or GB text without a UTF-16/32 BOM
        raise InputError(f"{source} looks like a binary file, not text.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_chinese(text[:_GB_SAMPLE]):
            return text, "gb18030"
    return data.decode("utf-8", errors="replace"), REPLACED


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; accept it only if the non-ASCII part reads as CJK."""
    wide = [c for c in text if ord(c) > 0x7F]
    plausible = sum(1 for c in wide if _is_common_cjk(c))
    return plausible >= _MIN_GB_PLAUSIBLE * len(wide)


def _is_common_cjk(c: str) -> bool:
    """Characters a Chinese contract is made of: hanzi, CJK and full-width punctuation, symbols."""
    o = ord(c)
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F:
        return True
    if 0xFF01 <= o <= 0xFF5E or 0x2000 <= o <= 0x206F or 0x2460 <= o <= 0x25FF:
        return True
    return unicodedata.category(c)[0] in "PS" and o < 0xE000
