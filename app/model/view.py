"""The draft as a reader sees it: numbers, headings, text with values and live references.

``show`` is the JSON of ``contract-editor draft show --json``.
"""

from __future__ import annotations

from clause_db.references import find_references

from .draft import Draft, Node, Ref, Segment
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
            "text": render_body(node.body, paths, draft),
            "clauses": [node_json(c) for c in node.children],
        }
        if node.provenance:
            out["written_label"] = node.provenance.written_label
        if node.numbering:
            out["numbering"] = node.numbering  # its clauses' style, not the draft's
        return out

    parts = []
    for part in draft.parts:
        articles = []
        for article in part.articles:
            item = node_json(article)
            articles.append({"number": paths[article.id][0], **item})
        text = render_body(part.body, paths, draft)
        parts.append({"title": part.title, "id": part.id, "start": part.start, "text": text,
                      "articles": articles})  # fmt: skip
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
        "preamble": render_body(draft.preamble, paths, draft),
        "parts": parts,
        "fields": sorted(fields, key=lambda f: (f["value"] is not None, f["id"])),
        "references": references(draft, paths),
    }


def references(draft: Draft, paths: dict[int, tuple[int, ...]] | None = None) -> list[dict]:
    """Every reference: bound ones (ok, or dangling once their target is gone) and the
    mentions that matched nothing when they entered (unresolved, left as plain text)."""
    paths = number_paths(draft) if paths is None else paths
    numbers = labels(draft, paths=paths)
    out = []
    bodies: list[tuple[int, list[Segment]]] = [(0, draft.preamble)]
    bodies += [(p.id, p.body) for p in draft.parts]
    bodies += [(n.id, n.body) for _, n in draft.nodes()]
    for owner, body in bodies:
        for seg in body:
            if isinstance(seg, Ref):
                ok = seg.target in paths
                target = numbers[seg.target] if ok else None
                status = "ok" if ok else "dangling"
                out.append(_reference(ref_text(seg, paths), target, seg.target, status, owner))
            elif isinstance(seg, str):
                for m in find_references(seg):
                    out.append(_reference(seg[m.start : m.end], None, None, "unresolved", owner))
    return out


def _reference(text: str, target: str | None, target_id: int | None, status: str, owner: int):
    return {"text": text, "target": target, "target_id": target_id, "status": status, "in": owner}
