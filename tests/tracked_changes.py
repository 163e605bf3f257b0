"""Reading a Word document the way Word shows it after "Accept all" or "Reject all" changes,
independently of the redline writer: lxml over word/document.xml, one line per paragraph
("style|text"), one per table row.

Accepting drops ``w:del`` content and deleted rows and keeps ``w:ins``; rejecting drops
``w:ins`` content and inserted rows, keeps deleted text (``w:delText``) and takes the
paragraph properties kept in ``w:pPrChange``. A paragraph whose mark is removed (deleted on
accept, inserted on reject) joins the next paragraph of its container, as in Word.
"""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from pathlib import Path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_lines(path: Path, mode: str) -> list[str]:
    """The body after accepting (``mode="accept"``) or rejecting (``"reject"``) every change."""
    assert mode in ("accept", "reject")
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return _blocks(root.find(f"{W}body"), mode)


def revision_counts(path: Path) -> dict[str, int]:
    """How many ``w:ins`` and ``w:del`` elements the body holds."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return {kind: len(root.findall(f".//{W}{kind}")) for kind in ("ins", "del")}


def _blocks(container: etree._Element, mode: str) -> list[str]:
    removed = f"{W}del" if mode == "accept" else f"{W}ins"
    out: list[str] = []
    pending = ""
    for child in container:
        if child.tag == f"{W}p":
            text = _paragraph_text(child, mode)
            if child.find(f"{W}pPr/{W}rPr/{removed}") is not None:
                pending += text
                continue
            out.append(f"{_style(child, mode)}|{pending}{text}")
            pending = ""
        elif child.tag == f"{W}tbl":
            for tr in child.iter(f"{W}tr"):
                if tr.find(f"{W}trPr/{removed}") is not None:
                    continue
                cells = [" / ".join(_blocks(tc, mode)) for tc in tr.findall(f"{W}tc")]
                out.append("row|" + " ¦ ".join(cells))
    if pending:
        out.append(f"|{pending}")
    return out


def _paragraph_text(p: etree._Element, mode: str) -> str:
    dropped = f"{W}del" if mode == "accept" else f"{W}ins"
    out = []
    for el in p.iter(f"{W}t", f"{W}delText"):
        if any(a.tag == dropped for a in el.iterancestors()):
            continue
        out.append(el.text or "")
    return "".join(out)


def _style(p: etree._Element, mode: str) -> str:
    where = f"{W}pPr/{W}pPrChange/{W}pPr/{W}pStyle" if mode == "reject" else None
    if where is not None and p.find(f"{W}pPr/{W}pPrChange") is not None:
        style = p.find(where)
    else:
        style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""
