"""`.contract` files: a draft as UTF-8 JSON.

Format version 3 is version 2 with the other side's markup: ``{"proposal": "ins"|"del",
"text": str, "author": str, "date": str}`` segments (a tracked change not decided yet) and
``"comments": [{"author", "date", "text", "quote", "owner"}]``. It is written only when the
draft holds some, so a draft without markup stays a version 2 file older builds open.
Any version may hold ``"ignored": [{"key": str, "reason": str}]``: the checks' findings the
lawyer set aside (``checks``); older builds skip it.

Format version 2 (version 1 is the same without ``cover``, ``signature``, ``annexes``,
``tables``, ``preamble_tables`` and the fields' ``kind`` and ``group``; it is still read)::

    {"format": "contract-editor/draft", "version": 1,
     "title": str,
     "numbering": "chinese" | "chinese_list" | "chinese_items" | "chinese_law" | "english"
                  | "chinese_paren" | "english_roman" | "english_sections" | "decimal"
                  | "decimal_alpha" | "forms:1. / （1）" (the source's own mix, see number_forms),
     "next_id": int,
     "parties": [{"role": str, "name": str, "address": str}],
     "preamble": [segment],
     "parts": [{"id": int, "title": str, "restart_numbering": bool, "start": int,
                "body": [segment], "articles": [node]}],
     "fields": [{"id": int, "label": str, "name": str | null, "value": str | null,
                 "kind": "text" | "checkbox", "group": int | null}],
     "cover": null | passage, "signature": null | passage, "annexes": [passage],
     "preamble_tables": [table]}

    node     = {"id": int, "heading": str, "body": [segment], "children": [node],
                "tables": [table], "numbering": numbering style (optional),
                "provenance": null | {"source", "written_label", "taken_heading",
                                      "taken_text", "library_article_id", "library_clause_id"}}
    passage  = {"id": int, "label": str, "title": str, "body": [segment], "tables": [table],
                "parts": [part], "numbering": "" | a numbering style (its articles'; "" is
                the draft's), "title_at": int (optional: a cover's lines above the
                title, when its page holds the title)}
    table    = {"id": int, "borders": bool, "after": [segment],
                "rows": [[{"body": [segment], "colspan": int, "rowspan": int,
                           "covered": bool, optional "bold": bool}]],
                optional, the source's layout: "widths": [int] (grid columns, twips),
                "centred": bool}
    segment  = str                                           plain text
             | {"field": int, "blank": str}                  a blank: one occurrence of a field
             | {"ref": int, "form": str, "last": str}        a reference to node "ref"

Numbers never appear: they are computed from the order of parts, articles and clauses. A part's
``start`` (1 when absent) is its first article's number where it restarts the count (an
excerpt of a statute begins at 第四百六十三条); an article's ``numbering`` (absent: the
draft's) is the style of its clauses where the source wrote them in another one. Both are
optional in version 2 files, so files written before them still read.
Files come from other people, so loading checks everything and says clearly what is wrong.
"""

from __future__ import annotations

import json
from typing import Any

from clause_db.messages import Msg
from clause_db.references import is_reference_form

from .draft import (
    MAX_START,
    Blank,
    Cell,
    Comment,
    Draft,
    Field,
    Node,
    Part,
    Party,
    Passage,
    Proposal,
    Provenance,
    Ref,
    Segment,
    Table,
)
from .number_forms import is_style

FIELD_KINDS = ("text", "checkbox")

FORMAT = "contract-editor/draft"
VERSION = 3
PLAIN_VERSION = 2  # written when the draft holds no markup of the other side


class DraftFormatError(ValueError):
    """The file is not a draft this version can read; the message says why.

    ``message``: a ``Msg`` for what a lawyer can act on (not a draft, from a newer version,
    damaged); the details of a damaged structure stay an English text, which the Chinese
    UI sums up as damaged.
    """

    def __init__(self, message: Msg | str) -> None:
        super().__init__(str(message))
        self.message = message


_NOT_A_DRAFT = Msg("它不是合同草稿", "the file is not a contract draft")


# -- writing ----------------------------------------------------------------------------------


def draft_to_json(draft: Draft) -> dict[str, Any]:
    out = _draft_out(draft)
    markup = draft.comments or any(isinstance(s, Proposal) for body in draft.bodies() for s in body)
    markup = markup or any(n.proposed is not None for _, n in draft.nodes())
    if markup:
        out["version"] = VERSION
        out["comments"] = [
            {"author": c.author, "date": c.date, "text": c.text, "quote": c.quote, "owner": c.owner}
            for c in draft.comments
        ]
    if draft.ignored:
        out["ignored"] = [{"key": k, "reason": r} for k, r in draft.ignored.items()]
    return out


def _draft_out(draft: Draft) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": PLAIN_VERSION,
        "title": draft.title,
        "numbering": draft.numbering,
        "next_id": draft.next_id,
        "parties": [{"role": p.role, "name": p.name, "address": p.address} for p in draft.parties],
        "preamble": _segments_out(draft.preamble),
        "parts": [_part_out(part) for part in draft.parts],
        "fields": [
            {
                "id": f.id,
                "label": f.label,
                "name": f.name,
                "value": f.value,
                "kind": f.kind,
                "group": f.group,
            }
            for f in draft.fields.values()
        ],
        "cover": _passage_out(draft.cover),
        "signature": _passage_out(draft.signature),
        "annexes": [_passage_out(a) for a in draft.annexes],
        "preamble_tables": [_table_out(t) for t in draft.preamble_tables],
    }


def _part_out(part: Part) -> dict[str, Any]:
    return {
        "id": part.id,
        "title": part.title,
        "restart_numbering": part.restart_numbering,
        "start": part.start,
        "body": _segments_out(part.body),
        "articles": [_node_out(n) for n in part.articles],
    }


def _passage_out(passage: Passage | None) -> dict[str, Any] | None:
    if passage is None:
        return None
    return {
        "id": passage.id,
        "label": passage.label,
        "title": passage.title,
        "body": _segments_out(passage.body),
        "tables": [_table_out(t) for t in passage.tables],
        "parts": [_part_out(p) for p in passage.parts],
        "numbering": passage.numbering,
    } | ({} if passage.title_at is None else {"title_at": passage.title_at})


def _table_out(table: Table) -> dict[str, Any]:
    layout = {"widths": table.widths, "centred": table.centred}
    return {
        "id": table.id,
        "borders": table.borders,
        "after": _segments_out(table.after),
        "rows": [
            [
                {
                    "body": _segments_out(c.body),
                    "colspan": c.colspan,
                    "rowspan": c.rowspan,
                    "covered": c.covered,
                    **({"bold": True} if c.bold else {}),  # left out when not: files as they were
                }
                for c in row
            ]
            for row in table.rows
        ],
        **{key: value for key, value in layout.items() if value},  # left out when not known
    }


def dumps(draft: Draft) -> bytes:
    return json.dumps(draft_to_json(draft), ensure_ascii=False, indent=1).encode("utf-8")


def _node_out(node: Node) -> dict[str, Any]:
    p = node.provenance
    out = {
        "id": node.id,
        "heading": node.heading,
        "body": _segments_out(node.body),
        "children": [_node_out(c) for c in node.children],
        "tables": [_table_out(t) for t in node.tables],
        "provenance": None if p is None else vars(p).copy(),
    }
    if node.numbering is not None:  # written only where the source gave an article its own
        out["numbering"] = node.numbering
    if node.proposed is not None:  # a whole article or clause the other side proposed
        out["proposed"] = _segments_out([node.proposed])[0]
    return out


def _segments_out(body: list[Segment]) -> list[Any]:
    out: list[Any] = []
    for seg in body:
        if isinstance(seg, str):
            out.append(seg)
        elif isinstance(seg, Blank):
            out.append({"field": seg.field_id, "blank": seg.blank})
        elif isinstance(seg, Proposal):
            out.append(
                {"proposal": seg.kind, "text": seg.text, "author": seg.author, "date": seg.date}
            )
        else:
            out.append({"ref": seg.target, "form": seg.form, "last": seg.last})
    return out


# -- reading ----------------------------------------------------------------------------------


def loads(data: bytes | str) -> Draft:
    """The draft in ``data``; DraftFormatError for anything that is not a valid draft."""
    try:
        obj = json.loads(data)
    except UnicodeDecodeError:
        raise DraftFormatError(Msg("它不是 UTF-8 文本", "the file is not UTF-8 text")) from None
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, or a 5000-digit number
        raise DraftFormatError(Msg(
            "文件已损坏（不是有效的 JSON）", "the file is damaged (not valid JSON: {0})", exc
        )) from None  # fmt: skip
    return draft_from_json(obj)


def draft_from_json(obj: Any) -> Draft:
    reader = _Reader()
    try:
        return reader.draft(obj)
    except RecursionError:
        raise DraftFormatError(Msg(
            "文件中条款嵌套过深，不可能是草稿", "the file nests articles too deeply to be a draft"
        )) from None  # fmt: skip


class _Reader:
    """Checks as it builds: every id unique, every blank's field and every field known."""

    def __init__(self) -> None:
        self.ids: set[int] = set()
        self.blank_fields: list[int] = []

    def draft(self, obj: Any) -> Draft:
        _expect(isinstance(obj, dict), _NOT_A_DRAFT)
        _expect(obj.get("format") == FORMAT, _NOT_A_DRAFT)
        version = obj.get("version")
        _expect(isinstance(version, int), "the draft has no format version")
        if version > VERSION:
            raise DraftFormatError(Msg(
                "该草稿由更新版本的程序保存（格式 {0}；本版本最高读取 {1}）：请更新程序后再打开",
                "the draft was saved by a newer version of the app (format {0}; "
                "this version reads up to {1}): update the app to open it",
                version,
                VERSION,
            ))  # fmt: skip
        _expect(version >= 1, f"unknown draft format version {version}")
        numbering = obj.get("numbering")
        _expect(is_style(numbering), f"unknown numbering style {numbering!r}")
        draft = Draft(title=_str(obj, "title"), numbering=numbering)
        draft.parties = [self.party(p) for p in _list(obj, "parties")]
        draft.preamble = self.segments(obj.get("preamble"))
        draft.preamble_tables = [self.table(t) for t in _list(obj, "preamble_tables")]
        draft.parts = [self.part(p) for p in _list(obj, "parts")]
        draft.cover = self.passage(obj.get("cover"))
        draft.signature = self.passage(obj.get("signature"))
        annexes = [self.passage(a) for a in _list(obj, "annexes")]
        _expect(all(a is not None for a in annexes), "an annex is not an object")
        draft.annexes = [a for a in annexes if a is not None]
        for f in _list(obj, "fields"):
            field = self.field(f)
            _expect(field.id not in draft.fields, f"field {field.id} appears twice")
            draft.fields[field.id] = field
        missing = sorted(set(self.blank_fields) - set(draft.fields))
        _expect(not missing, f"blanks refer to fields that do not exist: {missing[:5]}")
        next_id = obj.get("next_id")
        _expect(isinstance(next_id, int), "the draft has no next_id")
        used = self.ids | set(draft.fields)
        _expect(not used or next_id > max(used), "next_id is not above every id in the draft")
        draft.next_id = next_id
        draft.comments = [self.comment(c) for c in _list(obj, "comments")]
        for item in _list(obj, "ignored"):
            _expect(isinstance(item, dict), "an ignored finding is not an object")
            draft.ignored[_str(item, "key")] = _str(item, "reason")
        return draft

    def comment(self, obj: Any) -> Comment:
        _expect(isinstance(obj, dict), "a comment is not an object")
        owner = obj.get("owner", 0)
        _expect(isinstance(owner, int), "a comment without a valid owner")
        texts = [_str(obj, k) for k in ("author", "date", "text", "quote")]
        return Comment(*texts, owner=owner)

    def _id(self, obj: dict, what: str) -> int:
        value = obj.get("id")
        _expect(isinstance(value, int) and not isinstance(value, bool) and value > 0,
                f"{what} without a valid id")  # fmt: skip
        _expect(value not in self.ids, f"id {value} is used twice")
        self.ids.add(value)
        return value

    def party(self, obj: Any) -> Party:
        _expect(isinstance(obj, dict), "a party is not an object")
        return Party(_str(obj, "role"), _str(obj, "name"), _str(obj, "address"))

    def part(self, obj: Any) -> Part:
        _expect(isinstance(obj, dict), "a part is not an object")
        part = Part(self._id(obj, "a part"), title=_str(obj, "title"))
        restart = obj.get("restart_numbering", True)
        _expect(isinstance(restart, bool), "restart_numbering is not true or false")
        part.restart_numbering = restart
        start = obj.get("start", 1)
        _expect(isinstance(start, int) and not isinstance(start, bool) and 1 <= start <= MAX_START,
                f"a part's start is not a number from 1 to {MAX_START}")  # fmt: skip
        part.start = start
        part.body = self.segments(obj.get("body"))
        part.articles = [self.node(n) for n in _list(obj, "articles")]
        return part

    def passage(self, obj: Any) -> Passage | None:
        if obj is None:
            return None
        _expect(isinstance(obj, dict), "a cover, signature block or annex is not an object")
        passage = Passage(self._id(obj, "a passage"), label=_str(obj, "label"))
        passage.title = _str(obj, "title")
        passage.body = self.segments(obj.get("body", []))
        passage.tables = [self.table(t) for t in _list(obj, "tables")]
        passage.parts = [self.part(p) for p in _list(obj, "parts")]
        passage.numbering = _str(obj, "numbering")
        numbering = passage.numbering
        _expect(numbering == "" or is_style(numbering), "unknown numbering of a passage")
        passage.title_at = _opt_int(obj, "title_at")
        _expect(passage.title_at is None or passage.title_at >= 0, "title_at is below 0")
        return passage

    def table(self, obj: Any) -> Table:
        _expect(isinstance(obj, dict), "a table is not an object")
        table = Table(self._id(obj, "a table"))
        borders = obj.get("borders", True)
        _expect(isinstance(borders, bool), "a table's borders is not true or false")
        table.borders = borders
        widths = obj.get("widths", [])
        _expect(isinstance(widths, list) and all(_is_width(w) for w in widths),
                "a table's widths are not a list of column widths")  # fmt: skip
        table.widths = widths
        centred = obj.get("centred", False)
        _expect(isinstance(centred, bool), "a table's centred is not true or false")
        table.centred = centred
        table.after = self.segments(obj.get("after", []))
        for row in _list(obj, "rows"):
            _expect(isinstance(row, list), "a table row is not a list")
            table.rows.append([self.cell(c) for c in row])
        return table

    def cell(self, obj: Any) -> Cell:
        _expect(isinstance(obj, dict), "a table cell is not an object")
        cell = Cell(self.segments(obj.get("body", [])))
        for key in ("colspan", "rowspan"):
            value = obj.get(key, 1)
            _expect(isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000,
                    f"a table cell's {key} is not a small positive number")  # fmt: skip
            setattr(cell, key, value)
        for key in ("covered", "bold"):
            value = obj.get(key, False)
            _expect(isinstance(value, bool), f"a table cell's {key} is not true or false")
            setattr(cell, key, value)
        return cell

    def node(self, obj: Any) -> Node:
        _expect(isinstance(obj, dict), "an article or clause is not an object")
        node = Node(self._id(obj, "an article or clause"), heading=_str(obj, "heading"))
        node.body = self.segments(obj.get("body"))
        node.children = [self.node(c) for c in _list(obj, "children")]
        node.tables = [self.table(t) for t in _list(obj, "tables")]
        numbering = obj.get("numbering")
        _expect(numbering is None or is_style(numbering),
                f"unknown numbering style {numbering!r}")  # fmt: skip
        node.numbering = numbering
        if obj.get("proposed") is not None:
            [proposed] = self.segments([obj["proposed"]]) or [None]
            _expect(isinstance(proposed, Proposal), "a proposed article is not a proposal")
            node.proposed = proposed
        prov = obj.get("provenance")
        if prov is not None:
            _expect(isinstance(prov, dict), "a provenance is not an object")
            node.provenance = Provenance(
                source=_str(prov, "source"),
                written_label=_str(prov, "written_label"),
                taken_heading=_str(prov, "taken_heading"),
                taken_text=_str(prov, "taken_text"),
                library_article_id=_opt_int(prov, "library_article_id"),
                library_clause_id=_opt_int(prov, "library_clause_id"),
            )
        return node

    def field(self, obj: Any) -> Field:
        _expect(isinstance(obj, dict), "a field is not an object")
        fid = obj.get("id")
        _expect(
            isinstance(fid, int) and not isinstance(fid, bool) and fid > 0,
            "a field without a valid id",
        )
        _expect(fid not in self.ids, f"id {fid} is used twice")
        name, value = obj.get("name"), obj.get("value")
        _expect(name is None or isinstance(name, str), "a field name is not text")
        _expect(value is None or isinstance(value, str), "a field value is not text")
        kind, group = obj.get("kind", "text"), obj.get("group")
        _expect(kind in FIELD_KINDS, f"unknown field kind {kind!r}")
        _expect(group is None or (isinstance(group, int) and not isinstance(group, bool)),
                "a field group is not a number")  # fmt: skip
        return Field(fid, label=_str(obj, "label"), name=name, value=value, kind=kind,
                     group=group)  # fmt: skip

    def segments(self, items: Any) -> list[Segment]:
        _expect(isinstance(items, list), "a text is not a list of segments")
        out: list[Segment] = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict) and "field" in item:
                fid = item["field"]
                _expect(isinstance(fid, int), "a blank without a field id")
                self.blank_fields.append(fid)
                out.append(Blank(fid, _str(item, "blank")))
            elif isinstance(item, dict) and "ref" in item:
                target = item["ref"]
                _expect(isinstance(target, int), "a reference without a target id")
                form = item.get("form")
                _expect(is_reference_form(form), f"unknown reference form {form!r}")
                out.append(Ref(target, form, _str(item, "last")))
            elif isinstance(item, dict) and "proposal" in item:
                kind = item["proposal"]
                _expect(kind in ("ins", "del"), f"unknown proposal kind {kind!r}")
                texts = [_str(item, k) for k in ("text", "author", "date")]
                out.append(Proposal(kind, *texts))
            else:
                raise DraftFormatError(
                    "a text holds something that is neither text, blank nor reference"
                )
        return out


def _expect(condition: bool, message: Msg | str) -> None:
    if not condition:
        raise DraftFormatError(message)


def _str(obj: dict, key: str) -> str:
    value = obj.get(key, "")
    _expect(isinstance(value, str), f"{key} is not text")
    return value


def _list(obj: dict, key: str) -> list:
    value = obj.get(key, [])
    _expect(isinstance(value, list), f"{key} is not a list")
    return value


def _opt_int(obj: dict, key: str) -> int | None:
    value = obj.get(key)
    _expect(
        value is None or (isinstance(value, int) and not isinstance(value, bool)),
        f"{key} is not a number",
    )
    return value


def _is_width(value: Any) -> bool:
    """A column width in twips: a positive int no wider than Word's widest page (22 in)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 31680
