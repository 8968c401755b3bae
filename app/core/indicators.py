"""The standard levels of performance indicators (一级 > 二级) and whether a 指标值 is quantified."""

from __future__ import annotations

import re

from app.core.records import Indicator, Period

LEVELS: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

DIRECTIONS = ("≥", "≤", "=", ">", "<")
_NUMBER = re.compile(r"\d")


def standard_rows(period: Period) -> list[Indicator]:
    """One row per standard 二级 level, 三级 and 指标值 left for the user."""
    return [Indicator(period, one, two, "", "") for one, twos in LEVELS.items() for two in twos]


def hint(indicator: Indicator) -> str:
    """A short hint when the 指标值 is not quantified (no number, or no direction for a share)."""
    value = indicator.value.strip()
    if not indicator.level3.strip():
        return "请填写三级指标"
    if not value:
        return "请填写指标值"
    if not _NUMBER.search(value):
        return "未量化：写出数字、单位和方向（≥ ≤ =）"
    if "%" in value and not value.startswith(DIRECTIONS):
        return "百分比宜写方向，如 ≥95%"
    return ""


def copy_to_annual(indicators: tuple[Indicator, ...]) -> tuple[Indicator, ...]:
    """The 实施期 indicators copied as the 年度 ones (replacing those)."""
    implementation = [i for i in indicators if i.period == Period.IMPLEMENTATION]
    return (*implementation,
            *(Indicator(Period.ANNUAL, i.level1, i.level2, i.level3, i.value) for i in implementation))
