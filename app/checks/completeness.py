"""Completeness checks: the department's own words, the glossary, a target form for each project."""

from __future__ import annotations

from collections import Counter

from app.checks import places
from app.core.findings import Finding, error, hint
from app.core.records import Budget


def check_department(budget: Budget) -> list[Finding]:
    """部门名称, 代码 and 预算年度 present; at least one unit, codes unique, names present."""
    found = []
    d = budget.department
    if not d.name.strip():
        found.append(error("department", "未填写部门名称：每张表的“部门名称”都要用到。",
                           places.single("department", "name")))
    if not d.code.strip():
        found.append(error("department", "未填写部门代码（主管部门代码，如 108）：绩效目标表要用到。",
                           places.single("department", "code")))
    if not 2000 <= d.year <= 2100:
        found.append(error("department", f"预算年度“{d.year}”不是有效的年份。",
                           places.single("department", "year")))
    if not budget.units:
        found.append(error("units", "没有录入任何预算单位：至少要有部门本级。", places.single("units")))
    codes = Counter(u.code for u in budget.units)
    for i, u in enumerate(budget.units):
        if not u.code.strip():
            found.append(error("units", "单位代码为空。", places.unit_row(budget, i, "code")))
        elif codes[u.code] > 1 and [x.code for x in budget.units].index(u.code) != i:
            found.append(error("units", f"单位代码“{u.code}”与前面的单位重复；单位代码应唯一。",
                               places.unit_row(budget, i, "code")))
        if not u.name.strip():
            found.append(error("units", f"单位“{u.code}”未填写名称。", places.unit_row(budget, i, "name")))
    return found


def check_texts(budget: Budget) -> list[Finding]:
    """职责, 机构设置 and the glossary present; 第三部分十二 not left empty."""
    found = []
    t = budget.texts
    parts = (("duties", "第一部分“一、本部门职责”"), ("organization", "第一部分“二、机构设置情况”"))
    for field, part in parts:
        if not getattr(t, field).strip():
            found.append(error("texts", f"未填写{places.FIELDS[field]}：{part}不能为空。",
                               places.single("texts", field)))
    if not t.glossary:
        found.append(error(
            "texts", "名词解释（第四部分）为空：至少应解释基本支出、项目支出、“三公”经费等名词。",
            places.single("texts", "glossary")))
    terms = Counter(e.term.strip() for e in t.glossary)
    for i, entry in enumerate(t.glossary):
        if not entry.term.strip():
            found.append(error("texts", f"名词解释第{i + 1}条没有名词。",
                               places.single("texts", f"glossary.{i}.term")))
        elif not entry.definition.strip():
            found.append(error("texts", f"名词解释“{entry.term}”没有解释。",
                               places.single("texts", f"glossary.{i}.definition")))
        elif terms[entry.term.strip()] > 1 and [e.term.strip() for e in t.glossary].index(
                entry.term.strip()) != i:
            found.append(hint("texts", f"名词解释“{entry.term}”出现了不止一次。",
                              places.single("texts", f"glossary.{i}.term")))
    for field, part in (("services_catalog", "十二（一）"), ("other", "十二（二）")):
        if not getattr(t, field).strip():
            found.append(hint(
                "texts",
                f"未填写{places.FIELDS[field]}：第三部分{part}将是空的；没有的话也请写明"
                f"（如“本部门无……”）。",
                places.single("texts", field)))
    return found


def check_filled(budget: Budget) -> list[Finding]:
    """政府采购 and 国有资产 filled: a zero there is printed, so it should be meant."""
    found = []
    if not budget.procurement.total:
        found.append(hint(
            "procurement",
            "政府采购预算为 0：公开的说明将写本部门没有政府采购预算，请确认。",
            places.single("procurement", "goods")))
    if not budget.assets.office_area:
        found.append(hint("office-area", "办公用房面积为 0：公开的国有资产说明将写 0 平方米，请确认。",
                          places.single("assets", "office_area")))
    return found


def check_target_presence(budget: Budget) -> list[Finding]:
    """Every project with this year's money has a target form, and every form has its project."""
    found = []
    linked = [budget.form_of(p) for p in budget.projects]
    for i, p in enumerate(budget.projects):
        if p.amounts.total and linked[i] is None:
            found.append(error(
                "target-presence",
                f"项目「{p.name}」（{places.unit_name(budget, p.unit)}）有本年预算 "
                f"{places.yuan_words(p.amounts.total)}，却没有绩效目标表。",
                places.project_row(budget, i, "name")))
        elif not p.amounts.total and not p.carryover.total:
            found.append(hint("target-presence", f"项目「{p.name}」没有任何金额，不会出现在项目支出表中。",
                              places.project_row(budget, i, "amounts.general")))
    kept = {id(form) for form in linked if form is not None}
    for i, form in enumerate(budget.targets):
        if id(form) not in kept:
            found.append(error(
                "target-presence",
                f"绩效目标表「{form.project}」（{places.unit_name(budget, form.unit)}）没有对应的项目："
                f"项目名称或单位可能改过了。",
                places.target(budget, i, "project")))
    return found


TEXT_FIELDS = ("overview", "basis", "necessity", "measures", "plan", "goal_implementation",
               "goal_annual")


def check_target_texts(budget: Budget) -> list[Finding]:
    """A target form's 概况, 依据, 必要性, 措施, 计划 and 总体目标 present; its header filled."""
    found = []
    footers = []
    for i, form in enumerate(budget.targets):
        for field in TEXT_FIELDS:
            if not getattr(form, field).strip():
                found.append(error(
                    "target-texts",
                    f"「{form.project}」绩效目标表未填写{places.field_label(field, 'targets')}。",
                    places.target(budget, i, field)))
        for field, example in (("attribute", "延续性项目(阶段开展)"), ("period", "3年")):
            if not getattr(form, field).strip():
                found.append(hint(
                    "target-texts",
                    f"「{form.project}」绩效目标表未填写{places.field_label(field, 'targets')}"
                    f"（如“{example}”）。",
                    places.target(budget, i, field)))
        blank = [places.field_label(f, "targets") for f in ("manager", "handler", "phone", "filled")
                 if not getattr(form, f).strip()]
        if blank:
            footers.append((i, form.project, blank))
    if footers:
        i, _, blank = footers[0]
        listed = "、".join(f"「{name}」" for _, name, _ in footers)
        found.append(hint(
            "target-texts",
            f"{len(footers)} 张绩效目标表的表尾（负责人、经办人、联系电话、填报日期）有未填写的：{listed}。",
            places.target(budget, i, "manager" if "负责人" in blank else "filled")))
    return found
