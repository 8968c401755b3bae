"""Benchmark (not a test): importing a 5,000-row data workbook; exporting the sample.

Run: python3 tests/benchmarks/bench_excel.py   (prints a Markdown table for docs/benchmarks.md)
Aims: the import under 3 s, each export of the sample under 0.5 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.identity import with_ids
from app.core.records import BasicByEconomic, BasicByFunction, Budget, Project, ProjectKind, Source, Split
from app.imports.workbook import read_data
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from reports.excel_data import data_workbook, save
from reports.excel_tables import tables_workbook


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median and best wall time and median CPU time (on a shared machine the comparable one)
    in seconds."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), min(times), statistics.median(cpu)


def large(sample: Budget) -> Budget:
    """The sample grown to 5,000 data rows: 2,000 + 2,000 基本支出 lines and 1,000 projects."""
    units = [u.code for u in sample.units]
    functions = sorted({b.function for b in sample.basic_function})
    pairs = sorted({(b.dept, b.gov) for b in sample.basic_economic})
    basic_f = tuple(BasicByFunction(units[i % 3], functions[i % len(functions)], Source.GENERAL,
                                    Decimal(1000 + i) + Decimal("0.25")) for i in range(2000))
    basic_e = tuple(BasicByEconomic(units[i % 3], *pairs[i % len(pairs)], Source.GENERAL,
                                    Decimal(2000 + i)) for i in range(2000))
    projects = tuple(Project(units[i % 3], f"项目{i:04d}", functions[i % len(functions)],
                             ProjectKind.TARGETED, Split(general=Decimal(10000 + i)))
                     for i in range(1000))
    return replace(sample, basic_function=basic_f, basic_economic=basic_e, projects=projects,
                   targets=())


def main() -> None:
    sample = load_sample()
    folder = Path(tempfile.mkdtemp())
    big = with_ids(large(sample))  # the ids an import gives its records
    big_path = folder / "big.xlsx"
    save(data_workbook(big), big_path)
    rows = len(big.basic_function) + len(big.basic_economic) + len(big.projects)
    budget, problems = read_data(big_path)
    assert budget == big and not problems, problems[:3]
    tables = build_tables(sample)
    cases = [
        (f"import a data workbook of {rows:,} rows ({big_path.stat().st_size // 1024} KB)",
         lambda: read_data(big_path), 5),
        ("export the sample's data workbook (--data)",
         lambda: save(data_workbook(sample), folder / "d.xlsx"), 10),
        ("export the sample's 13 tables",
         lambda: save(tables_workbook(build_tables(sample)), folder / "t.xlsx"), 10),
        ("  of which writing the 13-table workbook", lambda: tables_workbook(tables), 10),
        ("export and import the sample's data workbook",
         lambda: (save(data_workbook(sample), folder / "r.xlsx"), read_data(folder / "r.xlsx")), 10),
    ]
    print("| case | median | best | CPU (median) |")
    print("| --- | --- | --- | --- |")
    for name, work, repeat in cases:
        median, best, cpu = timed(work, repeat)
        print(f"| {name} | {median:.2f} s | {best:.2f} s | {cpu:.3f} s |")


if __name__ == "__main__":
    main()
