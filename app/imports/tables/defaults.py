"""What an imported budget starts with beyond the tables: the profile's glossary, the 部门整体
form's money, and the marks on what the import guessed."""

from __future__ import annotations

from dataclasses import replace

from app.compute.ledger import spending
from app.core.money import ZERO
from app.core.records import Budget, ProjectKind, Split
from app.profiles.registry import DEFAULT, standard_glossary


def department_money(budget: Budget) -> Budget:
    """budget with its 部门整体 form (where there is one) carrying this year's money exactly:
    年度预算 by source, 基本支出 and 项目支出."""
    form = budget.department_form
    if form is None:
        return budget
    lines = [s for s in spending(budget) if not s.carryover]
    total = Split()
    for s in lines:
        total = total + Split.of(s.source, s.amount)
    basic = sum((s.amount for s in lines if s.basic), ZERO)
    return replace(budget, department_form=replace(form, budget=total, basic=basic,
                                                   projects=total.total - basic))


def with_defaults(budget: Budget, profile_id: str = DEFAULT) -> Budget:
    """budget with the profile's standard glossary where it has none, and the 部门整体 money
    computed."""
    if not budget.texts.glossary:
        budget = replace(budget, texts=replace(budget.texts,
                                               glossary=standard_glossary(profile_id)))
    return department_money(budget)


def marked(budget: Budget, guesses: list[str]) -> Budget:
    """budget with the places guesses (Location keys) marked as guessed, in order, once each."""
    known = list(budget.settings.guesses)
    known += [g for g in dict.fromkeys(guesses) if g not in known]
    return replace(budget, settings=replace(budget.settings, guesses=tuple(known)))


def with_project_kind(budget: Budget, kind: ProjectKind) -> Budget:
    """budget with every project of kind (the user said so once for all): no kind is a guess."""
    projects = tuple(replace(p, kind=kind) for p in budget.projects)
    guesses = tuple(g for g in budget.settings.guesses
                    if not (g.startswith("projects/") and g.endswith("/kind")))
    return replace(budget, projects=projects, settings=replace(budget.settings, guesses=guesses))


def kinds_guessed(budget: Budget) -> bool:
    """Whether the projects' kinds are guesses of an import."""
    return any(g.startswith("projects/") and g.endswith("/kind") for g in budget.settings.guesses)
