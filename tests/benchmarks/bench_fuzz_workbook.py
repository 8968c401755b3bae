"""A fuzz of both importers: N mutants of the sample's data workbook, and N of its 13-table
workbook for import-tables (hostile values, broken headers, missing sheets, stray far cells,
damaged bytes).

Prints, for each, how many imported, how many were refused with problems, the tracebacks (must
be 0), the slowest run, and the peak memory. Usage:
python -m tests.benchmarks.bench_fuzz_workbook [N] [data|tables]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from app.profiles.registry import profile_of
from app.profiles.shanxi.sample import load_sample
from reports.excel_data import data_workbook, save
from reports.excel_tables import tables_workbook
from tests.helpers.mutants import Report, fuzz, read_data, read_tables


def main(runs: int, which: tuple[str, ...]) -> int:
    failed = 0
    for kind in which:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            original = folder / "sample.xlsx"
            sample = load_sample()
            if kind == "data":
                save(data_workbook(sample), original)
            else:
                template, doc_kind = profile_of(sample)
                tables_workbook(template.tables(sample, doc_kind)).save(original)
            start = time.perf_counter()
            report = fuzz(original, folder, runs, seed=2026,
                          reader=read_data if kind == "data" else read_tables)
            took = time.perf_counter() - start
        failed += show(kind, report, took)
    return 1 if failed else 0


def show(kind: str, report: Report, took: float) -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"[{kind}] {report.runs} mutants in {took:.0f} s: {report.budgets} imported, "
          f"{report.refused} refused with problems, {len(report.tracebacks)} tracebacks; "
          f"slowest {report.slowest:.2f} s; peak memory {peak:.0f} MB")
    for text in report.tracebacks[:5]:
        print(text)
    return 1 if report.tracebacks else 0


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.exit(main(count, tuple(sys.argv[2:]) or ("data", "tables")))
