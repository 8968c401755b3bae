"""Spending lines: 基本支出 and 项目支出 flattened to (unit, function, source, type, year) amounts.

Tables 1–5 and 8 are sums over these lines, so their totals agree by construction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple

from app.compute.memo import Memo
from app.core.money import ZERO
from app.core.records import SOURCES, Budget, Project, Source, Split

# each source's field of Split, in SOURCES order
_FIELDS = tuple(next(f.name for f in fields(Split) if getattr(Split.of(s, Decimal(1)), f.name))
                for s in SOURCES)


class Spending(NamedTuple):
    """One amount spent: unit, function code, source, basic (else project), carryover (上年结转)."""

    unit: str
    function: str
    source: Source
    basic: bool
    carryover: bool
    amount: Decimal


def spending(budget: Budget) -> list[Spending]:
    """Every non-zero spending line of the budget: 基本支出 rows first, then each project's.

    Each project's lines are kept for that project object (`project_lines`), and the whole list
    for the budget's two tuples, so after an edit only the changed project's lines are made.
    """
    return list(_LISTS.get("spending", (budget.basic_function, budget.projects),
                           lambda: _spending(budget)))


def _spending(budget: Budget) -> tuple[Spending, ...]:
    lines = [
        Spending(b.unit, b.function, b.source, True, False, b.amount)
        for b in budget.basic_function
        if b.amount
    ]
    for p in budget.projects:
        lines += _PROJECT_LINES.one(p, project_lines)
    return tuple(lines)


def project_lines(p: Project) -> tuple[Spending, ...]:
    """One project's non-zero lines: this year's by source, then 上年结转's."""
    lines: list[Spending] = []
    amounts = attrgetter(*_FIELDS)  # a split's five amounts, in SOURCES order, in one call
    for carryover, split in ((False, p.amounts), (True, p.carryover)):
        values = amounts(split)
        if not sum(values, ZERO):
            continue
        for source, amount in zip(SOURCES, values, strict=True):
            if amount:
                lines.append(Spending(p.unit, p.function, source, False, carryover, amount))
    return tuple(lines)


def merged(budget: Budget) -> tuple[Spending, ...]:
    """The spending lines summed per (function, source, 基本/项目, 上年结转), unit left "".

    What reads lines only by those four (tables 1–9, Shanghai's 1–7) gets exactly the sums it
    would get from `spending`: a sum over any set of whole groups is the same exact Decimal, in
    value and exponent, however it is grouped. A group whose lines cancel stays (as 0).
    Kept for the budget's two tuples, like `spending`: the same tuple while they are the same.
    """
    return _LISTS.get("merged", (budget.basic_function, budget.projects), lambda: _merged(budget))


def _merged(budget: Budget) -> tuple[Spending, ...]:
    sums: dict[tuple[str, Source, bool, bool], Decimal] = {}
    for s in _LISTS.get("spending", (budget.basic_function, budget.projects),
                        lambda: _spending(budget)):
        key = (s.function, s.source, s.basic, s.carryover)
        found = sums.get(key)
        sums[key] = s.amount if found is None else found + s.amount
    return tuple(Spending("", f, source, basic, carryover, amount)
                 for (f, source, basic, carryover), amount in sums.items())


_PROJECT_LINES: Memo[tuple[Spending, ...]] = Memo(20_000)
_LISTS: Memo[tuple[Spending, ...]] = Memo(16)


Pick = Callable[[Spending], bool]


def sum_where(lines: Iterable[Spending], pick: Pick) -> Decimal:
    """The exact sum of the lines pick accepts."""
    return sum((s.amount for s in lines if pick(s)), ZERO)


def basic_project_amounts(lines: Iterable[Spending], pick: Pick) -> dict[str, list[Decimal]]:
    """Per function code, the exact [合计, 基本支出, 项目支出] of the lines pick accepts."""
    amounts: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * 3)
    for s in lines:
        if pick(s):
            row = amounts[s.function]
            row[0] += s.amount
            row[1 if s.basic else 2] += s.amount
    return dict(amounts)
