"""Compare two drafts: what was inserted, deleted, changed or moved, one entry per article or
clause, labelled as each version numbers it (第五条 -> 第八条).

Items are aligned by structure and text, not by number: articles pair with articles by their
whole text (own text and clauses, without numbers, so renumbering changes nothing), then
the clauses of each pair of articles with each other, then the clauses left over across all
articles (a clause moved from 第三条 to 第七条). A pair out of the order the others keep is
*moved*. Texts are compared as printed: field values in the blanks, references as they now
read. They pair by their text as written, blanks unfilled and references as last seen, so
filling a field or renumbering never hides an article from itself (see ``pairing``).
Text outside the articles -- title, parties and preamble, each part's heading and intro,
cover, signature block and each annex -- is one item each, paired by its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from clause_db.numerals import int_to_cn

from .draft import Party, plain
from .importer import parties_named_in
from .numbering import annex_labels, labels, number_paths
from .pairing import in_order, pair
from .printed import UNFILLED_PARTY, WORDS, draft_language, label_style
from .text import render_body

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .draft import Draft, Node, Passage, Segment, Table

_NAMES = {
    "zh": {"title": "标题", "preamble": "首部", "cover": "封面",
           "signature": "签署页", "part": "第{0}部分", "annex": "附件{0}"},
    "en": {"title": "Title", "preamble": "Preamble", "cover": "Cover",
           "signature": "Signature page", "part": "Part {0}", "annex": "Annex {0}"},
}  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One difference: ``old``/``new`` are the labels in each version (None where absent)."""

    kind: str  # inserted | deleted | changed | moved
    old: str | None
    new: str | None
    old_text: str
    new_text: str

    def to_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "old": self.old, "new": self.new,
                "old_text": self.old_text, "new_text": self.new_text}  # fmt: skip


@dataclass
class Comparison:
    """The changes in reading order of the new version, and the node alignment behind them:
    ``pairs`` maps an old node id to its new node id, ``moved`` holds the old ids of the
    pairs that moved (an article's clauses move with it and are not listed there),
    ``unchanged`` the old ids of articles that read the same in place, numbers and clauses
    included (the redline takes those from the new version without writing them twice)."""

    changes: list[Change]
    pairs: dict[int, int]
    moved: set[int]
    unchanged: set[int] = field(default_factory=set)

    def to_json(self) -> dict[str, list[dict[str, str | None]]]:
        return {"changes": [c.to_json() for c in self.changes]}


@dataclass
class _Unit:
    """An item as compared: its label, its own printed text, and for a node its clauses."""

    key: str  # what pairs outside the articles: "title", "part:2", "annex:1"
    label: str
    text: str
    form: str = ""  # the text as written, blanks unfilled: what pairs articles and clauses
    heading: str = ""
    node: Node | None = None
    depth: int = 0
    order: int = 0  # reading position on its side
    children: list[_Unit] = field(default_factory=list)
    parent: _Unit | None = None

    def below(self) -> Iterator[_Unit]:
        """Every clause under this item, in reading order."""
        for child in self.children:
            yield child
            yield from child.below()

    def whole(self) -> str:
        """Own text and every clause's as written, without numbers: what an article is
        recognised by."""
        return "\n".join([self.form, *(u.form for u in self.below())])

    def printed(self, paired: dict[int, _Unit]) -> str:
        """Own text then each clause under it with its number, as a deleted article reads
        (but for the clauses in ``paired``: they are listed where they went)."""
        below = (f"{u.label} {u.text}".strip() for u in self.below() if id(u) not in paired)
        return "\n".join(line for line in (self.text, *below) if line)


class _Side:
    """One version cut into units."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.paths = number_paths(draft)
        language = draft_language(draft)
        self.style = label_style(draft, language)
        self.labels = labels(draft, self.style, self.paths)
        self.names = _NAMES[language]
        self.language = language
        self.others: list[_Unit] = []  # outside the articles, by key
        self.articles: list[_Unit] = []
        self.count = 0
        self._read()

    def _read(self) -> None:
        draft = self.draft
        if draft.cover is not None:
            self._other("cover", self.names["cover"], self._passage(draft.cover))
        self._other("title", self.names["title"], draft.title)
        opening = [*self._party_lines(), self._render(draft.preamble)]
        self._other("preamble", self.names["preamble"], "\n".join(t for t in opening if t))
        for number, part in enumerate(draft.parts, 1):
            name = part.title.strip() or self.names["part"].format(self._ordinal(number))
            intro = "\n".join(t for t in (part.title, self._render(part.body)) if t.strip())
            self._other(f"part:{number}", name, intro)
            for article in part.articles:
                self.articles.append(self._node(article, None))
        signature = self._passage(draft.signature) if draft.signature else self._seal_lines()
        self._other("signature", self.names["signature"], signature)
        shown = annex_labels(draft)
        for number, annex in enumerate(draft.annexes, 1):
            name = shown.get(annex.id) or self.names["annex"].format(self._ordinal(number))
            self._other(f"annex:{number}", name, self._passage(annex))
            for part in annex.parts:  # its articles: numbered inside it, named with it
                for article in part.articles:
                    for node in article.walk():
                        self.labels[node.id] = f"{name} {self.labels[node.id]}"
                    self.articles.append(self._node(article, None))

    def _ordinal(self, number: int) -> str:
        return int_to_cn(number) if self.language == "zh" else str(number)

    def _party_lines(self) -> list[str]:
        """甲方：… 地址：… as the export prints them before the preamble, unless the preamble
        names the parties itself: a draft and the Word file made from it then read alike."""
        if parties_named_in(plain(self.draft.preamble)):
            return []
        words, lines = WORDS[self.language], []
        for party in self.draft.parties:
            lines.append(words.party.format(role=party.role) + _or_blank(party.name))
            lines.append(words.address + _or_blank(party.address))
        return lines

    def _seal_lines(self) -> str:
        """The signature block the export prints when the source had none of its own: a
        column per party (甲方（盖章）：…, representative, date), three to a row."""
        words = WORDS[self.language]
        parties = self.draft.parties or [Party(role) for role in words.default_roles]
        cells = ["\n".join((words.seal.format(role=p.role) + p.name.strip(),
                            words.representative, words.date)) for p in parties]  # fmt: skip
        return "\n".join("\t".join(cells[i : i + 3]) for i in range(0, len(cells), 3))

    def _other(self, key: str, name: str, text: str) -> None:
        self.others.append(_Unit(key, name, text, order=self._next()))

    def _next(self) -> int:
        self.count += 1
        return self.count

    def _node(self, node: Node, parent: _Unit | None) -> _Unit:
        form = "\n".join(t for t in (node.heading, plain(node.body)) if t)
        path = self.paths[node.id]
        unit = _Unit(f"node:{node.id}", _full_label(self.labels[node.id], path, parent),
                     self._node_text(node), form, node.heading, node, len(path), self._next(),
                     parent=parent)  # fmt: skip
        unit.children = [self._node(child, unit) for child in node.children]
        return unit

    def _render(self, body: list[Segment]) -> str:
        return render_body(body, self.paths, self.draft)

    def _node_text(self, node: Node) -> str:
        texts = [node.heading.strip(), self._render(node.body), *map(self._table, node.tables)]
        return "\n".join(t for t in texts if t)

    def _table(self, table: Table) -> str:
        rows = ["\t".join(self._render(cell.body) for cell in row) for row in table.rows]
        return "\n".join(t for t in (*rows, self._render(table.after)) if t)

    def _passage(self, passage: Passage) -> str:
        """A cover, signature block or annex: its text and tables, its parts' headings and
        intros (an annex's articles are compared as articles)."""
        texts = [passage.title, self._render(passage.body), *map(self._table, passage.tables)]
        for part in passage.parts:
            texts.extend((part.title, self._render(part.body)))
        return "\n".join(t for t in texts if t.strip())


def _full_label(own: str, path: tuple[int, ...], parent: _Unit | None) -> str:
    """A clause's label with its article's before it where it does not say where it is
    itself: 5.1 and Section 5.1 do, 1. and (a) do not (第五条 1., 5.1 (a))."""
    if parent is None or ".".join(map(str, path)) in own:
        return own
    return f"{parent.label} {own}"


def _or_blank(value: str) -> str:
    return value if value.strip() else UNFILLED_PARTY


def compare_drafts(old: Draft, new: Draft) -> Comparison:
    """What changed from ``old`` to ``new``; unchanged items are not listed."""
    a, b = _Side(old), _Side(new)
    matched: dict[int, _Unit] = {}  # id(old unit) -> new unit
    moved: set[int] = set()
    _pair_units(a.articles, b.articles, matched, moved, whole=True)
    left_old: list[_Unit] = []
    left_new: list[_Unit] = []
    for unit in a.articles:
        if id(unit) in matched:
            _pair_below(unit, matched[id(unit)], matched, moved, left_old, left_new)
        else:  # gone as an article: it, or a clause of it, may be a clause elsewhere now
            left_old.extend([unit, *unit.below()])
    taken = {id(u) for u in matched.values()}
    for unit in b.articles:
        if id(unit) not in taken:
            left_new.extend([unit, *unit.below()])
    left_old.sort(key=lambda u: u.order)
    left_new.sort(key=lambda u: u.order)
    _pair_units(left_old, left_new, matched, moved, whole=False, across=True)
    others_new = {u.key: u for u in b.others}
    for unit in a.others:
        if unit.key in others_new:
            matched[id(unit)] = others_new[unit.key]
    changes = _changes(a, b, matched, moved)
    pairs = {u.node.id: matched[id(u)].node.id for u in _all_nodes(a) if id(u) in matched}
    moved_ids = {u.node.id for u in _all_nodes(a) if id(u) in moved}
    unchanged = {u.node.id for u in a.articles if _reads_the_same(u, matched, moved)}
    return Comparison(changes, pairs, moved_ids, unchanged)


def _reads_the_same(article: _Unit, matched: dict[int, _Unit], moved: set[int]) -> bool:
    """True if the article and each clause under it pairs, in place, with one of the same
    number and text, clause for clause."""
    other = matched.get(id(article))
    if other is None:
        return False
    mine, theirs = [article, *article.below()], [other, *other.below()]
    return len(mine) == len(theirs) and all(
        matched.get(id(m)) is t and id(m) not in moved and (m.label, m.text) == (t.label, t.text)
        for m, t in zip(mine, theirs, strict=True)
    )


def _pair_below(mine: _Unit, theirs: _Unit, matched: dict[int, _Unit], moved: set[int],
                left_old: list[_Unit], left_new: list[_Unit]) -> None:  # fmt: skip
    """Pair the clauses of a pair; those left unpaired go to ``left_old`` / ``left_new``."""
    below_old, below_new = list(mine.below()), list(theirs.below())
    _pair_units(below_old, below_new, matched, moved, whole=False)
    left_old.extend(u for u in below_old if id(u) not in matched)
    taken = {id(matched[id(u)]) for u in below_old if id(u) in matched}
    left_new.extend(u for u in below_new if id(u) not in taken)


def _pair_units(old: list[_Unit], new: list[_Unit], matched: dict[int, _Unit], moved: set[int],
                *, whole: bool, across: bool = False) -> None:  # fmt: skip
    """Pair ``old`` with ``new`` units into ``matched``; mark in ``moved`` those out of
    order, or now under another parent than their pair's, or at another level (a clause
    become an article). ``across`` lists gather what is left from everywhere: their order
    means nothing, only their texts pair them."""
    texts = (lambda u: u.whole()) if whole else (lambda u: u.form)
    heads = [u.heading for u in old], [u.heading for u in new]
    found = pair([texts(u) for u in old], [texts(u) for u in new], *heads, in_place=not across)
    kept = in_order(found)
    for i, j in found.items():
        mine, theirs = old[i], new[j]
        matched[id(mine)] = theirs
        if mine.parent is None or theirs.parent is None:
            elsewhere = (mine.parent is None) != (theirs.parent is None)
        else:
            elsewhere = matched.get(id(mine.parent)) is not theirs.parent
        if (i not in kept and not across) or elsewhere:
            moved.add(id(mine))


def _all_nodes(side: _Side) -> Iterator[_Unit]:
    for article in side.articles:
        yield article
        yield from article.below()


def _reading(side: _Side) -> list[_Unit]:
    """Every unit of one side in reading order."""
    return sorted([*side.others, *_all_nodes(side)], key=lambda u: u.order)


def _changes(a: _Side, b: _Side, matched: dict[int, _Unit], moved: set[int]) -> list[Change]:
    placed: list[tuple[float, Change]] = []
    taken = {id(u): u for u in matched.values()}
    here = 0.0  # where in the new version the last paired old unit stands
    for unit in _reading(a):
        other = matched.get(id(unit))
        if other is not None:
            here = other.order
            change = _paired_change(unit, other, id(unit) in moved)
            if change is not None:
                placed.append((here, change))
        elif _topmost(unit, matched) and (unit.node is not None or unit.text):
            gone = Change("deleted", unit.label, None, unit.printed(matched), "")
            placed.append((here + 0.5, gone))
    for unit in _reading(b):
        if id(unit) not in taken and _topmost(unit, taken) and (unit.node or unit.text):
            added = Change("inserted", None, unit.label, "", unit.printed(taken))
            placed.append((unit.order, added))
    placed.sort(key=lambda item: item[0])  # stable: deletions in a row keep their order
    return [change for _, change in placed]


def _paired_change(mine: _Unit, theirs: _Unit, moved: bool) -> Change | None:
    """How a unit and its pair differ; None if they do not. Text outside the articles that
    one version has and the other lacks is inserted or deleted, not changed."""
    if moved:
        return Change("moved", mine.label, theirs.label, mine.text, theirs.text)
    if " ".join(mine.text.split()) == " ".join(theirs.text.split()):
        return None  # blank lines and spacing are layout, not wording
    if mine.node is None and not mine.text:
        return Change("inserted", None, theirs.label, "", theirs.text)
    if mine.node is None and not theirs.text:
        return Change("deleted", mine.label, None, mine.text, "")
    return Change("changed", mine.label, theirs.label, mine.text, theirs.text)


def _topmost(unit: _Unit, paired: dict[int, _Unit]) -> bool:
    """True unless the unit's parent is unpaired too (it is then listed with the parent)."""
    return unit.parent is None or id(unit.parent) in paired
