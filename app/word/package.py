"""Open an untrusted .docx: refuse what is not a Word package before any XML parser sees it.

A .docx is a zip of XML parts, and both layers can be weaponised: a zip member that inflates
to gigabytes, XML with entity definitions (billion laughs, external entities reading local
files or URLs). The file is read once (at most :data:`MAX_FILE_BYTES`), so it cannot change
between the checks and the reading. Then, before any XML is parsed:

* the zip directory must be plausible: at most :data:`MAX_MEMBERS` members, declared sizes
  adding up to at most :data:`MAX_UNPACKED_BYTES`, no member above 1 MB deflated more than
  :data:`MAX_RATIO` times;
* every member is inflated once through a stream, in chunks, counting the bytes that actually
  come out -- whatever the headers say -- and stopped at :data:`MAX_MEMBER_BYTES` for one member
  and :data:`MAX_UNPACKED_BYTES` for all of them. A header that understates a member's size
  makes zipfile stop at the declared size: the CRC then fails (or, forged, passes, and only
  the declared bytes are read); nothing is ever inflated in one piece;
* every member that is XML by its content (after a byte-order mark and white space it starts
  with ``<``, whatever its name) is scanned for ``<!DOCTYPE``: Word never writes a DTD into a
  package (ECMA-376 part 2 forbids it), so a part that declares one is refused -- unless its
  content type says it is an image (an SVG logo may carry one), which is never parsed.

Only the parts the reader needs are then parsed, found the way Word finds them
(``[Content_Types].xml`` and the relationships, not file names), by a parser that loads
nothing, resolves no entity and refuses huge trees, which is asked again whether the part
declared a document type (for encodings the byte scan does not know). The main document is
parsed streaming (``iterparse``): each child of ``w:body`` is handed over when complete and
freed after, so a large contract never sits in memory as one tree.
"""

from __future__ import annotations

import contextlib
import io
import os
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from app.word.xml import W
from clause_db.errors import InputError
from clause_db.messages import Msg

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all members together: as declared, then as inflated
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one member as it inflates: document.xml is nearly all
MAX_MEMBERS = 10_000
MAX_RATIO = 100  # Word's XML deflates ~5-20x; a bomb deflates 1000x
_RATIO_FLOOR = 1024 * 1024  # tiny members may compress absurdly well (runs of spaces)
CHUNK_BYTES = 1024 * 1024  # what one read of a member may inflate

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ZIP_MAGIC = b"PK"  # PK\3\4 for a file entry, PK\5\6 for an empty zip
_DTD_MARKERS = tuple(
    "<!DOCTYPE".encode(codec)
    for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_MARKER_OVERLAP = max(map(len, _DTD_MARKERS)) - 1  # a marker may straddle two chunks
_LEADING = b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n"  # byte-order marks, NULs of UTF-16/32, white space

# python-docx's reading options (blank text dropped), made safe: nothing loaded or expanded.
_PARSE_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_blank_text": True,
}
_SAFE_PARSER = etree.XMLParser(**_PARSE_OPTIONS)
_BLOCK_TAGS = (f"{W}p", f"{W}tbl")  # what iterparse reports: nearly every child of w:body
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class DocxParts:
    """What the reader needs: numbering and styles parsed, the body's children streamed."""

    numbering: etree._Element | None
    styles: etree._Element | None
    blocks: Iterator[etree._Element]  # each freed once the next one is asked for
    comments: etree._Element | None = None  # word/comments.xml: the other side's comments


def open_docx(path: Path) -> DocxParts:
    """The parts of the Word document at ``path``; :class:`InputError` for anything else."""
    data = _read(path)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError(Msg(
                "{0} 设有密码；请在 Word 中打开，删除密码（文件 > 信息 > 保护文档）并重新保存"
                "后再导入。",
                "{0} is password-protected; open it in Word, remove the password "
                "(File > Info > Protect Document) and save it again to import it.",
                path,
            ))  # fmt: skip
        raise InputError(Msg(
            "{0} 是旧版 Word 97-2003（.doc）文件，不是 .docx；请在 Word 中打开并另存为 .docx "
            "后再导入。",
            "{0} is an old Word 97-2003 (.doc) file, not .docx; "
            "open it in Word and save it as .docx to import it.",
            path,
        ))  # fmt: skip
    if not data.startswith(_ZIP_MAGIC):
        raise InputError(Msg(
            "{0} 不是 Word（.docx）文件：它不是 zip 包。",
            "{0} is not a Word (.docx) file: it is not a zip package.",
            path,
        ))  # fmt: skip
    with _zip_errors(path):
        package = _Package(path, zipfile.ZipFile(io.BytesIO(data)))
        package.check_members()
        main = package.main_document()
        return DocxParts(
            numbering=package.related_xml(main, RT.NUMBERING, CT.WML_NUMBERING),
            styles=package.related_xml(main, RT.STYLES, CT.WML_STYLES),
            blocks=package.body_blocks(main),
            comments=package.related_xml(main, RT.COMMENTS, CT.WML_COMMENTS),
        )


@contextlib.contextmanager
def _zip_errors(path: Path) -> Iterator[None]:
    """What zipfile and zlib raise on a broken package, as one sentence for the user."""
    try:
        yield
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise InputError(Msg(
            "{0} 是加密的 zip 文件，不是 Word 文档。",
            "{0} is an encrypted zip file, not a Word document.",
            path,
        )) from exc  # fmt: skip
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError) as exc:
        raise InputError(Msg(
            "{0} 是损坏的 Word 文件（zip 包已损坏）。",
            "{0} is a damaged Word file (the zip package is broken).",
            path,
        )) from exc  # fmt: skip


def _folder(path: Path) -> Msg:
    return Msg("{0} 是文件夹，不是 Word 文件。", "{0} is a folder, not a Word file.", path)


def _read(path: Path) -> bytes:
    """The whole file, bounded: a huge file is refused, not loaded."""
    try:
        with path.open("rb") as f:  # read(n) allocates n bytes first: ask for what is there
            data = f.read(min(os.fstat(f.fileno()).st_size, MAX_FILE_BYTES) + 1)
    except FileNotFoundError:
        raise InputError(Msg("{0} 不存在。", "{0} does not exist.", path)) from None
    except IsADirectoryError:
        raise InputError(_folder(path)) from None
    except PermissionError:
        if path.is_dir():  # Windows reports folders this way
            raise InputError(_folder(path)) from None
        raise InputError(Msg("没有读取 {0} 的权限。", "No permission to read {0}.", path)) from None
    except OSError as exc:
        raise InputError(
            Msg("无法读取 {0}：{1}。", "Cannot read {0}: {1}.", path, exc.strerror or exc)
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(Msg(
            "{0} 超过 {1} MB，作为合同太大了。",
            "{0} is larger than {1} MB, too large for a contract.",
            path,
            MAX_FILE_BYTES // 1024 // 1024,
        ))  # fmt: skip
    return data


class _Package:
    """One open zip package: its members inflated within budget, its parts found by relation."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self._path = path
        self._archive = archive
        self._inflated = 0  # bytes inflated by check_members, all members together
        self._types: etree._Element | None = None  # [Content_Types].xml, parsed once

    def check_members(self) -> None:
        """Sizes from the zip directory first (nothing inflated yet), then every member
        inflated within budget and, when it is XML, scanned for a document type."""
        members = self._archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise InputError(
                f"{self._path} holds {len(members)} files, far more than any Word document."
            )
        declared = 0
        for info in members:
            declared += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if declared > MAX_UNPACKED_BYTES or (
                info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO
            ):
                raise self._bomb()
        for info in members:
            if _declares_dtd(self._inflate(info, counted=True)) and not self._is_image(info):
                raise self._unsafe(info.filename)

    def _is_image(self, info: zipfile.ZipInfo) -> bool:
        """An image is never parsed, so a document type in it is harmless: an SVG saved by
        Illustrator carries one, and a contract with its logo must still open."""
        return (self._content_type(f"/{info.filename}") or "").startswith("image/")

    def main_document(self) -> str:
        """The part name of the main document (``/word/document.xml`` as Word writes it)."""
        no_document = InputError(Msg(
            "{0} 是 zip 文件，但不是 Word 文档（其中没有文档）。",
            "{0} is a zip file but not a Word document (no document).",
            self._path,
        ))  # fmt: skip
        main = self._target("/", RT.OFFICE_DOCUMENT)
        if main is None or not self._exists(main) or not self._exists("/[Content_Types].xml"):
            raise no_document
        content_type = self._content_type(main)
        if content_type is None:
            raise no_document
        if content_type != CT.WML_DOCUMENT_MAIN:
            raise InputError(Msg(
                "{0} 不是能读取的 Word 文档（可能是 Excel、PowerPoint 文件或已损坏）。",
                "{0} is not a Word document we can read (it may be Excel, PowerPoint or damaged).",
                self._path,
            ))  # fmt: skip
        return main

    def related_xml(self, source: str, reltype: str, content_type: str) -> etree._Element | None:
        """The part ``source`` relates to by ``reltype``, parsed; None when the package lacks
        it or it is not of ``content_type`` (as python-docx would not read it either)."""
        target = self._target(posixpath.dirname(source), reltype, _rels_of(source))
        if target is None or not self._exists(target) or self._content_type(target) != content_type:
            return None
        return self._parse(target)

    def body_blocks(self, main: str) -> Iterator[etree._Element]:
        """The children of the main document's ``w:body``, in order, streamed: each one is
        complete when handed over and dropped from the tree after. The parser reports only
        paragraphs and tables (the bulk); one that ends directly in the body hands over the
        children before it as well, so the rare other blocks (content controls, block-level
        tracked changes) keep their place."""
        name = main[1:]
        with _zip_errors(self._path), self._broken_xml(name):
            stream = _ChunkStream(self._inflate(self._archive.getinfo(name)))
            events = etree.iterparse(stream, events=("end",), tag=_BLOCK_TAGS, **_PARSE_OPTIONS)
            body = None
            for _, el in events:
                if body is None:
                    body = self._document_root(el, name).find(f"{W}body")
                if body is not None and el.getparent() is body:
                    yield from _taken(body, el)
            body = self._document_root(events.root, name).find(f"{W}body")
            if body is not None:
                yield from _taken(body, None)

    # -- parts and relationships ------------------------------------------------------------

    def _target(self, base: str, reltype: str, rels: str = "/_rels/.rels") -> str | None:
        """The part name the first internal relationship of ``reltype`` in ``rels`` points to."""
        if not self._exists(rels):
            return None
        for rel in self._parse(rels).iter(f"{_RELS}Relationship"):
            if rel.get("Type") == reltype and rel.get("TargetMode") != "External":
                return posixpath.normpath(posixpath.join(base, rel.get("Target") or ""))
        return None

    def _content_type(self, part: str) -> str | None:
        """The part's content type: its Override, else the Default of its extension."""
        if self._types is None:
            self._types = self._parse("/[Content_Types].xml")
        types = self._types
        for override in types.iter(f"{_TYPES}Override"):
            if (override.get("PartName") or "").lower() == part.lower():
                return override.get("ContentType")
        extension = posixpath.splitext(part)[1][1:].lower()
        for default in types.iter(f"{_TYPES}Default"):
            if (default.get("Extension") or "").lower() == extension:
                return default.get("ContentType")
        return None

    def _exists(self, part: str) -> bool:
        try:
            self._archive.getinfo(part[1:])
        except KeyError:
            return False
        return True

    def _parse(self, part: str) -> etree._Element:
        """A small part, whole, by the safe parser; refused if it declares a document type."""
        name = part[1:]
        data = b"".join(self._inflate(self._archive.getinfo(name)))
        if _declares_dtd(iter((data,))):
            raise self._unsafe(name)
        with self._broken_xml(name):
            root = etree.fromstring(data, _SAFE_PARSER)
        self._refuse_doctype(root, name)
        return root

    def _document_root(self, el: etree._Element, name: str) -> etree._Element:
        """The root of the tree ``el`` is in, once it is known to be a Word document."""
        root = el
        while (parent := root.getparent()) is not None:
            root = parent
        self._refuse_doctype(root, name)
        if root.tag != f"{W}document":
            raise InputError(
                f"{self._path} is not a Word document (its main part is not a document)."
            )
        return root

    # -- inflating and checking -------------------------------------------------------------

    def _inflate(self, info: zipfile.ZipInfo, counted: bool = False) -> Iterator[bytes]:
        """The member's bytes as they inflate, chunk by chunk, stopped at the budget: per
        member always, for all members together when ``counted`` (the first inflation)."""
        left = MAX_MEMBER_BYTES
        with self._archive.open(info) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                left -= len(chunk)
                if counted:
                    self._inflated += len(chunk)
                if left < 0 or self._inflated > MAX_UNPACKED_BYTES:
                    raise self._bomb()
                yield chunk

    def _refuse_doctype(self, root: etree._Element, name: str) -> None:
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise self._unsafe(name)

    @contextlib.contextmanager
    def _broken_xml(self, name: str) -> Iterator[None]:
        try:
            yield
        except etree.XMLSyntaxError as exc:
            raise InputError(
                f"{self._path} is a damaged Word file (broken XML in {name})."
            ) from exc

    def _bomb(self) -> InputError:
        return InputError(
            f"{self._path} unpacks to more data than a Word document holds "
            "(a zip bomb or a damaged file); refusing to open it."
        )

    def _unsafe(self, name: str) -> InputError:
        return InputError(
            f"{self._path} declares XML entities in {name}, which Word never writes; "
            "refusing it as unsafe."
        )


class _ChunkStream:
    """A file-like view of inflated chunks, for ``iterparse`` (it only calls ``read``)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def read(self, _size: int = -1) -> bytes:
        return next(self._chunks, b"")


def _taken(body: etree._Element, last: etree._Element | None) -> Iterator[etree._Element]:
    """The children of ``body`` up to ``last`` (all of them when None), in order, each removed
    once the next is asked for. Those after ``last`` stay: the parser, a chunk ahead of the
    events it reports, may still be building them."""
    for child in list(body):
        yield child
        body.remove(child)
        if child is last:
            return


def _rels_of(part: str) -> str:
    """Where the relationships of ``part`` live: ``/word/_rels/document.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _declares_dtd(chunks: Iterator[bytes]) -> bool:
    """Whether the content is XML (by its first significant byte, not by its name) and holds
    ``<!DOCTYPE`` in any Unicode encoding. Reads every chunk, so the budget sees them all."""
    is_xml: bool | None = None  # undecided while only marks and white space were seen
    found = False
    tail = b""
    for chunk in chunks:
        if is_xml is None and (head := chunk.lstrip(_LEADING)):
            is_xml = head.startswith(b"<")
        if is_xml and not found:
            window = tail + chunk
            found = any(marker in window for marker in _DTD_MARKERS)
            tail = window[-_MARKER_OVERLAP:]
    return found
