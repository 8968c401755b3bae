"""The figures of 第三部分 computed from a budget: totals, parts and their shares, chart data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from app.compute.ledger import Spending, merged, sum_where
from app.core.catalog import Catalog, catalog_for
from app.core.money import ZERO, shares, total
from app.core.records import FISCAL, SOURCES, Budget, Source, ThreePublicItem

INCOME_NAMES = {
    Source.GENERAL: "一般公共预算拨款收入",
    Source.FUND: "政府性基金预算拨款收入",
    Source.CAPITAL: "国有资本经营预算拨款收入",
    Source.SPECIAL: "财政专户管理资金收入",
    Source.UNIT: "单位资金",
}
CARRYOVER = "上年结转"


@dataclass(frozen=True)
class Part:
    """One part of a whole: label, exact amount in 元 and its share in % (two decimals)."""

    label: str
    amount: Decimal
    share: Decimal


@dataclass(frozen=True)
class Chart:
    """A picture of parts of one whole: a title, the whole and its parts (shares add to 100)."""

    key: str
    title: str
    whole: Decimal
    parts: tuple[Part, ...]


def parts_of(labels: list[str], amounts: list[Decimal], whole: Decimal | None = None) -> list[Part]:
    """Parts with shares of their sum (or of whole) adding to exactly 100.00."""
    return [Part(label, amount, share)
            for label, amount, share in zip(labels, amounts, shares(amounts, whole), strict=True)]


@dataclass(frozen=True)
class Figures:
    """Everything 第三部分 states, computed once.

    Attributes: lines (the spending lines, or the same summed per function, source, 基本/项目
    and 上年结转 as `of` gives: every figure here is a sum over whole such groups, so it is the
    same exact Decimal), income_this_year / income_carryover / income_total,
    spending_total, basic / project (all money), basic_now / project_now (this year only),
    general_now (一般公共预算 this year), fiscal_total.
    """

    budget: Budget
    catalog: Catalog
    lines: tuple[Spending, ...]

    @staticmethod
    def of(budget: Budget, catalog: Catalog | None = None) -> Figures:
        return Figures(budget, catalog or catalog_for(budget), merged(budget))

    @property
    def income_this_year(self) -> Decimal:
        return self.budget.income.this_year.total

    @property
    def income_carryover(self) -> Decimal:
        return self.budget.income.carryover.total

    @property
    def income_total(self) -> Decimal:
        return self.income_this_year + self.income_carryover

    @property
    def spending_total(self) -> Decimal:
        return sum_where(self.lines, lambda s: True)

    @property
    def spending_now(self) -> Decimal:
        return sum_where(self.lines, lambda s: not s.carryover)

    @property
    def spending_carryover(self) -> Decimal:
        return sum_where(self.lines, lambda s: s.carryover)

    @property
    def basic(self) -> Decimal:
        return sum_where(self.lines, lambda s: s.basic)

    @property
    def project(self) -> Decimal:
        return sum_where(self.lines, lambda s: not s.basic)

    @property
    def basic_now(self) -> Decimal:
        return sum_where(self.lines, lambda s: s.basic and not s.carryover)

    @property
    def project_now(self) -> Decimal:
        return sum_where(self.lines, lambda s: not s.basic and not s.carryover)

    @property
    def general_now(self) -> Decimal:
        return sum_where(self.lines, lambda s: s.source == Source.GENERAL and not s.carryover)

    def fiscal_by_source(self) -> list[tuple[Source, Decimal]]:
        """财政拨款 spending (this year and 上年结转) by the three sources."""
        return [(src, total(s.amount for s in self.lines if s.source == src)) for src in FISCAL]

    @property
    def fiscal_total(self) -> Decimal:
        return total(a for _, a in self.fiscal_by_source())

    @property
    def fiscal_income_now(self) -> Decimal:
        return self.budget.income.this_year.fiscal

    @property
    def fiscal_income_carryover(self) -> Decimal:
        return self.budget.income.carryover.fiscal

    def by_class(self, *, fiscal_only: bool = False, general_now: bool = False) -> list[tuple[str, Decimal]]:
        """(类 name, amount) in code order for the 类 with money."""
        sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for s in self.lines:
            if fiscal_only and s.source not in FISCAL:
                continue
            if general_now and (s.source != Source.GENERAL or s.carryover):
                continue
            sums[s.function[:3]] += s.amount
        return [(self.catalog.name(code) or code, sums[code]) for code in sorted(sums) if sums[code]]

    def income_parts(self) -> list[Part]:
        """收入 by source (this year) and 上年结转, shares of 收入总计."""
        labels = [INCOME_NAMES[s] for s in SOURCES] + [CARRYOVER]
        amounts = [self.budget.income.this_year.get(s) for s in SOURCES] + [self.income_carryover]
        return parts_of(labels, amounts)

    def basic_project_parts(self) -> list[Part]:
        return parts_of(["基本支出", "项目支出"], [self.basic, self.project])

    def general_class_parts(self) -> list[Part]:
        found = self.by_class(general_now=True)
        return parts_of([n for n, _ in found], [a for _, a in found])

    def three_public(self) -> dict[ThreePublicItem, Decimal]:
        """"三公"经费 (财政拨款, this year) by item."""
        result = {item: ZERO for item in ThreePublicItem}
        for t in self.budget.three_public:
            if t.source in FISCAL:
                result[t.item] += t.amount
        return result

    def charts(self) -> dict[str, Chart]:
        """The charts of 第三部分 by section key; only those with something to show."""
        found: dict[str, Chart] = {}
        income = [p for p in self.income_parts() if p.amount]
        if income:
            found["2"] = Chart("2", "收入预算构成", self.income_total, tuple(income))
        if self.spending_total:
            found["3"] = Chart("3", "基本支出与项目支出", self.spending_total,
                               tuple(self.basic_project_parts()))
        general = self.general_class_parts()
        if general:
            found["5.2"] = Chart("5.2", "一般公共预算当年支出结构", self.general_now,
                                 tuple(general))
        three = self.three_public()
        amounts = [three[ThreePublicItem.ABROAD], three[ThreePublicItem.RECEPTION],
                   three[ThreePublicItem.VEHICLE_PURCHASE], three[ThreePublicItem.VEHICLE_RUNNING]]
        if any(amounts):
            labels = ["因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费"]
            found["7"] = Chart("7", "“三公”经费分布", total(amounts),
                               tuple(parts_of(labels, amounts)))
        return found
