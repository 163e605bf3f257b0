"""The draft as a reader sees it: numbers, headings, text with values and live references.

``show`` is the JSON of ``contract-editor draft show --json``. A node's (and the preamble's)
``tables`` have the shape of ``outline --json``'s: rows of cells with ``text`` (and
``colspan`` / ``rowspan`` when above 1; places a merge covers are left out); the text that
follows a table in its node is part of the node's ``text``, after a line break.
"""

from __future__ import annotations

from clause_db.references import find_references

from .draft import Draft, Node, Part, Passage, Ref, Segment, Table, node_texts, table_bodies
from .numbering import labels, number_paths
from .text import ref_text, render_body


def show(draft: Draft) -> dict:
    paths = number_paths(draft)
    numbers = labels(draft, paths=paths)

    def node_json(node: Node) -> dict:
        out = {
            "id": node.id,
            "label": numbers[node.id],
            "heading": node.heading,
            "text": text_with_tables(node.body, node.tables, paths, draft),
            "tables": tables_json(node.tables, paths, draft),
            "clauses": [node_json(c) for c in node.children],
        }
        if node.provenance:
            out["written_label"] = node.provenance.written_label
        if node.numbering:
            out["numbering"] = node.numbering  # its clauses' style, not the draft's
        return out

    def parts_json(parts: list[Part]) -> list[dict]:
        out = []
        for part in parts:
            articles = []
            for article in part.articles:
                item = node_json(article)
                articles.append({"number": paths[article.id][0], **item})
            text = render_body(part.body, paths, draft)
            out.append({"title": part.title, "id": part.id, "start": part.start, "text": text,
                        "articles": articles})  # fmt: skip
        return out

    def passage_json(passage: Passage | None) -> dict | None:
        if passage is None:
            return None
        return {
            "id": passage.id,
            "text": text_with_tables(passage.body, passage.tables, paths, draft),
            "tables": tables_json(passage.tables, paths, draft),
        }

    annexes = [
        {
            **passage_json(annex),
            "label": numbers[annex.id],
            "written_label": annex.label,
            "title": annex.title,
            "parts": parts_json(annex.parts),
        }
        for annex in draft.annexes
    ]
    counts = draft.occurrences()
    fields = [
        {
            "id": f.id,
            "name": f.name,
            "label": f.label,
            "value": f.value,
            "kind": f.kind,
            "group": f.group,
            "occurrences": counts[f.id],
        }
        for f in draft.fields.values()
        if counts.get(f.id)
    ]
    return {
        "title": draft.title,
        "numbering": draft.numbering,
        "parties": [vars(p) for p in draft.parties],
        "preamble": text_with_tables(draft.preamble, draft.preamble_tables, paths, draft),
        "preamble_tables": tables_json(draft.preamble_tables, paths, draft),
        "parts": parts_json(draft.parts),
        "cover": passage_json(draft.cover),
        "signature": passage_json(draft.signature),
        "annexes": annexes,
        "fields": sorted(fields, key=lambda f: (f["value"] is not None, f["id"])),
        "references": references(draft, paths),
    }


def text_with_tables(body: list[Segment], tables: list[Table], paths, draft: Draft) -> str:
    """A text and the texts after its tables, a line each: all the text but the cells."""
    texts = [render_body(body, paths, draft)]
    texts += [render_body(t.after, paths, draft) for t in tables]
    return "\n".join(t for t in texts if t)


def tables_json(tables: list[Table], paths, draft: Draft) -> list:
    """Tables as rows of cells with their text (values in the blanks) and merges."""
    out = []
    for table in tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row:
                if cell.covered:
                    continue
                item: dict = {"text": render_body(cell.body, paths, draft)}
                if cell.colspan > 1:
                    item["colspan"] = cell.colspan
                if cell.rowspan > 1:
                    item["rowspan"] = cell.rowspan
                cells.append(item)
            rows.append(cells)
        out.append(rows)
    return out


def references(draft: Draft, paths: dict[int, tuple[int, ...]] | None = None) -> list[dict]:
    """Every reference: bound ones (ok, or dangling once their target is gone) and the
    mentions that matched nothing when they entered (unresolved, left as plain text)."""
    paths = number_paths(draft) if paths is None else paths
    numbers = labels(draft, paths=paths)
    out = []
    bodies: list[tuple[int, list[Segment]]] = [(0, draft.preamble)]
    bodies += [(0, body) for t in draft.preamble_tables for body in table_bodies(t)]
    passages = [p for p in (draft.cover, draft.signature, *draft.annexes) if p is not None]
    for passage in passages:
        bodies.append((passage.id, passage.body))
        bodies += [(passage.id, body) for t in passage.tables for body in table_bodies(t)]
    bodies += [(p.id, p.body) for p in draft.all_parts()]
    nodes = (n for p in draft.all_parts() for a in p.articles for n in a.walk())
    bodies += [(n.id, body) for n in nodes for body in node_texts(n)]
    for owner, body in bodies:
        for seg in body:
            if isinstance(seg, Ref):
                ok = seg.target in paths
                target = numbers[seg.target] if ok else None
                status = "ok" if ok else "dangling"
                out.append(_reference(ref_text(seg, paths), target, seg.target, status, owner))
            elif isinstance(seg, str):
                for m in find_references(seg):
                    if m.target == "annex":  # an annex attached apart (附件三) is no error
                        continue
                    out.append(_reference(seg[m.start : m.end], None, None, "unresolved", owner))
    return out


def _reference(text: str, target: str | None, target_id: int | None, status: str, owner: int):
    return {"text": text, "target": target, "target_id": target_id, "status": status, "in": owner}
