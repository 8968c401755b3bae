"""The 项目支出绩效目标表 of one project, laid out as the official form."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from app.core.declarations import (
    FUND_ATTRS,
    FUND_FORM_LABELS,
    FUND_TOTALS,
    INDICATORS,
    TARGET_FORM,
    Decl,
)
from app.core.fields import Context
from app.core.identity import new_form
from app.core.indicators import copy_to_annual, hint, standard_rows
from app.core.records import Budget, FormFunds, Indicator, Period, TargetForm
from app.edits.editing import (
    Collection,
    form_for,
    indicators,
    insert_rows,
    money_text,
    put_target,
    typed,
)
from forms.grid import Grid
from forms.models.fixed import FixedModel
from forms.models.records import COMPUTED, Field, RecordModel, columns
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

FUND_FIELDS = FUND_ATTRS
FUND_LABELS = (*FUND_FORM_LABELS, "合计")
INDICATOR_FIELDS = (
    *columns(INDICATORS[1:], {"level1": 80, "level2": 100, "level3": 170, "value": 100}),
    Field(None, "提示", COMPUTED, lambda b, r: hint(r), width=120),
)


class TargetEditor(QTabWidget):
    """Edits the target form of the project chosen (by its id) with `show_project`; its
    parts and labels are those of the declared layout (`declarations.TARGET_FORM`)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.key = ""  # the project's id
        # the header's fields scroll rather than hold the projects' grid above to a few rows
        # on a laptop's screen (1366×768: 10 rows at most, the splitter could go no further)
        header = QScrollArea()
        header.setWidgetResizable(True)
        header.setFrameShape(QScrollArea.Shape.NoFrame)
        header.setWidget(self._header_tab())
        self.addTab(header, "表头与资金")
        self.addTab(self._texts_tab(), "概况与目标")
        self.addTab(self._indicators_tab(), "绩效指标")
        session.changed.connect(self.refresh)

    # the form of the chosen project

    def form(self, budget: Budget | None = None) -> TargetForm:
        budget = budget or self.session.budget
        project = budget.project(self.key)
        if project is not None and budget.form_of(project) is None:
            return new_form(project, budget.department)  # the project's money, at its level
        return form_for(budget, self.key)

    def show_project(self, project_id: str) -> None:
        moved = project_id != self.key
        self.key = project_id
        self.setEnabled(bool(project_id))
        self.implementation.set_collection(indicators(project_id, Period.IMPLEMENTATION))
        self.annual.set_collection(indicators(project_id, Period.ANNUAL))
        self.session.changed.emit()  # the bound fields follow the new form
        if moved:
            self.to_top()

    def to_top(self) -> None:
        """Another project: its grids and texts are shown from their first row and column, and
        the current cell is the first one, so a paste lands where the user sees it."""
        for grid in self.grids.values():
            grid.setCurrentIndex(grid.model().index(0, 0))
            grid.clearSelection()
            grid.horizontalScrollBar().setValue(0)
            grid.verticalScrollBar().setValue(0)
        for bar in (self.texts.verticalScrollBar(), self.texts.horizontalScrollBar()):
            bar.setValue(0)

    def getter(self, name: str) -> Any:
        return lambda budget: str(getattr(self.form(budget), name))

    def putter(self, decl: Decl) -> Any:
        def put(budget: Budget, text: str) -> Budget:
            value = typed(text, decl, Context(), decl.label)
            return put_target(budget, replace(self.form(budget), **{decl.path: value}))
        return put

    # tabs

    def _header_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        form.addRow("项目名称：", self.title)
        for decl in TARGET_FORM.header:
            field = LineField(self.session, decl.label, self.getter(decl.path), self.putter(decl))
            field.setPlaceholderText(decl.help)
            form.addRow(decl.label + "：", field)
        layout.addLayout(form)
        self.funds = FixedModel(self.session, FUND_TOTALS, FUND_LABELS,
                                self.fund_value, self.fund_write, lambda row, col: col < 5,
                                optional=True, parent=self)
        self.funds_grid = Grid(self.funds, page)
        self.funds_grid.setFixedHeight(88)
        for column in range(len(FUND_LABELS)):
            self.funds_grid.setColumnWidth(column, max(110, self.funds_grid.heading_width(column)))
        layout.addWidget(QLabel("项目资金（元）："))
        layout.addWidget(self.funds_grid)
        self.check = QLabel()
        self.check.setWordWrap(True)
        layout.addWidget(self.check)
        footer = QGridLayout()
        for i, decl in enumerate(TARGET_FORM.footer):
            footer.addWidget(QLabel(decl.label + "："), i // 2, (i % 2) * 2)
            field = LineField(self.session, decl.label, self.getter(decl.path), self.putter(decl))
            field.setPlaceholderText(decl.help)
            footer.addWidget(field, i // 2, (i % 2) * 2 + 1)
        layout.addLayout(footer)
        layout.addStretch(1)
        return page

    def _texts_tab(self) -> QWidget:
        scroll = self.texts = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        layout = QFormLayout(inner)
        for decl in TARGET_FORM.texts:
            edit = TextField(self.session, decl.label, self.getter(decl.path), self.putter(decl))
            edit.setMinimumHeight(60)
            layout.addRow(decl.label + "：", edit)
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
        self.implementation = RecordModel(self.session, indicators("", Period.IMPLEMENTATION),
                                          INDICATOR_FIELDS, self)
        self.annual = RecordModel(self.session, indicators("", Period.ANNUAL), INDICATOR_FIELDS, self)
        self.grids: dict[Period, Grid] = {}
        for period, model in ((Period.IMPLEMENTATION, self.implementation), (Period.ANNUAL, self.annual)):
            box = QGroupBox(f"{period.value}绩效指标")
            inner = QVBoxLayout(box)
            grid = Grid(model, box)
            grid.setObjectName(f"indicators-{period.name.lower()}")
            grid.new_row = lambda row, m=model, p=period: self.new_indicator(m, p, row)
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
        value: Decimal | None = getattr(funds, str(FUND_FIELDS[column]))
        return value

    def fund_write(self, budget: Budget, row: int, column: int, amount: Decimal | None) -> Budget:
        form = self.form(budget)
        part = "implementation" if row == 0 else "annual"
        funds: FormFunds = replace(getattr(form, part), **{FUND_FIELDS[column]: amount})
        changed = replace(form, implementation=funds) if row == 0 else replace(form, annual=funds)
        return put_target(budget, changed)

    def refresh(self) -> None:
        project = self.session.budget.project(self.key)
        self.title.setText(project.name if project else "（请在上表选择一个项目）")
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

    @staticmethod
    def new_indicator(model: RecordModel, period: Period, row: int) -> Indicator:
        """A row inserted at row joins the group (一级, 二级) of the row it is inserted above."""
        records = model.records
        near = records[row] if row < len(records) else records[-1] if records else None
        return Indicator(period, near.level1 if near else "", near.level2 if near else "", "", "")

    def add_standard(self) -> None:
        """Offer the standard 一级/二级 rows of both periods that the form lacks yet."""
        budget = self.session.budget
        for period, model in ((Period.IMPLEMENTATION, self.implementation), (Period.ANNUAL, self.annual)):
            have = {(i.level1, i.level2) for i in model.records}
            missing = [r for r in standard_rows(period) if (r.level1, r.level2) not in have]
            coll: Collection = indicators(self.key, period)
            budget = insert_rows(budget, coll, len(coll.get(budget)), missing)
        self.session.apply("填入标准指标", budget)

    def copy_annual(self) -> None:
        form = self.form()
        rows: tuple[Indicator, ...] = copy_to_annual(form.indicators)
        self.session.apply("复制实施期指标到年度",
                           put_target(self.session.budget, replace(form, indicators=rows)))
