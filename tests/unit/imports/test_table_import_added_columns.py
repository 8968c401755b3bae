"""Columns a budget system adds to a table (序号, 项目代码, 备注…) that the template has not.

Their header words used to stop the header from being recognised: "认出了表题…，但读不出它的
表头，已跳过", the table taken as missing, and hundreds of places to check. Now their words make
a header row like the template's own, and a column under them is never read as one of the
table's columns."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from app.compute.tabledef import Table
from app.core.records import Budget
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.tables import build_tables
from tests.helpers.table_workbook import Layout, write_workbook
from tests.unit.imports.test_table_import import assert_same_tables
from tests.unit.imports.test_table_import_continued import TITLE, table_sheet


def add_columns(ws: Worksheet, header_row: int, before: int, words: list[str],
                values: list[object]) -> None:
    """Columns words inserted before column before, header_row naming them; every body row
    holding a project (a name indented twice) gets values, numbered where a value is None."""
    for m in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(m))
    ws.insert_cols(before, len(words))
    n = 0
    for k, w in enumerate(words):
        ws.cell(header_row, before + k, w)
    for r in range(header_row + 1, ws.max_row + 1):
        name = ws.cell(r, before + len(words)).value
        if isinstance(name, str) and name.startswith("\u3000\u3000"):
            n += 1
            for k, v in enumerate(values):
                ws.cell(r, before + k, n if v is None else f"{v}{n:04d}")


def header_row(ws: Worksheet, top: int) -> int:
    return next(r for r in range(top, ws.max_row + 1)
                if any(c.value == "项目名称" for c in ws[r]))


@pytest.mark.parametrize("words", [["序号", "项目代码"], ["序号"], ["项目编码", "项目类别"]])
def test_added_columns_in_the_table_of_projects_are_passed_over(
        words: list[str], sample: Budget, sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout(wrap=False))
    book = openpyxl.load_workbook(path)
    ws, top, _ = table_sheet(book, TITLE)
    row = header_row(ws, top)
    first = next(c.column for c in ws[row] if c.value == "项目名称")
    add_columns(ws, row, first, words, [None, "14052126"][:len(words)])
    last = ws.max_column + 1
    ws.cell(row, last, "备注")  # and one after the figures
    book.save(path)
    result = import_tables(path)
    assert result.budget is not None, result.report.text()
    assert result.report.unreadable == [] and result.report.differences == [], result.report.text()
    assert sorted(p.name for p in result.budget.projects) == sorted(p.name for p in sample.projects)
    assert_same_tables(build_tables(result.budget), sample_tables)


def test_other_words_over_a_defined_column_are_matched_by_place(
        sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    """科目代码 and 功能科目名称 over table 3's code and name: before, the header was not read
    (table 3 missing); with them taken as added columns, the codes were lost."""
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout())
    book = openpyxl.load_workbook(path)
    ws = next(ws for ws in book.worksheets
              if any(str(c.value or "").endswith("预算支出总表") for r in ws.iter_rows(max_row=6) for c in r))
    for row in ws.iter_rows(max_row=12):
        for cell in row:
            if cell.value in ("科目编码", "科目名称"):
                cell.value = {"科目编码": "科目代码", "科目名称": "功能科目名称"}[cell.value]
    book.save(path)
    result = import_tables(path)
    assert result.budget is not None
    assert result.report.unreadable == [] and result.report.differences == [], result.report.text()
    assert_same_tables(build_tables(result.budget), sample_tables)
