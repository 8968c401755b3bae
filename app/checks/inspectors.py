"""The faults inspectors cite in published disclosures, checked on the file before publishing.

The wording rules (`textrules`) run on every text the department writes itself: 第一部分, the
reasons, 其他说明, 名词解释, the target forms and the 部门整体 form. The figures' rules compare
what the texts say with the facts: a fund the text says is absent, 政府采购's 中小企业 share,
cars and equipment named in the text against 国有资产.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial

from app.checks import places, textrules
from app.checks.textrules import Hit
from app.core.findings import Finding, Location, error
from app.core.records import Budget, Source

TEXT_FIELDS = ("duties", "organization", "reason_total", "reason_three_public", "reason_operating",
               "services_catalog", "other")
FORM_FIELDS = ("overview", "basis", "necessity", "measures", "plan", "goal_implementation",
               "goal_annual")


def written_texts(budget: Budget) -> Iterator[tuple[Callable[[], Location], str]]:
    """Every text the department wrote, with its place (named only when asked: few texts have a
    finding, and naming an indicator's place counts its row)."""
    for name in TEXT_FIELDS:
        yield partial(places.single, "texts", name), getattr(budget.texts, name)
    for i, entry in enumerate(budget.texts.glossary):
        yield partial(places.single, "texts", f"glossary.{i}.definition"), entry.definition
    for i, form in enumerate(budget.targets):
        for name in FORM_FIELDS:
            yield partial(places.target, budget, i, name), getattr(form, name)
        for k, ind in enumerate(form.indicators):
            yield partial(places.indicator, budget, i, k), ind.level3
    if budget.department_form is not None:
        for name in ("duties", "strategy", "goal"):
            yield partial(places.single, "department_form", name), getattr(budget.department_form, name)


def _wording(rule: Callable[[Budget, str], list[Hit]]) -> Callable[[Budget], list[Finding]]:
    def check(budget: Budget) -> list[Finding]:
        found = []
        for where, text in written_texts(budget):
            hits = rule(budget, text)
            if hits:
                place = where()
                found += [Finding(h.check, h.severity, h.message, place) for h in hits]
        return found

    check.__doc__ = rule.__doc__
    check.__name__ = rule.__name__
    return check


check_ascii_punctuation = _wording(lambda b, t: textrules.ascii_punctuation(t))
check_width_mixing = _wording(lambda b, t: textrules.width_mixing(t))
check_repeated_words = _wording(lambda b, t: textrules.repeated_words(t))
check_placeholders = _wording(lambda b, t: textrules.placeholders(t))
check_other_years = _wording(lambda b, t: textrules.other_years(t, b.department.year))
check_percent_sign = _wording(lambda b, t: textrules.percentages(t))
check_zero_change = _wording(lambda b, t: textrules.zero_changes(t))

# what a text may say is absent, and the facts that say otherwise
_ABSENT = {
    Source.FUND: re.compile(r"(?:无|没有|未安排)[^。；，]{0,6}政府性基金"),
    Source.CAPITAL: re.compile(r"(?:无|没有|未安排)[^。；，]{0,6}国有资本经营"),
}
_NO_THREE_PUBLIC = re.compile(r"(?:无|没有|未安排)[^。；，]{0,6}“?三公”?经费")


def check_absent_funds(budget: Budget) -> list[Finding]:
    """A text saying 无政府性基金 / 无国有资本经营 / 无“三公”经费 while the file has that money."""
    money = {source: any(p.amounts.get(source) or p.carryover.get(source) for p in budget.projects)
             or any(b.source == source and b.amount for b in budget.basic_function)
             for source in _ABSENT}
    has_three_public = any(t.amount for t in budget.three_public)
    found = []
    for where, text in written_texts(budget):
        for source, pattern in _ABSENT.items():
            m = pattern.search(text)
            if m and money[source]:
                found.append(error("absent-funds", f"文字说“{m.group()}”，而本部门有{source.value}资金："
                                   f"{textrules.excerpt(text, m.start(), len(m.group()))}", where()))
        m = _NO_THREE_PUBLIC.search(text)
        if m and has_three_public:
            found.append(error("absent-funds", f"文字说“{m.group()}”，而“三公”经费表有金额："
                               f"{textrules.excerpt(text, m.start(), len(m.group()))}", where()))
    return found


def check_procurement_sme(budget: Budget) -> list[Finding]:
    """The amount reserved for 中小企业 is not negative and not above the 政府采购 total."""
    p = budget.procurement
    where = places.single("procurement", "sme_reserved")
    reserved = p.sme_reserved
    if reserved < 0:
        return [error("procurement-sme", f"面向中小企业预留的采购金额 {places.yuan_words(reserved)} 为负数。",
                      where)]
    if reserved > p.total:
        return [error("procurement-sme",
                      f"面向中小企业预留的采购金额 {places.yuan_words(reserved)} 超过了政府采购预算总额 "
                      f"{places.yuan_words(p.total)}（货物 + 工程 + 服务）。", where)]
    return []


_CARS = re.compile(r"(?:公务用车|车辆)[^。；，\d]{0,6}?(?:实有|共有|现有)?\s*(\d+)\s*辆")
_EQUIPMENT = re.compile(r"(50|100)\s*万元[^。；]{0,12}?通用设备\s*(\d+)\s*台")


def check_assets_text(budget: Budget) -> list[Finding]:
    """Cars and equipment the department's texts count equal the 国有资产 facts."""
    a = budget.assets
    cars = sum(v.actual for v in a.vehicles)
    equipment = {"50": a.equipment_50, "100": a.equipment_100}
    found = []
    for where, text in written_texts(budget):
        for m in _CARS.finditer(text):
            if "编制" in m.group() or int(m.group(1)) == cars:
                continue
            found.append(error("assets-text", f"文字说公务用车 {m.group(1)} 辆，而国有资产中实有 {cars} 辆："
                               f"{textrules.excerpt(text, m.start(), len(m.group()))}", where()))
        for m in _EQUIPMENT.finditer(text):
            if int(m.group(2)) != equipment[m.group(1)]:
                found.append(error(
                    "assets-text", f"文字说{m.group(1)}万元以上通用设备 {m.group(2)} 台，而国有资产中为 "
                    f"{equipment[m.group(1)]} 台：{textrules.excerpt(text, m.start(), len(m.group()))}",
                    where()))
    return found


TITLES = {
    "ascii-punctuation": "中文中的半角标点",
    "width-mixing": "全角与半角混用",
    "repeated-words": "词语重复",
    "placeholders": "模板残留（XX、待填写、增加（减少）…）",
    "other-years": "文中的往年年份",
    "percent-sign": "百分比带%",
    "zero-change": "零增减与零基数的增长率",
    "absent-funds": "文字所说的“无”与数据一致",
    "procurement-sme": "政府采购面向中小企业预留",
    "assets-text": "文字中的车辆、设备与国有资产一致",
}
