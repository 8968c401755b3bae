"""Issue 21's window goal (not a test): from the command to the main window's first paint, for
`python -m app.cli` with no file, the sample and a 1,000-project file (offscreen), and which heavy
modules (reportlab, openpyxl, pypdfium2, highspy, calamine, numpy) were imported by then.

Run: python tests/benchmarks/bench_window.py [ROUNDS]   (goals: sample ≤ 1.0 s, 1,000 projects ≤ 1.5 s)
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).resolve().with_name("probe_window.py")
sys.path.insert(0, str(ROOT))


def once(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(PROBE), *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, timeout=120)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(x for x in done.stdout.splitlines() if x.startswith("painted "))
    _, at, heavy = line.split(" ", 2)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return float(at) - started, cpu, heavy.removeprefix("heavy=")


def main() -> None:
    from app.profiles.shanxi.sample import load_sample
    from app.store import storage
    from tests.helpers.synthetic import generate

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   XDG_CONFIG_HOME=str(folder / "config"), XDG_CACHE_HOME=str(folder / "cache"))
        sample, big = folder / "sample.budget", folder / "big.budget"
        storage.save(load_sample(), sample)
        storage.save(generate(units=100, projects=1000), big)
        cases = [("no file", [], None), ("the sample", [str(sample)], 1.0),
                 ("100 units, 1,000 projects", [str(big)], 1.5)]
        once([], env)  # warm the disk cache
        load = os.getloadavg()
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {rounds} rounds, "
              f"load average {load[0]:.2f}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}")
        print("| `python -m app.cli` | to first paint (median) | best | CPU (median) | goal "
              "| heavy modules loaded |")
        print("| --- | --- | --- | --- | --- | --- |")
        for label, args, goal in cases:
            runs = [once(args, env) for _ in range(rounds)]
            walls = [r[0] for r in runs]
            print(f"| {label} | {statistics.median(walls):.2f} s | {min(walls):.2f} s | "
                  f"{statistics.median(r[1] for r in runs):.2f} s | "
                  f"{'—' if goal is None else f'≤ {goal} s'} | {runs[-1][2]} |", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
