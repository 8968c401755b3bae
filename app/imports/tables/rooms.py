"""How far each project's money may really lie from its printed figures: its own rounding
narrowed by the printed relations that do not depend on the function 项 (the project's total,
its unit's rows in tables 12 and 13), by interval propagation over exact 元 bounds.

A unit row is the sum of its projects within the rounding, so where a unit has two or three
projects in a source the row can leave one of them room on one side only (it may fall by up to
50 元 but not rise), which the cover's symmetric room (±50 元 a project) cannot say; a 项's 上年结转
likewise lies where the income table's column and the spending table's 合计 less the income
table's 本年收入 meet. The cover tests its 上年结转 sets against these intervals and the net (`net`)
every bin of its answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import Unit
from app.imports.tables.sheet import Money
from app.imports.tables.units import Group, Line

THIS_YEAR = ("general", "fund", "capital", "special", "unit")  # table 12's sources
CARRIED = ("general", "fund", "capital")  # table 13's
SWEEPS = 6  # passes over the relations, at most (each pass only narrows)

Bounds = tuple[Decimal, Decimal]
# a project's bounds by dimension (targets.DIMENSIONS and SPLIT), where the relations leave
# it less than its own rounding
Rooms = dict[str, Bounds]
# the rooms of every project, worked out when first asked (only the exact cover needs them)
RoomsLater = Callable[[], "list[Rooms] | None"]


def propagate(bounds: list[list[Decimal]], relations: Sequence[tuple[Sequence[int], Bounds]],
              sweeps: int = SWEEPS) -> bool:
    """Each variable's [lo, hi] (bounds, narrowed in place) within what every relation (the sum
    of its variables lies in its interval) leaves it; False when the relations cannot hold."""
    for _ in range(sweeps):
        moved = False
        for members, (low, high) in relations:
            top = sum((bounds[i][1] for i in members), ZERO)
            bottom = sum((bounds[i][0] for i in members), ZERO)
            if bottom > high or top < low:
                return False
            for i in members:
                lo, hi = bounds[i]
                new_lo, new_hi = max(lo, low - (top - hi)), min(hi, high - (bottom - lo))
                if new_lo != lo or new_hi != hi:
                    top += new_hi - hi
                    bottom += new_lo - lo
                    bounds[i] = [new_lo, new_hi]
                    moved = True
        if not moved:
            break
    return True


def printed(m: Money | None) -> Bounds:
    """The whole 元 a printed figure stands for: rounded half up, 58.82 万元 is 588,150 to
    588,249 元 (a figure in 元 is exact, a blank 0)."""
    if m is None:
        return ZERO, ZERO
    return m.yuan - m.half, m.yuan + m.half - (1 if m.half >= 1 else 0)


def within(line: Line, key: str) -> Bounds:
    return printed(line.figures.get(key))


def carried(spending: Money | None, this_year: Money | None, carryover: Money | None
            ) -> Bounds | None:
    """A 项's 上年结转 from the income table's column and from the spending table's 合计 less the
    income table's 本年收入 (both sums of the same money): where they meet, None when they do not."""
    total, now, column = printed(spending), printed(this_year), printed(carryover)
    lo, hi = max(column[0], total[0] - now[1]), min(column[1], total[1] - now[0])
    return (lo, hi) if lo <= hi else None


def project_rooms(units: Sequence[Unit], g12: Sequence[Group], g13: Sequence[Group],
                  count: int) -> list[Rooms] | None:
    """For each of the count projects (in `units.make_projects`' order), the bounds of its money
    by dimension; None when a project stands in more than one row of a table (merged), a unit
    row is missing, or the rows cannot hold together (the rounding is then not what we think)."""
    code = {u.name: u.code for u in units}
    own = units[0].code if units else ""
    index: dict[tuple[str, str], int] = {}
    bounds: list[list[Decimal]] = []
    relations: list[tuple[list[int], Bounds]] = []
    seen: dict[tuple[str, str], set[bool]] = {}
    where: dict[tuple[str, str], dict[str, int]] = {}  # a project's variables by name

    def variable(line: Line, key: str) -> int:
        bounds.append(list(within(line, key)))
        return len(bounds) - 1

    for groups, carry, keys in ((g12, False, THIS_YEAR), (g13, True, CARRIED)):
        for g in groups:
            unit = code.get(g.unit, own)
            members: dict[str, list[int]] = {k: [] for k in keys}
            for line in g.projects:
                name = (unit, line.name)
                if carry in seen.setdefault(name, set()):
                    return None
                seen[name].add(carry)
                index.setdefault(name, len(index))
                made = {k: variable(line, k) for k in keys}
                where.setdefault(name, {}).update(
                    {("c_" if carry else "") + k: i for k, i in made.items()})
                relations.append((list(made.values()), within(line, "total")))
                for k, i in made.items():
                    members[k].append(i)
            if g.total is None:
                if g.projects and len(groups) > 1:
                    return None
                continue
            for k in keys:
                relations.append((members[k], within(g.total, k)))
            relations.append(([i for k in keys for i in members[k]], within(g.total, "total")))
    alone = [list(b) for b in bounds]  # each figure by its own rounding
    if len(index) != count or not propagate(bounds, relations):
        return None
    found: list[Rooms] = [{} for _ in range(count)]
    for name, n in index.items():
        got = where[name]

        def sum_of(keys: Sequence[str], got: dict[str, int] = got) -> Bounds | None:
            held = [got[k] for k in keys if k in got]
            if all(bounds[i] == alone[i] for i in held):
                return None
            return (sum((bounds[i][0] for i in held), ZERO),
                    sum((bounds[i][1] for i in held), ZERO))

        sums = {k: [k] for k in THIS_YEAR} | {
            "other": ["special", "unit"], "now": list(THIS_YEAR),
            "carry": [f"c_{k}" for k in CARRIED]}
        found[n] = {d: b for d, keys in sums.items() if (b := sum_of(keys)) is not None}
    return found
