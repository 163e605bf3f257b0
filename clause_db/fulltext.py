"""Pure helpers of library search: query terms, FTS5 expressions, the index text, snippets.

One FTS5 index (``words_fts``, tokenizer unicode61, see ``schema.py``) serves search. Its
document is the row's text with every Han run rewritten as bigram tokens: a run r becomes
r[0:2], r[1:3], ..., r[-2:], then r[-1] alone, so each Han character starts exactly one
token. Everything else stays as it is, for unicode61 to split into lowercase words.

* A Han term of n >= 2 characters is the phrase of its n-1 bigrams: consecutive tokens
  exist only inside one run, so this is exact substring search, and each bigram's doclist
  is far shorter than a single character's.
* A one-character Han term c is the prefix query c*, answered by the prefix='1' index.
* A term without Han is a word-prefix query: FTS5 splits the quoted term with the same
  tokenizer, so "3.1.2" is the words 3, 1 then a word starting with 2, and "confid" finds
  Confidentiality but "fidential" does not -- what users of search engines expect.

Terms mixing Han with other characters ("第3.1条"), and terms with no letter or digit
("%"), are matched as substrings with LIKE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import add

INDEX = "words_fts"  # the one search index table (schema.py creates it)
HIGHLIGHT_START = "⟦"  # not 【】: those are blanks in contract text
HIGHLIGHT_END = "⟧"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_WORD_CHAR = re.compile(r"[^\W_]")  # unicode61's token characters, near enough: L*, N*
# Not preceded by a letter or digit other than Han. Case-sensitive inside: case changes no
# character's class here, and compiling the Han ranges case-insensitively took 8 ms a query.
_WORD_START = f"(?-i:(?<![^\\W_{_HAN}]))"
_WORD_GAP = r"[\W_]+"  # what separates two words of a term in the text (Han is a word)

SNIPPET_BEFORE = 20
SNIPPET_LENGTH = 80


def _bigrams(match: re.Match[str]) -> str:
    """A Han run as its bigram tokens and its last character, spaced from its neighbours."""
    run = match.group()
    return f" {' '.join(map(add, run, run[1:]))} {run[-1]} "


def index_text(text: str) -> str:
    """The index document for ``text``: Han runs as bigram tokens, the rest as it is."""
    return _HAN_RUN.sub(_bigrams, text)


@dataclass(frozen=True)
class Term:
    """One space-separated query term and how it is matched."""

    text: str
    kind: str  # "han" (substring) | "word" (word prefix) | "like" (substring, LIKE)

    def pattern(self) -> re.Pattern[str]:
        """Where the term matches in a text, for snippets: the index's semantics in a regex."""
        if self.kind != "word":
            return re.compile(re.escape(self.text), re.IGNORECASE)
        words = re.findall(r"[^\W_]+", self.text)
        return re.compile(_WORD_START + _WORD_GAP.join(map(re.escape, words)), re.IGNORECASE)


def parse_terms(query: str, fts: bool) -> list[Term]:
    """Split a user query into distinct terms; without an FTS index every term is LIKE."""
    terms: list[Term] = []
    for word in dict.fromkeys(query.split()):
        if not fts:
            kind = "like"
        elif _HAN_RUN.fullmatch(word):
            kind = "han"
        elif not _HAN_RUN.search(word) and _WORD_CHAR.search(word):
            kind = "word"
        else:
            kind = "like"
        terms.append(Term(word, kind))
    return terms


def _phrase(words: str) -> str:
    """Quote as an FTS5 string, so -, :, *, OR and quotes in user input are plain text."""
    return '"' + words.replace('"', '""') + '"'


def _fts_query(term: Term) -> str:
    """The FTS5 query for one han or word term."""
    if term.kind == "word" or len(term.text) == 1:
        return _phrase(term.text) + "*"
    return _phrase(" ".join(map(add, term.text, term.text[1:])))


def fts_expression(terms: list[Term], column: str | None = None) -> str | None:
    """The MATCH expression ANDing the indexed terms (in ``column`` only, if given)."""
    queries = [_fts_query(t) for t in terms if t.kind != "like"]
    if not queries:
        return None
    expr = " AND ".join(queries)
    return f"{{{column}}} : ({expr})" if column else expr


def like_pattern(term: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching ``term`` anywhere."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def snippet(text: str, patterns: list[re.Pattern[str]]) -> str:
    """A short window of ``text`` around the first match, every match marked."""
    spans = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text))
    start = max(0, spans[0][0] - SNIPPET_BEFORE) if spans else 0
    end = min(len(text), start + SNIPPET_LENGTH)
    out: list[str] = ["…" if start else ""]
    pos = start
    for s, e in spans:
        if s < pos or e > end:
            continue
        out += [text[pos:s], HIGHLIGHT_START, text[s:e], HIGHLIGHT_END]
        pos = e
    out += [text[pos:end], "…" if end < len(text) else ""]
    return "".join(out)
