"""A long table continued at a page break: the 续表 line, the caption or title again with
（续）, or the whole title block repeated (as budget systems print long tables of projects and
officers paste them page by page). The rows after the break belong to the same table.

They used to become projects named 续表 or 预算公开表12（续）, or, with the title block
repeated, "表12出现了两次，只读取了第一张": the rest of the projects lost and a page of
conflicts blamed on the placing."""

from __future__ import annotations

from collections.abc import Callable
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

TITLE = "项目支出预算表（本年预算）"
BREAK = 5  # body rows of table 12 before the page break


def table_sheet(book: openpyxl.Workbook, title: str) -> tuple[Worksheet, int, int]:
    """The sheet holding the table titled title, its title's row and its first body row."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.endswith(title):
                    body = next(r for r in range(cell.row, ws.max_row + 1)
                                if str(ws.cell(r, 1).value or "").strip().startswith(("示例", "晋城")))
                    return ws, cell.row, body
    raise AssertionError(title)


def rows_of(ws: Worksheet, first: int, last: int) -> list[list[object]]:
    return [[c.value for c in ws[r]] for r in range(first, last + 1)]


def put(ws: Worksheet, at: int, rows: list[list[object]]) -> None:
    ws.insert_rows(at, len(rows))
    for k, row in enumerate(rows):
        for j, v in enumerate(row):
            ws.cell(at + k, 1 + j, v)


def header(ws: Worksheet, title_row: int, body: int) -> list[list[object]]:
    heads = [r for r in range(title_row + 1, body)
             if any(isinstance(c.value, str) and "项目名称" in c.value for c in ws[r])]
    return rows_of(ws, heads[0], body - 1)


def marked(ws: Worksheet, title_row: int, body: int) -> None:
    put(ws, body + BREAK, [["续表"], *header(ws, title_row, body)])


def captioned(ws: Worksheet, title_row: int, body: int) -> None:
    put(ws, body + BREAK, [["预算公开表12（续）"], [f"{TITLE}（续表）"], *header(ws, title_row, body)])


def block(ws: Worksheet, title_row: int, body: int) -> None:
    put(ws, body + BREAK, rows_of(ws, title_row - 1, body - 1))  # caption, title, 部门名称, header


def other_sheet(ws: Worksheet, title_row: int, body: int) -> None:
    """The rows after the break on a sheet of their own, under the title block again."""
    rest = rows_of(ws, body + BREAK, ws.max_row)
    new = ws.parent.create_sheet("表12（续）")
    for row in rows_of(ws, title_row - 1, body - 1) + rest:
        new.append(row)
    ws.delete_rows(body + BREAK, ws.max_row)


BREAKS: dict[str, Callable[[Worksheet, int, int], None]] = {
    "续表 and the header again": marked,
    "caption and title with （续）": captioned,
    "the title block again": block,
    "on another sheet": other_sheet,
}


@pytest.mark.parametrize("edit", BREAKS.values(), ids=BREAKS.keys())
def test_a_table_continued_at_a_page_break_is_read_whole(
        edit: Callable[[Worksheet, int, int], None], sample: Budget,
        sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout())
    book = openpyxl.load_workbook(path)
    edit(*table_sheet(book, TITLE))
    book.save(path)
    result = import_tables(path)
    assert result.budget is not None, result.report.text()
    assert sorted(p.name for p in result.budget.projects) == sorted(p.name for p in sample.projects)
    assert result.report.unreadable == [] and result.report.differences == []
    assert_same_tables(build_tables(result.budget), sample_tables)


def test_the_title_block_again_is_named_where_the_table_is_told(
        sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout())
    book = openpyxl.load_workbook(path)
    ws, title_row, body = table_sheet(book, TITLE)
    block(ws, title_row, body)
    book.save(path)
    text = import_tables(path).report.text()
    assert f"（续：第{body + BREAK}行起）" in text, text  # where its caption is again


@pytest.mark.parametrize("scale", [1, 2], ids=["pasted twice", "another version, hidden"])
def test_a_whole_table_again_is_read_once_and_said(
        scale: int, sample: Budget, sample_tables: tuple[Table, ...], tmp_path: Path) -> None:
    """The same table pasted twice, or a whole table again with other figures (a draft left
    on a hidden sheet): it opens with the department's row as the table does, so it is not
    read as more projects."""
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout())
    book = openpyxl.load_workbook(path)
    ws, _, body = table_sheet(book, TITLE)
    again = book.create_sheet("又一份")
    again.sheet_state = "hidden" if scale > 1 else "visible"
    for n, row in enumerate(rows_of(ws, 1, ws.max_row), start=1):
        again.append([v * scale if n >= body + 2 and isinstance(v, int | float) else v for v in row])
    book.save(path)
    result = import_tables(path)
    assert result.budget is not None
    assert len(result.budget.projects) == len(sample.projects)
    assert any("表12出现了两次" in line for line in result.report.unreadable)
    assert_same_tables(build_tables(result.budget), sample_tables)


@pytest.mark.parametrize(("column", "said"), [(3, "已按该行合计减去其他各列记入"), (2, "")],
                         ids=["without 一般公共预算", "without 合计"])
def test_a_continuation_without_a_column_is_read_from_the_columns_it_prints(
        column: int, said: str, sample: Budget, sample_tables: tuple[Table, ...],
        tmp_path: Path) -> None:
    """The rows after the break pasted without one of the table's columns. Its cells used to
    read as blank: the projects there lost their 一般公共预算 money, the tables came back
    thousands of 万元 off, and the differences were blamed on the projects' 项."""
    path = write_workbook(sample_tables, tmp_path / "t.xlsx", Layout())
    book = openpyxl.load_workbook(path)
    other_sheet(*table_sheet(book, TITLE))
    book["表12（续）"].delete_cols(column)
    book.save(path)
    result = import_tables(path)
    assert result.budget is not None, result.report.text()
    assert sorted(p.name for p in result.budget.projects) == sorted(p.name for p in sample.projects)
    assert result.report.differences == [], result.report.text()
    assert_same_tables(build_tables(result.budget), sample_tables)
    told = "\n".join(result.report.unreadable)
    assert "表12的续表（工作表“表12（续）”第1行起）与前面的列不同" in told, told
    assert said in result.report.text()
