"""The table import's HiGHS models stop on counts of work (root checks, nodes); the clock is a safety net."""

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
