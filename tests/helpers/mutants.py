"""Mutants of a data workbook: hostile cell values, broken headers, missing sheets, stray far
cells and damaged bytes. An importer (the data workbook's, or the 13 tables') must answer each
with problems or a budget, never a traceback (shared by the fuzz benchmark and its small test
version)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import time
import traceback
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from app.core.records import Budget
from app.imports.workbook import read_data
from reports.xlsxwrite import save_book
from tests.helpers.bookcopy import Frozen, freeze, thaw

Reader = Callable[[Path], tuple[Budget | None, Sequence[object]]]


def read_tables(path: Path) -> tuple[Budget | None, Sequence[object]]:
    """The tables importer as a reader: its budget, and the report's lines when it has none."""
    from app.imports.tables.importer import import_tables

    result = import_tables(path)
    return result.budget, ([] if result.budget is not None else [result.report.text()])

VALUES: list[Any] = [
    1e26, -1e26, 1e308, 1e-300, -0.0, 2026.7, 10**29, int("9" * 301), "9" * 301, "1e999999",
    "NaN", "inf", "-Infinity", "1,000,000.005", "五百万元", "100万元", "=1/0", "=A1", "#DIV/0!",
    "#N/A", True, False, dt.datetime(1900, 1, 1), dt.date(2026, 2, 30 - 2), dt.time(12, 0),
    "", " ", "\n", "字" * 20_001, "字" * 19_999, "<script>", "=HYPERLINK(\"http://x\")",
    "2060101 行政运行", "2069999", "20601", "108001", "晋城市科学技术局", "是", "否", "其他",
    "-1", -1, 0, 0.001, 123456789012.34, "１２３", "１e5", "\u202e反转", "\x00", "\ufeff",
]


@dataclass
class Report:
    runs: int = 0
    budgets: int = 0  # imported without problems
    refused: int = 0  # problems listed
    tracebacks: list[str] = field(default_factory=list)
    slowest: float = 0.0


def _cell_mutant(book: Any, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 6)):
        ws = rng.choice(book.worksheets)
        row = rng.randint(1, max(ws.max_row, 1) + 2)
        col = rng.randint(1, max(ws.max_column, 1) + 1)
        value = rng.choice(VALUES)
        try:
            ws.cell(row, col).value = value
        except Exception:  # a value openpyxl will not write (a control character): skip it
            continue


def _structure_mutant(book: Any, rng: random.Random) -> None:
    ws = rng.choice(book.worksheets)
    choice = rng.randrange(5)
    if choice == 0 and len(book.worksheets) > 1:
        book.remove(ws)
    elif choice == 1:
        ws.title = f"{ws.title[:20]}x"
    elif choice == 2:
        ws.cell(1, rng.randint(1, max(ws.max_column, 1))).value = rng.choice(["", "金额*", "错列"])
    elif choice == 3:
        ws[rng.choice(["XFD1048576", "ZZ5000", "A200000"])] = rng.choice(["x", 1, None])
    else:
        ws.delete_rows(rng.randint(1, max(ws.max_row, 1)))


def _byte_mutant(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(3)
    if choice == 0:
        return data[: rng.randint(0, len(data))]
    raw = bytearray(data)
    if choice == 1:
        for _ in range(rng.randint(1, 20)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    # rewrite one XML part with a byte changed inside it (a valid zip, broken XML)
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    victim = rng.choice([n for n in source.namelist() if n.endswith(".xml")])
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            part = bytearray(source.read(name))
            if name == victim and part:
                part[rng.randrange(len(part))] = rng.choice(b"<>&\"'\x00\xff")
            out.writestr(name, bytes(part))
    return target.getvalue()


_parsed: dict[bytes, Frozen] = {}


def parsed(original: bytes) -> Any:
    """openpyxl.load_workbook of the workbook original (its bytes), a new object on every call:
    parsed once per process and copied after (tests/helpers/bookcopy.py, as workbooks.open_copy; a copy
    saves to the same parts, tests/unit/imports/test_excel_errors.py and test_workbook_fuzz.py)."""
    key = hashlib.sha256(original).digest()
    if key not in _parsed:
        _parsed[key] = freeze(openpyxl.load_workbook(io.BytesIO(original)))
    return thaw(_parsed[key])


def mutant(original: bytes, rng: random.Random) -> bytes:
    """One mutant of the workbook original (its bytes)."""
    kind = rng.random()
    if kind < 0.2:
        return _byte_mutant(original, rng)
    for _ in range(20):
        book = parsed(original)
        (_cell_mutant if kind < 0.75 else _structure_mutant)(book, rng)
        out = io.BytesIO()
        try:
            save_book(book, out)  # book.save(out)'s bytes, faster (tests/unit/reports/test_xlsxwrite.py)
        except Exception:  # a value openpyxl cannot write (a 301-digit int): another mutant
            continue
        return out.getvalue()
    return original


def fuzz(original: Path, folder: Path, runs: int, seed: int,
         reader: Reader = read_data) -> Report:
    rng = random.Random(seed)
    data = original.read_bytes()
    report = Report()
    path = folder / "mutant.xlsx"
    for _ in range(runs):
        path.write_bytes(mutant(data, rng))
        start = time.perf_counter()
        try:
            budget, problems = reader(path)
        except Exception:  # a traceback the user would see: a defect
            report.tracebacks.append(traceback.format_exc())
        else:
            if budget is not None and not problems:
                report.budgets += 1
            elif problems:
                report.refused += 1
            else:  # neither a budget nor a word why: a defect too
                report.tracebacks.append("no budget and no problem listed")
        report.slowest = max(report.slowest, time.perf_counter() - start)
        report.runs += 1
    return report
