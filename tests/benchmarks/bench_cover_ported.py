"""Benchmark: the generator's default department (`generate(100, 1000, seed)`) imported as the
import now stands (the 上年结转 intervals inside the cover, the net after it: round 9), per seed:
the tables exact, the import's CPU, and what the cover and the net did (traced by wrapping
their functions in this script only).

Run: python tests/benchmarks/bench_cover_ported.py [seed …]  (seeds 1–4 by default)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.imports.tables import cover, net
from tests.benchmarks.bench_cover_rooms import import_seed

LOG: list[str] = []
SHOWN = 6  # the report's differences printed per seed, at most
SOLVE_SPENT, MEND, RUN = cover.solve_spent, net.mend, cover.run


def traced_run(c: cover.Cover) -> Any:
    cpu = time.process_time()
    work = c.work
    found = RUN(c)
    kind = "exact" if c.exact else "ahead" if c.looks_ahead else "within"
    LOG.append(f"    {kind:6} pass: {'answer' if found is not None else 'none'}, work "
               f"{work - max(c.work, 0):,}, {c.refused} sets refused by the 上年结转 intervals, "
               f"{c.rejected} sent back, {time.process_time() - cpu:.2f} s")
    return found


def traced_mend(where: Any, values: Any, wanted: Any, fixed: Any, spread: Any, allowed: Any,
                sparse: Any, bounds: Any, work: int = net.NET_WORK) -> Any:
    cpu = time.process_time()
    bad = net.failing(where, values, wanted, fixed, sparse, bounds)
    LOG.append(f"  the cover's answer: bins failing {bad}")
    new = MEND(where, values, wanted, fixed, spread, allowed, sparse, bounds, work)
    after = net.failing(new, values, wanted, fixed, sparse, bounds)
    moved = sum(1 for a, b in zip(where, new, strict=True) if a != b)
    LOG.append(f"  the net: {time.process_time() - cpu:.2f} s, {moved} moved, bins failing "
               f"after {after}")
    return new


def traced_spent(*args: Any, **kwargs: Any) -> Any:
    cpu = time.process_time()
    found, spent = SOLVE_SPENT(*args, **kwargs)
    LOG.append(f"  solve ({len(args[0])} projects, work given {kwargs.get('work', cover.WORK):,}): "
               f"{'answer' if found is not None else 'none'}, work {spent:,}, "
               f"{time.process_time() - cpu:.2f} s")
    return found, spent


def main(args: list[str]) -> None:
    seeds = [int(a) for a in args if not a.startswith("--")] or [1, 2, 3, 4]
    if "--quiet" not in args:
        cover.run = traced_run  # type: ignore[assignment]
        cover.solve_spent = traced_spent  # type: ignore[assignment]
        net.mend = traced_mend  # type: ignore[assignment]
    for seed in seeds:
        LOG.clear()
        result, wrong, cpu = import_seed(seed)
        print("\n".join(LOG))
        print(f"seed {seed}: {13 - len(wrong):>2}/13 tables exact {wrong}, {cpu:5.2f} s CPU",
              flush=True)
        shown = [line for line in result.report.differences if not line.startswith("表1")]
        for line in shown[:SHOWN]:
            print("   ", line)
        if len(shown) > SHOWN:
            print(f"    … {len(shown) - SHOWN} differences more")


if __name__ == "__main__":
    main(sys.argv[1:])
