"""Issue 21's PDF goal, side by side in one run (not a test): the whole `python -m app.cli pdf`
process on the sample against the bare reportlab script (tests/benchmarks/bare_reportlab.py) on
the same number of pages; wall and CPU time (user + system, every process of the command) medians,
the CPU of the command's own process alone (its second and third processes, which run the checks
and the read-back beside it, left out: on an idle machine with two cores this is what its wall
time tracks), the ratio, the load average. With --before DIR, the same command of an earlier
tree (e.g. `git archive COMMIT | tar -x -C DIR`) runs in the same rounds.

Run: python tests/benchmarks/bench_pdf_ratio.py [ROUNDS] [--before DIR]   (goal: ratio ≤ 1.2)
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
# runs `python -m app.cli …` from the current folder and prints its own process's CPU seconds
# (also when the command ends the process itself with os._exit, skipping the teardown)
OWN = ("import os, resource, runpy, sys\n"
       "first = os.getpid()\n"
       "def own():\n    u = resource.getrusage(resource.RUSAGE_SELF)\n"
       "    if os.getpid() == first:  # not in its forked processes\n"
       "        print(f'own-cpu {u.ru_utime + u.ru_stime}', file=sys.stderr, flush=True)\n"
       "hard = os._exit\n"
       "def ending(code):\n    own()\n    hard(code)\n"
       "os._exit = ending\n"
       "sys.path.insert(0, os.getcwd()); sys.argv = ['app.cli', *sys.argv[1:]]\n"
       "try:\n    runpy.run_module('app.cli', run_name='__main__', alter_sys=True)\n"
       "finally:\n    own()\n")

Run = tuple[float, float, float]  # wall, CPU of all its processes, CPU of its own process


def adopt_orphans() -> bool:
    """Become the parent of the processes our children leave running when they end (Linux's
    child subreaper), so that their CPU is counted too once reaped (the command does not wait for
    its second process to end)."""
    try:
        import ctypes

        subreaper = 36  # PR_SET_CHILD_SUBREAPER
        return bool(sys.platform.startswith("linux")
                    and ctypes.CDLL(None, use_errno=True).prctl(subreaper, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def reap() -> None:
    """Wait for every process left behind (adopted): their CPU then counts as our children's."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> Run:
    """Wall and CPU seconds of one child process (and its own CPU, when it prints it); the CPU
    includes the processes it left to end by themselves, its wall time does not."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    own = next((float(line.split()[1]) for line in done.stderr.splitlines()
                if line.startswith("own-cpu ")), cpu)
    return wall, cpu, own


def pages(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def main() -> None:
    args = sys.argv[1:]
    before_tree = None
    if "--before" in args:
        at = args.index("--before")
        before_tree = Path(args[at + 1]).resolve()
        del args[at:at + 2]
    rounds = int(args[0]) if args else 5
    if not adopt_orphans():
        print("(the processes the command leaves to end by themselves are not counted in its CPU)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"))
        # as installed (pip compiles the bytecode; so does the frozen build): with this set, every
        # run of ours would compile our 300 modules again, while reportlab's are compiled already
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        budget, ours, bare = folder / "sample.budget", folder / "ours.pdf", folder / "bare.pdf"
        subprocess.run([sys.executable, "-m", "app.cli", "sample", str(budget)], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        app_cmd = [sys.executable, "-c", OWN, "pdf", str(budget), "-o", str(ours)]
        trees = {"now": ROOT, **({"before": before_tree} if before_tree else {})}
        cold = timed(app_cmd, env)  # the first run parses the fonts and fills the caches
        for tree in trees.values():
            timed(app_cmd, env, tree)  # each tree's bytecode compiled once
        count = pages(ours)
        bare_cmd = [sys.executable, str(BARE), str(count), str(bare)]
        load_before = os.getloadavg()
        runs: dict[str, list[Run]] = {name: [] for name in [*trees, "bare"]}
        for _ in range(rounds):  # alternated, so all see the same load
            for name, tree in trees.items():
                runs[name].append(timed(app_cmd, env, tree))
            runs["bare"].append(timed(bare_cmd, env))
        load_after = os.getloadavg()
        assert pages(ours) == count
    med = statistics.median

    def figures(name: str) -> tuple[float, float, float]:
        return (med(r[0] for r in runs[name]), med(r[1] for r in runs[name]),
                med(r[2] for r in runs[name]))

    bare_wall, bare_cpu, _ = figures("bare")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {rounds} rounds, {count} pages; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print("| process | wall (median) | CPU, all its processes (median) | CPU, its own process (median) |"
          "\n| --- | --- | --- | --- |")
    print(f"| `python -m app.cli pdf` sample, first run (fonts parsed and code compiled, caches filled) | "
          f"{cold[0]:.2f} s | {cold[1]:.2f} s | {cold[2]:.2f} s |")
    for name in trees:
        wall, cpu, own = figures(name)
        label = "" if name == "now" else f" — before ({before_tree})"
        print(f"| `python -m app.cli pdf` sample (fonts and compiled code from the cache){label} | "
              f"{wall:.2f} s | {cpu:.2f} s | {own:.2f} s |")
    print(f"| bare reportlab, {count} pages of ruled CJK tables | {bare_wall:.2f} s | {bare_cpu:.2f} s | "
          f"{bare_cpu:.2f} s |")
    for name in trees:
        wall, cpu, own = figures(name)
        label = "" if name == "now" else " — before"
        print(f"| ratio{label} (goal ≤ 1.2) | {wall / bare_wall:.2f} | {cpu / bare_cpu:.2f} | "
              f"{own / bare_cpu:.2f} |")


if __name__ == "__main__":
    main()
