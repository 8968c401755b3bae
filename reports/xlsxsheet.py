"""New worksheets as openpyxl's `create_sheet` makes them, several times faster (issue 21).

openpyxl's Worksheet() builds about thirty settings objects (views, page setup, margins,
header and footer, dimensions…), each assigning its attributes through typed descriptors that
check every value: most of a sheet's making, and a third of building the data workbook of 29
sheets. They are the same for every new sheet, so they are built once, pickled with the sheet
they belong to as a placeholder, and unpickled for each new sheet bound to it (its two
dimension tables are made as openpyxl makes them: pickle loses their default factory). A sheet
made here has the attributes of one `create_sheet` makes, in the same order and of the same
types (checked once, when the settings are first kept); tests/unit/reports/test_xlsxsheet.py
holds the data workbook built on such sheets to the parts, byte for byte, of one built on
openpyxl's.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.dimensions import DimensionHolder
from openpyxl.worksheet.worksheet import Worksheet

_kept: list[bytes | None] = []  # the pickled settings, or None where they cannot be kept
_PLACE = "the new sheet"  # the persistent id of the sheet the settings belong to
# what a new sheet has of its own: parent, title, dimensions (bound to the sheet's methods)
OWN = ("_parent", "_WorkbookChild__title", "row_dimensions", "column_dimensions")


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, sheet: Worksheet) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.sheet = sheet

    def persistent_id(self, obj: Any) -> str | None:
        return _PLACE if obj is self.sheet else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, sheet: Worksheet) -> None:
        super().__init__(file)
        self.sheet = sheet

    def persistent_load(self, pid: Any) -> Worksheet:
        if pid != _PLACE:
            raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")
        return self.sheet


def _settings(ws: Worksheet) -> bytes:
    """The attributes a new sheet has beyond its parent and title, pickled, ws a placeholder."""
    state = {k: v for k, v in vars(ws).items() if k not in OWN}
    out = io.BytesIO()
    _Pickler(out, ws).dump(state)
    return out.getvalue()


def _bare(book: Workbook, title: str | None) -> Worksheet:
    """A sheet with only what `_WorkbookChild.__init__` sets before the header and footer."""
    ws = Worksheet.__new__(Worksheet)
    ws._parent = book
    ws.title = title or ws._default_title  # the title's checks, and a free name, as openpyxl
    return ws


def _fill(ws: Worksheet, settings: bytes) -> None:
    """ws's settings as `Worksheet.__init__` makes them (its dimensions made here: pickle loses
    their default factory, a method of the sheet)."""
    state = _Unpickler(io.BytesIO(settings), ws).load()
    ws.HeaderFooter = state.pop("HeaderFooter")
    ws.row_dimensions = DimensionHolder(worksheet=ws, default_factory=ws._add_row)
    ws.column_dimensions = DimensionHolder(worksheet=ws, default_factory=ws._add_column)
    vars(ws).update(state)


def _keep() -> bytes | None:
    """The settings of a new sheet, where a sheet made from them is one openpyxl would make."""
    book = Workbook()
    theirs = book.create_sheet("甲")
    settings = _settings(theirs)
    ours = _bare(book, "乙")
    _fill(ours, settings)
    if list(vars(ours)) != list(vars(theirs)) or any(
            type(vars(ours)[k]) is not type(v) for k, v in vars(theirs).items()):
        return None  # pragma: no cover - another openpyxl
    return settings


def new_sheet(book: Workbook, title: str | None = None, index: int | None = None) -> Worksheet:
    """book.create_sheet(title, index) for a workbook that is neither read- nor write-only."""
    if book.read_only or book.write_only:
        return book.create_sheet(title, index)
    if not _kept:
        _kept.append(_keep())
    settings = _kept[0]
    if settings is None:  # pragma: no cover - another openpyxl
        return book.create_sheet(title, index)
    ws = _bare(book, title)
    _fill(ws, settings)
    book._add_sheet(sheet=ws, index=index)
    return ws
