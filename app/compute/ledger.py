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

from app.core.money import ZERO
from app.core.records import SOURCES, Budget, Source, Split

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
    """Every non-zero spending line of the budget."""
    lines = [
        Spending(b.unit, b.function, b.source, True, False, b.amount)
        for b in budget.basic_function
        if b.amount
    ]
    amounts = attrgetter(*_FIELDS)  # a split's five amounts, in SOURCES order, in one call
    for p in budget.projects:
        for carryover, split in ((False, p.amounts), (True, p.carryover)):
            values = amounts(split)
            if not sum(values, ZERO):
                continue
            for source, amount in zip(SOURCES, values, strict=True):
                if amount:
                    lines.append(Spending(p.unit, p.function, source, False, carryover, amount))
    return lines


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
