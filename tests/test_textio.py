"""Reading contract text files: encodings, line endings, and clear refusals of non-text."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clause_db import textio
from clause_db.errors import InputError
from clause_db.textio import MAX_BYTES, REPLACED, Decoded, Undecodable, decode_bytes, read_text_file
from resources import SEED_FILES

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
    text, found, undecodable = read_text_file(write(tmp_path, data))
    assert found == encoding and undecodable is None
    assert text == CONTRACT or text == "第一条 合同主体\n甲方：某某公司"
    assert not text.startswith("\ufeff")


# A Taiwanese service contract, as Windows (cp950) or any Big5 editor saves it.
BIG5_CONTRACT = (
    "客戶服務委外合約書\r\n"
    "第一條 服務內容\r\n"
    "甲方委託乙方提供電子商務客戶服務，乙方應依本合約之約定履行義務。\r\n"
    "第二條 保密義務\r\n"
    "雙方對於因履行本合約而知悉之對方營業秘密，應負保密責任，不得洩漏予任何第三人。\r\n"
    "第三條 費用及付款\r\n"
    "甲方應於每月十日前將服務費用新臺幣【　　】元整匯入乙方指定之帳戶。\r\n"
)
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
CORPUS_ZH = [
    "zh_gf2014_2402_outbound_group_tour_contract.txt",
    "zh_law_labor_contract_law_2012.md",
]


@pytest.mark.parametrize("codec", ["big5", "cp950"])
def test_big5_contract_is_read_as_big5(tmp_path: Path, codec: str) -> None:
    text, encoding, undecodable = read_text_file(write(tmp_path, BIG5_CONTRACT.encode(codec)))
    assert (text, encoding, undecodable) == (BIG5_CONTRACT.replace("\r\n", "\n"), "cp950", None)


def test_big5_after_a_long_english_cover_is_still_big5(tmp_path: Path) -> None:
    cover = "SERVICE AGREEMENT - confidential draft for discussion only.\n" * 2000  # > 64 KB
    data = cover.encode() + BIG5_CONTRACT.encode("big5")
    assert read_text_file(write(tmp_path, data)).encoding == "cp950"


def test_real_contracts_in_gbk_and_big5_decode_exactly() -> None:
    """The seed and corpus contracts in GB18030, and the part of them Big5 can encode in Big5:
    the same text back, so GBK detection did not suffer for Big5's sake."""
    texts = [SEED_FILES[0].read_text(encoding="utf-8")]
    texts += [(CORPUS / name).read_text(encoding="utf-8") for name in CORPUS_ZH]
    for text in texts:
        expected = text.replace("\r\n", "\n")
        assert decode_bytes(text.encode("gb18030")) == Decoded(expected, "gb18030")
        big5_part = "".join(c for c in expected if _keeps(c))
        assert decode_bytes(big5_part.encode("cp950")) == Decoded(big5_part, "cp950")


def _keeps(c: str, codec: str = "cp950") -> bool:
    """The encoding has the character and gives it back (Big5 reads • back as ‧)."""
    return c.encode(codec, errors="ignore").decode(codec) == c


def test_each_sentence_of_the_contracts_is_told_apart_in_gbk_and_big5() -> None:
    """Short files are the hard case (few characters to judge by): each sentence of the seed
    and corpus contracts alone (about 1,000), in GBK and in Big5, reads back exactly."""
    texts = [SEED_FILES[0].read_text(encoding="utf-8")]
    texts += [(CORPUS / name).read_text(encoding="utf-8") for name in CORPUS_ZH]
    sentences = [s for t in texts for s in re.split("[。\n]", t) if re.search("[一-龥]", s)]
    assert len(sentences) > 900
    for sentence in sentences:
        assert decode_bytes(sentence.encode("gb18030")) == Decoded(sentence, "gb18030")
        big5 = "".join(c for c in sentence if _keeps(c))
        if re.search("[一-龥]", big5):
            assert decode_bytes(big5.encode("cp950")) == Decoded(big5, "cp950")


def test_invalid_utf8_in_the_middle_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    """One character cut short in a UTF-8 contract: UTF-8 still, not GB18030 mojibake."""
    text = SEED_FILES[0].read_text(encoding="utf-8").replace("\r\n", "\n")
    data = text.encode()
    cut = data.index("服务费用".encode())  # the first 服 loses its last byte
    damaged = data[: cut + 2] + data[cut + 3 :]
    decoded = read_text_file(write(tmp_path, damaged))
    before = data[:cut].decode()
    assert decoded.encoding == REPLACED
    assert decoded.text == before + "\ufffd" + text[len(before) + 1 :]
    assert decoded.undecodable == Undecodable(
        count=2, line=before.count("\n") + 1, column=len(before) - before.rfind("\n"), offset=cut
    )


def test_a_damaged_byte_in_a_gbk_crlf_file_is_located_by_line(tmp_path: Path) -> None:
    data = (
        "第一条 甲方\r\n第二条 乙方\r\n第三条 费".encode("gbk") + b"\xff" + "用\r\n".encode("gbk")
    )
    text, encoding, undecodable = read_text_file(write(tmp_path, data))
    assert text == "第一条 甲方\n第二条 乙方\n第三条 费\ufffd用\n"
    assert encoding == "gb18030 (with replacements)"
    assert undecodable == Undecodable(count=1, line=3, column=6, offset=len(data) - 5)


def test_a_short_gbk_line_that_is_nearly_valid_utf8_is_gbk() -> None:
    """签约地点： in GBK is four valid UTF-8 sequences and one stray byte."""
    assert decode_bytes("签约地点：____".encode("gbk")) == Decoded("签约地点：____", "gb18030")


def test_traditional_text_saved_as_gbk_stays_gbk() -> None:
    text = BIG5_CONTRACT.replace("\r\n", "\n")
    assert decode_bytes(text.encode("gbk")) == Decoded(text, "gb18030")


@pytest.mark.parametrize("codec", ["gb18030", "cp950"])
def test_one_damaged_byte_in_a_long_gbk_or_big5_contract_costs_one_character(codec) -> None:
    text = SEED_FILES[0].read_text(encoding="utf-8").replace("\r\n", "\n")
    text = "".join(c for c in text if _keeps(c, codec))
    half = text[: len(text) // 2]
    cut = len(half.encode(codec))
    data = text.encode(codec)
    decoded = decode_bytes(data[:cut] + b"\xff" + data[cut:])
    assert decoded.encoding == f"{codec} (with replacements)"
    assert decoded.text == half + "\ufffd" + text[len(half) :]
    assert (decoded.undecodable.count, decoded.undecodable.offset) == (1, cut)


def test_line_endings_become_lf_and_everything_else_stays(tmp_path: Path) -> None:
    raw = "甲方\r\n乙方\r丙方\n\t丁方\u3000\ufeff\u2028end"
    text = read_text_file(write(tmp_path, raw.encode("utf-8"))).text
    assert text == "甲方\n乙方\n丙方\n\t丁方\u3000\ufeff\u2028end"


def test_undecodable_bytes_are_replaced_counted_and_located(tmp_path: Path) -> None:
    data = "合同".encode() + b" caf\xe9 \xff\xfe\xff ok\n"  # neither UTF-8 nor GB18030
    text, encoding, undecodable = read_text_file(write(tmp_path, data))
    assert encoding == REPLACED
    assert text == "合同 caf\ufffd \ufffd\ufffd\ufffd ok\n"
    assert undecodable == Undecodable(count=4, line=1, column=7, offset=10)
    assert str(undecodable) == (
        "4 undecodable bytes replaced by U+FFFD; "
        "the first at line 1, column 7 (byte 10 of the file)"
    )


def test_gb18030_that_decodes_to_nonsense_is_not_trusted() -> None:
    data = b"Hello " + bytes([0xAA, 0xA1, 0xAB, 0xA2, 0xFE, 0xFE]) * 10  # user-defined areas
    assert data.decode("gb18030")
    assert decode_bytes(data).encoding == REPLACED


def test_truncated_utf16_keeps_what_it_can_and_says_what_it_lost() -> None:
    text, encoding, undecodable = decode_bytes(
        codecs.BOM_UTF16_LE + "甲方".encode("utf-16-le") + b"\x41"
    )
    assert text == "甲方\ufffd" and encoding == "utf-16-le (with replacements)"
    assert undecodable == Undecodable(count=1, line=1, column=3, offset=6)


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
    text, encoding, undecodable = read_text_file(path)
    assert encoding == "utf-8" and undecodable is None
    assert "\r" not in text and len(text) > 20_000_000


def test_too_large_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(InputError, match="too large"):
        read_text_file(path)


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        text, encoding, undecodable = decode_bytes(data)
    except InputError as e:
        assert str(e)
    else:
        assert text.strip() and encoding
        assert "\r" not in text
        assert (undecodable is None) == ("with replacements" not in encoding)
        if undecodable is not None:
            assert 1 <= undecodable.count <= len(data) and undecodable.offset < len(data)
            assert text.split("\n")[undecodable.line - 1][undecodable.column - 1] == "\ufffd"


_PLAIN = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from("\n\r\t"),
    min_size=1,
).filter(lambda t: t.strip() and not t.startswith(("%PDF-", "GIF8")))


@given(_PLAIN, st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"]))
def test_text_round_trips(text: str, encoding: str) -> None:
    boms = {"utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    data = boms.get(encoding, b"") + text.encode(encoding)
    assert decode_bytes(data) == Decoded(text.replace("\r\n", "\n").replace("\r", "\n"), encoding)
