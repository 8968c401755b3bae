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

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import (
    DATA_TAG,
    DIMENSION_TAG,
    INLINE_STRING,
    ROW_TAG,
    WorkSheetParser,
)
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse as defused_iterparse
from openpyxl.xml.functions import localname

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
    if not vetted(ws._worksheet_path):
        ws.reset_dimensions()
        yield from (tuple(row) for row in ws.iter_rows(values_only=True))
        return
    book = ws.parent
    cells = Cells(None, ws._shared_strings, data_only=book.data_only, epoch=book.epoch,
                            date_formats=book._date_formats,
                            timedelta_formats=book._timedelta_formats)
    counter = 1
    with ws._get_source() as source:
        for _, element in ElementTree.iterparse(source):
            if element.tag != ROW_TAG:
                continue
            number, row = cells.parse_row(element)
            element.clear()
            while counter < number:  # rows the sheet lacks
                counter += 1
                yield ()
            if counter == number:  # a row numbered below the one before is passed over
                counter += 1
                yield tuple(ws._get_row(row, 1, None, True))


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
    cells = Cells(None, ws._shared_strings, data_only=book.data_only, epoch=book.epoch,
                  date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
    values: dict[tuple[int, int], Any] = {}
    merged: list[Bounds] = []
    parse = ElementTree.iterparse if vetted(ws._worksheet_path) else defused_iterparse
    with ws._get_source() as source:
        for _, element in parse(source):
            if element.tag == ROW_TAG:
                for cell in cells.parse_row(element)[1]:
                    values[cell["row"], cell["column"]] = cell["value"]
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


class Cells(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's cell rules, an inline string's text taken as `Text.from_tree(...).content`
    takes it (the plain text, then each run's) without building the objects: most of the
    reading of an exported workbook was that."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        if element.get("t") != "inlineStr":
            return super().parse_cell(element)  # type: ignore[no-any-return]
        style = element.get("s", 0)
        if style:
            style = int(style)
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        child = element.find(INLINE_STRING)
        value, kind = (None, "inlineStr") if child is None else (inline_text(child), "s")
        return {"row": row, "column": column, "value": value, "data_type": kind, "style_id": style}


def inline_text(node: Any) -> str:
    """The text of an <is> element as openpyxl's Text.content gives it."""
    plain: str | None = None
    runs: list[str] = []
    for element in node:
        tag = localname(element)
        if tag == "t":
            plain = element.text
        elif tag == "r":
            text = None
            for part in element:
                if localname(part) == "t":
                    text = part.text
            if text is not None:
                runs.append(text)
    return "".join(([plain] if plain is not None else []) + runs)
