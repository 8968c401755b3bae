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
from dataclasses import dataclass
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import Unit
from app.imports.tables.mip import Model
from app.imports.tables.sheet import Money
from app.imports.tables.units import Group, Line

THIS_YEAR = ("general", "fund", "capital", "special", "unit")  # table 12's sources
CARRIED = ("general", "fund", "capital")  # table 13's
SECONDS = 10.0  # a safety net: the linear program stops on its simplex iterations
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


@dataclass
class System:
    """The printed relations that do not depend on the function 项, over exact 元: each
    variable's bounds (a project's figure by its own rounding), the relations (a sum of
    variables within an interval: a project's total, a unit's rows in tables 12 and 13), and
    each project's variables by key (table 12's sources; table 13's with "c_")."""

    bounds: list[list[Decimal]]
    relations: list[tuple[list[int], Bounds]]
    variables: list[dict[str, int]]


def system(units: Sequence[Unit], g12: Sequence[Group], g13: Sequence[Group],
           count: int) -> System | None:
    """The relations of the count projects (in `units.make_projects`' order); None when a
    project stands in more than one row of a table (merged), a unit row is missing, or the
    projects are not the count."""
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
    if len(index) != count:
        return None
    variables: list[dict[str, int]] = [{} for _ in range(count)]
    for name, n in index.items():
        variables[n] = where[name]
    return System(bounds, relations, variables)


# each dimension of the function 项's figures (targets.DIMENSIONS and SPLIT) as a project's keys
KEYS = {**{k: (k,) for k in THIS_YEAR}, "other": ("special", "unit"), "now": THIS_YEAR,
        "carry": tuple(f"c_{k}" for k in CARRIED)}


class Found(list[Rooms]):
    """The rooms of every project, and the relations they came from (`System`), which the
    exact cover tests its answers by as a whole (`joint`)."""

    made: System | None = None


def project_rooms(units: Sequence[Unit], g12: Sequence[Group], g13: Sequence[Group],
                  count: int) -> list[Rooms] | None:
    """For each of the count projects (in `units.make_projects`' order), the bounds of its money
    by dimension; None when the relations cannot be made (`system`) or cannot hold together
    (the rounding is then not what we think)."""
    made = system(units, g12, g13, count)
    if made is None:
        return None
    bounds = [list(b) for b in made.bounds]
    alone = [list(b) for b in made.bounds]  # each figure by its own rounding
    if not propagate(bounds, made.relations):
        return None
    found = Found({} for _ in range(count))
    found.made = made
    for n, got in enumerate(made.variables):

        def sum_of(keys: Sequence[str], got: dict[str, int] = got) -> Bounds | None:
            held = [got[k] for k in keys if k in got]
            if all(bounds[i] == alone[i] for i in held):
                return None
            return (sum((bounds[i][0] for i in held), ZERO),
                    sum((bounds[i][1] for i in held), ZERO))

        found[n] = {d: b for d, keys in KEYS.items() if (b := sum_of(keys)) is not None}
    return found


def joint(made: System, where: Sequence[int], bins: dict[tuple[int, str], Bounds]) -> bool:
    """Whether the projects' money can meet, all at once, the relations of made and each
    function 项's bins (by (项, dimension): the interval of the sum of its projects' money
    there), where: each project's 项 (-1: not placed, in no bin). A linear program (HiGHS):
    False only when it is proven to have no point (a necessary test: the amounts are whole
    元, and the 款 and 类 are not in it)."""
    model = Model()
    for lo, hi in made.bounds:
        model.var(float(lo), float(hi), integer=False)
    for members, (lo, hi) in made.relations:
        model.row(float(lo), float(hi), members, [1.0] * len(members))
    placed: dict[int, list[int]] = {}
    for p, t in enumerate(where):
        if t >= 0:
            placed.setdefault(t, []).append(p)
    for (t, d), (lo, hi) in bins.items():
        members = [made.variables[p][k] for p in placed.get(t, []) for k in KEYS[d]
                   if k in made.variables[p]]
        if not members:
            if lo > 0 or hi < 0:
                return False
            continue
        model.row(float(lo), float(hi), members, [1.0] * len(members))
    model.relaxed(SECONDS)
    return not model.infeasible
