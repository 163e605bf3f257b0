"""Hostile .docx packages: zip members that lie about their size, DTDs hidden where names do
not point, and large documents read streaming with the same result as the whole tree.

(The plainer hostile files -- truncated zips, honest bombs, XXE in ``word/document.xml`` -- are
in ``test_docx_import.py``, whose helpers these tests share.)
"""

from __future__ import annotations

import struct
import sys
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from lxml import etree

from app.cli import main_cli
from app.word import package as docx_package
from app.word import read_docx_text
from app.word.body import BodyText
from app.word.numbering import NumberingResolver
from tests.test_docx_import import (
    CONTENT_TYPES,
    DATA_PROVISION,
    ROOT_RELS,
    document_xml,
    refused,
    write_docx,
    write_zip,
)

sys.path.insert(0, str(Path(__file__).parent / "perf"))

from bench_docx_large import make_large_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_BODY = f"{{{W_NS}}}body"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
ONE_CLAUSE = document_xml("<w:p><w:r><w:t>1.1 定义</w:t></w:r></w:p>").encode()
ZEROS_MB = 300
PEAK_LIMIT = 32 * 1024 * 1024  # what reading a small package may allocate; a bomb's 300 MB won't


# -- zip members whose headers understate what they inflate to -------------------------------


def patch_member(data: bytearray, name: bytes, size: int, crc: int | None = None) -> None:
    """Write ``size`` (and ``crc``) as member ``name``'s uncompressed size in both its local
    header and its central directory entry, as a bomb maker would."""
    for header, name_at, size_at, crc_at in (
        (b"PK\x03\x04", 30, 22, 14),
        (b"PK\x01\x02", 46, 24, 16),
    ):
        start = -1
        while (start := data.find(header, start + 1)) >= 0:
            if data[start + name_at : start + name_at + len(name)] == name:
                struct.pack_into("<I", data, start + size_at, size)
                if crc is not None:
                    struct.pack_into("<I", data, start + crc_at, crc)


@pytest.fixture(scope="module")
def zero_bomb(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A package whose word/document.xml is one clause followed by 300 MB of zeros (deflated
    to ~300 KB), as written honestly; each test makes its headers lie."""
    path = tmp_path_factory.mktemp("bomb") / "honest.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        with archive.open("word/document.xml", "w") as member:
            member.write(ONE_CLAUSE)
            zeros = bytes(1024 * 1024)
            for _ in range(ZEROS_MB):
                member.write(zeros)
    return path.read_bytes()


def peak_while(action) -> int:
    """The most memory Python allocated (bytes objects included) while ``action`` ran."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_bomb_whose_headers_understate_its_size_is_refused_without_inflating(
    tmp_path, zero_bomb, capsys
):
    # Headers say 100 bytes; the deflated stream holds 300 MB. zipfile's read() would inflate
    # it all in one piece (then keep 100 bytes); streamed in chunks, inflation stops at the
    # declared size and the CRC (of the whole 300 MB) fails. The real default budget is used.
    data = bytearray(zero_bomb)
    patch_member(data, b"word/document.xml", 100)
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))

    peak = peak_while(lambda: refused(path, "damaged"))
    assert peak < PEAK_LIMIT, f"{peak / 1e6:.0f} MB allocated: the member was inflated"
    assert main_cli(["outline", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bytes_past_a_members_declared_size_are_never_inflated(tmp_path, zero_bomb):
    # The bomb maker also forges the CRC of the declared part: what the headers declare is a
    # valid document, read as such; the 300 MB after it are never inflated.
    data = bytearray(zero_bomb)
    patch_member(data, b"word/document.xml", len(ONE_CLAUSE), zlib.crc32(ONE_CLAUSE))
    path = tmp_path / "forged.docx"
    path.write_bytes(bytes(data))

    texts = []
    peak = peak_while(lambda: texts.append(read_docx_text(path).text))
    assert texts == ["1.1 定义"]
    assert peak < PEAK_LIMIT, f"{peak / 1e6:.0f} MB allocated: the member was inflated"


def test_a_member_is_stopped_at_its_budget_as_it_inflates(tmp_path, monkeypatch):
    # Counted on the bytes that come out, not on the headers: a member may not inflate past
    # MAX_MEMBER_BYTES even when its declared size passes the directory check.
    monkeypatch.setattr(docx_package, "MAX_MEMBER_BYTES", 64 * 1024)
    monkeypatch.setattr(docx_package, "CHUNK_BYTES", 4096)
    text = "".join(
        f"<w:p><w:r><w:t>第{i}条 甲方应当支付服务费用。</w:t></w:r></w:p>" for i in range(3000)
    )
    path = write_docx(tmp_path / "big.docx", text)
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size > 64 * 1024
    inflated = []
    real_open = zipfile.ZipFile.open

    def counting_open(archive, name, *args, **kwargs):
        stream = real_open(archive, name, *args, **kwargs)
        real_read = stream.read

        def read(n=-1):
            assert n > 0, "a member was read in one piece"
            chunk = real_read(n)
            inflated.append(len(chunk))
            return chunk

        stream.read = read
        return stream

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    refused(path, "zip bomb")
    assert sum(inflated) <= 64 * 1024 + 4096 + 2000  # the budget, one chunk, the small parts


# -- document types found by content, whatever the part's name -------------------------------

LOL = '<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'


def package(main_name: str, main: bytes, extra: dict[str, bytes] | None = None) -> dict:
    """Members of a package whose main document is the part ``main_name`` (found through the
    relationships and content types, as Word finds it)."""
    types = CONTENT_TYPES.replace("/word/document.xml", f"/{main_name}")
    rels = ROOT_RELS.replace("word/document.xml", main_name)
    return {"[Content_Types].xml": types, "_rels/.rels": rels, main_name: main, **(extra or {})}


def test_the_main_part_is_found_by_its_relationship_not_its_name(tmp_path):
    path = write_zip(tmp_path / "bin.docx", package("word/document.bin", ONE_CLAUSE))
    assert read_docx_text(path).text == "1.1 定义"


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        # the main part named .bin: the old check looked at *.xml and *.rels only
        ("word/document.bin", document_xml("", LOL).encode(), "word/document.bin"),
        # a DOCTYPE after a byte-order mark and white space, no XML declaration before it
        (
            "word/document.xml",
            b"\xef\xbb\xbf \r\n\t " + LOL.encode() + document_xml("").split("?>", 1)[1].encode(),
            "word/document.xml",
        ),
        # in UTF-16, with its byte-order mark
        (
            "word/document.xml",
            document_xml("", LOL).replace('"?>', '" encoding="UTF-16"?>').encode("utf-16"),
            "word/document.xml",
        ),
    ],
    ids=["main-part-named-bin", "after-bom-and-white-space", "utf-16"],
)
def test_a_dtd_in_the_main_part_is_refused_whatever_its_name_or_encoding(
    tmp_path, name, content, where
):
    path = write_zip(tmp_path / "dtd.docx", package(name, content))
    refused(path, "entities", "unsafe", where)


def test_a_dtd_in_a_part_nothing_reads_is_refused_by_its_content(tmp_path):
    hidden = (
        b"\xef\xbb\xbf\n  " + b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    )
    path = write_zip(
        tmp_path / "hidden.docx",
        package("word/document.xml", ONE_CLAUSE, {"customXml/item1.dat": hidden}),
    )
    refused(path, "entities", "customXml/item1.dat")


def test_an_svg_logo_with_a_doctype_does_not_stop_the_contract_opening(tmp_path):
    # Illustrator writes a DOCTYPE into its SVG files; images are never parsed, so a contract
    # with such a logo opens, while the same bytes under an XML content type are refused.
    svg = (
        b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>'
    )
    members = package("word/document.xml", ONE_CLAUSE, {"word/media/logo.svg": svg})
    types = members["[Content_Types].xml"]
    members["[Content_Types].xml"] = types.replace(
        "<Default ", '<Default Extension="svg" ContentType="image/svg+xml"/><Default ', 1
    )
    assert read_docx_text(write_zip(tmp_path / "logo.docx", members)).text == "1.1 定义"
    members["[Content_Types].xml"] = types
    refused(write_zip(tmp_path / "svg-as-xml.docx", members), "entities", "word/media/logo.svg")


def test_a_dtd_in_the_numbering_part_named_bin_is_refused(tmp_path):
    # Word finds numbering through the document's relationships: a .bin name must not let a
    # billion-laughs DTD past the check.
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="numbering.bin" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/numbering"/></Relationships>'
    )
    types = CONTENT_TYPES.replace(
        "</Types>", f'<Override PartName="/word/numbering.bin" ContentType="{NUMBERING}"/></Types>'
    )
    numbering = f'{LOL}<w:numbering xmlns:w="x">&b;</w:numbering>'.encode().replace(
        b"w:document", b"w:numbering"
    )
    path = write_zip(
        tmp_path / "numbering.docx",
        {
            "[Content_Types].xml": types,
            "_rels/.rels": ROOT_RELS,
            "word/document.xml": ONE_CLAUSE,
            "word/_rels/document.xml.rels": rels,
            "word/numbering.bin": numbering,
        },
    )
    refused(path, "entities", "word/numbering.bin")


def test_an_entity_without_a_dtd_is_not_expanded(tmp_path):
    path = write_docx(tmp_path / "entity.docx", "<w:p><w:r><w:t>&x;</w:t></w:r></w:p>")
    refused(path, "damaged", "word/document.xml")


def test_a_main_part_that_is_not_wordprocessingml_is_refused(tmp_path):
    sheet = CONTENT_TYPES.replace(MAIN, "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    path = write_zip(
        tmp_path / "sheet.docx",
        {"[Content_Types].xml": sheet, "_rels/.rels": ROOT_RELS, "word/document.xml": ONE_CLAUSE},
    )
    refused(path, "not a Word document we can read")


def test_a_main_part_whose_root_is_not_a_document_is_refused(tmp_path):
    path = write_zip(
        tmp_path / "root.docx",
        package("word/document.xml", f'<x xmlns:w="{W_NS}"><w:p/></x>'.encode()),
    )
    refused(path, "its main part is not a document")


# -- streaming gives what the whole tree gives -----------------------------------------------


def whole_tree_text(path: Path) -> tuple[str, tuple[str, ...]]:
    """The reference: document.xml parsed into one tree and its body walked child by child,
    as the reader did before it streamed."""
    from app.word.docx_reader import _notes

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())

        def part(name: str) -> etree._Element | None:
            return etree.fromstring(archive.read(name)) if name in names else None

        document = part("word/document.xml")
        walker = BodyText(NumberingResolver(part("word/numbering.xml"), part("word/styles.xml")))
    body = document.find(W_BODY)
    return "\n".join(walker.lines(list(body))), _notes(walker.revisions)


def test_a_streamed_5_mb_document_reads_as_its_whole_tree(tmp_path):
    path = tmp_path / "large.docx"
    make_large_docx(path, megabytes=5)
    streamed = read_docx_text(path)
    text, notes = whole_tree_text(path)
    assert streamed.text == text and streamed.notes == notes
    assert streamed.text.count("\n第") > 300 and "项目 | 金额 | 备注" in streamed.text


@pytest.mark.parametrize("chunk", [1, 997, 4096])
def test_no_block_is_handed_over_before_the_parser_finished_it(tmp_path, monkeypatch, chunk):
    # iterparse runs a chunk ahead of the events it reports: a block handed over too early
    # would lose its last runs. Tables, content controls and tracked changes in a real contract.
    monkeypatch.setattr(docx_package, "CHUNK_BYTES", chunk)
    streamed = read_docx_text(DATA_PROVISION)
    assert (streamed.text, streamed.notes) == whole_tree_text(DATA_PROVISION)


def test_blocks_other_than_paragraphs_keep_their_place(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_package, "CHUNK_BYTES", 7)
    body = (
        "<w:p><w:r><w:t>一</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>二</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        '<w:ins w:id="1"><w:p><w:r><w:t>三</w:t></w:r></w:p></w:ins>'
        "<w:p><w:r><w:t>四</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>五</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:sectPr/>"
    )
    path = write_docx(tmp_path / "blocks.docx", body)
    assert read_docx_text(path).text.split("\n") == ["一", "二", "三", "四", "五"]


def test_a_body_nested_deeper_than_any_document_is_refused_as_damaged(tmp_path):
    # 10,000 content controls inside each other: the parser's depth limit stops it (no huge
    # trees), before our walk could recurse that deep.
    depth = 10_000
    body = "<w:sdt><w:sdtContent>" * depth + "<w:p/>" + "</w:sdtContent></w:sdt>" * depth
    refused(write_docx(tmp_path / "deep.docx", body), "damaged", "word/document.xml")
