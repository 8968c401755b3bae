"""The figures a project is matched against in its function 项: each 项's 项目支出 by dimension
(source, 上年结转) as the income and spending tables print them, a project's money in the same
dimensions, and how far rounding lets them lie apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import Project
from app.imports.tables.locate import SourceRow, SourceTable

# the figures of a project matched against a function 项: this year's money by source
# (tables 5, 8 and 9 give 一般公共预算, 政府性基金 and 国有资本经营 per function), the other
# sources together, and 上年结转 (table 2)
# (or, when one of those tables is missing, this year's money as a whole)
DIMENSIONS = ("general", "fund", "capital", "other", "now", "carry")
# and, where 基本支出 has no 财政专户 or 单位资金 money, the income table's split of the other
# sources by function (targets carry them then; the swap search and the solver skip them)
SPLIT = ("special", "unit")


@dataclass
class Target:
    """A function 项 with project money: its figures by dimension (None: no table gives it),
    with the rounding of each, and the interval of its 上年结转 where the tables narrow it."""

    code: str
    figures: dict[str, Decimal | None]
    half: Decimal
    # where the 项's 上年结转 really lies (the income table's column ∩ the spending table's 合计
    # less the income table's 本年收入, `rooms.carried`), in 元; None when not known
    carried: tuple[Decimal, Decimal] | None = None
    # limits(half) worked out once per rounding: eligible asks it of every project
    _limits: dict[Decimal, tuple[tuple[str, Decimal, bool], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @property
    def total(self) -> Decimal:
        return sum((v for v in self.figures.values() if v is not None), ZERO)

    def limits(self, half: Decimal) -> tuple[tuple[str, Decimal, bool], ...]:
        """For each dimension with a figure: the most one project may have in it, and whether
        it may have any (the figure is more than its rounding)."""
        found = self._limits.get(half)
        if found is None:
            found = tuple((d, w + slack(self, d, 1, half), w > slack(self, d, 0, half))
                          for d, w in self.figures.items() if w is not None)
            self._limits[half] = found
        return found


# how many printed figures each dimension adds up: a function's (other = the spending table's
# figure less four others)
# and a project's (other = 财政专户管理资金 + 单位资金)
TARGET_FIGURES = {"general": 1, "fund": 1, "capital": 1, "other": 5, "now": 2, "carry": 1,
                  "special": 1, "unit": 1}
PROJECT_FIGURES = {"general": 1, "fund": 1, "capital": 1, "other": 2, "now": 5, "carry": 3,
                   "special": 1, "unit": 1}


def slack(target: Target, dim: str, count: int, half: Decimal) -> Decimal:
    """How far count projects' money may lie from the target in dim, by rounding alone."""
    return half * (TARGET_FIGURES[dim] + PROJECT_FIGURES[dim] * count) + target.half


def vector(p: Project) -> dict[str, Decimal]:
    a = p.amounts
    return {"general": a.general, "fund": a.fund, "capital": a.capital,
            "other": a.special + a.unit, "now": a.total, "carry": p.carryover.total,
            "special": a.special, "unit": a.unit}


def split_other(targets: list[Target], income: SourceTable | None,
                rows: dict[str, SourceRow], half: Decimal) -> list[Target]:
    """The targets with the income table's 财政专户管理资金 and 单位资金 by function added, when
    in every 项 they are the projects' (they add up to the 项's other sources within the
    rounding, so 基本支出 has none of them); else the targets as they are."""
    if income is None or not targets:
        return targets
    added = []
    for t in targets:
        other, row = t.figures.get("other"), rows.get(t.code)
        if other is None or row is None:
            return targets
        special, unit = income.money(row, "special"), income.money(row, "unit")
        parts = {"special": special.yuan if special else ZERO, "unit": unit.yuan if unit else ZERO}
        if abs(sum(parts.values(), ZERO) - other) > half * (TARGET_FIGURES["other"] + 2):
            return targets
        added.append(Target(t.code, {**t.figures, **parts}, t.half, t.carried))
    return added


def matches(projects: list[Project], target: Target, half: Decimal) -> bool:
    """Whether the projects' money together is the target's, within the rounding."""
    return all(abs(sum((vector(p)[d] for p in projects), ZERO) - w)
               <= slack(target, d, len(projects), half)
               for d, w in target.figures.items() if w is not None)


def eligible(project: Project, target: Target, half: Decimal) -> bool:
    """Whether the project can belong to the function: it has money only where the function
    has, and no more than the function has."""
    return eligible_money(vector(project), target, half)


def eligible_money(money: dict[str, Decimal], target: Target, half: Decimal) -> bool:
    """eligible, of a project's vector (for a caller that has it already)."""
    for d, most, may in target.limits(half):
        value = money[d]
        if value > most or (value and not may):
            return False
    return True


def take(target: Target, project: Project, half: Decimal) -> Target:
    """The target less a project's money (its rounding added to the target's)."""
    money = vector(project)
    figures = {d: None if w is None else w - money[d] for d, w in target.figures.items()}
    return Target(target.code, figures, target.half + half * 3)
