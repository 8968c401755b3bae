"""Stable identities: every project has an id kept in the file, and its target form refers to it.

An id is a short number as text ("1", "2", …), unique in the file, given once (in file order
to the projects that have none) and never changed by an edit. A form without a project id is
linked by the old rule, its project's unit and name. `linked` keeps each form's copy of its
project's unit and name equal to the project's after any change of the projects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from app.core.records import Budget, Project, TargetForm


def next_id(taken: Iterable[str]) -> str:
    """An id not among taken: one more than the largest number there."""
    numbers = [int(t) for t in taken if t.isdigit()]
    return str(max(numbers, default=0) + 1)


def with_ids(budget: Budget) -> Budget:
    """budget with an id for every project that has none, and every form linked to its project
    (forms without a project id found by unit and name); unchanged when all is linked."""
    if all(p.id for p in budget.projects) and all(t.project_id for t in budget.targets):
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
    return replace(budget, projects=tuple(projects), targets=targets)


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
    return replace(budget, targets=tuple(targets)) if changed else budget


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
