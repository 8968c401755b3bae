"""Step 5 项目支出: the projects grid and, under it, the chosen project's target form."""

from __future__ import annotations

from app.core.money import ZERO
from app.core.records import Budget, Project
from app.edits.editing import money_text, top
from app.edits.steps import status
from forms.models.records import COMPUTED, ENUM, MONEY, UNIT, Field, RecordModel
from forms.models.records import FUNCTION as FUNCTION_KIND
from forms.qt import QItemSelectionModel, QModelIndex, QSplitter, Qt, QWidget
from forms.session import Session
from forms.steps.base import GridPanel, StepPage
from forms.steps.money import function_name, share
from forms.steps.target import TargetEditor


def target_state(budget: Budget, record: object) -> str:
    project = record if isinstance(record, Project) else None
    if project is None:
        return ""
    form = budget.target(project.unit, project.name)
    if form is None or not form.indicators:
        return "未填"
    return "已填" if form.annual.total == project.amounts.total else "金额不符"


PROJECT_FIELDS = (
    Field("unit", "单位", UNIT, width=150),
    Field("name", "项目名称", width=220),
    Field("function", "功能科目", FUNCTION_KIND, width=80),
    Field(None, "科目名称", COMPUTED, function_name, width=180),
    Field("kind", "项目类别", ENUM, width=90),
    Field("amounts.general", "一般公共预算", MONEY, width=110),
    Field("amounts.fund", "政府性基金", MONEY, width=90),
    Field("amounts.capital", "国有资本经营", MONEY, width=90),
    Field("amounts.special", "财政专户", MONEY, width=80),
    Field("amounts.unit", "单位资金", MONEY, width=80),
    Field("carryover.general", "结转·一般公共预算", MONEY, width=110),
    Field("carryover.fund", "结转·政府性基金", MONEY, width=90),
    Field("carryover.capital", "结转·国有资本", MONEY, width=90),
    Field(None, "绩效目标表", COMPUTED, target_state, width=80),
)


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
        split.addWidget(self.editor)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.body.addWidget(split, 1)
        self.panel.grid.selectionModel().currentRowChanged.connect(self.choose)
        self.editor.show_project("", "")

    def choose(self, current: QModelIndex, previous: QModelIndex) -> None:
        records = self.model.records
        if current.isValid() and current.row() < len(records):
            project = records[current.row()]
            if (project.unit, project.name) != self.editor.key:
                self.editor.show_project(project.unit, project.name)

    def refresh(self) -> None:
        current = self.panel.grid.currentIndex()
        self.choose(current, current)

    def summary(self) -> str:
        budget, unit = self.session.budget, self.session.unit
        this_year = sum((p.amounts.total for p in budget.projects), ZERO)
        carry = sum((p.carryover.total for p in budget.projects), ZERO)
        part = share(this_year + carry, status(budget).spending)
        return (f"共 {len(budget.projects)} 个项目；本年 {money_text(this_year, unit)}，上年结转 "
                f"{money_text(carry, unit)} {unit}；项目支出占支出总计 {part}")

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        if form == "targets" and row is not None and row < len(self.session.budget.targets):
            target = self.session.budget.targets[row]
            index = next((i for i, p in enumerate(self.model.records)
                          if (p.unit, p.name) == (target.unit, target.project)), 0)
            self.panel.show_row(index, None)
            self.editor.setCurrentIndex(2 if field == "indicators" else 0)
            return
        self.panel.show_row(row, field)
        self.panel.grid.selectionModel().setCurrentIndex(
            self.panel.grid.currentIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
