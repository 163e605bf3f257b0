"""Open an untrusted .docx: refuse what is not a Word package before any XML parser sees it.

A .docx is a zip of XML parts, and both layers can be weaponised: a zip member that inflates
to gigabytes, XML with entity definitions (billion laughs, external entities reading local
files or URLs). Word never writes a DTD into a package (ECMA-376 part 2 forbids it), so every
XML part is parsed once with a parser that loads nothing, expands nothing and refuses huge
trees, and any part that declares a document type is refused. Only then does python-docx open
the same bytes (its own parser does not resolve entities either). The file is read once, so it
cannot change between the checks and the reading.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from app.word.xml import W
from clause_db.errors import InputError

if TYPE_CHECKING:
    from pathlib import Path

    from docx.opc.part import Part

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all members together, as their headers declare
MAX_MEMBERS = 10_000
MAX_RATIO = 100  # Word's XML deflates ~5-20x; a bomb deflates 1000x
_RATIO_FLOOR = 1024 * 1024  # tiny members may compress absurdly well (runs of spaces)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ZIP_MAGIC = b"PK"  # PK\3\4 for a file entry, PK\5\6 for an empty zip
_XML_SUFFIXES = (".xml", ".rels")
_DTD_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))

_SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
)


@dataclass(frozen=True)
class DocxParts:
    """The three parts the reader needs, as python-docx parsed them."""

    body: etree._Element
    numbering: etree._Element | None
    styles: etree._Element | None


def open_docx(path: Path) -> DocxParts:
    """The parts of the Word document at ``path``; :class:`InputError` for anything else."""
    data = _read(path)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError(
                f"{path} is password-protected; open it in Word, remove the password "
                "(File > Info > Protect Document) and save it again to import it."
            )
        raise InputError(
            f"{path} is an old Word 97-2003 (.doc) file, not .docx; "
            "open it in Word and save it as .docx to import it."
        )
    if not data.startswith(_ZIP_MAGIC):
        raise InputError(f"{path} is not a Word (.docx) file: it is not a zip package.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_members(path, archive)
        document = Document(io.BytesIO(data))
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise InputError(f"{path} is an encrypted zip file, not a Word document.") from exc
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError) as exc:
        raise InputError(f"{path} is a damaged Word file (the zip package is broken).") from exc
    except (KeyError, PackageNotFoundError) as exc:
        raise InputError(f"{path} is a zip file but not a Word document (no document).") from exc
    except ValueError as exc:  # python-docx: "file ... is not a Word file, content type is ..."
        raise InputError(
            f"{path} is not a Word document we can read (it may be Excel, PowerPoint or damaged)."
        ) from exc
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path} is a damaged Word file (broken XML).") from exc
    root = document.element
    if root.tag != f"{W}document":
        raise InputError(f"{path} is not a Word document (its main part is not a document).")
    body = root.find(f"{W}body")
    part = document.part
    return DocxParts(
        body=etree.Element(f"{W}body") if body is None else body,
        numbering=_related_element(part, RT.NUMBERING),
        styles=_related_element(part, RT.STYLES),
    )


def _read(path: Path) -> bytes:
    """The whole file, bounded: a huge file is refused, not loaded."""
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a Word file.") from None
    except PermissionError:
        if path.is_dir():  # Windows reports folders this way
            raise InputError(f"{path} is a folder, not a Word file.") from None
        raise InputError(f"No permission to read {path}.") from None
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{path} is larger than {MAX_FILE_BYTES // 1024 // 1024} MB, too large for a contract."
        )
    return data


def _check_members(path: Path, archive: zipfile.ZipFile) -> None:
    """Sizes from the zip directory first (nothing inflated yet), then every XML part."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{path} holds {len(members)} files, far more than any Word document.")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNPACKED_BYTES or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise InputError(
                f"{path} unpacks to more data than a Word document holds "
                "(a zip bomb or a damaged file); refusing to open it."
            )
    for info in members:
        if info.filename.lower().endswith(_XML_SUFFIXES):
            _check_xml(path, info.filename, archive.read(info))


def _check_xml(path: Path, name: str, data: bytes) -> None:
    """Refuse a DTD by its bytes (libxml2 may choke on entity loops before telling us of the
    DTD), then parse, and ask the parser too in case the part uses an encoding we did not scan."""
    unsafe = InputError(
        f"{path} declares XML entities in {name}, which Word never writes; refusing it as unsafe."
    )
    if any(marker in data for marker in _DTD_MARKERS):
        raise unsafe
    try:
        tree = etree.fromstring(data, _SAFE_PARSER).getroottree()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path} is a damaged Word file (broken XML in {name}).") from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise unsafe


def _related_element(part: Part, reltype: str) -> etree._Element | None:
    """The XML of a part related to the document part, None when the package lacks it."""
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError):  # missing, or not an XML part
        return None
