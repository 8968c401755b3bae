"""审核 of a file as its template wants it: the general checks, less the template's exceptions,
plus the template's own checks; and every check's name in words."""

from __future__ import annotations

from app.checks.registry import TITLES, blocking, run_checks
from app.core.findings import Finding
from app.core.records import Budget
from app.profiles.registry import PROFILES, profile_of


def review(budget: Budget) -> list[Finding]:
    """Every finding of the checks that apply to budget's template, in check order."""
    from app.profiles.units import unit_findings

    template, _ = profile_of(budget)
    found = run_checks(budget, extra=template.checks, skipped=template.skipped_checks)
    return found + unit_findings(budget, found)  # [] unless the file publishes unit documents


def open_errors(budget: Budget) -> list[Finding]:
    """The 错误 that block publication of budget: found by review and not accepted."""
    return blocking(budget, review(budget))


def check_title(check: str) -> str:
    """A check's name in words, from the general list or the template that has it."""
    from app.profiles.units import TITLES as UNIT_TITLES

    if check in TITLES:
        return TITLES[check]
    if check in UNIT_TITLES:
        return UNIT_TITLES[check]
    return next((p.check_titles[check] for p in PROFILES if check in p.check_titles), "")
