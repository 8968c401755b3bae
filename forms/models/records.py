"""A table model over one list of records in the budget, with a blank row for typing new ones."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from app.core.catalog import catalog_for
from app.core.declarations import COUNT as INT_TYPE
from app.core.declarations import MONEY as MONEY_TYPE
from app.core.declarations import NAME as NAME_TYPE
from app.core.declarations import Decl
from app.core.fields import Cell, Context, unit_context
from app.core.records import Budget
from app.edits.editing import (
    Collection,
    EditError,
    blank,
    confirm,
    delete_rows,
    get_path,
    insert_rows,
    money_text,
    parse,
    paste,
    set_cell,
    set_path,
    sort_rows,
    typed,
)
from forms.qt import ROOT, AnyIndex, QAbstractTableModel, QBrush, QColor, QModelIndex, QObject, Qt
from forms.session import Session
from forms.types import field_type

MONEY = "money"
TEXT = "text"
INT = "int"
ENUM = "enum"
UNIT = "unit"  # a unit code, picked from the file's units
FUNCTION = "function"  # catalog codes, picked from the catalog
DEPT = "economic-dept"
GOV = "economic-gov"
COMPUTED = "computed"

READONLY_BRUSH = QBrush(QColor("#f2f2f2"))
GUESS_BRUSH = QBrush(QColor("#fff1c2"))  # a value an import guessed (settings.guesses)
GUESS_TIP = "推测：导入的表中没有这一项，由程序推定；请核对，修改或“确认推测”后标记消失。"

# the roles and flags as plain ints and flags, looked up once: a grid asks data() for every
# role of every visible cell on each paint, and each Qt enum member looked up costs ~1 µs (issue 21)
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
EDIT = int(Qt.ItemDataRole.EditRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable


KINDS = {Cell.MONEY: MONEY, Cell.MONEY_OPT: MONEY, Cell.DECIMAL: MONEY, Cell.COUNT: INT,
         Cell.COUNT_OPT: INT, Cell.YEAR: INT, Cell.CHOICE: ENUM, Cell.UNIT: UNIT,
         Cell.FUNCTION: FUNCTION, Cell.DEPT: DEPT, Cell.GOV: GOV}


@dataclass(frozen=True)
class Field:
    """One column: the field path in the record (None: computed), its label and kind.

    compute gives a computed column's text from the budget and the record; decl is the
    field's declaration, whose type reads what is typed or pasted.
    """

    path: str | None
    label: str
    kind: str = TEXT
    compute: Callable[[Budget, Any], str] | None = None
    width: int = 110
    decl: Decl | None = None

    @staticmethod
    def of(decl: Decl, width: int = 110) -> Field:
        """The column of a declared field."""
        return Field(decl.path, decl.label, KINDS.get(decl.cell, TEXT), width=width, decl=decl)


def columns(decls: Sequence[Decl], widths: Mapping[str, int],
            computed: Mapping[str, Field] | None = None) -> tuple[Field, ...]:
    """The columns of declared fields (widths by path), a computed column after some paths."""
    result: list[Field] = []
    for d in decls:
        result.append(Field.of(d, widths.get(d.path, 110)))
        if computed and d.path in computed:
            result.append(computed[d.path])
    return tuple(result)


def context(session: Session) -> Context:
    """What reading a typed value needs: the file's catalog and units, the amount unit."""
    budget = session.budget
    return unit_context({u.code: u.name for u in budget.units}, catalog_for(budget), session.unit)


class RecordModel(QAbstractTableModel):
    """Rows are the records of one collection; the last row is blank, for a new record."""

    def __init__(self, session: Session, coll: Collection, fields: Sequence[Field],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.coll = coll
        self.fields = tuple(fields)
        self._rows = coll.get(session.budget)
        self._padding = 0  # blank rows shown while rows are being added
        session.changed.connect(self.refresh)

    # the records and their place

    @property
    def records(self) -> tuple[Any, ...]:
        return self._rows

    def set_collection(self, coll: Collection) -> None:
        """Show another collection of the same kind of record (another project's indicators)."""
        self.beginResetModel()
        self.coll = coll
        self._rows = coll.get(self.session.budget)
        self.endResetModel()

    def refresh(self) -> None:
        """Follow the budget after an edit, keeping the current cell where the rows remain."""
        rows = self.coll.get(self.session.budget)
        old, new = len(self._rows), len(rows)
        # rows come and go as blank rows after the last record (the typing row stays last and
        # the current cell stays put); then every cell is told it changed
        if new > old:
            self.beginInsertRows(QModelIndex(), old + 1, new)
            self._padding = new - old
            self.endInsertRows()
        elif new < old:
            self.beginRemoveRows(QModelIndex(), new, old - 1)
            self._rows = self._rows[:new]
            self.endRemoveRows()
        self._padding = 0
        self._rows = rows
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    # QAbstractTableModel

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows) + self._padding + 1

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            field = self.fields[section]
            return f"{field.label}（{self.session.unit}）" if field.label == "金额" else field.label
        return "＊" if section >= len(self._rows) + self._padding else str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return READ_ONLY if self.fields[index.column()].path is None else EDITABLE

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if role not in (DISPLAY, EDIT, ALIGNMENT, BACKGROUND, TOOLTIP) or not index.isValid() \
                or index.row() >= len(self._rows):
            return None
        field = self.fields[index.column()]
        record = self._rows[index.row()]
        if role == DISPLAY:
            return self.text(record, field)
        if role == EDIT:
            return self.text(record, field, edit=True)
        if role == ALIGNMENT:
            return RIGHT if field.kind in (MONEY, INT) else None
        if role == BACKGROUND:
            if self.guessed(index.row(), field):
                return GUESS_BRUSH
            return READONLY_BRUSH if field.path is None else None
        if self.guessed(index.row(), field):  # the tool tip
            return GUESS_TIP
        if field.kind == UNIT:
            unit = self.session.budget.unit(str(get_path(record, field.path or "")))
            return None if unit is None else f"{unit.code} {unit.name}（{unit.kind.value}）"
        return None

    def text(self, record: Any, field: Field, edit: bool = False) -> str:
        if field.path is None:
            return field.compute(self.session.budget, record) if field.compute else ""
        value = get_path(record, field.path)
        if isinstance(value, Decimal):
            return money_text(value, self.session.unit, edit=edit)
        if isinstance(value, Enum):
            return str(value.value)
        if field.kind == UNIT:
            unit = self.session.budget.unit(str(value))
            return str(value) if unit is None else unit.name
        return "" if value is None else str(value)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        field = self.fields[index.column()]
        if field.path is None:
            return False
        try:
            parsed = self.read(str(value), field, index.row())
        except EditError as exc:
            self.session.failed.emit(str(exc))
            code = re.match(r"\s*(\d+)", str(value))
            if field.kind in (FUNCTION, DEPT, GOV) and code and "未知的" in str(exc) \
                    and f"“{code.group(1)}”" in str(exc):  # offer to name it (a 补充科目)
                row, column = index.row(), index.column()
                self.session.unknown_code.emit(field.kind, code.group(1), lambda: self.setData(
                    self.index(row, column), value))
            return False
        budget = self.session.budget
        if index.row() >= len(self._rows):
            record = set_path(self.new_record(), field.path, parsed)
            after = insert_rows(budget, self.coll, len(self._rows), [record])
        else:
            after = set_cell(budget, self.coll, index.row(), field.path, parsed)
        self.session.apply(f"修改{self.place(index.row(), field)}", after)
        return True

    def read(self, text: str, field: Field, row: int) -> Any:
        """The value of text typed into field (its declared type; else the record's type)."""
        if field.decl is not None:
            return typed(text, field.decl, context(self.session), self.place(row, field))
        return parse(text, field_type(self.coll.record, field.path or ""), self.place(row, field),
                     self.session.unit)

    # guesses of an import (settings.guesses holds "form/row/field" keys)

    def guessed(self, row: int, field: Field) -> bool:
        return (field.path is not None and row < len(self._rows)
                and f"{self.coll.key}/{row}/{field.path}" in self.session.budget.settings.guesses)

    def guessed_rows(self) -> set[int]:
        """The rows with at least one guessed value."""
        prefix = f"{self.coll.key}/"
        return {int(g.split("/")[1]) for g in self.session.budget.settings.guesses
                if g.startswith(prefix) and g.split("/")[1].isdigit()}

    def confirm(self, indexes: Sequence[QModelIndex]) -> None:
        """Take the guess marks off the values at indexes (the user checked them), one edit."""
        budget = self.session.budget
        for index in indexes:
            field = self.fields[index.column()]
            if self.guessed(index.row(), field):
                budget = confirm(budget, f"{self.coll.key}/{index.row()}/{field.path}")
        if budget is not self.session.budget:
            self.session.apply("确认推测", budget)

    def place(self, row: int, field: Field) -> str:
        return f"第{row + 1}行 {field.label}"

    def new_record(self) -> Any:
        """A blank record for the blank row; the first unit of the file is the default unit."""
        record = blank(self.coll.record)
        if any(f.kind == UNIT for f in self.fields) and self.session.budget.units:
            record = set_path(record, "unit", self.session.budget.units[0].code)
        return record

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the records themselves by a column, as an undoable edit (as Excel does)."""
        field = self.fields[column]
        descending = order == Qt.SortOrder.DescendingOrder

        def key(record: Any) -> Any:
            value = get_path(record, field.path) if field.path else self.text(record, field)
            return (str(value.value) if isinstance(value, Enum) else value)

        after = sort_rows(self.session.budget, self.coll, key, descending)
        self.session.apply(f"按“{field.label}”排序", after)

    # edits of many cells at once

    def clear(self, indexes: Sequence[QModelIndex]) -> None:
        """Blank the editable cells at indexes (text emptied, amounts zero) in one edit."""
        budget = self.session.budget
        for index in indexes:
            field = self.fields[index.column()]
            if index.row() >= len(self._rows) or field.path is None or field.kind == UNIT:
                continue
            try:
                empty = self.read("", field, index.row())
            except EditError:  # a required field or a choice (来源, 类别) has no blank value
                continue
            budget = set_cell(budget, self.coll, index.row(), field.path, empty)
        self.session.apply("清除所选单元格", budget)

    def paste_text(self, row: int, column: int, block: list[list[str]]) -> list[str]:
        """Paste a block copied from Excel at (row, column); the messages of unreadable cells."""
        decls = [f.decl or self.undeclared(f) for f in self.fields[column:]]
        ctx = context(self.session)
        budget, errors = paste(self.session.budget, self.coll, row, decls, block, ctx)
        # a pasted value is the user's, as a typed one is: its guess mark goes (in this edit)
        for r, values in enumerate(block):
            for decl, text in zip(decls, values, strict=False):
                if decl is None or row + r >= len(self._rows):
                    continue
                try:
                    decl.parse(text, ctx)
                except EditError:  # refused, listed in errors: the guess stands
                    continue
                budget = confirm(budget, f"{self.coll.key}/{row + r}/{decl.path}")
        self.session.apply("粘贴", budget)
        return errors

    def undeclared(self, field: Field) -> Decl | None:
        """A declaration for a column given without one (None: not editable)."""
        if field.path is None:
            return None
        tp = field_type(self.coll.record, field.path)
        kind = MONEY_TYPE if tp is Decimal else INT_TYPE if tp is int else NAME_TYPE
        return Decl(field.path, field.label, kind)

    def remove(self, rows: Sequence[int]) -> None:
        rows = [r for r in rows if r < len(self._rows)]
        if rows:
            self.session.apply(f"删除{len(rows)}行", delete_rows(self.session.budget, self.coll, rows))

    def insert(self, row: int) -> None:
        row = min(row, len(self._rows))
        self.session.apply("插入行", insert_rows(self.session.budget, self.coll, row,
                                                 [self.new_record()]))

    def column_total(self, column: int) -> Decimal:
        field = self.fields[column]
        if field.path is None or field.kind != MONEY:
            return Decimal(0)
        return sum((get_path(r, field.path) or Decimal(0) for r in self._rows), Decimal(0))
