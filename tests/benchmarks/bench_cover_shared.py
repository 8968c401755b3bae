"""Benchmark: the shared projects placed first (`shared.Shared`, issue 16 round 9c), then the
cover's chain, on the cover's inputs captured from an import of `generate(100, 1000, seed)`
(`python tests/benchmarks/bench_cover_restarts.py --capture SEED` writes them): per try of the
shared search (the first in order, the next ones seeded), whether it placed them, its tests,
and whether the chain then covered every dimension, its work and CPU.

Run: python tests/benchmarks/bench_cover_shared.py [--tries=N] [--work=N] [--cover=N] [seed …]
(--work: the shared search's tests; --cover: the chain's work after it; --by_bin=0: a closed
bin's reach as `Cover.reaches`, every free project counted; --leaf=N: the chain run at each
full placement of the shared search, which goes on when it fails, up to N placements, each
given the --cover work over N; --tight=0: without the closed bins' disjoint sets test)
"""

from __future__ import annotations

import os
import pickle
import random
import sys
import time
from collections.abc import Callable

sys.path.insert(0, os.getcwd())

from app.imports.tables import cover
from tests.benchmarks import shared_first as shared
from tests.benchmarks.bench_cover_restarts import path
from tests.benchmarks.bench_cover_truth import fresh


def at_leaf(c: cover.Cover, order: list[int], budget: int, leaf: int, leaves: list[str]
            ) -> Callable[[], bool]:
    """The chain, given budget // leaf work, run at a full placement of the shared search;
    its outcome kept in leaves; the search stopped after leaf placements."""
    def accept() -> bool:
        saved, c.work, c.rejected = c.state(), budget // leaf, 0
        try:
            ok = c.chain(order)
        except cover.OutOfWork as stop:
            ok = False
            leaves.append(type(stop).__name__)
        else:
            leaves.append("covered" if ok else "no answer")
        if not ok:
            c.restore(saved)
            if len(leaves) >= leaf:
                raise shared.Spent
        return ok
    return accept


def run(seed: int, tries: int, work: int, budget: int, by_bin: bool, leaf: int,
        tight: bool) -> None:
    with open(path(seed), "rb") as source:
        args, _kwargs = pickle.load(source)
    for attempt in range(tries):
        cpu = time.process_time()
        c, order = fresh(tuple(args))
        c.work = budget
        s = shared.Shared(c, random.Random(attempt) if attempt else None, work)
        s.by_bin, s.tight = by_bin, tight
        leaves: list[str] = []
        if leaf:  # the chain run at each full placement, with its work, up to leaf times
            s.accept = at_leaf(c, order, budget, leaf, leaves)
        placed = s.search()
        mid = time.process_time()
        outcome = f"at each placement {leaves}" if leaf else "-"
        if placed and not leaf:
            try:
                outcome = "covered" if c.chain(order) else "no answer"
            except cover.OutOfWork as stop:
                outcome = type(stop).__name__
        print(f"seed {seed} try {attempt}: {len(s.projects)} shared "
              f"{'placed' if placed else 'not placed'} ({s.deepest} at most), {s.tests:,} tests, "
              f"{mid - cpu:.2f} s; the chain {outcome}, work {budget - max(c.work, 0):,}, "
              f"{c.rejected} sent back, {time.process_time() - mid:.2f} s CPU "
              f"(load {os.getloadavg()[0]:.1f})", flush=True)
        if outcome == "covered":
            break


def main(argv: list[str]) -> None:
    options = {a[2:].split("=")[0]: int(a.split("=")[1]) for a in argv if a.startswith("--")}
    for seed in [int(a) for a in argv if not a.startswith("--")] or [1, 2, 3, 4]:
        run(seed, options.get("tries", 3), options.get("work", shared.SHARED_WORK),
            options.get("cover", 2_000_000), bool(options.get("by_bin", 1)),
            options.get("leaf", 0), bool(options.get("tight", 1)))


if __name__ == "__main__":
    main(sys.argv[1:])
