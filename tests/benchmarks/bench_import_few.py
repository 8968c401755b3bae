"""Benchmark: the table import on many generated departments whose projects sit in few function
项 (as most real departments' do): 20–120 projects in 2–8 项, 2–20 units, half in round
figures, drawn from a seeded generator. For each: all 13 tables rebuilt figure for figure and
no disagreement reported, no balance 错误 in `check`, and (round figures) at least 95 % of the
projects' amounts as set. Prints the failures and the count.

Run: python tests/benchmarks/bench_import_few.py [COUNT] [SEED]   (defaults 100 and 1)
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.checks.registry import run_checks
from tests.helpers.synthetic import generate
from tests.unit.imports.test_table_import_exact import BALANCE, rounded
from tests.unit.imports.test_table_import_packing import imported_exactly, in_functions


def main(count: int, seed: int) -> None:
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    rng = random.Random(seed)
    failed, start = 0, time.perf_counter()
    for _ in range(count):
        case = dict(seed=rng.randint(0, 10_000), units=rng.randint(2, 20),
                    projects=rng.randint(20, 120), functions=rng.randint(2, 8),
                    round_figures=rng.random() < 0.5)
        original = in_functions(generate(units=case["units"], projects=case["projects"],
                                         seed=case["seed"]), case["functions"])
        if case["round_figures"]:
            original = rounded(original, case["seed"])
        try:
            with tempfile.TemporaryDirectory() as folder:
                got = imported_exactly(original, Path(folder))
        except AssertionError:
            failed += 1
            print(f"  not rebuilt exactly: {case}")
            continue
        balance = [f for f in run_checks(got) if f.check in BALANCE]
        by_name = {p.name: p for p in original.projects}
        same = sum((p.amounts, p.carryover) == (by_name[p.name].amounts, by_name[p.name].carryover)
                   for p in got.projects)
        if balance or (case["round_figures"] and same < 0.95 * len(got.projects)):
            failed += 1
            print(f"  {len(balance)} balance 错误, {same}/{len(got.projects)} as set: {case}")
    print(f"{count - failed}/{count} departments rebuilt exactly (round ones ≥ 95 % as set) "
          f"in {time.perf_counter() - start:.1f} s")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
