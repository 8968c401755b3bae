"""The ten steps of the guided forms, their state, and the figures of the status strip."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from app.compute.ledger import spending
from app.core.declarations import SHANGHAI_FACTS
from app.core.findings import Finding, open_errors
from app.core.money import ZERO
from app.core.records import SOURCES, Budget, Source


class State(str, Enum):
    """How far a step is: nothing entered, something entered, done, or holding a 错误."""

    EMPTY = "未填写"
    PARTIAL = "填写中"
    DONE = "已完成"
    ERROR = "有错误"


@dataclass(frozen=True)
class Step:
    """One step: its number, title and the forms (checks' Location.form names) it edits."""

    number: int
    title: str
    forms: tuple[str, ...]


STEPS = (
    Step(1, "部门与单位", ("department", "units")),
    Step(2, "收入与上年结转", ("income",)),
    Step(3, "基本支出（功能分类）", ("basic_function",)),
    Step(4, "基本支出（经济分类）", ("basic_economic",)),
    Step(5, "项目支出与绩效目标表", ("projects", "targets")),
    Step(6, "“三公”经费、机关运行经费与上年数", ("three_public", "last_year")),
    Step(7, "政府采购与国有资产", ("procurement", "assets")),
    Step(8, "文字说明", ("texts",)),
    Step(9, "审核", ()),
    Step(10, "预览与生成", ()),
)


def step_of(form: str) -> Step | None:
    """The step that edits form, or None."""
    return next((s for s in STEPS if form in s.forms), None)


# the facts only Shanghai's template prints are edited in step 8 (上海模板的内容), whichever
# record holds them
SHANGHAI_LISTS = ("texts.function_uses", "assets.fleet", "texts.project_notes")  # its grids
SHANGHAI_PLACES = (*(d.path for d in SHANGHAI_FACTS), *SHANGHAI_LISTS)


def step_at(form: str, field: str | None) -> Step | None:
    """The step that edits the field of form a finding names, or None."""
    path = f"{form}.{field}" if field else form
    if any(path == p or path.startswith(p + ".") for p in SHANGHAI_PLACES):
        return STEPS[7]
    return step_of(form)


def _entered(budget: Budget, number: int) -> tuple[bool, bool]:
    """(anything entered, everything the step needs entered) for the data steps."""
    if number == 1:
        return bool(budget.department.name or budget.units), bool(
            budget.department.name and budget.units)
    if number == 2:
        some = budget.income.this_year.total != 0 or budget.income.carryover.total != 0
        return some, some
    if number == 3:
        return bool(budget.basic_function), bool(budget.basic_function)
    if number == 4:
        return bool(budget.basic_economic), basic_function_total(budget) == basic_economic_total(budget)
    if number == 5:
        some = bool(budget.projects)
        return some, some and all(budget.target(p.unit, p.name) for p in budget.projects)
    if number == 6:
        some = bool(budget.three_public) or budget.last_year.total is not None
        return some, budget.last_year.total is not None and budget.last_year.general is not None
    if number == 7:
        some = budget.procurement.total != 0 or budget.assets.office_area != 0
        return some, some
    if number == 8:
        some = bool(budget.texts.duties or budget.texts.organization)
        return some, bool(budget.texts.duties and budget.texts.organization)
    return True, True


def state(budget: Budget, step: Step, findings: Sequence[Finding]) -> State:
    """The state of step given the current findings of the checks."""
    errors = open_errors(budget.acceptances, findings)  # an accepted 错误 no longer marks a step
    if step.number == 9:
        return State.ERROR if errors else State.DONE
    if any(step_at(f.location.form, f.location.field) is step for f in errors):
        return State.ERROR
    if step.number == 10:
        return State.PARTIAL
    some, complete = _entered(budget, step.number)
    if not some:
        return State.EMPTY
    return State.DONE if complete else State.PARTIAL


def basic_function_total(budget: Budget) -> Decimal:
    return sum((b.amount for b in budget.basic_function), ZERO)


def basic_economic_total(budget: Budget) -> Decimal:
    return sum((b.amount for b in budget.basic_economic), ZERO)


@dataclass(frozen=True)
class Status:
    """The figures of the status strip, in 元.

    Attributes: income (收入总计), spending (支出总计), unallocated (income less spending
    by source, this year and 上年结转 together; only the sources where they differ).
    """

    income: Decimal
    spending: Decimal
    unallocated: dict[Source, Decimal]


def status(budget: Budget) -> Status:
    """收入总计, 支出总计 and what is left to allocate per source."""
    lines = spending(budget)
    income = budget.income.this_year + budget.income.carryover
    spent = {s: ZERO for s in SOURCES}
    for line in lines:
        spent[line.source] += line.amount
    left = {s: income.get(s) - spent[s] for s in SOURCES if income.get(s) != spent[s]}
    return Status(income.total, sum(spent.values(), ZERO), left)
