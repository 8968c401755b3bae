"""The target checks keep each form's findings for the very form (and units, and project) they
were found for: after any edit, what they give is what they find from scratch."""

from __future__ import annotations

from decimal import Decimal

from app.checks import targets
from app.checks.registry import Finding
from app.compute import memo
from app.core.records import Budget
from app.profiles.shanxi.sample import load_sample
from tests.helpers.edit import drop, put

CHECKS = (targets.check_indicator_rows, targets.check_indicator_groups,
          targets.check_indicator_values, targets.check_periods)


def review(budget: Budget) -> list[Finding]:
    return [finding for check in CHECKS for finding in check(budget)]


def anew(budget: Budget) -> list[Finding]:
    with memo.fresh():
        return review(budget)


def test_kept_findings_are_the_findings_of_the_budget_itself() -> None:
    sample = load_sample()
    form = sample.targets[0]
    unit = next(i for i, u in enumerate(sample.units) if u.code == form.unit)
    project = next(i for i, p in enumerate(sample.projects)
                   if (p.unit, p.name) == (form.unit, form.project))
    edits = {  # each changes what the target checks find, and only one of what they read
        "a unit's name (in every place)": put(sample, f"units.{unit}.name", "改了名的单位"),
        "a project's money (its cost indicator now above it)":
            put(sample, f"projects.{project}.amounts.general", Decimal("1000.00")),
        "a form deleted (the others' places move)": drop(sample, "targets.0"),
        "an indicator's value": put(sample, "targets.1.indicators.0.value", "很多"),
        "an indicator's period (the periods disagree)":
            put(sample, "targets.2.indicators.0.period", form.indicators[-1].period),
    }
    before = review(sample)
    assert before == anew(sample) and before
    for name, edited in edits.items():
        found = review(edited)
        assert found == anew(edited), name
        assert found != before, name
        assert review(sample) == before, name  # the sample's own are still kept
