"""Benchmark: importing the 13 tables from Excel, for the sample and generated departments.

Run: python tests/benchmarks/bench_table_import.py   (prints figures; record them in docs/benchmarks.md)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.records import Budget
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook


def report(name: str, budget: Budget, folder: Path) -> None:
    tables = build_tables(budget)
    path = write_workbook(tables, folder / "tables.xlsx")
    start = time.perf_counter()
    result = import_tables(path)
    seconds = time.perf_counter() - start
    assert result.budget is not None
    same = sum(a.texts() == b.texts() for a, b in zip(build_tables(result.budget), tables, strict=True))
    print(f"{name:<40} {seconds:7.2f} s  {same}/13 tables figure for figure")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        report("sample (3 units, 13 projects)", load_sample(), Path(folder))
        report("generated, 10 units, 60 projects", generate(10, 60, seed=1), Path(folder))
        report("generated, 100 units, 1,000 projects", generate(100, 1000, seed=1), Path(folder))
