"""The workbook as the table import sees it: sheets as grids of values, figures and codes read."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import defusedxml
from openpyxl.utils import get_column_letter

from app.core.bounds import MAX_AMOUNT
from app.core.errors import UserError
from app.core.fields import NOTHING
from app.core.money import CENT
from app.imports import xlsxread, xlsxsafe
from app.imports.tables import firstlook

WAN = Decimal("10000")
BLANKS = NOTHING
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
LINE_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
QUOTES = "“”\"'‘’〝〞「」『』"


class WorkbookError(UserError):
    """A workbook that cannot be read at all; the message is for the user."""


@dataclass(frozen=True)
class Money:
    """A figure read from a cell: its amount in 元 and how far the exact amount may lie from it.

    A 万元 figure with two decimals stands for any amount within half a cent of 万元 (50 元);
    a figure in 元 is exact (half 0).
    """

    yuan: Decimal
    half: Decimal


@dataclass
class Grid:
    """One sheet: values by (row, column), 1-based; merged ranges keep their value top-left."""

    name: str
    values: dict[tuple[int, int], object]
    merged: dict[tuple[int, int], tuple[int, int]]
    rows: int
    cols: int
    uncalculated: set[str] = field(default_factory=set)
    # each cell's text, worked out once: the title search and the reading of each table ask
    # for the same cells many times (values is not changed after the grid is made)
    _texts: dict[tuple[int, int], str] = field(default_factory=dict, init=False, repr=False,
                                               compare=False)

    def value(self, row: int, col: int) -> object:
        return self.values.get((row, col))

    def text(self, row: int, col: int) -> str:
        key = (row, col)
        found = self._texts.get(key)
        if found is None:
            found = self._texts[key] = cell_text(self.values.get(key))
        return found

    def spanned(self, row: int, col: int) -> str:
        """The text of the cell, or of the merged range covering it."""
        return self.text(*self.merged.get((row, col), (row, col)))

    def row_texts(self, row: int) -> list[str]:
        return [self.text(row, c) for c in range(1, self.cols + 1)]

    def uncalculated_at(self, row: int, col: int) -> bool:
        """Whether the cell holds a formula whose value was never calculated."""
        return f"{get_column_letter(col)}{row}" in self.uncalculated

    def place(self, row: int, col: int) -> str:
        """The place in plain words: 工作表“名称”D7."""
        return f"工作表“{self.name}”{get_column_letter(col)}{row}"


MAX_CELLS = 2_000_000  # cells an .xls sheet's used range may span before it is read sparsely


def read_workbook(path: Path) -> list[Grid]:
    """Every sheet of the .xlsx or .xls workbook at path; WorkbookError when it cannot be opened.

    Only the cells that exist are read (a stray value at XFD1048576 costs nothing). An .xlsx
    file is first checked by `app.imports.xlsxsafe` (size, zip bombs, XML entities) and its
    never-calculated formula cells noted; an .xls file (the old binary format, which many
    budget systems still export) is read by python-calamine.
    """
    found = firstlook.problem(path)
    if found is not None:
        raise WorkbookError(found)
    with open(path, "rb") as handle:
        magic = handle.read(8)
    if magic == firstlook.XLS_MAGIC:
        return read_xls(path)
    return read_xlsx(path)


def read_xlsx(path: Path) -> list[Grid]:
    """Every sheet of an .xlsx workbook: its cells and merged ranges as openpyxl's full load
    (data_only) gives them, read by `app.imports.xlsxread` (the C XML parser on the parts
    `xlsxsafe.scan` vetted, no cell objects or styles)."""
    try:
        xlsxsafe.check_file(path)
        with zipfile.ZipFile(path) as archive:
            xlsxsafe.check_zip(archive, path.name)
            formulas = xlsxsafe.scan(archive)
        book = xlsxread.load(path)
        try:
            sheets = [(ws.title, *xlsxread.sheet_cells(ws)) for ws in book.worksheets]
        finally:
            book.close()
    except xlsxsafe.WorkbookError as exc:
        raise WorkbookError(str(exc)) from None
    except defusedxml.DefusedXmlException:
        raise WorkbookError(f"“{path.name}”含有不安全的 XML 内容，已拒绝打开。") from None
    except Exception as exc:  # openpyxl raises many kinds on a malformed file
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 .xlsx 工作簿（{exc}）。") from None
    grids: list[Grid] = []
    for title, cells, ranges in sheets:
        # the cells that exist, not the dense range up to the farthest one
        values = {k: v for k, v in cells.items() if v is not None and cell_text(v) != ""}
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        for r0, c0, r1, c1 in ranges:
            spread_merge(merged, r0, c0, r1, c1)
        grids.append(grid(title, values, merged, formulas.get(title, set())))
    return grids


def read_xls(path: Path) -> list[Grid]:
    """Every sheet of an .xls workbook, through python-calamine."""
    from python_calamine import CalamineWorkbook

    size = path.stat().st_size
    if size > xlsxsafe.MAX_FILE:
        raise WorkbookError(f"“{path.name}”有 {size // (1024 * 1024)} MB，超过了 "
                            f"{xlsxsafe.MAX_FILE // (1024 * 1024)} MB 的上限，不像是预算表工作簿。")
    try:
        book = CalamineWorkbook.from_path(str(path))
        grids: list[Grid] = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            values: dict[tuple[int, int], object] = {}
            top, left = sheet.start or (0, 0)
            rows: Iterable[Sequence[object]]
            if sheet.height * sheet.width <= MAX_CELLS:  # a list of lists from A1
                rows, top, left = sheet.to_python(skip_empty_area=False), 0, 0
            else:  # row by row from the first used cell, never all at once
                rows = sheet.iter_rows()
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value not in (None, "") and cell_text(value) != "":
                        values[(r + 1 + top, c + 1 + left)] = value
            merged: dict[tuple[int, int], tuple[int, int]] = {}
            for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
                spread_merge(merged, r0 + 1, c0 + 1, r1 + 1, c1 + 1)
            grids.append(grid(name, values, merged, set()))
        book.close()
    except Exception as exc:  # calamine raises its own kinds on a malformed or encrypted file
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 .xls 工作簿，或已加密"
                            f"（{exc}）。请在 Excel/WPS 中另存为 .xlsx（不加密码）后再导入。") from None
    return grids


MAX_MERGED = 100_000  # cells a sheet's merged ranges may cover (a header spans a few dozen)


def spread_merge(merged: dict[tuple[int, int], tuple[int, int]], r0: int, c0: int,
                 r1: int, c1: int) -> None:
    """Every cell of the merged range pointing at its top-left cell (huge ranges: top-left only)."""
    if (r1 - r0 + 1) * (c1 - c0 + 1) + len(merged) > MAX_MERGED:
        return
    for r in range(r0, r1 + 1):
        for c in range(c0, c1 + 1):
            merged[(r, c)] = (r0, c0)


ROW_GAP = 1_000  # blank rows after which what follows is stray (formatting, a lost value)
COL_GAP = 200


def extent(indices: set[int], gap: int) -> int:
    """The last index before the first run of more than gap blank ones (0 when none)."""
    last = 0
    for i in sorted(indices):
        if i - last > gap and last:
            break
        last = i
    return last


def grid(name: str, values: dict[tuple[int, int], object],
         merged: dict[tuple[int, int], tuple[int, int]], uncalculated: set[str]) -> Grid:
    """The sheet's grid; values far beyond the used block (a stray cell at XFD1048576) are
    left out, so that nothing walks millions of empty cells."""
    rows = extent({r for r, _ in values}, ROW_GAP)
    cols = extent({c for _, c in values}, COL_GAP)
    kept = {k: v for k, v in values.items() if k[0] <= rows and k[1] <= cols}
    near = {k: v for k, v in merged.items() if k[0] <= rows and k[1] <= cols}
    return Grid(name, kept, near, rows, cols, uncalculated)


def cell_text(value: object) -> str:
    """A cell's value as text: names unwrapped (line breaks inside a cell removed), trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if "\n" in text or "\r" in text:
        text = LINE_BREAK.sub("", text.replace("\r", "\n"))
    return text.strip(" \t\u3000\xa0")


NO_QUOTES = str.maketrans("", "", QUOTES)


SHORT = 256  # texts up to this long are kept by norm's cache (titles, names, codes)


def norm(text: str) -> str:
    """Text for matching: full-width forms folded, spaces and quotes removed, parentheses ASCII.

    Short texts are cached: the title search asks for the same few thousand texts (cells, the
    profile's titles) over and over, about a million times in one import of a workbook with
    many sheets; long ones (notes, a hostile cell) are not kept."""
    return _norm_short(text) if len(text) <= SHORT else _fold(text)


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    # split() drops exactly the characters isspace() names
    return "".join(folded.split()).translate(NO_QUOTES)


_norm_short = lru_cache(maxsize=1 << 14)(_fold)


def parse_money(value: object, scale: Decimal) -> Money | None:
    """The figure in a cell (number or text like "1,116.95", " 3.60 ", "-") in 元; None if blank.

    scale is 10000 for 万元 and 1 for 元. Raises ValueError with a plain message otherwise.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是金额")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(round(value, 6)))
    else:
        text = norm(str(value)).replace(",", "")
        if text in BLANKS:
            return None
        if not NUMBER.match(text):
            raise ValueError(f"“{cell_text(value)}”不是金额")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{cell_text(value)}”不是金额") from None
    if not amount.is_finite() or abs(amount * scale) >= MAX_AMOUNT:
        raise ValueError(f"“{cell_text(value)}”超出金额范围（每项应小于 {MAX_AMOUNT:,} 元）")
    places = min(max(2, -int(amount.normalize().as_tuple().exponent)) if amount else 2, 12)
    half = (Decimal(5) / Decimal(10) ** (places + 1) * scale).quantize(CENT, rounding=ROUND_DOWN)
    return Money((amount * scale).quantize(CENT), half)


def parse_code(value: object) -> str:
    """A classification code from a number or text ("2060101", 2060101, "'2060101"), also
    a number written out as text in a money format ("2,060,101.00", "206.00": a code column
    formatted like the amounts before the sheet was saved as text)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = norm(cell_text(value)).lstrip("'")
    if _AS_MONEY.fullmatch(text):
        return text.partition(".")[0].replace(",", "")
    return text


def code_and_name(text: str) -> tuple[str, str] | None:
    """A classification code and its name written in one cell, as some budget systems print
    them ("2060101 行政运行", "[2060101]行政运行", "2060101-行政运行"), or None."""
    m = _CODE_NAME.match(norm(text))
    return (m.group(1) or m.group(2), m.group(3).strip()) if m else None


_CODE_NAME = re.compile(r"^(?:[\[【(（](\d{3,7})[\]】)）]|(\d{3,7}))[\s\u3000\-－—_:：.、]*(\D.*)$")
_AS_MONEY = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)\.0+|\d{1,3}(?:,\d{3})+")
