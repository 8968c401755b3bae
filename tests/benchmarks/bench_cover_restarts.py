"""Benchmark: the cover alone (`cover.solve_spent`) on inputs captured from an import of the
generator's default department (`generate(100, 1000, seed)`), so a change to its search is
measured in seconds: whether it finds an answer, the work spent, the top restarts taken and CPU.

The restarts from the top of the chain (round 9b: `Cover.tries`' TOP_* constants, set here by
--top_share=N …) are on branch h/seeds19-restarts only; on main the count printed is 0.

Capture once: python tests/benchmarks/bench_cover_restarts.py --capture SEED (writes
/tmp/cover-inputs-SEED.pkl from a full import); then: python tests/benchmarks/bench_cover_restarts.py SEED …
"""

from __future__ import annotations

import os
import pickle
import sys
import time
from typing import Any

sys.path.insert(0, os.getcwd())

from app.imports.tables import cover


def path(seed: int) -> str:
    return f"/tmp/cover-inputs-{seed}.pkl"


def capture(seed: int) -> None:
    from tests.benchmarks.bench_cover_rooms import import_seed
    original = cover.solve_spent
    calls: list[Any] = []

    def kept(*args: Any, **kwargs: Any) -> Any:
        if not calls:
            calls.append((args, kwargs))
            with open(path(seed), "wb") as out:
                pickle.dump((args, kwargs), out)
        return original(*args, **kwargs)

    cover.solve_spent = kept  # type: ignore[assignment]
    try:
        import_seed(seed)
    finally:
        cover.solve_spent = original  # type: ignore[assignment]


def rerun(seed: int) -> None:
    with open(path(seed), "rb") as source:
        args, kwargs = pickle.load(source)
    counted: list[int] = []
    original = cover.Cover.search

    def search(self: cover.Cover) -> bool:
        try:
            return original(self)
        finally:
            counted.append(getattr(self, "top_restarts", 0))  # (h/seeds19-restarts)

    cover.Cover.search = search  # type: ignore[method-assign]
    cpu = time.process_time()
    found, spent = cover.solve_spent(*args, **kwargs)
    cover.Cover.search = original  # type: ignore[method-assign]
    print(f"seed {seed}: {'answer' if found is not None else 'no answer'}, work {spent:,}, "
          f"top restarts by pass {counted}, {time.process_time() - cpu:.2f} s CPU "
          f"(load {os.getloadavg()[0]:.1f})", flush=True)


def main(args: list[str]) -> None:
    if args and args[0] == "--capture":
        for a in args[1:]:
            capture(int(a))
        return
    while args and args[0].startswith("--"):  # --NAME=VALUE: a constant of cover.py set
        name, value = args.pop(0)[2:].split("=")
        setattr(cover, name.upper(), int(value))
    for a in args or ["1", "2", "3", "4"]:
        rerun(int(a))


if __name__ == "__main__":
    main(sys.argv[1:])
