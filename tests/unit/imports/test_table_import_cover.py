"""The exact cover places the projects of the sparse dimensions (two or three projects to a 项)
first, so a large department whose 政府性基金, 国有资本经营 or 上年结转 projects are few comes back
table for table; and it gives the same answer however loaded the machine is."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from app.checks.registry import run_checks
from app.core.records import Budget, Source, Split
from app.imports.tables import cover
from app.imports.tables.functions import SOLVER_PROJECTS
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import balanced, generate
from tests.helpers.table_workbook import write_workbook

SPARSE = (Source.FUND, Source.CAPITAL, Source.SPECIAL, Source.UNIT)


def sparse_department(units: int, projects: int, dense: int, kept: int, seed: int) -> Budget:
    """A generated department whose 一般公共预算 projects lie in dense 项 and whose 政府性基金,
    国有资本经营, 财政专户 and 单位资金 projects are kept of each source (the others made 一般公共预算)
    and put two or three to a 项; its 上年结转 projects (one in ten) lie in a fifth of the dense
    项 (about eight to a 项, as carried-over money gathers in a few 项) unless their source
    places them."""
    budget = generate(units, projects, seed=seed)
    rng = random.Random(seed)
    codes = sorted({p.function for p in budget.projects})
    general = codes[:dense]
    carried = general[:max(1, dense // 5)]
    count = dict.fromkeys(SPARSE, 0)
    homes = {s: rng.sample(codes, max(1, round(kept / 2.5))) for s in SPARSE}
    changed = []
    for i, p in enumerate(budget.projects):
        source = next(s for s in Source if p.amounts.get(s))
        if source in SPARSE and count[source] < kept:
            function = homes[source][count[source] % len(homes[source])]
            count[source] += 1
        elif source in SPARSE:
            p = replace(p, amounts=Split.of(Source.GENERAL, p.amounts.total))
            function = carried[i % len(carried)] if p.carryover.total else general[i % dense]
        else:
            function = carried[i % len(carried)] if p.carryover.total else general[i % dense]
        changed.append(replace(p, function=function))
    return balanced(replace(budget, projects=tuple(changed)))


def exact_tables(budget: Budget, folder: Path) -> tuple[list[bool], Budget]:
    tables = build_tables(budget)
    result = import_tables(write_workbook(tables, folder / "tables.xlsx"))
    got = result.budget
    assert got is not None, result.report.text()
    rebuilt = build_tables(got)
    return [a.texts() == b.texts() for a, b in zip(rebuilt, tables, strict=True)], got


def test_a_large_department_with_sparse_dimensions_is_rebuilt_table_for_table(
        tmp_path: Path) -> None:
    """250 projects (past the solver) in 12 一般公共预算 项; 政府性基金, 国有资本经营, 财政专户 and
    单位资金 6 projects each, two or three to a 项; 上年结转 25 projects in a few 项. The packing
    refuses such sparse dimensions and the swap search missed them (9 of 13 tables); the cover
    places them first, then the packing fills the rest."""
    budget = sparse_department(20, 250, dense=12, kept=6, seed=4)
    assert len(budget.projects) > SOLVER_PROJECTS
    same, got = exact_tables(budget, tmp_path)
    assert same == [True] * 13
    assert [f for f in run_checks(got) if f.check in ("income-balance", "basic-balance")] == []


def test_a_department_within_the_solver_with_sparse_dimensions_is_rebuilt(tmp_path: Path
                                                                          ) -> None:
    """120 projects (within the solver's reach) in 8 一般公共预算 项, the other sources 4 projects
    each two or three to a 项: HiGHS's branching found no assignment (8 of 13 tables); the
    exact searches now run first past EXACT_FIRST projects, and after the solver below it."""
    from app.imports.tables.functions import EXACT_FIRST

    budget = sparse_department(10, 120, dense=8, kept=4, seed=7)
    assert EXACT_FIRST < len(budget.projects) <= SOLVER_PROJECTS
    same, got = exact_tables(budget, tmp_path)
    assert same == [True] * 13
    assert [f for f in run_checks(got) if f.check in ("income-balance", "basic-balance")] == []


def assert_within_rounding(found: list[int], values: list[list[int]],
                           wanted: list[list[int | None]]) -> None:
    """Every 项's projects sum to its printed figure within the rounding: 50 元 of the figure's
    and 50 元 of each project's."""
    for t, figure in enumerate(wanted):
        members = [p for p, home in enumerate(found) if home == t]
        assert abs(sum(values[p][0] for p in members) - (figure[0] or 0)) <= 50 + 50 * len(members), t


def test_the_cover_splits_two_or_three_projects_to_a_bin() -> None:
    """Seeded problems of one sparse dimension: 10 项 with two or three projects each, printed
    to 100 元; the cover finds an answer that every 项's figure allows, and the same each time."""
    for seed in range(5):
        rng = random.Random(seed)
        where = [t for t in range(10) for _ in range(rng.choice((2, 3)))]
        values = [[rng.randint(50, 50_000) * 100] for _ in where]
        exact = [0.0] * 10
        for v, t in zip(values, where, strict=True):
            exact[t] += v[0] + rng.uniform(-49, 49)
        wanted: list[list[int | None]] = [[int(round(x, -2))] for x in exact]
        fixed = [[50] for _ in wanted]
        allowed = [[True] * 10 for _ in values]
        spread = [[50] for _ in values]
        found = cover.solve(values, wanted, fixed, spread, allowed, [0])
        assert found is not None
        assert found == cover.solve(values, wanted, fixed, spread, allowed, [0])
        assert_within_rounding(found, values, wanted)


def test_the_cover_gives_up_within_its_work() -> None:
    """No answer: a 项 that no set of projects reaches is said to have none (None), quickly."""
    values = [[100_000], [200_000], [300_000]]
    wanted: list[list[int | None]] = [[150_000], [450_000]]
    assert cover.solve(values, wanted, [[50], [50]], [[50]] * 3, [[True, True]] * 3, [0]) is None
    assert cover.solve(values, [[300_000], [300_000]], [[50], [50]], [[50]] * 3, [[True, True]] * 3,
                       [0], work=1) is None


Dimension = tuple[list[list[int]], list[list[int | None]], list[list[int]], list[list[int]],
              list[list[bool]]]


def spread_dimension(seed: int) -> Dimension:
    """One dimension as the generator spreads it (values, wanted, fixed, spread, allowed)."""
    rng = random.Random(seed)
    where = [t for t in range(45) for _ in range(rng.choice((2, 3, 4)))]
    values = [[rng.randint(50, 50_000) * 100] for _ in where]
    exact = [0.0] * 45
    for v, t in zip(values, where, strict=True):
        exact[t] += v[0] + rng.uniform(-49, 49)
    wanted: list[list[int | None]] = [[int(round(x, -2))] for x in exact]
    return values, wanted, [[50] for _ in wanted], [[50] for _ in values], [[True] * 45 for _ in values]


def test_the_cover_splits_a_dimension_spread_over_45_items() -> None:
    """One dimension as the generator spreads it: about 135 projects over all 45 项, two to four
    to a 项, amounts up to 5 M元 printed to 100 元. The cover of round 4 (the bin with the fewest
    subsets first, at most 32 of them tried) found none within its work (seeds 0 and 3, about
    2 s of CPU each); listing every set of up to four projects per 项 and filling the four
    largest 项 last finds one (about 1 s each), the same each time (checked on seed 3)."""
    for seed in (0, 3):
        values, wanted, fixed, spread, allowed = spread_dimension(seed)
        found = cover.solve(values, wanted, fixed, spread, allowed, [0])
        assert found is not None
        if seed == 3:
            assert found == cover.solve(values, wanted, fixed, spread, allowed, [0])
        assert_within_rounding(found, values, wanted)


def test_the_cover_tries_a_dimension_again_in_another_order() -> None:
    """A search that went wrong near its top works through its whole budget in vain: seed 1's
    dimension is not covered by one search within 1 M units of work (it needs 2.3 M), but tried
    again in other (seeded) orders, 0.5 M units then twice as many, it is, the same each time."""
    values, wanted, fixed, spread, allowed = spread_dimension(1)
    assert cover.solve(values, wanted, fixed, spread, allowed, [0], work=1_000_000,
                       restarts=0) is None
    found = cover.solve(values, wanted, fixed, spread, allowed, [0], work=1_000_000, restarts=4)
    assert found is not None
    assert found == cover.solve(values, wanted, fixed, spread, allowed, [0], work=1_000_000,
                                restarts=4)
    assert_within_rounding(found, values, wanted)


def test_the_cover_puts_every_bin_of_round_figures_exactly_at_its_figure() -> None:
    """A dimension set in round figures (万元, 千元 or 百元): about 100 projects over 45 项, three
    项 holding five or six. Every 项's figure is the exact sum of its projects, so the exact pass
    finds an answer with no 项 off by a printed unit (the pass within the rounding alone left
    some off, and the amount fit then moves round amounts: 236 of 250 kept, in the import)."""
    for seed in range(5):
        rng = random.Random(seed)
        where = [t for t in range(45)
                 for _ in range(rng.choice((5, 6)) if t % 15 == 7 else rng.choice((1, 2, 3)))]
        values = [[round(rng.randint(10_000, 30_000_000), -rng.choice((4, 3, 2)))]
                  for _ in where]
        wanted: list[list[int | None]] = [[0] for _ in range(45)]
        for v, t in zip(values, where, strict=True):
            wanted[t][0] = (wanted[t][0] or 0) + v[0]
        found = cover.solve(values, wanted, [[50]] * 45, [[50]] * len(values),
                            [[True] * 45 for _ in values], [0])
        assert found is not None
        off = [t for t in range(45) if sum(v[0] for v, home in zip(values, found, strict=True)
                                           if home == t) != wanted[t][0]]
        assert off == []


def test_the_cover_places_a_shared_project_where_the_later_dimension_can_hold_it() -> None:
    """Two sparse dimensions: B and A give 5 each to 项 0 and 1 in the first; A also has 7 in
    the second, where 项 1's 10 can only be D's (C may not go there). The first dimension's
    search, alone, puts B in 项 0 and A in 项 1 (any set of its own will do) and the second then
    has no answer; with the later bins listed ahead (`ahead`), A goes to 项 0 (with C: 10)."""
    values = [[5, 0], [5, 7], [0, 3], [0, 10], [100, 100]]  # B, A, C, D, E
    wanted: list[list[int | None]] = [[5, 10], [5, 10], [100, 100]]
    allowed = [[True] * 3, [True] * 3, [True, False, False], [True] * 3, [True] * 3]

    def covered(looks_ahead: bool, chained: bool = False) -> list[int] | None:
        c = cover.Cover(values, wanted, [[0, 0]] * 3, [[0, 0]] * 5, allowed, [0, 1], 10_000)
        c.exact, c.last, c.looks_ahead, c.chained = True, 1, looks_ahead, chained
        return cover.run(c)

    assert covered(False) is None
    assert covered(True) == [1, 0, 0, 1, 2]
    assert covered(False, chained=True) == [1, 0, 0, 1, 2]  # the first answer sent back


def shared_round_figures(seed: int) -> tuple[list[list[int]], list[list[int | None]]]:
    """Two sparse dimensions over 12 项 in round figures (千元): the first one to three
    projects a 项, six of them with money in the second too (at the same 项), the second two
    to four projects a 项 of its own besides; every figure the exact sum of its 项's."""
    rng = random.Random(seed)
    values: list[list[int]] = []
    where: list[int] = []
    first = [t for t in range(12) for _ in range(rng.choice((1, 2, 3)))]
    second = [t for t in range(12) for _ in range(rng.choice((1, 2, 3)) + 1)]
    for k, t in enumerate(first):
        values.append([round(rng.randint(10_000, 3_000_000), -3),
                       round(rng.randint(10_000, 3_000_000), -3) if k < 6 else 0])
        where.append(t)
    for t in second:
        values.append([0, round(rng.randint(10_000, 3_000_000), -3)])
        where.append(t)
    wanted: list[list[int | None]] = [[0, 0] for _ in range(12)]
    for v, t in zip(values, where, strict=True):
        for d in (0, 1):
            wanted[t][d] = (wanted[t][d] or 0) + v[d]
    return values, wanted


def test_the_cover_takes_the_first_dimension_s_next_answer_when_a_later_one_has_none() -> None:
    """Seed 6 of two sparse dimensions sharing six projects, in round figures (60 projects):
    the first dimension's answer puts its shared projects where the second cannot close, and
    the search of round 6 (each dimension once, in turn; the look-ahead's sets of up to four
    within the rounding did not help) found no cover in any pass. The pass within the rounding
    now goes back into the first dimension's search for its next answer when the second
    finds none (`Cover.chain`): after three such it covers both, every 项 exactly at its
    figure in both dimensions (so no amount needs moving), the same each time."""
    values, wanted = shared_round_figures(6)
    args = ([[50, 50]] * 12, [[50, 50]] * len(values), [[True] * 12 for _ in values], [0, 1])
    found = cover.solve(values, wanted, *args)
    assert found is not None
    assert found == cover.solve(values, wanted, *args)
    for t in range(12):
        for d in (0, 1):
            assert sum(v[d] for v, home in zip(values, found, strict=True) if home == t) == wanted[t][d]

