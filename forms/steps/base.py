"""What every step page is made of: a title, grids with their buttons and totals, bound fields."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from app.core.records import Budget
from app.edits.editing import YUAN, EditError, get_path, money_text, parse, set_single
from forms.grid import Grid, select
from forms.models.records import MONEY, RecordModel
from forms.qt import (
    QCheckBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QObject,
    QPlainTextEdit,
    QPushButton,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from forms.session import Session
from forms.types import field_type

Get = Callable[[Budget], str]
Put = Callable[[Budget, str], Budget]


class StepPage(QWidget):
    """One step: a heading, a line of help, and the step's own widgets in `body`."""

    def __init__(self, session: Session, title: str, help_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        heading = QLabel(title)
        heading.setObjectName("stepTitle")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(heading)
        if help_text:
            note = QLabel(help_text)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            layout.addWidget(note)
        self.body = QVBoxLayout()
        layout.addLayout(self.body, 1)
        session.changed.connect(self.refresh)

    def refresh(self) -> None:
        """Follow the budget after an edit (bound fields follow by themselves)."""

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        """Bring the form, row and field a finding names into view."""


def single(path: str, label: str, session: Session) -> tuple[Get, Put]:
    """get/put for a field of the budget's single records ("texts.duties", "last_year.total")."""
    tp = field_type(Budget, path)
    quantity = path.endswith("office_area")  # m², not money: never in 万元

    def get(budget: Budget) -> str:
        value = get_path(budget, path)
        if isinstance(value, Decimal):
            # 元 with separators is exact; 万元 stays plain so no 分 is lost to rounding
            unit = YUAN if quantity else session.unit
            return money_text(value, unit, edit=unit != YUAN)
        return "" if value is None else str(value)

    def put(budget: Budget, text: str) -> Budget:
        return set_single(budget, path, parse(text, tp, label, YUAN if quantity else session.unit))

    return get, put


class LineField(QLineEdit):
    """A one-line field bound to the budget: written when the user leaves it or presses Enter."""

    def __init__(self, session: Session, label: str, get: Get, put: Put,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.label, self.get, self.put = session, label, get, put
        self.setAccessibleName(label)
        self.editingFinished.connect(self.commit)
        session.changed.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        text = self.get(self.session.budget)
        if not self.hasFocus() and self.text() != text:
            self.setText(text)

    def commit(self) -> None:
        if self.text() == self.get(self.session.budget):
            return
        try:
            after = self.put(self.session.budget, self.text())
        except EditError as exc:
            self.session.failed.emit(str(exc))
            return
        self.session.apply(f"修改{self.label}", after)


class TextField(QPlainTextEdit):
    """Paragraphs bound to the budget: saved a moment after typing stops, one undo per field."""

    def __init__(self, session: Session, label: str, get: Get, put: Put,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.label, self.get, self.put = session, label, get, put
        self.setAccessibleName(label)
        self.setPlaceholderText(label)
        self.setTabChangesFocus(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(400)
        self.timer.timeout.connect(self.commit)
        self.textChanged.connect(self.timer.start)
        self.setProperty("invalid", False)
        self.installEventFilter(self)
        session.changed.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        text = self.get(self.session.budget)
        if self.property("invalid") is True:
            return  # the user's refused text stays until they correct it
        if self.toPlainText() != text and not self.timer.isActive():
            cursor = self.textCursor().position()
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
            cursor_now = self.textCursor()
            cursor_now.setPosition(min(cursor, len(text)))
            self.setTextCursor(cursor_now)

    def commit(self) -> None:
        self.timer.stop()
        text = self.toPlainText()
        if text == self.get(self.session.budget):
            self.mark(None)
            return
        try:
            after = self.put(self.session.budget, text)
        except EditError as exc:
            self.mark(str(exc))  # kept in the field to be corrected; the file keeps its text
            self.session.failed.emit(f"{exc}；未保存，请删减后再试。")
            return
        self.mark(None)
        self.session.apply(f"修改{self.label}", after, merge=self.label)

    def mark(self, problem: str | None) -> None:
        """Show (or clear) that the field holds text the file refused."""
        if self.property("invalid") is not True and problem is None:
            return
        self.setProperty("invalid", problem is not None)
        self.setStyleSheet("QPlainTextEdit { border: 2px solid #c0392b; }" if problem else "")
        self.setToolTip(problem or "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.timer.isActive():
            self.commit()
        return False


class GridPanel(QWidget):
    """A grid with its buttons (插入行, 删除行, 排序) and a line of totals under it."""

    def __init__(self, model: RecordModel, summary: Callable[[], str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.summary = summary
        self.grid = Grid(model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        for text, action in (("插入行", self.insert), ("删除所选行", self.remove),
                             ("按当前列排序", self.grid.sort_current)):
            button = QPushButton(text)
            button.clicked.connect(action)
            buttons.addWidget(button)
        # an import's guesses: shown only while this list has some
        self.guesses_only = QCheckBox("只看推测")
        self.guesses_only.toggled.connect(self.show_guesses)
        self.confirm_button = QPushButton("确认推测")
        self.confirm_button.setToolTip("所选单元格的推定值已核对无误：去掉“推测”标记")
        self.confirm_button.clicked.connect(
            lambda: self.model.confirm(self.grid.selectedIndexes() or [self.grid.currentIndex()]))
        buttons.addWidget(self.guesses_only)
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #777;")
        buttons.addWidget(self.hint, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.grid, 1)
        self.totals = QLabel()
        self.totals.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.totals)
        model.session.changed.connect(self.update_totals)
        self.update_totals()

    def insert(self) -> None:
        current = self.grid.currentIndex()
        self.model.insert(current.row() if current.isValid() else self.model.rowCount())

    def focused(self) -> Grid:
        """The grid of this step that had the focus last (this panel's own grid otherwise)."""
        last = Grid.last() if Grid.last is not None else None
        if (last is not None and last.isVisible() and isinstance(last.model(), RecordModel)
                and step_of(last) is step_of(self)):
            return last
        return self.grid

    def remove(self) -> None:
        """Delete the selected rows of the focused grid; a project's target form goes with it,
        after a question."""
        grid = self.focused()
        model = grid.model()
        assert isinstance(model, RecordModel)
        rows = [r for r in grid.selected_rows() if r < len(model.records)]
        if not rows:
            return
        if model.coll.key == "projects":
            question = losses(model.session.budget, [model.records[r] for r in rows])
            if question and not confirm(self, "删除项目", question):
                return
        model.remove(rows)

    def show_guesses(self) -> None:
        """Hide the rows without a guess while 只看推测 is ticked; show the controls only when
        the list has guesses."""
        rows = self.model.guessed_rows()
        self.guesses_only.setVisible(bool(rows) or self.guesses_only.isChecked())
        self.confirm_button.setVisible(bool(rows))
        only = self.guesses_only.isChecked()
        for r in range(self.model.rowCount()):
            self.grid.setRowHidden(r, only and r not in rows)

    def update_totals(self) -> None:
        self.show_guesses()
        money = any(f.kind == MONEY for f in self.model.fields)  # a list without money: no unit
        self.hint.setText((f"金额单位：{self.model.session.unit}。" if money else "") +
                          "在＊行输入即新增；从 Excel 复制后 Ctrl+V 粘贴；Delete 清除所选")
        if self.summary is not None:
            self.totals.setText(self.summary())
            return
        unit = self.model.session.unit
        parts = [f"{f.label} {money_text(self.model.column_total(c), unit)}"
                 for c, f in enumerate(self.model.fields) if f.kind == MONEY]
        self.totals.setText(f"共 {len(self.model.records)} 行" +
                            (f"；合计（{unit}）：" + "，".join(parts) if parts else ""))

    def show_row(self, row: int | None, path: str | None) -> None:
        column = next((c for c, f in enumerate(self.model.fields) if path and f.path == path), 0)
        select(self.grid, row or 0, column)


def step_of(widget: QWidget) -> QWidget | None:
    """The step page a widget is on."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, StepPage):
        parent = parent.parentWidget()
    return parent


def losses(budget: Budget, projects: list[Any]) -> str:
    """What deleting projects also deletes, as a question; "" when they have no target form."""
    lines = []
    for project in projects:
        form = budget.form_of(project)
        if form is not None:
            unit = budget.unit(project.unit)
            lines.append(f"「{project.name}」（{unit.name if unit else project.unit}）的绩效目标表"
                         f"（{len(form.indicators)} 个绩效指标）")
    if not lines:
        return ""
    return (f"将删除 {len(projects)} 个项目，同时删除：\n" + "\n".join(lines)
            + "\n\n确定删除吗？（可以用“撤销”恢复）")


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask in Chinese; True when the user chose 删除."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton("删除", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setObjectName("confirmDelete")
    box.exec()
    return box.clickedButton() is yes


def money_label(value: Any, unit: str) -> str:
    return money_text(value, unit) if isinstance(value, Decimal) else str(value)
