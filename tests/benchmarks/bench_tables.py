"""Benchmark: the 13 tables from scratch, and rebuilt after one edit (issue 21 item 3).

Run: python tests/benchmarks/bench_tables.py   (prints figures; record them in docs/benchmarks.md)

"from scratch" clears every memo (`app.compute.memo.forget_all`) before each build; "after one
edit" times `build_tables` on the budget one edit made from the last one built (the edit itself
not timed), a different project, unit or text each time, as a user typing would. Each figure is
the median and best of CPU time (time.process_time, less disturbed by other processes on a
shared machine) with the wall time's median beside it, and the load average printed first.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.compute.figures import Figures
from app.compute.memo import forget_all
from app.core.identity import with_ids
from app.core.records import Budget
from app.edits.editing import set_cell, set_single, top
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate

GOAL_MS = 16.0

Edit = Callable[[Budget, int], Budget]


def amount_edit(budget: Budget, i: int) -> Budget:
    row = (i * 37) % len(budget.projects)
    old = budget.projects[row].amounts.general
    return set_cell(budget, top("projects"), row, "amounts.general", old + Decimal("100.00"))


def unit_edit(budget: Budget, i: int) -> Budget:
    row = (i * 7) % len(budget.units)
    return set_cell(budget, top("units"), row, "name", f"{budget.units[row].name}（{i}）")


def text_edit(budget: Budget, i: int) -> Budget:
    return set_single(budget, "texts.duties", f"{budget.texts.duties}职责{i}。")


def measure(build: Callable[[], object]) -> tuple[float, float]:
    """CPU and wall milliseconds of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    build()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def line(name: str, samples: list[tuple[float, float]], goal: float | None = None) -> None:
    cpu = [c for c, _ in samples]
    wall = [w for _, w in samples]
    median = statistics.median(cpu)
    verdict = "" if goal is None else (
        f"   goal ≤ {goal:.0f} ms: {'met' if median <= goal else 'NOT met'}")
    print(f"  {name:<44} CPU {median:7.2f} ms median {min(cpu):7.2f} best"
          f"   wall {statistics.median(wall):7.2f} ms{verdict}")


def scratch(budget: Budget, repeat: int) -> list[tuple[float, float]]:
    samples = []
    for _ in range(repeat):
        forget_all()
        samples.append(measure(partial(build_tables, budget)))
    return samples


def after_edits(budget: Budget, edit: Edit, repeat: int,
                work: Callable[[Budget], object] = build_tables) -> list[tuple[float, float]]:
    forget_all()
    work(budget)
    samples = []
    for i in range(repeat):
        budget = edit(budget, i)
        samples.append(measure(partial(work, budget)))
    return samples


def figures_of(budget: Budget) -> object:
    """What the status strip and 第三部分 compute: the figures and their charts."""
    figures = Figures.of(budget)
    return figures.spending_total, figures.charts()


def report(name: str, budget: Budget, repeat: int, goal: float | None) -> None:
    budget = with_ids(budget)  # as a saved file is: else the first edit gives every project an id
    rows = sum(len(t.rows) for t in build_tables(budget))
    print(f"{name} ({rows} rows)")
    line("from scratch", scratch(budget, repeat))
    line("after one edit of a project's amount", after_edits(budget, amount_edit, repeat), goal)
    line("after one edit of a unit's name", after_edits(budget, unit_edit, repeat), goal)
    line("after one edit of a text (本部门职责)", after_edits(budget, text_edit, repeat), goal)
    line("figures and charts, after an amount edit",
         after_edits(budget, amount_edit, repeat, figures_of), goal)


if __name__ == "__main__":
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    report("sample (3 units, 13 projects)", load_sample(), 50, None)
    report("generated (100 units, 1,000 projects)", generate(100, 1000), 30, GOAL_MS)
    report("generated (200 units, 2,000 projects)", generate(200, 2000), 10, None)
