"""Benchmark: how strong the shared-first search's tests are (`shared_first`, issue 16 round
9c), against the original assignment of `generate(100, 1000, seed)`: the first K shared
projects (in the cover's order) fixed to their original 项, the others searched; whether a
placement passing every test is found, the tests spent, and whether the cover's chain then
covers every dimension.

Run: python tests/benchmarks/bench_cover_shared_truth.py SEED [K]  (K: 58 by default, all)
The inputs and the original 项 are captured once (`bench_cover_truth.capture`, a partial
import) to /tmp/cover-truth-SEED.pkl.
"""

from __future__ import annotations

import os
import pickle
import sys
import time

sys.path.insert(0, os.getcwd())

from app.imports.tables import cover
from tests.benchmarks import shared_first as shared
from tests.benchmarks.bench_cover_truth import capture, fresh

TESTS = 5_000_000  # the search's tests


def main(argv: list[str]) -> None:
    seed = int(argv[0])
    fixed = int(argv[1]) if len(argv) > 1 else 1_000
    where = f"/tmp/cover-truth-{seed}.pkl"
    if os.path.exists(where):
        with open(where, "rb") as source:
            args, truth = pickle.load(source)
    else:
        args, truth = capture(seed)
        with open(where, "wb") as out:
            pickle.dump((args, truth), out)
    cpu = time.process_time()
    c, order = fresh(args)
    s = shared.Shared(c, None, TESTS)
    for d in c.sparse:
        c.reaches(0, d, 1 << 62, 0)
    domains = {p: ([truth[p]] if i < fixed else list(s.values[p]))
               for i, p in enumerate(s.projects)}
    try:
        found = "placed" if s.walk(domains) else "none"
    except shared.Spent:
        found = "out of tests"
    outcome = "-"
    if found == "placed":
        c.work = 4_000_000
        try:
            outcome = "covered" if c.chain(order) else "no answer"
        except cover.OutOfWork as stop:
            outcome = type(stop).__name__
        outcome += f" ({4_000_000 - max(c.work, 0):,} work)"
    print(f"seed {seed}: {min(fixed, len(s.projects))} of {len(s.projects)} shared fixed to "
          f"their original 项, the others {found} ({s.tests:,} tests, {s.deepest} at most); "
          f"the chain {outcome}; {time.process_time() - cpu:.2f} s CPU "
          f"(load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
