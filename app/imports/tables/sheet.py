"""The workbook as the table import sees it: sheets as grids of values, figures and codes read."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from pathlib import Path

import defusedxml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.core.errors import UserError
from app.core.money import CENT
from app.imports import xlsxsafe

WAN = Decimal("10000")
BLANKS = {"", "-", "—", "–", "－", "--", "/"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
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

    def value(self, row: int, col: int) -> object:
        return self.values.get((row, col))

    def text(self, row: int, col: int) -> str:
        return cell_text(self.value(row, col))

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


def read_workbook(path: Path) -> list[Grid]:
    """Every sheet of the .xlsx workbook at path; WorkbookError when it cannot be opened.

    The file is first checked by `app.imports.xlsxsafe` (size, zip bombs, XML entities) and its
    never-calculated formula cells noted; it is then read in full, as merged cells are needed.
    """
    try:
        xlsxsafe.check_file(path)
        with zipfile.ZipFile(path) as archive:
            xlsxsafe.check_zip(archive, path.name)
            formulas = xlsxsafe.scan(archive)
        book = load_workbook(path, data_only=True)
    except xlsxsafe.WorkbookError as exc:
        raise WorkbookError(str(exc)) from None
    except defusedxml.DefusedXmlException:
        raise WorkbookError(f"“{path.name}”含有不安全的 XML 内容，已拒绝打开。") from None
    except Exception as exc:  # openpyxl raises many kinds on a malformed file
        raise WorkbookError(f"无法读取“{path.name}”：它不是有效的 .xlsx 工作簿（{exc}）。") from None
    grids: list[Grid] = []
    for sheet in book.worksheets:
        values: dict[tuple[int, int], object] = {}
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and cell_text(cell.value) != "":
                    values[(cell.row, cell.column)] = cell.value
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in sheet.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    merged[(r, c)] = (rng.min_row, rng.min_col)
        rows = max((r for r, _ in values), default=0)
        cols = max((c for _, c in values), default=0)
        grids.append(Grid(sheet.title, values, merged, rows, cols,
                          formulas.get(sheet.title, set())))
    book.close()
    return grids


def cell_text(value: object) -> str:
    """A cell's value as text: names unwrapped (line breaks inside a cell removed), trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r", "\n")
    text = re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", "", text)
    return text.strip(" \t\u3000\xa0")


def norm(text: str) -> str:
    """Text for matching: full-width forms folded, spaces and quotes removed, parentheses ASCII."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in QUOTES)


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
    places = max(2, -int(amount.normalize().as_tuple().exponent)) if amount else 2
    half = (Decimal(5) / Decimal(10) ** (places + 1) * scale).quantize(CENT, rounding=ROUND_DOWN)
    return Money((amount * scale).quantize(CENT), half)


def parse_code(value: object) -> str:
    """A classification code from a number or text ("2060101", 2060101, "'2060101")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return norm(cell_text(value)).lstrip("'")
