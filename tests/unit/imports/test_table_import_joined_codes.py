"""A function code and its name printed in one cell ("2060101 行政运行", "[2060101]行政运行",
"2060101-行政运行"), as some budget systems export the function tables, under either header
(科目编码 or 科目名称).

Under 科目编码 every such cell was "不是数字，按空白处理": 0 function 项 read, and the import
rebuilt nothing of table 3. Under 科目名称 the codes were missing altogether."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.compute.tabledef import Table
from app.imports.tables.importer import import_tables
from app.imports.tables.sheet import code_and_name
from app.profiles.shanxi.tables import build_tables
from tests.helpers.table_workbook import Layout, write_workbook
from tests.unit.imports.test_table_import import assert_same_tables

TITLES = ("预算支出总表", "一般公共预算支出预算表（不含上年结转）")


def joined(path: Path, form: str, under: str) -> int:
    """The function tables' code and name cells written as one, form.format(code=…, name=…), in
    the column headed under ("科目编码" or "科目名称"), the other column left empty; the cells."""
    book = openpyxl.load_workbook(path)
    count = 0
    for ws in book.worksheets:
        if not any(isinstance(c.value, str) and c.value.endswith(TITLES) for r in ws.iter_rows(max_row=4)
                   for c in r):
            continue
        for code_cell, name_cell, *_ in ws.iter_rows():
            if str(code_cell.value or "").isdigit() and isinstance(name_cell.value, str):
                one = form.format(code=code_cell.value, name=name_cell.value.strip("\u3000"))
                code_cell.value, name_cell.value = (one, None) if under == "科目编码" else (None, one)
                count += 1
            elif code_cell.value == "合计" and under == "科目名称":
                code_cell.value, name_cell.value = None, "合计"
            elif code_cell.value == "科目编码":
                (name_cell if under == "科目编码" else code_cell).value = None
                code_cell.value = under if under == "科目编码" else None
    book.save(path)
    return count


@pytest.mark.parametrize("under", ["科目编码", "科目名称"])
@pytest.mark.parametrize("form", ["{code} {name}", "[{code}]{name}", "{code}-{name}", "{code}{name}"])
def test_a_code_and_its_name_in_one_cell_are_read_apart(
        form: str, under: str, sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout())
    assert joined(path, form, under) > 20
    result = import_tables(path)
    assert result.budget is not None, result.report.text()
    report = result.report
    assert (report.unreadable, report.differences) == ([], []), report.text()
    assert "14 个末级功能科目" in report.text()
    assert_same_tables(build_tables(result.budget), sample_tables)


def test_what_is_split_off_as_a_code() -> None:
    assert code_and_name("2060101 行政运行") == ("2060101", "行政运行")
    assert code_and_name("【205】教育支出") == ("205", "教育支出")
    assert code_and_name("20601科学技术管理事务") == ("20601", "科学技术管理事务")
    assert code_and_name("2060101") is None
    assert code_and_name("行政运行") is None
    assert code_and_name("12 其他") is None  # too short for a code
