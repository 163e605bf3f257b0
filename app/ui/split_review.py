"""The review of a recovered split before it goes in: the source, coloured, beside its outline.

Why: the importer guesses the structure of a file it has never seen; the lawyer must see what
became which article, clause, field or annex, and what was skipped and why, and correct it
before it lands in the library or a draft. The colours and the classification are those of
``outline FILE --html`` (``app.model.outline_html``). Each action turns the caret or the
selection into a correction (``app.model.split_review``), the file is parsed again with all
corrections, and both sides are redrawn. OK imports the corrected outline; Cancel nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QSplitter,
    QTextEdit,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.outline_html import COLOURS, coloured_runs
from app.model.split_review import (
    CorrectionStore,
    annex_here,
    content_hash,
    field_here,
    heading_at,
    keep_here,
    merge_here,
    relevel_here,
    skip_here,
    split_here,
)
from clause_db.errors import ClauseDbError
from clause_db.model import REVIEW_SKIP
from clause_db.paths import data_dir
from clause_db.review_hints import SplitHints

from .settings import app_settings
from .translations import error_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from clause_db.messages import Msg
    from clause_db.model import Article, Clause, Outline, Part, Skipped
    from clause_db.review_hints import Correction

REVIEW_SETTING = "import/reviewSplit"  # show this dialog before an import (default: yes)
_SPAN_ROLE = Qt.ItemDataRole.UserRole


def review_wanted() -> bool:
    return app_settings().value(REVIEW_SETTING, True, type=bool)


def read_reviewed(
    parent: QWidget, path: Path, notes: list[Msg | str]
) -> tuple[Outline, SplitHints] | None:
    """The outline of the file at ``path`` with the corrections remembered for its content,
    reviewed (and corrected) by the lawyer; None when the lawyer cancelled.

    Reading (in the background: a big file takes a while) raises ClauseDbError with a
    clear message; notes on the way (undecodable bytes, a damaged store) go to ``notes``.
    """
    from app.readers import read_any

    from .background import run_with_progress

    store = CorrectionStore(data_dir())
    notes.extend(store.notes)
    try:
        key = content_hash(path)
    except OSError:
        key = None  # reading the file says why it cannot be read
    corrections = store.corrections(key) if key else []
    hints = SplitHints.of(corrections)
    outline = run_with_progress(
        parent,
        QCoreApplication.translate("SplitReviewDialog", "Reading {0}…").format(path.name),
        lambda: read_any(path, notes.append, hints, keep_changes=True),
    )
    if not review_wanted():
        return outline, hints
    dialog = SplitReviewDialog(
        path.name,
        outline,
        lambda h: read_any(path, None, h, keep_changes=True),
        corrections,
        parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if key and dialog.corrections != corrections:
        try:
            store.remember(key, path.name, dialog.corrections)
        except ClauseDbError as exc:  # the import goes on; the lawyer is told
            notes.append(exc.message)
    return dialog.outline, dialog.hints()


def _lines_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at each newline (the newlines left out)."""
    out = []
    while start < end:
        cut = text.find("\n", start, end)
        stop = end if cut < 0 else cut
        if stop > start:
            out.append((start, stop))
        start = stop + 1
    return out


def _opening(text: str, size: int = 24) -> str:
    """The first words of a text, for an untitled clause in the tree."""
    words = " ".join(text.split())
    return words if len(words) <= size else words[:size] + "…"


class _Offsets:
    """Python string offsets <-> Qt document positions (UTF-16: a character outside the
    Basic Multilingual Plane counts twice in Qt)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to_qt(self, i: int) -> int:
        return i + bisect_left(self._astral, i)

    def from_qt(self, p: int) -> int:
        lo, hi = 0, p
        while lo < hi:  # the largest i with to_qt(i) <= p
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= p:
                lo = mid
            else:
                hi = mid - 1
        return lo


class SplitReviewDialog(QDialog):
    """Shows ``outline`` of the file ``name``; ``reparse(hints)`` reads it again corrected.

    After exec() returns Accepted, ``outline`` is the corrected outline and ``corrections``
    what the lawyer did (earlier corrections remembered for the file included)."""

    def __init__(
        self,
        name: str,
        outline: Outline,
        reparse: Callable[[SplitHints], Outline],
        corrections: list[Correction] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("splitReview")
        self.setWindowTitle(self.tr("Review the split of {0}").format(name))
        self.outline, self.corrections, self._reparse = outline, list(corrections), reparse
        self._runs: list = []
        from app.model.markup import MARKERS

        # where the other side changed the text (a marker: see app.model.markup), a pencil:
        # one character for one, so offsets into the outline's text still hold
        shown = MARKERS.sub("✎", outline.text).replace("\r", " ")  # same length, no extra lines
        self._offsets = _Offsets(shown)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.source = QTextEdit(self)
        self.source.setObjectName("reviewSource")
        self.source.setReadOnly(True)
        self.source.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.source.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.source.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.source.customContextMenuRequested.connect(self._context_menu)
        self.source.viewport().installEventFilter(self)
        self.source.setPlainText(shown)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("reviewTree")
        self.tree.setHeaderLabels([self.tr("Recovered structure")])
        self.tree.itemActivated.connect(self._go_to_item)
        self.tree.itemClicked.connect(self._go_to_item)

        self.actions_: dict[str, QAction] = {}
        bar = QHBoxLayout()
        for name_, text, key, slot in (
            ("split_article", self.tr("New &article here"), "Ctrl+Return", self.split_article),
            ("split_clause", self.tr("New &clause here"), "Ctrl+Shift+Return", self.split_clause),
            ("merge", self.tr("&Not a heading"), "Ctrl+Backspace", self.merge),
            ("promote", self.tr("&Promote"), "Alt+Left", self.promote),
            ("demote", self.tr("&Demote"), "Alt+Right", self.demote),
            ("skip", self.tr("&Skip…"), "Ctrl+D", self.ask_skip),
            ("keep", self.tr("&Keep as text"), "Ctrl+Shift+D", self.keep),
            ("annex", self.tr("A&nnex starts here"), "Ctrl+Shift+A", self.annex),
            ("field", self.tr("Blank to &fill"), "Ctrl+Shift+F", self.field),
            ("undo", self.tr("&Undo correction"), "Ctrl+Z", self.undo),
        ):
            action = QAction(text, self)
            action.setObjectName(f"review_{name_}")
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{action.text().replace('&', '')} ({key})")
            action.triggered.connect(slot)
            self.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            bar.addWidget(button)
            self.actions_[name_] = action
        bar.addStretch(1)

        splitter = QSplitter(self)
        splitter.addWidget(self.source)
        splitter.addWidget(self.tree)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.legend = QLabel(self._legend(), self)
        self.status = QLabel(self)
        self.status.setObjectName("reviewStatus")
        self.always = QCheckBox(self.tr("Show this review before every import"), self)
        self.always.setChecked(review_wanted())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addWidget(self.always)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.intro.setText(
            self.tr(
                "Check how the file was split before it goes in. Put the caret on a line or "
                "select text, then correct: the view follows each correction, and the "
                "corrections are remembered for this file."
            )
        )
        self.resize(1200, 760)
        self._redraw()

    def done(self, result: int) -> None:
        settings = app_settings()
        settings.setValue(REVIEW_SETTING, self.always.isChecked())
        settings.sync()
        super().done(result)

    # -- the caret and the selection, in source offsets ---------------------------------------

    def caret(self) -> int:
        return self._offsets.from_qt(self.source.textCursor().position())

    def selection(self) -> tuple[int, int]:
        cursor = self.source.textCursor()
        start, end = sorted((cursor.anchor(), cursor.position()))
        return self._offsets.from_qt(start), self._offsets.from_qt(end)

    def set_caret(self, start: int, end: int | None = None) -> None:
        """Put the caret at source offset ``start`` (selecting up to ``end``)."""
        cursor = self.source.textCursor()
        cursor.setPosition(self._offsets.to_qt(start))
        if end is not None:
            cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.source.setTextCursor(cursor)
        self.source.ensureCursorVisible()

    # -- corrections --------------------------------------------------------------------------

    def split_article(self) -> None:
        self.apply(split_here(self.outline, self.caret(), 0))

    def split_clause(self) -> None:
        """A clause beside the caret's clause, or the first clause of the caret's article."""
        here = heading_at(self.outline, self.caret())
        self.apply(split_here(self.outline, self.caret(), max(here.level if here else 1, 1)))

    def merge(self) -> None:
        self.apply(merge_here(self.outline, self.caret()))

    def promote(self) -> None:
        self.apply(relevel_here(self.outline, self.caret(), -1))

    def demote(self) -> None:
        self.apply(relevel_here(self.outline, self.caret(), 1))

    def ask_skip(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Skip"),
            self.tr("Why is this not part of the contract?"),
            text=self.tr("not part of the contract"),
        )
        if ok:
            self.skip(reason.strip())

    def skip(self, reason: str) -> None:
        self.apply(skip_here(self.outline, self.selection(), reason))

    def keep(self) -> None:
        correction = keep_here(self.outline, self.caret())
        if correction is None:
            self.status.setText(
                self.tr(
                    "Only page headers and footers, markup and your own skips can be kept as "
                    "text: put the caret in one."
                )
            )
            return
        self.apply(correction)

    def annex(self) -> None:
        self.apply(annex_here(self.outline, self.caret()))

    def field(self) -> None:
        self.apply(field_here(self.outline, self.selection()))

    def undo(self) -> None:
        if self.corrections:
            self.corrections.pop()
            self._refresh(self.caret())

    def apply(self, correction: Correction | None) -> None:
        """Add ``correction`` (None: nothing to do here, said in the status line)."""
        if correction is None:
            self.status.setText(self.tr("Nothing to correct there: put the caret in a piece."))
            return
        self.corrections.append(correction)
        self._refresh(correction.at)

    def hints(self) -> SplitHints:
        return SplitHints.of(self.corrections)

    def _refresh(self, caret: int) -> None:
        try:
            self.outline = self._reparse(self.hints())
        except ClauseDbError as exc:  # the file changed or vanished meanwhile
            self.corrections.pop()
            self.status.setText(error_text(exc))
            return
        self._redraw()
        self.set_caret(caret)

    # -- drawing ------------------------------------------------------------------------------

    def _legend(self) -> str:
        words = (
            ("cover", self.tr("cover page")),
            ("article", self.tr("article")),
            ("clause", self.tr("clause")),
            ("part", self.tr("part")),
            ("signature", self.tr("signature block")),
            ("annex", self.tr("annex")),
            ("table", self.tr("table")),
            ("field", self.tr("blank to fill")),
            ("skipped", self.tr("skipped (hover for why)")),
        )
        struck = {"skipped": "color:#777777;"}
        return "  ".join(
            f'<span style="{struck.get(css, "")}background:{COLOURS[css]}">'
            f"&nbsp;{word}&nbsp;</span>"
            for css, word in words
        )

    def _redraw(self) -> None:
        """Colour the source. Backgrounds are extra selections: Qt leaves some lines blank
        when they are character formats (a line wholly in the format of the line before)."""
        self._runs = coloured_runs(self.outline)
        cursor = QTextCursor(self.source.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        backgrounds = []
        for run in self._runs:
            if not run.css:
                continue
            kind = run.css.split()[0]
            cursor.setPosition(self._offsets.to_qt(run.start))
            cursor.setPosition(self._offsets.to_qt(run.end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            if "label" in run.css or kind == "title":
                fmt.setFontWeight(QFont.Weight.Bold)
            if kind == "skipped":
                fmt.setForeground(QColor("#777777"))
                fmt.setFontStrikeOut(True)
            if fmt.properties():
                cursor.setCharFormat(fmt)
            for line in _lines_of(self.outline.text, run.start, run.end):
                backgrounds.append(self._background(line, COLOURS.get(kind, "#ffffff")))
        # blanks marked where the outline keeps no fields (the preamble): shown all the same
        for start, end in sorted(self.hints().fields):
            for line in _lines_of(self.outline.text, start, end):
                backgrounds.append(self._background(line, COLOURS["field"]))
        self.source.setExtraSelections(backgrounds)
        self._fill_tree()
        self._say_counts()

    def _background(self, span: tuple[int, int], colour: str) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = QTextCursor(self.source.document())
        selection.cursor.setPosition(self._offsets.to_qt(span[0]))
        selection.cursor.setPosition(self._offsets.to_qt(span[1]), QTextCursor.MoveMode.KeepAnchor)
        selection.format = QTextCharFormat()
        selection.format.setBackground(QColor(colour))
        return selection

    def _say_counts(self) -> None:
        articles = sum(1 for d in self.outline.documents for _ in d.iter_articles())
        clauses = sum(
            1 for d in self.outline.documents for a in d.iter_articles() for _ in a.iter_clauses()
        )
        skipped = sum(len(d.skipped) for d in self.outline.documents) + len(self.outline.skipped)
        self.status.setText(
            self.tr("{0} articles · {1} clauses · {2} skipped · corrections: {3}").format(
                articles, clauses, skipped, len(self.corrections)
            )
        )

    def _fill_tree(self) -> None:
        self.tree.clear()
        for doc in self.outline.documents:
            top = self._item(self.tree, doc.title or self.tr("(untitled)"), doc.span)
            if doc.cover is not None:
                self._item(top, self.tr("[cover page]"), doc.cover.span, "cover")
            for part in doc.parts:
                parent = top
                if part.label.value or part.title:
                    parent = self._item(top, part.title or part.label.value, part.span, "part")
                for article in part.articles:
                    self._node_item(parent, article, "article")
            if doc.signature is not None:
                self._item(top, self.tr("[signature block]"), doc.signature.span, "signature")
            for annex in doc.annexes:
                label = f"{annex.label.value} {annex.title.value}".strip()
                item = self._item(top, label, annex.span, "annex")
                for part in annex.parts:
                    self._part_items(item, part)
            for skipped in doc.skipped:
                self._skipped_item(top, skipped)
        for skipped in self.outline.skipped:
            self._skipped_item(self.tree, skipped)
        self.tree.expandAll()

    def _skipped_item(self, parent, skipped: Skipped) -> None:
        if skipped.reason in ("markup", "blank"):  # many and small: the source shows them
            return
        reason = self._reason(skipped.reason, skipped.span[0])
        self._item(parent, self.tr("[skipped: {0}]").format(reason), skipped.span, "skipped")

    def _part_items(self, parent: QTreeWidgetItem, part: Part) -> None:
        for article in part.articles:
            self._node_item(parent, article, "article")

    def _node_item(self, parent, node: Article | Clause, kind: str) -> None:
        words = node.heading.value or _opening(node.text.value)  # 1. 乙方应当……
        item = self._item(parent, f"{node.label.value} {words}".strip(), node.span, kind)
        for child in node.clauses:
            self._node_item(item, child, "clause")

    def _item(self, parent, text: str, span: tuple[int, int], kind: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [" ".join(text.split()) or "…"])
        item.setData(0, _SPAN_ROLE, span)
        if kind:
            item.setBackground(0, QColor(COLOURS[kind]))
        return item

    def _go_to_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        span = item.data(0, _SPAN_ROLE)
        if span:
            self.set_caret(span[0])

    # -- context menu and hover texts ---------------------------------------------------------

    def _context_menu(self, pos) -> None:
        if not self.source.textCursor().hasSelection():
            self.source.setTextCursor(self.source.cursorForPosition(pos))
        menu = QMenu(self)
        menu.addActions(list(self.actions_.values()))
        menu.exec(self.source.viewport().mapToGlobal(pos))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.source.viewport() and event.type() == QEvent.Type.ToolTip:
            at = self._offsets.from_qt(self.source.cursorForPosition(event.pos()).position())
            tip = self.tip_at(at)
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.source)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def tip_at(self, at: int) -> str:
        """What the piece at source offset ``at`` is, in the UI's language; for a skipped
        piece why (the reason a lawyer gave for a skip of their own)."""
        if any(s <= at < e for s, e in self.hints().fields):
            return self.tr("blank to fill")
        run = next((r for r in self._runs if r.start <= at < r.end), None)
        if run is None or not run.css:
            return ""
        kind = run.css.split()[0]
        if kind == "skipped":
            return self.tr("skipped: {0}").format(self._reason(run.title.split(": ", 1)[-1], at))
        names = self._kind_names()
        # the source's own words (第一条 服务内容, 附件1, a blank's label) follow the kind
        own = kind in ("article", "clause", "annex", "field") and " " in run.title
        detail = run.title.split(" ", 1)[1] if own else ""
        return f"{names.get(kind, kind)} {detail}".strip()

    def _kind_names(self) -> dict[str, str]:
        return {
            "title": self.tr("title"),
            "preamble": self.tr("preamble"),
            "cover": self.tr("cover page"),
            "signature": self.tr("signature block"),
            "part": self.tr("part"),
            "article": self.tr("article"),
            "clause": self.tr("clause"),
            "annex": self.tr("annex"),
            "table": self.tr("table"),
            "field": self.tr("blank to fill"),
        }

    def _reason(self, reason: str, at: int) -> str:
        """A skip reason in the UI's language; the lawyer's own words for their skips."""
        if reason == REVIEW_SKIP:
            own = (
                c.reason
                for c in reversed(self.corrections)
                if c.kind == "skip" and c.at <= at < (c.end or c.at)
            )
            return next(own, "") or self.tr("skipped on review")
        return {
            "boilerplate": self.tr("web page text around the contract"),
            "cover page": self.tr("cover page"),
            "table of contents": self.tr("table of contents"),
            "signature block": self.tr("signature block"),
            "end of document marker": self.tr("end of document marker"),
            "blank": self.tr("blank lines"),
            "front matter": self.tr("front matter"),
            "summary table": self.tr("summary table"),
            "markup": self.tr("markup"),
            "page furniture": self.tr("page header, footer or number"),
        }.get(reason, reason)
