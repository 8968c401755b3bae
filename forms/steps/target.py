"""The 项目支出绩效目标表 of one project, laid out as the official form."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from app.core.indicators import copy_to_annual, hint, standard_rows
from app.core.records import Budget, FormFunds, Indicator, Period, TargetForm
from app.edits.editing import Collection, indicators, insert_rows, money_text, put_target
from forms.grid import Grid
from forms.models.fixed import FixedModel
from forms.models.records import COMPUTED, Field, RecordModel
from forms.qt import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from forms.session import Session
from forms.steps.base import LineField, TextField

FUND_FIELDS = ("central", "province", "local", "self_raised", "other")
FUND_LABELS = ("中央补助", "省级资金", "市县资金", "单位自筹", "其他资金", "合计")
HEADER_FIELDS = (("attribute", "项目属性"), ("period", "项目期"))
FOOTER_FIELDS = (("manager", "负责人"), ("handler", "经办人"), ("phone", "联系电话"),
                 ("filled", "填报日期"))
TEXT_FIELDS = (("overview", "项目概况"), ("basis", "立项依据"), ("necessity", "项目设立必要性"),
               ("measures", "保证项目实施的制度、措施"), ("plan", "项目实施计划"),
               ("goal_implementation", "总体目标（实施期）"), ("goal_annual", "总体目标（年度）"))
INDICATOR_FIELDS = (
    Field("level1", "一级指标", width=80),
    Field("level2", "二级指标", width=100),
    Field("level3", "三级指标", width=170),
    Field("value", "指标值", width=100),
    Field(None, "提示", COMPUTED, lambda b, r: hint(r), width=120),
)


class TargetEditor(QTabWidget):
    """Edits the target form of the project (unit, name) chosen with `show_project`."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.key = ("", "")
        self.addTab(self._header_tab(), "表头与资金")
        self.addTab(self._texts_tab(), "概况与目标")
        self.addTab(self._indicators_tab(), "绩效指标")
        session.changed.connect(self.refresh)

    # the form of the chosen project

    def form(self, budget: Budget | None = None) -> TargetForm:
        budget = budget or self.session.budget
        return budget.target(*self.key) or TargetForm(*self.key)

    def show_project(self, unit: str, name: str) -> None:
        self.key = (unit, name)
        self.setEnabled(bool(name))
        self.implementation.set_collection(indicators(unit, name, Period.IMPLEMENTATION))
        self.annual.set_collection(indicators(unit, name, Period.ANNUAL))
        self.session.changed.emit()  # the bound fields follow the new form

    def getter(self, name: str) -> Any:
        return lambda budget: str(getattr(self.form(budget), name))

    def putter(self, name: str) -> Any:
        return lambda budget, text: put_target(budget, replace(self.form(budget), **{name: text}))

    # tabs

    def _header_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        form.addRow("项目名称：", self.title)
        for name, label in HEADER_FIELDS:
            form.addRow(label + "：", LineField(self.session, label, self.getter(name), self.putter(name)))
        layout.addLayout(form)
        self.funds = FixedModel(self.session, ["实施期资金总额", "年度资金总额"], FUND_LABELS,
                                self.fund_value, self.fund_write, lambda row, col: col < 5,
                                optional=True, parent=self)
        self.funds_grid = Grid(self.funds, page)
        self.funds_grid.setFixedHeight(88)
        for column in range(len(FUND_LABELS)):
            self.funds_grid.setColumnWidth(column, 110)
        layout.addWidget(QLabel("项目资金（元）："))
        layout.addWidget(self.funds_grid)
        self.check = QLabel()
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        footer = QGridLayout()
        for i, (name, label) in enumerate(FOOTER_FIELDS):
            footer.addWidget(QLabel(label + "："), i // 2, (i % 2) * 2)
            footer.addWidget(LineField(self.session, label, self.getter(name), self.putter(name)),
                             i // 2, (i % 2) * 2 + 1)
        layout.addLayout(footer)
        layout.addStretch(1)
        return page

    def _texts_tab(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        layout = QFormLayout(inner)
        for name, label in TEXT_FIELDS:
            edit = TextField(self.session, label, self.getter(name), self.putter(name))
            edit.setMinimumHeight(60)
            layout.addRow(label + "：", edit)
        scroll.setWidget(inner)
        return scroll

    def _indicators_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        buttons = QHBoxLayout()
        for text, action in (("填入标准一级/二级指标", self.add_standard),
                             ("复制实施期到年度", self.copy_annual)):
            button = QPushButton(text)
            button.clicked.connect(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        sides = QHBoxLayout()
        self.implementation = RecordModel(self.session, indicators("", "", Period.IMPLEMENTATION),
                                          INDICATOR_FIELDS, self)
        self.annual = RecordModel(self.session, indicators("", "", Period.ANNUAL), INDICATOR_FIELDS, self)
        self.grids: dict[Period, Grid] = {}
        for period, model in ((Period.IMPLEMENTATION, self.implementation), (Period.ANNUAL, self.annual)):
            box = QGroupBox(f"{period.value}绩效指标")
            inner = QVBoxLayout(box)
            grid = Grid(model, box)
            self.grids[period] = grid
            inner.addWidget(grid)
            sides.addWidget(box)
        layout.addLayout(sides, 1)
        return page

    # money of the form

    def fund_value(self, budget: Budget, row: int, column: int) -> Decimal | None:
        funds = self.form(budget).implementation if row == 0 else self.form(budget).annual
        if column == 5:
            return funds.total
        value: Decimal | None = getattr(funds, FUND_FIELDS[column])
        return value

    def fund_write(self, budget: Budget, row: int, column: int, amount: Decimal | None) -> Budget:
        form = self.form(budget)
        part = "implementation" if row == 0 else "annual"
        funds: FormFunds = replace(getattr(form, part), **{FUND_FIELDS[column]: amount})
        changed = replace(form, implementation=funds) if row == 0 else replace(form, annual=funds)
        return put_target(budget, changed)

    def refresh(self) -> None:
        name = self.key[1]
        self.title.setText(name or "（请在上表选择一个项目）")
        project = next((p for p in self.session.budget.projects if (p.unit, p.name) == self.key), None)
        if project is None:
            self.check.setText("")
            return
        annual = self.form().annual.total
        money = project.amounts.total
        if annual == money:
            self.check.setText(f"年度资金总额 {money_text(annual)} 元，与项目本年预算一致。")
            self.check.setStyleSheet("color: #1b5e20;")
        else:
            self.check.setText(f"年度资金总额 {money_text(annual)} 元，与项目本年预算 "
                               f"{money_text(money)} 元不一致。")
            self.check.setStyleSheet("color: #b00020;")

    # indicator actions

    def add_standard(self) -> None:
        """Offer the standard 一级/二级 rows of both periods that the form lacks yet."""
        budget = self.session.budget
        for period, model in ((Period.IMPLEMENTATION, self.implementation), (Period.ANNUAL, self.annual)):
            have = {(i.level1, i.level2) for i in model.records}
            missing = [r for r in standard_rows(period) if (r.level1, r.level2) not in have]
            coll: Collection = indicators(*self.key, period)
            budget = insert_rows(budget, coll, len(coll.get(budget)), missing)
        self.session.apply("填入标准指标", budget)

    def copy_annual(self) -> None:
        form = self.form()
        rows: tuple[Indicator, ...] = copy_to_annual(form.indicators)
        self.session.apply("复制实施期指标到年度",
                           put_target(self.session.budget, replace(form, indicators=rows)))
