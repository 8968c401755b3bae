"""The reports tests' shared PDFs: the sample with a 部门整体 form and charts, written once per
session for the tests that only read it (geometry, the form's and the charts' text; issue 21)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.core.money import yuan
from app.core.records import Budget, DepartmentForm, Indicator, Period, Settings, Split, Task


def department_form() -> DepartmentForm:
    return DepartmentForm(
        divisions=6, units=3, staff_quota=40, staff_actual=38, staff_in_quota=35, staff_other=3,
        duties="负责全市科技创新工作。", strategy="建设创新型城市。",
        budget=Split(general=yuan("35625600")), basic=yuan("11748000"), projects=yuan("23877600"),
        tasks=(Task("科技创新", "实施重点研发计划"),), goal="完成年度重点任务。",
        indicators=(Indicator(Period.ANNUAL, "产出指标", "数量指标", "重点研发项目数", "≥40项"),))


@pytest.fixture(scope="session")
def charted_written(sample: Budget, tmp_path_factory: pytest.TempPathFactory
                    ) -> tuple[Budget, Path, list[tuple[int, int]]]:
    """(budget, its PDF, the progress write_pdf told while writing it): the sample with charts and
    a 部门整体支出绩效目标申报表."""
    from reports.pdf import write_pdf

    budget = replace(sample, department_form=department_form(), settings=Settings(charts=True))
    out = tmp_path_factory.mktemp("charted") / "charted.pdf"
    seen: list[tuple[int, int]] = []
    write_pdf(budget, out, progress=lambda done, total: seen.append((done, total)))
    return budget, out, seen


@pytest.fixture(scope="session")
def charted(charted_written: tuple[Budget, Path, list[tuple[int, int]]]) -> tuple[Budget, Path]:
    """(budget, its PDF): the sample with charts and a 部门整体 form, as write_pdf writes it."""
    return charted_written[0], charted_written[1]


@pytest.fixture(scope="session")
def own_runs(sample: Budget, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """`budget-desk pdf` of the sample run twice as the program's own process (its own cache
    folder), for the tests of the caches it keeps between runs (lines, font subsets): both
    PDFs' bytes, each cache file's modification time after the first run and after the second,
    and the caches' folder."""
    import os
    import subprocess
    import sys

    from app.store import storage

    folder = tmp_path_factory.mktemp("own")
    sample_file = folder / "s.budget"
    storage.save(sample, sample_file)
    env = dict(os.environ, XDG_CACHE_HOME=str(folder / "cache"), RL_invariant="1")
    root = Path(__file__).resolve().parents[3]
    caches = folder / "cache" / "budget-desk"
    names = {"lines": caches / "lines" / "pdf.bin", "subsets": caches / "subsets" / "pdf.bin"}
    outs: list[bytes] = []
    first: dict[str, int | None] = {}
    for n in (1, 2):
        out = folder / f"own{n}.pdf"
        subprocess.run([sys.executable, "-m", "app.cli", "pdf", str(sample_file), "-o", str(out)],
                       cwd=root, env=env, check=True, capture_output=True, timeout=300)
        outs.append(out.read_bytes())
        if n == 1:
            first = {k: p.stat().st_mtime_ns if p.is_file() else None for k, p in names.items()}
    second = {k: p.stat().st_mtime_ns if p.is_file() else None for k, p in names.items()}
    return {"outs": outs, "first": first, "second": second, "file": sample_file,
            "folder": folder}
