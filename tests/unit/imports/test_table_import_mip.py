"""The table import's HiGHS models stop on counts of work (root checks, nodes); the clock is a
safety net; `near` solves a MIP near its linear relaxation."""

from __future__ import annotations

import random

from app.imports.tables import mip


def hard(seed: int) -> tuple[mip.Model, list[float]]:
    """Subset sums on 80 large random weights (many root cut rounds), with a feasible start."""
    rng = random.Random(seed)
    model = mip.Model()
    xs = [model.var(0, 1, rng.randint(1, 9)) for _ in range(80)]
    slack = [model.var(0, 10**9, 1000.0, integer=False) for _ in range(3)]
    for r in range(3):
        weights = [rng.randint(10**5, 10**6) for _ in xs]
        target = sum(w for w, _ in zip(weights, xs, strict=True) if rng.random() < 0.5) + 1
        model.row(target, target, [*xs, slack[r]], [*map(float, weights), 1.0])
    start = [0.0] * len(model.lower)
    for r in range(3):  # nothing chosen, the slack takes it all: feasible
        start[slack[r]] = model.rows[r][0]
    return model, start


def test_the_root_node_stops_after_its_checks() -> None:
    model, start = hard(1)
    longer = model.solve(60.0, start, root=10)
    assert longer is not None and model.checks == 11  # the search would go on (~190 checks)
    model, start = hard(1)
    bounded = model.solve(60.0, start, root=1)
    assert model.checks == 2  # stopped at the check past its bound
    assert bounded is not None  # with the best point found so far: at worst the start


def test_the_same_checks_give_the_same_answer() -> None:
    answers = []
    for _ in range(2):
        model, start = hard(2)
        answers.append((model.solve(60.0, start, root=3), model.checks))
    assert answers[0] == answers[1]


def test_the_clock_is_still_a_safety_net() -> None:
    model, start = hard(1)
    values = model.solve(0.0, start)
    assert model.checks <= 2 and values is not None


def fractional() -> mip.Model:
    """min -x - y with 2x + 2y <= 7 and x - y = 0: the relaxation's optimum is 1.75 each,
    the integers' (1, 1), within its floor and ceiling."""
    model = mip.Model()
    x, y = model.var(0, 10, -1.0), model.var(0, 10, -1.0)
    model.row(-mip.INF, 7, [x, y], [2, 2])
    model.row(0, 0, [x, y], [1, -1])
    return model


def test_the_relaxation_is_solved_as_a_linear_program() -> None:
    model = fractional()
    assert model.relaxed(60.0) == [1.75, 1.75]
    assert model.solve(60.0) == [1, 1]


def test_near_keeps_the_relaxation_s_whole_integers_and_rounds_the_others() -> None:
    model = fractional()
    bounds = (list(model.lower), list(model.upper))
    assert model.near(60.0) == [1, 1] == model.solve(60.0)
    assert (model.lower, model.upper) == bounds  # the neighbourhood was only for the search


def test_near_says_when_no_integer_point_exists() -> None:
    """x + y = 3 and x - y in [-1, 1]: (2, 1) is the cheapest; with x - y in [0.2, 0.8] no
    point exists (the relaxation says so), and with x + y in [3, 3.4] too no integer point
    (the relaxation has one): near says both as the MIP does."""
    model = mip.Model()
    x, y = model.var(0, 3, 1.0), model.var(0, 3, 2.0)
    model.row(3, 3, [x, y], [1, 1])
    model.row(-1, 1, [x, y], [1, -1])
    assert model.near(60.0) == [2, 1]
    model.rows[1] = (0.2, 0.8, [x, y], [1.0, -1.0])
    assert model.near(60.0) is None and model.infeasible
    model.rows[0] = (3, 3.4, [x, y], [1.0, 1.0])  # now the relaxation is feasible, no integer
    assert model.relaxed(60.0) is not None
    assert model.near(60.0) is None and model.infeasible


def test_near_finds_what_its_neighbourhood_misses() -> None:
    """max x with x = 5k and x <= 2.5: the relaxation's optimum x = 2.5, k = 0.5, whose box
    (x in 2..3, k in 0..1) holds no integer point; the whole MIP then finds x = k = 0."""
    model = mip.Model()
    x, k = model.var(0, 10, -1.0), model.var(0, 1)
    model.row(0, 0, [x, k], [1, -5])
    model.row(-mip.INF, 2.5, [x], [1])
    assert model.relaxed(60.0) == [2.5, 0.5]
    assert model.near(60.0) == [0, 0] and not model.infeasible
