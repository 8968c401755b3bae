"""Generated departments of any size, for benchmarks and property tests (not real data)."""

from __future__ import annotations

import random
from decimal import Decimal

from app.core.catalog import load_catalog
from app.core.records import (
    FISCAL,
    BasicByEconomic,
    BasicByFunction,
    Budget,
    Department,
    FormFunds,
    Income,
    Indicator,
    Period,
    Project,
    ProjectKind,
    Source,
    Split,
    TargetForm,
    Unit,
    UnitKind,
)

ECONOMIC_PAIRS = {
    UnitKind.ADMIN: (("30101", "50101"), ("30113", "50103"), ("30201", "50201"),
                     ("30299", "50299"), ("30302", "50905")),
    UnitKind.INSTITUTION: (("30101", "50501"), ("30107", "50501"), ("30201", "50502"),
                           ("30302", "50905")),
}
INDICATORS = (
    ("产出指标", "数量指标", "完成事项数量", "≥10项"),
    ("产出指标", "质量指标", "验收合格率", "≥95%"),
    ("产出指标", "时效指标", "完成时间", "12月底前"),
    ("产出指标", "成本指标", "项目成本", "≤{cost}元"),
    ("效益指标", "社会效益", "服务覆盖人数", "≥1000人"),
    ("满意度指标", "服务对象满意度", "服务对象满意度", "≥90%"),
)


def money(rng: random.Random, low: int, high: int) -> Decimal:
    """A random amount in 元 with 分, between low and high 元."""
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def generate(units: int = 100, projects: int = 1000, seed: int = 1, year: int = 2026) -> Budget:
    """A balanced department: units with 基本支出 by function and economic pair, projects with
    target forms, income equal to spending per source."""
    rng = random.Random(seed)
    catalog = load_catalog(year)
    items = [c for c in catalog.function if len(c) == 7]
    unit_list = tuple(
        Unit(f"9{i:05d}", f"第{i + 1}单位" if i else "示例局机关",
             UnitKind.ADMIN if i == 0 else UnitKind.INSTITUTION)
        for i in range(units)
    )
    functions: list[BasicByFunction] = []
    economics: list[BasicByEconomic] = []
    for unit in unit_list:
        pairs = ECONOMIC_PAIRS[UnitKind.ADMIN if unit.kind == UnitKind.ADMIN
                               else UnitKind.INSTITUTION]
        amounts = [money(rng, 1_000, 900_000) for _ in pairs]
        economics += [BasicByEconomic(unit.code, d, g, Source.GENERAL, a)
                      for (d, g), a in zip(pairs, amounts, strict=True)]
        whole = sum(amounts, Decimal(0))
        codes = rng.sample(items, 3)
        first = (whole * Decimal("0.6")).quantize(Decimal("0.01"))
        second = (whole * Decimal("0.3")).quantize(Decimal("0.01"))
        for code, amount in zip(codes, (first, second, whole - first - second), strict=True):
            functions.append(BasicByFunction(unit.code, code, Source.GENERAL, amount))
    project_list: list[Project] = []
    targets: list[TargetForm] = []
    for i in range(projects):
        unit = unit_list[i % units]
        source = rng.choice((*FISCAL, Source.SPECIAL, Source.UNIT, Source.GENERAL, Source.GENERAL))
        amount = money(rng, 5_000, 5_000_000)
        carry = Split.of(Source.GENERAL, money(rng, 1_000, 500_000)) if i % 10 == 0 else Split()
        name = f"项目{i + 1:04d}"
        project_list.append(Project(unit.code, name, rng.choice(items),
                                    rng.choice(tuple(ProjectKind)), Split.of(source, amount),
                                    carry))
        funds = FormFunds(Decimal(0), Decimal(0), amount, Decimal(0), None)
        indicators = tuple(
            Indicator(period, l1, l2, l3, value.format(cost=amount))
            for period in Period for l1, l2, l3, value in INDICATORS
        )
        targets.append(TargetForm(unit.code, name, "延续性项目(阶段开展)", "3年",
                                  FormFunds(Decimal(0), Decimal(0), amount * 3, Decimal(0), None),
                                  funds, overview="项目概况" * 20, goal_implementation="总体目标",
                                  goal_annual="年度目标", indicators=indicators))
    budget = Budget(Department("示例局", "999", year), unit_list, Income(),
                    tuple(functions), tuple(economics), tuple(project_list),
                    targets=tuple(targets))
    return balanced(budget)


def balanced(budget: Budget) -> Budget:
    """The budget with its income set equal to its spending, per source."""
    from dataclasses import replace

    from app.compute.ledger import spending

    this_year, carry = Split(), Split()
    for s in spending(budget):
        if s.carryover:
            carry = carry + Split.of(s.source, s.amount)
        else:
            this_year = this_year + Split.of(s.source, s.amount)
    return replace(budget, income=Income(this_year, carry))
