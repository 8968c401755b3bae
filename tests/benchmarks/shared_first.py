"""Round 9c's experiment (issue 16), not used by the import: the projects shared by two or
more sparse dimensions of the cover placed first, by a search of their own.

Variables: the shared projects; values: their allowed 项 with a figure in each of their
dimensions; the fewest 项 left first (forward checking: every free shared project's 项 tested
at each node, a bin none of whose shared projects may still come being closed). Tests of a
bin: its figure less the money placed not passed (`left + room ≥ 0`); a closed bin reachable
by four of its dimension's own free projects at most (`Cover.reaches`, or with `by_bin` only
those allowed at its 项); in a tight dimension (its own projects at most twice its bins:
上年结转), every bin's left reachable by its own projects and the shared ones that may still
come (`with_coming`), and its closed bins' sets disjoint (`disjoint_in`). Work: the count of
tests (`Spent`). `bench_cover_shared.py` and `bench_cover_shared_truth.py` run it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from app.imports.tables.candidates import Pairs
from app.imports.tables.cover import counted

if TYPE_CHECKING:
    from app.imports.tables.cover import Cover

SHARED_WORK = 200_000  # bin tests of one search of the shared projects


class Spent(Exception):
    """The search spent its tests."""


class Shared:
    """cover's shared projects (money in two or more of its sparse dimensions, not placed)."""

    def __init__(self, cover: Cover, rng: random.Random | None = None,
                 work: int = SHARED_WORK) -> None:
        c = self.c = cover
        self.rng, self.work = rng, work
        self.projects = [p for p, row in enumerate(c.v) if c.where[p] < 0
                         and sum(1 for d in c.sparse if row[d]) >= 2]
        # each shared project's 项 with a figure in all its sparse dimensions
        self.values = {p: [t for t, wrow in enumerate(c.w) if c.allowed[p][t] and all(
            wrow[d] is not None for d in c.sparse if c.v[p][d])] for p in self.projects}
        self.touched = {p: [d for d in c.sparse if c.v[p][d]] for p in self.projects}
        self.pending: dict[tuple[int, int], int] = {}  # by bin: its shared projects to place
        for p in self.projects:
            for t in self.values[p]:
                for d in self.dims(p):
                    self.pending[t, d] = self.pending.get((t, d), 0) + 1
        self.tests = 0
        # the tight dimensions (their own projects at most twice their bins): by dimension,
        # its own free projects and their pairs (`candidates.Pairs`), for the sets of its
        # closed bins, which must be disjoint (`disjoint`)
        self.own: dict[int, tuple[list[int], Pairs]] = {}
        for d in c.sparse:
            own = sorted((p for p, row in enumerate(c.v) if row[d] and c.where[p] < 0
                          and not any(row[o] for o in c.sparse if o != d)),
                         key=lambda p: (c.v[p][d], p))
            if len(own) <= 2 * sum(1 for w in c.w if w[d] is not None):
                self.own[d] = (own, Pairs([c.v[p][d] for p in own]))
        self.listed: dict[tuple[int, int, int], list[int]] = {}  # by bin and left: set masks
        # by bin of a tight dimension: the free shared projects that may still come to it
        self.coming: dict[tuple[int, int], list[int]] = {}
        self.unions: dict[tuple[int, int], tuple[int, int]] = {}  # by bin: (bit set, top)
        self.done = False  # every shared project placed (the search leaves them so)
        self.tight = True  # whether the tight dimensions' closed bins are tested together
        self.sums: dict[tuple[int, int], list[np.ndarray]] = {}  # by bin, as `Cover.sums`
        self.deepest = 0  # the most shared projects placed at once
        self.by_bin = True  # whether a closed bin's reach counts only projects allowed there
        # called with every shared project placed: whether the rest can be covered after them
        self.accept: Callable[[], bool] | None = None

    def dims(self, p: int) -> list[int]:
        return self.touched[p]

    def count(self) -> None:
        self.tests += 1
        if self.tests > self.work:
            raise Spent

    def bin_holds(self, t: int, d: int, closed: bool = False) -> bool:
        """Whether bin (t, d) can still close: not passed, and when none of its shared
        projects is left (or closed), reachable by its own free projects."""
        self.count()
        cover = self.c
        left = cover.left(t, d)
        if not closed and self.pending.get((t, d), 0):
            return left + cover.room(t, d, 4 * cover.widest[d]) >= 0
        return self.reaches(t, d, left) if self.by_bin else cover.reaches(t, d, left, 0)

    def reaches(self, t: int, d: int, want: int) -> bool:
        """`Cover.reaches` with only the free projects that may go to 项 t: whether four of
        them at the most give want within the rounding (or want is as large as the bins
        filled last)."""
        c = self.c
        widest = c.widest[d]
        if want + c.room(t, d, 4 * widest) < 0:
            return False
        if want - c.room(t, d, 0) <= 0:
            return True
        c.reaches(t, d, want, 0)  # (the largest bins' least, as the cover has it)
        if want >= c.large[d]:
            return True
        counts = self.sums.get((t, d))
        if counts is None:
            values = [row[d] for p, row in enumerate(c.v) if row[d] and c.allowed[p][t]
                      and c.where[p] < 0 and not any(row[o] for o in c.sparse if o != d)]
            top = max(c.w[t][d] or 0, 0) + (c.f[t][d] + sum(e[d] for e in c.e)) // c.unit(d) + 1
            mask = (1 << (top + 1)) - 1
            by_count = [1, 0, 0, 0, 0]
            for v in values:
                for k in range(4, 0, -1):
                    by_count[k] |= (by_count[k - 1] << v) & mask
            self.tests += len(values) * 4 * (1 + top // 65_536)
            counts = self.sums[t, d] = [counted(bits, top + 1) for bits in by_count]
        for k, bits in enumerate(counts):
            r = c.room(t, d, k * widest)
            lo, hi = max(want - r, 0), min(want + r, len(bits) - 2)
            if hi >= lo and bits[hi + 1] > bits[lo]:
                return True
        return False

    def fits(self, p: int, t: int, bad: set[int]) -> bool:
        """Whether p may go to 项 t: its other dimensions within what t has left, the
        narrowed bins held, every bin it touches there able to close after it, and no bin it
        leaves without a shared project to come (bad: the 项 of those that cannot close
        without it) other than t's."""
        cover = self.c
        if bad - {t}:
            return False
        for d2, w in enumerate(cover.w[t]):
            if w is None or d2 in cover.sparse or not cover.v[p][d2]:
                continue
            if cover.left(t, d2) + cover.room(t, d2, cover.e[p][d2]) < cover.v[p][d2]:
                return False
        if t in cover.narrowed and not cover.held(t, -1, [p]):
            return False
        closing, tight = [], []
        for d in self.dims(p):
            if self.pending.get((t, d), 0) > 1:  # another shared project may still come: not passed
                self.count()
                if cover.left(t, d) - cover.v[p][d] + cover.room(
                        t, d, cover.e[p][d] + 4 * cover.widest[d]) < 0:
                    return False
                if d in self.own and self.tight:
                    tight.append(d)
            else:
                closing.append(d)
        if not closing and not tight:
            return True
        self.move(p, t)
        try:
            return all(self.bin_holds(t, d, closed=True) for d in closing) and all(
                self.with_coming(t, d, p) for d in tight)
        finally:
            self.move(p, -1, t)

    def sets(self, t: int, d: int) -> list[int] | None:
        """The closed bin (t, d)'s sets of its dimension's own projects (bit masks over
        `own`), as `Cover.dimension` lists them; None for a bin as large as those filled last
        (any number of projects)."""
        c = self.c
        left = c.left(t, d)
        if left >= c.large[d]:
            return None
        key = (t, d, left)
        if key not in self.listed:
            own, pairs = self.own[d]
            spread = [c.e[p][d] for p in own]
            widest = max(spread, default=0)

            def window(k: int) -> tuple[int, int]:
                r = c.room(t, d, k * widest)
                return left - r, left + r

            allowed = np.array([c.allowed[p][t] for p in own], dtype=bool)
            found = [sum(1 << i for i in chosen) for chosen in pairs.sets(window, allowed)
                     if abs(sum(c.v[own[i]][d] for i in chosen) - left) <= c.room(
                         t, d, sum(spread[i] for i in chosen))]
            self.tests += len(found) + 1
            self.listed[key] = found
        return self.listed[key]

    def disjoint_in(self, d: int) -> bool:
        """Whether the closed bins of tight dimension d can each still take one of their
        sets, none sharing a project: the bins left a single set take it, and the sets of
        the others that share one of its projects are struck, until nothing changes."""
        if not self.tight:
            return True
        lists = {}
        for t, w in enumerate(self.c.w):
            if w[d] is not None and not self.pending.get((t, d), 0):
                found = self.sets(t, d)
                if found is not None:
                    lists[t] = found
        self.count()
        taken, changed = 0, True
        while changed:
            changed = False
            for t, found in list(lists.items()):
                kept = [m for m in found if not m & taken]
                if not kept:
                    return False
                if len(kept) == 1:
                    taken |= kept[0]
                    del lists[t]
                    changed = True
                else:
                    lists[t] = kept
        return True

    def closable(self, p: int, t: int) -> int:
        """How many of p's bins at 项 t its dimensions' own projects could close with p there."""
        self.move(p, t)
        try:
            return sum(self.bin_holds(t, d, closed=True) for d in self.dims(p))
        finally:
            self.move(p, -1, t)

    def cut_off(self, p: int, options: list[int]) -> set[int]:
        """The 项 of p's bins whose last shared project to place is p that its dimension's
        own projects cannot close without it."""
        bad = set()
        for u in options:
            for d in self.dims(p):
                if self.pending.get((u, d), 0) == 1 and not self.bin_holds(u, d, closed=True):
                    bad.add(u)
        return bad

    def move(self, p: int, t: int, back: int = -1) -> None:
        """p placed at 项 t (`Cover.place`), or with t -1 taken back from 项 back."""
        c = self.c
        if t >= 0:
            c.place(p, t)
            return
        c.where[p] = -1
        for d, value in enumerate(c.v[p]):
            c.got[back][d] -= value
            if value:
                c.placed[back][d] &= ~(1 << p)
                if c.bounds is not None:
                    c.low[back][d] -= c.bounds[0][p][d]
                    c.high[back][d] -= c.bounds[1][p][d]
            c.spread[back][d] -= c.e[p][d]

    def search(self) -> bool:
        """Every shared project placed (left in the cover), or False (nothing placed)."""
        if not self.projects:
            return True
        for d in self.c.sparse:  # the free projects' sums, as the cover lists them
            self.c.reaches(0, d, 1 << 62, 0)
        try:
            return self.walk({p: list(self.values[p]) for p in self.projects})
        except Spent:
            return False

    def count_pending(self, domains: dict[int, list[int]]) -> dict[tuple[int, int], int]:
        pending: dict[tuple[int, int], int] = {}
        self.coming = {}
        for q, options in domains.items():
            for t in options:
                for d in self.dims(q):
                    pending[t, d] = pending.get((t, d), 0) + 1
                    if d in self.own:
                        self.coming.setdefault((t, d), []).append(q)
        return pending

    def closed_hold(self) -> bool:
        """Whether every bin no shared project may still come to can close."""
        c = self.c
        for d in c.sparse:
            for t, w in enumerate(c.w):
                if w[d] is not None and not self.pending.get((t, d), 0) and (
                        not self.bin_holds(t, d, closed=True)):
                    return False
            if d in self.own and self.tight:
                for t, w in enumerate(c.w):
                    if w is not None and w[d] is not None and self.pending.get((t, d), 0) and (
                            not self.with_coming(t, d, -1)):
                        return False
        return all(self.disjoint_in(d) for d in self.own)

    def with_coming(self, t: int, d: int, leaving: int) -> bool:
        """Whether tight bin (t, d)'s left can be met by four of its own free projects at
        most and any of the shared projects that may still come (but leaving)."""
        c = self
        cover = c.c
        self.count()
        left = cover.left(t, d)
        if left >= cover.large[d]:
            return True
        if (t, d) not in self.unions:
            own, _pairs = self.own[d]
            values = [cover.v[p][d] for p in own if cover.allowed[p][t]]
            top = max(cover.w[t][d] or 0, 0) + (cover.f[t][d] + sum(e[d] for e in cover.e)) // (
                cover.unit(d)) + 1
            mask = (1 << (top + 1)) - 1
            by_count = [1, 0, 0, 0, 0]
            for v in values:
                for k in range(4, 0, -1):
                    by_count[k] |= (by_count[k - 1] << v) & mask
            self.unions[t, d] = (by_count[0] | by_count[1] | by_count[2] | by_count[3]
                                 | by_count[4], top)
        bits, top = self.unions[t, d]
        mask = (1 << (top + 1)) - 1
        coming = [q for q in self.coming.get((t, d), []) if q != leaving]
        for q in coming:
            bits |= (bits << cover.v[q][d]) & mask
        r = cover.room(t, d, (4 + len(coming)) * cover.widest[d])
        lo, hi = max(left - r, 0), min(left + r, top)
        return hi >= lo and (bits >> lo) & ((1 << (hi - lo + 1)) - 1) != 0

    def walk(self, domains: dict[int, list[int]]) -> bool:
        """domains: each free shared project's 项 still possible."""
        self.deepest = max(self.deepest, len(self.projects) - len(domains))
        saved = self.pending
        try:
            self.pending = self.count_pending(domains)
            if not self.closed_hold():
                return False
            if not domains:
                self.done = self.accept is None or self.accept()
                return self.done
            for _ in range(3):  # the domains narrowed, and the bins closed by it tested
                narrowed = {}
                for q, options in domains.items():
                    bad = self.cut_off(q, options)
                    narrowed[q] = [t for t in options if self.fits(q, t, bad)]
                    if not narrowed[q]:
                        return False
                pending = self.count_pending(narrowed)
                domains = narrowed
                if pending == self.pending:
                    break
                self.pending = pending
                if not self.closed_hold():
                    return False
            p = min(domains, key=lambda q: (len(domains[q]), q))
            options = list(domains[p])
            if self.rng is not None:
                self.rng.shuffle(options)
            options.sort(key=lambda t: -self.closable(p, t))  # where its bins could close now
            rest = {q: o for q, o in domains.items() if q != p}
            for t in options:
                self.move(p, t)
                try:
                    if self.walk(rest):
                        return True
                finally:
                    if self.c.where[p] == t and not self.done:
                        self.move(p, -1, t)
            return False
        finally:
            if not self.done:
                self.pending = saved
