"""Which item of one list is which of another: by identical text, then by similar text near
the same place, then by similar text anywhere; and which pairs left their order (moved).

The compare engine pairs articles, then the clauses of paired articles, with these. Texts
found once on each side and identical pair first; those of them that keep their order (the
longest increasing run, see ``in_order``) anchor the rest, as in patience diff: between two
anchors, identical texts pair in order, then similar ones, so an edited item is looked for
between the anchors around it before anywhere else (a reworded 第五条 pairs with the
第五条 slot, not with a look-alike 20 articles away). What is still unpaired is compared
all against all, which finds an article both moved and edited; that pass is skipped when
both leftovers are large (two unrelated contracts), where it would cost seconds for nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from difflib import SequenceMatcher

SIMILAR = 0.5  # the least similarity at which two texts are one item edited
_SAME_HEADING = 0.25  # ... when both have the same (non-empty) heading, far apart
_GLOBAL_LIMIT = 10_000  # leftover pairs compared all against all, at most
_BAND = 12  # in a long gap, each old item is compared with this many new ones each side of
# the place it would have in proportion (two unrelated contracts: one long gap, no anchor)


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
    old: list[str],
    new: list[str],
    old_heads: list[str],
    new_heads: list[str],
    *,
    in_place: bool = True,
) -> dict[int, int]:
    """Old index -> new index of the items taken to be the same (edited or not). Without
    ``in_place`` the lists' order says nothing (leftovers from everywhere): only identical
    and similar texts pair, never two merely for standing between the same anchors."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    _identical(range(len(old)), range(len(new)), old, new, pairs, taken, unique=True)
    anchors = sorted((i, pairs[i]) for i in in_order(pairs))
    bounds = [(-1, -1), *anchors, (len(old), len(new))] if in_place else []
    for (lo_old, lo_new), (hi_old, hi_new) in zip(bounds, bounds[1:], strict=False):
        left = [i for i in range(lo_old + 1, hi_old) if i not in pairs]
        right = [j for j in range(lo_new + 1, hi_new) if j not in taken]
        if len(left) == len(right) and all(map(_in_place, (old[i] for i in left),
                                               (new[j] for j in right))):  # fmt: skip
            pairs.update(zip(left, right, strict=True))  # as many, each edited in its place
            taken.update(right)
            continue
        _identical_in_order(left, right, old, new, pairs, taken)
        left = [i for i in left if i not in pairs]
        right = [j for j in right if j not in taken]
        floors = (SIMILAR, 0.0)  # the same heading in the same place: rewritten
        _best_first(left, right, old, new, old_heads, new_heads, pairs, taken, floors)
    left = [i for i in range(len(old)) if i not in pairs]
    right = [j for j in range(len(new)) if j not in taken]
    _identical(left, right, old, new, pairs, taken)
    left = [i for i in left if i not in pairs]
    right = [j for j in right if j not in taken]
    if len(left) * len(right) <= _GLOBAL_LIMIT:
        floors = (SIMILAR, _SAME_HEADING)
        _best_first(left, right, old, new, old_heads, new_heads, pairs, taken, floors)
    return pairs


def _identical(left, right, old, new, pairs, taken, unique: bool = False) -> None:
    """Pair items of ``left`` and ``right`` with identical texts: the n-th occurrence with
    the n-th or, ``unique``, only texts that occur once on each side (the anchors of
    patience diff: a text repeated may pair with the wrong copy)."""
    where: dict[str, deque[int]] = defaultdict(deque)
    for j in right:
        where[new[j]].append(j)
    if unique:
        counts = Counter(old[i] for i in left)
        where = defaultdict(deque, {t: js for t, js in where.items()
                                    if len(js) == 1 and counts[t] == 1})  # fmt: skip
    for i in left:
        if where.get(old[i]):
            j = where[old[i]].popleft()
            pairs[i] = j
            taken.add(j)


def _in_place(a: str, b: str) -> bool:
    """Two items in the same place are one edited: the same, filled in or emptied, or alike."""
    return a == b or not a or not b or similarity(a, b, SIMILAR) >= SIMILAR


def _identical_in_order(left, right, old, new, pairs, taken) -> None:
    """Pair identical texts between two anchors without crossing (the longest common
    subsequence), so two empty clauses, one filled in, stay in their places."""
    if not left or not right:
        return
    matcher = SequenceMatcher(None, [old[i] for i in left], [new[j] for j in right],
                              autojunk=False)  # fmt: skip
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            pairs[left[a + k]] = right[b + k]
            taken.add(right[b + k])


def _best_first(left, right, old, new, old_heads, new_heads, pairs, taken, floors) -> None:
    """Pair the most similar first; ``floors`` are the least similarity for any two items
    and for two with the same heading. Lists too long to compare all against all are
    compared within a band around the diagonal."""
    if not left or not right:
        return
    floor, same_heading_floor = floors
    scored = []
    long = len(left) * len(right) > _GLOBAL_LIMIT
    for k, i in enumerate(left):
        at = k * len(right) // len(left)
        for j in right[max(0, at - _BAND) : at + _BAND + 1] if long else right:
            same_heading = bool(old_heads[i]) and old_heads[i] == new_heads[j]
            least = same_heading_floor if same_heading else floor
            score = similarity(old[i], new[j], least)
            if score >= least:
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
