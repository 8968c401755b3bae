"""Generated departments whose many projects sit in few function 项 (as most real departments'
do), imported from their 13 tables: all 13 come back figure for figure, `check` finds no
balance 错误, and round amounts come back as set."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.checks.registry import run_checks
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook
from tests.unit.imports.test_table_import_exact import BALANCE, rounded
from tests.unit.imports.test_table_import_packing import imported_exactly, in_functions


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), units=st.integers(2, 20), projects=st.integers(20, 120),
       functions=st.integers(2, 8), round_figures=st.booleans())
@example(seed=1, units=10, projects=60, functions=5, round_figures=False)  # 48 of 60 in one 项
@example(seed=1, units=20, projects=120, functions=6, round_figures=False)
@example(seed=2, units=10, projects=60, functions=5, round_figures=True)
@example(seed=1870, units=2, projects=59, functions=5, round_figures=True)  # 14 amounts moved
@example(seed=9976, units=2, projects=69, functions=8, round_figures=False)  # no search found one
@example(seed=3905, units=4, projects=58, functions=3, round_figures=False)  # its exact packing
# found by this test at random: table 12 missed by a 分 of 万元 in each of three tries; its
# sixth try's packing order is exact (`importer.tries`: a small department gets up to twelve)
@example(seed=178, units=17, projects=93, functions=6, round_figures=False)
# found at random too: its orders placed the projects 0, 1, 1, 0, 1, 2, 0, 1, 3; exact at the
# fourth new placing (the tries once ended at the second repeat)
@example(seed=8673, units=18, projects=90, functions=8, round_figures=False)
@example(seed=1, units=18, projects=91, functions=8, round_figures=False)  # 0, 0, 0, 1
def test_many_projects_in_few_functions(seed: int, units: int, projects: int, functions: int,
                                        round_figures: bool, tmp_path: Path) -> None:
    original = in_functions(generate(units=units, projects=projects, seed=seed), functions)
    if round_figures:
        original = rounded(original, seed)
    got = imported_exactly(original, tmp_path)
    assert [f for f in run_checks(got) if f.check in BALANCE] == []
    if round_figures:
        by_name = {p.name: p for p in original.projects}
        same = sum((p.amounts, p.carryover) == (by_name[p.name].amounts, by_name[p.name].carryover)
                   for p in got.projects)
        assert same >= 0.95 * len(got.projects)


def test_tables_in_yuan_place_every_project_in_its_own_function(tmp_path: Path) -> None:
    """Tables in 元 print amounts to the 分, which every exact search refuses (the bit sets of a
    项's figure in 分 are too large) and the solver cannot meet within its nodes; the greedy
    fallback then put 45 of 60 projects in another 项 than the department's (tables 1–5, 8, 9
    wrong, 15 disagreements). Searched in 百元 as a 万元 table is, 7 were (tables 1, 2 and 5
    differed); the exchanges that meet each 项 to the 分 (`mend`) leave none."""
    from tests.helpers.table_workbook import Layout

    original = in_functions(generate(units=10, projects=60, seed=5), 4)
    tables = build_tables(original)
    result = import_tables(write_workbook(tables, tmp_path / "t.xlsx", Layout(unit="元")))
    assert result.budget is not None
    by_name = {p.name: p.function for p in original.projects}
    misplaced = sum(p.function != by_name[p.name] for p in result.budget.projects)
    assert misplaced == 0
