"""A generated department whose target forms have long texts (brackets, quotes, values with units)
and 30 indicators per form, to try the PDF's typesetting and form pagination."""

from __future__ import annotations

from dataclasses import replace

from app.core.records import Budget, Indicator, Period, Settings
from tests.helpers.synthetic import generate

PHRASE = ("根据《关于印发“十五五”科技创新规划的通知》（晋科发〔2025〕12号）要求，围绕“产学研”深度合作，"
          "提出重大（专项）举措：平均补助≥637元/人/月，园区面积≤52547平方米，2026年12月底前完成验收；")
GROUPS = (("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"),
          ("产出指标", "成本指标"), ("效益指标", "社会效益"), ("效益指标", "可持续发展影响"),
          ("满意度指标", "服务对象满意度"))


def indicators() -> tuple[Indicator, ...]:
    """30 indicators for each period, in seven groups of uneven size."""
    out = []
    for period in Period:
        for n in range(30):
            level1, level2 = GROUPS[min(n // 5, len(GROUPS) - 1)] if n < 30 else GROUPS[-1]
            out.append(Indicator(period, level1, level2, f"第{n + 1}项（“重点”）任务完成情况",
                                 "≥637元/人/月" if n % 3 == 0 else f"≤{n + 1}0项"))
    return tuple(out)


def long_department(charts: bool = False) -> Budget:
    base = generate(units=2, projects=3, seed=7)
    targets = tuple(replace(t, overview=PHRASE * 8, basis=PHRASE * 3, necessity=PHRASE * 4,
                            measures=PHRASE * 2, plan=PHRASE * 3, goal_implementation=PHRASE * 3,
                            goal_annual=PHRASE * 2, indicators=indicators())
                    for t in base.targets)
    return replace(base, targets=targets, settings=Settings(charts=charts))
