"""Fresh copies of a parsed openpyxl workbook, made from a frozen one several times faster than
unpickling it whole (issue 21).

Unpickling the sample's data workbook took 45-65 ms, nearly all of it its 4,397 cells: each
openpyxl Cell is an object of slots, which pickle rebuilds through a state dict and one setattr
per slot, and each cell's style is an array rebuilt by a call of its own. The rest of the book
unpickles in 4 ms. Here a plain cell (an openpyxl Cell of its own sheet, without hyperlink or
comment: every cell of our workbooks) is kept in columns of its slots (rows, columns, values,
types, one array of every style) and made again directly;
every other cell (merged cells, hyperlinks, comments) and everything else is pickled as before.
A copy pickles as a plain unpickled copy does (checked while this was written: the sample's data
workbook); tests/unit/imports/test_excel_errors.py holds a copy to the parsed workbook's saved
bytes (it fails on a copy whose cells lost their styles).
"""

from __future__ import annotations

import pickle
from array import array
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles.cell_style import StyleArray

NINE = (0,) * 9  # a StyleArray's length
Frozen = tuple[bool, bytes]  # (cells kept as tuples, the pickle)


def freeze(book: Any) -> Frozen:
    """What `thaw` makes copies of: the book as it is now (it is left unchanged)."""
    return True, _split(book)


def thaw(frozen: Frozen) -> Any:
    """A new copy of the frozen book, as `pickle.loads(pickle.dumps(book))` gives it."""
    split, data = frozen
    if not split:
        return pickle.loads(data)
    book, held = pickle.loads(data)
    new = Cell.__new__
    for ws, columns in zip(book._sheets, held, strict=True):
        if columns is None:
            continue
        other = ws._cells
        cells = {}
        rows, numbers, values, kinds, styles = columns
        for i, (row, column, value, kind) in enumerate(zip(rows, numbers, values, kinds, strict=True)):
            if kind is None:
                cells[row, column] = other[row, column]
                continue
            cell = new(Cell)
            cell.row = row
            cell.column = column
            cell._value = value
            cell.data_type = kind
            cell.parent = ws
            cell._style = StyleArray(styles[9 * i:9 * i + 9])
            cell._hyperlink = None
            cell._comment = None
            cells[row, column] = cell
        ws._cells = cells
    return book


def _split(book: Any) -> bytes:
    """The pickle of (book without its plain cells, each sheet's cells in order: a tuple of a
    plain cell's slots, or (place,) of a cell left in the sheet)."""
    held: list[tuple[list[int], list[int], list[Any], list[str | None], array[int]] | None] = []
    kept: list[tuple[Any, dict[Any, Any]]] = []
    try:
        for ws in book._sheets:
            cells = getattr(ws, "_cells", None)
            if not isinstance(cells, dict):  # a chart sheet
                held.append(None)
                continue
            rows: list[int] = []
            numbers: list[int] = []
            values: list[Any] = []
            kinds: list[str | None] = []
            styles = array("i")
            other = {}
            for key, cell in cells.items():
                rows.append(key[0])
                numbers.append(key[1])
                if (type(cell) is Cell and cell.parent is ws and cell._hyperlink is None
                        and cell._comment is None and (cell.row, cell.column) == key
                        and cell.data_type is not None
                        and len(cell._style) == 9):
                    values.append(cell._value)
                    kinds.append(cell.data_type)
                    styles.extend(cell._style)
                else:
                    values.append(None)
                    kinds.append(None)
                    styles.extend(NINE)
                    other[key] = cell
            kept.append((ws, cells))
            ws._cells = other
            held.append((rows, numbers, values, kinds, styles))
        return pickle.dumps((book, held))
    finally:
        for ws, cells in kept:
            ws._cells = cells
