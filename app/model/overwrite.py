"""What a command or the window may write over: never its own input, never a file of
another kind, and an existing draft only knowingly (the replaced one is kept as ``.bak``).

Each check raises OverwriteRefusedError with one sentence naming the file and what to do,
before anything is written.
"""

from __future__ import annotations

import os
import zipfile
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from .files import DraftFileError, read_draft

if TYPE_CHECKING:
    from pathlib import Path

    from .draft import Draft

_ZIP_MAGIC = b"PK\x03\x04"
_HTML_SNIFF = 64
_PDF_MAGIC = b"%PDF-"
_WORD_PARTS = {"[Content_Types].xml", "word/document.xml"}


class OverwriteRefusedError(DraftFileError):
    """Writing would destroy a file the user did not mean to replace."""


def same_file(a: Path, b: Path) -> bool:
    """True if ``a`` and ``b`` name one file, whatever the spelling, links or case rules."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_own_input(output: Path, *inputs: Path) -> None:
    """The output may not be one of the files being read: writing would destroy it."""
    for source in inputs:
        if same_file(output, source):
            raise OverwriteRefusedError(Msg(
                "{0} 就是输入文件本身：写入会毁掉它；请另选输出文件。",
                "{0} is the input file itself: writing there would destroy it; "
                "choose another output file.",
                output,
            ))  # fmt: skip


def refuse_unless_word_document(output: Path) -> None:
    """An export may replace an earlier Word document, never a file of another kind."""
    if output.is_file() and not is_word_document(output):
        raise OverwriteRefusedError(Msg(
            "{0} 已存在且不是 Word 文档：导出不会替换它；请另选文件名。",
            "{0} exists and is not a Word document: the export will not replace it; "
            "choose another name.",
            output,
        ))  # fmt: skip


def refuse_unless_pdf(output: Path) -> None:
    """A PDF export may replace an earlier PDF, never a file of another kind."""
    if output.is_file() and not is_pdf(output):
        raise OverwriteRefusedError(Msg(
            "{0} 已存在且不是 PDF 文件：导出不会替换它；请另选文件名。",
            "{0} exists and is not a PDF file: the export will not replace it; "
            "choose another name.",
            output,
        ))  # fmt: skip


def is_pdf(path: Path) -> bool:
    """A file that starts as a PDF does (judged by content, not by name)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(_PDF_MAGIC)) == _PDF_MAGIC
    except OSError:
        return False


def refuse_unless_html_page(output: Path) -> None:
    """An HTML view may replace an earlier HTML page, never a file of another kind."""
    if (output.exists() or output.is_symlink()) and not is_html_page(output):
        raise OverwriteRefusedError(Msg(
            "{0} 已存在且不是 HTML 网页：不会替换它；请另选文件名。",
            "{0} exists and is not an HTML page: it will not be replaced; "
            "choose another name.",
            output,
        ))  # fmt: skip


def is_html_page(path: Path) -> bool:
    """A file that starts (after a BOM and blank space) like an HTML page, judged by content."""
    try:
        with path.open("rb") as handle:
            start = handle.read(_HTML_SNIFF).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError:
        return False
    return start.startswith((b"<!doctype html", b"<html"))


def is_word_document(path: Path) -> bool:
    """A zip package holding a Word document body (judged by content, not by name)."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(_ZIP_MAGIC)) != _ZIP_MAGIC:
                return False
        with zipfile.ZipFile(path) as package:
            return set(package.namelist()) >= _WORD_PARTS
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False


def existing_draft(path: Path) -> tuple[Draft, str] | None:
    """The draft already at ``path`` and its SHA-256, None if there is no file there;
    OverwriteRefusedError if a file there is not a draft (it is not ours to replace)."""
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_dir():
        raise OverwriteRefusedError(
            Msg("{0} 是文件夹，不是草稿文件。", "{0} is a folder, not a draft file.", path)
        )
    try:
        return read_draft(path)
    except DraftFileError:
        raise OverwriteRefusedError(Msg(
            "{0} 已存在且不是合同草稿：不会替换它；请另选文件名。",
            "{0} exists and is not a contract draft: it will not be replaced; "
            "choose another name.",
            path,
        )) from None  # fmt: skip


def filled_summary(draft: Draft) -> str:
    """``3 of 12 fields filled``: what a lawyer would lose by replacing the draft."""
    counts = draft.occurrences()
    live = [f for f in draft.fields.values() if counts.get(f.id)]
    live = [f for f in live if f.kind != "checkbox"]  # a tick box is an answer either way
    filled = sum(1 for f in live if f.value is not None)
    return f"{filled} of {len(live)} fields filled"
