"""Projects into function 项 dimension by dimension: exact subset sums in whole printed units.

When every project's money lies in few dimensions, the assignment falls apart into one packing
per dimension: the 项's printed figures are the bins, the projects' printed figures the items,
all whole multiples of the printed grain (100 元 for 万元 with two decimals). The dimension
with the fewest projects (上年结转) is packed first; a project placed there brings its other
money along, and each later dimension packs what is left into what the 项 still miss. A bin's
rounding grows with the projects it takes (as the exact amounts allow). Each bin is first filled
in turn by a subset sum over bit sets (Python integers); then, while some bin is off, a group of
bins (the worst, some off the other way, others at random) is emptied and packed again by a
search with a budget, the group's largest bin taking the rest, kept when the group misses less.
Attempts with every bin exactly its figure in printed units come first (a department set in
round figures has its projects so; an answer that uses the rounding instead makes the exact
amounts move off their round figures); only where none is found is the rounding used.
Tried only where every dimension has several projects to a bin: with two or three this search
does not find an answer, and those dimensions are the exact cover's (`cover`). Every limit is a
count (nodes, rounds, attempts), so the answer is the same on any machine.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from math import gcd

MOST_UNITS = 2_000_000  # a 项's figure in printed units, at most (its bit sets: 250 KB each)
LOOKAHEAD = 20_000_000  # projects × bits below which each choice is checked ahead
TRIES = 5  # subsets tried per bin before going back
NODES = 200  # subsets tried per dimension in one attempt
ROUNDS = 300  # groups of bins packed again for one dimension in one attempt, at most
EXACT_ROUNDS = 30  # the same, in the one exact attempt (~0.45 s where it fails at 1,000 projects)
ATTEMPTS = 4  # attempts (each packing every dimension afresh), at most
DENSE = 4  # projects to a 项 in each dimension, at the least, for the packing to be tried
GROUP = 12  # bins emptied and packed again at once
# which of the packing's seeded orders to take: the importer tries another when the exact
# amounts cannot hold every figure with the first answer (`variant`)
VARIANT: ContextVar[int] = ContextVar("packing_variant", default=0)



def reachable(values: Sequence[int], hi: int) -> list[int]:
    """For each prefix of values (k = 0…len), a bit set of the sums up to hi its subsets reach
    (bit s set: some subset of the first k values sums to s)."""
    mask = (1 << (hi + 1)) - 1
    prefix = [1]
    for v in values:
        prefix.append((prefix[-1] | (prefix[-1] << v)) & mask)
    return prefix


def common_grain(values: Sequence[Sequence[int]], wanted: Sequence[Sequence[int | None]],
                 dims: Sequence[int]) -> int:
    """The largest unit every amount and figure of dims is a whole number of (100 元 for 万元 with
    two decimals): searches count in it. 0 when all are 0."""
    grain = 0
    for row in values:
        for d in dims:
            grain = gcd(grain, row[d])
    for wrow in wanted:
        for d in dims:
            grain = gcd(grain, wrow[d] or 0)
    return grain


def reach(values: Sequence[int], limit: int) -> int:
    """The bit set of every subset sum of values up to limit."""
    mask = (1 << (limit + 1)) - 1
    bits = 1
    for v in values:
        bits = (bits | (bits << v)) & mask
    return bits


def subsets(values: list[int], lo: int, hi: int, aim: int, rng: random.Random
            ) -> Iterator[list[int]]:
    """Subsets of values (positions) whose sum lies in [lo, hi], the sums nearest aim first,
    each sum's subsets in a random order."""
    lo = max(lo, 0)
    if hi < lo:
        return
    prefix = reachable(values, hi)
    full = prefix[-1]

    def sums() -> Iterator[int]:
        for k in range(max(aim - lo, hi - aim) + 1):
            near = [x for x in {aim - k, aim + k} if lo <= x <= hi and (full >> x) & 1]
            rng.shuffle(near)
            yield from near

    def walk(i: int, s: int, chosen: list[int]) -> Iterator[list[int]]:
        if i == 0:
            yield list(chosen)
            return
        v = values[i - 1]
        branches = []
        if (prefix[i - 1] >> s) & 1:
            branches.append(False)
        if s >= v and (prefix[i - 1] >> (s - v)) & 1:
            branches.append(True)
        rng.shuffle(branches)
        for take in branches:
            if take:
                chosen.append(i - 1)
                yield from walk(i - 1, s - v, chosen)
                chosen.pop()
            else:
                yield from walk(i - 1, s, chosen)

    for s in sums():
        yield from walk(len(values), s, [])


class Packing:
    """values, spread: projects × dimensions (元, integers); wanted: 项 × dimensions (None where
    no table gives it); fixed: 项 × dimensions (元); allowed: projects × 项."""

    def __init__(self, values: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
                 wanted: Sequence[Sequence[int | None]], fixed: Sequence[Sequence[int]],
                 allowed: Sequence[Sequence[bool]], grain: int) -> None:
        self.v, self.e, self.w, self.f, self.allowed = values, spread, wanted, fixed, allowed
        self.g = grain
        self.dims = len(values[0])
        self.bins = len(wanted)
        self.deadline = 0.0  # perf_counter time by which to give up: a safety net only
        self.rounds = 0  # groups packed again, in all (what the attempts cost)
        self.exact = False  # every bin exactly its figure in printed units (no rounding used)

    def attempt(self, order: list[int], rng: random.Random) -> list[int] | None:
        where = [-1] * len(self.v)
        for d in order:
            items = [p for p in range(len(self.v)) if where[p] < 0 and self.v[p][d]]
            if not self.fill(d, items, where, rng):
                return None
        for p in range(len(self.v)):  # projects without money in any known dimension
            if where[p] < 0:
                fits = [t for t in range(self.bins) if self.allowed[p][t]]
                if not fits:
                    return None
                where[p] = fits[0]
        return where

    def fill(self, d: int, items: list[int], where: list[int], rng: random.Random) -> bool:
        """The items of dimension d into the bins, given the projects already placed: a quick
        fill bin by bin, then groups of bins, some missing, emptied and packed again exactly."""
        g = self.g
        left = [self.w[t][d] or 0 for t in range(self.bins)]
        spread = [0] * self.bins
        for p, t in enumerate(where):
            if t >= 0:
                left[t] -= self.v[p][d]
                spread[t] += self.e[p][d]
        least = min((self.e[p][d] for p in items), default=0)
        wide = max(1, -(-len(items) // max(1, sum(1 for t in left if t))))  # items to a bin

        def tol(t: int, count: int) -> int:
            """How far t's projects of d may lie from its figure with count of them (units)."""
            if self.exact:
                return 0
            return (self.f[t][d] + spread[t] + least * count) // g

        windows = {t: (left[t] // g, tol(t, 0), tol(t, wide)) for t in range(self.bins)}
        units = {p: self.v[p][d] // g for p in items}
        if any(windows[t][0] < -windows[t][1] for t in windows):
            return False  # the projects placed already give more than a 项 has
        home: dict[int, int] = {}
        bins = sorted(windows, key=lambda t: windows[t][0])
        free = list(items)
        for t in bins[:-1]:
            residual, _, filled = windows[t]
            mine = [p for p in free if self.allowed[p][t] and units[p] <= residual + filled]
            rng.shuffle(mine)
            chosen = next(subsets([units[p] for p in mine], 0, residual + filled, residual,
                                  rng), [])
            taken = {mine[i] for i in chosen}
            home.update((p, t) for p in taken)
            free = [p for p in free if p not in taken]
        for p in free:
            fits = [t for t in bins if self.allowed[p][t]]
            home[p] = bins[-1] if bins[-1] in fits else max(fits, key=lambda t: windows[t][0])
        rounds = 0

        def misses() -> dict[int, int]:
            got = dict.fromkeys(windows, 0)
            count = dict.fromkeys(windows, 0)
            for p, t in home.items():
                got[t] += units[p]
                count[t] += 1
            return {t: got[t] - windows[t][0] for t in windows
                    if abs(got[t] - windows[t][0]) > tol(t, count[t])}

        def excess(placed: dict[int, int], group: list[int]) -> int:
            got = dict.fromkeys(group, 0)
            count = dict.fromkeys(group, 0)
            for p, t in placed.items():
                got[t] += units[p]
                count[t] += 1
            return sum(max(0, abs(got[t] - windows[t][0]) - tol(t, count[t])) for t in group)

        bad = misses()
        while bad:
            rounds += 1
            self.rounds += 1
            if rounds > (EXACT_ROUNDS if self.exact else ROUNDS) or (
                    time.perf_counter() > self.deadline):
                return False
            worst = max(bad, key=lambda t: abs(bad[t]))
            size = rng.randint(GROUP // 2, GROUP)
            group = [worst]
            signed = bad[worst]
            for t in sorted(bad, key=lambda t: rng.random()):
                if t != worst and len(group) < size // 2 and (signed > 0) != (bad[t] > 0):
                    group.append(t)
                    signed += bad[t]
            others = [t for t in windows if t not in group]
            group += rng.sample(others, min(len(others), size - len(group)))
            before = {p: t for p, t in home.items() if t in group}
            placed = self.pack(sorted(group, key=lambda t: windows[t][0]), list(before), units,
                               windows, tol, rng)
            if placed is not None:
                old, new = excess(before, group), excess(placed, group)
                if new < old or (new == old and rng.random() < 0.3):
                    home.update(placed)
                    bad = misses()
        for p, t in home.items():
            where[p] = t
        return True

    def pack(self, bins: list[int], items: list[int], units: dict[int, int],
             windows: dict[int, tuple[int, int, int]], tol: Callable[[int, int], int],
             rng: random.Random) -> dict[int, int] | None:
        """The items into the bins, each but the last within its rounding (a search with a
        budget); the last takes the rest if it may."""
        budget = [NODES]
        where: dict[int, int] = {}

        def place(n: int, free: list[int]) -> bool:
            t = bins[n]
            residual, _, filled = windows[t]
            if n == len(bins) - 1:
                if any(not self.allowed[p][t] for p in free):
                    return False
                where.update((p, t) for p in free)
                return True
            mine = [p for p in free if self.allowed[p][t] and units[p] <= residual + filled]
            rng.shuffle(mine)
            rest = bins[n + 1:]
            miss = sum(units[p] for p in free) - sum(windows[b][0] for b in bins[n:])
            share = round(miss / (len(bins) - n))
            aim = residual + max(-filled, min(filled, share))
            top = max(windows[b][0] + windows[b][2] for b in rest)

            for tries, chosen in enumerate(subsets([units[p] for p in mine], residual - filled,
                                                   residual + filled, aim, rng)):
                budget[0] -= 1
                if budget[0] <= 0 or tries >= TRIES:
                    return False
                if abs(sum(units[mine[i]] for i in chosen) - residual) > tol(t, len(chosen)):
                    continue
                taken = {mine[i] for i in chosen}
                remaining = [p for p in free if p not in taken]
                if (len(remaining) * top <= LOOKAHEAD
                        and not self.ahead(remaining, units, rest, windows, loose=True)):
                    continue
                if place(n + 1, remaining):
                    where.update((p, t) for p in taken)
                    return True
                if budget[0] <= 0:
                    return False
            return False

        return where if place(0, list(items)) else None

    def ahead(self, remaining: list[int], units: dict[int, int], rest: list[int],
              windows: dict[int, tuple[int, int, int]], loose: bool = False) -> bool:
        """Whether every project left has a bin to go to, every bin still to fill a reachable
        sum, and the rest's total fits (with two bins left: both at once); loose: the last bin
        takes whatever is left."""
        if not rest:
            return not remaining
        total = sum(units[p] for p in remaining)
        if not loose and not (sum(windows[b][0] - windows[b][2] for b in rest) <= total
                              <= sum(windows[b][0] + windows[b][2] for b in rest)):
            return False
        for p in remaining:
            if not any(self.allowed[p][b] and units[p] <= windows[b][0] + windows[b][2]
                       for b in rest):
                return False
        top = max(windows[b][0] + windows[b][2] for b in rest)
        bits = reach([units[p] for p in remaining], max(top, 0))
        for n, b in enumerate(rest[:-1] if loose else rest):
            residual, _, filled = windows[b]
            lo, hi = max(residual - filled, 0), residual + filled
            if len(rest) == 2 and not loose:  # the other bin takes the rest
                other = windows[rest[1 - n]]
                lo, hi = max(lo, total - other[0] - other[2]), min(hi, total - other[0] + other[2])
            if hi < lo or not (bits >> lo) & ((1 << (hi - lo + 1)) - 1):
                return False
        return True


@contextlib.contextmanager
def variant(n: int) -> Iterator[None]:
    """Within it, the packings take their n-th seeded order (0: the first)."""
    token = VARIANT.set(n)
    try:
        yield
    finally:
        VARIANT.reset(token)


def solve(values: Sequence[Sequence[int]], spread: Sequence[Sequence[int]],
          wanted: Sequence[Sequence[int | None]], fixed: Sequence[Sequence[int]],
          allowed: Sequence[Sequence[bool]], seconds: float, seed: int = 0,
          dense: int = DENSE) -> list[int] | None:
    """Each project's 项 (index), such that every 项's projects give its figures within the
    rounding in every known dimension; None when this shape of problem is not one it packs
    (a dimension known for some 项 only, amounts off the grain) or nothing is found within
    ATTEMPTS attempts of ROUNDS rounds per dimension (seconds: a safety net only); dense:
    projects to a 项 in each dimension, at the least (fewer: refused; `DENSE`)."""
    if not values or not wanted or not all(any(row) for row in allowed):
        return None
    dims = len(values[0])
    known = [d for d in range(dims) if any(row[d] is not None for row in wanted)]
    if any(row[d] is None for row in wanted for d in known):
        return None
    grain = common_grain(values, wanted, known)
    if grain <= 0 or max((w or 0) for wrow in wanted for w in wrow) // grain > MOST_UNITS:
        return None
    counts = {d: sum(1 for row in values if row[d]) for d in known}
    for d in known:  # with few projects to a 项 the answer is as good as unique: no packing
        bins = sum(1 for row in wanted if row[d])
        if bins and counts[d] < dense * bins:
            return None
    order = sorted(known, key=lambda d: counts[d])
    packing = Packing(values, spread, wanted, fixed, allowed, grain)
    rng = random.Random(seed + 7_919 * VARIANT.get())
    packing.deadline = time.perf_counter() + seconds
    if VARIANT.get() % 2 == 0:  # first every bin exactly its figure, as a budget set in round
        packing.exact = True  # figures has it (else its amounts must move to fit); in odd
        found = packing.attempt(order, rng)  # variants not (the exact answer was another
        if found is not None:  # department's, whose amounts cannot hold every figure)
            return found
        packing.exact = False
    for _ in range(ATTEMPTS):
        found = packing.attempt(order, rng)
        if found is not None or time.perf_counter() > packing.deadline:
            return found
    return None
