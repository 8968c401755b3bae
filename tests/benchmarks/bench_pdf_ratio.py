"""Issue 21's PDF goal, side by side in one run (not a test): the whole `python -m app.cli pdf`
process on the sample against the bare reportlab script (tests/benchmarks/bare_reportlab.py) on
the same number of pages; wall and CPU time (user + system) medians, the ratio, the load average.

Run: python tests/benchmarks/bench_pdf_ratio.py [ROUNDS]   (goal: ratio ≤ 1.2)
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
BARE = Path(__file__).resolve().with_name("bare_reportlab.py")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def pages(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"))
        # as installed (pip compiles the bytecode; so does the frozen build): with this set, every
        # run of ours would compile our 300 modules again, while reportlab's are compiled already
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        budget, ours, bare = folder / "sample.budget", folder / "ours.pdf", folder / "bare.pdf"
        subprocess.run([sys.executable, "-m", "app.cli", "sample", str(budget)], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        app_cmd = [sys.executable, "-m", "app.cli", "pdf", str(budget), "-o", str(ours)]
        cold = timed(app_cmd, env)  # the first run parses the fonts and fills the cache
        count = pages(ours)
        bare_cmd = [sys.executable, str(BARE), str(count), str(bare)]
        load_before = os.getloadavg()
        app_runs, bare_runs = [], []
        for _ in range(rounds):  # alternated, so both see the same load
            app_runs.append(timed(app_cmd, env))
            bare_runs.append(timed(bare_cmd, env))
        load_after = os.getloadavg()
        assert pages(ours) == count
    med = statistics.median
    app_wall, app_cpu = med(r[0] for r in app_runs), med(r[1] for r in app_runs)
    bare_wall, bare_cpu = med(r[0] for r in bare_runs), med(r[1] for r in bare_runs)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {rounds} rounds, {count} pages; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print("| process | wall (median) | CPU (median) |\n| --- | --- | --- |")
    print(f"| `python -m app.cli pdf` sample, first run (fonts parsed, cache filled) | "
          f"{cold[0]:.2f} s | {cold[1]:.2f} s |")
    print(f"| `python -m app.cli pdf` sample (fonts from the cache) | {app_wall:.2f} s | {app_cpu:.2f} s |")
    print(f"| bare reportlab, {count} pages of ruled CJK tables | {bare_wall:.2f} s | {bare_cpu:.2f} s |")
    print(f"| ratio (goal ≤ 1.2) | {app_wall / bare_wall:.2f} | {app_cpu / bare_cpu:.2f} |")


if __name__ == "__main__":
    main()
