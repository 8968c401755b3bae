"""The import report quotes each figure in its table's own unit, naming it: a cell of a table
in 元 as the cell holds it, a 万元 table's as printed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.imports.tables.importer import import_tables
from app.imports.tables.report import figure_in
from tests.helpers.sample_import import sample_copy
from tests.helpers.table_workbook import Layout
from tests.unit.imports.test_table_import import edit


def test_figure_in_names_the_unit() -> None:
    assert figure_in(Decimal("1374379.51"), Decimal(1)) == "1374379.51 元"
    assert figure_in(Decimal("1374379.51"), Decimal(10000)) == "137.44 万元"


def test_a_disagreement_of_tables_in_yuan_quotes_the_cells(tmp_path: Path) -> None:
    path = sample_copy(tmp_path / "t.xlsx", Layout(unit="元"))
    ref = edit(path, 6, "合计", 3, 11708000.00)  # table 5 holds 11748001.00 元 there
    report = import_tables(path).report
    lines = [line for line in report.disagreements if ref in line and "基本支出" in line]
    assert lines, report.disagreements
    assert "11708000.00 元" in lines[0] and "11748001.00 元" in lines[0], lines[0]
    assert "1170.80" not in lines[0] and "1174.80" not in lines[0]
    differences = [line for line in report.differences if ref in line]
    assert len(differences) == 1 and "11708000.00 元" in differences[0], report.differences


def test_a_disagreement_of_tables_in_wan_names_the_unit(tmp_path: Path) -> None:
    path = sample_copy(tmp_path / "t.xlsx")
    ref = edit(path, 6, "合计", 3, 1170.80)
    report = import_tables(path).report
    lines = [line for line in report.disagreements if ref in line and "基本支出" in line]
    assert lines and "1170.80 万元" in lines[0] and "1174.80 万元" in lines[0], lines
    differences = [line for line in report.differences if ref in line]
    assert len(differences) == 1 and "原表 1170.80 万元" in differences[0], differences


def test_personnel_money_in_the_public_column_is_quoted_in_yuan(tmp_path: Path) -> None:
    """The economic table's own lines were quoted in 万元 whatever the table's unit."""
    path = sample_copy(tmp_path / "t.xlsx", Layout(unit="元"))
    edit(path, 6, "基本工资", 5, 1234.56)  # 基本工资 is 人员经费: 公用经费 must be blank
    report = import_tables(path).report
    lines = [line for line in report.disagreements if "另一栏有" in line]
    assert lines and "另一栏有 1234.56 元" in lines[0], report.disagreements
