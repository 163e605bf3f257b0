"""What every check reads: the draft's texts as the reader sees them, and where they are.

``Text`` is one block (``doc_blocks``) read as printed: a filled blank shows its value, an
unfilled one its blank as written (____, 【服务费用】), a reference its current number. Checks
work on ``Text.text`` and report offsets into it; ``Text.at`` turns them into offsets of
the block's own text (where a blank or a reference is one character), which is what the
window selects and what a fix edits. ``Text.objects`` says which stretches are blanks or
references, so a check of the written text can step over them.

What a check reads in one text is kept, so that after an edit only the texts it changed are
read again (``engine``):

- ``Context.memo(name, text, read)``: ``read(text)`` kept with the text's characters
  (``Text.memo``, handed on from one run to the next); a pass over all texts still costs a
  look-up per text (3,760 in the 1,000-article bench);
- ``Context.each(name, read)``: the (text, reading) pairs where the reading found something,
  kept with the run and brought up to date by the engine: a pass costs what it finds;
- ``Context.kept(name, text, make)``: the findings one text gives on its own, kept with that
  text until it changes; the engine then hands the same placed findings on;
- ``Context.of_article(name, article, make)``: what an article's texts decide together,
  kept until one of them changes.

A check of the usual shape, ``for text, facts in ctx.each(name, read): yield from
ctx.kept(kind, text, lambda t, f=facts: make(t, f))``, costs an update next to nothing;
findings that weigh several texts together (a term defined twice) are judged from ``each``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any, TypeVar

from ..doc_blocks import TABLE_KINDS, Block, BlockRef, blocks
from ..draft import Blank, Node, Ref, blank_shows, plain
from ..numbering import labels, number_paths
from ..text import ref_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from ..draft import Draft, Segment
    from .finding import Finding

T = TypeVar("T")

NODE_KINDS = ("heading", "body")


@dataclass
class Text:
    """One block as the reader reads it; ``index`` is its place in reading order."""

    ref: BlockRef
    block: Block
    text: str
    index: int
    # (start, end, segment) of each blank, reference or proposal in ``text``
    objects: tuple[tuple[int, int, Segment], ...] = ()
    # what the checks read in it (check name -> result), shared by texts of equal characters
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # findings made from it alone (check name -> findings), this text's own (``kept``)
    found: dict[str, tuple[Finding, ...]] = field(default_factory=dict, compare=False, repr=False)

    _memo_key: tuple[str, str, tuple[tuple[int, int, str], ...]] | None = field(
        default=None, init=False, compare=False, repr=False
    )

    @property
    def memo_key(self) -> tuple[str, str, tuple[tuple[int, int, str], ...]]:
        """What ``memo`` keys a text's reading by: its kind, its characters and where its
        blanks and references stand (a mention typed as text reads as a bound one does).
        Kept once made (not a cached_property: its lock cost more than the key, for each
        of the thousands of texts a run reads)."""
        key = self._memo_key
        if key is None:
            shape = tuple((a, b, type(seg).__name__) for a, b, seg in self.objects)
            key = self._memo_key = (self.ref.kind, self.text, shape)
        return key

    def at(self, offset: int) -> int:
        """The block-text offset of reading offset ``offset`` (inside an object: its start)."""
        shift = 0
        for start, end, _ in self.objects:
            if offset < end:
                return offset - shift if offset <= start else start - shift
            shift += end - start - 1
        return offset - shift

    def in_object(self, start: int, end: int) -> bool:
        """Whether the stretch overlaps a blank, a reference or a proposal."""
        return any(s < end and start < e for s, e, _ in self.objects)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """(offset, length) in the block's text of the reading stretch start..end."""
        a, b = self.at(start), self.at(end)
        if any(s < end <= e for s, e, _ in self.objects):
            b = self.at(end - 1) + 1  # ends inside an object: the whole object
        return a, max(b - a, 0)


def read_block(draft: Draft, block: Block, index: int, paths: dict[int, tuple[int, ...]]) -> Text:
    """The block as read: values, blanks as written and references' numbers in place."""
    segments = block.segments
    if all(isinstance(s, str) for s in segments):
        return Text(block.ref, block, "".join(segments), index)  # type: ignore[arg-type]
    out: list[str] = []
    objects: list[tuple[int, int, Segment]] = []
    pos = 0
    for seg in segments:
        if isinstance(seg, str):
            piece = seg
        else:
            if isinstance(seg, Blank):
                piece = blank_shows(draft, seg)
            elif isinstance(seg, Ref):
                piece = ref_text(seg, paths)
            else:
                piece = plain([seg])
            objects.append((pos, pos + len(piece), seg))
        out.append(piece)
        pos += len(piece)
    return Text(block.ref, block, "".join(out), index, tuple(objects))


def read_texts(draft: Draft, places: Places) -> list[Text]:
    """Every editable block of the draft, read, in reading order."""
    shown = (b for b in blocks(draft) if b.editable)
    return [read_block(draft, b, i, places.paths) for i, b in enumerate(shown)]


@dataclass
class Places:
    """Readable places: the article and clause a text is in, as numbered in the draft."""

    draft: Draft
    _places: dict[BlockRef | None, Any] = field(default_factory=dict, init=False, repr=False)
    _where: dict[BlockRef | None, tuple[str, str]] = field(
        default_factory=dict, init=False, repr=False
    )

    @cached_property
    def paths(self) -> dict[int, tuple[int, ...]]:
        return number_paths(self.draft)

    @cached_property
    def labels(self) -> dict[int, str]:
        return labels(self.draft, paths=self.paths)

    @cached_property
    def _articles(self) -> dict[int, tuple[Node, Node]]:
        """Each node id: (its article, itself); each table id: (article, the node holding it)."""
        out: dict[int, tuple[Node, Node]] = {}
        for part in self.draft.all_parts():
            for article in part.articles:
                for node in article.walk():
                    out[node.id] = (article, node)
                    for table in node.tables:
                        out[table.id] = (article, node)
        return out

    @cached_property
    def _annex_of_article(self) -> dict[int, str]:
        out = {}
        for annex in self.draft.annexes:
            for part in annex.parts:
                for article in part.articles:
                    out[article.id] = self.labels.get(annex.id, annex.label)
        return out

    def node_of(self, ref: BlockRef | None) -> Node | None:
        """The article or clause a text belongs to (a cell: the node holding the table)."""
        if ref is None or (ref.kind not in NODE_KINDS and ref.kind not in TABLE_KINDS):
            return None
        found = self._articles.get(ref.owner)
        return found[1] if found else None

    def article_of(self, ref: BlockRef | None) -> Node | None:
        if ref is None or (ref.kind not in NODE_KINDS and ref.kind not in TABLE_KINDS):
            return None
        found = self._articles.get(ref.owner)
        return found[0] if found else None

    def place(self, ref: BlockRef | None) -> tuple[int, str | None, str | None] | None:
        """(node id, article label, clause label) of a text in the articles, else None: what
        the engine stamps on each finding, kept per text until the structure changes."""
        found = self._places.get(ref, _MISSING)
        if found is _MISSING:
            found = self._places[ref] = self._place(ref)
        return found  # type: ignore[return-value]

    def _place(self, ref: BlockRef | None) -> tuple[int, str | None, str | None] | None:
        """``place`` from one look-up of the text's article and node: the article as
        labelled (附件2 三 in an annex) and the clause as the numbers of its path (3.1)."""
        if ref is None or (ref.kind not in NODE_KINDS and ref.kind not in TABLE_KINDS):
            return None
        found = self._articles.get(ref.owner)
        if found is None:
            return None
        article, node = found
        annex = self._annex_of_article.get(article.id)
        clause = None if node is article else ".".join(map(str, self.paths.get(node.id, ())))
        return node.id, _in_annex(annex, self.labels.get(article.id, "")), clause

    def where(self, ref: BlockRef | None) -> tuple[str, str]:
        """(zh, en) words for the place, for a message: 第三条, 3.1 (as labelled), the preamble
        (kept per text: a check may ask for every text it reads)."""
        found = self._where.get(ref)
        if found is None:
            found = self._where[ref] = self._words(ref)
        return found

    def _words(self, ref: BlockRef | None) -> tuple[str, str]:
        node = self.node_of(ref)
        if node is not None:
            article = self.article_of(ref)
            annex = self._annex_of_article.get(article.id) if article is not None else None
            return (_in_annex(annex, self.labels.get(node.id, "")),) * 2
        kind = ref.kind if ref is not None else ""
        return _PLACE_WORDS.get(kind, ("正文", "the text"))


def _in_annex(annex: str | None, label: str) -> str:
    """An annex's article or clause named after its annex (附件2 三, Schedule 1 2.1): the
    label without the list mark it is printed with (三、)."""
    return f"{annex} {label.rstrip('、.．')}" if annex else label


_PLACE_WORDS = {
    "title": ("标题", "the title"),
    "party_name": ("当事人信息", "the parties"),
    "party_address": ("当事人信息", "the parties"),
    "preamble": ("前言", "the preamble"),
    "cover": ("封面", "the cover page"),
    "signed": ("签署部分", "the signature block"),
    "annex_title": ("附件标题", "an annex title"),
    "annex_body": ("附件", "an annex"),
    "part_title": ("部分标题", "a part title"),
    "part_body": ("部分引言", "a part's introduction"),
}


@dataclass
class Context:
    """One run of the checks over a draft: its texts in reading order and their places.

    The engine keeps it across updates that change texts only (its ``texts`` re-read in
    place), so what it computes from the places stays valid until the structure changes."""

    draft: Draft
    texts: list[Text]
    places: Places
    # each() name -> (how it reads a text, the texts' indexes where it found something ->
    # what, the key it was read under)
    _each: dict[str, tuple[Callable[[Text], Any], dict[int, Any], object]] = field(
        default_factory=dict, init=False, repr=False
    )
    # each() name -> (the indexes of its texts in order, the (text, what) pairs in order)
    _each_list: dict[str, tuple[list[int], list[tuple[Text, Any]]]] = field(
        default_factory=dict, init=False, repr=False
    )
    # of_article() name -> article id -> what was made of it
    _articles: dict[str, dict[int, Any]] = field(default_factory=dict, init=False, repr=False)

    def each(
        self, name: str, read: Callable[[Text], T], key: object = None
    ) -> list[tuple[Text, T]]:
        """(text, ``read(text)``) for every text where it finds something (is truthy), in
        reading order. What it found is kept with the pass: after an edit the engine reads
        again only the texts the edit touched, so a pass costs what it finds, not the size
        of the draft (a loop over ``texts`` calling ``memo`` costs a look-up per text).
        ``read`` obeys ``memo``'s rule (``Text.memo_key``).

        ``key``: what else the reading depends on (the draft's terms); when it differs from
        the one the pass was kept under, every text is read again, by ``read`` itself (it
        keeps what it needs: ``memo`` would answer for the old key)."""
        kept = self._each.get(name)
        if kept is None or kept[2] != key:
            if key is not None:
                look = read
                found = {t.index: f for t in self.texts if (f := read(t))}
            else:
                look = partial(_memo_read, name, read)
                found = _memo_pass(name, read, self.texts)
            self._each[name] = (look, found, key)
            self._each_list.pop(name, None)
        else:
            found = kept[1]
        listed = self._each_list.get(name)
        if listed is None:
            order = sorted(found)
            texts = self.texts
            listed = self._each_list[name] = (order, [(texts[i], found[i]) for i in order])
        return list(listed[1])

    def reread(self, indexes: Iterable[int]) -> None:
        """The texts at ``indexes`` were read again (the engine's update): what each pass
        found in them is read again, the rest is kept."""
        for name, (look, found, _) in self._each.items():
            moved = False  # a text gained or lost what the pass looks for: list anew
            for i in indexes:
                f = look(self.texts[i])
                if f:
                    moved = moved or i not in found
                    found[i] = f
                elif found.pop(i, None) is not None:
                    moved = True
            listed = self._each_list.get(name)
            if moved or listed is None:
                self._each_list.pop(name, None)
                continue
            order, pairs = listed
            for i in indexes:  # the same texts hold something: each one's pair anew
                if i in found:
                    pairs[bisect_left(order, i)] = (self.texts[i], found[i])
        if self._articles:
            articles = (self.places.article_of(self.texts[i].ref) for i in indexes)
            touched = {a.id for a in articles if a is not None}
            for made in self._articles.values():
                for article_id in touched:
                    made.pop(article_id, None)

    def of_article(self, name: str, article: Node, make: Callable[[Node], T]) -> T:
        """``make(article)``, kept until a text of the article (its headings, texts and
        cells) is read again or the structure changes: for findings an article's own texts
        decide together (its payment schedule, a heading with nothing under it)."""
        made = self._articles.setdefault(name, {})
        found = made.get(article.id, _MISSING)
        if found is _MISSING:
            found = made[article.id] = make(article)
        return found  # type: ignore[no-any-return]

    def kept(
        self, name: str, text: Text, make: Callable[[Text], Iterable[Finding]]
    ) -> tuple[Finding, ...]:
        """The findings ``make`` gives for ``text``, kept with this very text until an edit
        re-reads it or the structure changes (then the text is a new one): for findings
        that depend on this text and its place only, never on another text. An update then
        hands the same findings on, and the engine places each of them once."""
        own = text.found
        made = own.get(name)
        if made is None:
            made = own[name] = tuple(make(text))
        return made

    @staticmethod
    def memo(name: str, text: Text, read: Callable[[Text], T]) -> T:
        """``read(text)`` as a check last found it for the same characters (kept across
        runs: only changed texts are read again). ``read`` must depend on the characters,
        the block kind and where the objects stand only (``Text.memo_key``), never on the
        text's place. (It needs no run: a pass's reading can use it without holding the
        context, which would keep a run's texts alive until the collector finds the cycle.)"""
        kept = text.memo
        found = kept.get(name, _MISSING)
        if found is _MISSING:
            found = kept[name] = read(text)
        return found  # type: ignore[no-any-return]

    def of_kind(self, *kinds: str) -> Iterator[Text]:
        return (t for t in self.texts if t.ref.kind in kinds)

    def order(self, ref: BlockRef | None) -> int:
        """A block's place in reading order (unknown and None last)."""
        return self._order.get(ref, len(self.texts)) if ref is not None else len(self.texts)

    @cached_property
    def _order(self) -> dict[BlockRef, int]:
        return {t.ref: t.index for t in self.texts}

    def node_ref(self, node_id: int) -> BlockRef | None:
        """The first text of a node shown (its heading, else its body) to point at."""
        for kind in NODE_KINDS:
            ref = BlockRef(kind, node_id)
            if ref in self._order:
                return ref
        return None

    def locate(self, text: Text, start: int, end: int) -> dict[str, Any]:
        """``ref``, ``offset`` and ``length`` of a reading stretch, for ``Finding(**...)``."""
        offset, length = text.span(start, end)
        return {"ref": text.ref, "offset": offset, "length": length}


_MISSING = object()


def _memo_read(name: str, read: Callable[[Text], T], text: Text) -> T:
    return Context.memo(name, text, read)


def _memo_pass(name: str, read: Callable[[Text], T], texts: list[Text]) -> dict[int, T]:
    """``Context.memo`` over every text, written out: a run makes some 25 passes over
    thousands of texts, and two calls a text were a tenth of a pass."""
    found = {}
    for t in texts:
        memo = t.memo
        f = memo.get(name, _MISSING)
        if f is _MISSING:
            f = memo[name] = read(t)
        if f:
            found[t.index] = f
    return found


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (。；;!? or a line break ends one) around text[start:end]."""
    stops = "。；;！？!?\n"
    a = max((text.rfind(c, 0, start) for c in stops), default=-1) + 1
    ends = [i for i in (text.find(c, end) for c in stops) if i >= 0]
    return a, (min(ends) + 1 if ends else len(text))
