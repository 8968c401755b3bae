"""A table model with fixed rows and columns of amounts (income by source, target-form funds)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from app.core.records import Budget
from app.edits.editing import EditError, money_text, parse
from forms.models.records import ALIGNMENT, BACKGROUND, DISPLAY, EDIT, READONLY_BRUSH, RIGHT
from forms.qt import ROOT, AnyIndex, QAbstractTableModel, QObject, Qt
from forms.session import Session

Value = Callable[[Budget, int, int], Decimal | None]
Write = Callable[[Budget, int, int, Decimal | None], Budget]


class FixedModel(QAbstractTableModel):
    """Cells of amounts given by value(budget, row, col); columns in editable are typed in.

    optional: a blank cell means "not entered" (None) rather than zero.
    """

    def __init__(self, session: Session, rows: Sequence[str], columns: Sequence[str],
                 value: Value, write: Write | None = None,
                 editable: Callable[[int, int], bool] = lambda row, col: False,
                 optional: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows = tuple(rows)
        self.columns = tuple(columns)
        self.value = value
        self.write = write
        self.editable = editable
        self.optional = optional
        session.changed.connect(self.refresh)

    def refresh(self) -> None:
        self.dataChanged.emit(self.index(0, 0),
                              self.index(len(self.rows) - 1, len(self.columns) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return f"{self.columns[section]}（{self.session.unit}）"
        return self.rows[section]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.write is not None and self.editable(index.row(), index.column()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if role not in (DISPLAY, EDIT, ALIGNMENT, BACKGROUND) or not index.isValid():
            return None
        if role in (DISPLAY, EDIT):
            amount = self.value(self.session.budget, index.row(), index.column())
            return money_text(amount, self.session.unit, edit=role == EDIT)
        if role == ALIGNMENT:
            return RIGHT
        if not self.editable(index.row(), index.column()):  # the background
            return READONLY_BRUSH
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid() or self.write is None
                or not self.editable(index.row(), index.column())):
            return False
        label = f"{self.rows[index.row()]} {self.columns[index.column()]}"
        tp = Decimal | None if self.optional else Decimal
        try:
            amount = parse(str(value), tp, label, self.session.unit)
        except EditError as exc:
            self.session.failed.emit(str(exc))
            return False
        after = self.write(self.session.budget, index.row(), index.column(), amount)
        self.session.apply(f"修改{label}", after)
        return True
