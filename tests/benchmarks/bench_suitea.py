"""Benchmark (not a test): CPU of what the unit tests repeat most, this tree against another.

Run: python3 tests/benchmarks/bench_suitea.py [--before DIR] [ROUNDS]
DIR is another checkout (e.g. `git archive 3bc0812 | tar -x -C DIR`). Each round runs one fresh
interpreter per tree, alternating, and each prints the best CPU milliseconds of: read_data of
the sample's data workbook, the four target checks after an edit of one form, the sample's
Shanxi tables from scratch. CPU time, not wall: the machine is shared (issue 21).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, tempfile, time
from pathlib import Path
from dataclasses import replace
from app.checks import targets
from app.compute import memo
from app.imports.workbook import read_data
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from reports.excel_data import data_workbook, save

def best(work, n):
    work()
    found = []
    for i in range(n):
        start = time.process_time()
        work(i)
        found.append(time.process_time() - start)
    return round(min(found) * 1000, 1)

sample = load_sample()
path = Path(tempfile.mkdtemp()) / "d.xlsx"
save(data_workbook(sample), path)
checks = (targets.check_indicator_rows, targets.check_indicator_groups,
          targets.check_indicator_values, targets.check_periods)
edited = [replace(sample, targets=(*sample.targets[:i % 12],
                                   replace(sample.targets[i % 12], overview=f"改{i}"),
                                   *sample.targets[i % 12 + 1:])) for i in range(40)]
[c(sample) for c in checks]

def fresh(i=0):
    with memo.fresh():
        build_tables(sample)

print(json.dumps({
    "read_data": best(lambda i=0: read_data(path), 15),
    "target checks after an edit": best(lambda i=0: [c(edited[i]) for c in checks], 30),
    "tables from scratch": best(fresh, 15),
}))
"""


def run(tree: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=tree, capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    args = sys.argv[1:]
    before = None
    if args[:1] == ["--before"]:
        before, args = Path(args[1]), args[2:]
    rounds = int(args[0]) if args else 3
    trees = {"this tree": ROOT, **({"before": before} if before else {})}
    found: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            found[name].append(run(tree))
    keys = list(found["this tree"][0])
    print("| tree | " + " | ".join(f"{k} (ms CPU, best of each round)" for k in keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, runs in found.items():
        print(f"| {name} | " + " | ".join(", ".join(str(r[k]) for r in runs) for k in keys) + " |")


if __name__ == "__main__":
    main()
