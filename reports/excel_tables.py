"""A profile's disclosure tables as one workbook, a sheet each, from the same Table definitions as the PDF.

Figures are numbers holding what the PDF prints: the 万元 value rounded half-up, formatted
'#,##0.00', or exact 元 with thousands separators for a table in 元 (Table.money); zero is blank
as in print (shown as 0 where the table prints it so). Text is always written as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from decimal import Decimal
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from app.compute.tabledef import ColumnKind, Money, Row, RowKind, Table
from app.compute.textout import width as text_width
from app.core.money import round_wan
from reports.excel_data import styled
from reports.xlsxsheet import new_sheet

NUMBER_FORMAT = "#,##0.00"
YUAN_FORMAT = "#,##0"
ZERO_FORMAT = "#,##0.00;-#,##0.00;0"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "宋体"
TITLE_ROW, LINE_ROW, HEADER_ROW = 2, 3, 4  # caption is row 1
MAX_WIDTH = 60
BAD_SHEET_CHARS = str.maketrans({c: "" for c in "[]:*?/\\"})


def sheet_name(table: Table) -> str:
    """"表N 标题": the table's place and its title without the year, at most 31 characters."""
    title = table.title
    year = title.partition("年")
    if year[0].isdigit() and year[1]:
        title = year[2]
    return f"表{table.number} {title}".translate(BAD_SHEET_CHARS)[:31]


def text(cell: Cell, value: str) -> None:
    """Set text that is never a formula, whatever its first character (= + - @)."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.data_type = "s"


def column_widths(table: Table) -> list[float]:
    """Excel widths that fit each column's header and body text (CJK counts double)."""
    sizes = [4.0 + 6 * c.width for c in table.columns]
    for cell in table.header:
        if cell.colspan == 1:
            sizes[cell.col] = max(sizes[cell.col], min(text_width(cell.text), 16) + 2)
    for row, texts in zip(table.rows, table.texts(), strict=True):
        for i, value in enumerate(texts):
            extra = 2 * row.level if table.columns[i].kind == ColumnKind.TEXT else 0
            figure = table.columns[i].kind == ColumnKind.MONEY
            shown = f"{Decimal(value.replace(',', '')):,.2f}" if figure and value else value
            size = text_width(shown) + extra + 2
            sizes[i] = max(sizes[i], size)
    return [min(s, MAX_WIDTH) for s in sizes]


def write_table(ws: Worksheet, table: Table) -> None:
    columns = len(table.columns)
    if table.caption:
        text(ws.cell(1, 1), table.caption)
    ws.cell(1, 1).font = Font(name=FONT, size=10)
    title = ws.cell(TITLE_ROW, 1)
    text(title, table.title)
    title.font = Font(name=FONT, size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    merge(ws, TITLE_ROW, 1, TITLE_ROW, columns)
    ws.row_dimensions[TITLE_ROW].height = 32
    text(ws.cell(LINE_ROW, 1), table.department_line)
    ws.cell(LINE_ROW, 1).font = Font(name=FONT, size=10)
    if columns > 2:
        merge(ws, LINE_ROW, 1, LINE_ROW, columns - 1)
    unit = ws.cell(LINE_ROW, columns) if columns > 1 else ws.cell(LINE_ROW + 0, 2)
    text(unit, table.unit_line)
    unit.font = Font(name=FONT, size=10)
    unit.alignment = Alignment(horizontal="right")
    write_header(ws, table)
    first = HEADER_ROW + table.header_rows
    write_body(ws, table, first)
    note_row = first + len(table.rows) + 1
    for i, note in enumerate(table.all_notes()):
        text(ws.cell(note_row + i, 1), note)
        ws.cell(note_row + i, 1).font = Font(name=FONT, size=9)
    for i, size in enumerate(column_widths(table), start=1):
        ws.column_dimensions[get_column_letter(i)].width = size
    ws.freeze_panes = ws.cell(first, 1).coordinate
    setup_print(ws, table, first)


_MERGES: WeakKeyDictionary[Workbook, dict[tuple[object, ...], list[StyleArray]]] = WeakKeyDictionary()


def merge(ws: Worksheet, top: int, left: int, bottom: int, right: int) -> None:
    """ws.merge_cells over the rows top..bottom and columns left..right, as openpyxl merges them:
    the cells but the first become MergedCells, the range's edges take the first cell's borders
    (openpyxl adds each side to each edge cell, hashing a new border each time: most of the
    header's cost). What a merge gives depends only on its size and the styles of its first and
    last cells, so a merge like an earlier one of this workbook copies the styles it gave."""
    cells = ws._cells
    start, end = cells.get((top, left)), cells.get((bottom, right))
    key = (bottom - top, right - left, None if start is None else tuple(start._style),
           None if end is None else tuple(end._style))
    known = _MERGES.setdefault(ws.parent, {})
    styles = known.get(key)
    places = [(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)]
    if styles is None or start is None:
        ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
        known[key] = [copy(cells[place]._style) for place in places]
        return
    merged = MergedCellRange.__new__(MergedCellRange)  # its __init__ would style the first cell
    CellRange.__init__(merged, min_col=left, min_row=top, max_col=right, max_row=bottom)
    merged.ws, merged.start_cell = ws, start
    ws.merged_cells.add(merged)
    start._style = copy(styles[0])
    for (row, column), style in zip(places[1:], styles[1:], strict=True):
        cell = MergedCell(ws, row, column)
        cell._style = copy(style)
        cells[row, column] = cell


def write_header(ws: Worksheet, table: Table) -> None:
    style = Font(name=FONT, size=10, bold=True)
    middle = Alignment(horizontal="center", vertical="center", wrap_text=True)
    def apply(cell: Cell) -> None:
        cell.border, cell.font, cell.alignment = BOX, style, middle

    for r in range(table.header_rows):
        for c in range(len(table.columns)):
            styled(ws.cell(HEADER_ROW + r, c + 1), "header", apply)
    for h in table.header:
        top, left = HEADER_ROW + h.row, h.col + 1
        text(ws.cell(top, left), h.text)
        if h.rowspan > 1 or h.colspan > 1:
            merge(ws, top, left, top + h.rowspan - 1, left + h.colspan - 1)
    for r in range(table.header_rows):
        ws.row_dimensions[HEADER_ROW + r].height = 30


BODY_FONTS = (Font(name=FONT, size=10), Font(name=FONT, size=10, bold=True))
RIGHT = Alignment(horizontal="right", vertical="center")
LEFT = tuple(Alignment(horizontal="left", vertical="center", wrap_text=True, indent=i) for i in range(8))


def write_body(ws: Worksheet, table: Table, first: int) -> None:
    text_columns = [i for i, c in enumerate(table.columns) if c.kind == ColumnKind.TEXT]
    for r, row in enumerate(table.rows, start=first):
        bold = row.kind in (RowKind.TOTAL, RowKind.GROUP) and row.level == 0
        for c in range(len(table.columns)):
            put_cell(ws.cell(r, c + 1), table, row, c, bold,
                     indent=c == text_columns[0] if text_columns else False)


def put_cell(cell: Cell, table: Table, row: Row, col: int, bold: bool, indent: bool) -> None:
    """The body cell's value and style: boxed, in the row's font, figures right-aligned in their
    number format, text left-aligned (the first text column indented by the row's level). The
    style is copied from the first cell of the workbook styled alike (excel_data.styled)."""
    value = row.cells[col]
    kind = table.columns[col].kind
    font = BODY_FONTS[bold]
    if kind == ColumnKind.MONEY:
        shape = number_format(table)

        def figure(cell: Cell) -> None:
            cell.border, cell.font = BOX, font
            cell.alignment = RIGHT
            cell.number_format = shape

        styled(cell, ("figure", bold, shape), figure)
        if isinstance(value, Decimal) and value != 0:
            cell.value = value if table.money == Money.YUAN else round_wan(value)
        elif isinstance(value, Decimal) and table.money == Money.WAN_ZERO:
            cell.value = Decimal(0)
        elif isinstance(value, str) and value:
            text(cell, value)
        return
    level = min(row.level if indent and kind == ColumnKind.TEXT else 0, len(LEFT) - 1)

    def words(cell: Cell) -> None:
        cell.border, cell.font = BOX, font
        cell.alignment = LEFT[level]

    styled(cell, ("text", bold, level), words)
    shown = table.text(row, col)
    if shown:
        text(cell, shown)


def number_format(table: Table) -> str:
    """'#,##0.00' for 万元; for 元 '#,##0', or '#,##0.00' where the table shows 分
    (Table.cents); a printed 0 as 0."""
    if table.money == Money.YUAN:
        return NUMBER_FORMAT if table.cents else YUAN_FORMAT
    if table.money == Money.WAN_ZERO:
        return ZERO_FORMAT
    return NUMBER_FORMAT


def setup_print(ws: Worksheet, table: Table, first: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if table.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{HEADER_ROW}:{first - 1}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def tables_workbook(tables: Sequence[Table]) -> Workbook:
    """A workbook with one sheet per table, in order."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        write_table(new_sheet(book, sheet_name(table)), table)
    if tables:
        book.properties.title = f"{tables[0].department}预算表"
    book.properties.creator = "预算公开编制助手"
    return book
