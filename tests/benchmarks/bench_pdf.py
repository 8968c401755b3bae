"""Benchmark (not a test): wall time and peak memory of the whole `budget-desk pdf` process, for
the sample and for generated departments of 100 units with 500 and 1,000 projects (each with a
target form).

Run: python3 tests/benchmarks/bench_pdf.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app import storage  # noqa: E402
from app.core.money import ZERO, total  # noqa: E402
from app.core.records import (  # noqa: E402
    Budget,
    FormFunds,
    Income,
    Project,
    ProjectKind,
    Split,
    Unit,
    UnitKind,
)
from app.profiles.shanxi.sample import load_sample  # noqa: E402


def generated(units: int, projects: int) -> Budget:
    """A department of `units` units sharing `projects` projects, every one with a target form."""
    sample = load_sample()
    model_unit = sample.units[0].code
    basic_f = [b for b in sample.basic_function if b.unit == model_unit]
    basic_e = [b for b in sample.basic_economic if b.unit == model_unit]
    form = sample.targets[0]
    all_units, bf, be, ps, ts = [], [], [], [], []
    for u in range(units):
        code = f"{sample.department.code}{u + 1:03d}"
        kind = UnitKind.ADMIN if u == 0 else UnitKind.INSTITUTION
        all_units.append(Unit(code, f"第{u + 1}号预算单位", kind))
        bf += [replace(b, unit=code) for b in basic_f]
        be += [replace(b, unit=code) for b in basic_e]
    for p in range(projects):
        unit = all_units[p % units].code
        amount = Decimal(10000 + 137 * p).quantize(Decimal("0.01"))
        name = f"科技创新专项第{p + 1}号项目"
        kind = ProjectKind.TARGETED if p % 3 else ProjectKind.OPERATING
        ps.append(Project(unit, name, "2060199", kind, Split(general=amount)))
        funds = FormFunds(ZERO, ZERO, amount, ZERO, None)
        ts.append(replace(form, unit=unit, project=name, annual=funds,
                          implementation=replace(funds, local=amount * 3)))
    spent = total(b.amount for b in bf) + total(p.amounts.total for p in ps)
    return replace(sample, units=tuple(all_units), basic_function=tuple(bf), basic_economic=tuple(be),
                   projects=tuple(ps), targets=tuple(ts), income=Income(Split(general=spent)))


def run(label: str, budget: Budget, folder: Path) -> None:
    path = folder / f"{label}.budget"
    storage.save(budget, path)
    out = folder / f"{label}.pdf"
    command = [sys.executable, "-m", "app.cli", "pdf", str(path), "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:  # the generated data may not pass every check: time the draft
        command.append("--draft")
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        label += "（草稿）"
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
    print(f"| {label} | {len(budget.units)} | {len(budget.projects)} | {count} | {wall:.2f} s | "
          f"{peak:.0f} MB |", flush=True)


def main() -> None:
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print("| case | units | projects | pages | wall time | peak memory (largest so far) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run("sample", load_sample(), folder)
        run("generated-500", generated(100, 500), folder)
        run("generated-1000", generated(100, 1000), folder)


if __name__ == "__main__":
    main()
