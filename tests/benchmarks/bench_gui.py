"""Opening a large file in the window and the work after one edit, on a generated department.

What runs on the interface thread after one amount is typed in step 5 (the edit, its save, the
views of the steps shown, the repaint; then, once typing pauses, the status strip's figures and
the step marks), the 13 tables rebuilt, and the checks in the background with the longest pause
of the interface's event loop while they run.

Run: `python tests/benchmarks/bench_gui.py [UNITS PROJECTS]` (offscreen). Prints a Markdown table.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.edits.editing import set_cell, top
from app.edits.steps import status
from app.profiles.shanxi.tables import build_tables
from app.store import storage
from forms.app import application
from forms.main_window import MainWindow
from forms.qt import QApplication, QTimer
from tests.helpers.synthetic import generate

FRAME = 16.0  # ms: one frame at 60 Hz


CPU: dict[int, list[float]] = {}  # id of a list of wall times → the interface thread's CPU times


def timed(work: Callable[[], object], repeat: int) -> list[float]:
    """Wall times (ms) of repeat runs; the interface thread's CPU time of each kept in CPU (on a
    loaded machine the wall time waits for the other processes, the CPU time does not)."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        work()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    CPU[id(times)] = cpu
    return times


def longest_stall(window: MainWindow, rounds: int) -> tuple[list[float], list[float]]:
    """The checks run in the background `rounds` times: their duration and, meanwhile, the
    longest gap between two ticks of a 5 ms timer on the interface thread (ms)."""
    session = window.session
    assert session is not None
    durations, stalls = [], []
    for _ in range(rounds):
        session._summary = None
        session._known.clear()
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick(gaps: list[float] = gaps, last: list[float] = last) -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(tick)
        ticker.start()
        start = time.perf_counter()
        session.check_later()
        while session.known_findings is None:
            QApplication.processEvents()
            time.sleep(0.001)
        durations.append((time.perf_counter() - start) * 1000)
        ticker.stop()
        stalls.append(max(gaps, default=0.0))
    return durations, stalls


def main() -> None:
    units, projects = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (100, 1000)
    application()
    budget = generate(units=units, projects=projects)
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.budget"
    storage.save(budget, path)
    rows: list[tuple[str, list[float], str]] = []

    def start_up() -> None:
        window = MainWindow()
        window.resize(1366, 768)
        window.show()
        window.open_path(path)
        QApplication.processEvents()
        window.close_file()
        window.close()
        window.deleteLater()
        QApplication.processEvents()

    rows.append((f"open the file to a painted window, in process ({projects:,} projects)",
                 timed(start_up, 5), ""))
    rows.append(("of which: reading the file (app.store.storage.load)",
                 timed(lambda: storage.load(path), 5), ""))

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    window.open_path(path)
    session, editor = window.session, window.editor
    assert session is not None and editor is not None
    editor.go(5)
    QApplication.processEvents()
    amounts = iter(range(1, 10**6))

    def one_edit() -> None:
        after = set_cell(session.budget, top("projects"), 0, "amounts.general",
                         Decimal(next(amounts)))
        session.apply("bench", after)
        QApplication.processEvents()

    def the_edit_alone() -> None:
        set_cell(session.budget, top("projects"), 0, "amounts.general", Decimal(next(amounts)))

    timed(one_edit, 3)  # warm
    rows.append(("one amount typed in step 5: the edit, its save, the views, the repaint",
                 timed(one_edit, 30), ""))
    rows.append(("of which: the edit itself (app.edits.editing.set_cell)",
                 timed(the_edit_alone, 30), ""))
    before = session.budget
    after = set_cell(before, top("projects"), 0, "amounts.general", Decimal(123))
    rows.append(("of which: saving that one change (storage.save, previous=…)",
                 timed(lambda: storage.save(after, session.path, previous=before,
                                            lock=session.lock), 10), ""))
    storage.save(before, session.path, previous=after, lock=session.lock)
    rows.append(("recomputed figures: the status strip's 收入/支出/尚未安排 (status)",
                 timed(lambda: status(session.budget), 30), f"≤ {FRAME:.0f} ms"))
    rows.append(("typing paused: the status strip (figures)",
                 timed(lambda: window.update_status(checks=False), 30), f"≤ {FRAME:.0f} ms"))
    _ = session.findings
    rows.append(("checks known: the step marks and the counts",
                 timed(lambda: (editor.refresh(), window.update_status()), 30), f"≤ {FRAME:.0f} ms"))
    build_tables(session.budget)
    edited = [session.budget]

    def rebuilt() -> None:  # the edit before the clock: build_tables keeps its last answers, and
        edited[0] = set_cell(edited[0], top("projects"), 0, "amounts.general",  # the same
                             Decimal(next(amounts)))  # budget asked again timed a memo hit
        start, start_cpu = time.perf_counter(), time.thread_time()
        build_tables(edited[0])
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.thread_time() - start_cpu) * 1000)

    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(30):
        rebuilt()
    CPU[id(walls)] = cpus
    rows.append(("the 13 tables rebuilt after one amount edit (build_tables; the preview, PDF)",
                 walls, f"≤ {FRAME:.0f} ms"))
    durations, stalls = longest_stall(window, 3)
    rows.append(("the checks, in the background (typing paused 250 ms)", durations,
                 "off the interface thread"))
    rows.append(("longest pause of the interface's event loop while they run", stalls,
                 "a frame or two"))
    window.close_file()
    load = os.getloadavg()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {units} units, {projects} "
          f"projects, load average {load[0]:.2f}")
    print("| what | median | best | interface thread's CPU (median) | goal |\n"
          "| --- | --- | --- | --- | --- |")
    for label, times, goal in rows:
        cpu = CPU.get(id(times))
        spent = "—" if cpu is None else f"{statistics.median(cpu):.1f} ms"
        print(f"| {label} | {statistics.median(times):.1f} ms | {min(times):.1f} ms | {spent} "
              f"| {goal} |")


if __name__ == "__main__":
    main()
