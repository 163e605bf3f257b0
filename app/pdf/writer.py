"""``contract-editor export IN -o OUT.pdf`` and File › Export PDF: the draft as a PDF file,
fonts embedded (subsets), written atomically like every file a user owns."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QGuiApplication, QPdfWriter

from app.model.files import write_atomically
from app.pdf.pages import PrintedDraft
from app.pdf.to_unicode import ideographs_not_radicals
from app.word.print_html import PrintOptions

if TYPE_CHECKING:
    from pathlib import Path

    from app.model.draft import Draft

_DPI = 600  # text is vector anyway; this is the grid positions are rounded to


def render_pdf(draft: Draft, options: PrintOptions | None = None) -> bytes:
    """The PDF bytes of the draft (a Qt GUI application must exist: ``gui_application``)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_DPI)
    writer.setCreator("Contract Editor")
    writer.setTitle(draft.title)
    PrintedDraft(draft, options).paint(writer)
    del writer  # the file is finished when the writer goes
    buffer.close()
    return ideographs_not_radicals(bytes(data.data()))


def write_pdf(draft: Draft, path: Path, highlight: bool = True) -> None:
    """Write the draft as a PDF at ``path`` atomically, from the command line or the window."""
    gui_application()
    write_atomically(path, render_pdf(draft, PrintOptions(highlight=highlight)))


def gui_application() -> QGuiApplication:
    """The running Qt application, or a windowless one: fonts need one, a screen does not
    (on Linux without a display, Qt's offscreen platform)."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    global _APP
    _APP = QGuiApplication([])  # kept: Qt quits with the last reference
    return _APP


_APP: QGuiApplication | None = None
