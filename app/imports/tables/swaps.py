"""Projects into function 项 for large departments: a weighted swap search on the residuals.

With hundreds of projects over tens of 项 the assignment has a great many answers (each 项's
figures allow any set of projects whose money rounds to them), yet a solver's branching finds
none in time. So this starts from a greedy fill (largest projects first, each into the 项 with
the most room left in its dimensions) and then, while some 项 lies outside its rounding,
takes the worst such 项 and makes the best exchange with all the others at once (numpy): a
project moved out, one moved in, or two swapped. The money missing in a dimension is
conserved by every exchange, so it is passed on until it sits where the rounding absorbs it;
a 项 that stays stuck weighs more (breakout), so the search can cross states that break
another 项 on its way. Every answer is checked exactly by the caller.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
HALF_POOL = 11  # projects on each side of a subset sum: 2**11 sums each
STEPS = 200  # exchanges tried at most (about 2.5 s of CPU at 1,000 projects in 45 项)


def subset_sums(values: Floats) -> Floats:
    """The sums of every subset of values, subset i holding value n where bit n of i is set."""
    sums = np.zeros(1)
    for v in values:
        sums = np.concatenate([sums, sums + v])
    return sums


class Search:
    """values, rounding: projects × dimensions (元); wanted, fixed: 项 × dimensions, wanted NaN
    where no table gives that dimension; allowed: projects × 项."""

    def __init__(self, values: Floats, rounding: Floats, wanted: Floats, fixed: Floats,
                 allowed: npt.NDArray[np.bool_]) -> None:
        self.v, self.e = values, rounding
        self.known = ~np.isnan(wanted)
        self.w = np.where(self.known, wanted, 0.0)
        self.f = np.where(self.known, fixed, 0.0)
        self.allowed = allowed
        self.where = np.full(len(values), -1, dtype=np.int64)
        self.r = self.w.copy()  # wanted less the money of the 项's projects
        self.spread = np.zeros_like(self.w)  # the rounding of the 项's projects
        self.weight = np.ones(len(wanted))
        self.steps = 0  # exchanges tried

    def place(self, p: int, t: int) -> None:
        old = int(self.where[p])
        if old >= 0:
            self.r[old] += self.v[p]
            self.spread[old] -= self.e[p]
        self.where[p] = t
        self.r[t] -= self.v[p]
        self.spread[t] += self.e[p]

    def miss(self, r: Floats, spread: Floats, known: npt.NDArray[np.bool_], fixed: Floats
             ) -> Floats:
        """How far each residual lies outside its rounding, summed over the last axis."""
        out = np.maximum(np.abs(r) - fixed - spread, 0.0)
        return np.where(known, out, 0.0).sum(axis=-1)  # type: ignore[no-any-return]

    def misses(self) -> Floats:
        return self.miss(self.r, self.spread, self.known, self.f)

    def fill(self) -> None:
        """Largest projects first, each into the allowed 项 with the most room in its dimensions."""
        order = np.argsort(-np.abs(self.v).sum(axis=1), kind="stable")
        for p in order:
            used = self.v[p] != 0
            room = np.where(self.known[:, used], self.r[:, used] - self.v[p, used], 0.0).sum(axis=1)
            room = np.where(self.allowed[p], room, -np.inf)
            self.place(int(p), int(np.argmax(room)))

    def rebalance(self, t: int, rng: random.Random, partners: int = 12) -> bool:
        """t evened out with a 项 missing the other way, dimension by dimension (worst first):
        the projects of both with money in that dimension split anew (a subset sum, meet in the
        middle) so both lie within their rounding where their joint miss allows; the other
        dimensions those projects also touch are then split anew with the projects that have
        money in them alone. Kept when t and its partner miss less; whether one was kept."""
        miss = np.where(self.known[t], np.abs(self.r[t]) - self.f[t] - self.spread[t], -np.inf)
        alone = (self.v != 0).sum(axis=1) == 1
        for d in [int(x) for x in np.argsort(-miss) if miss[x] > 0]:
            order = np.argsort(self.r[:, d] * np.sign(self.r[t, d]), kind="stable")
            for o in [int(x) for x in order if x != t and self.known[x, d]][:partners]:
                if self.exchange(t, o, d, alone, rng):
                    return True
        return False

    def exchange(self, t: int, o: int, d: int, alone: npt.NDArray[np.bool_],
                 rng: random.Random) -> bool:
        both = ((self.where == t) | (self.where == o)) & self.allowed[:, t] & self.allowed[:, o]
        pool = self.pool(both & (self.v[:, d] != 0), alone, rng)
        if len(pool) < 2:
            return False
        misses = self.misses()
        before = self.weight[t] * misses[t] + self.weight[o] * misses[o]
        members = np.flatnonzero(both)
        saved = self.where[members].copy()
        self.split(t, o, d, pool)
        for e in np.flatnonzero((self.v[pool] != 0).any(axis=0)):
            if int(e) != d and self.known[t, e] and self.known[o, e]:
                self.split(t, o, int(e), self.pool(both & alone & (self.v[:, e] != 0), alone,
                                                   rng))
        misses = self.misses()
        if self.weight[t] * misses[t] + self.weight[o] * misses[o] < before - 1e-9:
            return True
        for p, home in zip(members, saved, strict=True):
            self.place(int(p), int(home))
        return False

    def pool(self, chosen: npt.NDArray[np.bool_], alone: npt.NDArray[np.bool_],
             rng: random.Random) -> npt.NDArray[np.int64]:
        """At most 2·HALF_POOL of the chosen projects, those with money in one dimension first."""
        found = [int(x) for x in np.flatnonzero(chosen & ~alone)]
        single = [int(x) for x in np.flatnonzero(chosen & alone)]
        rng.shuffle(found)
        rng.shuffle(single)
        return np.array((found + single)[:2 * HALF_POOL] if len(found) < 2 * HALF_POOL
                        else found[:2 * HALF_POOL], dtype=np.int64)

    def split(self, t: int, o: int, d: int, pool: npt.NDArray[np.int64]) -> None:
        """The pool's projects shared between t and o so t's miss in d is its share of both."""
        if len(pool) < 2:
            return
        for p in pool:
            self.place(int(p), o)
        joint = self.r[t, d] + self.r[o, d]  # conserved: what t and o miss together
        room_t = self.f[t, d] + self.spread[t, d] + self.e[pool, d].sum() / 2
        room_o = self.f[o, d] + self.spread[o, d] - self.e[pool, d].sum() / 2
        aim = joint * room_t / max(room_t + room_o, 1e-9)  # t's share of the joint miss
        want = self.r[t, d] - aim  # the money of the pool that t must take back
        values = self.v[pool, d]
        half = len(pool) // 2
        left, right = subset_sums(values[:half]), subset_sums(values[half:])
        ranked = np.argsort(right)
        sorted_right = right[ranked]
        k = np.clip(np.searchsorted(sorted_right, want - left), 1, len(right) - 1)
        near = np.where(np.abs(want - left - sorted_right[k - 1])
                        < np.abs(want - left - sorted_right[k]), k - 1, k)
        i = int(np.argmin(np.abs(want - left - sorted_right[near])))
        chosen_left, chosen_right = i, int(ranked[near[i]])
        for n, p in enumerate(pool):
            bit = (chosen_left >> n) & 1 if n < half else (chosen_right >> (n - half)) & 1
            if bit:
                self.place(int(p), t)

    def step(self, t: int) -> bool:
        """The best exchange of 项 t with the others (by weighted miss); whether one was made."""
        mine = np.flatnonzero(self.where == t)
        others = np.flatnonzero(self.where != t)
        if len(others) == 0:
            return False
        home = self.where[others]
        known_t, fixed_t, weight_t = self.known[t], self.f[t], self.weight[t]
        before_t = self.miss(self.r[t], self.spread[t], known_t, fixed_t)
        before_o = self.miss(self.r[home], self.spread[home], self.known[home], self.f[home])
        candidates: list[tuple[float, bool, int, int]] = []  # gain, swap?, project, 项 or project
        # one of the others' projects moved into t
        ok = self.allowed[others, t]
        rt = self.r[t] - self.v[others]
        st = self.spread[t] + self.e[others]
        ro = self.r[home] + self.v[others]
        so = self.spread[home] - self.e[others]
        gain = (weight_t * (before_t - self.miss(rt, st, known_t, fixed_t))
                + self.weight[home] * (before_o - self.miss(ro, so, self.known[home], self.f[home])))
        gain = np.where(ok, gain, -np.inf)
        k = int(np.argmax(gain))
        candidates.append((float(gain[k]), False, int(others[k]), t))
        if len(mine):
            # one of t's projects moved out, to any 项 it may go to
            everyone = np.arange(len(self.w))
            before_all = self.miss(self.r, self.spread, self.known, self.f)
            for p in mine:
                rt1 = self.r[t] + self.v[p]
                st1 = self.spread[t] - self.e[p]
                g_t = weight_t * (before_t - self.miss(rt1, st1, known_t, fixed_t))
                r_to = self.r - self.v[p]
                s_to = self.spread + self.e[p]
                g = g_t + self.weight * (before_all - self.miss(r_to, s_to, self.known, self.f))
                g = np.where(self.allowed[p] & (everyone != t), g, -np.inf)
                k = int(np.argmax(g))
                candidates.append((float(g[k]), False, int(p), k))
            # two swapped: p of t with q of another
            ok = self.allowed[others, t][None, :] & self.allowed[mine][:, home]
            delta = self.v[mine][:, None, :] - self.v[others][None, :, :]
            edelta = self.e[others][None, :, :] - self.e[mine][:, None, :]
            rt = self.r[t] + delta
            st = self.spread[t] + edelta
            ro = self.r[home][None, :, :] - delta
            so = self.spread[home][None, :, :] - edelta
            gain = (weight_t * (before_t - self.miss(rt, st, known_t, fixed_t))
                    + self.weight[home][None, :]
                    * (before_o[None, :] - self.miss(ro, so, self.known[home][None], self.f[home][None])))
            gain = np.where(ok, gain, -np.inf)
            i, j = np.unravel_index(int(np.argmax(gain)), gain.shape)
            candidates.append((float(gain[i, j]), True, int(mine[i]), int(others[j])))
        gain_, swap, moved, other = max(candidates)
        if gain_ <= 1e-9:
            return False
        if swap:
            tp, tq = int(self.where[moved]), int(self.where[other])
            self.place(moved, tq)
            self.place(other, tp)
        else:
            self.place(moved, other)
        return True


def solve(values: Sequence[Sequence[float]], rounding: Sequence[Sequence[float]],
          wanted: Sequence[Sequence[float | None]], fixed: Sequence[Sequence[float]],
          allowed: Sequence[Sequence[bool]], seconds: float, seed: int = 0, steps: int = STEPS
          ) -> tuple[list[int], bool] | None:
    """Each project's 项 and whether every 项's projects then give its figures within the
    rounding: the first such answer, or the closest found in the time; None when some project
    may go nowhere."""
    if not values:
        return [], True
    search = Search(np.array(values, dtype=np.float64), np.array(rounding, dtype=np.float64),
                    np.array([[np.nan if w is None else w for w in row] for row in wanted],
                             dtype=np.float64),
                    np.array(fixed, dtype=np.float64), np.array(allowed, dtype=np.bool_))
    if not search.allowed.any(axis=1).all():
        return None
    rng = random.Random(seed)
    start = time.perf_counter()
    search.fill()
    search.steps = 0
    best, least = search.where.copy(), float("inf")
    while True:
        miss = search.misses()
        if miss.sum() < least:
            best, least = search.where.copy(), float(miss.sum())
        bad = np.flatnonzero(miss > 1e-6)
        search.steps += 1
        if len(bad) == 0 or search.steps > steps or time.perf_counter() - start > seconds:
            break
        t = int(bad[np.argmax(miss[bad] * search.weight[bad])]) if rng.random() < 0.7 \
            else int(rng.choice(list(bad)))
        if not search.rebalance(t, rng) and not search.step(t):
            search.weight[bad] += 1.0
    return [int(t) for t in best], least <= 1e-6
