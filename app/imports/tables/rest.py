"""The last, largest bins of one dimension of the exact cover (`cover`), filled from what the
others leave: each in turn by a subset sum over bit sets (the sums nearest its share of the
rounding first), the one before last so that the last, taking the rest, also fits."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import islice
from typing import TYPE_CHECKING

from app.imports.tables import packing

if TYPE_CHECKING:
    from app.imports.tables.cover import Cover

WORD = 4_096  # bits of a bit set that cost one unit of work per item
TRIES = 16  # subsets tried for one bin before going back, times the bins after it


class Rest:
    """cover's dimension d: items (project indices, by position in the dimension's masks) and
    the bins filled last (ascending; the last takes what is left)."""

    def __init__(self, cover: Cover, d: int, items: Sequence[int], bins: Sequence[int]) -> None:
        self.c, self.d, self.items = cover, d, list(items)
        self.bins = sorted(bins, key=lambda t: (cover.left(t, d), t))
        # how far from their figures these bins may lie together, at the most
        self.reach = sum(cover.room(t, d, cover.widest[d] * 8) for t in self.bins)

    def fill(self, used: int) -> dict[int, list[int]] | None:
        """The bins' projects, given the positions used (a bit mask) by the other bins."""
        free = [p for i, p in enumerate(self.items) if not (used >> i) & 1]
        return self.walk(free, self.bins)

    def value(self, p: int) -> int:
        return self.c.v[p][self.d]

    def walk(self, free: list[int], bins: list[int]) -> dict[int, list[int]] | None:
        c, d = self.c, self.d
        t = bins[0]
        if len(bins) == 1:
            got = sum(self.value(p) for p in free)
            if all(c.allowed[p][t] for p in free) and abs(got - c.left(t, d)) <= c.room(
                    t, d, sum(c.e[p][d] for p in free)) and c.fits_elsewhere(t, d, free):
                return {t: free}
            return None
        later = bins[1:]
        must = [p for p in free if not any(c.allowed[p][u] for u in later)]
        if any(not c.allowed[p][t] for p in must):
            return None
        pool = [p for p in free if c.allowed[p][t] and p not in must]
        want = c.left(t, d) - sum(self.value(p) for p in must)
        room = c.room(t, d, sum(c.e[p][d] for p in free))
        lo, hi = want - room, want + room
        total = sum(self.value(p) for p in free)
        wanted = sum(max(c.left(u, d), 0) for u in bins) or 1
        aim = want + (total - wanted) * max(c.left(t, d), 0) // wanted
        if len(later) == 1:  # what is left must fit the last bin
            u = later[0]
            r = c.room(u, d, sum(c.e[p][d] for p in free))
            rest = total - sum(self.value(p) for p in must)
            lo, hi = max(lo, rest - c.left(u, d) - r), min(hi, rest - c.left(u, d) + r)
            aim = (lo + hi) // 2
        if hi < 0 or hi < lo:
            return None
        c.spend((len(pool) + 1) * (1 + hi // WORD))
        tries = 4 if len(later) == 1 else TRIES * len(later)
        rng = random.Random(len(later))  # varied subsets, the same on every run
        for chosen in islice(packing.subsets([self.value(p) for p in pool], lo, hi, aim, rng),
                             tries):
            c.spend(1)
            members = must + [pool[i] for i in chosen]
            got = sum(self.value(p) for p in members)
            if abs(got - c.left(t, d)) > c.room(t, d, sum(c.e[p][d] for p in members)) or (
                    not c.fits_elsewhere(t, d, members)):
                continue
            taken = set(members)
            found = self.walk([p for p in free if p not in taken], later)
            if found is not None:
                found[t] = members
                return found
        return None
