"""The sparse dimensions covered together, exactly (`together`): a project with money in two
sparse dimensions goes where both are met; amounts that are not the figures' sums are left to
the other searches."""

from __future__ import annotations

from app.imports.tables import together

# dimensions: 0 政府性基金, 1 上年结转 (both sparse), 2 this year's money (not sparse)
VALUES = [
    [500, 0, 500],   # A
    [300, 200, 300],  # B: 政府性基金 and 上年结转
    [200, 0, 200],   # C
    [0, 0, 700],     # D: no money in a sparse dimension
]
WANTED: list[list[int | None]] = [[500, 0, 1200], [500, 200, 500]]
FIXED = [[50, 50, 100], [50, 50, 100]]
SPREAD = [[50, 50, 50] for _ in VALUES]
ALLOWED = [[True, True] for _ in VALUES]


def test_a_shared_project_goes_where_both_its_dimensions_are_met() -> None:
    where = together.solve(VALUES, WANTED, FIXED, SPREAD, ALLOWED, [0, 1])
    assert where == [0, 1, 1, -1]


def test_the_one_place_a_project_is_allowed_is_kept() -> None:
    allowed = [[True, True], [True, True], [True, False], [True, True]]
    # C may only go to the first 项, which then lacks 300 of 政府性基金: only B has that, and
    # the first 项 has no 上年结转 for B's: no exact answer
    assert together.solve(VALUES, WANTED, FIXED, SPREAD, allowed, [0, 1]) is None


def test_figures_that_are_not_the_projects_sums_are_left_alone() -> None:
    wanted: list[list[int | None]] = [[500, 0, 1200], [520, 200, 500]]  # 20 元 of rounding
    assert together.solve(VALUES, wanted, FIXED, SPREAD, ALLOWED, [0, 1]) is None


def test_figures_too_fine_for_its_bit_sets_are_left_alone() -> None:
    """Amounts to the 元 (grain 1) of millions: the subset sums' bit sets would be megabytes
    each; the other searches take such departments."""
    values = [[2_000_003, 0, 2_000_003], [1, 0, 1]]
    wanted: list[list[int | None]] = [[2_000_003, 0, 2_000_003], [1, 0, 1]]
    assert together.solve(values, wanted, FIXED, [[0, 0, 0]] * 2, [[True, True]] * 2,
                          [0, 1]) is None
    assert together.solve([[200, 0, 200], [1, 0, 1]], [[200, 0, 200], [1, 0, 1]], FIXED,
                          [[0, 0, 0]] * 2, [[True, True]] * 2, [0, 1]) == [0, 1]
