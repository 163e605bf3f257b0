"""The window offers the source's own numbering: a GF contract opens with 第一条 > 1. > （1）
ticked in the Numbering menu, and the lawyer can switch away and back (undoably)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from app.model.numbering import STYLE_NAMES
from app.model.view import show
from tests.conftest import CORPUS
from tests.document_helpers import CTRL

GF_TOUR = CORPUS / "zh_gf2014_2402_outbound_group_tour_contract.txt"


def _first_article(window) -> tuple[str, list[str]]:
    article = show(window.tabs.current_document().draft)["parts"][0]["articles"][0]
    return article["label"], [c["label"] for c in article["clauses"][:2]]


def test_gf_contract_opens_with_its_numbering_ticked_and_switches_back_on_undo(qtbot, window):
    document = window.open_path(GF_TOUR)
    assert document is not None and document.draft.numbering == "chinese_items"
    ticked = [a for a in window.numbering_group.actions() if a.isChecked()]
    assert [a.objectName() for a in ticked] == ["numbering_chinese_items"]
    assert ticked[0].text() in STYLE_NAMES["chinese_items"]
    assert _first_article(window) == ("第一条", ["1.", "2."])

    window.findChild(QAction, "numbering_chinese").trigger()
    assert _first_article(window) == ("第一条", ["1.1", "1.2"])
    qtbot.keyClick(window.findChild(QAction, "undoAction").parent(), Qt.Key.Key_Z, CTRL)
    assert _first_article(window) == ("第一条", ["1.", "2."])
    menu = window.findChild(QMenu, "numberingMenu")
    menu.aboutToShow.emit()  # the lawyer opens the menu (a real popup warns offscreen)
    assert window.findChild(QAction, "numbering_chinese_items").isChecked()
