"""The swap search puts projects into function 项 so every 项's figures hold within rounding."""

from __future__ import annotations

import random

from app.imports.tables import swaps

Problem = tuple[list[list[float]], list[list[float]], list[list[float | None]],
                list[list[float]], list[int]]


def problem(seed: int, projects: int, targets: int) -> Problem:
    """Projects with money in one of two dimensions, 项 whose figures are their projects' sums
    printed to 100 元 (each project's own figure printed to 100 元 as well)."""
    rng = random.Random(seed)
    values, where = [], []
    for _ in range(projects):
        v = [0.0, 0.0]
        dimension = rng.randrange(2)
        v[dimension] = float(rng.randint(50, 50_000) * 100)
        values.append(v)
        where.append(rng.randrange(targets))
    exact = [[0.0, 0.0] for _ in range(targets)]
    for v, t in zip(values, where, strict=True):
        for d in (0, 1):
            exact[t][d] += v[d] + rng.uniform(-49, 49) * (v[d] != 0)
    wanted: list[list[float | None]] = [[round(x, -2) for x in row] for row in exact]
    rounding = [[50.0 * (x != 0) for x in v] for v in values]
    return values, rounding, wanted, [[50.0, 50.0] for _ in range(targets)], where


def misses(values: list[list[float]], rounding: list[list[float]],
           wanted: list[list[float | None]], fixed: list[list[float]], where: list[int]) -> int:
    count = 0
    for t, row in enumerate(wanted):
        for d, w in enumerate(row):
            members = [p for p, home in enumerate(where) if home == t]
            total = sum(values[p][d] for p in members)
            room = fixed[t][d] + sum(rounding[p][d] for p in members)
            count += w is not None and abs(total - w) > room
    return count


def test_a_dense_department_is_partitioned_exactly() -> None:
    values, rounding, wanted, fixed, truth = problem(3, 240, 8)
    assert misses(values, rounding, wanted, fixed, truth) == 0
    allowed = [[True] * len(wanted) for _ in values]
    answer = swaps.solve(values, rounding, wanted, fixed, allowed, seconds=20.0)
    assert answer is not None
    where, holds = answer
    assert holds
    assert misses(values, rounding, wanted, fixed, where) == 0


def test_a_project_allowed_nowhere_gives_none_and_the_closest_is_returned() -> None:
    values, rounding, wanted, fixed, _ = problem(4, 30, 3)
    nowhere = [[True] * 3 for _ in values]
    nowhere[0] = [False] * 3
    assert swaps.solve(values, rounding, wanted, fixed, nowhere, seconds=1.0) is None
    wrong = [[float(w or 0) + 10_000_000 for w in row] for row in wanted]
    answer = swaps.solve(values, rounding, list(wrong), fixed, [[True] * 3 for _ in values],
                         seconds=0.2)
    assert answer is not None and not answer[1]
    assert len(answer[0]) == 30 and set(answer[0]) <= {0, 1, 2}


def test_a_balance_the_solver_left_open_is_closed_by_the_income() -> None:
    from app.imports.tables.exact import Identity
    from app.imports.tables.fit import Slot, balanced

    places = [Slot("income.this_year", 0, "general"), Slot("basic_function", 0, "amount"),
              Slot("projects.amounts", 0, "general"), Slot("basic_economic", 0, "amount")]
    base = [10_000, 6_000, 4_000, 6_000]
    ids = [Identity([(0, 1), (1, -1), (2, -1)], "一般公共预算本年收入与本年支出"),
           Identity([(1, 1), (3, -1)], "一般公共预算基本支出按功能分类与按经济分类的合计")]
    fixed = balanced([0, 300, -100, 0], base, ids, places)
    assert fixed[3] == 300  # 基本支出: the economic line follows the function line
    assert fixed[0] == 200 and fixed[1:3] == [300, -100]  # then the income takes the rest
    assert all(sum(c * (base[i] + fixed[i]) for i, c in k.terms) == 0 for k in ids)


def test_the_searches_stop_on_their_work_not_on_the_clock() -> None:
    """The same problem gives the same answer with a generous and a tight safety net in time
    (each search stops after a count of its own steps, so a loaded machine changes nothing)."""
    from app.imports.tables import packing

    values, rounding, wanted, fixed, _ = problem(3, 240, 8)
    allowed = [[True] * len(wanted) for _ in values]
    assert swaps.solve(values, rounding, wanted, fixed, allowed, seconds=60.0) == swaps.solve(
        values, rounding, wanted, fixed, allowed, seconds=30.0)
    wrong = [[float(w or 0) + 10_000_000 for w in row] for row in wanted]
    stuck = swaps.solve(values, rounding, list(wrong), fixed, allowed, seconds=60.0, steps=20)
    assert stuck is not None and not stuck[1]
    assert stuck == swaps.solve(values, rounding, list(wrong), fixed, allowed, seconds=30.0,
                                steps=20)
    whole = [[int(v) for v in row] for row in values]
    spread = [[int(e) for e in row] for row in rounding]
    target = [[None if w is None else int(w) for w in row] for row in wanted]
    tol = [[int(f) for f in row] for row in fixed]
    assert packing.solve(whole, spread, target, tol, allowed, 60.0) == packing.solve(
        whole, spread, target, tol, allowed, 30.0)
