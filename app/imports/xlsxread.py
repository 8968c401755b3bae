"""Reading a workbook `app.imports.xlsxsafe` has vetted as openpyxl's read-only reader does, on
the C XML parser (issue 21).

openpyxl parses every part with defusedxml's pure-Python parser when defusedxml is installed,
measures each sheet by parsing it once more, and builds rich-text objects for every string;
here the same openpyxl rules (its reader, its cell parser, its workbook object) run on
`xml.etree`'s C parser, which is safe because `xlsxsafe.scan` parsed every part but formula-free
UTF-8 sheets with defusedxml first (refusing DTDs and entities) and found neither in those.
Only for files that passed `xlsxsafe.open_workbook`'s checks (or the same ones in the table
import's `tables/sheet.read_xlsx`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from warnings import warn
from xml.etree import ElementTree

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import (
    DATA_TAG,
    DIMENSION_TAG,
    INLINE_STRING,
    ROW_TAG,
    VALUE_TAG,
)
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse as defused_iterparse

STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"
MERGES_TAG = f"{{{SHEET_MAIN_NS}}}mergeCells"
MERGE_TAG = f"{{{SHEET_MAIN_NS}}}mergeCell"
# the parts `xlsxsafe.scan` parses with defusedxml (or byte-checks, for sheets): only those are
# given to the C parser; a part named otherwise (a sheet called "xl/worksheets/s1") is left to
# openpyxl's defused parse
XML_PARTS = (".xml", ".rels")


def vetted(part: str) -> bool:
    return part.endswith(XML_PARTS)


def load(path: Path) -> Workbook:
    """openpyxl.load_workbook(path, read_only=True, data_only=True), the same workbook."""
    reader = Reader(path, read_only=True, data_only=True)
    reader.read()
    return reader.wb


class Reader(ExcelReader):  # type: ignore[misc]
    """openpyxl's reader, read-only: shared strings and each sheet's size on the C parser."""

    def read_strings(self) -> None:
        """As openpyxl's read_string_table: each <si>'s text, x005F_ removed."""
        part = self.package.find(SHARED_STRINGS)
        if part is None or not vetted(part.PartName[1:]):
            super().read_strings()
            return
        strings = []
        with self.archive.open(part.PartName[1:]) as source:
            for _, node in ElementTree.iterparse(source):
                if node.tag == STRING_TAG:
                    strings.append(inline_text(node).replace("x005F_", ""))
                    node.clear()
        self.shared_strings = strings

    def read_worksheets(self) -> None:
        """As openpyxl's, read-only (its relationships, unused there, are not parsed)."""
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            ws = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


class Sheet(ReadOnlyWorksheet):  # type: ignore[misc]
    """openpyxl's read-only sheet, its declared size read on the C parser when first asked for:
    the importers never ask (`sheet_values` and `sheet_cells` read the rows as they are), and
    reading it for every sheet of every workbook opened was a tenth of an import's time."""

    _measured = False

    def _get_size(self) -> None:
        """Called by openpyxl as the sheet is made: the size is read later, if it is asked for,
        but at once from a part `scan` did not vet (openpyxl's defused parse refuses a DTD there
        as the workbook is opened, as before)."""
        if not vetted(self._worksheet_path):
            self._measure()

    def _measure(self) -> None:
        if self._measured:
            return
        self._measured = True
        if not vetted(self._worksheet_path):
            super()._get_size()
            return
        with self._get_source() as source:
            for _, element in ElementTree.iterparse(source):
                if element.tag == DIMENSION_TAG:
                    dimensions = SheetDimension.from_tree(element).boundaries
                    if dimensions is not None:
                        self._min_column, self._min_row, self._max_column, self._max_row = dimensions
                    return
                if element.tag == DATA_TAG:
                    return  # no size declared
                element.clear()

    def reset_dimensions(self) -> None:
        self._measure()  # openpyxl keeps the declared minimum row and column
        super().reset_dimensions()

    @property
    def min_row(self) -> int:
        self._measure()
        return self._min_row  # type: ignore[no-any-return]

    @property
    def max_row(self) -> int | None:
        self._measure()
        return self._max_row  # type: ignore[no-any-return]

    @property
    def min_column(self) -> int:
        self._measure()
        return self._min_column  # type: ignore[no-any-return]

    @property
    def max_column(self) -> int | None:
        self._measure()
        return self._max_column  # type: ignore[no-any-return]


def sheet_values(ws: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only worksheet of a book from `xlsxsafe.open_workbook`, as
    `ws.reset_dimensions(); ws.iter_rows(values_only=True)` gives them (each row as wide as its
    own last cell; () for a missing row, where openpyxl gives []), several times faster:
    openpyxl's own cell rules (shared strings, dates, booleans, errors) on the C XML parser
    instead of defusedxml's pure-Python one, inline strings (what openpyxl writes) without building
    openpyxl's rich-text objects, and nothing but the rows (openpyxl also builds each
    sheet's drop-down lists, views and print settings). Safe because `scan` vetted the part
    first (see the module's docstring)."""
    counter = 1
    for number, row in numbered_values(ws):
        while counter < number:  # rows the sheet lacks
            counter += 1
            yield ()
        counter += 1
        yield row


def numbered_values(ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of each row `sheet_values` gives but the () of the rows the sheet
    lacks, in order: a stray cell far below costs one row, not a million empty ones."""
    if not vetted(ws._worksheet_path):
        ws.reset_dimensions()
        yield from enumerate((tuple(row) for row in ws.iter_rows(values_only=True)), start=1)
        return
    book = ws.parent
    rows = Rows(ws._shared_strings, book.epoch, book._date_formats, book._timedelta_formats)
    counter = 1
    with ws._get_source() as source:
        for _, element in ElementTree.iterparse(source):
            if element.tag != ROW_TAG:
                continue
            number, row = rows.read(element)
            element.clear()
            if number >= counter:  # a row numbered below the one before is passed over
                counter = number + 1
                yield number, row


place = lru_cache(maxsize=1 << 16)(coordinate_to_tuple)  # "B7" → (7, 2); errors are not kept


class Rows:
    """openpyxl's cell rules for the values of a read-only book's rows (`WorkSheetParser.parse_row`
    and `parse_cell` with data_only, then `ReadOnlyWorksheet._get_row` with values_only), in one
    loop without a dict per cell: they were most of an import's reading of its sheets."""

    def __init__(self, shared: list[str], epoch: dt.datetime, date_formats: set[int],
                 timedelta_formats: set[int]) -> None:
        self.shared = shared
        self.epoch = epoch
        self.date_formats = date_formats
        self.timedelta_formats = timedelta_formats
        self.row_counter = 0

    def read(self, element: Any) -> tuple[int, tuple[Any, ...]]:
        """(row number, values) of a <row>, as wide as its last cell (() when it has none)."""
        cells = self.cells(element)
        if not cells:
            return self.row_counter, ()
        width = cells[-1][1]
        values: list[Any] = [None] * width
        for _, column, value in cells:
            if 1 <= column <= width:
                values[column - 1] = value
        return self.row_counter, tuple(values)

    def cells(self, element: Any) -> list[tuple[int, int, Any]]:
        """(row, column, value) of each cell of a <row>, in its order."""
        number = element.get("r")
        if number is not None:
            try:
                self.row_counter = int(number)
            except ValueError:
                val = float(number)
                if not val.is_integer():
                    raise ValueError(f"{number} is not a valid row number") from None
                self.row_counter = int(val)
        else:
            self.row_counter += 1
        row_number = self.row_counter
        counter = 0
        cells: list[tuple[int, int, Any]] = []
        for cell in element:
            kind = cell.get("t", "n")
            coordinate = cell.get("r")
            style = cell.get("s", 0)
            if style:
                style = int(style)
            value: Any = None if kind == "inlineStr" else cell.findtext(VALUE_TAG, None) or None
            if coordinate:
                row, counter = place(coordinate)
            else:
                counter += 1
                row = row_number
            if value is not None:
                if kind == "n":
                    value = float(value) if "." in value or "E" in value or "e" in value \
                        else int(value)
                    if style in self.date_formats:
                        value = self.date(value, style, coordinate)
                elif kind == "s":
                    value = self.shared[int(value)]
                elif kind == "b":
                    value = bool(int(value))
                elif kind == "d":
                    value = from_ISO8601(value)
            elif kind == "inlineStr":
                child = cell.find(INLINE_STRING)
                if child is not None:
                    value = inline_text(child)
            cells.append((row, counter, value))
        return cells

    def date(self, value: float, style: int, coordinate: str | None) -> Any:
        try:
            return from_excel(value, self.epoch, timedelta=style in self.timedelta_formats)
        except (OverflowError, ValueError):
            warn(f"Cell {coordinate} is marked as a date but the serial value {value} is outside "
                 "the limits for dates. The cell will be treated as an error.", stacklevel=1)
            return "#VALUE!"


Bounds = tuple[int, int, int, int]


def sheet_cells(ws: Any) -> tuple[dict[tuple[int, int], Any], list[Bounds]]:
    """The values by (row, column) and the merged ranges (min row, min column, max row, max
    column, in the sheet's order) of a read-only worksheet of a book from `load`, as
    `openpyxl.load_workbook(path, data_only=True)` gives them in `ws._cells` and
    `ws.merged_cells`: every cell the sheet holds (None for an empty one), the last of two with
    the same place, and a merged range's cells but the top-left emptied. Several times faster
    (no Cell objects, no styles, nothing but the cells and the merged ranges, on the C parser
    where `scan` vetted the part; a part it did not vet is parsed as openpyxl does, defused)."""
    book = ws.parent
    rows = Rows(ws._shared_strings, book.epoch, book._date_formats, book._timedelta_formats)
    values: dict[tuple[int, int], Any] = {}
    merged: list[Bounds] = []
    parse = ElementTree.iterparse if vetted(ws._worksheet_path) else defused_iterparse
    with ws._get_source() as source:
        for _, element in parse(source):
            if element.tag == ROW_TAG:
                for row, column, value in rows.cells(element):
                    values[row, column] = value
                element.clear()
            elif element.tag == MERGES_TAG:
                for child in element.iterfind(MERGE_TAG):
                    ref = child.get("ref")
                    if ref is None:
                        raise ValueError("a mergeCell without ref")
                    merged.append(CellRange(ref).bounds)
                element.clear()
    for min_col, min_row, max_col, max_row in merged:
        if (max_row - min_row + 1) * (max_col - min_col + 1) <= len(values):
            inside = [(r, c) for r in range(min_row, max_row + 1)
                      for c in range(min_col, max_col + 1) if (r, c) in values]
        else:
            inside = [(r, c) for r, c in values
                      if min_row <= r <= max_row and min_col <= c <= max_col]
        for place in inside:
            if place != (min_row, min_col):
                values[place] = None
    return values, [(r0, c0, r1, c1) for c0, r0, c1, r1 in merged]


def inline_text(node: Any) -> str:
    """The text of an <is> element as openpyxl's Text.content gives it."""
    plain: str | None = None
    runs: list[str] = []
    for element in node:
        tag = local(element.tag)
        if tag == "t":
            plain = element.text
        elif tag == "r":
            text = None
            for part in element:
                if local(part.tag) == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
    return "".join(([plain] if plain is not None else []) + runs)


def local(tag: str) -> str:
    """openpyxl's localname of an element's tag ("{namespace}t" → "t"), without its regex."""
    return tag.rpartition("}")[2] if tag[:1] == "{" else tag
