"""Fresh openpyxl copies of a workbook the tests edit many times: parsed once per process, then
unpickled (0.05 s against openpyxl's 0.33 s for the sample's data workbook; the copy saves to
the same bytes as the parsed workbook, tests/unit/imports/test_excel_errors.py holds it to that)."""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

from app.core.records import Budget

_parsed: dict[tuple[str, int, int], bytes] = {}
_written: dict[int, tuple[Budget, Path]] = {}


def open_copy(path: Path) -> Any:
    """A workbook as openpyxl.load_workbook(path) gives it, a new object on every call."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _parsed:
        _parsed[key] = pickle.dumps(openpyxl.load_workbook(path))
    return pickle.loads(_parsed[key])


def data_book(budget: Budget) -> Any:
    """The budget's data workbook as a user opens it after export (saved, then parsed), a new
    object on every call; the export is written once per budget and process."""
    from reports.excel_data import data_workbook, save

    held = _written.get(id(budget))
    if held is None or held[0] is not budget:
        path = Path(tempfile.mkdtemp(prefix="budget-desk-tests-book-")) / "data.xlsx"
        save(data_workbook(budget), path)
        held = _written[id(budget)] = (budget, path)
    return open_copy(held[1])


def round_trip(budget: Budget, path: Path) -> Budget:
    """budget exported as the data workbook at path and read back, which must give no problem."""
    from app.imports.workbook import read_data
    from reports.excel_data import data_workbook, save

    save(data_workbook(budget), path)
    got, problems = read_data(path)
    assert problems == []
    assert got is not None
    return got
