"""Step 5 项目支出: the projects grid and, under it, the chosen project's target form."""

from __future__ import annotations

from app.core import declarations
from app.core.money import ZERO
from app.core.records import Budget, Project
from app.edits.editing import money_text, top
from app.edits.steps import status
from app.profiles.registry import profile_of
from forms.models.records import COMPUTED, Field, RecordModel, columns
from forms.qt import (
    QByteArray,
    QItemSelectionModel,
    QLabel,
    QModelIndex,
    QSettings,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from forms.session import Session
from forms.steps.base import GridPanel, StepPage, confirm, losses
from forms.steps.money import function_name, share
from forms.steps.target import TargetEditor


def target_state(budget: Budget, record: object) -> str:
    project = record if isinstance(record, Project) else None
    if project is None:
        return ""
    form = budget.form_of(project)
    if form is None or not form.indicators:
        return "未填"
    return "已填" if form.annual.total == project.amounts.total else "金额不符"


PROJECT_FIELDS = (
    *columns(declarations.PROJECTS, {"unit": 150, "name": 220, "function": 80, "kind": 90},
             {"function": Field(None, "科目名称", COMPUTED, function_name, width=180)}),
    Field(None, "绩效目标表", COMPUTED, target_state, width=80),
)

# where the user last left the line between the projects' grid and the target form (kept in
# the settings: an officer who drags it for a long list should not have to do so on every start)
SPLIT_KEY = "projects_split"


class ProjectsStep(StepPage):
    """Projects with their money by source; the target form of the current one below."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "5 项目支出与绩效目标表",
                         "每行一个项目：单位、名称、功能科目、类别和各来源金额。选中一个项目，"
                         "在下方填写它的绩效目标表。", parent)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = RecordModel(session, top("projects"), PROJECT_FIELDS, self)
        self.panel = GridPanel(self.model, self.summary)
        split.addWidget(self.panel)
        self.editor = TargetEditor(session)
        below = QWidget()
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        self.unprinted = QLabel(profile_of(session.budget)[0].inputs.targets)
        self.unprinted.setWordWrap(True)
        self.unprinted.setStyleSheet("color: #555;")
        self.unprinted.setVisible(bool(self.unprinted.text()))
        column.addWidget(self.unprinted)
        column.addWidget(self.editor, 1)
        split.addWidget(below)
        # the grid first: the form below greys out until a project is chosen, and at 1366×768
        # an even share left the grid six rows
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        saved = QSettings().value(SPLIT_KEY)
        if isinstance(saved, QByteArray):
            split.restoreState(saved)
        split.splitterMoved.connect(
            lambda *_: QSettings().setValue(SPLIT_KEY, split.saveState()))
        self.split = split
        self.body.addWidget(split, 1)
        self.panel.grid.selectionModel().currentRowChanged.connect(self.choose)
        self.panel.grid.ask_remove = self.ask_remove
        self.editor.show_project("")

    def choose(self, current: QModelIndex, previous: QModelIndex) -> None:
        # the budget's projects, not the grid's rows: after an edit this runs before the grid
        # follows (a deleted project's row would still be there, and its form shown blank)
        records = self.model.coll.get(self.session.budget)
        if current.isValid() and current.row() < len(records):
            project = records[current.row()]
            if project.id != self.editor.key:
                self.editor.show_project(project.id)

    def ask_remove(self, rows: list[int]) -> bool:
        """Deleting projects with a target form (right click → 删除行) asks first."""
        question = losses(self.session.budget, [self.model.records[r] for r in rows])
        return not question or confirm(self, "删除项目", question)

    def refresh(self) -> None:
        current = self.panel.grid.currentIndex()
        self.choose(current, current)

    def summary(self) -> str:
        budget, unit = self.session.budget, self.session.unit
        this_year = sum((p.amounts.total for p in budget.projects), ZERO)
        carry = sum((p.carryover.total for p in budget.projects), ZERO)
        part = share(this_year + carry, status(budget).spending)
        return (f"共 {len(budget.projects)} 个项目（全部资金来源）；"
                f"本年 {money_text(this_year, unit)}，上年结转 "
                f"{money_text(carry, unit)} {unit}；项目支出占支出总计 {part}")

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        if form == "targets" and row is not None and row < len(self.session.budget.targets):
            target = self.session.budget.targets[row]
            index = next((i for i, p in enumerate(self.model.records)
                          if p.id == target.project_id), 0)
            self.panel.show_row(index, None)
            self.editor.setCurrentIndex(2 if field == "indicators" else 0)
            return
        self.panel.show_row(row, field)
        self.panel.grid.selectionModel().setCurrentIndex(
            self.panel.grid.currentIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
