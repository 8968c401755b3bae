"""审核: the checks before publication. Each check returns findings as data; none raises.

A check is a small function `check_x(budget) -> list[Finding]` in one of the `checks_*`
modules, registered in CHECKS below. 错误 block publication unless the user accepted them
(an Acceptance with a reason, kept in the file); 提示 never block.
"""

from __future__ import annotations

from collections.abc import Callable

from app import checks_balance as balance
from app import checks_completeness as completeness
from app import checks_consistency as consistency
from app import checks_department as department
from app import checks_targets as targets
from app.findings import Finding, Location, Severity
from app.records import Acceptance, Budget

__all__ = [
    "CHECKS",
    "Check",
    "Finding",
    "Location",
    "Severity",
    "acceptance_for",
    "accepted",
    "blocking",
    "run_checks",
]

Check = Callable[[Budget], list[Finding]]

CHECKS: list[Check] = [
    # balance
    balance.check_income,
    balance.check_basic,
    balance.check_target_funds,
    balance.check_function_codes,
    balance.check_economic_codes,
    balance.check_references,
    # consistency
    consistency.check_unit_kinds,
    consistency.check_three_public,
    consistency.check_last_year,
    consistency.check_procurement,
    consistency.check_assets,
    consistency.check_performance,
    # completeness
    completeness.check_department,
    completeness.check_texts,
    completeness.check_filled,
    completeness.check_target_presence,
    completeness.check_target_texts,
    department.check_department_form,
    # targets
    targets.check_indicator_rows,
    targets.check_indicator_groups,
    targets.check_indicator_values,
    targets.check_periods,
]


def run_checks(budget: Budget) -> list[Finding]:
    """Every finding of every registered check, in check order."""
    return [finding for check in CHECKS for finding in check(budget)]


def acceptance_for(budget: Budget, finding: Finding) -> Acceptance | None:
    """The user's acceptance of this finding (check and place), or None."""
    return next((a for a in budget.acceptances
                 if a.check == finding.check and a.location == finding.location.key), None)


def accepted(budget: Budget, finding: Finding) -> bool:
    """Whether the user accepted this 错误 (with a reason kept in the file)."""
    return acceptance_for(budget, finding) is not None


def blocking(budget: Budget, findings: list[Finding] | None = None) -> list[Finding]:
    """The 错误 that block publication: not accepted by the user."""
    found = run_checks(budget) if findings is None else findings
    return [f for f in found if f.severity == Severity.ERROR and not accepted(budget, f)]
