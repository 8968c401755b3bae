"""Benchmark: importing the 13 tables from Excel, for the sample and generated departments.

For each: the import's time, how many of the 13 rebuilt tables equal the workbook's figure for
figure, the balance 错误 `check` finds in the imported file (income = spending by source,
基本支出 two ways), and, for departments whose projects were set in round figures, how many
projects came back with exactly their original amounts. One case takes each project's 项 from
the original instead of finding it, to show what the exact amounts reach by themselves.

Run: python tests/benchmarks/bench_table_import.py   (prints figures; record them in docs/benchmarks.md)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.checks.registry import run_checks
from app.core.records import Budget
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import balanced, generate
from tests.helpers.table_workbook import Layout, write_workbook
from tests.unit.imports.test_table_import_cover import sparse_department
from tests.unit.imports.test_table_import_exact import rounded


def report(name: str, budget: Budget, folder: Path, layout: Layout | None = None) -> None:
    tables = build_tables(budget)
    path = write_workbook(tables, folder / "tables.xlsx", layout or Layout())
    start, cpu = time.perf_counter(), time.process_time()
    result = import_tables(path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert result.budget is not None
    got = result.budget
    same = sum(a.texts() == b.texts() for a, b in zip(build_tables(got), tables, strict=True))
    balance = sum(f.check in ("income-balance", "basic-balance") for f in run_checks(got))
    def key(b: Budget) -> dict[tuple[str, str], object]:
        unit = {u.code: u.name for u in b.units}
        return {(unit.get(p.unit, ""), p.name): p.amounts for p in b.projects}

    theirs = key(budget)
    kept = sum(theirs.get(k) == v for k, v in key(got).items())
    print(f"{name:<44} {seconds:7.2f} s ({cpu:5.2f} s CPU)  {same:>2}/13 tables exact  "
          f"{balance} balance 错误  "
          f"{kept}/{len(got.projects)} projects' amounts as set")


def with_functions_known(name: str, budget: Budget, folder: Path) -> None:
    """The import with each project's 项 taken from the original instead of found: what the
    exact amounts cost and reach by themselves once the assignment is right."""
    from app.imports.tables import mapping

    truth = {p.name: p.function for p in budget.projects}
    found = mapping.assign_functions

    def known(projects, targets, half, names, report, guessed=None, rooms=None, unmet=None):  # type: ignore[no-untyped-def]
        return [replace(p, function=truth[p.name]) for p in projects]

    mapping.assign_functions = known
    try:
        report(name, budget, folder)
    finally:
        mapping.assign_functions = found


def in_few_functions(budget: Budget, count: int) -> Budget:
    """The department with its projects spread over only count function 项 (as most real
    departments are: many projects in a few 项), income balanced again."""
    codes = sorted({p.function for p in budget.projects})[:count]
    projects = tuple(replace(p, function=codes[i % count]) for i, p in enumerate(budget.projects))
    return balanced(replace(budget, projects=projects))


if __name__ == "__main__":
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        report("sample (3 units, 13 projects)", load_sample(), Path(folder))
        report("generated, 10 units, 60 projects", generate(10, 60, seed=1), Path(folder))
        report("  … in round figures", rounded(generate(10, 60, seed=1), 1), Path(folder))
        report("generated, 100 units, 1,000 projects", generate(100, 1000, seed=1), Path(folder))
        report("  … in round figures", rounded(generate(100, 1000, seed=1), 1), Path(folder))
        report("  … in round 万元 only", rounded(generate(100, 1000, seed=1), 1, (10_000,)),
               Path(folder))
        report("  … in round 万元 or 千元",
               rounded(generate(100, 1000, seed=1), 1, (10_000, 1_000)), Path(folder))
        report("generated, 100 units, 1,000 projects in 8 项",
               in_few_functions(generate(100, 1000, seed=1), 8), Path(folder))
        report("  … in round figures",
               rounded(in_few_functions(generate(100, 1000, seed=1), 8), 1), Path(folder))
        report("generated, 20 units, 250 projects", generate(20, 250, seed=2), Path(folder))
        report("generated, 10 units, 60 projects in 5 项", in_few_functions(generate(10, 60, seed=1), 5),
               Path(folder))
        report("generated, 20 units, 120 projects in 6 项",
               in_few_functions(generate(20, 120, seed=1), 6), Path(folder))
        report("generated, 10 units, 60 projects in 4 项, tables in 元",
               in_few_functions(generate(10, 60, seed=5), 4), Path(folder), Layout(unit="元"))
        report("generated, 20 units, 120 projects in 6 项, tables in 元",
               in_few_functions(generate(20, 120, seed=1), 6), Path(folder), Layout(unit="元"))
        sparse = sparse_department(100, 1000, dense=45, kept=15, seed=1)
        report("1,000 projects in 45 项, 基金/国资/专户/单位资金 15 each, 2–3 to a 项", sparse,
               Path(folder))
        report("  … in round figures", rounded(sparse, 1), Path(folder))
        with_functions_known("1,000 projects, 项 given (not found)",
                             rounded(generate(100, 1000, seed=1), 1), Path(folder))
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
