"""Fresh openpyxl copies of a workbook the tests edit many times: parsed once per process, then
copied (tests/helpers/bookcopy.py: 0.04 s against openpyxl's 0.33 s for the sample's data
workbook; the copy saves to the same bytes as the parsed workbook,
tests/unit/imports/test_excel_errors.py holds it to that)."""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import openpyxl

from app.core.records import Budget
from tests.helpers.bookcopy import Frozen, freeze, thaw

_parsed: dict[tuple[str, int, int], Frozen] = {}
_written: dict[int, tuple[Budget, Path]] = {}


def open_copy(path: Path) -> Any:
    """A workbook as openpyxl.load_workbook(path) gives it, a new object on every call."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _parsed:
        _parsed[key] = freeze(openpyxl.load_workbook(path))
    return thaw(_parsed[key])


def data_book(budget: Budget) -> Any:
    """The budget's data workbook as a user opens it after export (saved, then parsed), a new
    object on every call; the export is written once per budget and process."""
    return open_copy(data_path(budget))


def round_trip(budget: Budget, path: Path) -> Budget:
    """budget exported as the data workbook at path and read back, which must give no problem."""
    from app.imports.workbook import read_data
    from reports.excel_data import data_workbook, save

    save(data_workbook(budget), path)
    got, problems = read_data(path)
    assert problems == []
    assert got is not None
    return got


def data_path(budget: Budget) -> Path:
    """Where the budget's data workbook (the export) is written, once per budget and process."""
    from reports.excel_data import data_workbook, save

    held = _written.get(id(budget))
    if held is None or held[0] is not budget:
        path = Path(tempfile.mkdtemp(prefix="budget-desk-tests-book-")) / "data.xlsx"
        save(data_workbook(budget), path)
        held = _written[id(budget)] = (budget, path)
    return held[1]


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)


def column_letter(column: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_part(book: zipfile.ZipFile, title: str) -> str:
    """The zip member holding the sheet of that title."""
    sheets = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rid = next(s.get(f"{_REL}id") for s in sheets.iter(f"{_MAIN}sheet") if s.get("name") == title)
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels.iter(f"{_PKG}Relationship") if r.get("Id") == rid)
    assert target is not None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def column_number(letters: str) -> int:
    """A → 1, AA → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def with_text(source: Path, title: str, row: int, column: int, text: str, out: Path) -> None:
    """out: the workbook at source with the cell (row, column; from 1) of sheet title holding
    text as openpyxl writes a string (inline, the cell's style kept) and every other part byte
    for byte the same: what `ws.cell(row, column).value = text; book.save(out)` gives after
    `openpyxl.load_workbook(source)`, without openpyxl's save of every sheet (0.15-0.2 s of CPU
    for the sample's data workbook, issue 21). The row must be in the sheet."""
    with zipfile.ZipFile(source) as book:
        part = sheet_part(book, title)
        xml = book.read(part).decode("utf-8")
        start = xml.index(f'<row r="{row}"')
        end = xml.index("</row>", start)
        body = xml.index(">", start) + 1
        cells = list(_CELL.finditer(xml, body, end))
        assert all(int(m.group(2)) == row for m in cells), "a cell of another row in the row"
        old = next((m for m in cells if column_number(m.group(1)) == column), None)
        style = re.search(r' s="\d+"', xml[old.start():xml.index(">", old.start())]) if old else None
        space = ' xml:space="preserve"' if text != text.strip() else ""
        new = (f'<c r="{column_letter(column)}{row}"{style.group(0) if style else ""} '
               f't="inlineStr"><is><t{space}>{escape(text)}</t></is></c>')
        if old is not None:
            xml = xml[:old.start()] + new + xml[old.end():]
        else:  # after the last cell left of it
            at = max((m.end() for m in cells if column_number(m.group(1)) < column), default=body)
            xml = xml[:at] + new + xml[at:]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in book.infolist():
                copy.writestr(info, xml.encode("utf-8") if info.filename == part
                              else book.read(info.filename))
