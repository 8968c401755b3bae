"""kill -9 during saves and during `import -o` / `sample --force` over an existing file.

Prints, for each, how often the file held the state before, after, something else, was
unreadable or missing (the last three must be 0). Usage: python -m tests.benchmarks.bench_kill [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from app.cli.main import main
from app.imports.workbook import read_data
from app.profiles.shanxi.sample import load_sample
from app.store import storage
from tests.helpers.killing import Outcome, kill_command, kill_saves


def show(what: str, outcome: Outcome, took: float) -> None:
    print(f"{what:<28} {outcome.runs:>4} kills: before {outcome.before}, after {outcome.after}, "
          f"other {outcome.other}, unreadable {outcome.unreadable}, missing {outcome.missing} "
          f"(temporary files left: {outcome.litter}); {took:.0f} s")


def main_(runs: int) -> int:
    sample = load_sample()
    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "source.budget"
        storage.save(sample, source)
        data = folder / "d.xlsx"
        main(["export", str(source), "--data", "-o", str(data)])
        imported, _ = read_data(data)
        assert imported is not None
        bad = 0
        for what, run in (
            ("saves (as the window)", lambda: kill_saves(folder, sample, runs, rng)),
            ("import -o over a file", lambda: kill_command(
                folder, sample, runs, rng, lambda p: ["import", str(data), "-o", str(p)],
                imported)),
            ("sample --force over a file", lambda: kill_command(
                folder, sample, runs, rng, lambda p: ["sample", str(p), "--force"], sample)),
        ):
            start = time.perf_counter()
            outcome = run()
            show(what, outcome, time.perf_counter() - start)
            bad += outcome.defects
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main_(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
