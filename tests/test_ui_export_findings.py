"""Export lists the draft's errors first (issue 14): go to one, or export anyway; a draft
without errors exports as before. The real window, File › Export… and Export PDF…."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QListWidget, QMessageBox, QPushButton

from app.model import ops
from app.model.draft import Draft, Node, Part, Ref
from app.model.editing import Pos
from app.model.files import save_draft
from app.model.importer import draft_from_document
from app.ui.export_dialog import ExportDialog, FindingsDialog
from app.ui.print_dialogs import PdfDialog
from clause_db.reader import read_outline
from resources import SEED_FILES

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@pytest.fixture
def broken_path(tmp_path: Path) -> Path:
    """A seed contract whose referenced article 第三方退出 was deleted: one dangling
    reference, an error."""
    outline = read_outline(SEED_FILES[0])
    draft = draft_from_document(outline.documents[3], outline.text, "seed")
    target = next(a for a in draft.parts[1].articles if a.heading == "第三方退出")
    ops.History(draft).push(ops.delete_node(draft, target.id))
    path = tmp_path / "有错.contract"
    save_draft(path, draft)
    return path


def _answer(monkeypatch, button: str, seen: list[list[str]]) -> None:
    """The findings dialog, shown, answered by clicking ``button`` (an object name)."""

    def exec_(dialog: FindingsDialog) -> int:
        dialog.show()
        listed = dialog.findChild(QListWidget, "exportFindings")
        seen.append([listed.item(i).text() for i in range(listed.count())])
        dialog.findChild(QPushButton, button).click()
        return dialog.result()

    monkeypatch.setattr(FindingsDialog, "exec", exec_)


def _refuse(monkeypatch, dialog: type[QDialog]) -> None:
    def exec_(_self: QDialog) -> int:
        raise AssertionError(f"{dialog.__name__} should not be shown")

    monkeypatch.setattr(dialog, "exec", exec_)


def _exports_to(monkeypatch, target: Path) -> None:
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_going_to_an_error_closes_the_export_and_selects_the_reference(
    window, broken_path: Path, monkeypatch
) -> None:
    document = window.open_path(broken_path)
    dangling = next(
        (ref, i)
        for ref, i in _refs(document.draft)
        if ref.target not in {n.id for _, n in document.draft.nodes()}
    )
    seen: list[list[str]] = []
    _answer(monkeypatch, "exportFindingsGoTo", seen)
    _refuse(monkeypatch, ExportDialog)
    assert window.export_current() is None
    assert len(seen) == 1 and len(seen[0]) == 1  # the one error, with its place first
    assert seen[0][0].startswith("第九条 9.2  ") and "“第八条”" in seen[0][0]
    view = window.tabs.current_view()
    owner, offset = dangling[1]
    assert view.selection() == (Pos(owner, offset), Pos(owner, offset + 1))
    assert view.hasFocus()


def _refs(draft: Draft) -> list[tuple[Ref, tuple]]:
    """Each reference of the draft's article texts with its (block, offset)."""
    from app.model.doc_blocks import blocks

    out = []
    for block in blocks(draft):
        for i, seg in enumerate(s for s in block.segments if not isinstance(s, str)):
            if isinstance(seg, Ref):
                out.append((seg, (block.ref, _object_offset(block.segments, i))))
    return out


def _object_offset(segments: list, n: int) -> int:
    """The block-text offset of the n-th object of the segments."""
    pos = seen = 0
    for seg in segments:
        if isinstance(seg, str):
            pos += len(seg)
            continue
        if seen == n:
            return pos
        seen, pos = seen + 1, pos + 1
    raise AssertionError("no such object")


@pytest.mark.parametrize(("export", "options"), [("export_current", ExportDialog),
                                                 ("export_pdf", PdfDialog)])  # fmt: skip
def test_export_anyway_goes_on_to_the_export(
    window, broken_path: Path, tmp_path: Path, monkeypatch, export: str, options: type[QDialog]
) -> None:
    window.open_path(broken_path)
    seen: list[list[str]] = []
    _answer(monkeypatch, "exportAnyway", seen)
    asked: list[str] = []
    monkeypatch.setattr(options, "exec", lambda self: asked.append("options") or 0)
    run: Callable[[], object] = getattr(window, export)
    assert run() is None  # the options dialog cancelled: what comes after the findings
    assert asked == ["options"] and len(seen) == 1


def test_cancel_stops_the_export(window, broken_path: Path, monkeypatch) -> None:
    window.open_path(broken_path)

    def cancel(dialog: FindingsDialog) -> int:
        dialog.show()
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(FindingsDialog, "exec", cancel)
    _refuse(monkeypatch, ExportDialog)
    assert window.export_current() is None


def test_a_draft_without_errors_exports_without_the_extra_step(
    window, tmp_path: Path, monkeypatch
) -> None:
    draft = Draft(title="保密协议", parts=[Part(2, articles=[Node(1, "保密", ["双方应当保密。"])])])
    draft.next_id = 3
    path = tmp_path / "无误.contract"
    save_draft(path, draft)
    window.open_path(path)
    _refuse(monkeypatch, FindingsDialog)
    target = tmp_path / "out.docx"
    _exports_to(monkeypatch, target)
    assert window.export_current() == target
    assert target.stat().st_size > 0


def test_the_findings_list_activates_with_the_keyboard(qtbot, broken_path: Path) -> None:
    from app.model.checks import run_checks
    from app.model.files import load_draft

    errors = [f for f in run_checks(load_draft(broken_path)) if f.severity == "error"]
    dialog = FindingsDialog(errors)
    qtbot.addWidget(dialog)
    dialog.show()
    listed = dialog.findChild(QListWidget, "exportFindings")
    listed.setFocus()
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert dialog.chosen is errors[0]
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_enter_in_the_dialog_goes_to_the_error_and_never_exports(qtbot, broken_path: Path) -> None:
    from app.model.checks import run_checks
    from app.model.files import load_draft

    errors = [f for f in run_checks(load_draft(broken_path)) if f.severity == "error"]
    dialog = FindingsDialog(errors)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the default button: Go to
    assert dialog.chosen is errors[0]
    assert dialog.result() == QDialog.DialogCode.Rejected
