"""Long work (reading a big file, importing, exporting) off the window's thread.

The work runs in a worker thread while a progress dialog shows and the window keeps
painting; the caller gets the result (or the exception) back as if it had called the
function itself. Work that uses SQLite must open its own connection in the worker.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")
SHOW_AFTER_MS = 400  # quick work finishes before a dialog would flash up
POLL_MS = 30


def run_with_progress(parent: QWidget | None, text: str, work: Callable[[], T]) -> T:
    """Run ``work()`` in a thread, show ``text`` with a busy bar meanwhile, return its result."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="contract-editor-work", daemon=True)
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setCancelButton(None)  # the work cannot be interrupted half-way: it is atomic
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    worker.start()
    timer.start()
    if worker.is_alive():
        loop.exec()
    timer.stop()
    worker.join()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
