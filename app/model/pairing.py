"""Which item of one list is which of another: by identical text, then by similar text near
the same place, then by similar text anywhere; and which pairs left their order (moved).

The compare engine pairs articles, then the clauses of paired articles, with these. Identical
texts pair first, in reading order; the pairs that keep their order (the longest increasing
run, see ``in_order``) anchor the rest, so that an edited item is looked for between the
anchors around it before anywhere else (a reworded 第五条 pairs with the 第五条 slot, not
with a look-alike 20 articles away). What is still unpaired is compared all against all,
which finds an article that was both moved and edited; that pass is skipped when both
leftovers are large (two unrelated contracts), where it would cost seconds for nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict, deque
from difflib import SequenceMatcher

SIMILAR = 0.5  # the least similarity at which two texts are one item edited
_SAME_HEADING = 0.25  # ... when both have the same (non-empty) heading, far apart
_GLOBAL_LIMIT = 40_000  # leftover pairs compared all against all, at most


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """How alike two texts are, 0..1 (difflib's ratio: twice the matched characters over
    the total); 0 as soon as the cheap upper bounds fall below ``floor``."""
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def pair(
    old: list[str], new: list[str], old_heads: list[str], new_heads: list[str]
) -> dict[int, int]:
    """Old index -> new index of the items taken to be the same (edited or not)."""
    pairs = _identical(old, new)
    anchors = sorted((i, pairs[i]) for i in in_order(pairs))
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    taken = set(pairs.values())
    for (lo_old, lo_new), (hi_old, hi_new) in zip(bounds, bounds[1:], strict=False):
        left = [i for i in range(lo_old + 1, hi_old) if i not in pairs]
        right = [j for j in range(lo_new + 1, hi_new) if j not in taken]
        floors = (SIMILAR, 0.0)  # the same heading in the same place: rewritten
        _best_first(left, right, old, new, old_heads, new_heads, pairs, taken, floors)
    left = [i for i in range(len(old)) if i not in pairs]
    right = [j for j in range(len(new)) if j not in taken]
    if len(left) * len(right) <= _GLOBAL_LIMIT:
        floors = (SIMILAR, _SAME_HEADING)
        _best_first(left, right, old, new, old_heads, new_heads, pairs, taken, floors)
    return pairs


def _identical(old: list[str], new: list[str]) -> dict[int, int]:
    """Items with identical text, the n-th occurrence in old with the n-th in new."""
    where: dict[str, deque[int]] = defaultdict(deque)
    for j, text in enumerate(new):
        where[text].append(j)
    pairs: dict[int, int] = {}
    for i, text in enumerate(old):
        if where.get(text):
            pairs[i] = where[text].popleft()
    return pairs


def _best_first(left, right, old, new, old_heads, new_heads, pairs, taken, floors) -> None:
    """Pair the most similar first; ``floors`` are the least similarity for any two items
    and for two with the same heading."""
    if not left or not right:
        return
    floor, same_heading_floor = floors
    scored = []
    for i in left:
        for j in right:
            score = similarity(old[i], new[j], min(floors))
            same_heading = bool(old_heads[i]) and old_heads[i] == new_heads[j]
            if score >= floor or (same_heading and score >= same_heading_floor):
                scored.append((-score - same_heading, abs(i - j), i, j))
    for _, _, i, j in sorted(scored):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)


def in_order(pairs: dict[int, int]) -> set[int]:
    """The old indices of the longest run of pairs whose new indices rise with the old ones:
    the pairs that stayed in place; every other pair moved (patience sorting, n log n)."""
    items = sorted(pairs.items())
    tails: list[int] = []  # the smallest new index ending a rising run of each length
    tail_at: list[int] = []  # index into items of that tail
    back: list[int] = []
    for k, (_, j) in enumerate(items):
        pos = bisect_left(tails, j)
        back.append(tail_at[pos - 1] if pos else -1)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
    kept: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        kept.add(items[k][0])
        k = back[k]
    return kept
