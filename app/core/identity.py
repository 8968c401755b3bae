"""Stable identities: every project has an id kept in the file, and its target form refers to it.

An id is a short number as text ("1", "2", …), unique in the file, given once (in file order
to the projects that have none) and never changed by an edit. A form without a project id is
linked by the old rule, its project's unit and name. `linked` keeps each form's copy of its
project's unit and name equal to the project's after any change of the projects. The per-form
print options (Settings.forms, Settings.form_order) name the project the same way.

A new form starts with its project's money (`project_funds`), so that its 年度资金总额 is the
project's 本年预算 as the check of the form's money asks; while a form's money is still what its
project's amounts give (never typed over), it follows later edits of them (`followed`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from app.core.records import (
    Budget,
    Department,
    FormFunds,
    FormOption,
    Project,
    Settings,
    TargetForm,
)


def next_id(taken: Iterable[str]) -> str:
    """An id not among taken: one more than the largest number there."""
    numbers = [int(t) for t in taken if t.isdigit()]
    return str(max(numbers, default=0) + 1)


def option_matches(option: FormOption, form: TargetForm) -> bool:
    """Whether option is form's: by the project's id, or by unit and name for an option (from a
    file before ids) that has none."""
    if option.project_id:
        return option.project_id == form.project_id
    return (option.unit, option.project) == (form.unit, form.project)


def option_of(options: Iterable[FormOption], form: TargetForm) -> FormOption | None:
    """The first of options that is form's, or None."""
    return next((o for o in options if option_matches(o, form)), None)


def form_option(form: TargetForm, department: str = "") -> FormOption:
    """An option of form, naming its project by id (and its unit and name as a copy)."""
    return FormOption(form.unit, form.project, department, form.project_id)


def _options_linked(settings: Settings, targets: tuple[TargetForm, ...]) -> Settings:
    """settings with each form option naming its form's project id and carrying its unit and
    name (an option without an id found by unit and name); options of no form kept as they are."""
    def fixed(options: tuple[FormOption, ...]) -> tuple[FormOption, ...]:
        out = []
        for o in options:
            form = next((t for t in targets if option_matches(o, t)), None)
            if form is not None:
                o = replace(o, unit=form.unit, project=form.project, project_id=form.project_id)
            out.append(o)
        return tuple(out)

    forms, order = fixed(settings.forms), fixed(settings.form_order)
    if (forms, order) == (settings.forms, settings.form_order):
        return settings
    return replace(settings, forms=forms, form_order=order)


def with_ids(budget: Budget) -> Budget:
    """budget with an id for every project that has none, every form linked to its project
    (forms without a project id found by unit and name) and every form option to its form;
    unchanged when all is linked."""
    options = (*budget.settings.forms, *budget.settings.form_order)
    if (all(p.id for p in budget.projects) and all(t.project_id for t in budget.targets)
            and all(o.project_id for o in options)):
        return budget
    last = int(next_id(p.id for p in budget.projects if p.id)) - 1  # once, not per project
    projects = []
    for p in budget.projects:
        if not p.id:
            last += 1
            p = replace(p, id=str(last))
        projects.append(p)
    by_key = {(p.unit, p.name): p.id for p in projects}
    targets = tuple(t if t.project_id else replace(t, project_id=by_key.get((t.unit, t.project), ""))
                    for t in budget.targets)
    settings = _options_linked(budget.settings, targets)
    return replace(budget, projects=tuple(projects), targets=targets, settings=settings)


def linked(budget: Budget) -> Budget:
    """budget with each form's unit and project name those of the project its id names."""
    by_id = {p.id: p for p in budget.projects if p.id}
    changed = False
    targets = []
    for t in budget.targets:
        p = by_id.get(t.project_id)
        if p is not None and (t.unit, t.project) != (p.unit, p.name):
            t = replace(t, unit=p.unit, project=p.name)
            changed = True
        targets.append(t)
    if not changed:
        return budget
    settings = _options_linked(budget.settings, tuple(targets))
    return replace(budget, targets=tuple(targets), settings=settings)


def own_level(department: Department | None) -> str:
    """The FormFunds part of the department's own government's money: "province" (省级) for a
    province's department (its tier names 省, or, without a tier, its name a province's and no
    city's or county's), else "local" (市县)."""
    if department is None:
        return "local"
    if department.tier:
        return "province" if "省" in department.tier else "local"
    _, province, rest = department.name.partition("省")
    return "province" if province and not any(c in rest for c in "市县区") else "local"


def project_funds(project: Project, department: Department | None = None) -> FormFunds:
    """项目资金 as project's amounts give it: its 单位资金 as 单位自筹, the rest (财政拨款 and
    财政专户) as the department's own government's (`own_level`); blank where nothing."""
    amounts = project.amounts
    own = amounts.total - amounts.unit
    parts: dict[str, Decimal | None] = {own_level(department): own or None,
                                        "self_raised": amounts.unit or None}
    return FormFunds(**parts)


def new_form(project: Project, department: Department | None = None) -> TargetForm:
    """A target form of project, its 实施期 and 年度 money the project's (`project_funds`), the
    rest empty."""
    funds = project_funds(project, department)
    return TargetForm(project.unit, project.name, implementation=funds, annual=funds,
                      project_id=project.id)


def _follows(mine: FormFunds, edited: FormFunds | None, given: FormFunds | None,
             now: FormFunds) -> bool:
    """Whether a form's money mine (edited before the edit; None for a new form) is what its
    project gave (given) and not given by this edit: it becomes now."""
    untouched = edited is None or mine == edited
    return untouched and mine == given and mine != now


def followed(before: Budget, after: Budget) -> Budget:
    """after (an edit of before) with the money of each form that the edit did not give other
    money and that is still what its project's amounts gave in before (or, for a form the edit
    made, what `new_form` without the department gives) set to what they give in after: a form
    whose money was never typed over follows its project's amounts (and the department's
    level); 年度 and 实施期 each on its own, so a 实施期 typed for several years stays."""
    if (before.projects is after.projects and before.targets is after.targets
            and before.department == after.department):
        return after
    old_projects = {p.id: p for p in before.projects if p.id}
    old_forms = {t.project_id: t for t in before.targets if t.project_id}
    projects = {p.id: p for p in after.projects if p.id}
    same_level = own_level(before.department) == own_level(after.department)
    changed = False
    targets = []
    for t in after.targets:
        project = projects.get(t.project_id)
        was = old_forms.get(t.project_id)
        old = old_projects.get(t.project_id)
        if project is not None and not (was is t and old is project and same_level):
            if was is None:
                given = project_funds(project)
            elif old is not None:
                given = project_funds(old, before.department)
            else:
                given = None
            now = project_funds(project, after.department)
            annual = _follows(t.annual, was.annual if was else None, given, now)
            whole = _follows(t.implementation, was.implementation if was else None, given, now)
            if annual or whole:
                t = replace(t, annual=now if annual else t.annual,
                            implementation=now if whole else t.implementation)
                changed = True
        targets.append(t)
    if not changed:
        return after
    return replace(after, targets=tuple(targets))


def with_new_ids(budget: Budget, projects: Iterable[Project]) -> list[Project]:
    """projects, each without an id (or with one already taken in budget) given a fresh one."""
    taken = [p.id for p in budget.projects if p.id]
    result = []
    for p in projects:
        if not p.id or p.id in taken:
            p = replace(p, id=next_id(taken))
        taken.append(p.id)
        result.append(p)
    return result
