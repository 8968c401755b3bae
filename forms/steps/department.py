"""部门整体支出绩效目标表 in step 8: 编报 or 未编报 (the text of 第三部分 十 follows), the form's
counts, words, tasks and indicators; its money comes from the file's own totals, never typed."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from app.compute.wording import worded
from app.core import declarations
from app.core.records import Budget, DepartmentForm, Indicator, Period, Task
from app.edits.editing import Collection, money_text, parse
from app.imports.tables.defaults import department_money
from app.profiles.registry import profile_of
from forms.models.records import RecordModel, columns
from forms.qt import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from forms.session import Session
from forms.steps.base import GridPanel, LineField, TextField

REPORTED, NOT_REPORTED = "编报部门整体支出绩效目标（公开部门整体支出绩效目标表）", "未编报"
COUNTS = (("divisions", "内设职能部门数"), ("units", "所属预算单位数"), ("staff_quota", "核定的人员编制数"),
          ("staff_actual", "实际在职人员总数"), ("staff_in_quota", "其中：在编人员"),
          ("staff_other", "其他人员"))
WORDS = (("duties", "部门职责"), ("strategy", "部门战略目标"), ("goal", "年度绩效目标"))


def reported(budget: Budget, yes: bool) -> Budget:
    """budget with the 部门整体 form reported (a form whose money is the file's own) or not
    (no form; the text says 未编报)."""
    performance = replace(budget.performance, overall_reported=yes)
    if not yes:
        return replace(budget, performance=performance, department_form=None)
    form = budget.department_form or DepartmentForm()
    return department_money(replace(budget, performance=performance, department_form=form))


def with_form(budget: Budget, **values: Any) -> Budget:
    """budget whose 部门整体 form (made when missing) has values, its money recomputed."""
    form = replace(budget.department_form or DepartmentForm(), **values)
    return reported(replace(budget, department_form=form), True)


def form_list(name: str, record: type) -> Collection:
    """The form's tasks or indicators as a collection the grids edit."""
    return Collection(
        "department_form", record,
        lambda b: tuple(getattr(b.department_form, name)) if b.department_form else (),
        lambda b, rows: with_form(b, **{name: tuple(rows)}))


class IndicatorModel(RecordModel):
    """The form's indicators: all of the year (年度)."""

    def new_record(self) -> Any:
        return Indicator(Period.ANNUAL, "", "", "", "")


class DepartmentPanel(QWidget):
    """The 部门整体 form's editor (a tab of step 8)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.say = partial(worded, session.budget)  # 单位整体, 单位职责… in a 单位 file
        outer = QVBoxLayout(self)
        choice = QHBoxLayout()
        self.yes = QRadioButton(self.say(REPORTED))
        self.no = QRadioButton(NOT_REPORTED)
        for button, value in ((self.yes, True), (self.no, False)):
            button.setAutoExclusive(False)  # neither is checked until the user chooses
            button.clicked.connect(lambda _=False, v=value: self.choose(v))
            choice.addWidget(button)
        choice.addStretch(1)
        outer.addLayout(choice)
        self.state = QLabel()
        self.state.setWordWrap(True)
        outer.addWidget(self.state)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.details = QWidget()
        inner = QVBoxLayout(self.details)
        basics = QGroupBox(self.say("部门基本信息"))
        form = QFormLayout(basics)
        self.fields: dict[str, QWidget] = {}
        for name, label in COUNTS:
            edit = LineField(session, label, *self.bound(name, label))
            form.addRow(label + "：", edit)
            self.fields[name] = edit
        inner.addWidget(basics)
        money = QGroupBox(self.say("部门预算（按本文件的收支自动计算，不需填写）"))
        self.money = QLabel()
        self.money.setWordWrap(True)
        box = QVBoxLayout(money)
        box.addWidget(self.money)
        self.update_money = QPushButton("按本文件的收支更新金额")
        self.update_money.clicked.connect(lambda: self.session.apply(
            self.say("更新部门整体绩效目标表金额"), department_money(self.session.budget)))
        box.addWidget(self.update_money)
        inner.addWidget(money)
        words = QGroupBox("职责、目标")
        wform = QFormLayout(words)
        wform.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for name, label in WORDS:
            label = self.say(label)
            text = TextField(session, label, *self.bound(name, label))
            text.setMinimumHeight(70)
            wform.addRow(label + "：", text)
            self.fields[name] = text
        inner.addWidget(words)
        self.tasks = GridPanel(RecordModel(session, form_list("tasks", Task),
                                           columns(declarations.TASKS, {"function": 220, "task": 420}),
                                           self))
        self.tasks.setMinimumHeight(160)
        inner.addWidget(QLabel("年度重点任务："))
        inner.addWidget(self.tasks)
        self.indicators = GridPanel(IndicatorModel(
            session, form_list("indicators", Indicator),
            columns(declarations.INDICATORS, {"level3": 220, "value": 140}), self))
        self.indicators.setMinimumHeight(160)
        inner.addWidget(QLabel("年度绩效指标："))
        inner.addWidget(self.indicators)
        scroll.setWidget(self.details)
        outer.addWidget(scroll, 1)
        session.changed.connect(self.refresh)
        self.refresh()

    def bound(self, name: str, label: str) -> tuple[Any, Any]:
        """get/put of one field of the form (put makes the form when there is none)."""
        tp = int if name in dict(COUNTS) else str

        def get(budget: Budget) -> str:
            form = budget.department_form
            return "" if form is None else str(getattr(form, name))

        def put(budget: Budget, text: str) -> Budget:
            value = parse(text, tp, label, self.session.unit)
            if value is None:
                value = 0 if tp is int else ""
            return with_form(budget, **{name: value})

        return get, put

    def choose(self, yes: bool) -> None:
        self.session.apply(self.say("编报部门整体支出绩效目标" if yes else "未编报部门整体支出绩效目标"),
                           reported(self.session.budget, yes))
        self.refresh()

    def refresh(self) -> None:
        budget = self.session.budget
        form = budget.department_form
        chosen_yes = form is not None and budget.performance.overall_reported
        chosen_no = not budget.performance.overall_reported
        self.yes.setChecked(chosen_yes)
        self.no.setChecked(chosen_no)
        if not profile_of(budget)[0].inputs.forms:  # kept in the file, not printed
            self.state.setText(self.say("本文件的模板不印部门整体支出绩效目标表，这里的数据只供审核。"))
        elif chosen_yes:
            self.state.setText(self.say("第三部分 十 写明“编报部门整体支出绩效目标”，"
                                        "PDF 附部门整体支出绩效目标表。"))
        elif chosen_no:
            self.state.setText(self.say("第三部分 十 写明“未编报部门整体支出绩效目标”，"
                                        "不附部门整体支出绩效目标表。"))
        else:
            self.state.setText(self.say("尚未选择：本文件没有部门整体支出绩效目标表，但说明仍按“编报”书写。"
                                        "请选择“编报”并填写下表，或选择“未编报”。"))
        undecided = not (chosen_yes or chosen_no) and profile_of(budget)[0].inputs.forms
        self.state.setStyleSheet("color: #b00020;" if undecided else "")
        self.details.setEnabled(chosen_yes)
        computed = department_money(budget).department_form
        self.update_money.setVisible(computed is not None and computed != form)
        if computed is None:
            self.money.setText("（未编报）")
            return
        parts = "，".join(f"{k} {money_text(v)}" for k, v in (
            ("一般公共预算", computed.budget.general), ("政府性基金", computed.budget.fund),
            ("国有资本经营预算", computed.budget.capital), ("财政专户", computed.budget.special),
            ("单位资金", computed.budget.unit)) if v)
        self.money.setText(f"年度预算 {money_text(computed.budget.total)} 元"
                           f"{'（' + parts + '）' if parts else ''}；其中基本支出 "
                           f"{money_text(computed.basic)} 元，项目支出 {money_text(computed.projects)} 元。"
                           + ("" if computed == form else "　表中金额与本文件的收支不一致，请更新。"))


