"""Steps 2–4: income by source, 基本支出 by function and by economic classification."""

from __future__ import annotations

from decimal import Decimal

from app.compute import economic
from app.compute.ledger import spending
from app.core import declarations
from app.core.catalog import DEPT, FUNCTION, GOV, catalog_for
from app.core.money import ZERO, percent
from app.core.records import SOURCES, Budget
from app.edits.editing import money_text, set_single, top
from app.edits.steps import basic_economic_total, basic_function_total, status
from forms.grid import Grid
from forms.models.fixed import FixedModel
from forms.models.records import COMPUTED, Field, RecordModel, columns
from forms.qt import QLabel, QWidget
from forms.session import Session
from forms.steps.base import GridPanel, StepPage

INCOME_COLUMNS = ("本年收入", "本年已安排支出", "上年结转", "结转已安排支出", "尚未安排")
SOURCE_FIELDS = ("general", "fund", "capital", "special", "unit")


def spent(budget: Budget, carryover: bool) -> dict[str, Decimal]:
    found = {s.value: ZERO for s in SOURCES}
    for line in spending(budget):
        if line.carryover == carryover:
            found[line.source.value] += line.amount
    return found


def income_value(budget: Budget, row: int, column: int) -> Decimal | None:
    """Income, spending and the rest by source (rows) — the last row is the total."""
    sources = SOURCES if row == len(SOURCES) else (SOURCES[row],)
    income = budget.income
    this_spent, carry_spent = spent(budget, False), spent(budget, True)
    values = [
        sum((income.this_year.get(s) for s in sources), ZERO),
        sum((this_spent[s.value] for s in sources), ZERO),
        sum((income.carryover.get(s) for s in sources), ZERO),
        sum((carry_spent[s.value] for s in sources), ZERO),
    ]
    values.append(values[0] + values[2] - values[1] - values[3])
    return values[column]


def income_write(budget: Budget, row: int, column: int, amount: Decimal | None) -> Budget:
    part = "this_year" if column == 0 else "carryover"
    return set_single(budget, f"income.{part}.{SOURCE_FIELDS[row]}", amount or ZERO)


class IncomeStep(StepPage):
    """Step 2: this year's income and 上年结转 by source, beside what is already spent."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "2 收入与上年结转",
                         "按资金来源填写本年收入和上年结转。已安排支出由第3、5步自动汇总，"
                         "“尚未安排”为零时收支平衡。", parent)
        self.model = FixedModel(session, [s.value for s in SOURCES] + ["合计"], INCOME_COLUMNS,
                                income_value, income_write,
                                lambda row, col: row < len(SOURCES) and col in (0, 2), parent=self)
        self.grid = Grid(self.model, self)
        for column in range(len(INCOME_COLUMNS)):
            self.grid.setColumnWidth(column, 150)
        self.grid.setMaximumHeight(240)
        self.body.addWidget(self.grid)
        self.balance = QLabel()
        self.balance.setWordWrap(True)
        self.body.addWidget(self.balance)
        self.body.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        figures = status(self.session.budget)
        unit = self.session.unit
        if figures.unallocated:
            parts = "，".join(f"{s.value} {money_text(v, unit)}" for s, v in figures.unallocated.items())
            self.balance.setText(f"收入与支出尚未平衡（{unit}）：{parts}。")
            self.balance.setStyleSheet("color: #b00020;")
        else:
            amount = money_text(figures.income, unit)
            self.balance.setText(f"收支平衡：收入总计 = 支出总计 = {amount} {unit}。")
            self.balance.setStyleSheet("color: #1b5e20;")

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        self.grid.setCurrentIndex(self.model.index(0, 0))
        self.grid.setFocus()


def function_name(budget: Budget, record: object) -> str:
    code = str(getattr(record, "function", ""))
    catalog = catalog_for(budget)
    path = " › ".join(e.name for e in catalog.path(code, FUNCTION))
    return path or ("（目录中没有此编码）" if code else "")


def economic_name(kind: str, attribute: str) -> Field:
    def compute(budget: Budget, record: object) -> str:
        code = str(getattr(record, attribute, ""))
        name = catalog_for(budget).name(code, kind)
        return name or ("（目录中没有此编码）" if code else "")

    return Field(None, "名称", COMPUTED, compute, width=150)


BASIC_FUNCTION_FIELDS = columns(
    declarations.BASIC_FUNCTION, {"unit": 170, "function": 110, "source": 120, "amount": 140},
    {"function": Field(None, "科目（类 › 款 › 项）", COMPUTED, function_name, width=330)})

BASIC_ECONOMIC_FIELDS = columns(
    declarations.BASIC_ECONOMIC, {"unit": 170, "dept": 100, "gov": 100, "source": 120, "amount": 130},
    {"dept": economic_name(DEPT, "dept"), "gov": economic_name(GOV, "gov")})


def share(part: Decimal, whole: Decimal) -> str:
    value = percent(part, whole)
    return "—" if value is None else f"{value}%"


class BasicFunctionStep(StepPage):
    """Step 3: 基本支出 by unit, function 项 and source."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "3 基本支出（功能分类）",
                         "每行一个单位、一个功能分类“项”、一个资金来源的基本支出。科目可输入编码或名称搜索，"
                         "如 2060101、行政运行、科学技术。", parent)
        self.panel = GridPanel(RecordModel(session, top("basic_function"), BASIC_FUNCTION_FIELDS, self),
                               self.summary)
        self.body.addWidget(self.panel, 1)

    def summary(self) -> str:
        budget, unit = self.session.budget, self.session.unit
        basic = basic_function_total(budget)
        figures = status(budget)
        return (f"共 {len(budget.basic_function)} 行；基本支出合计（全部资金来源）"
                f"{money_text(basic, unit)} {unit}，"
                f"占支出总计 {share(basic, figures.spending)}")

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        self.panel.show_row(row, field)


class BasicEconomicStep(StepPage):
    """Step 4: the same 基本支出 by economic pair (部门经济 款, 政府经济 款)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "4 基本支出（经济分类）",
                         "把基本支出按部门经济分类和政府经济分类（款）逐行填写；合计应与第3步相等。"
                         "行政、参公单位用 501/502，事业单位用 505。", parent)
        self.panel = GridPanel(RecordModel(session, top("basic_economic"), BASIC_ECONOMIC_FIELDS, self),
                               self.summary)
        self.body.addWidget(self.panel, 1)

    def summary(self) -> str:
        budget, unit = self.session.budget, self.session.unit
        total, by_function = basic_economic_total(budget), basic_function_total(budget)
        personnel, public = economic.personnel(budget), economic.public(budget)
        gap = by_function - total
        balance = "与第3步相等" if gap == 0 else f"比第3步少 {money_text(gap, unit)}" if gap > 0 \
            else f"比第3步多 {money_text(-gap, unit)}"
        general = personnel + public
        return (f"全部资金来源合计 {money_text(total, unit)} {unit}（{balance}）；"
                f"其中一般公共预算 {money_text(general, unit)}：人员经费 {money_text(personnel, unit)}"
                f"（{share(personnel, general)}），公用经费 {money_text(public, unit)}"
                f"（{share(public, general)}）")

    def show_place(self, form: str, row: int | None, field: str | None) -> None:
        self.panel.show_row(row, field)
