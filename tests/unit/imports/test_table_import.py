"""Importing the 13 tables from Excel gives back the same tables, whatever the layout."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.compute.tabledef import Table
from app.core.records import Budget, UnitKind
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.tables import build_tables
from tests.helpers.sample_import import (
    exported_import,
    sample_copy,
    sample_import,
    sample_workbook,
)
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import Layout, write_workbook

LAYOUTS = {
    "one table per sheet": Layout(),
    "all on one sheet": Layout(per_sheet=False),
    "flat one-line headers": Layout(header="flat"),
    "three-line headers": Layout(header="three"),
    "figures as text": Layout(figures="text"),
    "codes too in the amounts' format": Layout(figures="formatted"),
    "amounts in 元": Layout(unit="元"),
    "blank rows and columns": Layout(spacers=True),
    "shuffled sheets": Layout(shuffle=7),
    "titles without year or caption": Layout(title="bare"),
    "caption, title without year": Layout(title="caption", notes=False),
    "wrapped names": Layout(wrap=True),
    "everything at once": Layout(per_sheet=False, header="three", figures="text", spacers=True,
                                 shuffle=3, title="bare", wrap=True),
}


def assert_same_tables(got: tuple[Table, ...], expected: tuple[Table, ...]) -> None:
    for mine, theirs in zip(got, expected, strict=True):
        assert mine.title == theirs.title
        assert mine.department == theirs.department
        assert mine.texts() == theirs.texts(), f"表{mine.number}"


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_layouts_give_back_the_tables(layout: Layout, sample_tables: tuple[Table, ...]) -> None:
    result = sample_import(layout)  # the import of the sample's workbook in layout, shared
    assert result.budget is not None, result.report.text()
    report = result.report
    assert (report.unreadable, report.disagreements, report.differences) == ([], [], [])
    assert_same_tables(build_tables(result.budget), sample_tables)
    assert "逐数一致" in report.text()


def test_facts_match_the_sample(sample: Budget) -> None:
    """Units, projects and their function 项 come back; amounts to within the rounding."""
    result = sample_import()
    budget = result.budget
    assert budget is not None
    assert [u.name for u in budget.units] == [u.name for u in sample.units]
    assert [u.kind for u in budget.units] == [UnitKind.ADMIN, UnitKind.INSTITUTION,
                                              UnitKind.INSTITUTION]
    names = {u.code: u.name for u in sample.units}
    mine = {u.code: u.name for u in budget.units}
    assert sorted((mine[p.unit], p.name, p.function, p.amounts.total, p.carryover.total)
                  for p in budget.projects) == sorted(
        (names[p.unit], p.name, p.function, p.amounts.total, p.carryover.total)
        for p in sample.projects)
    for part in ("this_year", "carryover"):
        mine_split, theirs = getattr(budget.income, part), getattr(sample.income, part)
        assert abs(mine_split.total - theirs.total) <= 50 and mine_split.general == mine_split.total
    assert budget.department.year == 2026 and budget.department.name == "晋城市科学技术局"
    lines = [*result.report.assumptions, *result.report.to_fill]
    assert any("2059999" in line and "高层次人才引进" in line for line in lines)
    assert any("基本支出" in line and "本级单位" in line for line in lines)
    assert any("项目类别" in line for line in lines)


def edit(path: Path, table: int, label: str, column: int, value: object) -> str:
    """Put value in the row labelled label of the sheet holding table; the cell's reference."""
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        if not any(str(c.value).startswith(f"预算公开表{table}") for c in ws["A"][:2] if c.value):
            continue
        for row in ws.iter_rows():
            if str(row[0].value or "").strip() == label:
                cell = ws.cell(row[0].row, column)
                cell.value = value
                book.save(path)
                return str(cell.coordinate)
    raise AssertionError(f"no row {label} in table {table}")


def test_table6_total_against_table3_is_reported(tmp_path: Path) -> None:
    path = sample_copy(tmp_path / "t.xlsx")
    ref = edit(path, 6, "合计", 3, 1170.80)
    report = import_tables(path).report
    assert any("表6" in line and ref in line and "1170.80" in line and "1174.80" in line
               and "基本支出" in line for line in report.disagreements), report.disagreements
    assert len(report.differences) == 1 and ref in report.differences[0]  # the rest stays exact
    assert "1170.80" in report.differences[0] and "1174.80" in report.differences[0]
    assert "逐数一致" not in report.text()


def test_table1_against_table2_is_reported(tmp_path: Path) -> None:
    path = sample_copy(tmp_path / "t.xlsx")
    edit(path, 1, "一、一般公共预算", 2, 3500.00)
    report = import_tables(path).report
    assert any("一般公共预算" in line and "3500.00" in line and "3562.56" in line and "表2" in line
               for line in report.disagreements), report.disagreements


def test_same_figure_printed_twice_differently(tmp_path: Path) -> None:
    """Table 4 repeats table 1's income: a change in one is a disagreement, not a choice."""
    path = sample_copy(tmp_path / "t.xlsx")
    ref = edit(path, 4, "一、一般公共预算", 2, 3562.50)
    report = import_tables(path).report
    assert any(ref in line and "3562.50" in line and "3562.56" in line
               for line in report.disagreements), report.disagreements


def test_unreadable_figure_names_sheet_and_cell(tmp_path: Path) -> None:
    path = sample_copy(tmp_path / "t.xlsx")
    ref = edit(path, 12, "科技研发基地运营管理费", 3, "53七.00")
    result = import_tables(path)
    assert any(ref in line and "53七.00" in line and "表12" in line and "工作表" in line
               for line in result.report.unreadable), result.report.unreadable
    assert result.budget is not None


def test_missing_table_is_said(sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    path = write_workbook(tuple(t for t in sample_tables if t.number != 10), tmp_path / "t.xlsx")
    result = import_tables(path)
    assert result.budget is not None
    assert any("没有找到" in line for line in result.report.taken["10"])
    assert_same_tables(build_tables(result.budget), sample_tables)


def test_not_a_workbook_is_fatal(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    result = import_tables(path)
    assert result.budget is None
    assert result.report.fatal and "x.xlsx" in result.report.fatal[0]


def test_workbook_without_tables_is_fatal(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "人员名单"  # type: ignore[index]
    book.save(tmp_path / "x.xlsx")
    result = import_tables(tmp_path / "x.xlsx")
    assert result.budget is None
    assert "没有找到任何一张预算公开表" in result.report.text()


def test_subordinate_unit_in_table11_runs_an_office(sample: Budget, tmp_path: Path) -> None:
    """A unit listed in table 11 gets its 机关运行经费 back through 502 lines, and is 参公."""
    from dataclasses import replace

    research = sample.units[1].code
    units = tuple(replace(u, kind=UnitKind.CIVIL) if u.code == research else u
                  for u in sample.units)
    economic = tuple(replace(b, gov="50201") if b.unit == research and b.dept == "30213" else b
                     for b in sample.basic_economic)
    budget = replace(sample, units=units, basic_economic=economic)
    tables = build_tables(budget)
    assert len(tables[10].rows) == 3
    result = import_tables(write_workbook(tables, tmp_path / "t.xlsx"))
    assert result.budget is not None
    assert_same_tables(build_tables(result.budget), tables)
    assert result.budget.units[1].kind == UnitKind.CIVIL
    assert any("参公" in line for line in result.report.assumptions)


def test_exported_workbook_imports_back(sample_tables: tuple[Table, ...]) -> None:
    """The 13-table workbook this application exports gives back the same tables."""
    result = exported_import()  # shared with the profiles' test of the same workbook
    assert result.budget is not None, result.report.text()
    assert (result.report.unreadable, result.report.disagreements) == ([], [])
    assert_same_tables(build_tables(result.budget), sample_tables)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), units=st.integers(1, 4), projects=st.integers(0, 12))
@example(seed=5117, units=3, projects=10)  # a 尾差 only a chain of three moves reproduces
@example(seed=9744, units=4, projects=11)  # … and one of four
def test_generated_departments_come_back(seed: int, units: int, projects: int,
                                         tmp_path: Path) -> None:
    """Any department's tables, 尾差 and all, are reproduced figure for figure."""
    tables = build_tables(generate(units=units, projects=projects, seed=seed))
    result = import_tables(write_workbook(tables, tmp_path / f"g{seed}.xlsx", Layout(figures="text")))
    assert result.budget is not None
    assert result.report.disagreements == []
    assert_same_tables(build_tables(result.budget), tables)


def test_command_writes_a_budget_and_refuses_to_overwrite(
        sample_tables: tuple[Table, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main
    from app.store import storage

    workbook = sample_workbook(Layout(per_sheet=False))  # only read
    target = tmp_path / "out.budget"
    assert main(["import-tables", str(workbook), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "逐数一致" in out and "已写出预算文件" in out
    assert_same_tables(build_tables(storage.load(target)), sample_tables)
    before = target.read_bytes()
    assert main(["import-tables", str(workbook), "-o", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["import-tables", str(workbook), "-o", str(target), "--force"]) == 0


def test_command_writes_nothing_on_a_fatal_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli.main import main

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    target = tmp_path / "out.budget"
    assert main(["import-tables", str(bad), "-o", str(target)]) == 1
    assert "未写入任何文件" in capsys.readouterr().err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [bad]
