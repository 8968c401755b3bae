"""Economic classification of 基本支出: 人员经费/公用经费 and 机关运行经费, derived, never stored."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import FISCAL, BasicByEconomic, Budget, CostKind, Source

PERSONNEL_CLASSES = ("301", "303")  # 工资福利支出, 对个人和家庭的补助
OPERATING_GOV_CLASS = "502"  # 机关商品和服务支出


def personnel_class(dept_class: str) -> bool:
    """Whether a 部门经济分类 类 is 人员经费 (301, 303); the rest is 公用经费 (302, 310…)."""
    return dept_class in PERSONNEL_CLASSES


def is_personnel(line: BasicByEconomic) -> bool:
    """Whether an economic line is 人员经费: its own mark, else by its 部门经济 类."""
    if line.cost is not None:
        return line.cost == CostKind.PERSONNEL
    return personnel_class(line.dept[:3])


def general_lines(budget: Budget) -> list[BasicByEconomic]:
    """The economic lines of table 6: 一般公共预算, this year."""
    return [b for b in budget.basic_economic if b.source == Source.GENERAL and b.amount]


def operating_lines(budget: Budget) -> list[BasicByEconomic]:
    """机关运行经费: the 502xx economic lines of 行政/参公 units paid from 财政拨款."""
    kinds = {u.code: u.kind for u in budget.units}
    return [
        b
        for b in budget.basic_economic
        if b.gov.startswith(OPERATING_GOV_CLASS)
        and b.source in FISCAL
        and b.unit in kinds
        and kinds[b.unit].runs_office
        and b.amount
    ]


def amount(lines: Iterable[BasicByEconomic]) -> Decimal:
    return sum((b.amount for b in lines), ZERO)


def personnel(budget: Budget) -> Decimal:
    """人员经费 of table 6."""
    return amount(b for b in general_lines(budget) if is_personnel(b))


def public(budget: Budget) -> Decimal:
    """公用经费 of table 6."""
    return amount(b for b in general_lines(budget) if not is_personnel(b))


def operating(budget: Budget) -> Decimal:
    """机关运行经费 of the department (table 11's 部门合计)."""
    return amount(operating_lines(budget))
