"""What a check reports: a finding with its severity, message and the place to open."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from app.core.records import Acceptance


class Severity(str, Enum):
    """错误 blocks publication; 提示 does not."""

    ERROR = "错误"
    HINT = "提示"


@dataclass(frozen=True)
class Location:
    """Where a finding points: a form (step key), a row index in that form, a field name.

    form is one of: "department", "units", "income", "basic_function", "basic_economic",
    "projects", "targets", "three_public", "last_year", "procurement", "assets", "texts",
    "performance", "department_form".
    row is the index into the Budget's tuple of that name (units, basic_function,
    basic_economic, projects, targets, three_public); None for the single records.
    field is the record's field, as a dotted path into nested records and tuples:
    "amounts.general", "annual.local", "indicators.5.value" (5 indexes TargetForm.indicators),
    "vehicles.2.actual" (assets), "glossary.0.term" (texts), "this_year.general" (income).
    label is the place in plain Chinese, e.g. "项目支出 第3行「科技综合专项业务费」 功能科目".
    """

    form: str
    row: int | None = None
    field: str | None = None
    label: str = ""

    @property
    def key(self) -> str:
        return f"{self.form}/{'' if self.row is None else self.row}/{self.field or ''}"

    @property
    def path(self) -> tuple[str | int, ...]:
        """field split at its dots, indexes as int: ("indicators", 5, "value")."""
        if not self.field:
            return ()
        return tuple(int(p) if p.isdigit() else p for p in self.field.split("."))


@dataclass(frozen=True)
class Finding:
    """One problem: which check, how serious, a plain Chinese message with figures, where."""

    check: str
    severity: Severity
    message: str
    location: Location


def error(check: str, message: str, location: Location) -> Finding:
    return Finding(check, Severity.ERROR, message, location)


def hint(check: str, message: str, location: Location) -> Finding:
    return Finding(check, Severity.HINT, message, location)


# a check split out of another keeps the acceptances files hold under the old name (same place)
FORMER_NAMES = {"reason-texts": "last-year"}


def acceptance_for(acceptances: Sequence[Acceptance], finding: Finding) -> Acceptance | None:
    """The user's acceptance of this finding (its check and place), or None."""
    names = (finding.check, FORMER_NAMES.get(finding.check, finding.check))
    return next((a for a in acceptances
                 if a.check in names and a.location == finding.location.key), None)


def open_errors(acceptances: Sequence[Acceptance], findings: Iterable[Finding]) -> list[Finding]:
    """The 错误 the user has not accepted: what still blocks publication (the acceptances looked
    up in a set: a window counts thousands of findings after each edit)."""
    taken = {(a.check, a.location) for a in acceptances}
    return [f for f in findings if f.severity == Severity.ERROR and not (
        taken and ((f.check, f.location.key) in taken
                   or (FORMER_NAMES.get(f.check), f.location.key) in taken))]
