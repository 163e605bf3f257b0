"""Accepting and rejecting the other side's tracked changes from the window: at the caret
(Edit menu, the editor's context menu, shortcuts) or all at once. The decisions are model
commands (``app.model.proposals``): one undo step each, "all" one step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.model.editing import EditError
from app.model.proposals import decide_at, decide_every

from .translations import error_text

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from app.model.draft import Proposal

    from .document_view import DocumentView
    from .main_window import MainWindow

# (objectName, text, shortcut, accept, all)
ACTIONS = (
    (
        "acceptChangeAction",
        QT_TRANSLATE_NOOP("MarkupActions", "Accept change"),
        "Ctrl+Alt+Y",
        True,
        False,
    ),
    (
        "rejectChangeAction",
        QT_TRANSLATE_NOOP("MarkupActions", "Reject change"),
        "Ctrl+Alt+N",
        False,
        False,
    ),
    (
        "acceptAllChangesAction",
        QT_TRANSLATE_NOOP("MarkupActions", "Accept all changes"),
        "Ctrl+Alt+Shift+Y",
        True,
        True,
    ),
    (
        "rejectAllChangesAction",
        QT_TRANSLATE_NOOP("MarkupActions", "Reject all changes"),
        "Ctrl+Alt+Shift+N",
        False,
        True,
    ),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MarkupActions", text)


def decide_at_caret(view: DocumentView, accept: bool) -> None:
    """Accept (or reject) the change at the caret; a refusal is said in the status bar."""
    pos = view.pos_at(view.textCursor().position())
    try:
        edit = decide_at(view.draft, pos, accept)
    except EditError as exc:
        view.message.emit(error_text(exc))
        return
    view.push(edit)


def proposal_tip(proposal: Proposal) -> str:
    """Who proposed a change and when, for the tooltip over it."""
    if proposal.kind == "ins":
        tip = QCoreApplication.translate("MarkupActions", "Inserted by {0}, {1}")
    else:
        tip = QCoreApplication.translate("MarkupActions", "Deleted by {0}, {1}")
    when = proposal.date[:16].replace("T", " ")
    return tip.format(proposal.author or "?", when or "?")


def add_markup_actions(window: MainWindow, menu: QMenu) -> None:
    """The four actions, in the Edit menu (``menu``), working on the current draft."""
    menu.addSeparator()
    for name, text, shortcut, accept, every in ACTIONS:
        if every:
            slot = lambda _=False, a=accept: window._push(lambda d: decide_every(d, a))  # noqa: E731
        else:
            slot = lambda _=False, a=accept: _at_caret(window, a)  # noqa: E731
        menu.addAction(window._action(name, _tr(text), slot, shortcut))


def add_to_context_menu(view: DocumentView, menu: QMenu) -> None:
    """Accept / Reject change at the caret in the editor's context menu."""
    menu.addSeparator()
    for _name, text, _shortcut, accept, every in ACTIONS:
        if not every:
            menu.addAction(_tr(text), lambda a=accept: decide_at_caret(view, a))


def _at_caret(window: MainWindow, accept: bool) -> None:
    view = window.tabs.current_view()
    if view is not None:
        decide_at_caret(view, accept)
