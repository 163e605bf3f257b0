"""Reading contract text files: encodings, line endings, and clear refusals of non-text."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clause_db import textio
from clause_db.errors import InputError
from clause_db.textio import MAX_BYTES, REPLACED, decode_bytes, read_text_file

if TYPE_CHECKING:
    from pathlib import Path

CONTRACT = "第一条 合同主体\n甲方：某某公司\nParty A: ____ (签字)\n"


def write(tmp_path: Path, data: bytes, name: str = "合同.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CONTRACT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + CONTRACT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + CONTRACT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + CONTRACT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + CONTRACT.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + CONTRACT.encode("utf-32-be"), "utf-32-be"),
        (CONTRACT.encode("gb18030"), "gb18030"),
        (CONTRACT.encode("gbk"), "gb18030"),
        ("第一条 合同主体\n甲方：某某公司".encode("gb18030"), "gb18030"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    text, found = read_text_file(write(tmp_path, data))
    assert found == encoding
    assert text == CONTRACT or text == "第一条 合同主体\n甲方：某某公司"
    assert not text.startswith("\ufeff")


def test_line_endings_become_lf_and_everything_else_stays(tmp_path: Path) -> None:
    raw = "甲方\r\n乙方\r丙方\n\t丁方\u3000\ufeff\u2028end"
    text, _ = read_text_file(write(tmp_path, raw.encode("utf-8")))
    assert text == "甲方\n乙方\n丙方\n\t丁方\u3000\ufeff\u2028end"


def test_undecodable_bytes_are_replaced_not_fatal(tmp_path: Path) -> None:
    data = "合同".encode() + b" caf\xe9 \xff\xfe\xff ok\n"  # neither UTF-8 nor GB18030
    text, encoding = read_text_file(write(tmp_path, data))
    assert encoding == REPLACED
    assert text.startswith("合同 caf\ufffd") and text.endswith(" ok\n")


def test_gb18030_that_decodes_to_nonsense_is_not_trusted() -> None:
    data = b"Hello " + bytes([0xAA, 0xA1, 0xAB, 0xA2, 0xFE, 0xFE]) * 10  # user-defined areas
    assert data.decode("gb18030")
    assert decode_bytes(data)[1] == REPLACED


def test_truncated_utf16_keeps_what_it_can() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF16_LE + "甲方".encode("utf-16-le") + b"\x41")
    assert text.startswith("甲方") and encoding == "utf-16-le (with replacements)"


@pytest.mark.parametrize("data", [b"", b" \r\n\t\n", "\u3000\n".encode(), codecs.BOM_UTF8])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError, match="is empty") as e:
        read_text_file(path)
    assert str(path) in str(e.value)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\x00\x01\x02\x03binary\x00\xff", "binary"),
        (b"text\x00with a NUL", "binary"),
        (bytes(range(1, 32)) * 20 + b"abc", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "old Word"),
    ],
)
def test_binary_files_are_refused_with_one_clear_line(
    tmp_path: Path, data: bytes, says: str
) -> None:
    path = write(tmp_path, data, "scan.txt")
    with pytest.raises(InputError, match=says) as e:
        read_text_file(path)
    assert str(path) in str(e.value) and "\n" not in str(e.value)


def test_zip_message_points_to_docx_import(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.docx files are imported separately"):
        read_text_file(write(tmp_path, b"PK\x03\x04rest", "合同.docx"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_text_file(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_text_file(tmp_path)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: the tests may run as root, for whom chmod 0 denies nothing."""
    path = write(tmp_path, b"text")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(textio, "open", denied, raising=False)
    with pytest.raises(InputError, match="No permission"):
        read_text_file(path)


def test_fifty_megabytes_still_reads(tmp_path: Path) -> None:
    line = "第一条 甲方应按时支付服务费用。Party A shall pay the fees.\r\n".encode()
    path = write(tmp_path, line * (50 * 1024 * 1024 // len(line)))
    text, encoding = read_text_file(path)
    assert encoding == "utf-8" and "\r" not in text and len(text) > 20_000_000


def test_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(InputError, match="too large"):
        read_text_file(path)


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except InputError as e:
        assert str(e)
    else:
        assert text.strip() and encoding
        assert "\r" not in text


_PLAIN = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\r\t"),
    min_size=1,
).filter(lambda t: t.strip() and not t.startswith(("%PDF-", "GIF8")))


@given(_PLAIN, st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"]))
def test_text_round_trips(text: str, encoding: str) -> None:
    boms = {"utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    data = boms.get(encoding, b"") + text.encode(encoding)
    assert decode_bytes(data) == (text.replace("\r\n", "\n").replace("\r", "\n"), encoding)
