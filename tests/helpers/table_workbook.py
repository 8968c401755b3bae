"""Writes the 13 tables into a workbook in the many layouts a budget system hands them out in."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.compute.tabledef import ColumnKind, Table
from app.core.money import round_wan
from reports.xlsxwrite import save_book


@dataclass(frozen=True)
class Layout:
    """How to write the tables.

    Attributes:
      per_sheet: one table per sheet (else all on one sheet, one under another).
      shuffle: sheet (or table) order shuffled with this seed; None keeps 1…13.
      header: "grid" (as defined, merged cells), "flat" (one line: the lowest words),
        "three" (an extra line 金额/其中 over the money columns, merged).
      figures: "number" (numbers), "text" ("1,116.95", " 3.60 ", "-" for blank), "formatted"
        (as "text", and the codes too in the amounts' format: "2,060,101.00").
      unit: "万元" or "元".
      spacers: blank rows and columns around and inside the tables.
      title: "full" (caption, title with year), "bare" (title without year or caption),
        "caption" (caption and title without year).
      notes: the notes line under each table.
      wrap: long names wrapped over two lines inside their cell.
    """

    per_sheet: bool = True
    shuffle: int | None = None
    header: str = "grid"
    figures: str = "number"
    unit: str = "万元"
    spacers: bool = False
    title: str = "full"
    notes: bool = True
    wrap: bool = False


def figure(value: Decimal, layout: Layout) -> object:
    amount = round_wan(value) if layout.unit == "万元" else value
    if layout.figures in ("text", "formatted"):
        return f" {amount:,.2f} "
    return float(amount)


def header_lines(table: Table, layout: Layout) -> list[tuple[str, int, int, int, int]]:
    """Header cells (text, row, col, rowspan, colspan) for the layout."""
    cells = [(h.text, h.row, h.col, h.rowspan, h.colspan) for h in table.header]
    if layout.header == "flat":
        grid = table.header_grid()
        lowest: list[str] = []
        for c in range(len(table.columns)):
            covering = [h for h in table.header if h.col <= c < h.col + h.colspan
                        and not h.text.isdigit()]
            lowest.append(max(covering, key=lambda h: h.row).text if covering else "")
        del grid
        return [(t, 0, c, 1, 1) for c, t in enumerate(lowest) if t]
    if layout.header == "three" and table.header_rows < 3:
        money = {i for i, col in enumerate(table.columns) if col.kind == ColumnKind.MONEY}
        result: list[tuple[str, int, int, int, int]] = []
        for t, r, c, rs, cs in cells:
            span = set(range(c, c + cs))
            if r == 0 and not span & money:
                result.append((t, 0, c, rs + 1, cs))  # names reach up into the new top line
            else:
                result.append((t, r + 1, c, rs, cs))
        free = [c for c in range(len(table.columns))
                if not any(r == 0 and c0 <= c < c0 + cs for _, r, c0, _, cs in result)]
        runs: list[list[int]] = []
        for c in free:
            if runs and runs[-1][-1] == c - 1:
                runs[-1].append(c)
            else:
                runs.append([c])
        result += [("金额", 0, run[0], 1, len(run)) for run in runs]
        return result
    return cells


def write_table(ws: Worksheet, table: Table, top: int, left: int, layout: Layout) -> int:
    """Write table with its top-left corner at (top, left); the next free row."""
    r = top
    width = len(table.columns)
    if layout.title in ("full", "caption"):
        ws.cell(r, left, table.caption)
        r += 1
    title = table.title if layout.title == "full" else table.title.split("年", 1)[1]
    ws.cell(r, left, title)
    ws.merge_cells(start_row=r, start_column=left, end_row=r, end_column=left + width - 1)
    r += 1
    ws.cell(r, left, table.department_line)
    ws.cell(r, left + width - 1, "单位：万元" if layout.unit == "万元" else "单位：元")
    r += 1
    if layout.spacers:
        r += 1
    cells = header_lines(table, layout)
    rows = max(row + span for _, row, _, span, _ in cells)
    for text, row, col, rowspan, colspan in cells:
        ws.cell(r + row, left + col, text)
        if rowspan > 1 or colspan > 1:
            ws.merge_cells(start_row=r + row, start_column=left + col,
                           end_row=r + row + rowspan - 1, end_column=left + col + colspan - 1)
    r += rows
    for i, row in enumerate(table.rows):
        if layout.spacers and i == 3:
            r += 1
        for c, (column, value) in enumerate(zip(table.columns, row.cells, strict=True)):
            if value is None or value == "" or (isinstance(value, Decimal) and value == 0):
                if layout.figures != "number" and column.kind == ColumnKind.MONEY and c % 2:
                    ws.cell(r, left + c, "-")
                continue
            if isinstance(value, Decimal):
                ws.cell(r, left + c, figure(value, layout))
            elif column.kind == ColumnKind.CODE and layout.figures == "number" and value.isdigit():
                ws.cell(r, left + c, int(value))
            elif column.kind == ColumnKind.CODE and layout.figures == "formatted" and value.isdigit():
                ws.cell(r, left + c, f"{int(value):,.2f}")
            elif layout.wrap and len(value) > 8:
                ws.cell(r, left + c, value[:5] + "\n" + value[5:])
            else:
                ws.cell(r, left + c, ("　" * row.level) + value if column.kind == ColumnKind.TEXT
                        else value)
        r += 1
    if layout.notes:
        for note in table.all_notes():
            ws.cell(r, left, note)
            r += 1
    return r


def write_workbook(tables: tuple[Table, ...], path: Path, layout: Layout = Layout()) -> Path:
    """The tables written to path in the given layout."""
    book = Workbook()
    order = list(tables)
    if layout.shuffle is not None:
        random.Random(layout.shuffle).shuffle(order)
    left = 3 if layout.spacers else 1
    if layout.per_sheet:
        first = True
        for table in order:
            ws = book.active if first else book.create_sheet()
            assert ws is not None
            ws.title = f"Sheet{random.Random(table.number).randint(10, 99)}-{table.number * 7 % 13}"
            first = False
            write_table(ws, table, 3 if layout.spacers else 1, left, layout)
    else:
        ws = book.active
        assert ws is not None
        ws.title = "公开表"
        r = 1
        for table in order:
            r = write_table(ws, table, r, left, layout) + (3 if layout.spacers else 1)
    save_book(book, str(path))  # book.save(path)'s parts, faster (tests/unit/reports/test_xlsxwrite.py)
    return path
