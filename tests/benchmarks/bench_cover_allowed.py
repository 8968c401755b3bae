"""Benchmark: the cover alone (`cover.solve_spent`) on the captured inputs of
`generate(100, 1000, seed)` (`bench_cover_restarts.py --capture SEED`), with `Cover.reaches`
made to count only the free projects allowed at the bin's 项 (issue 16, round 9c): whether the
cover then finds an answer, its work and CPU, against the cover as it is.

Run: python tests/benchmarks/bench_cover_allowed.py [--plain=1] [seed …]
"""

from __future__ import annotations

import os
import pickle
import sys
import time

import numpy as np

sys.path.insert(0, os.getcwd())

from app.imports.tables import cover
from tests.benchmarks.bench_cover_restarts import path

original = cover.Cover.reaches


def reaches(self: cover.Cover, t: int, d: int, want: int, added: int) -> bool:
    """As `Cover.reaches`, the sums of four free projects at most taken over those allowed
    at 项 t only (one bit set per bin, built when first asked)."""
    if not original(self, t, d, want, added):
        return False
    if want - self.room(t, d, added) <= 0 or want >= self.large[d]:
        return True
    cache: dict[tuple[int, int], list[np.ndarray]] = self.__dict__.setdefault("by_bin", {})
    counts = cache.get((t, d))
    if counts is None:
        values = [row[d] for p, row in enumerate(self.v) if row[d] and self.allowed[p][t]
                  and not any(row[o] for o in self.sparse if o != d)]
        top = len(self.sums[d][0]) - 2
        mask = (1 << (top + 1)) - 1
        by_count = [1, 0, 0, 0, 0]
        for v in values:
            for k in range(4, 0, -1):
                by_count[k] |= (by_count[k - 1] << v) & mask
        self.spend(len(values) * 4 * (1 + top // 4_096))
        counts = cache[t, d] = [cover.counted(bits, top + 1) for bits in by_count]
    for k, bits in enumerate(counts):
        r = self.room(t, d, added + k * self.widest[d])
        lo, hi = max(want - r, 0), min(want + r, len(bits) - 2)
        if hi >= lo and bits[hi + 1] > bits[lo]:
            return True
    return False


def main(argv: list[str]) -> None:
    plain = "--plain=1" in argv
    if not plain:
        cover.Cover.reaches = reaches  # type: ignore[method-assign]
    for seed in [int(a) for a in argv if not a.startswith("--")] or [1, 2, 3, 4]:
        with open(path(seed), "rb") as source:
            args, kwargs = pickle.load(source)
        cpu = time.process_time()
        found, spent = cover.solve_spent(*args, **kwargs)
        print(f"seed {seed} ({'as it is' if plain else 'reaches by 项'}): "
              f"{'answer' if found is not None else 'no answer'}, work {spent:,}, "
              f"{time.process_time() - cpu:.2f} s CPU (load {os.getloadavg()[0]:.1f})",
              flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
