"""The 13-table workbook, read back with openpyxl, prints exactly the core's tables."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.compute.tabledef import ColumnKind, Table
from app.core.records import Budget, Department
from app.profiles.shanxi.tables import build_tables
from reports.excel_data import save
from reports.excel_tables import HEADER_ROW, sheet_name, tables_workbook


@pytest.fixture(scope="module")
def book(sample_tables: tuple[Table, ...], tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("tables") / "tables.xlsx"
    save(tables_workbook(sample_tables), path)
    return openpyxl.load_workbook(path)


def shown(value: object, kind: ColumnKind) -> str:
    """A cell as the PDF prints it: figures with two decimals, zero and blank as ""."""
    if value is None:
        return ""
    if kind == ColumnKind.MONEY and isinstance(value, int | float):
        return f"{Decimal(repr(value)):.2f}"
    return str(value)


@pytest.mark.parametrize("number", range(1, 14))
def test_every_figure_matches_the_core(number: int, book: openpyxl.Workbook,
                                       sample_tables: tuple[Table, ...]) -> None:
    table = sample_tables[number - 1]
    ws = book[sheet_name(table)]
    assert ws["A1"].value == table.caption
    assert ws["A2"].value == table.title
    assert ws["A3"].value == table.department_line
    assert ws.cell(3, len(table.columns)).value == "单位：万元"
    first = HEADER_ROW + table.header_rows
    got = [[shown(ws.cell(first + r, c + 1).value, col.kind) for c, col in enumerate(table.columns)]
           for r in range(len(table.rows))]
    assert got == table.texts()
    notes = [ws.cell(first + len(table.rows) + 1 + i, 1).value for i in range(len(table.all_notes()))]
    assert notes == list(table.all_notes())
    for r, row in enumerate(table.rows):
        for c, col in enumerate(table.columns):
            cell = ws.cell(first + r, c + 1)
            if col.kind == ColumnKind.MONEY and cell.value is not None:
                assert cell.data_type == "n" and cell.number_format == "#,##0.00"
        text_col = next(i for i, col in enumerate(table.columns) if col.kind == ColumnKind.TEXT)
        assert ws.cell(first + r, text_col + 1).alignment.indent == row.level


def test_merged_headers_follow_the_spans(book: openpyxl.Workbook,
                                         sample_tables: tuple[Table, ...]) -> None:
    for table in sample_tables:
        ws = book[sheet_name(table)]
        merged = {str(m) for m in ws.merged_cells.ranges}
        for h in table.header:
            cell = ws.cell(HEADER_ROW + h.row, h.col + 1)
            assert cell.value == h.text
            if h.rowspan > 1 or h.colspan > 1:
                end = ws.cell(HEADER_ROW + h.row + h.rowspan - 1, h.col + h.colspan)
                assert f"{cell.coordinate}:{end.coordinate}" in merged


def test_print_setup(book: openpyxl.Workbook, sample_tables: tuple[Table, ...]) -> None:
    for table in sample_tables:
        ws = book[sheet_name(table)]
        first = HEADER_ROW + table.header_rows
        assert ws.page_setup.paperSize == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.orientation == ("landscape" if table.landscape else "portrait")
        assert ws.print_title_rows == f"${HEADER_ROW}:${first - 1}"
        assert ws.freeze_panes == f"A{first}"
        assert all(ws.column_dimensions[chr(65 + i)].width >= 6 for i in range(len(table.columns)))


def test_text_is_never_a_formula(sample: Budget, tmp_path: Path) -> None:
    hostile = replace(sample, department=Department('=HYPERLINK("http://x","点击")', "108", 2026),
                      units=(replace(sample.units[0], name="+1"), *sample.units[1:]))
    path = tmp_path / "t.xlsx"
    save(tables_workbook(build_tables(hostile)), path)
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    ws = openpyxl.load_workbook(path)[sheet_name(build_tables(hostile)[0])]
    assert ws["A3"].value == '部门名称：=HYPERLINK("http://x","点击")'
    t11 = openpyxl.load_workbook(path).worksheets[10]
    assert "+1" in [c.value for row in t11.iter_rows() for c in row]


def test_export_command_writes_both_workbooks(tmp_path: Path) -> None:
    budget = tmp_path / "s.budget"
    assert main(["sample", str(budget)]) == 0
    assert main(["export", str(budget), "-o", str(tmp_path / "tables.xlsx")]) == 0
    assert main(["export", str(budget), "--data", "-o", str(tmp_path / "data.xlsx")]) == 0
    assert len(openpyxl.load_workbook(tmp_path / "tables.xlsx").sheetnames) == 13
    assert "项目" in openpyxl.load_workbook(tmp_path / "data.xlsx").sheetnames
    assert main(["template", "-o", str(tmp_path / "t.xlsx"), "--year", "2026"]) == 0
    assert main(["export", str(budget), "-o", str(tmp_path / "tables.pdf")]) == 2
