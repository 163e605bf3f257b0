"""The inspector's Clause tab: where the current article came from, how it was changed since,
and the library's other variants of its topic, one of which can be swapped in.

A lawyer reuses clauses; what matters before sending a draft is what was changed in them and
whether another source words the same topic better. "Changed" looks at the whole article: its
heading, its text and every clause (edited, added, removed). Swapping replaces that one article
with its clauses in one undo step; unless it is exactly as taken from the library, a warning
first shows what would be replaced (clauses and filled-in values) next to the variant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.model.article_changes import article_changes, filled_fields
from app.model.checks.topics import topic_text
from app.model.library_insert import swap_in_variant
from app.model.numbering import labels, number_paths
from app.model.ops import EditError
from clause_db.errors import LibraryError
from clause_db.topics import assign_topic

from .clause_text import source_names
from .draft_document import TEXT, DraftDocument, follow_changes
from .inspector_diff import diff_html
from .inspector_diff import esc as _esc
from .swap_dialog import SwapDialog
from .translations import error_text, topic_name

if TYPE_CHECKING:
    from app.model.draft import Node
    from clause_db.store import ClauseLibrary

PREVIEW_CHARS = 300  # of a variant's text in its tooltip
TYPING_PAUSE_MS = 300  # the Clause tab follows typing once it pauses


class ClauseTab(QWidget):
    """Provenance, changes and library variants of the node the editor is on."""

    jumpTo = Signal(int)

    def __init__(self, library: ClauseLibrary | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.document: DraftDocument | None = None
        self.node_id: int | None = None
        self._variants_key: tuple | None = None  # what the variants list was built for

        self.title = QLabel(self)
        self.title.setObjectName("clauseTitle")
        self.title.setWordWrap(True)
        self.provenance = QLabel(self)
        self.provenance.setObjectName("clauseProvenance")
        self.provenance.setWordWrap(True)
        self.provenance.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel(self)
        self.status.setObjectName("clauseStatus")
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("clauseDiff")
        self.variants_title = QLabel(self)
        self.variants_title.setObjectName("variantsTitle")
        self.variants_title.setWordWrap(True)
        self.variants = QListWidget(self)
        self.variants.setObjectName("clauseVariants")
        self.swap_button = QPushButton(self.tr("Swap in"), self)
        self.swap_button.setObjectName("swapVariant")
        self.swap_button.setToolTip(
            self.tr("Replace this article with the chosen variant (one undo step)")
        )
        self.swap_button.clicked.connect(self._swap_chosen)
        self.variants.currentRowChanged.connect(lambda _row: self._update_swap())
        self.variants.itemActivated.connect(lambda _item: self._swap_chosen())

        self.details = QWidget(self)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        for widget in (self.provenance, self.status, self.diff, self.variants_title):
            details.addWidget(widget)
        details.addWidget(self.variants)
        details.addWidget(self.swap_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addStretch()

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.refresh()

    def set_document(self, document: DraftDocument | None) -> None:
        self.document = follow_changes(self.document, document, self._changed)
        self.node_id = None
        self.refresh()

    def set_current_node(self, node_id: int | None) -> None:
        if node_id != self.node_id:
            self.node_id = node_id
            self.refresh()

    def _changed(self, kind: str) -> None:
        # typing waits for a pause: numbering 3,000 clauses at every keystroke costs ms
        self._refresh_timer.start(TYPING_PAUSE_MS if kind == TEXT else 0)

    def _node(self) -> Node | None:
        if self.document is None or self.node_id is None:
            return None
        return self.document.draft.node(self.node_id)

    def refresh(self) -> None:
        self._refresh_timer.stop()
        node = self._node()
        self.details.setVisible(node is not None)
        if node is None:
            self.title.setText(
                self.tr("No draft is open.")
                if self.document is None
                else self.tr("Select an article or clause to see where it came from.")
            )
            self._variants_key = None
            return
        draft = self.document.draft
        paths = number_paths(draft)
        number = labels(draft, paths=paths)[node.id]
        self.title.setText(f"<b>{_esc(' '.join(p for p in (number, node.heading) if p))}</b>")
        self.provenance.setText(self._provenance_html(node))
        self._show_changes(node, paths)
        self._show_variants(node)

    # -- where it came from, what changed ------------------------------------------------------

    def _provenance_html(self, node: Node) -> str:
        p = node.provenance
        if p is None:
            return _esc(self.tr("Written in this draft."))
        lines = [(self.tr("Source:"), p.source), (self.tr("Numbered there:"), p.written_label)]
        if p.library_article_id is not None:
            ids = self.tr("article {article}").format(article=p.library_article_id)
            if p.library_clause_id is not None:
                ids += ", " + self.tr("clause {clause}").format(clause=p.library_clause_id)
            lines.append((self.tr("Library:"), ids))
        return "<br>".join(f"<b>{_esc(k)}</b> {_esc(v)}" for k, v in lines if v)

    def _show_changes(self, node: Node, paths: dict) -> None:
        p = node.provenance
        if p is None:
            self.status.setText("")
            self.diff.hide()
            return
        taken = (
            self.tr("since it was taken from the library")
            if p.library_article_id is not None
            else self.tr("since it was imported")
        )
        draft = self.document.draft
        numbers = labels(draft, paths=paths)
        found = article_changes(node, self.library, {n.id: numbers[n.id] for n in node.walk()})
        if not found:
            self.status.setText(self.tr("Unchanged {since}.").format(since=taken))
            self.diff.hide()
            return
        self.status.setText(self.tr("Changed {since}:").format(since=taken))
        titles = {
            "heading": self.tr("Heading:"),
            "text": "",
            "added": self.tr("Clause added:"),
            "removed": self.tr("Clause removed:"),
        }
        parts = []
        for change in found:
            title = " ".join(x for x in (change.label, titles[change.kind]) if x)
            head = f"<b>{_esc(title)}</b> " if title else ""
            parts.append(f"<p>{head}{diff_html(change.runs)}</p>")
        self.diff.setHtml("".join(parts))
        self.diff.show()

    # -- variants ------------------------------------------------------------------------------

    def _show_variants(self, node: Node) -> None:
        """The library's articles of the node's topic, rebuilt only when that could change."""
        if self.library is None:
            self.variants_title.setText(self.tr("No clause library is open."))
            self.variants.hide()
            self.swap_button.hide()
            return
        part, container, _ = self.document.draft.find(node.id)
        is_article = container is part.articles
        key = (node.id, node.heading, is_article)
        if key == self._variants_key:
            return
        self._variants_key = key
        self.variants.clear()
        self.variants.setVisible(is_article)
        self.swap_button.setVisible(is_article)
        if not is_article:
            self.variants_title.setText(self.tr("Library variants are offered for articles."))
            return
        topic = self._topic(node)
        if topic is None:
            self.variants_title.setText(self.tr("The library has no articles on this topic."))
            self._update_swap()
            return
        topic_id, name = topic
        own = node.provenance.library_article_id if node.provenance else None
        names = source_names(self.library)
        rows = [r for r in self.library.articles_in_topic(topic_id) if r.id != own]
        self.variants_title.setText(
            self.tr("Other variants of “{topic}” in the library ({count}):").format(
                topic=name, count=len(rows)
            )
        )
        for row in rows:
            text = " ".join(p for p in (row.label, row.heading) if p)
            item = QListWidgetItem(f"{text} — {names.get(row.source_id, row.source_title)}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(row.text[:PREVIEW_CHARS])
            self.variants.addItem(item)
        self._update_swap()

    def _topic(self, node: Node) -> tuple[int, str] | None:
        """The library topic (id, name) of the node: its library article's, else by heading."""
        topics = {t.id: t for t in self.library.topics()}
        p = node.provenance
        if p is not None and p.library_article_id is not None:
            row = self.library.article(p.library_article_id)
            if row is not None and row.topic_id in topics:
                return row.topic_id, topic_name(topics[row.topic_id])
        wanted = assign_topic(node.heading, topic_text(node)).name_zh
        return next(((i, topic_name(t)) for i, t in topics.items() if t.name == wanted), None)

    def _update_swap(self) -> None:
        self.swap_button.setEnabled(self.variants.currentItem() is not None)

    def _swap_chosen(self) -> None:
        item = self.variants.currentItem()
        if item is not None:
            self.swap_in(item.data(Qt.ItemDataRole.UserRole))

    def swap_in(self, article_id: int) -> int | None:
        """Replace the current article with library article ``article_id``: one undo step.

        Asks first (showing what goes and what comes) unless the article is exactly as taken
        from the library with nothing filled in. Returns the new node's id, None when nothing
        was swapped. References to the old article become dangling (the Checks tab lists
        them): the variant is a different article, not the same one reworded.
        """
        node = self._node()
        if node is None or self.library is None:
            return None
        draft = self.document.draft
        try:
            command = swap_in_variant(draft, self.library, node.id, article_id)
            ask = self._needs_warning(node)
        except (LibraryError, EditError) as e:
            QMessageBox.warning(self, self.tr("Swap in"), error_text(e))
            return None
        if ask and not SwapDialog(draft, node, self.library, article_id, self).exec():
            return None
        self.document.push(command)
        self.set_current_node(command.new.id)
        self.jumpTo.emit(command.new.id)
        return command.new.id

    def _needs_warning(self, node: Node) -> bool:
        """Whether swapping would lose anything the library does not hold: the lawyer's edits
        of the article or its clauses, values filled in, or an article not from the library."""
        p = node.provenance
        if p is None or p.library_article_id is None:
            return True
        if filled_fields(self.document.draft, node):
            return True
        return bool(article_changes(node, self.library))
