"""Benchmark: where the cover of the function 项 fails on the generator's default department at
other seeds (issue 16, round 8): for each pass and sparse dimension, its projects, the outcome
(covered, no answer, or the pass's work or rejection budget spent), the work spent and left, the
answers the chain sent back; and at the top of each dimension's search within the rounding, the
bins whose listing leaves a single set (forced), with how many projects that set has.

Imports `generate(100, 1000, seed)` for each seed given (1–4 by default), the cover traced by
patching its methods in this script only (cover.py is not changed), and prints the tables that
come out exact and the import's CPU.

Run: python tests/benchmarks/bench_cover_seeds.py [seed …]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.imports.tables import cover
from tests.benchmarks import bench_cover_rooms as br

NAMES = {0: "一般公共预算", 1: "政府性基金", 2: "国资经营", 3: "其他", 4: "上年结转", 5: "财政专户",
         6: "单位资金"}
DIMENSION = cover.Cover.dimension
TRIES = cover.Cover.tries


def traced_dimension(self: cover.Cover, d: int, chained: bool = False) -> bool:
    work, cpu = self.work, time.process_time()
    items = sum(1 for p, row in enumerate(self.v) if row[d] and self.where[p] < 0)
    kind = "exact" if self.exact else "ahead" if self.looks_ahead else "within"
    head = f"  {kind:6} {NAMES.get(d, d)}: {items} projects"
    try:
        done = DIMENSION(self, d, chained)
    except cover.OutOfWork as stop:
        print(f"{head}: {type(stop).__name__}, work {work - self.work:,} spent, "
              f"{max(self.work, 0):,} left, {self.rejected} sent back, "
              f"{time.process_time() - cpu:.2f} s", flush=True)
        raise
    print(f"{head}: {'covered' if done else 'no answer'}, work {work - self.work:,} spent, "
          f"{self.work:,} left, {self.rejected} sent back, {time.process_time() - cpu:.2f} s",
          flush=True)
    return done


def traced_tries(self: cover.Cover, lists: dict[int, list[Any]], rest: Any, need: int, d: int
                 ) -> dict[int, list[int]] | None:
    if not self.exact:
        forced = sorted((t, len(sets[0][1])) for t, sets in lists.items() if len(sets) == 1)
        print(f"    {NAMES.get(d, d)}: {len(lists)} bins listed, {len(rest.bins)} last; forced "
              f"(项 index, projects in its one set): {forced}", flush=True)
    return TRIES(self, lists, rest, need, d)


def main(args: list[str]) -> None:
    seeds = [int(a) for a in args] or [1, 2, 3, 4]
    cover.Cover.dimension = traced_dimension  # type: ignore[method-assign]
    cover.Cover.tries = traced_tries  # type: ignore[method-assign]
    for seed in seeds:
        print(f"seed {seed}:", flush=True)
        _result, wrong, cpu = br.import_seed(seed)
        print(f"seed {seed}: {13 - len(wrong)}/13 tables exact {wrong}, {cpu:.2f} s CPU "
              "(traced)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
