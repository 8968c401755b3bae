"""The net after the exact cover: its answer's bins tested by their one-sided intervals, and a
dimension whose bin fails them covered again.

The cover accepts a set at a bin when its figures lie within the rounding (±50 元 a printed
figure). But the other tables may leave a bin, or a project, room on one side only: a unit's row
in table 12 or 13 (`rooms.project_rooms`), a 项's 上年结转 where the income table's column meets the
spending table's 合计 less the income table's 本年收入 (`rooms.carried`). A set whose members' lowest
money together passes the bin's top (or whose highest falls short of its bottom) cannot be what
the tables printed, and the amount fit then breaks a figure by one printed unit. Such a bin's
dimension is covered again: every project with money in it freed, the others kept where they are
(their money taken off each bin's figure, their rounding added to its room), the failing bin's
sets tested by its one-sided interval (`cover.Cover.held`), first with every project free to go
anywhere, then with one member of the failing set kept out of that bin per try; an answer is
kept only when it breaks no bin that held before. Every try spends from one budget of the
cover's own work (NET_WORK), so the net ends within it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.core.records import Project
from app.imports.tables import cover
from app.imports.tables.cover import Intervals
from app.imports.tables.rooms import Rooms
from app.imports.tables.targets import Target, vector

NET_TRIES = 4  # members of a failing set kept out of its bin in turn, at most
# the cover's work (sets looked at) for all the net's re-covers together (about 2 s of CPU)
NET_WORK = 3_000_000

Bin = tuple[int, int]  # (项, dimension)


def intervals(projects: Sequence[Project], ordered: Sequence[Target], dims: Sequence[str],
              rounding: Sequence[Sequence[int]], rooms: Sequence[Rooms] | None) -> Intervals:
    """The cover's bounds (`cover.Intervals`) in its dimensions dims: each project's money
    within its rooms where they narrow it, else ± its rounding; the 上年结转 bins' intervals."""
    lo, hi = [], []
    for n, p in enumerate(projects):
        money = vector(p)
        room = rooms[n] if rooms is not None else {}
        lo.append([int(room[d][0]) if d in room else int(money[d]) - r
                   for d, r in zip(dims, rounding[n], strict=True)])
        hi.append([int(room[d][1]) if d in room else int(money[d]) + r
                   for d, r in zip(dims, rounding[n], strict=True)])
    carry: dict[Bin, tuple[int, int]] = {}
    if "carry" in dims:
        k = dims.index("carry")
        for t, target in enumerate(ordered):
            if target.carried is not None:
                carry[t, k] = (whole(target.carried[0], up=True), whole(target.carried[1]))
    return lo, hi, carry


def whole(v: Decimal, up: bool = False) -> int:
    """A bound in whole 元 (rounded inwards)."""
    n = int(v.to_integral_value(rounding="ROUND_CEILING" if up else "ROUND_FLOOR"))
    return n


def failing(where: Sequence[int], values: Sequence[Sequence[int]],
            wanted: Sequence[Sequence[int | None]], fixed: Sequence[Sequence[int]],
            sparse: Sequence[int], bounds: Intervals, bins: Sequence[int] | None = None
            ) -> list[Bin]:
    """The sparse bins (t, k) whose set cannot meet the bin's interval (its figure ± its
    rounding, within a narrowing): Σ lo > top or Σ hi < bottom. where: each project's bin."""
    lo, hi, carry = bounds
    found = []
    members: dict[int, list[int]] = {}
    for p, b in enumerate(where):
        if b >= 0:
            members.setdefault(b, []).append(p)
    for t in range(len(wanted)) if bins is None else bins:
        for k in sparse:
            w = wanted[t][k]
            if w is None:
                continue
            bottom, top = w - fixed[t][k], w + fixed[t][k]
            if (t, k) in carry:
                bottom, top = max(bottom, carry[t, k][0]), min(top, carry[t, k][1])
            placed = [p for p in members.get(t, []) if values[p][k]]
            if (sum(lo[p][k] for p in placed) > top
                    or sum(hi[p][k] for p in placed) < bottom):
                found.append((t, k))
    return found


def mend(where: list[int], values: Sequence[Sequence[int]],
         wanted: Sequence[Sequence[int | None]], fixed: Sequence[Sequence[int]],
         spread: Sequence[Sequence[int]], allowed: Sequence[Sequence[bool]],
         sparse: Sequence[int], bounds: Intervals, work: int = NET_WORK) -> list[int]:
    """The cover's answer where (values… as for `cover.solve`, in 元) with each failing bin's
    dimension covered again (`recover`) while work is left; the answer as it is when no bin
    fails or none is mended."""
    left = [work]
    for t, k in failing(where, values, wanted, fixed, sparse, bounds):
        if left[0] <= 0:
            break
        if not failing(where, values, wanted, fixed, sparse, bounds, [t]):
            continue  # mended by an earlier re-cover
        new = recover(where, values, wanted, fixed, spread, allowed, sparse, bounds, (t, k),
                      left)
        if new is not None:
            where = new
    return where


def recover(where: Sequence[int], values: Sequence[Sequence[int]],
            wanted: Sequence[Sequence[int | None]], fixed: Sequence[Sequence[int]],
            spread: Sequence[Sequence[int]], allowed: Sequence[Sequence[bool]],
            sparse: Sequence[int], bounds: Intervals, bad: Bin, left: list[int]
            ) -> list[int] | None:
    """Bad's dimension covered again: its projects freed, the rest kept, bad's bin (with the
    上年结转 bins) narrowed to its one-sided interval, first as it is, then with each member of
    bad's set kept out of its bin in turn (NET_TRIES at most); the first answer that mends bad
    and breaks no other bin, or None. left: the work left (spent from in place)."""
    t, k = bad
    bins = range(len(wanted))
    freed = [p for p, b in enumerate(where) if b >= 0 and values[p][k]]
    members = [p for p in freed if where[p] == t]
    taken = set(freed)
    kept: dict[int, list[int]] = {}
    for p, b in enumerate(where):
        if b >= 0 and p not in taken:
            kept.setdefault(b, []).append(p)
    dims = len(values[0])
    sub_wanted = [[None if d not in sparse or wanted[b][d] is None
                   else (wanted[b][d] or 0) - sum(values[p][d] for p in kept.get(b, []))
                   for d in range(dims)] for b in bins]
    sub_fixed = [[fixed[b][d] + sum(spread[p][d] for p in kept.get(b, [])) for d in range(dims)]
                 for b in bins]
    before = set(failing(where, values, wanted, fixed, sparse, bounds)) - {bad}
    # the re-cover tests its sets at the failing bin (and the 上年结转 bins) by their one-sided
    # bounds, what the projects kept there leave of each bin's interval
    lo, hi, carry = bounds
    narrow = dict(carry)
    w = wanted[t][k] or 0
    edge = narrow.get(bad, (w - fixed[t][k], w + fixed[t][k]))
    narrow[bad] = (max(edge[0], w - fixed[t][k]), min(edge[1], w + fixed[t][k]))
    sub_bounds = ([lo[p] for p in freed], [hi[p] for p in freed],
                  {(b, d): (bottom - sum(hi[p][d] for p in kept.get(b, []) if values[p][d]),
                            top - sum(lo[p][d] for p in kept.get(b, []) if values[p][d]))
                   for (b, d), (bottom, top) in narrow.items()})
    for out in [-1, *members[:NET_TRIES]]:  # nothing kept out first, then each member
        if left[0] <= 0:
            return None
        sub_allowed = [[allowed[p][b] and not (p == out and b == t) for b in bins]
                       for p in freed]
        got, spent = cover.solve_spent([values[p] for p in freed], sub_wanted, sub_fixed,
                                       [spread[p] for p in freed], sub_allowed, sparse,
                                       work=left[0], bounds=sub_bounds)
        left[0] -= spent
        if got is None:
            continue
        new = list(where)
        for i, p in enumerate(freed):
            new[p] = got[i]
        if set(failing(new, values, wanted, fixed, sparse, bounds)) <= before:
            return new
    return None
