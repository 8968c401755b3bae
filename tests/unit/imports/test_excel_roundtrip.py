"""The data workbook gives back exactly the budget it was exported from."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings

from app.core.datasheet import INSTRUCTIONS, LISTS_SHEET, SHEET_NAMES, SHEETS, ListSheet
from app.core.records import Budget, Department
from app.imports.workbook import read_data
from reports.excel_data import data_workbook, save, template
from reports.xlsxwrite import save_book
from tests.helpers.budgets import budgets
from tests.helpers.workbooks import data_book, round_trip


def test_sample_round_trips(sample: Budget, tmp_path: Path) -> None:
    got = round_trip(sample, tmp_path / "d.xlsx")
    for f in dataclasses.fields(Budget):  # a readable failure names the part that differs
        assert getattr(got, f.name) == getattr(sample, f.name), f.name
    assert got == sample


def test_a_file_without_its_department_code_round_trips(sample: Budget, tmp_path: Path) -> None:
    """A file imported from the published tables has no 部门编码 (the tables do not print it)
    and its missing code may be accepted: its data workbook read back is refused no more."""
    from app.checks.registry import run_checks
    from app.core.records import Acceptance

    coded = dataclasses.replace(sample, department=dataclasses.replace(sample.department, code=""))
    blank = next(f for f in run_checks(coded) if f.location.key == "department//code")
    budget = dataclasses.replace(coded, acceptances=(
        Acceptance(blank.check, blank.location.key, "部门代码待财政局分配"),))
    got = round_trip(budget, tmp_path / "d.xlsx")
    assert got == budget
    assert got.department.code == "" and got.acceptances == budget.acceptances


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(budget=budgets())
def test_generated_budgets_round_trip(budget: Budget, tmp_path: Path) -> None:
    assert round_trip(budget, tmp_path / "g.xlsx") == budget


def test_every_record_field_has_a_place() -> None:
    """Each field of each record is a column or a field row somewhere (no silent loss)."""
    paths = set()
    for definition in SHEETS:
        if isinstance(definition, ListSheet):
            paths.add(definition.attr)
            paths |= {f"{definition.attr}.{f.path}" for f in definition.columns}
        else:
            paths |= {f.path for f in definition.fields()}
    top = {f.name for f in dataclasses.fields(Budget)}
    covered = {p.split(".")[0] for p in paths} | {"targets", "department_form"}
    assert top <= covered


def test_sample_workbook_reads_as_a_user_sees_it(sample: Budget, tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    save(data_workbook(sample), path)
    book = openpyxl.load_workbook(path)
    # a Shanxi file's workbook has every sheet but those of facts only Shanghai prints
    own = [s.name for s in SHEETS if "shanxi" in s.profiles or not s.profiles]
    assert book.sheetnames == [INSTRUCTIONS, *own, LISTS_SHEET]
    assert set(SHEET_NAMES) - set(own) == {"车辆（按类别）", "主要用于", "项目经费情况说明", "单位车辆",
                                              "单位三公经费增减原因"}
    assert book[LISTS_SHEET].sheet_state == "hidden"
    projects = book["项目"]
    assert [c.value for c in projects[1][:4]] == ["单位", "项目名称", "功能分类科目", "项目类别"]
    first = sample.projects[0]
    assert projects["A2"].value == sample.unit(first.unit).name  # type: ignore[union-attr]
    assert projects["C2"].value == "2060199 其他科学技术管理事务支出"
    assert projects["E2"].value == first.amounts.general
    assert projects["E2"].number_format == "#,##0.00"
    lists = {str(dv.sqref)[0]: dv.formula1
             for dv in projects.data_validations.dataValidation}
    assert lists["A"] == "'单位'!$B$2:$B$1001"
    assert lists["C"].startswith("'下拉列表'!$")
    assert lists["D"].startswith("'下拉列表'!$")


def test_template_is_empty_and_asks_for_the_department(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    save(template(2026), path)
    book = openpyxl.load_workbook(path)
    assert all(c.value is None for row in book["单位"].iter_rows(min_row=2) for c in row)  # formats only
    assert book["部门"]["B4"].value == 2026
    got, problems = read_data(path)
    assert got is None
    assert [(p.sheet, p.cell, p.message) for p in problems] == [
        ("部门", "B2", "未填写“部门名称”（必填）"),
    ]


def test_filled_template_reads(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    save(template(2026), path)
    book = openpyxl.load_workbook(path)
    book["部门"]["B2"], book["部门"]["B3"] = "测试局", "901"
    book["单位"].append(["901001", "测试局本级", "行政"])
    book["项目"].append(["测试局本级", "示范项目", "2060101", "特定目标类", 1234.5])
    save_book(book, path)
    got, problems = read_data(path)
    assert problems == []
    assert got is not None
    assert got.department == Department("测试局", "901", 2026)
    assert got.projects[0].unit == "901001"
    assert str(got.projects[0].amounts.general) == "1234.50"


def test_units_assets_round_trip(sample: Budget, tmp_path: Path) -> None:
    """Each unit's 国有资产 (issue 19): its area and equipment in 单位文字, its cars in 单位公务用车."""
    from decimal import Decimal

    from app.core.records import UnitVehicles

    units = tuple(dataclasses.replace(t, office_area=Decimal("120.50"), equipment_50=3, equipment_100=1)
                  for t in sample.texts.units)
    cars = (UnitVehicles("108001", "领导用车", 1, 1), UnitVehicles("108002", "其他公务用车", 0, 2))
    budget = dataclasses.replace(sample, texts=dataclasses.replace(
        sample.texts, units=units, unit_vehicles=cars))
    assert round_trip(budget, tmp_path / "u.xlsx").texts == budget.texts


def test_a_workbook_from_before_the_units_assets_still_reads(sample: Budget, tmp_path: Path) -> None:
    """单位文字 without the 国有资产 columns and no 单位公务用车 sheet (issue 19, round 2): read, 0."""
    path = tmp_path / "old.xlsx"
    book = data_book(sample)  # as openpyxl opens the exported workbook
    sheet = book["单位文字"]
    heads = [c.value for c in sheet[1]]
    sheet.delete_cols(heads.index("办公用房面积（平方米）") + 1, 3)
    del book["单位公务用车"]
    save_book(book, path)
    got, problems = read_data(path)
    assert problems == [] and got is not None and got.texts == sample.texts
