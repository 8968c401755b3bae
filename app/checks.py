"""审核: the checks before publication. Each check returns findings as data; none raises.

(Interface in place; the checks themselves are being written — see issue 6.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from app.records import Budget


class Severity(str, Enum):
    """错误 blocks publication; 提示 does not."""

    ERROR = "错误"
    HINT = "提示"


@dataclass(frozen=True)
class Location:
    """Where a finding points: a form (step key), a row index in that form, a field name.

    form is one of: "department", "units", "income", "basic_function", "basic_economic",
    "projects", "targets", "three_public", "last_year", "procurement", "assets", "texts".
    label is the place in plain Chinese, e.g. "项目支出 第3行 金额".
    """

    form: str
    row: int | None = None
    field: str | None = None
    label: str = ""

    @property
    def key(self) -> str:
        return f"{self.form}/{'' if self.row is None else self.row}/{self.field or ''}"


@dataclass(frozen=True)
class Finding:
    """One problem: which check, how serious, a plain Chinese message with figures, where."""

    check: str
    severity: Severity
    message: str
    location: Location


Check = Callable[[Budget], list[Finding]]

CHECKS: list[Check] = []


def run_checks(budget: Budget) -> list[Finding]:
    """Every finding of every registered check, in check order."""
    return [finding for check in CHECKS for finding in check(budget)]


def accepted(budget: Budget, finding: Finding) -> bool:
    """Whether the user accepted this 错误 (with a reason kept in the file)."""
    return any(a.check == finding.check and a.location == finding.location.key
               for a in budget.acceptances)


def blocking(budget: Budget, findings: list[Finding] | None = None) -> list[Finding]:
    """The 错误 that block publication: not accepted by the user."""
    found = run_checks(budget) if findings is None else findings
    return [f for f in found if f.severity == Severity.ERROR and not accepted(budget, f)]
