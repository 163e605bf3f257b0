"""The review of the split, in the real window: importing into the library and opening a
file as a draft show it; a correction made there goes in and is applied again next time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog

from app.model.draft import Blank
from app.ui.settings import app_settings
from app.ui.split_review import REVIEW_SETTING, SplitReviewDialog, review_wanted

SOURCE = Path(__file__).parent / "fixtures" / "review" / "split_review.txt"
TEXT = SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def contract(tmp_path: Path) -> Path:
    app_settings().setValue(REVIEW_SETTING, True)
    path = tmp_path / "技术服务合同.txt"
    shutil.copyfile(SOURCE, path)
    return path


def when_reviewing(qtbot, act, seen: list) -> None:
    """When the review dialog shows, note it, run ``act(dialog)`` and press the button that
    ``act`` returns (Ok or Cancel) with the mouse; what ``act`` raised is noted too."""
    tries = iter(range(250))  # about 5 s, then give up: the test's asserts then fail

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SplitReviewDialog):
            if next(tries, None) is not None:
                QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        choice = QDialogButtonBox.StandardButton.Cancel
        try:
            choice = act(dialog)
        except Exception as exc:  # told by the test, after the dialog is closed
            seen.append(exc)
        finally:
            qtbot.mouseClick(dialog.buttons.button(choice), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def dialogs(seen: list) -> list[SplitReviewDialog]:
    """The dialogs shown; what an action raised in one of them fails the test here."""
    for item in seen:
        if isinstance(item, Exception):
            raise item
    return seen


def headings_in_tree(dialog: SplitReviewDialog) -> list[str]:
    out, stack = [], [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    while stack:
        item = stack.pop(0)
        out.append(item.text(0))
        stack[:0] = [item.child(i) for i in range(item.childCount())]
    return out


def library_articles(window, name: str) -> list[tuple[str, str]]:
    source = next(s for s in window.library.sources_list() if s.file_name == name)
    return [(a.label, a.heading) for a in window.library.articles_in_source(source.id)]


def split_at_breach(dialog: SplitReviewDialog) -> QDialogButtonBox.StandardButton:
    assert dialog.objectName() == "splitReview"
    assert "违约责任" not in headings_in_tree(dialog)
    dialog.set_caret(TEXT.index("违约责任") + 1)
    dialog.actions_["split_article"].trigger()
    assert "违约责任" in headings_in_tree(dialog)  # the view follows the correction
    assert dialog.status.text().endswith("corrections: 1")
    return QDialogButtonBox.StandardButton.Ok


def test_import_shows_the_review_and_keeps_the_correction(qtbot, window, contract):
    seen: list[SplitReviewDialog] = []
    when_reviewing(qtbot, split_at_breach, seen)
    assert window.import_file_into_library(contract)
    assert len(dialogs(seen)) == 1
    articles = library_articles(window, contract.name)
    assert [h for _, h in articles] == ["服务内容", "服务费用", "保密", "违约责任", "其他"]

    def check_remembered(dialog):
        assert "违约责任" in headings_in_tree(dialog)  # applied before the lawyer sees it
        assert len(dialog.corrections) == 1
        dialog.activateWindow()
        dialog.source.setFocus()
        qtbot.waitUntil(lambda: dialog.source.hasFocus())  # shortcuts reach the active window
        qtbot.keyClick(dialog.source, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert "违约责任" not in headings_in_tree(dialog)  # Ctrl+Z took the correction back
        return QDialogButtonBox.StandardButton.Cancel

    before = len(window.library.sources_list())
    when_reviewing(qtbot, check_remembered, seen)
    assert not window.import_file_into_library(contract)  # Cancel imports nothing
    assert len(dialogs(seen)) == 2
    assert len(window.library.sources_list()) == before


def test_open_as_draft_with_a_blank_marked_and_a_piece_skipped(
    qtbot, window, contract, monkeypatch
):
    name = "上海示例信息技术有限公司"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("草稿批注", True))

    def correct(dialog: SplitReviewDialog):
        start = TEXT.index(name)
        dialog.set_caret(start, start + len(name))
        dialog.actions_["field"].trigger()
        dialog.set_caret(TEXT.index("内部草稿") + 1)
        dialog.actions_["skip"].trigger()
        assert "[skipped: 草稿批注]" in headings_in_tree(dialog)
        assert dialog.tip_at(TEXT.index("内部草稿") + 1) == "skipped: 草稿批注"  # on hover
        assert dialog.tip_at(TEXT.index(name) + 1) == "blank to fill"
        assert dialog.tip_at(TEXT.index("第一条") + 1).startswith("article 第一条")
        dialog.set_caret(TEXT.index("附：") + 1)
        dialog.actions_["annex"].trigger()
        return QDialogButtonBox.StandardButton.Ok

    seen: list[SplitReviewDialog] = []
    when_reviewing(qtbot, correct, seen)
    document = window.open_path(contract)
    assert len(dialogs(seen)) == 1 and document is not None
    draft = document.draft
    blanks = [s for s in draft.preamble if isinstance(s, Blank)]
    assert [b.blank for b in blanks] == [name]
    first = draft.parts[0].articles[0]
    assert "内部草稿" not in "".join(s for s in first.children[1].body if isinstance(s, str))
    annex = draft.annexes[-1]  # an annex of the draft, with its own articles
    assert (annex.label, annex.title) == ("附", "服务清单")
    assert [a.heading for part in annex.parts for a in part.articles] == ["系统巡检", "故障处理"]
    assert len(draft.parts[0].articles[-1].children) == 0  # the annex's list left 第四条


def test_cancel_opens_nothing(qtbot, window, contract):
    seen: list[SplitReviewDialog] = []
    when_reviewing(qtbot, lambda d: QDialogButtonBox.StandardButton.Cancel, seen)
    assert window.open_path(contract) is None
    assert len(dialogs(seen)) == 1 and window.tabs.count() == 0


def test_the_review_can_be_turned_off(qtbot, window, contract):
    def turn_off(dialog: SplitReviewDialog):
        dialog.always.setChecked(False)
        return QDialogButtonBox.StandardButton.Ok

    seen: list[SplitReviewDialog] = []
    when_reviewing(qtbot, turn_off, seen)
    assert window.open_path(contract) is not None and len(dialogs(seen)) == 1
    window.tabs.remove(0)
    assert window.import_file_into_library(contract)  # no dialog: it would wait for ever
    assert len(dialogs(seen)) == 1


def test_the_library_menu_brings_the_review_back(window):
    action = window.findChild(QAction, "reviewSplitAction")
    assert action.isCheckable() and not action.isChecked()  # the tests turn the review off
    action.trigger()
    assert review_wanted()
    action.trigger()
    assert not review_wanted()


def test_cover_signature_annexes_and_tables_of_a_word_file_are_coloured(qtbot):
    """The data provision contract: its cover page, signature block, 附件1/附件2 and tables
    show in their own colours and in the tree, as the lawyer will get them."""
    from app.model.outline_html import COLOURS
    from app.readers import read_any
    from tests.conftest import CORPUS

    path = CORPUS / "zh_gf2025_2615_data_provision_contract.docx"
    outline = read_any(path)
    dialog = SplitReviewDialog(path.name, outline, lambda h: read_any(path, None, h))
    qtbot.addWidget(dialog)
    (doc,) = outline.documents
    tree = headings_in_tree(dialog)
    assert "[cover page]" in tree and "[signature block]" in tree
    assert tree.index("[signature block]") < tree.index("附件1 数据提供项目验收单示例")
    assert "附件2 数据交付质量标准要求示例" in tree
    assert dialog.tip_at(doc.cover.span[0] + 1) == "cover page"
    assert dialog.tip_at(doc.signature.span[0] + 1) == "signature block"
    assert dialog.tip_at(doc.annexes[0].span[0] + 1) == "annex 附件1 数据提供项目验收单示例"
    tables = [t for a in doc.iter_articles() for c in a.iter_clauses() for t in c.tables]
    assert tables and dialog.tip_at(tables[0].span[0] + 1) == "table"
    colours = {s.format.background().color().name() for s in dialog.source.extraSelections()}
    assert {COLOURS[k] for k in ("cover", "signature", "annex", "table")} <= colours
