"""Saving an openpyxl workbook as openpyxl does, part for part, its cells written faster (issue 21).

openpyxl serialises every cell through et_xmlfile's pure-Python element writer (an element, its
namespaces and attributes worked out anew for each cell) and writes each sheet to a temporary
file on disk before copying it into the zip. Here a plain cell (a string, number, boolean or
error, or an empty styled cell: all the data workbook holds) is written as the same text in one
string per row, and each sheet is built in memory; every other cell (formulas, dates, rich text,
comments, hyperlinks) and every other part go through openpyxl's own code. Where openpyxl
writes through lxml instead (its LXML flag), or et_xmlfile is not 2.x, its rows are written
unchanged.
`tests/unit/reports/test_xlsxwrite.py` holds every part to the bytes openpyxl's `save` writes.
"""

from __future__ import annotations

import datetime
from io import BytesIO
from typing import IO, Any
from xml.etree.ElementTree import _escape_attrib, _escape_cdata  # type: ignore[attr-defined]
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell._writer import write_cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.compat import safe_string
from openpyxl.utils.cell import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

try:  # et_xmlfile 2's writer, whose _file is the text sink; 1.x has another class: openpyxl's rows
    from et_xmlfile.xmlfile import _IncrementalFileWriter  # type: ignore[import-untyped]
except ImportError:  # pragma: no cover - et_xmlfile 1.x
    _IncrementalFileWriter = None

PLAIN = {"s", "n", "b", "e"}  # the data types written here; 'f' (formula) and 'd' (date) are not


def save_book(book: Workbook, target: str | IO[bytes]) -> None:
    """book.save(target), the same parts (only the zip entries' times and modes may differ)."""
    if book.read_only:
        raise TypeError("""Workbook is read-only""")
    if book.write_only:  # its sheets were streamed as they were filled: openpyxl's own path
        book.save(target)
        return
    archive = ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True)
    book.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
    Writer(book, archive).save()


class Writer(ExcelWriter):  # type: ignore[misc]
    """openpyxl's workbook writer, each sheet written by SheetWriter into memory."""

    def write_worksheet(self, ws: Any) -> None:
        """As ExcelWriter.write_worksheet for a workbook that is not write-only."""
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing

        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = SheetWriter(ws, out=BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


class SheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer, a row's plain cells written as one string."""

    def __init__(self, ws: Any, out: Any = None) -> None:
        super().__init__(ws, out)
        # each style's id by its bytes: the id `cell.style_id` gives (the book's style list only
        # grows while its sheets are written, so an id once given stays the same)
        self._style_ids: dict[bytes, int] = {}

    def write_row(self, xf: Any, row: list[Any], row_idx: int) -> None:
        if _IncrementalFileWriter is None or not isinstance(xf, _IncrementalFileWriter):
            # lxml's writer, or et_xmlfile 1.x's: openpyxl writes the row
            super().write_row(xf, row, row_idx)
            return
        attrs = {"r": f"{row_idx}"}
        attrs.update(self.ws.row_dimensions.get(row_idx, {}))
        start = row_start(xf, attrs)
        if start is None:  # what `xf.element` would do otherwise: its own way
            with xf.element("row", attrs):
                self.write_cells(xf, row)
            return
        # as `xf.element("row", attrs)` writes and scopes a row: an element of no namespace
        # whose attributes have none, in the scope of its parent (sheetData)
        write = xf._file
        write(start)
        stack = xf._element_stack
        stack.append(stack[-1])
        self.write_cells(xf, row)
        stack.pop()
        write("</row>")

    def write_cells(self, xf: Any, row: list[Any]) -> None:
        """The row's cells, each as openpyxl's write_row writes it."""
        write = xf._file
        parts: list[str] = []
        ids = self._style_ids
        add = self.ws.parent._cell_styles.add
        for cell in row:
            if cell._comment is not None or cell.hyperlink or cell.data_type not in PLAIN:
                if parts:
                    write("".join(parts))
                    parts = []
                self.write_other(xf, cell)
                continue
            value = cell._value
            style = cell._style
            styled = style is not None and any(style)  # cell.has_style
            if value is None and not styled:
                continue  # as openpyxl: an empty cell without a style is not written
            if cell.data_type == "s" and isinstance(value, CellRichText):
                if parts:
                    write("".join(parts))
                    parts = []
                write_cell(xf, self.ws, cell, styled)
                continue
            if styled and cell.parent is not self.ws:  # a cell of another sheet's: its own id
                parts.append(plain_cell(cell, value, cell.style_id))
            elif styled:
                key = style.tobytes()
                style_id = ids.get(key)
                if style_id is None:
                    style_id = ids[key] = add(style)  # cell.style_id
                parts.append(plain_cell(cell, value, style_id))
            else:
                parts.append(plain_cell(cell, value, None))
        if parts:
            write("".join(parts))

    def write_other(self, xf: Any, cell: Any) -> None:
        """A cell openpyxl's write_row writes itself: comments and hyperlinks recorded as it does."""
        if cell._comment is not None:
            from openpyxl.comments.comment_sheet import CommentRecord

            self.ws._comments.append(CommentRecord.from_cell(cell))
        if cell._value is None and not cell.has_style and not cell._comment:
            return
        write_cell(xf, self.ws, cell, cell.has_style)


def row_start(xf: Any, attrs: dict[Any, Any]) -> str | None:
    """The start tag et_xmlfile's `xf.element("row", attrs)` writes (write_elem_start): None
    where it would do more than write it (a default namespace in scope, which it refuses for an
    element of none; an attribute of a namespace, or not a text)."""
    if not xf._element_stack or "" in xf._element_stack[-1][0]:
        return None
    parts = ["<row"]
    for key, value in attrs.items():
        if type(key) is not str or key[:1] == "{" or type(value) is not str:
            return None
        parts.append(f' {key}="{_escape_attrib(value)}"')
    parts.append(">")
    return "".join(parts)


def plain_cell(cell: Any, value: Any, style_id: int | None) -> str:
    """The text et_xmlfile writes for openpyxl's element of a plain cell (etree_write_cell),
    style_id the cell's `style_id` where it has a style."""
    kind = cell.data_type
    head = f'<c r="{get_column_letter(cell.column)}{cell.row}"'  # cell.coordinate
    if style_id is not None:
        head += f' s="{style_id}"'
    head += ' t="inlineStr"' if kind == "s" else f' t="{kind}"'
    if value is None or value == "":
        return head + " />"
    if kind == "s":
        stripped = value.strip()
        space = ' xml:space="preserve"' if stripped and value != stripped else ""
        return f"{head}><is><t{space}>{_escape_cdata(value)}</t></is></c>"
    text = safe_string(value)
    if not text:
        return head + "><v /></c>"
    return f"{head}><v>{_escape_cdata(text)}</v></c>"
