"""A fuzz of the data-workbook importer: N mutants of the sample's data workbook (hostile
values, broken headers, missing sheets, stray far cells, damaged bytes).

Prints how many imported, how many were refused with problems, the tracebacks (must be 0),
the slowest run and the peak memory. Usage: python -m tests.benchmarks.bench_fuzz_workbook [N]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from app.profiles.shanxi.sample import load_sample
from reports.excel_data import data_workbook, save
from tests.helpers.mutants import fuzz


def main(runs: int) -> int:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        original = folder / "sample.xlsx"
        save(data_workbook(load_sample()), original)
        start = time.perf_counter()
        report = fuzz(original, folder, runs, seed=2026)
        took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{report.runs} mutants in {took:.0f} s: {report.budgets} imported, "
          f"{report.refused} refused with problems, {len(report.tracebacks)} tracebacks; "
          f"slowest {report.slowest:.2f} s; peak memory {peak:.0f} MB")
    for text in report.tracebacks[:5]:
        print(text)
    return 1 if report.tracebacks else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
