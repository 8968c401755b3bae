"""The later dimensions' bins of the exact cover (`cover`) listed before the first is covered,
so that a project with money in two sparse dimensions is placed only where both can take it.

In round figures 上年结转, covered first, put every one of its projects that also carry
国有资本经营 money in a wrong 项 (any set reaching its figure will do for it), and the search
then failed at 国有资本经营 with nothing left to try. Listed ahead, each later bin's sets of up
to four projects (of all its projects, before any is placed) say which projects it can hold
together: a set of an earlier dimension is kept only if, at its 项, one listed set of every
later bin holds its shared members with those placed there before. The largest bins (filled
last, their projects may be more than four) and bins no set reaches are not constrained.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from app.imports.tables.candidates import Pairs

if TYPE_CHECKING:
    from app.imports.tables.cover import Cover

# a bin's sets listed ahead: their union and, by project, the sets holding it (bit masks over
# project indices)
Listed = tuple[int, dict[int, list[int]]]


def listed(c: Cover, dims: Sequence[int]) -> dict[tuple[int, int], Listed]:
    """By (项, dimension) for the given sparse dimensions: the bin's sets, before any project
    is placed; the largest bins and bins no set reaches are left out (free)."""
    out: dict[tuple[int, int], Listed] = {}
    for d in dims:
        items = [p for p, row in enumerate(c.v) if row[d]]
        bins = [t for t, row in enumerate(c.w) if row[d] is not None]
        if not items or not bins:
            continue
        items.sort(key=lambda p: (c.v[p][d], p))
        pairs = Pairs([c.v[p][d] for p in items])
        widest = max(c.e[p][d] for p in items)
        c.spend(len(pairs.sums) // 16 + len(items))
        for t in sorted(bins, key=lambda t: (c.left(t, d), t))[:-c.last]:
            want, allowed = c.left(t, d), np.array([c.allowed[p][t] for p in items], dtype=bool)

            def window(k: int, t: int = t, want: int = want, d: int = d, widest: int = widest
                       ) -> tuple[int, int]:
                r = c.room(t, d, k * widest)
                return want - r, want + r

            found = pairs.sets(window, allowed)
            c.spend(len(found) + 1)
            if not found:
                continue
            union, by_member = 0, dict[int, list[int]]()
            for chosen in found:
                mask = sum(1 << items[i] for i in chosen)
                union |= mask
                for i in chosen:
                    by_member.setdefault(items[i], []).append(mask)
            out[(t, d)] = (union, by_member)
    return out


def held(c: Cover, sets: Listed, t: int, d: int, members: Sequence[int]) -> bool:
    """Whether one of bin (t, d)'s listed sets holds the members with money in d together with
    the projects with money in d placed at t before."""
    union, by_member = sets
    shared = [p for p in members if c.v[p][d]]
    need = c.placed[t][d] | sum(1 << p for p in shared)
    if union & need != need:
        return False
    some = min((by_member[p] for p in shared), key=len)
    c.spend(len(some) // 16 + 1)
    return any(s & need == need for s in some)
