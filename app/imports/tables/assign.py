"""Each project's function 项 as a mixed-integer problem (HiGHS), for departments of any size.

A project goes to exactly one function 项 it is eligible for; each 项's projects together
must give that 项's printed 项目支出 in every dimension (by source, 上年结转), within the
rounding of the figures involved (which grows with the number of projects). A second solve,
forbidden to repeat the first answer, tells which projects could also lie elsewhere: those
are the guesses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.core.records import Project
from app.imports.tables.mip import INF, Model

SECONDS = 30.0  # a safety net: the solves stop on their nodes
NODES = 500  # branch-and-bound nodes of the first solve (about 4 s of CPU at 200 projects)


Dimension = tuple[float, float, float, Sequence[float]]


def assign(projects: Sequence[Project], targets: int, eligible: Callable[[int, int], bool],
           rows: Callable[[int], list[Dimension]]) -> tuple[dict[int, int], set[int]] | None:
    """Project index → target index, and the projects another answer would place elsewhere.

    rows(t) gives, per dimension of target t, (wanted, fixed slack, slack per project, each
    project's value in that dimension), in 元; None when no assignment is found within the
    solver's nodes.
    """
    model = Model()
    x: dict[tuple[int, int], int] = {}
    for p in range(len(projects)):
        for t in range(targets):
            if eligible(p, t):
                x[p, t] = model.binary()
    for p in range(len(projects)):
        mine = [v for (q, _), v in x.items() if q == p]
        if not mine:
            return None
        model.row(1, 1, mine, [1.0] * len(mine))
    by_target: dict[int, list[tuple[int, int]]] = {}
    for (p, t), v in x.items():
        by_target.setdefault(t, []).append((p, v))
    for t in range(targets):
        members = by_target.get(t, [])
        for wanted, fixed, per, value in rows(t):
            idx = [v for _, v in members]
            model.row(-INF, wanted + fixed, idx, [value[p] - per for p, _ in members])
            model.row(wanted - fixed, INF, idx, [value[p] + per for p, _ in members])
            if not members and abs(wanted) > fixed:
                return None
    first = model.solve(SECONDS, nodes=NODES)
    if first is None:
        return None
    chosen = {p: t for (p, t), v in x.items() if first[v] == 1}
    if len(chosen) != len(projects):
        return None
    picked = [x[p, t] for p, t in chosen.items()]
    model.row(-INF, len(picked) - 1, picked, [1.0] * len(picked))
    second = model.solve(SECONDS / 3, nodes=NODES // 3)
    if second is None:
        if model.infeasible:
            return chosen, set()
        return chosen, {p for p in chosen if sum(1 for q, _ in x if q == p) > 1}
    other = {p: t for (p, t), v in x.items() if second[v] == 1}
    return chosen, {p for p, t in chosen.items() if other.get(p) != t}

