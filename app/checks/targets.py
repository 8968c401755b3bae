"""Target checks: each form's indicators complete, quantified, within the money, periods agreeing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache, partial

from app.checks import places
from app.compute.memo import Memo
from app.core.findings import Finding, error, hint
from app.core.records import Budget, Indicator, Period, TargetForm

DIRECTIONS = {"≥": "≥", "≤": "≤", "=": "=", "<": "<", ">": ">", ">=": "≥", "<=": "≤",
              "＞": ">", "＜": "<", "＝": "=", "≧": "≥", "≦": "≤"}
_VALUE = re.compile(r"^\s*(>=|<=|[≥≤=<>＞＜＝≧≦])?\s*(\d+(?:\.\d+)?)\s*(.*?)\s*$")
_DATE = re.compile(r"^\d{4}年|^\d{1,2}(月|至\d{1,2}月)|^\d{1,2}[-—~]\d{1,2}月")
MONEY_UNITS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}

FormCheck = Callable[[Budget, int, TargetForm], list[Finding]]
_KEPT: Memo[tuple[Finding, ...]] = Memo(2048)  # a form's findings, by check and place

REQUIRED: tuple[tuple[str, Callable[[Indicator], bool]], ...] = (
    ("数量指标", lambda i: "数量" in i.level2),
    ("质量指标", lambda i: "质量" in i.level2),
    ("时效指标", lambda i: "时效" in i.level2),
    ("成本指标", lambda i: "成本" in i.level2 or "成本" in i.level1),
    ("效益指标", lambda i: "效益" in i.level1),
    ("满意度指标", lambda i: "满意" in i.level1),
)


@dataclass(frozen=True)
class Quantity:
    """A quantitative 指标值: direction (may be ""), number and unit (may be "")."""

    direction: str
    number: Decimal
    unit: str

    def money(self) -> Decimal | None:
        """The amount in 元 when the unit is 元, 万元 or 亿元 (not a rate like 元/人/月)."""
        factor = MONEY_UNITS.get(self.unit)
        return None if factor is None else self.number * factor


@lru_cache(maxsize=8192)
def quantity(value: str) -> Quantity | None:
    """The value as a quantity, or None when it is words (保障, 及时) or a date (2026年12月).
    Kept per text (a frozen answer): every check of every edit asks again for the same values."""
    text = value.strip()
    bare = text.lstrip("≥≤=<>＞＜＝≧≦ ")
    if _DATE.match(bare):
        return None
    match = _VALUE.match(text)
    if match is None:
        return None
    direction, number, unit = match.groups()
    return Quantity(DIRECTIONS.get(direction or "", ""), Decimal(number), unit)


def placeholder(ind: Indicator) -> bool:
    """An empty row of the official form (e.g. 经济效益 with nothing under it): allowed."""
    return not ind.level3.strip() and not ind.value.strip()


def timely(ind: Indicator) -> bool:
    return "时效" in ind.level2


def per_form(budget: Budget, check: FormCheck, project: bool = False) -> list[Finding]:
    """check's findings of every target form, each kept for the very form (and units, and
    with project the form's project) it was found for: an edit changes one form or none, and
    every review after it asked again about all of them (issue 21)."""
    found: list[Finding] = []
    units = budget.units
    for i, form in enumerate(budget.targets):
        deps: tuple[object, ...] = (form, units, budget.project_named(form.unit, form.project)) \
            if project else (form, units)
        found += _KEPT.get(f"{check.__name__} {i}", deps, partial(_found, check, budget, i, form))
    return found


def _found(check: FormCheck, budget: Budget, i: int, form: TargetForm) -> tuple[Finding, ...]:
    return tuple(check(budget, i, form))


def check_indicator_rows(budget: Budget) -> list[Finding]:
    """No 三级指标 without its 指标值 and no 指标值 without its 三级指标; 一级/二级 named."""
    return per_form(budget, indicator_rows)


def indicator_rows(budget: Budget, i: int, form: TargetForm) -> list[Finding]:
    found = []
    for j, ind in enumerate(form.indicators):
        if placeholder(ind):
            continue
        if not ind.value.strip():
            found.append(error(
                "indicator-rows",
                f"「{form.project}」{ind.period.value}指标“{ind.level3}”没有指标值。",
                places.indicator(budget, i, j, "value")))
        elif not ind.level3.strip():
            found.append(error(
                "indicator-rows",
                f"「{form.project}」{ind.period.value}的{ind.level2 or '指标'}有指标值"
                f"“{ind.value}”，却没有三级指标名称。",
                places.indicator(budget, i, j, "level3")))
        if not ind.level1.strip() or not ind.level2.strip():
            field = "level1" if not ind.level1.strip() else "level2"
            found.append(error(
                "indicator-rows",
                f"「{form.project}」{ind.period.value}指标“{ind.level3 or ind.value}”"
                f"未填写{places.field_label(field, 'indicators')}。",
                places.indicator(budget, i, j, field)))
    return found


def check_indicator_groups(budget: Budget) -> list[Finding]:
    """Each period has 数量, 质量, 时效, 成本 indicators and at least one 效益 and one 满意度."""
    return per_form(budget, indicator_groups)


def indicator_groups(budget: Budget, i: int, form: TargetForm) -> list[Finding]:
    found = []
    for period in Period:
        rows = [(j, ind) for j, ind in enumerate(form.indicators)
                if ind.period == period and not placeholder(ind)]
        if not rows:
            found.append(error(
                "indicator-groups",
                f"「{form.project}」绩效目标表没有{period.value}绩效指标。",
                places.target(budget, i, "indicators", f"{period.value}指标")))
            continue
        missing = [name for name, test in REQUIRED if not any(test(ind) for _, ind in rows)]
        if missing:
            found.append(error(
                "indicator-groups",
                f"「{form.project}」{period.value}绩效指标缺少{'、'.join(missing)}"
                f"（产出指标应有数量、质量、时效、成本指标，并至少有一项效益指标和满意度指标）。",
                places.target(budget, i, f"indicators.{rows[0][0]}.level2", f"{period.value}指标")))
    return found


def _project_money(budget: Budget, form: TargetForm, period: Period) -> Decimal | None:
    if period == Period.IMPLEMENTATION:
        return form.implementation.total or None
    project = budget.project_named(form.unit, form.project)
    return None if project is None else project.amounts.total


def check_indicator_values(budget: Budget) -> list[Finding]:
    """Quantitative 指标值 with a unit and a direction; a 成本 not above the project's money."""
    return per_form(budget, indicator_values, project=True)


def indicator_values(budget: Budget, i: int, form: TargetForm) -> list[Finding]:
    found = []
    undirected: list[tuple[int, Indicator]] = []
    upward: list[tuple[int, Indicator]] = []
    for j, ind in enumerate(form.indicators):
        if placeholder(ind) or timely(ind) or not ind.value.strip():
            continue
        q = quantity(ind.value)
        if q is None:
            if ind.value.strip().rstrip("≥≤=<>＞＜＝ ") == "":
                found.append(error(
                    "indicator-values",
                    f"「{form.project}」指标“{ind.level3}”的指标值“{ind.value}”只有方向，没有数值。",
                    places.indicator(budget, i, j, "value")))
            continue
        if not q.unit:
            found.append(error(
                "indicator-values",
                f"「{form.project}」{ind.period.value}指标“{ind.level3}”的指标值“{ind.value}”"
                f"没有计量单位（如 %、个、人、元）。",
                places.indicator(budget, i, j, "value")))
        if not q.direction:
            undirected.append((j, ind))
        cost = "成本" in ind.level2 or "成本" in ind.level1
        if cost and q.direction in ("≥", ">"):
            upward.append((j, ind))
        money = q.money()
        limit = _project_money(budget, form, ind.period)
        if cost and money is not None and limit is not None and money > limit:
            found.append(error(
                "indicator-values",
                f"「{form.project}」{ind.period.value}成本指标“{ind.level3}”为“{ind.value}”，"
                f"即 {places.yuan_words(money)}，超过了项目{ind.period.value}资金 "
                f"{places.yuan_words(limit)}。",
                places.indicator(budget, i, j, "value")))
    if undirected:
        listed = "、".join(f"{ind.period.value}「{ind.level3}」{ind.value}" for _, ind in undirected)
        found.append(hint(
            "indicator-values",
            f"「{form.project}」有 {len(undirected)} 个定量指标值没有写明方向（≥ ≤ = < >），"
            f"如写成“={undirected[0][1].value}”更清楚：{listed}。",
            places.indicator(budget, i, undirected[0][0], "value")))
    for j, ind in upward:
        found.append(hint(
            "indicator-values",
            f"「{form.project}」成本指标“{ind.level3}”写作“{ind.value}”：成本一般用“≤”表示上限。",
            places.indicator(budget, i, j, "value")))
    return found


def check_periods(budget: Budget) -> list[Finding]:
    """年度 indicators agree with 实施期 ones: same names, 年度 quantities within 实施期 ones."""
    return per_form(budget, periods)


def periods(budget: Budget, i: int, form: TargetForm) -> list[Finding]:
    found = []
    named: dict[Period, list[tuple[int, Indicator, str]]] = {period: [] for period in Period}
    for j, ind in enumerate(form.indicators):  # one pass: the named rows of each period
        if not placeholder(ind) and (name := ind.level3.strip()):
            named[ind.period].append((j, ind, name))
    whole = {name: (j, ind) for j, ind, name in named[Period.IMPLEMENTATION]}
    year = {name: (j, ind) for j, ind, name in named[Period.ANNUAL]}
    for period in Period:
        names = Counter(name for _, _, name in named[period])
        twice = [n for n, c in names.items() if c > 1]
        if twice:
            j = next(j for j, _, name in named[period] if name == twice[0])
            found.append(hint(
                "periods",
                f"「{form.project}」{period.value}指标中“{'、'.join(twice)}”出现了不止一次。",
                places.indicator(budget, i, j, "level3")))
    if not whole or not year:
        return found
    for name, (j, ind) in year.items():
        if name not in whole or not ("数量" in ind.level2 or "成本" in ind.level2):
            continue
        a, b = quantity(ind.value), quantity(whole[name][1].value)
        if a is None or b is None or a.unit != b.unit or "/" in a.unit or a.unit == "%":
            continue
        if a.number > b.number:
            found.append(error(
                "periods",
                f"「{form.project}」年度指标“{name}”为“{ind.value}”，大于实施期的"
                f"“{whole[name][1].value}”；年度是实施期的一部分。",
                places.indicator(budget, i, j, "value")))
    only_year = [n for n in year if n not in whole]
    only_whole = [n for n in whole if n not in year]
    if only_year or only_whole:
        parts = []
        if only_year:
            parts.append(f"年度有而实施期没有：{'、'.join(only_year)}")
        if only_whole:
            parts.append(f"实施期有而年度没有：{'、'.join(only_whole)}")
        first = year[only_year[0]][0] if only_year else whole[only_whole[0]][0]
        found.append(hint(
            "periods",
            f"「{form.project}」两个期间的指标不对应（{'；'.join(parts)}）。请确认不是漏填或名称不一致。",
            places.indicator(budget, i, first, "level3")))
    return found
