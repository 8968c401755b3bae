"""The Shanghai tables list no projects, so the import makes one a 项, named after the 项. Two 项
of one name under different 款 (机构运行 in 2060101 and 2070101) gave two projects of one name on
the same unit, and `check` opened with "录入了两次" 错误 that the user had not made. Where 项
share a name, the code now follows it, and the report says so."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from app.checks.registry import run_checks
from app.imports.tables.importer import import_tables
from app.profiles.registry import SHANGHAI
from reports.excel_data import save
from reports.excel_tables import tables_workbook
from tests.helpers.synthetic import generate


def test_stand_in_projects_of_same_named_items_are_told_apart(tmp_path: Path) -> None:
    department = generate(15, 80, seed=7)
    department = replace(department, settings=replace(department.settings, profile="shanghai"))
    path = tmp_path / "sh.xlsx"
    save(tables_workbook(SHANGHAI.tables(department, "部门")), path)
    result = import_tables(path)
    budget = result.budget
    assert budget is not None, result.report.text()
    # the department has 项 of one name in several 款, else this test would prove nothing
    stems = Counter(p.name.split("（")[0] for p in budget.projects)
    assert stems.most_common(1)[0][1] > 1
    names = Counter((p.unit, p.name) for p in budget.projects)
    assert max(names.values()) == 1
    twin = next(p for p in budget.projects if stems[p.name.split("（")[0]] > 1)
    assert twin.name == f"{twin.name.split('（')[0]}（{twin.function}）"
    single = next(p for p in budget.projects if stems[p.name] == 1)
    assert "（" not in single.name and single.name.endswith("项目")
    assert not [f for f in run_checks(budget) if f.check == "references"]
    assert "名称后加科目编码" in result.report.text()
    assert "录入了两次" not in result.report.text()
