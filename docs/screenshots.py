"""Regenerate the screenshots in docs/ (the README shows them).

    uv run python docs/screenshots.py

Renders the real main window offscreen on a fresh copy of the bundled library: the start
page, then the first seed contract open, in Chinese and in English, plus the inspector's
fields, a library article being dragged into the contract (the insertion line) and the
find bar over it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="contract-editor-shots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CONTRACT_EDITOR_DATA_DIR"] = str(home / "data")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())

    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QApplication

    from app.model import ops
    from app.model.files import save_draft
    from app.model.importer import draft_from_document
    from app.ui.main_window import MainWindow
    from app.ui.translations import install_translators
    from clause_db.bundled import install_seed_library
    from clause_db.reader import read_outline
    from resources import SEED_FILES

    library = home / "library.sqlite"
    install_seed_library(library)
    outline = read_outline(SEED_FILES[0])
    draft = draft_from_document(outline.documents[0], outline.text, SEED_FILES[0].name)
    history = ops.History(draft)
    party_a = next(f for f in draft.fields.values() if f.label == "甲方名称")
    history.push(ops.set_field_value(draft, party_a.id, "上海某某电子商务有限公司"))
    contract = home / "2024年度电商客服外包服务协议.contract"
    save_draft(contract, draft)

    app = QApplication.instance() or QApplication([])
    for language, name in (("zh_CN", "main-window-zh.png"), ("en", "main-window-en.png")):
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
            translator.deleteLater()
        install_translators(app, language)
        window = MainWindow(library)
        window.resize(1500, 900)
        window.show()
        if language == "zh_CN":  # the start page, with the draft among the recent ones
            window.open_path(contract)
            window.close_tab(0)
            for _ in range(10):
                QCoreApplication.processEvents()
            window.grab().save(str(HERE / "start-page-zh.png"))
        window.open_path(contract)
        view = window.tabs.current_view()
        view.setFocus()
        window.library_panel.search_box.setText("保密")
        window.library_panel.run_search()
        for _ in range(20):
            QCoreApplication.processEvents()
        window.grab().save(str(HERE / name))
        if language == "zh_CN":
            window.inspector.tabs.setCurrentIndex(0)
            for _ in range(10):
                QCoreApplication.processEvents()
            window.inspector_dock.grab().save(str(HERE / "inspector-fields.png"))
            drag_shot(window, HERE / "drop-line-zh.png")
            find_shot(window, HERE / "find-bar-zh.png")
        window.tabs.current_document().undo_stack.setClean()
        window.close()
    print("screenshots written to", HERE)


def drag_shot(window, path: Path) -> None:
    """A 保密 article from the library dragged over the top of 第三条: the line shows where
    it would land (the drag is left without a drop)."""
    from PySide6.QtCore import QCoreApplication, QPoint, Qt
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent
    from PySide6.QtWidgets import QApplication

    from app.model.doc_blocks import BlockRef
    from app.ui.item_refs import refs_mime_data

    view = window.tabs.current_view()
    (secret,) = window.library.db.execute(
        "SELECT min(id) FROM articles WHERE heading = '保密条款'"
    ).fetchone()
    mime = refs_mime_data(window.library, [("article", secret)])
    third = view.draft.parts[0].articles[2].id
    view.jump_to(view.draft.parts[0].articles[1].id)
    block = view.document().findBlockByNumber(view.block_index(BlockRef("heading", third)))
    rect = view.document().documentLayout().blockBoundingRect(block)
    point = QPoint(int(rect.left()) + 80, int(rect.top()) - view.verticalScrollBar().value() + 4)
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(point, *args))
    QApplication.sendEvent(view.viewport(), QDragMoveEvent(point, *args))
    for _ in range(10):
        QCoreApplication.processEvents()
    window.centre.grab().save(str(path))
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())


def find_shot(window, path: Path) -> None:
    """Ctrl+F on the contract, 甲方 typed: the bar with its count, every hit highlighted."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

    view = window.tabs.current_view()
    view.jump_to(view.draft.parts[0].articles[0].id)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.findChild(QWidget, "findBar")
    edit = bar.findChild(QLineEdit, "findEdit")
    for ch in "甲方":  # typed, as the bar searches while one types
        QApplication.sendEvent(
            edit,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
        )
    for _ in range(10):
        QTest.qWait(30)
    window.centre.grab().save(str(path))
    QTest.keyClick(bar.findChild(QLineEdit, "findEdit"), Qt.Key.Key_Escape)


if __name__ == "__main__":
    main()
