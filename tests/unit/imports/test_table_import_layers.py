"""Each dimension split exactly (`layers`): 上年结转 first, a project with money in two dimensions
going where both are met, the sources then solved apart; figures that are not the projects'
sums, too fine for the bit sets, or a search out of work give None."""

from __future__ import annotations

from app.imports.tables import layers

# dimensions: 0 政府性基金, 1 上年结转, 2 一般公共预算
VALUES = [
    [300, 0, 0],    # A
    [200, 0, 0],    # B
    [500, 100, 0],  # C: 政府性基金 and 上年结转
    [400, 0, 0],    # D
    [0, 100, 600],  # E: 上年结转 and 一般公共预算
    [0, 0, 400],    # F
    [0, 0, 0],      # G: no money in a printed dimension
]
# the first 项 has no 上年结转: C and E go to the second, so B joins C there, A and D the first
WANTED: list[list[int | None]] = [[700, 0, 400], [700, 200, 600]]
ALLOWED = [[True, True] for _ in VALUES]


def test_projects_go_where_every_dimension_is_met() -> None:
    assert layers.solve(VALUES, WANTED, ALLOWED) == [0, 1, 1, 0, 1, 0, 0]


def test_every_seed_finds_the_one_answer() -> None:
    assert {tuple(layers.solve(VALUES, WANTED, ALLOWED, seed=s) or ()) for s in range(8)} == {
        (0, 1, 1, 0, 1, 0, 0)}


def test_the_sources_are_solved_apart_once_上年结转_is_placed() -> None:
    search = layers.Layers(VALUES, WANTED, ALLOWED, layers.WORK)
    assert search.groups(search.dims) == [[0, 1, 2]]  # C and E tie the three together
    search.place([2, 4], 1, 1)
    assert sorted(search.groups([0, 2])) == [[0], [2]]


def test_a_project_allowed_in_one_项_only_is_kept_there() -> None:
    allowed = [list(row) for row in ALLOWED]
    allowed[0] = [False, True]  # A may not go to the first 项: no exact answer is left
    assert layers.solve(VALUES, WANTED, allowed) is None


def test_figures_that_are_not_the_projects_sums_are_left_alone() -> None:
    wanted: list[list[int | None]] = [[700, 0, 400], [720, 200, 600]]  # 20 元 of rounding
    assert layers.solve(VALUES, wanted, ALLOWED) is None


def test_figures_too_fine_for_the_bit_sets_are_left_alone() -> None:
    """Amounts to the 元 of millions: 3 M grains, past MOST_UNITS."""
    values = [[1_500_001, 0, 0], [1_500_000, 0, 0]]
    wanted: list[list[int | None]] = [[3_000_001, 0, 0], [0, 0, 0]]
    assert layers.solve(values, wanted, [[True, True]] * 2) is None
    assert layers.solve(values, wanted, [[True, True]] * 2, work=10**9) is None


def test_a_search_out_of_work_gives_none() -> None:
    assert layers.solve(VALUES, WANTED, ALLOWED, work=3) is None
