"""Projects of the sparse dimensions into function 项 first, exactly: an exact cover.

In a dimension where a 项 has only two or three projects (上年结转 or 政府性基金 in most
departments, every source in a generated one), the packing has no room to work and the swap
search wanders. The sparse dimensions are covered one by one, the one with the fewest projects
first; a project placed brings its money into its other dimensions at that 项 (the later
dimensions then look for what is still missing there, and no set may take more than a 项 has).

In one dimension each 项 with a figure is a bin. Every set of up to four free projects that
reaches a bin's figure within the rounding is listed (`candidates`: with random amounts there
are hundreds, most of them not the original set, and any will do). Then a depth-first search
closes the bin with the fewest sets left that share no project with the sets chosen, trying
its sets in turn (the fewest projects first, then the nearest to the bin's share of the
rounding left over), until only the few largest bins are left (they have the most projects,
and the most ways to split the rest): those are filled by subset sums over bit sets (`rest`).
Any answer reproduces every printed figure, whether or not it is the original assignment.

An exact pass comes first: every bin exactly its figure, no rounding used (where a budget was
set in round figures, the original assignment is such an answer, and an answer off by a printed
unit anywhere makes the amount fit move round amounts); the six largest bins are filled last,
and a bin none of whose sets works joins them (its projects may be five or more). Only when it
finds nothing within EXACT_WORK does the pass within the rounding run. A dimension's search that
spends its share of the work is started again with its sets in another seeded order
(`Cover.tries`): a wrong choice near the top is not worked through. When that fails too, it runs
once more with what is left of its work, the later dimensions' bins listed first (`ahead`): a
project shared by two sparse dimensions goes only where a listed set of the later one's bin can
hold it (the round-figures case of 1,000 projects in 45 项). In the pass within the rounding, a
later dimension whose search ends with nothing left to try sends the earlier one's search on to
its next answer (`Cover.chain`, bounded by REJECTED): the projects the two share are then placed
elsewhere (a generated department of 400 projects). Where the other tables narrow a bin on one
side (a 项's 上年结转 between the income table's column and the spending table's 合计 less the income
table's 本年收入; `bounds`, with each project's room from its unit's rows), a set is refused there
when its projects' lowest money passes the bin's top or, in the dimension covered, their highest
falls short of its bottom (`Cover.held`); a refusal while the last bins are filled spends work
as the subset it cost to find (round 9: the net after the cover, `net`). Each answer of a
dimension is then tested as a whole (`Cover.check`: the placed projects' money must meet the
covered bins and the units' rows of the other tables at once, a linear program, `rooms.joint`);
one it refuses is taken back and the search goes on, as after a later dimension's failure (round
10). Every limit is a count of work, not the clock, so the answer is the same on any machine.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from math import gcd

import numpy as np

from app.imports.tables import ahead, packing
from app.imports.tables.candidates import Pairs
from app.imports.tables.packing import VARIANT, common_grain
from app.imports.tables.rest import Rest

WORK = 16_000_000  # sets looked at (and bit-set steps of the last bins), about 12 s of CPU at most
LAST = 4  # the largest bins of a dimension, filled last from what the others leave
MOST_LAST = 8  # bins filled last, at most (with those that no set of four projects reaches)
EXACT_WORK = 2_000_000  # the exact pass's budget (about 1.5 s of CPU at most)
EXACT_LAST = 6  # the largest bins filled last in the exact pass
MOST_UNITS = 2_000_000  # a bin's figure in printed units, at most (its bit sets: 250 KB each)
# a dimension's search is tried again in another order when a try spends its share of the
# work: RESTARTS tries beyond the first, the first given FIRST_TRY, each next one twice as much,
# the last what is left (0: one search to the end of the budget, as before round 6)
RESTARTS = 4
FIRST_TRY = 500_000
# the listing of later dimensions' sets after answers a later dimension then found impossible
# (units of work, counted apart: a pass that spends them gives up with its work left)
REJECTED = 500_000
# the tests of answers as a whole (`Cover.check`), in variables of their linear programs (a
# 250-project department's is about 2,000, a 1,000-project one's 8,000): once spent, answers
# are taken untested, as before round 10
CHECK_WORK = 1_000_000
JITTER = 0.3  # how far a retry's order strays from the first (sets nearest their share first)


Set = tuple[int, tuple[int, ...], int]  # a bin's set: its bit mask, positions, deviation
# the one-sided bounds (in 元): each project's lowest and highest money by dimension (its unit's
# rows, `rooms.project_rooms`, else its own rounding) and, by (项, dimension), where a bin's
# money really lies when other printed sums narrow it (上年结转: `rooms.carried`)
Intervals = tuple[Sequence[Sequence[int]], Sequence[Sequence[int]],
                  dict[tuple[int, int], tuple[int, int]]]
# the test of the projects placed (each project's 项, -1: not placed) with the sparse
# dimensions covered, as a whole, and its cost in CHECK_WORK (`Cover.check`)
Check = tuple[Callable[[Sequence[int], set[int]], bool], int]
State = tuple[list[int], list[list[int]], list[list[int]], list[list[int]], set[int],
              list[list[int]], list[list[int]]]


class OutOfWork(Exception):
    """The search spent its budget."""


class GiveUp(OutOfWork):
    """A pass's search went back over too many answers (`Cover.chain`): its work is left."""


class OutOfTry(OutOfWork):
    """One try of a dimension's search spent its share of the budget."""


class Cover:
    """values: projects × dimensions and wanted: 项 × dimensions (None where no table gives
    it), in grains in the sparse dimensions (元 in the others); fixed: 项 × dimensions, the
    rounding of the 项's own figures, and spread: projects × dimensions, the rounding each
    project adds (half a printed unit per printed figure), both in 元; allowed: projects × 项;
    sparse: the dimensions to cover; bounds: where each project's money and the narrowed bins'
    really lie (`Intervals`): a set is refused at a narrowed bin that it cannot meet."""

    def __init__(self, values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
                 fixed: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
                 allowed: Sequence[Sequence[bool]], sparse: Sequence[int], work: int,
                 grain: int = 1, bounds: Intervals | None = None) -> None:
        self.v, self.w, self.f, self.e, self.allowed = values, wanted, fixed, spread, allowed
        self.grain = grain
        self.sparse = list(sparse)
        self.work = work
        dims = len(values[0]) if values else 0
        self.where = [-1] * len(values)
        self.got = [[0] * dims for _ in wanted]
        self.spread = [[0] * dims for _ in wanted]  # of the projects placed
        self.widest = [max((row[d] for row in spread), default=0) for d in range(dims)]
        self.done: set[int] = set()  # the sparse dimensions covered
        # the sparse dimensions in the order they are covered (`search`)
        self.order = sorted(self.sparse, key=lambda d: (sum(1 for row in values if row[d]), d))
        # by dimension and count (0…4): how many sums below each the free projects reach
        self.sums: dict[int, list[np.ndarray]] = {}
        # by (dimension covered, dimension packed later): the sums the projects still free for
        # the later one can make, as a bit set in their grain (`packable`)
        self.free_sums: dict[tuple[int, int], tuple[int, int]] = {}
        self.large: dict[int, int] = {}  # by dimension: the least of the bins filled last
        self.exact = False  # every bin exactly its figure (no rounding used)
        self.last = LAST
        self.restarts = RESTARTS
        self.floor = 0  # the work left at which the current try of a dimension stops
        self.rng: random.Random | None = None  # the order of a retry's sets (None: the first)
        # by (项, later sparse dimension): that bin's sets as listed before any project is placed
        self.ahead: dict[tuple[int, int], ahead.Listed] = {}
        self.looks_ahead = False  # whether the later bins' sets are listed first (`ahead`)
        self.placed = [[0] * dims for _ in wanted]  # by 项 and dimension: a mask of projects
        # while a dimension is searched with later ones to cover (`chain`): called with each
        # answer found, whether the later dimensions could be covered after it
        self.accept: Callable[[dict[int, list[int]]], bool] | None = None
        self.path: list[tuple[int, tuple[int, ...]]] = []  # the sets chosen down to this node
        self.chained = True  # whether a later dimension's failure sends the search back (`chain`)
        self.rejected = 0  # answers of a dimension after which a later one found none
        self.listing = 0  # the listing's work (pairs looked at, by sixteen) so far
        self.relisted = 0  # of it, after answers rejected
        self.bounds = bounds
        # by 项 and dimension: the lowest and highest money of the projects placed (in 元)
        self.low = [[0] * dims for _ in wanted]
        self.high = [[0] * dims for _ in wanted]
        # by 项: its narrowed dimensions, each with where its money lies (the bin's own figure
        # ± its rounding within the narrowing)
        self.narrowed: dict[int, list[tuple[int, int, int]]] = {}
        for (t, d), (bottom, top) in (bounds[2] if bounds else {}).items():
            w = wanted[t][d]
            if w is not None:
                middle = w * self.unit(d)
                self.narrowed.setdefault(t, []).append(
                    (d, max(bottom, middle - fixed[t][d]), min(top, middle + fixed[t][d])))
        self.refused = 0  # sets refused by the narrowed bins
        # while the last bins are filled (`Rest`): the dimension's items, which is about what a
        # subset of them costs to find (its bit-set walk), spent for each one refused here
        self.filling = 0
        # whether the projects placed (where) can meet, all at once, the covered dimensions'
        # bins and the other tables' relations (the units' rows), with its cost in CHECK_WORK;
        # an answer of a dimension it refuses is taken back and the search goes on (`tested`)
        self.check: Callable[[Sequence[int], set[int]], bool] | None = None
        self.check_cost = 0
        self.check_work = CHECK_WORK
        self.checked_out = 0  # answers refused by the check

    def spend(self, amount: int) -> None:
        self.work -= amount
        if self.work < 0:
            raise OutOfWork
        if self.work < self.floor:
            raise OutOfTry

    def unit(self, d: int) -> int:
        return self.grain if d in self.sparse else 1

    def room(self, t: int, d: int, added: int) -> int:
        """How far bin (t, d) may lie from its figure with projects of added rounding more, in
        its units (sums are whole units, so the floor of the rounding in 元 over the unit), less
        half a printed unit: a 项 at the edge of its rounding leaves its 款 and 类 none.
        None at all in the exact pass."""
        if self.exact:
            return 0
        return max(self.f[t][d] + self.spread[t][d] + added - self.widest[d], 0) // self.unit(d)

    def left(self, t: int, d: int) -> int:
        return (self.w[t][d] or 0) - self.got[t][d]

    def fits_elsewhere(self, t: int, d: int, members: Sequence[int]) -> bool:
        """Whether the members' money in the dimensions other than d stays within what 项 t
        has left there (with the rounding)."""
        for d2, w in enumerate(self.w[t]):
            if d2 == d or w is None:
                continue
            extra = sum(self.v[p][d2] for p in members)
            if not extra:
                continue
            added = sum(self.e[p][d2] for p in members)
            if self.left(t, d2) + self.room(t, d2, added) < extra:
                return False
            if d2 in self.sparse and d2 not in self.done and not self.reaches(
                    t, d2, self.left(t, d2) - extra, added):
                return False
            if self.exact and d2 not in self.sparse and not self.packable(
                    d, d2, self.left(t, d2) - extra):
                return False
            listed = self.ahead.get((t, d2))
            if listed is not None and d2 not in self.done and not ahead.held(
                    self, listed, t, d2, members):
                return False
        return t not in self.narrowed or self.held(t, d, members)

    def packable(self, d: int, d2: int, want: int) -> bool:
        """In the exact pass, whether what a 项 still lacks in d2 (a dimension packed after the
        cover) is a sum of projects that can still go there: those with money in d2 and in no
        sparse dimension up to d, the one being covered (the others are placed, or go
        elsewhere in d). A set that left 上年结转 120,000 元 short where the free projects'
        上年结转 could only make 50,000, 80,000, 130,000… had the packing fail after the cover
        (a department of 163 projects in 8 项, in 万元)."""
        if want <= 0:
            return want == 0
        key = (d, d2)
        found = self.free_sums.get(key)
        if found is None:
            upto = set(self.order[:self.order.index(d) + 1])
            values = [row[d2] for row in self.v
                      if row[d2] and not any(row[o] for o in upto)]
            grain = gcd(*values)
            total = sum(values) // grain if grain else 0
            if total > MOST_UNITS:
                found = (0, -1)  # too wide to tell: anything goes
            else:
                found = (packing.reach([v // grain for v in values], total), grain)
                self.spend(len(values) * (1 + total // 4_096))
            self.free_sums[key] = found
        bits, grain = found
        if grain < 0:
            return True
        return grain > 0 and want % grain == 0 and bool((bits >> (want // grain)) & 1)

    def held(self, t: int, d: int, members: Sequence[int]) -> bool:
        """Whether the members can meet 项 t's narrowed bins: their lowest money with the
        projects placed there not above a bin's top and, in d (the dimension being covered),
        their highest not below its bottom."""
        assert self.bounds is not None
        lo, hi, _ = self.bounds
        for d2, bottom, top in self.narrowed[t]:
            brought = [p for p in members if self.v[p][d2]]
            if d2 != d and not brought:
                continue
            if self.low[t][d2] + sum(lo[p][d2] for p in brought) > top or (
                    d2 == d and self.high[t][d2] + sum(hi[p][d2] for p in brought) < bottom):
                self.refused += 1
                self.spend(self.filling)
                return False
        return True

    def reaches(self, t: int, d: int, want: int, added: int) -> bool:
        """Whether the projects of sparse dimension d that no sparse dimension covered before
        it places (so are still free when d is covered) can give want at 项 t within room and
        their own rounding: four of them at the most, unless want is as large as the bins filled
        last. (A project that also has money in a dimension covered after d is still free then:
        counted out, a 项's 上年结转 left for projects of 一般公共预算 and 上年结转 together, where
        一般公共预算 is sparse too and covered after it, was found unreachable and the cover
        refused the department's own assignment: 171 projects in round 万元 and 千元, several
        tables not rebuilt.)"""
        widest = self.widest[d]
        if want + self.room(t, d, added + 4 * widest) < 0:
            return False
        if want - self.room(t, d, added) <= 0:
            return True
        if d not in self.sums:
            earlier = self.order[:self.order.index(d)]
            values = [row[d] for row in self.v if row[d] and not any(row[o] for o in earlier)]
            lefts = sorted((self.left(b, d) for b in range(len(self.w))), reverse=True)
            self.large[d] = lefts[min(self.last, len(lefts)) - 1] if lefts else 0
            top = max(lefts, default=0) + self.room(0, d, 4 * widest) + 1
            mask = (1 << (top + 1)) - 1
            by_count = [1, 0, 0, 0, 0]
            for v in values:
                for k in range(4, 0, -1):
                    by_count[k] |= (by_count[k - 1] << v) & mask
            self.spend(len(values) * 4 * (1 + top // 4_096))
            self.sums[d] = [counted(bits, top + 1) for bits in by_count]
        if want >= self.large[d]:
            return True
        for k, counts in enumerate(self.sums[d]):
            r = self.room(t, d, added + k * widest)
            lo, hi = max(want - r, 0), min(want + r, len(counts) - 2)
            if hi >= lo and counts[hi + 1] > counts[lo]:
                return True
        return False

    def place(self, p: int, t: int) -> None:
        self.where[p] = t
        for d, value in enumerate(self.v[p]):
            self.got[t][d] += value
            if value:
                self.placed[t][d] |= 1 << p
                if self.bounds is not None:
                    self.low[t][d] += self.bounds[0][p][d]
                    self.high[t][d] += self.bounds[1][p][d]
            self.spread[t][d] += self.e[p][d]

    def search(self) -> bool:
        """Every sparse dimension covered in turn, the one with the fewest projects first."""
        order = self.order
        if self.looks_ahead:
            self.ahead = ahead.listed(self, order[1:])
        return self.chain(order)

    def chain(self, order: Sequence[int]) -> bool:
        """The dimensions of order covered in turn; where a later one finds no answer (its
        search tried everything, not out of work), the earlier one's search goes on to its
        next answer, up to REJECTED times in the pass: a dimension that fits only with other
        placements of the projects it shares is not given up at once."""
        if not self.chained:
            return all(self.tested(d) for d in order)
        if not order:
            return True
        d, later = order[0], order[1:]
        if not later:
            return self.tested(d)

        def accept(placed: dict[int, list[int]]) -> bool:
            saved, listing = self.state(), self.listing
            floor, outer, path = self.floor, self.accept, self.path
            self.floor, self.accept, self.path = 0, None, []
            try:
                self.commit(d, placed)
                if self.holds() and self.chain(later):
                    return True
            finally:
                self.floor, self.accept, self.path = floor, outer, path
            self.restore(saved)
            self.rejected += 1
            self.relisted += self.listing - listing
            if self.relisted > REJECTED:
                raise GiveUp
            return False

        return self.chained_dimension(d, accept)

    def chained_dimension(self, d: int, accept: Callable[[dict[int, list[int]]], bool]) -> bool:
        """Dimension d covered with each answer handed to accept (the enclosing one restored
        after)."""
        outer = self.accept
        self.accept = accept
        try:
            return self.dimension(d, chained=True)
        finally:
            self.accept = outer

    def holds(self) -> bool:
        """Whether the projects placed pass the check (`check`); True without one, or once its
        work is spent."""
        if self.check is None or self.check_work <= 0:
            return True
        self.check_work -= self.check_cost
        if self.check(self.where, self.done):
            return True
        self.checked_out += 1
        return False

    def tested(self, d: int) -> bool:
        """Dimension d covered, each answer tested by the check (`holds`): one it refuses is
        taken back and the search goes on to the next."""
        if self.check is None:
            return self.dimension(d)

        def accept(placed: dict[int, list[int]]) -> bool:
            saved = self.state()
            self.commit(d, placed)
            if self.holds():
                return True
            self.restore(saved)
            return False

        return self.chained_dimension(d, accept)

    def state(self) -> State:
        return (list(self.where), [list(r) for r in self.got], [list(r) for r in self.spread],
                [list(r) for r in self.placed], set(self.done), [list(r) for r in self.low],
                [list(r) for r in self.high])

    def restore(self, saved: State) -> None:
        (self.where, self.got, self.spread, self.placed, self.done, self.low,
         self.high) = saved

    def commit(self, d: int, placed: dict[int, list[int]]) -> None:
        for t, members in placed.items():
            for p in members:
                self.place(p, t)
        self.done.add(d)

    def dimension(self, d: int, chained: bool = False) -> bool:
        """The free projects with money in d into the bins of d (the 项 with a figure there);
        chained: each answer handed to `accept` (which covers the later dimensions)."""
        accept = self.accept if chained else None
        self.accept = accept
        items = [p for p, row in enumerate(self.v) if row[d] and self.where[p] < 0]
        bins = [t for t, row in enumerate(self.w) if row[d] is not None]
        if not items:
            ok = all(abs(self.left(t, d)) <= self.room(t, d, 0) for t in bins)
            return ok and (accept is None or accept({}))
        if not bins:
            return False
        items.sort(key=lambda p: (self.v[p][d], p))
        pairs = Pairs([self.v[p][d] for p in items])
        spread = [self.e[p][d] for p in items]
        widest = max(spread)
        self.spend(len(pairs.sums) // 16 + len(items))
        by_size = sorted(bins, key=lambda t: (self.left(t, d), t))
        last = by_size[-self.last:]
        self.listing += len(pairs.sums) * len(by_size[:-self.last])
        lists: dict[int, list[Set]] = {}
        for t in by_size[:-self.last]:
            want = self.left(t, d)

            def window(k: int, t: int = t, want: int = want) -> tuple[int, int]:
                r = self.room(t, d, k * widest)
                return want - r, want + r

            allowed = np.array([self.allowed[p][t] for p in items], dtype=bool)
            found = []
            for chosen in pairs.sets(window, allowed):
                members = [items[i] for i in chosen]
                got = sum(self.v[p][d] for p in members)
                if abs(got - want) <= self.room(t, d, sum(spread[i] for i in chosen)) and (
                        self.fits_elsewhere(t, d, members)):
                    found.append((len(chosen), -self.v[members[0]][d] if members else 0,
                                  got - want, chosen))
            self.spend(len(found) + 1)
            if not found:  # more than four projects: filled last with the largest
                last.insert(0, t)
                continue
            found.sort()
            lists[t] = [(sum(1 << i for i in c), c, dev) for _, _, dev, c in found]
        if len(last) > MOST_LAST:
            return False
        rest = Rest(self, d, items, last)
        need = sum(self.v[p][d] for p in items) - sum(self.left(t, d) for t in bins)
        placed = self.tries(lists, rest, need, d)
        if placed is None:
            return False
        if accept is None:  # (else accept placed it, and covered the later dimensions)
            self.commit(d, placed)
        return True

    def tries(self, lists: dict[int, list[Set]], rest: Rest, need: int, d: int
              ) -> dict[int, list[int]] | None:
        """The search of `close`, first as listed, then, when a try spends its share of the
        work, again with each bin's sets of a size and the bins of as many sets in another
        (seeded) order: a search that went wrong near its top is not worked through to the
        end. The last try has what is left of the budget."""
        share = FIRST_TRY
        base, rng = self.floor, self.rng
        for attempt in range(self.restarts + 1):
            turn = attempt + VARIANT.get()  # (another variant: its sets in another order
            self.rng = random.Random(turn * 1_000 + d) if turn else None  # from the first)
            self.floor = max(self.work - share, base) if attempt < self.restarts else base
            try:
                return self.close(lists, 0, rest, need)
            except OutOfTry:
                if self.work < base:  # an enclosing try's share is spent too
                    raise
                share *= 2
            finally:
                self.floor, self.rng = base, rng
        return None

    def close(self, lists: dict[int, list[Set]], used: int, rest: Rest, need: int
              ) -> dict[int, list[int]] | None:
        """The bins of lists each given one of its sets, none sharing a project (bit masks over
        the dimension's items), and the last bins what is left; None when no choice works.
        need: how far the open bins and the last together must lie from their figures (the
        projects' rounding less the 项's), which the sets nearest their share of it keep
        within what the last bins can take."""
        if not lists:
            self.filling = len(rest.items)
            try:
                found = rest.fill(used)
            finally:
                self.filling = 0
            if found is None or self.accept is None:
                return found
            whole = dict(found)
            whole.update((t, [rest.items[i] for i in chosen]) for t, chosen in self.path)
            return found if self.accept(whole) else None
        if abs(need) > rest.reach + sum(max(abs(s[2]) for s in sets) for sets in lists.values()):
            return None
        rng = self.rng
        if rng is None:
            t = min(lists, key=lambda b: (len(lists[b]), b))
        else:
            fewest = min(len(sets) for sets in lists.values())
            t = rng.choice(sorted(b for b, sets in lists.items() if len(sets) == fewest))
        others = {b: c for b, c in lists.items() if b != t}
        share = len(lists) + len(rest.bins)
        ordered = sorted(lists[t], key=lambda s: (len(s[1]), abs(s[2] * share - need)))
        if rng is not None:  # each size's sets in another order, the nearest still earlier
            ordered.sort(key=lambda s: (len(s[1]),
                                        abs(s[2] * share - need) * (1 + JITTER * rng.random())))
        for mask, chosen, dev in ordered:
            narrowed: dict[int, list[Set]] = {}
            cost = 0
            for b, sets in others.items():
                kept = [s for s in sets if not s[0] & mask]
                cost += len(sets)
                if not kept:
                    break
                narrowed[b] = kept
            self.spend(cost + 1)
            if len(narrowed) < len(others):
                continue
            self.path.append((t, chosen))
            try:
                found = self.close(narrowed, used | mask, rest, need - dev)
            finally:
                self.path.pop()
            if found is not None:
                found[t] = [rest.items[i] for i in chosen]
                return found
        if self.exact and len(rest.bins) < MOST_LAST:  # its own projects may be five or more
            return self.close(others, used, Rest(self, rest.d, rest.items, [*rest.bins, t]),
                              need)
        return None


def counted(bits: int, size: int) -> np.ndarray:
    """For s = 0…size, how many of the bits below s are set (any set bit in [lo, hi]: the
    count at hi + 1 exceeds the count at lo)."""
    raw = np.frombuffer(bits.to_bytes((size + 7) // 8, "little"), dtype=np.uint8)
    flags = np.unpackbits(raw, bitorder="little")[:size]
    return np.concatenate(([0], np.cumsum(flags, dtype=np.int64)))


def solve(values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
          fixed: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
          allowed: Sequence[Sequence[bool]], sparse: Sequence[int], work: int = WORK,
          restarts: int = RESTARTS, bounds: Intervals | None = None,
          check: Check | None = None) -> list[int] | None:
    """Each project's 项 (index) for the projects with money in a sparse dimension (-1 for the
    others), such that every bin of those dimensions gets its figure within the rounding; None
    when none is found or the work runs out first; restarts: the tries of a dimension's search
    beyond the first (`Cover.tries`). Amounts are in 元, divided by their common
    grain (100 元 for 万元 with two decimals) before the subset sums; spread and bounds as for
    Cover; check: the test of answers as a whole and its cost (`Cover.check`)."""
    return solve_spent(values, wanted, fixed, spread, allowed, sparse, work, restarts,
                       bounds, check)[0]


def solve_spent(values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
                fixed: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
                allowed: Sequence[Sequence[bool]], sparse: Sequence[int], work: int = WORK,
                restarts: int = RESTARTS, bounds: Intervals | None = None,
                check: Check | None = None) -> tuple[list[int] | None, int]:
    """solve, and the work its passes spent (the exact pass's budget is its own)."""
    if not values or not wanted or not sparse:
        return None, 0
    grain = common_grain(values, wanted, sparse)
    if grain <= 0:
        return None, 0
    if max((abs(w or 0) for wrow in wanted for d in sparse for w in (wrow[d],)),
           default=0) // grain > MOST_UNITS:
        return None, 0
    dims = len(values[0])
    scaled_values = [[row[d] // grain if d in sparse else row[d] for d in range(dims)]
                     for row in values]
    scaled_wanted = [[None if wrow[d] is None else (wrow[d] or 0) // grain if d in sparse
                      else wrow[d] for d in range(dims)] for wrow in wanted]
    exact = Cover(scaled_values, scaled_wanted, fixed, spread, allowed, sparse,
                  min(work, EXACT_WORK), grain, bounds)
    exact.exact, exact.last, exact.restarts = True, EXACT_LAST, restarts
    exact.chained = False  # (its last bins' exact fills, tried again after each answer, cost
    # far more than their work counts)
    checking(exact, check, CHECK_WORK)
    found = run(exact)
    spent = min(work, EXACT_WORK) - max(exact.work, 0)
    if found is not None:
        return found, spent
    within = Cover(scaled_values, scaled_wanted, fixed, spread, allowed, sparse, work, grain,
                   bounds)
    within.restarts = restarts
    checking(within, check, exact.check_work)
    found = run(within)
    if found is not None or within.work <= 0:
        return found, spent + work - max(within.work, 0)
    looking = Cover(scaled_values, scaled_wanted, fixed, spread, allowed, sparse, within.work,
                    grain, bounds)
    looking.restarts, looking.looks_ahead, looking.chained = restarts, True, False
    checking(looking, check, within.check_work)
    found = run(looking)
    return found, spent + work - max(looking.work, 0)


def checking(cover: Cover, check: Check | None, work: int) -> None:
    """The cover given the check (with the work left of it)."""
    if check is not None:
        cover.check, cover.check_cost = check
        cover.check_work = work


def run(cover: Cover) -> list[int] | None:
    try:
        return cover.where if cover.search() else None
    except (OutOfWork, RecursionError):  # deeper than Python's stack: as good as out of work
        return None
