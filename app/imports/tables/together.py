"""The sparse dimensions of a department in round figures covered together, exactly.

The cover (`cover`) places the sparse dimensions one after the other, the one with the fewest
projects first: 上年结转 in most departments. Its projects each have money in a source too, and
上年结转's answers are many (its amounts are small), so its first answer puts some of them where
their source can no longer be met (a department of 212 projects set in 万元: 财政专户 left with
no exact answer at all, and the import rebuilt several tables unlike the workbook). Here every
(项, dimension) figure is one constraint and the search closes, at each step, the one with the
fewest sets left that meet it exactly, whichever its dimension: the sources' few exact sets
are chosen first, and a project with 上年结转 too brings it to the 项 its source put it in. A
free project that no set left can take (and no bin of more than four projects) ends the
branch at once.

Only for amounts that are whole grains (the figures exactly the projects' sums: a budget in
round figures); None otherwise, or when the work runs out. The answer is in the cover's form
(each project's 项, -1 for projects with no money in a sparse dimension).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import islice

import numpy as np

from app.imports.tables import packing
from app.imports.tables.candidates import Pairs
from app.imports.tables.packing import common_grain

WORK = 5_000_000  # sets and search steps looked at, at most (about 1–2.5 s of CPU)
MOST_BIG = 3  # bins of a dimension filled from what is left (no set of four meets them)
TRIES = 64  # subsets tried for one bin filled last before going back
MOST_UNITS = 2_000_000  # a figure in grains, at most (the bit sets of its subset sums: 250 KB)

Constraint = tuple[int, int]  # (项, dimension)
# a listed set: its mask over the dimension's items, its projects, and its money in each other
# dimension where it has any (dimension, amount: grains if sparse else 元, rounding in 元)
Listed = tuple[int, tuple[int, ...], tuple[tuple[int, int, int], ...]]


class OutOfWork(Exception):
    pass


class Together:
    def __init__(self, values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
                 fixed: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
                 allowed: Sequence[Sequence[bool]], sparse: Sequence[int], grain: int,
                 work: int) -> None:
        self.v, self.w, self.f, self.e, self.allowed = values, wanted, fixed, spread, allowed
        self.sparse, self.grain, self.work = list(sparse), grain, work
        dims = len(values[0])
        self.where = [-1] * len(values)
        # in grains in the sparse dimensions, 元 in the others
        self.left = [[(w or 0) // grain if d in self.sparse else (w or 0)
                      for d, w in enumerate(row)] for row in wanted]
        self.rounding = [[0] * dims for _ in wanted]  # the placed projects' rounding, in 元
        self.items = {d: [p for p, row in enumerate(values) if row[d]] for d in self.sparse}
        self.pairs = {d: Pairs([values[p][d] // grain for p in self.items[d]])
                      for d in self.sparse}
        self.position = {d: {p: i for i, p in enumerate(self.items[d])} for d in self.sparse}
        self.used = dict.fromkeys(self.sparse, 0)  # by dimension: a mask of its items placed
        self.count = sum(len(items) for items in self.items.values())
        self.cache: dict[tuple[int, int, int], list[Listed]] = {}

    def spend(self, amount: int) -> None:
        self.work -= amount
        if self.work < 0:
            raise OutOfWork

    def listed(self, t: int, d: int) -> list[Listed]:
        """Every set of one to four of dimension d's projects allowed at 项 t whose money there
        is exactly what t still lacks, placed or not, each with its money in the other
        dimensions."""
        key = (t, d, self.left[t][d])
        found = self.cache.get(key)
        if found is None:
            want, items = self.left[t][d], self.items[d]
            allowed = np.array([self.allowed[p][t] for p in items], dtype=bool)
            found = []
            for s in sorted(self.pairs[d].sets(lambda k: (want, want), allowed), key=len):
                if s:
                    found.append(self.entry(d, [items[i] for i in s]))
            self.cache[key] = found
        self.spend(len(found) + 1)
        return found

    def entry(self, d: int, members: Sequence[int]) -> Listed:
        """members (projects of dimension d) as a listed set."""
        extras = []
        for d2 in range(len(self.v[0])):
            amount = sum(self.v[p][d2] for p in members)
            if d2 != d and amount:
                extras.append((d2, amount // self.grain if d2 in self.sparse else amount,
                               sum(self.e[p][d2] for p in members)))
        return (sum(1 << self.position[d][p] for p in members), tuple(members), tuple(extras))

    def fits(self, t: int, d: int, entry: Listed) -> bool:
        """Whether a listed set's projects are all free and can go to 项 t together, meeting d
        exactly: in the other sparse dimensions no more than t lacks, in the rest within t's
        figure and the rounding."""
        if entry[0] & self.used[d]:
            return False
        w, left = self.w[t], self.left[t]
        for d2, amount, rounding in entry[2]:
            if w[d2] is None:
                if d2 in self.sparse:
                    return False
            elif d2 in self.sparse:
                if amount > left[d2]:
                    return False
            elif amount > left[d2] + self.f[t][d2] + self.rounding[t][d2] + rounding:
                return False
        return True

    def place(self, members: Sequence[int], t: int, sign: int) -> None:
        for p in members:
            self.where[p] = t if sign > 0 else -1
            for d2, value in enumerate(self.v[p]):
                if value:
                    self.left[t][d2] -= sign * (value // self.grain if d2 in self.sparse
                                                else value)
                    if d2 in self.sparse:
                        self.used[d2] ^= 1 << self.position[d2][p]
                self.rounding[t][d2] += sign * self.e[p][d2]

    def open(self) -> list[Constraint]:
        return [(t, d) for t, row in enumerate(self.w) for d in self.sparse
                if row[d] is not None and self.left[t][d] > 0]

    def options(self, t: int, d: int) -> list[tuple[int, ...]]:
        return [entry[1] for entry in self.listed(t, d) if self.fits(t, d, entry)]

    def search(self, big: dict[int, list[int]]) -> bool:
        constraints = self.open()
        self.spend(len(constraints) + self.count)  # (the node's own looks, below)
        if not constraints:
            return all(w >= 0 for p, w in enumerate(self.where)
                       if any(self.v[p][d] for d in self.sparse))
        chosen: tuple[Constraint, list[tuple[int, ...]]] | None = None
        takers: dict[int, set[int]] = {d: set() for d in self.sparse}
        for t, d in constraints:
            if t in big.get(d, ()):
                continue
            sets = self.options(t, d)
            if not sets:  # its projects may be five or more: filled from what is left
                return self.bigger(big, t, d) and self.search({**big, d: [*big.get(d, []), t]})
            for members in sets:
                takers[d].update(members)
            if chosen is None or len(sets) < len(chosen[1]):
                chosen = ((t, d), sets)
        # every free project must be taken by some set (or be able to go to a big bin)
        for d in self.sparse:
            bins = [t for t in big.get(d, ()) if self.left[t][d] > 0]
            for p in self.items[d]:
                if self.where[p] < 0 and p not in takers[d] and not any(
                        self.allowed[p][t] and self.v[p][d] // self.grain <= self.left[t][d]
                        for t in bins):
                    return False
        if chosen is None:  # only the big bins are left
            return self.fill_big(big)
        (t, d), sets = chosen
        for members in sets:
            self.place(members, t, 1)
            if self.search(big):
                return True
            self.place(members, t, -1)
        return self.bigger(big, t, d) and self.search({**big, d: [*big.get(d, []), t]})

    def bigger(self, big: dict[int, list[int]], t: int, d: int) -> bool:
        """Whether 项 t can join dimension d's bins filled last: MOST_BIG at most, and only
        when five free projects or more can fit in what it lacks."""
        if len(big.get(d, ())) >= MOST_BIG:
            return False
        free = sorted(self.v[p][d] // self.grain for p in self.items[d]
                      if self.where[p] < 0 and self.allowed[p][t])
        return len(free) >= 5 and sum(free[:5]) <= self.left[t][d]

    def fill_big(self, big: dict[int, list[int]]) -> bool:
        """The bins with no set of four, one dimension at a time: its free projects into them,
        each bin by a subset sum of what is left (the last takes the rest)."""
        done: list[int] = []
        for d, bins in big.items():
            free = [p for p in self.items[d] if self.where[p] < 0]
            placed = self.fill(d, free, [t for t in bins if self.left[t][d] > 0])
            if placed is None:
                break
            done += placed
        else:
            if not self.open():
                return True
        for p in done:  # taken back: the search goes on from here
            self.place([p], self.where[p], -1)
        return False

    def fill(self, d: int, free: list[int], bins: list[int]) -> list[int] | None:
        if not bins:
            return [] if not free else None
        t, later = bins[0], bins[1:]
        want = self.left[t][d]
        pool = [p for p in free if self.allowed[p][t]]
        if not later:
            if len(pool) != len(free) or sum(self.v[p][d] for p in free) // self.grain != want:
                return None
            if not self.fits(t, d, self.entry(d, free)):
                return None
            self.place(free, t, 1)
            return free
        rng = random.Random(len(later))  # varied subsets, the same on every run
        for members in islice(packing.subsets([self.v[p][d] // self.grain for p in pool], want,
                                              want, want, rng), TRIES):
            chosen = [pool[i] for i in members]
            self.spend(len(pool))
            if not self.fits(t, d, self.entry(d, chosen)):
                continue
            self.place(chosen, t, 1)
            rest = self.fill(d, [p for p in free if p not in chosen], later)
            if rest is not None:
                return chosen + rest
            self.place(chosen, t, -1)
        return None


def solve(values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
          fixed: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
          allowed: Sequence[Sequence[bool]], sparse: Sequence[int],
          work: int = WORK) -> list[int] | None:
    """Each project's 项 (index; -1 for projects with no money in a sparse dimension) such
    that every sparse figure is exactly the sum of its projects' money; None when the amounts
    are not whole grains of figures they add up to, or no answer is found within work."""
    if not values or not wanted or not sparse:
        return None
    grain = common_grain(values, wanted, sparse)
    if grain <= 0 or max((w or 0) for row in wanted for d in sparse for w in (row[d],)
                         ) // grain > MOST_UNITS:
        return None
    for d in sparse:  # the figures must be the projects' sums (round figures, all printed)
        if any(row[d] is None for row in wanted) or sum(row[d] for row in values) != sum(
                row[d] or 0 for row in wanted):
            return None
    solver = Together(values, wanted, fixed, spread, allowed, sparse, grain, work)
    big: dict[int, list[int]] = {}
    try:
        for t, d in solver.open():
            if not solver.listed(t, d):
                big.setdefault(d, []).append(t)
        if any(len(bins) > MOST_BIG for bins in big.values()):
            return None
        if solver.search(big):
            return solver.where
    except (OutOfWork, RecursionError):
        return None
    return None
