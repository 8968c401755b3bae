"""The shape of a disclosure table: one definition serves the PDF, the Excel file and the screen.

A table is plain data: caption, title, header cells with their spans, the kind of each column,
and rows of exact amounts in 元 with a level for indentation. Display strings (万元, rounded
half-up) come from `Table.text`, never from summing rounded parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cached_property

from app.core.money import wan, wan_text, yuan_text

ROUNDING_NOTE = "注：本套报表因取数时四舍五入，部分金额可能存在尾差"
EMPTY_NOTE = "注：本表无数据"
UNIT_LINE = "单位：万元"

Cell = str | Decimal | None


class Money(str, Enum):
    """How a table shows its money: 万元 two decimals (zero blank), exact 元 with thousands
    separators (zero blank), or 万元 two decimals with zero as "0" (Shanghai's 三公 table)."""

    WAN = "wan"
    YUAN = "yuan"
    WAN_ZERO = "wan-zero"


class ColumnKind(str, Enum):
    """How a column's cells are shown and aligned."""

    CODE = "code"  # 科目编码: left, never a number
    TEXT = "text"  # names: left, indented by the row's level
    MONEY = "money"  # exact 元, shown in 万元 with two decimals, right


@dataclass(frozen=True)
class Column:
    """One column: a key (stable, for tests and Excel) and its kind; width is a relative hint."""

    key: str
    kind: ColumnKind
    width: float = 1.0


@dataclass(frozen=True)
class HeaderCell:
    """A header cell at (row, col) of the header grid, spanning rowspan × colspan."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


class RowKind(str, Enum):
    """What a row is: a grand total, a group (类, 款, unit…) or an item."""

    TOTAL = "total"
    GROUP = "group"
    ITEM = "item"


@dataclass(frozen=True)
class Row:
    """One body row: cells in column order, its kind and level (0 top, deeper = indented)."""

    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.ITEM
    level: int = 0


@dataclass(frozen=True)
class Table:
    """One disclosure table, ready for any renderer.

    money, caption_prefix, department_label, empty_note and key let a template other than
    Shanxi's say how it prints (元, no caption, 编制部门, its own empty-table note); key is the
    table's stable name within its profile.
    """

    number: int
    title: str
    department: str
    columns: tuple[Column, ...]
    header: tuple[HeaderCell, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    empty: bool = False
    landscape: bool = False
    money: Money = Money.WAN
    caption_prefix: str = "预算公开表"
    department_label: str = "部门名称"
    empty_note: str = EMPTY_NOTE
    key: str = ""

    @property
    def caption(self) -> str:
        """"预算公开表N", or "" for a template that prints no caption."""
        return f"{self.caption_prefix}{self.number}" if self.caption_prefix else ""

    @property
    def department_line(self) -> str:
        return f"{self.department_label}：{self.department}"

    @property
    def unit_line(self) -> str:
        """The unit of the amounts as printed beside the department line."""
        return "单位：元" if self.money == Money.YUAN else "单位：万元"

    @property
    def header_rows(self) -> int:
        return max((h.row + h.rowspan for h in self.header), default=0)

    def header_grid(self) -> list[list[str]]:
        """The header as a full grid: a spanned cell's text in its top-left place, "" elsewhere."""
        grid = [["" for _ in self.columns] for _ in range(self.header_rows)]
        for cell in self.header:
            grid[cell.row][cell.col] = cell.text
        return grid

    @cached_property
    def cents(self) -> bool:
        """Whether a table in 元 shows its money with 分: where any amount of it has 分, every
        amount does (1,520,000.00 above 1,723,247.69, not 1,520,000: a column's digits stay
        aligned and no figure reads as rounded); else whole 元, as Shanghai prints them."""
        return self.money == Money.YUAN and any(
            isinstance(v, Decimal) and v != v.to_integral_value()
            for row in self.rows for v in row.cells)

    def text(self, row: Row, col: int) -> str:
        """The printed string of one cell (money in 万元 or 元 as the table says, zero blank)."""
        value = row.cells[col]
        if value is None:
            return ""
        if isinstance(value, Decimal):
            if self.money == Money.YUAN:
                if not value:
                    return ""
                return f"{value:,.2f}" if self.cents else yuan_text(value)
            if self.money == Money.WAN_ZERO:
                return wan_text(value)
            return wan(value)
        return value

    def texts(self) -> list[list[str]]:
        """Every body row as printed strings."""
        return [[self.text(row, i) for i in range(len(self.columns))] for row in self.rows]

    def all_notes(self) -> tuple[str, ...]:
        """The notes under the table, the empty-table note first when it has no data."""
        return ((self.empty_note,) if self.empty else ()) + self.notes
