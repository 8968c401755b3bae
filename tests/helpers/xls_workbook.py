"""Copies an .xlsx workbook into the old binary .xls format (values and merged cells), as
budget systems that still export .xls hand it out."""

from __future__ import annotations

from pathlib import Path

import xlwt
from openpyxl import load_workbook


def to_xls(source: Path, target: Path) -> Path:
    book = load_workbook(source)
    out = xlwt.Workbook(encoding="utf-8")
    for sheet in book.worksheets:
        ws = out.add_sheet(sheet.title[:31])
        merged = set()
        for rng in sheet.merged_cells.ranges:
            top = sheet.cell(rng.min_row, rng.min_col).value
            ws.write_merge(rng.min_row - 1, rng.max_row - 1, rng.min_col - 1, rng.max_col - 1,
                           "" if top is None else top)
            merged |= {(r, c) for r in range(rng.min_row, rng.max_row + 1)
                       for c in range(rng.min_col, rng.max_col + 1)}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and (cell.row, cell.column) not in merged:
                    ws.write(cell.row - 1, cell.column - 1, cell.value)
    out.save(str(target))
    return target
