"""从上年文件新建: next year's budget from last year's, keeping what carries over."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from decimal import Decimal

from app.compute import economic
from app.compute.ledger import spending
from app.core.money import ZERO
from app.core.records import (
    FISCAL,
    Budget,
    Department,
    FormFunds,
    LastYear,
    Project,
    Source,
    Split,
    Texts,
    ThreePublicItem,
)

_YEARS = re.compile(r"(\d{4})")


def ending(project: Project, budget: Budget) -> str:
    """Why a project does not run on into next year ("" when it does): 一次性, a 项目期 that ends
    this year, or no target form to say."""
    form = budget.target(project.unit, project.name)
    if form is None:
        return "没有绩效目标表，无法判断是否延续"
    if "一次性" in form.attribute:
        return f"项目属性为“{form.attribute}”"
    years = [int(y) for y in _YEARS.findall(form.period)]
    if years and max(years) <= budget.department.year:
        return f"项目期“{form.period}”到{max(years)}年结束"
    return ""


def continuing(project: Project, budget: Budget) -> bool:
    """Whether a project runs on into next year: not 一次性, and no 项目期 ending this year."""
    return not ending(project, budget)


def dropped(previous: Budget) -> list[tuple[int, str]]:
    """The projects of previous that carry_over leaves out, as (index, reason)."""
    return [(i, why) for i, p in enumerate(previous.projects) if (why := ending(p, previous))]


def last_year_figures(budget: Budget) -> LastYear:
    """The figures of budget that next year's text compares with."""
    lines = spending(budget)
    income = budget.income.this_year + budget.income.carryover
    general = sum((s.amount for s in lines if s.source == Source.GENERAL and not s.carryover), ZERO)

    def item(*items: ThreePublicItem) -> Decimal:
        return sum((t.amount for t in budget.three_public if t.item in items and t.source in FISCAL),
                   ZERO)

    return LastYear(
        total=income.total,
        general=general,
        operating=economic.operating(budget),
        abroad=item(ThreePublicItem.ABROAD),
        reception=item(ThreePublicItem.RECEPTION),
        vehicle_purchase=item(ThreePublicItem.VEHICLE_PURCHASE),
        vehicle_running=item(ThreePublicItem.VEHICLE_RUNNING),
    )


def carry_over(previous: Budget, also: Collection[int] = ()) -> Budget:
    """A new budget for the year after previous: units, texts, continuing projects (and the
    projects at the indexes in also, which the user chose to keep) with their target forms
    (money left to enter), and previous's figures as last year's."""
    department = previous.department
    carried = [i for i, p in enumerate(previous.projects) if i in also or continuing(p, previous)]
    projects = tuple(replace(previous.projects[i], amounts=Split(), carryover=Split())
                     for i in carried)  # this year's money: to enter
    kept = {(p.unit, p.name) for p in projects}
    targets = tuple(replace(t, annual=FormFunds(), filled="")
                    for t in previous.targets if (t.unit, t.project) in kept)
    texts = previous.texts
    new = Budget(
        Department(department.name, department.code, department.year + 1),
        units=previous.units,
        projects=projects,
        targets=targets,
        last_year=last_year_figures(previous),
        assets=previous.assets,
        texts=Texts(duties=texts.duties, organization=texts.organization,
                    services_catalog=texts.services_catalog, glossary=texts.glossary,
                    form_title=texts.form_title, templates=texts.templates),
        performance=previous.performance,
        department_form=previous.department_form,
        catalog_entries=previous.catalog_entries,
        settings=previous.settings,
    )
    return carried_marks(previous, new, carried)


def carried_marks(previous: Budget, new: Budget, carried: list[int]) -> Budget:
    """new with previous's guess marks that still name a value of new: a kept project's at its
    new row, those of lists carried as they were (units); the marks of projects left behind
    and of lists begun anew (基本支出) go, their rows are not new's."""
    rows = {old: at for at, old in enumerate(carried)}
    kept: list[str] = []
    for g in previous.settings.guesses:
        form, _, rest = g.partition("/")
        row, _, field = rest.partition("/")
        if form == "projects" and row.isdigit():
            if int(row) in rows:
                kept.append(f"projects/{rows[int(row)]}/{field}")
        elif not hasattr(new, form) or getattr(new, form) == getattr(previous, form):
            kept.append(g)
    guesses = tuple(kept)
    if guesses == new.settings.guesses:
        return new
    return replace(new, settings=replace(new.settings, guesses=guesses))
