"""Read-only preview of what is selected in the library, laid out like a printed contract."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTextBrowser, QWidget

from .clause_text import find_clause, source_names, walk
from .translations import current_language_is_chinese, topic_name

if TYPE_CHECKING:
    from clause_db.rows import ArticleRow, ClauseRow, TopicRow
    from clause_db.store import ClauseLibrary

    from .item_refs import ItemRef

STYLE = """
p { line-height: 150%; margin-top: 0; margin-bottom: 6px; }
h2 { font-size: 16pt; margin-bottom: 4px; }
h3 { font-size: 13pt; margin-bottom: 4px; }
.meta { color: #666; font-size: 10pt; line-height: 120%; margin-bottom: 12px; }
.label { font-weight: bold; }
.note { color: #555; font-size: 10pt; margin-top: 16px; }
.hint { color: #888; font-size: 11pt; }
"""
BODY_POINTS = 12.0  # contract text is read closely; the UI font is too small for that
INDENT_PX = 28  # per level of sub-clause


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _clause_html(clause: ClauseRow, depth: int) -> str:
    head = " ".join(p for p in (clause.label, clause.heading) if p)
    sep = "：" if clause.heading and clause.text else " "
    body = f'<span class="label">{_esc(head)}</span>{sep if head else ""}{_esc(clause.text)}'
    return f'<p style="margin-left:{depth * INDENT_PX}px">{body}</p>'


def _clauses_html(clauses: list[ClauseRow], base_depth: int = 0) -> str:
    return "".join(_clause_html(c, base_depth + d) for d, c in walk(clauses))


class ClausePreview(QTextBrowser):
    """Shows an article or clause in full, with where it came from and why it has its topic."""

    def __init__(self, library: ClauseLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setObjectName("clausePreview")
        self.setOpenLinks(False)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF() * 1.2, BODY_POINTS))
        self.document().setDefaultFont(font)
        self.document().setDefaultStyleSheet(STYLE)
        self.document().setDocumentMargin(24)
        self.clear_preview()

    def clear_preview(self) -> None:
        self.setHtml(self._empty_html())

    def _empty_html(self) -> str:
        hint = self.tr("Select an article or clause on the left to read it here.")
        return f'<p class="hint">{_esc(hint)}</p>'

    def show_ref(self, ref: ItemRef) -> None:
        """Preview a (kind, id) reference from the library tree or the search results."""
        kind, item_id = ref
        builders = {
            "article": self._article_html,
            "clause": self._clause_html,
            "topic": self._topic_html,
            "source": self._source_html,
            "part": self._source_html,  # a part's id is its source's
        }
        build = builders.get(kind)
        body = build(item_id) if build else None
        self.setHtml(body or self._empty_html())

    # ---- pieces -------------------------------------------------------------------------

    def _source_line(self, article: ArticleRow) -> str:
        source = source_names(self.library).get(article.source_id, article.source_title)
        named = self.tr("Source: “{0}”").format(source)  # 《…》 marks a title in Chinese
        where = " · ".join(p for p in (named, article.part_title) if p)
        return f'<p class="meta">{_esc(where)}</p>'

    def _topic_note(self, article: ArticleRow) -> str:
        topic = next((t for t in self.library.topics() if t.id == article.topic_id), None)
        name = topic_name(topic) if topic else ""
        reason = self.library.topic_explanation(article.id)  # stored in Chinese
        if reason and topic and not current_language_is_chinese():
            reason = self._reason_in_english(article, topic)
        if not (name or reason):
            return ""
        lines = [self.tr("Topic: {0}").format(_esc(name)) if name else ""]
        if reason:
            lines.append(self.tr("Why: {0}").format(_esc(reason)))
        return f'<p class="note">{"<br>".join(x for x in lines if x)}</p>'

    def _reason_in_english(self, article: ArticleRow, topic: TopicRow) -> str:
        """Why the article is in its topic, said again in English: the library's rules give
        the same topic (it was filed by them), or a person moved it there."""
        from clause_db.topics import assign_topic

        text = article.text or next((c.text for c in self.library.clauses_of(article.id)), "")
        match = assign_topic(article.heading, text)
        if match.name_zh == topic.name:
            return match.explanation_en
        return self.tr("moved to “{0}” by hand").format(topic_name(topic))

    def _article_html(self, article_id: int) -> str | None:
        article = self.library.article(article_id)
        if article is None:
            return None
        title = " ".join(p for p in (article.label, article.heading) if p)
        text = f"<p>{_esc(article.text)}</p>" if article.text else ""
        return (
            f"<h2>{_esc(title)}</h2>{self._source_line(article)}{text}"
            f"{_clauses_html(self.library.clauses_of(article_id))}{self._topic_note(article)}"
        )

    def _clause_html(self, clause_id: int) -> str | None:
        row = self.library.clause(clause_id)
        article = self.library.article(row.article_id) if row else None
        if row is None or article is None:
            return None
        clause = find_clause(self.library.clauses_of(article.id), clause_id) or row
        title = " ".join(p for p in (clause.label, clause.heading) if p)
        context = " ".join(p for p in (article.label, article.heading) if p)
        body = f"<p>{_esc(clause.text)}</p>" if clause.text else ""
        origin = self.tr("From: {0}").format(_esc(context))
        return (
            f"<h3>{_esc(title)}</h3>{self._source_line(article)}"
            f'<p class="meta">{origin}</p>{body}'
            f"{_clauses_html(clause.children)}{self._topic_note(article)}"
        )

    def _topic_html(self, topic_id: int) -> str | None:
        topic = next((t for t in self.library.topics() if t.id == topic_id), None)
        if topic is None:
            return None
        count = self.tr("%n article(s)", "", topic.article_count)
        hint = self.tr("Expand the topic and select an article to read it.")
        return (
            f"<h2>{_esc(topic_name(topic))}</h2>"
            f'<p class="meta">{_esc(count)}</p><p class="hint">{_esc(hint)}</p>'
        )

    def _source_html(self, source_id: int) -> str | None:
        source = next((s for s in self.library.sources_list() if s.id == source_id), None)
        if source is None:
            return None
        name = source_names(self.library)[source.id]
        language = self.tr("Chinese") if source.lang == "zh" else self.tr("English")
        facts = [
            self.tr("File: {0}").format(_esc(source.file_name)),
            self.tr("Imported: {0} UTC").format(_esc(source.imported_at.replace("T", " ")[:16])),
            self.tr("Language: {0}").format(language),
            self.tr("Articles: {0}").format(source.article_count),
        ]
        return f"<h2>{_esc(name)}</h2><p>{'<br>'.join(facts)}</p>"
