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
