"""Projects into function 项 dimension by dimension, each dimension split exactly, for a
department set in round figures.

Where every figure is exactly its projects' sums (a budget set in 万元 or 千元: no rounding to
share out), a dimension (上年结转, 政府性基金…) is an exact partition of its projects' money
into the 项's figures. Most projects have money in one source, and 上年结转 is what ties the
sources together: once its projects are placed, each source is a problem of its own, solved
apart (a failure in one is not undone by trying the others again). So the search takes the
dimensions linked by free projects as one group; within a group it splits the dimension with
the fewest free projects to a 项 first (a source of three projects a 项 before 上年结转 of four:
its split is as good as unique and places the projects it shares with 上年结转), 项 by 项 from
the smallest figure (sets whose sum is the figure exactly, by bit sets of subset sums), each
set checked ahead: every 项 still to fill in that dimension reachable by the projects left
(one bit set for the 项 that allow the same projects), and each other dimension the set
brings money to still reachable in that 项. Then the groups are formed again from what is
still free.

The packing (`packing`) fills its bins one after another with the first set it finds and
repairs misses after; the cover (`cover`) takes the sparse dimensions one by one with sets of
up to four projects. With many projects in few 项 (140 in 3 项, 220 in 6: a dimension's bin
holds ten or twenty projects, 上年结转 five) neither finds an exact answer, and the import fell
back to one within the rounding whose amounts had to move (about half the tables rebuilt
unlike the workbook). Each split of a dimension is bounded (SPLITS sets), the whole by WORK
(sets, and the projects of each bit set by its length: `cost`), so the answer is the same on
any machine.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from math import gcd

from app.imports.tables.packing import reach, subsets

WORK = 600_000  # sets and subset-sum items (`cost`) in all, at most (about 1.5 s where it fails)
SPLITS = 20_000  # sets tried for one split of one dimension (its 项 in turn), at most
MOST_UNITS = 2_000_000  # a figure in grains, at most (the bit sets of its subset sums: 250 KB)
# 项 at most: with more, a 项's sets are few projects and the cover (`cover`) finds them; the
# splits, 项 after 项, found none in any department of 45 项 tried (bench_import_round: 222–274
# projects and the 1,000 in round figures, 2.1 s lost on those), where in 8 项 they found the
# department's own (90 projects, bench_import_few seed 4587, most dimensions sparse)
MOST_BINS = 12
VARIANTS = 3  # the importer's tries that search (a try of a department it fails costs ~1.5 s)


def cost(items: int, aim: int) -> int:
    """The work of the subset sums of items up to aim: a bit set of aim bits per item, counted
    in 64 K bits (a figure of 2 M grains costs 31 a project, of 50,000 grains 1)."""
    return items * (1 + (aim >> 16))


class OutOfWork(Exception):
    pass


class Layers:
    """values: projects × dimensions (元, whole); wanted: 项 × dimensions (None: not printed);
    allowed: projects × 项. Each dimension counts in its own grain (the gcd of its amounts)."""

    def __init__(self, values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
                 allowed: Sequence[Sequence[bool]], work: int, seed: int = 0) -> None:
        self.allowed = allowed
        self.bins = len(wanted)
        self.dims = [d for d in range(len(values[0]))
                     if all(row[d] is not None for row in wanted)
                     and (any(row[d] for row in wanted) or any(v[d] for v in values))]
        grain = {d: gcd(*(v[d] for v in values), *((w[d] or 0) for w in wanted)) or 1
                 for d in self.dims}
        # each project's money in grains, only where it has some
        self.units = [{d: v[d] // grain[d] for d in self.dims if v[d]} for v in values]
        self.left = [{d: (w[d] or 0) // grain[d] for d in self.dims} for w in wanted]
        self.where = [-1] * len(values)
        self.work = work
        self.rng = random.Random(seed)

    def spend(self, amount: int = 1) -> None:
        self.work -= amount
        if self.work < 0:
            raise OutOfWork

    def place(self, members: Sequence[int], t: int, sign: int) -> None:
        for p in members:
            self.where[p] = t if sign > 0 else -1
            for d, x in self.units[p].items():
                self.left[t][d] -= sign * x

    def free(self, d: int) -> list[int]:
        return [p for p, row in enumerate(self.units) if self.where[p] < 0 and d in row]

    def fine(self) -> bool:
        """Whether every figure is small enough in grains for the bit sets."""
        return all(w <= MOST_UNITS for row in self.left for w in row.values())

    def balanced(self, dims: Sequence[int]) -> bool:
        """Whether each dimension's free projects hold exactly what its 项 still lack."""
        for d in dims:
            lacking = [self.left[t][d] for t in range(self.bins)]
            if min(lacking) < 0 or sum(self.units[p][d] for p in self.free(d)) != sum(lacking):
                return False
        return True

    def groups(self, dims: Sequence[int]) -> list[list[int]]:
        """The dimensions linked by free projects with money in more than one of them."""
        parent = {d: d for d in dims}

        def root(d: int) -> int:
            while parent[d] != d:
                d = parent[d]
            return d

        for p, row in enumerate(self.units):
            if self.where[p] < 0:
                linked = [d for d in row if d in parent]
                for d in linked[1:]:
                    parent[root(d)] = root(linked[0])
        found: dict[int, list[int]] = {}
        for d in dims:
            found.setdefault(root(d), []).append(d)
        return sorted(found.values(), key=lambda g: sum(len(self.free(d)) for d in g))

    def settle(self, dims: Sequence[int]) -> bool:
        """Every free project with money in dims placed so that each 项 meets its figures in
        them exactly; on failure nothing placed here stays placed."""
        dims = [d for d in dims if self.free(d) or any(row[d] for row in self.left)]
        if not dims:
            return True
        if not self.balanced(dims):
            return False
        groups = self.groups(dims)
        if len(groups) > 1:
            done: list[list[tuple[int, int]]] = []
            for group in groups:
                before = list(self.where)
                if not self.settle(group):
                    for placed in done:
                        for p, t in placed:
                            self.place([p], t, -1)
                    return False
                done.append([(p, t) for p, t in enumerate(self.where) if before[p] < 0 <= t])
            return True
        d = min(dims, key=lambda d: len(self.free(d)) / max(1, sum(1 for row in self.left
                                                                   if row[d])))
        return any(self.settle(dims) for _ in self.splits(d, dims))

    def reachable(self, d: int, bins: Sequence[int]) -> bool:
        """Whether the free projects allowed in each 项 of bins can make what it still lacks in
        d; one bit set for the 项 that allow the same projects (most 项 allow all)."""
        free = [(p, row[d]) for p, row in enumerate(self.units)
                if self.where[p] < 0 and d in row]
        aims: dict[tuple[int, ...], list[int]] = {}
        for t in bins:
            aim = self.left[t][d]
            if aim < 0:
                return False
            if aim:
                mine = tuple(p for p, x in free if self.allowed[p][t] and x <= aim)
                aims.setdefault(mine, []).append(aim)
        for mine, wanted in aims.items():
            top = max(wanted)
            self.spend(cost(len(mine), top))
            bits = reach([self.units[p][d] for p in mine], top)
            if not all((bits >> aim) & 1 for aim in wanted):
                return False
        return True

    def splits(self, d: int, dims: Sequence[int]) -> Iterator[None]:
        """Each exact split of d's free projects into the 项, placed while the caller looks
        (taken back when it asks for the next one); 项 from the smallest figure."""
        bins = sorted(range(self.bins), key=lambda t: (self.left[t][d] == 0, self.left[t][d]))
        yield from self.split(d, bins, self.free(d), dims, [SPLITS])

    def split(self, d: int, bins: list[int], items: list[int], dims: Sequence[int],
              budget: list[int]) -> Iterator[None]:
        t, rest_bins = bins[0], bins[1:]
        aim = self.left[t][d]
        if not rest_bins:  # the last 项 takes the rest
            if all(self.allowed[p][t] for p in items) and sum(
                    self.units[p][d] for p in items) == aim:
                self.place(items, t, 1)
                if self.brought(t, d, items, dims):
                    yield
                self.place(items, t, -1)
            return
        mine = [p for p in items if self.allowed[p][t] and self.units[p][d] <= aim]
        self.rng.shuffle(mine)
        self.spend(cost(len(mine), aim))  # the subset sums' bit sets
        for chosen in subsets([self.units[p][d] for p in mine], aim, aim, aim, self.rng):
            self.spend()
            budget[0] -= 1
            if budget[0] < 0:
                return
            taken = [mine[i] for i in chosen]
            kept = set(taken)
            rest = [p for p in items if p not in kept]
            self.place(taken, t, 1)
            if (self.brought(t, d, taken, dims)
                    and all(any(self.allowed[p][b] and self.units[p][d] <= self.left[b][d]
                                for b in rest_bins) for p in rest)
                    and self.reachable(d, rest_bins)):
                yield from self.split(d, rest_bins, rest, dims, budget)
            self.place(taken, t, -1)

    def brought(self, t: int, d: int, members: Sequence[int], dims: Sequence[int]) -> bool:
        """Whether what members bring to t in the other dimensions still leaves t reachable."""
        others = {e for p in members for e in self.units[p] if e != d and e in dims}
        return all(self.reachable(e, [t]) for e in others)


def solve(values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
          allowed: Sequence[Sequence[bool]], work: int = WORK, seed: int = 0
          ) -> list[int] | None:
    """Each project's 项 (index) such that every 项's projects give each of its printed
    figures exactly; None when some figure is not its projects' sums (rounding to share out:
    the other searches' case), too fine for the bit sets, or no answer is found within work."""
    if not values or not wanted:
        return None
    layers = Layers(values, wanted, allowed, work, seed)
    if not layers.fine() or not layers.balanced(layers.dims):
        return None
    try:
        if not layers.settle(layers.dims):
            return None
    except OutOfWork:
        return None
    where = layers.where
    for p, t in enumerate(where):  # projects with no money in a printed dimension
        if t < 0:
            fits = [b for b in range(len(wanted)) if allowed[p][b]]
            if not fits:
                return None
            where[p] = fits[0]
    return where
