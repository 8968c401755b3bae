"""Benchmark: building all 13 tables for the sample and for a generated large department.

Run: python tests/benchmarks/bench_tables.py   (prints figures; record them in docs/benchmarks.md)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.records import Budget
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def report(name: str, budget: Budget, repeat: int) -> None:
    build_tables(budget)  # warm the catalog cache
    median, best = timed(lambda: build_tables(budget), repeat)
    rows = sum(len(t.rows) for t in build_tables(budget))
    print(f"{name:<40} {median:8.1f} ms median  {best:8.1f} ms best  ({rows} rows)")


if __name__ == "__main__":
    report("sample (3 units, 13 projects)", load_sample(), 50)
    report("generated (100 units, 1,000 projects)", generate(100, 1000), 10)
    report("generated (200 units, 2,000 projects)", generate(200, 2000), 5)
