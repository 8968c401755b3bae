"""A grid that behaves like Excel: Enter moves down, Tab right, Delete clears, Ctrl+V pastes;
right click offers 插入行, 删除行, 复制, 粘贴."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from enum import Enum
from typing import Any

from app.core.catalog import FUNCTION, catalog_for
from app.edits.editing import insert_rows, split_block
from forms.models.fixed import FixedModel
from forms.models.records import DEPT, ENUM, GOV, UNIT, RecordModel
from forms.qt import (
    AnyIndex,
    QAbstractItemView,
    QAbstractTableModel,
    QApplication,
    QComboBox,
    QCompleter,
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QLineEdit,
    QMenu,
    QModelIndex,
    QMouseEvent,
    QObject,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTableView,
    QWidget,
)
from forms.types import field_type

CODE_KINDS = (FUNCTION, DEPT, GOV)


def code_choices(model: RecordModel, kind: str) -> list[str]:
    """The catalog's codes as "code name — path" lines, for the code picker."""
    catalog = catalog_for(model.session.budget)
    lines = []
    for code, name in catalog.table(kind).items():
        path = " › ".join(e.name for e in catalog.path(code, kind)[:-1])
        lines.append(f"{code} {name}" + (f"（{path}）" if path else ""))
    return lines


class GridDelegate(QStyledItemDelegate):
    """Editors by column kind: code pickers searching the catalog, lists for units and choices."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        model = index.model()
        if isinstance(model, RecordModel):
            field = model.fields[index.column()]
            if field.kind in CODE_KINDS:
                editor = QLineEdit(parent)
                completer = QCompleter(code_choices(model, field.kind), editor)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setMaxVisibleItems(12)
                editor.setCompleter(completer)
                editor.setPlaceholderText("输入编码或名称搜索，如 2060101、行政运行")
                return editor
            if field.kind == UNIT:  # typed or picked: a unit's name or its code
                editor = QLineEdit(parent)
                units = model.session.budget.units
                completer = QCompleter([u.name for u in units] + [u.code for u in units], editor)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                editor.setCompleter(completer)
                editor.setPlaceholderText("输入单位名称或单位编码")
                return editor
            if field.kind == ENUM:
                combo = QComboBox(parent)
                choices = field.decl.choices if field.decl is not None else \
                    _enum_members(model, field.path or "")
                for member in choices:
                    combo.addItem(member, member)
                return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel | Any,
                     index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            text = editor.text().strip()
            if text != (index.data(Qt.ItemDataRole.EditRole) or ""):
                model.setData(index, text, Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


def _enum_members(model: RecordModel, path: str) -> list[str]:
    tp = field_type(model.coll.record, path)
    return [str(m.value) for m in tp] if isinstance(tp, type) and issubclass(tp, Enum) else []


class Grid(QTableView):
    """The table view of every step's grid."""

    def __init__(self, model: RecordModel | FixedModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(GridDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setDefaultSectionSize(26)
        self.horizontalHeader().setStretchLastSection(True)
        if isinstance(model, RecordModel):
            for column, field in enumerate(model.fields):
                self.setColumnWidth(column, max(field.width, self.heading_width(column)))
        self._order = Qt.SortOrder.AscendingOrder
        # before rows are deleted: False stops it (a project's form goes with it: ask first)
        self.ask_remove: Callable[[list[int]], bool] = lambda rows: True
        # a new record for row (None: the model's blank record)
        self.new_row: Callable[[int], Any] | None = None
        self.menu = QMenu(self)
        self.menu.setObjectName("gridMenu")
        self.insert_action = self.menu.addAction("插入行", self.insert_row)
        self.remove_action = self.menu.addAction("删除行", self.remove_rows)
        self.menu.addSeparator()
        self.copy_action = self.menu.addAction("复制", self.copy)
        self.paste_action = self.menu.addAction("粘贴", lambda: self.paste())
        rows = isinstance(model, RecordModel)  # a fixed grid's rows are the form's own
        self.insert_action.setEnabled(rows)
        self.remove_action.setEnabled(rows)

    last: weakref.ref[Grid] | None = None  # the grid that had the focus last


    def heading_width(self, column: int) -> int:
        """The width that shows column's whole heading (a heading is never cut off)."""
        heading = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
        return self.horizontalHeader().fontMetrics().horizontalAdvance(heading) + 24
    def focusInEvent(self, event: QFocusEvent) -> None:
        Grid.last = weakref.ref(self)
        super().focusInEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        Grid.last = weakref.ref(self)  # a click selects here even where focus is not given
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right click: the cell under the mouse becomes current (unless it is selected already,
        as in Excel) and the menu opens there."""
        Grid.last = weakref.ref(self)
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        model = self.model()
        if isinstance(model, RecordModel):
            self.remove_action.setEnabled(any(r < len(model.records) for r in self.selected_rows()))
        self.paste_action.setEnabled(bool(QApplication.clipboard().text()))
        self.menu.popup(event.globalPos())

    def insert_row(self) -> None:
        """A new row above the current one (at the end when none is current)."""
        model = self.model()
        if not isinstance(model, RecordModel):
            return
        current = self.currentIndex()
        row = min(current.row() if current.isValid() else len(model.records), len(model.records))
        if self.new_row is None:
            model.insert(row)
        else:
            session = model.session
            session.apply("插入行", insert_rows(session.budget, model.coll, row, [self.new_row(row)]))
        self.setCurrentIndex(model.index(row, max(current.column(), 0)))

    def remove_rows(self) -> None:
        """Delete the selected rows (the current one when nothing is selected)."""
        model = self.model()
        if not isinstance(model, RecordModel):
            return
        rows = [r for r in self.selected_rows() if r < len(model.records)]
        if rows and self.ask_remove(rows):
            model.remove(rows)

    def selected_rows(self) -> list[int]:
        """The rows of the selection (the current row when nothing is selected)."""
        rows = {i.row() for i in self.selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {self.currentIndex().row()}
        return sorted(rows)

    def sort_current(self) -> None:
        """Sort the records by the current column (again: the other way)."""
        model = self.model()
        if isinstance(model, RecordModel) and self.currentIndex().isValid():
            model.sort(self.currentIndex().column(), self._order)
            self._order = (Qt.SortOrder.DescendingOrder if self._order == Qt.SortOrder.AscendingOrder
                           else Qt.SortOrder.AscendingOrder)

    def closeEditor(self, editor: QWidget, hint: QStyledItemDelegate.EndEditHint) -> None:
        completer = editor.completer() if isinstance(editor, QLineEdit) else None
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.hide()  # never leave the code picker's list behind
        if hint == QStyledItemDelegate.EndEditHint.SubmitModelCache:  # Enter: down, as in Excel
            super().closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)
            self.move_down()
            return
        super().closeEditor(editor, hint)

    def move_down(self) -> None:
        current = self.currentIndex()
        model = self.model()
        if current.isValid() and current.row() + 1 < model.rowCount():
            self.setCurrentIndex(model.index(current.row() + 1, current.column()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        Grid.last = weakref.ref(self)
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_down()
            return
        if not editing and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            return
        super().keyPressEvent(event)

    def clear_selection(self) -> None:
        model = self.model()
        indexes = self.selectedIndexes() or [self.currentIndex()]
        if isinstance(model, RecordModel):
            model.clear([i for i in indexes if i.isValid()])
        else:
            for index in indexes:
                if index.flags() & Qt.ItemFlag.ItemIsEditable:
                    model.setData(index, "", Qt.ItemDataRole.EditRole)

    def paste(self, text: str | None = None) -> list[str]:
        """Paste a block copied from Excel at the current cell; the problems found."""
        text = QApplication.clipboard().text() if text is None else text
        block = split_block(text)
        current = self.currentIndex()
        model = self.model()
        if not block or not current.isValid():
            return []
        if isinstance(model, RecordModel):
            errors = model.paste_text(current.row(), current.column(), block)
        else:
            errors = []
            for r, values in enumerate(block):
                for c, value in enumerate(values):
                    index = model.index(current.row() + r, current.column() + c)
                    if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                        model.setData(index, value, Qt.ItemDataRole.EditRole)
        if errors and isinstance(model, RecordModel):
            model.session.failed.emit("粘贴时有单元格无法读取：\n" + "\n".join(errors))
        return errors

    def copy(self) -> None:
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        rows: dict[int, list[str]] = {}
        for index in indexes:
            rows.setdefault(index.row(), []).append(str(index.data() or ""))
        QApplication.clipboard().setText("\n".join("\t".join(r) for r in rows.values()))


def select(view: QTableView, row: int, column: int = 0, parent: QObject | None = None) -> None:
    """Make (row, column) the current cell of view and show it."""
    model = view.model()
    index = model.index(min(row, max(model.rowCount() - 1, 0)), column, QModelIndex())
    view.setCurrentIndex(index)
    view.scrollTo(index)
    view.setFocus()
