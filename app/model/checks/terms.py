"""Defined terms: defined twice, never used, used before definition, quoted but undefined.

What each text defines and quotes is read once per text (``defined_terms.read_terms``
through ``Context.memo``), and the texts that define, quote or use terms are kept as passes
with the run (``Context.each``; the uses' pass under the set of terms). The judge step
merges those facts: an edit that defines no new term re-reads only the edited text, and the
uses are looked through only until each term has its first one.

An abbreviation defined inline (（以下简称“平台”）, (hereinafter "Buyer"), ("Tripath")) applies
from there on, so a use in an earlier text is reported; a definition that says what a term
means (本合同所称X是指, "X" means, a glossary article) applies to the whole contract. The
parties' roles (甲方, Party A) and their aliases (甲方（接收方）) are terms that are never
reported unused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import TYPE_CHECKING

from clause_db.messages import Msg

from ..defined_terms import (
    GLOSSARY_HEADING,
    INLINE,
    MEANING_LEAD,
    MEANS,
    PARTY,
    Definition,
    TermFacts,
    Use,
    UsePattern,
    has_cjk,
    read_terms,
    term_like,
    use_pattern,
)
from ..doc_blocks import BlockRef
from .context import Context, Places, read_texts, sentence_bounds
from .finding import INFO, WARNING, Finding

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from ..draft import Draft
    from .context import Text

KINDS = ("term_defined_twice", "term_unused", "term_used_before_definition", "term_undefined")

# Texts printed before the parties are introduced (the cover, the title, the preamble that
# names the agreement and its parties) or generated from them: a name there is no use
# "before the definition".
_BEFORE_ANY_DEFINITION = (
    "cover", "title", "party_name", "party_address", "preamble", "signature", "signed",
)  # fmt: skip
_HEADING_KINDS = ("heading", "part_title", "annex_title")
# The cover page and the source's signature block repeat the parties' names: a definition
# there again is no second definition.
_COPIES = ("cover", "signed")


@dataclass
class Term:
    """A term of the draft: where it is defined and where it is used (reading order)."""

    term: str
    form: str  # INLINE | MEANS | PARTY (a role or an alias of one)
    definitions: list[tuple[Text, Definition]] = field(default_factory=list)
    uses: list[tuple[Text, int, int]] = field(default_factory=list)  # reading offsets


def _read(text: Text) -> TermFacts:
    return read_terms(text.text)


def _meaning_lead(text: Text) -> bool:
    """Whether the text is a clause's text saying what its heading means (指…)."""
    return text.ref.kind == "body" and MEANING_LEAD.match(text.text) is not None


def _texts_saying(ctx: Context, kept: dict[str, TermFacts] | None) -> _Saying:
    """Where the draft's texts say something about terms, from the run's kept passes
    (``kept`` None: an update reads only what changed) or from the terms panel's memory."""
    if kept is None:
        return _Saying(
            ctx.each("terms_said", _said),
            ctx.each("terms_meaning_lead", _meaning_lead),
            lambda pattern: ctx.each("terms_used", partial(_used, pattern), key=pattern.key),
        )
    before = dict(kept)
    kept.clear()
    for text in ctx.texts:
        if text.text not in kept:
            kept[text.text] = before.get(text.text) or read_terms(text.text)
    return _Saying(
        [(t, f) for t in ctx.texts if (f := kept[t.text]).definitions or f.quoted],
        [(t, True) for t in ctx.texts if _meaning_lead(t)],
        lambda pattern: [(t, u) for t in ctx.texts if (u := _named(kept[t.text], pattern))],
    )


@dataclass
class _Saying:
    """The texts that define or quote terms, the clauses saying what their heading means,
    and (given the terms' pattern) the texts using terms, each with what it holds."""

    defining: list[tuple[Text, TermFacts]]
    leads: list[tuple[Text, bool]]
    using: Callable[[UsePattern], list[tuple[Text, _Uses]]]


# a text's uses of the terms: every one, each term's first, and the terms it uses
_Uses = tuple[tuple[Use, ...], tuple[Use, ...], frozenset[int]]


def _said(text: Text) -> TermFacts | None:
    facts = Context.memo("terms", text, _read)
    return facts if facts.definitions or facts.quoted else None


def _used(pattern: UsePattern, text: Text) -> _Uses | None:
    return _named(Context.memo("terms", text, _read), pattern)


def _named(facts: TermFacts, pattern: UsePattern) -> _Uses | None:
    every, firsts = facts.uses(pattern)
    return (every, firsts, frozenset(u[2] for u in firsts)) if every else None


def collect(
    ctx: Context, every_use: bool = True, kept: dict[str, TermFacts] | None = None
) -> tuple[dict[str, Term], list[tuple[Text, TermFacts]]]:
    """Every term of the draft with its definitions and uses in reading order (the parties'
    roles first), and the texts that define or quote terms with what they say (reading
    order). ``every_use`` False: only the uses the checks judge (each term's first use,
    and every text's first use of it before its definition). ``kept``: what texts said
    before, by their characters (the terms panel's own memory between two reads); left
    holding the texts read now."""
    terms: dict[str, Term] = {}
    for party in ctx.draft.parties:
        if party.role.strip():
            terms.setdefault(party.role.strip(), Term(party.role.strip(), PARTY))
    glossary: dict[int, bool] = {}
    saying = _texts_saying(ctx, kept)
    said = {t.index: f for t, f in saying.defining}
    headings = {
        t.index - 1
        for t, _ in saying.leads
        if t.index and ctx.texts[t.index - 1].ref.kind == "heading"
    }  # a glossary clause headed by its term: its heading, then 指…
    own: set[tuple[int, int]] = set()  # glossary lines' definitions: no uses of their terms
    for i in sorted(said.keys() | headings):
        text = ctx.texts[i]
        headed = _headed_definition(ctx, text, glossary) if i in headings else None
        if headed is not None:
            own.add((text.index, headed.start))
            terms.setdefault(headed.term, Term(headed.term, MEANS)).definitions.append(
                (text, headed)
            )
        for d in said[i].definitions if i in said else ():
            if d.glossary_only:
                if not _in_glossary(ctx, text, glossary):
                    continue
                own.add((text.index, d.start))
            terms.setdefault(d.term, Term(d.term, d.form)).definitions.append((text, d))
    names = tuple(terms)
    index = {n: i for i, n in enumerate(names)}
    hidden: dict[str, set[int]] = {}
    for t in terms.values():
        for _, d in t.definitions:
            if d.antecedent and d.term in d.antecedent and d.term != d.antecedent:
                hidden.setdefault(d.antecedent, set()).add(index[d.term])
    pattern = use_pattern(names, {name: frozenset(i) for name, i in sorted(hidden.items())})
    entries = [terms[n] for n in names]
    first_defined = [t.definitions[0][0].index if t.definitions else -1 for t in entries]
    # past every definition the checks need only the first use of a term that has none yet
    waiting, last_defined = set(range(len(entries))), max(first_defined, default=-1)
    for text, (every, firsts, used) in saying.using(pattern):
        if not every_use and text.index >= last_defined:
            if not waiting:
                break
            if waiting.isdisjoint(used):
                continue
        for start, end, i in every if every_use or own else firsts:
            if own and (text.index, start) in own:
                continue
            uses = entries[i].uses
            if every_use or not uses or text.index < first_defined[i]:
                waiting.discard(i)
                uses.append((text, start, end))
    return terms, saying.defining


def _headed_definition(ctx: Context, text: Text, glossary: dict[int, bool]) -> Definition | None:
    """A clause of a glossary article headed by its term, its text saying what it means
    (服务期限 / 指自本合同生效之日起十二个月): the heading defines the term."""
    after = ctx.texts[text.index + 1] if text.index + 1 < len(ctx.texts) else None
    lead = MEANING_LEAD.match(after.text) if after is not None else None
    if lead is None or after.ref != BlockRef("body", text.ref.owner):
        return None
    term = text.text.strip().rstrip("：:")
    if not term_like(term) or len(term) > 15 or not _in_glossary(ctx, text, glossary):
        return None
    node = ctx.places.node_of(text.ref)
    if ctx.places.article_of(text.ref) is node:
        return None
    meaning = " ".join(after.text[lead.end() :].split())
    start = len(text.text) - len(text.text.lstrip())
    return Definition(term, start, start + len(term), MEANS, meaning)


def _in_glossary(ctx: Context, text: Text, seen: dict[int, bool]) -> bool:
    """Whether the text is in a definitions article (定义 / 释义 / Definitions) or clause."""
    article = ctx.places.article_of(text.ref)
    node = ctx.places.node_of(text.ref)
    if article is None or node is None:
        return False
    for n in (article, node):
        if n.id not in seen:
            seen[n.id] = bool(GLOSSARY_HEADING.search(n.heading or ""))
    return seen[article.id] or seen[node.id]


def check(ctx: Context) -> Iterator[Finding]:
    terms, said = collect(ctx, every_use=False)
    for t in terms.values():
        yield from _defined_twice(ctx, t)
        yield from _unused(ctx, t, terms)
        yield from _before_definition(ctx, t)
    yield from _undefined(ctx, terms, said)


def _where(ctx: Context, text: Text) -> Msg:
    return Msg(*ctx.places.where(text.ref))


def _defined_twice(ctx: Context, t: Term) -> Iterator[Finding]:
    defs: list[tuple[Text, Definition]] = []
    sentences: set[tuple[int, tuple[int, int]]] = set()  # (text, sentence) defining it
    for text, d in t.definitions:
        if d.form == PARTY or text.ref.kind in _COPIES:
            continue
        sentence = (id(text), sentence_bounds(text.text, d.start, d.end))
        if sentence in sentences:
            continue  # 本合同所称X是指……（以下简称“X”）: one sentence explains and names it
        sentences.add(sentence)
        defs.append((text, d))
    if len(defs) < 2:
        return
    first, (text, d) = defs[0], defs[1]
    same = len({" ".join(each.meaning.split()) for _, each in defs}) == 1
    yield Finding(
        "term_defined_twice", INFO if same else WARNING,
        Msg("“{0}”在{1}已有定义，{2}又定义了一次{3}",
            "“{0}” is defined in {1} and again in {2}{4}",
            t.term, _where(ctx, first[0]), _where(ctx, text),
            "（含义相同）" if same else "，含义不同", " (the same meaning)" if same else
            ", with another meaning"),
        **ctx.locate(text, d.start, d.end), subject=t.term,
    )  # fmt: skip


def _unused(ctx: Context, t: Term, terms: dict[str, Term]) -> Iterator[Finding]:
    if t.form == PARTY or t.uses or not t.definitions:
        return
    if any(terms[v].uses for v in _variants(t.term) if v in terms):
        return  # ("Party", together the "Parties"): one term in two numbers
    text, d = t.definitions[0]
    yield Finding(
        "term_unused", WARNING if d.form == INLINE else INFO,
        Msg("{0}定义了“{1}”，但合同中没有再使用", "“{1}” is defined in {2} but never used",
            _where(ctx, text), t.term, _where(ctx, text)),
        **ctx.locate(text, d.start, d.end), subject=t.term,
    )  # fmt: skip


def _before_definition(ctx: Context, t: Term) -> Iterator[Finding]:
    """An abbreviation (以下简称 / hereinafter) used in a text before the one defining it;
    so is an English term whose "X" means stands in a clause of the text (3.4) rather than
    a definitions article: it is found where it is defined, not in a glossary, and a use in
    an earlier article reads before the reader knows it."""
    if not t.definitions:
        return
    defined_in, d = t.definitions[0]
    in_passing = d.form != INLINE
    if in_passing and not _defined_in_passing(ctx, defined_in, d):
        return
    article = ctx.places.article_of(defined_in.ref)
    clause = ctx.places.node_of(defined_in.ref)
    early = [
        (text, start, end)
        for text, start, end in t.uses
        if text.index < defined_in.index
        and text.ref.kind not in _BEFORE_ANY_DEFINITION
        and (
            article is None
            or ctx.places.article_of(text.ref) is not article
            # "X" means in 1.3: a clause before it in its article (1.2) reads it first too
            or in_passing
            and text.ref.kind != "heading"
            and ctx.places.node_of(text.ref) not in (clause, article)
        )
    ]  # not the cover, the title, the preamble or the defining article's own heading
    if not early:
        return
    # the sentence that uses it rather than a heading naming the subject (标的数据描述)
    text, start, end = next((u for u in early if u[0].ref.kind != "heading"), early[0])
    yield Finding(
        "term_used_before_definition", WARNING,
        Msg("“{0}”在{1}已使用，但到{2}才定义",
            "“{0}” is used in {1} before its definition in {2}",
            t.term, _where(ctx, text), _where(ctx, defined_in)),
        **ctx.locate(text, start, end), subject=t.term,
    )  # fmt: skip


def _defined_in_passing(ctx: Context, text: Text, d: Definition) -> bool:
    """An English capitalised term whose "X" means, or a Chinese quoted “X”指, stands in an
    article that is no definitions article (a glossary, wherever it stands, defines for the
    whole contract; Chinese 本合同所称X是指, unquoted, is often written where the subject is
    and is left alone)."""
    if d.form != MEANS:
        return False
    if has_cjk(d.term):
        if text.text[d.start - 1 : d.start] not in ("“", '"', "「"):
            return False
    elif not d.term[:1].isupper():
        return False
    return ctx.places.article_of(text.ref) is not None and not _in_glossary(ctx, text, {})


def _undefined(
    ctx: Context, terms: dict[str, Term], said: list[tuple[Text, TermFacts]]
) -> Iterator[Finding]:
    """A quoted word read as a term (“服务标准”, the "Purchase Price") that nothing defines:
    not a term, a role, a heading or a field of the draft."""
    known: str | None = None
    reported: set[str] = set()
    for text, read in said:
        for start, end, word in read.quoted:
            if word in reported or _is_term(word, terms):
                continue
            if known is None:
                known = _known_words(ctx)
            if word in known:
                continue
            reported.add(word)
            yield Finding(
                "term_undefined", WARNING,
                Msg("{0}中加引号的“{1}”像是定义术语，但合同中没有定义",
                    "In {2}, “{1}” is quoted as a defined term, but the contract never defines it",
                    _where(ctx, text), word, _where(ctx, text)),
                **ctx.locate(text, start, end), subject=word,
            )  # fmt: skip


def _variants(word: str) -> set[str]:
    """The other number of an English word: Party / Parties, Product / Products."""
    if has_cjk(word):
        return set()
    out = {f"{word}s", f"{word}es"}
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    elif word.endswith("y"):
        out.add(word[:-1] + "ies")
    if word.endswith("es"):
        out.add(word[:-2])
    if word.endswith("s"):
        out.add(word[:-1])
    return out


def _is_term(word: str, terms: dict[str, Term]) -> bool:
    return word in terms or any(v in terms for v in _variants(word))


def _known_words(ctx: Context) -> str:
    """Headings, field names and the parties' names, one a line: a quoted heading or field
    is a reference to it (合同正文中“数据质量标准”的补充说明), a quoted name a name."""
    names = [t.text for t in ctx.of_kind(*_HEADING_KINDS)]
    names += [f.name or f.label for f in ctx.draft.fields.values()]
    names += [f.label for f in ctx.draft.fields.values() if f.label]
    names += [p.name for p in ctx.draft.parties if p.name]
    return "\n".join(names)


# -- the terms panel ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TermPlace:
    """A definition or a use: the block's characters to select, where it is, its sentence."""

    ref: BlockRef
    offset: int
    length: int
    where: Msg
    sentence: str


@dataclass(frozen=True)
class TermEntry:
    """A term for the panel; its uses' places are worked out when first asked for (a role
    may be used thousands of times and the panel shows them only when the term is opened)."""

    term: str
    form: str  # INLINE | MEANS | PARTY
    definitions: tuple[TermPlace, ...]
    use_count: int
    _uses: Callable[[], tuple[TermPlace, ...]] = field(compare=False, repr=False)

    @cached_property
    def uses(self) -> tuple[TermPlace, ...]:
        return self._uses()


def _place(ctx: Context, text: Text, start: int, end: int) -> TermPlace:
    a, b = sentence_bounds(text.text, start, end)
    offset, length = text.span(start, end)
    return TermPlace(text.ref, offset, length, _where(ctx, text), text.text[a:b].strip())


def _places(ctx: Context, uses: list[tuple[Text, int, int]]) -> tuple[TermPlace, ...]:
    return tuple(_place(ctx, text, s, e) for text, s, e in uses)


def terms_index(ctx: Context, kept: dict[str, TermFacts] | None = None) -> list[TermEntry]:
    """Each term of the draft, its definitions and its uses, for the terms panel: the
    parties' roles first, then the terms in the order they are defined (``kept``: see
    ``collect``)."""
    out = []
    for t in collect(ctx, kept=kept)[0].values():
        defs = tuple(_place(ctx, text, d.start, d.end) for text, d in t.definitions)
        uses = partial(_places, ctx, t.uses)
        out.append(TermEntry(t.term, t.form, defs, len(t.uses), uses))
    return out


def draft_terms(draft: Draft, kept: dict[str, TermFacts] | None = None) -> list[TermEntry]:
    """``terms_index`` of a draft read now (``kept``: what its texts said at the last read,
    by their characters, so that only changed texts are read again)."""
    places = Places(draft)
    return terms_index(Context(draft, read_texts(draft, places), places), kept)
