"""Stable identities: every project has an id kept in the file, and its target form refers to it.

An id is a short number as text ("1", "2", …), unique in the file, given once (in file order
to the projects that have none) and never changed by an edit. A form without a project id is
linked by the old rule, its project's unit and name. `linked` keeps each form's copy of its
project's unit and name equal to the project's after any change of the projects. The per-form
print options (Settings.forms, Settings.form_order) name the project the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from app.core.records import Budget, FormOption, Project, Settings, TargetForm


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


def new_form(project: Project) -> TargetForm:
    """An empty target form of project."""
    return TargetForm(project.unit, project.name, project_id=project.id)


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
