"""Small edits of frozen budgets for tests: set a dotted path (with tuple indexes), find findings."""

from __future__ import annotations

import dataclasses
from typing import Any

from app.checks.registry import Check, Finding, Severity
from app.core.records import Budget


def put(record: Any, path: str, value: Any) -> Any:
    """record with the dotted path ("targets.3.indicators.5.value") set to value."""
    head, _, rest = path.partition(".")
    if isinstance(record, tuple):
        index = int(head)
        item = put(record[index], rest, value) if rest else value
        return (*record[:index], item, *record[index + 1:])
    inner = put(getattr(record, head), rest, value) if rest else value
    return dataclasses.replace(record, **{head: inner})


def get(record: Any, path: str) -> Any:
    for part in path.split("."):
        record = record[int(part)] if isinstance(record, tuple) else getattr(record, part)
    return record


def drop(record: Any, path: str) -> Any:
    """record without the tuple item at path ("targets.3.indicators.5")."""
    parent, _, index = path.rpartition(".")
    items = get(record, parent)
    i = int(index)
    return put(record, parent, (*items[:i], *items[i + 1:]))


def errors(check: Check, budget: Budget) -> list[Finding]:
    return [f for f in check(budget) if f.severity == Severity.ERROR]


def hints(check: Check, budget: Budget) -> list[Finding]:
    return [f for f in check(budget) if f.severity == Severity.HINT]


def resolve(budget: Budget, finding: Finding) -> Any:
    """The value a finding's location points at, as the GUI would open it (raises if it cannot)."""
    loc = finding.location
    record: Any = getattr(budget, loc.form)
    if loc.row is not None:
        record = record[loc.row]
    return get(record, loc.field) if loc.field else record
