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
from xml.etree.ElementTree import _escape_cdata  # type: ignore[attr-defined]
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell._writer import write_cell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.compat import safe_string
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

    def write_row(self, xf: Any, row: list[Any], row_idx: int) -> None:
        if _IncrementalFileWriter is None or not isinstance(xf, _IncrementalFileWriter):
            # lxml's writer, or et_xmlfile 1.x's: openpyxl writes the row
            super().write_row(xf, row, row_idx)
            return
        attrs = {"r": f"{row_idx}"}
        attrs.update(self.ws.row_dimensions.get(row_idx, {}))
        with xf.element("row", attrs):
            write = xf._file
            parts: list[str] = []
            for cell in row:
                if cell._comment is not None or cell.hyperlink or cell.data_type not in PLAIN:
                    if parts:
                        write("".join(parts))
                        parts = []
                    self.write_other(xf, cell)
                    continue
                value = cell._value
                styled = cell.has_style
                if value is None and not styled:
                    continue  # as openpyxl: an empty cell without a style is not written
                if cell.data_type == "s" and isinstance(value, CellRichText):
                    if parts:
                        write("".join(parts))
                        parts = []
                    write_cell(xf, self.ws, cell, styled)
                    continue
                parts.append(plain_cell(cell, value, styled))
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


def plain_cell(cell: Any, value: Any, styled: bool) -> str:
    """The text et_xmlfile writes for openpyxl's element of a plain cell (etree_write_cell)."""
    kind = cell.data_type
    head = f'<c r="{cell.coordinate}"'
    if styled:
        head += f' s="{cell.style_id}"'
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
