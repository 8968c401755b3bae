"""Benchmark: the generator's default department (`generate(100, 1000, seed)`) imported, per
seed: the tables exact and the import's CPU (process_time), nothing patched. It imports the
tree it is run from (the current directory first on sys.path), so a copy run at the root of an
export of another commit (`git archive`) measures that commit side by side.

Run: python tests/benchmarks/bench_import_seeds.py [seed …]  (seeds 1–4 by default)
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.getcwd())

from tests.benchmarks.bench_cover_rooms import import_seed


def main(args: list[str]) -> None:
    for seed in [int(a) for a in args] or [1, 2, 3, 4]:
        _result, wrong, cpu = import_seed(seed)
        print(f"{os.getcwd()} seed {seed}: {13 - len(wrong)}/13 tables exact {wrong}, "
              f"{cpu:.2f} s CPU (load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
