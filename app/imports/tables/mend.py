"""An assignment of projects to function 项 made exact in 分, from a near one (the search in
百元 of a table printed in 元, `functions.in_hundreds`).

Tables in 元 print every amount to the 分, and there each 项's projects sum to its figures
exactly in every dimension. The 项 are taken in turn (smallest first); a 项 that misses by m
(a vector in 分) gives up a few of its projects A and takes a few B from the 项 not yet exact,
with ΣB − ΣA = −m exactly: the sums of B are kept in a dictionary (every set of up to
`TAKEN` projects), and each A (up to `GIVEN` of the 项's own) looks its complement up. What A
gives up goes to the later 项 whose miss it lessens the most (`closest`), which gives it
up in turn where it does not belong. A wrong set
that still meets a 项 to the 分 in every dimension is rare, and the answer is checked exactly
at the end (`targets.matches`). Every limit is a count of sets looked at (`WORK`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations
from math import comb

from app.core.records import Project
from app.imports.tables.targets import DIMENSIONS, SPLIT, Target, eligible, matches, vector

GIVEN = 3  # projects a 项 gives up in one exchange, at most
TAKEN = 3  # projects a 项 takes in one exchange, at most
NARROW = 6  # the same, of projects with money only where the 项 misses
WORK = 300_000  # sets of projects looked at in all, at most

Cents = tuple[int, ...]
UNPLACED = -1  # a project a 项 gave up, until another takes it


def cents(v: Decimal) -> int | None:
    c = v * 100
    return int(c) if c == c.to_integral_value() else None


def mend(projects: Sequence[Project], ordered: Sequence[Target], start: dict[int, str],
         half: Decimal, work: int = WORK) -> dict[int, str] | None:
    """The assignment start (index → 项 code) with each 项's projects exchanged until every 项
    is met exactly; None when some 项 cannot be met so within the work, or amounts or figures
    are not whole 分."""
    dims = [d for d in (*DIMENSIONS, *SPLIT) if any(t.figures.get(d) is not None for t in ordered)]
    vecs: list[Cents] = []
    for project in projects:
        money = vector(project)
        row = [cents(money[d]) for d in dims]
        if any(c is None for c in row):
            return None
        vecs.append(tuple(c or 0 for c in row))
    figures: list[list[int | None]] = []
    for target in ordered:
        frow = []
        for d in dims:
            w = target.figures.get(d)
            c = None if w is None else cents(w)
            if w is not None and c is None:
                return None
            frow.append(c)
        figures.append(frow)
    index = {t.code: n for n, t in enumerate(ordered)}
    if any(code not in index for code in start.values()) or len(start) != len(projects):
        return None
    where = {p: index[start[p]] for p in range(len(projects))}
    fits = [[eligible(p, t, half) for t in ordered] for p in projects]
    left = [work]
    done: set[int] = set()
    for t in range(len(ordered)):
        keys = [k for k, w in enumerate(figures[t]) if w is not None]

        def total(members: Sequence[int], keys: list[int] = keys) -> Cents:
            return tuple(sum(vecs[p][k] for p in members) for k in keys)

        members = [p for p, u in where.items() if u == t]
        have = total(members)
        miss = tuple(h - (figures[t][k] or 0) for h, k in zip(have, keys, strict=True))
        if any(miss):
            found = exchange(t, members, where, done, vecs, keys, miss, fits, left)
            if found is None:
                return None
            given, taken = found
            for p in taken:
                where[p] = t
            for p in given:  # to the later 项 whose miss it lessens the most (its
                where[p] = closest(p, t, where, done, vecs, figures, fits)  # exchange
        done.add(t)
    if any(u == UNPLACED for u in where.values()):
        return None
    chosen = {p: ordered[u].code for p, u in where.items()}
    for target in ordered:
        if not matches([projects[p] for p, c in chosen.items() if c == target.code], target,
                       half):
            return None
    return chosen


def closest(p: int, t: int, where: dict[int, int], done: set[int], vecs: list[Cents],
            figures: list[list[int | None]], fits: list[list[bool]]) -> int:
    """The 项 not yet exact (other than t) whose figures the project's money brings nearest
    (the sum of the misses in 分 over its dimensions), or UNPLACED when it fits none."""
    best, where_to = 0, UNPLACED
    for u in range(len(figures)):
        if u == t or u in done or not fits[p][u]:
            continue
        change = 0
        for k, w in enumerate(figures[u]):
            if w is None or not vecs[p][k]:
                continue
            have = sum(vecs[q][k] for q, v in where.items() if v == u)
            change += abs(have + vecs[p][k] - w) - abs(have - w)
        if where_to == UNPLACED or change < best:
            best, where_to = change, u
    return where_to


def exchange(t: int, members: list[int], where: dict[int, int], done: set[int],
             vecs: list[Cents], keys: list[int], miss: Cents, fits: list[list[bool]],
             left: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Projects A of the 项 t (members) to give up and B of the 项 not yet exact to take, the
    fewest first, with ΣB − ΣA = −miss in the 项's dimensions (keys); None past the work.
    Projects with money only where the 项 misses are tried first, in sets of up to
    `NARROW` (few projects, each dimension by itself), then any, in sets of up to GIVEN and
    TAKEN."""
    later = [u for u in set(where.values()) if u != t and u not in done]
    others = [p for p, u in where.items() if u != t and u not in done and fits[p][t]]
    movable = [p for p in members if any(fits[p][u] for u in later)]
    off = {k for k, m in zip(keys, miss, strict=True) if m}

    def inside(p: int) -> bool:
        return all(vecs[p][k] == 0 or k in off for k in keys)

    found = pairs([p for p in movable if inside(p)], [p for p in others if inside(p)],
                  vecs, keys, miss, left, NARROW, NARROW)
    if found is None:
        found = pairs(movable, others, vecs, keys, miss, left, GIVEN, TAKEN)
    return found


def pairs(movable: list[int], others: list[int], vecs: list[Cents], keys: list[int],
          miss: Cents, left: list[int], most_given: int, most_taken: int
          ) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """The exchange (A of movable, B of others) with ΣB − ΣA = −miss, the fewest projects
    first; None when there is none in sets that small (or, past the work, larger)."""
    sums: dict[Cents, tuple[int, ...]] = {}
    for size in range(most_taken + 1):
        if comb(len(others), size) > left[0] // 2:  # larger sets: past the work
            break
        for taken in combinations(others, size):
            left[0] -= 1
            key = tuple(sum(vecs[p][k] for p in taken) for k in keys)
            sums.setdefault(key, taken)
    best: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    for size in range(most_given + 1):
        if comb(len(movable), size) > left[0]:
            break
        for given in combinations(movable, size):
            left[0] -= 1
            key = tuple(sum(vecs[p][k] for p in given) - m
                        for k, m in zip(keys, miss, strict=True))
            match = sums.get(key)
            if match is not None and (best is None
                                      or len(given) + len(match) < len(best[0]) + len(best[1])):
                best = (given, match)
        if best is not None and len(best[0]) + len(best[1]) <= size + 1:
            break
    return best
