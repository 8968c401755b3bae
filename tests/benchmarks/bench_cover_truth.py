"""Benchmark: the cover of the generator's default department (`generate(100, 1000, seed)`)
measured against the original assignment (issue 16, round 9b): how far the first dimension's
answers lie from it, and whether the later dimensions can be covered when the first ones are
given their original 项.

For each seed the import is run up to the cover (its inputs and each project's original 项
captured, then stopped), and on those inputs alone:
- the first dimension's (上年结转's) first answer, in the cover's order and in TRIES seeded
  orders (jitter FAR): how many of its projects are not at their original 项;
- the first FIRST dimensions placed as in the original, the others covered by `Cover.chain`
  with the cover's WORK: the outcome, the work spent and CPU.

Run: python tests/benchmarks/bench_cover_truth.py [--first=N] [--tries=N] [--shared=1] [seed …]
(--shared=1: of the first N dimensions only the projects with money in a later one placed as
in the original, their other projects covered with the later dimensions)
"""

from __future__ import annotations

import os
import random
import sys
import time
from typing import Any

sys.path.insert(0, os.getcwd())

from app.imports.tables import cover, large
from app.imports.tables.packing import common_grain
from tests.benchmarks.bench_cover_rooms import import_seed
from tests.helpers.synthetic import generate

FAR = 3.0  # the seeded orders' jitter (cover.JITTER is 0.3)


class Captured(Exception):
    """The cover's inputs are taken: the import stops there."""


def capture(seed: int) -> tuple[tuple[Any, ...], list[int]]:
    """The arguments of the import's first `cover.solve_spent`, and each of its projects'
    original 项 (an index into the cover's 项)."""
    truth: list[int] = []
    taken: list[tuple[Any, ...]] = []
    by_cover, spent = large.by_cover, cover.solve_spent
    names = {p.name: p.function for p in generate(100, 1000, seed=seed).projects}

    def kept_cover(projects: Any, ordered: Any, *args: Any, **kwargs: Any) -> Any:
        codes = [t.code for t in ordered]
        truth.extend(codes.index(names[p.name]) for p in projects)
        return by_cover(projects, ordered, *args, **kwargs)

    def kept_spent(*args: Any) -> Any:
        taken.append(args)
        raise Captured

    large.by_cover, cover.solve_spent = kept_cover, kept_spent  # type: ignore[assignment]
    try:
        import_seed(seed)
    except Captured:
        pass
    finally:
        large.by_cover, cover.solve_spent = by_cover, spent  # type: ignore[assignment]
    return taken[0], truth


def fresh(args: tuple[Any, ...]) -> tuple[cover.Cover, list[int]]:
    """The pass within the rounding's Cover on the captured arguments, and the dimensions'
    order (as `Cover.search`)."""
    values, wanted, fixed, spread, allowed, sparse = args[:6]
    bounds = args[8] if len(args) > 8 else None
    grain = common_grain(values, wanted, sparse)
    dims = len(values[0])
    scaled = [[row[d] // grain if d in sparse else row[d] for d in range(dims)] for row in values]
    figures = [[None if w[d] is None else (w[d] or 0) // grain if d in sparse else w[d]
                for d in range(dims)] for w in wanted]
    c = cover.Cover(scaled, figures, fixed, spread, allowed, sparse, cover.WORK, grain, bounds)
    return c, sorted(sparse, key=lambda d: (sum(1 for row in scaled if row[d]), d))


def distance(args: tuple[Any, ...], truth: list[int], tries: int, seed: int) -> None:
    original = cover.Cover.tries
    for attempt in range(tries):
        jitter, cover.JITTER = cover.JITTER, FAR
        c, order = fresh(args)
        d0 = order[0]

        def one(self: cover.Cover, lists: Any, rest: Any, need: int, d: int,
                attempt: int = attempt) -> Any:
            self.rng = random.Random(attempt * 1_000 + d) if attempt else None
            return self.close(lists, 0, rest, need)

        cover.Cover.tries = one  # type: ignore[method-assign]
        try:
            found = c.dimension(d0)
        except cover.OutOfWork:
            found = False
        finally:
            cover.Cover.tries, cover.JITTER = original, jitter  # type: ignore[method-assign]
        items = [p for p, row in enumerate(c.v) if row[d0]]
        moved = [p for p in items if c.where[p] != truth[p]]
        shared = [p for p in moved if any(c.v[p][o] for o in c.sparse if o != d0)]
        print(f"seed {seed}, dimension {d0}'s answer in order {attempt}: "
              f"{'found' if found else 'none'}, {len(moved)}/{len(items)} projects not at their "
              f"original 项 ({len(shared)} of them with money in a later sparse dimension)",
              flush=True)


def given(args: tuple[Any, ...], truth: list[int], first: int, seed: int,
          shared: bool = False) -> None:
    """shared: of the first dimensions only the projects with money in a later sparse one
    placed as in the original, the others searched (with the later dimensions)."""
    c, order = fresh(args)
    for d in order[:first]:
        for p, row in enumerate(c.v):
            if row[d] and c.where[p] < 0 and (not shared or any(
                    row[o] for o in order[first:])):
                c.place(p, truth[p])
        if not shared:
            c.done.add(d)
    cpu = time.process_time()
    try:
        outcome = "covered" if c.chain(order[first - first * shared:]) else "no answer"
    except cover.OutOfWork as stop:
        outcome = type(stop).__name__
    print(f"seed {seed}, order {order}, the first {first} as in the original"
          f"{' (only their projects shared with a later one)' if shared else ''}: the rest "
          f"{outcome}, work {cover.WORK - max(c.work, 0):,}, {c.rejected} answers sent back, "
          f"{time.process_time() - cpu:.2f} s CPU (load {os.getloadavg()[0]:.1f})", flush=True)


def main(argv: list[str]) -> None:
    options = {a[2:].split("=")[0]: int(a.split("=")[1]) for a in argv if a.startswith("--")}
    for seed in [int(a) for a in argv if not a.startswith("--")] or [2, 3, 4]:
        args, truth = capture(seed)
        distance(args, truth, options.get("tries", 3), seed)
        given(args, truth, options.get("first", 1), seed, bool(options.get("shared", 0)))


if __name__ == "__main__":
    main(sys.argv[1:])
