"""Start-up to a usable window and the work after one edit, on a generated department.

Run: `python tests/benchmarks/bench_gui.py` (offscreen). Prints a Markdown table.
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
from app.store import storage
from forms.app import application
from forms.main_window import MainWindow
from forms.qt import QApplication
from tests.helpers.synthetic import generate


def timed(work: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    application()
    budget = generate(units=100, projects=1000)
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.budget"
    storage.save(budget, path)
    rows = []

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

    rows.append(("open the file to a usable window (1,000 projects)", timed(start_up, 5)))
    rows.append(("of which: reading the file alone (app.store.storage.load)",
                 timed(lambda: storage.load(path), 5)))

    window = MainWindow()
    window.show()
    window.open_path(path)
    session = window.session
    assert session is not None
    editor = window.editor
    assert editor is not None
    editor.go(5)
    QApplication.processEvents()
    amounts = iter(range(1, 10**6))

    def edit_projects() -> None:
        after = set_cell(session.budget, top("projects"), 0, "amounts.general",
                         Decimal(next(amounts)))
        session.apply("bench", after)
        QApplication.processEvents()

    rows.append(("one amount typed in step 5: the edit, its save, status and views",
                 timed(edit_projects, 20)))
    checks = []
    for _ in range(5):
        session._findings = None
        start = time.perf_counter()
        _ = session.findings
        checks.append((time.perf_counter() - start) * 1000)
    rows.append(("the checks, run once typing pauses for 250 ms (not per key)", checks))
    before = session.budget
    after = set_cell(before, top("projects"), 0, "amounts.general", Decimal(123))
    saves = timed(lambda: storage.save(after, session.path, previous=before), 5)
    rows.append(("of which: saving that one change (app.store.storage.save, previous=…)", saves))
    rows.append(("for comparison: rewriting the whole file",
                 timed(lambda: storage.save(before, session.path), 3)))
    window.close_file()
    print("| what | median | best |\n| --- | --- | --- |")
    for label, times in rows:
        print(f"| {label} | {statistics.median(times):.0f} ms | {min(times):.0f} ms |")


if __name__ == "__main__":
    main()
