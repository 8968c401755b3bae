"""The 部门整体支出绩效目标申报表 (optional): its money agrees with the budget, its parts filled."""

from __future__ import annotations

from dataclasses import replace

from app.checks import places
from app.checks.targets import placeholder
from app.compute.ledger import spending, sum_where
from app.compute.wording import worded
from app.core.findings import Finding, Location, error, hint
from app.core.records import Budget


def check_department_form(budget: Budget) -> list[Finding]:
    """年度预算 = this year's budget, 基本 + 项目 = 年度预算, staff counts add up, texts present."""
    form = budget.department_form
    if form is None:
        return []
    found = []
    name = worded(budget, "部门整体绩效目标表")

    def at(field: str) -> Location:
        place = places.single("department_form", field)
        return replace(place, label=worded(budget, place.label))

    lines = [s for s in spending(budget) if not s.carryover]
    total = sum_where(lines, lambda s: True)
    basic = sum_where(lines, lambda s: s.basic)
    for field, entered, actual, words in (
        ("budget", form.budget.total, total, "本年预算"),
        ("basic", form.basic, basic, "本年基本支出"),
        ("projects", form.projects, total - basic, "本年项目支出"),
    ):
        if entered != actual:
            found.append(error(
                "department-form",
                f"{name}的{places.FIELDS[field]} {places.yuan_words(entered)}，"
                f"与{words} {places.yuan_words(actual)}不等（{places.gap(entered - actual)}）。",
                at(field)))
    if form.staff_in_quota + form.staff_other != form.staff_actual:
        found.append(error(
            "department-form",
            f"实际在职人员总数 {form.staff_actual} 人，不等于其中在编 {form.staff_in_quota} 人"
            f"加其他人员 {form.staff_other} 人。",
            at("staff_actual")))
    if form.staff_in_quota > form.staff_quota:
        found.append(hint(
            "department-form",
            f"在编人员 {form.staff_in_quota} 人多于核定编制 {form.staff_quota} 人。",
            at("staff_in_quota")))
    for field, words in (("duties", "部门职责"), ("strategy", "部门战略目标"), ("goal", "年度绩效目标")):
        if not getattr(form, field).strip():
            found.append(error("department-form", f"{name}未填写{worded(budget, words)}。", at(field)))
    if not form.tasks:
        found.append(error("department-form", f"{name}没有年度重点任务。", at("tasks")))
    for k, task in enumerate(form.tasks):
        if not task.function.strip() or not task.task.strip():
            found.append(error("department-form", f"年度重点任务第{k + 1}行的核心职能或重点任务为空。",
                               at(f"tasks.{k}.task")))
    if not any(not placeholder(i) for i in form.indicators):
        found.append(error("department-form", f"{name}没有绩效指标。", at("indicators")))
    for k, ind in enumerate(form.indicators):
        if placeholder(ind):
            continue
        if not ind.value.strip() or not ind.level3.strip():
            missing = "指标值" if not ind.value.strip() else "三级指标名称"
            found.append(error(
                "department-form",
                f"{worded(budget, '部门整体')}绩效指标“{ind.level3 or ind.value}”没有{missing}。",
                at(f"indicators.{k}.{'value' if not ind.value.strip() else 'level3'}")))
    return found
