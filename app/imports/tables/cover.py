"""Projects of the sparse dimensions into function 项 first, exactly: an exact cover.

In a dimension where a 项 has only two or three projects (上年结转 or 政府性基金 in most
departments), the packing has no room to work and the swap search wanders: the projects with
money there must be split among the 项 whose figure there is not zero, each 项's share giving
its figure within the rounding. Each (项, dimension) pair with a figure is a bin. The bin closed
next is the one with the fewest subsets of the free projects that reach what it still misses
(most constrained first, so a bin only one subset can fill is filled at once); a project placed
brings its money into its other dimensions at that 项, so their bins then look for what is
still missing. The search is bounded by a count of work (the projects looked at), not by time,
so its answer is the same on any machine, loaded or not. The dense dimensions are left to the
packing, which then fills what the placed projects leave of each 项.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice

from app.imports.tables.packing import common_grain, reachable

WORK = 1_500_000  # projects looked at, weighted by their bit sets (about 2–4 s of CPU at most)
WORD = 4_096  # grains of a bit set that cost one unit of work per project
CAP = 8  # subsets of one bin listed when choosing the bin to close
BRANCH = 32  # subsets of a bin tried at most, when no bin has fewer than CAP
MOST_UNITS = 2_000_000  # a bin's figure in printed units, at most (its bit sets: 250 KB each)


class OutOfWork(Exception):
    """The search spent its budget."""


class Cover:
    """values: projects × dimensions and wanted: 项 × dimensions (None where no table gives
    it), in grains in the sparse dimensions; fixed: 项 × dimensions, the rounding of the 项's
    own figures, and spread: projects × dimensions, the rounding each project adds (half a
    printed unit per printed figure), both in 元; allowed: projects × 项; sparse: the
    dimensions to cover."""

    def __init__(self, values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
                 fixed: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
                 allowed: Sequence[Sequence[bool]], sparse: Sequence[int], work: int,
                 grain: int = 1) -> None:
        self.v, self.w, self.f, self.e, self.allowed = values, wanted, fixed, spread, allowed
        self.grain = grain
        self.sparse = list(sparse)
        self.work = work
        self.where = [-1] * len(values)
        self.got = [[0] * len(values[0]) for _ in wanted]
        self.spread = [[0] * len(values[0]) for _ in wanted]  # of the projects placed
        self.open = {(t, d) for d in self.sparse for t in range(len(wanted))
                     if wanted[t][d] is not None
                     and abs(wanted[t][d] or 0) > fixed[t][d] // grain}
        self.items = {d: [p for p in range(len(values)) if values[p][d]] for d in self.sparse}

    def spend(self, amount: int) -> None:
        self.work -= amount
        if self.work < 0:
            raise OutOfWork

    def tol(self, t: int, d: int, added: int) -> int:
        """How far bin (t, d) may lie from its figure with projects of added rounding more, in
        grains (sums are whole grains, so the floor of the rounding in 元 over the grain)."""
        return (self.f[t][d] + self.spread[t][d] + added) // self.grain

    def fits(self, p: int, t: int) -> bool:
        """Whether free project p may still go to 项 t: allowed, and no bin of its other
        sparse money at t closed already."""
        return self.allowed[p][t] and all(
            (t, d) in self.open or self.w[t][d] is None
            for d in self.sparse if self.v[p][d])

    def options(self, t: int, d: int) -> Iterator[list[int]]:
        """The subsets of the free projects of d that give what bin (t, d) misses within its
        rounding, the sums nearest first."""
        want = (self.w[t][d] or 0) - self.got[t][d]
        mine = sorted((p for p in self.items[d] if self.where[p] < 0 and self.fits(p, t)),
                      key=lambda p: self.v[p][d])
        widest = self.tol(t, d, sum(self.e[p][d] for p in mine))
        mine = [p for p in mine if self.v[p][d] <= want + widest]
        self.spend((len(mine) + 1) * (1 + (want + widest) // WORD))  # the bit sets' cost
        # read now, before the bin is closed and its projects placed
        fixed, grain = self.f[t][d] + self.spread[t][d], self.grain

        def walk() -> Iterator[list[int]]:
            for chosen in subsets([self.v[p][d] for p in mine], want, widest):
                self.spend(1)
                if abs(sum(self.v[mine[i]][d] for i in chosen) - want) <= (
                        fixed + sum(self.e[mine[i]][d] for i in chosen)) // grain:
                    yield [mine[i] for i in chosen]

        return walk()

    def candidates(self, t: int, d: int, cap: int) -> list[list[int]]:
        """Up to cap of the options of bin (t, d)."""
        return list(islice(self.options(t, d), cap))

    def dead(self) -> bool:
        """Whether some free project of a sparse dimension has no open bin left to go to."""
        for d in self.sparse:
            for p in self.items[d]:
                if self.where[p] < 0 and not any(
                        (t, d) in self.open and self.fits(p, t) for t in range(len(self.w))):
                    return True
        self.spend(len(self.v))
        return False

    def place(self, p: int, t: int, sign: int) -> None:
        self.where[p] = t if sign > 0 else -1
        for d, value in enumerate(self.v[p]):
            self.got[t][d] += sign * value
            self.spread[t][d] += sign * self.e[p][d]

    def search(self) -> bool:
        if not self.open:
            return all(self.where[p] >= 0 for d in self.sparse for p in self.items[d])
        if self.dead():
            return False
        best: tuple[tuple[int, int], list[list[int]]] | None = None
        # the tightest bins first; among as tight, the one missing least (fewest projects)
        for t, d in sorted(self.open, key=lambda b: ((self.w[b[0]][b[1]] or 0)
                                                     - self.got[b[0]][b[1]], b)):
            found = self.candidates(t, d, CAP)
            if best is None or len(found) < len(best[1]):
                best = ((t, d), found)
                if len(found) <= 1:
                    break
        assert best is not None
        (t, d), listed = best
        options = listed if len(listed) < CAP else list(islice(self.options(t, d), BRANCH))
        self.open.discard((t, d))
        for chosen in options:
            for p in chosen:
                self.place(p, t, 1)
            if self.search():
                return True
            for p in chosen:
                self.place(p, t, -1)
        self.open.add((t, d))
        return False


def subsets(values: list[int], aim: int, room: int) -> Iterator[list[int]]:
    """Subsets of values (positions) whose sum lies within room of aim, the sums nearest aim
    first (a bit set of the sums reachable with each prefix guides the walk)."""
    lo, hi = max(aim - room, 0), aim + room
    if hi < lo:
        return
    prefix = reachable(values, hi)
    full = prefix[-1]

    def walk(i: int, s: int, chosen: list[int]) -> Iterator[list[int]]:
        if i == 0:
            yield list(chosen)
            return
        v = values[i - 1]
        if (prefix[i - 1] >> s) & 1:
            yield from walk(i - 1, s, chosen)
        if s >= v and (prefix[i - 1] >> (s - v)) & 1:
            chosen.append(i - 1)
            yield from walk(i - 1, s - v, chosen)
            chosen.pop()

    for k in range(room + 1):
        for s in dict.fromkeys((aim - k, aim + k)):
            if lo <= s <= hi and (full >> s) & 1:
                yield from walk(len(values), s, [])


def solve(values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
          fixed: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
          allowed: Sequence[Sequence[bool]], sparse: Sequence[int], work: int = WORK
          ) -> list[int] | None:
    """Each project's 项 (index) for the projects with money in a sparse dimension (-1 for the
    others), such that every bin of those dimensions gets its figure within the rounding; None
    when none is found (a loose bin tries at most BRANCH subsets) or the work runs out first.
    Amounts are in 元, divided by their common grain (100 元 for 万元 with two decimals) before
    the subset sums; spread as for Cover."""
    if not values or not wanted or not sparse:
        return None
    grain = common_grain(values, wanted, sparse)
    if grain <= 0:
        return None
    if max((abs(w or 0) for wrow in wanted for d in sparse for w in (wrow[d],)),
           default=0) // grain > MOST_UNITS:
        return None
    dims = len(values[0])
    scaled_values = [[row[d] // grain if d in sparse else row[d] for d in range(dims)]
                     for row in values]
    scaled_wanted = [[None if wrow[d] is None else (wrow[d] or 0) // grain if d in sparse
                      else wrow[d] for d in range(dims)] for wrow in wanted]
    return run(Cover(scaled_values, scaled_wanted, fixed, spread, allowed, sparse, work, grain))


def run(cover: Cover) -> list[int] | None:
    try:
        return cover.where if cover.search() else None
    except (OutOfWork, RecursionError):  # deeper than Python's stack: as good as out of work
        return None
