"""Spending lines: 基本支出 and 项目支出 flattened to (unit, function, source, type, year) amounts.

Tables 1–5 and 8 are sums over these lines, so their totals agree by construction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields
from decimal import Decimal
from functools import partial
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from app.compute.memo import Memo
from app.core.money import ZERO
from app.core.records import SOURCES, BasicByFunction, Budget, Project, Source, Split

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

    Made from kept parts (`_parts`), so after an edit only the changed project's lines are made.
    """
    return list(_LISTS.get("spending", (budget.basic_function, budget.projects),
                           partial(_spending, budget)))


def _spending(budget: Budget) -> tuple[Spending, ...]:
    return tuple(chain.from_iterable(part.lines for part in _parts(budget)))


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
    value and exponent, however it is grouped. A group whose lines cancel stays (as 0). In the
    order each group first appears among the lines.
    Kept for the budget's two tuples, like `spending`: the same tuple while they are the same.
    """
    return _LISTS.get("merged", (budget.basic_function, budget.projects),
                      partial(_merged, budget))


Key = tuple[str, Source, bool, bool]


class _Part(NamedTuple):
    """The lines of some consecutive rows of the budget, and their sums per `Key`."""

    lines: tuple[Spending, ...]
    sums: dict[Key, Decimal]


def _part(lines: tuple[Spending, ...]) -> _Part:
    sums: dict[Key, Decimal] = {}
    for s in lines:
        key = (s.function, s.source, s.basic, s.carryover)
        found = sums.get(key)
        sums[key] = s.amount if found is None else found + s.amount
    return _Part(lines, sums)


def _basic_part(rows: tuple[BasicByFunction, ...]) -> _Part:
    return _part(tuple(Spending(b.unit, b.function, b.source, True, False, b.amount)
                       for b in rows if b.amount))


def _projects_part(block: tuple[Project, ...]) -> _Part:
    return _part(tuple(chain.from_iterable(_PROJECT_LINES.one(p, project_lines) for p in block)))


BLOCK = 50  # projects per kept part: an edit makes one block's part again, the others are kept


def _parts(budget: Budget) -> list[_Part]:
    """基本支出's part, then one part per block of BLOCK projects, each kept for its records."""
    rows, projects = budget.basic_function, budget.projects
    parts = [_PARTS.get("basic", (rows,), partial(_basic_part, rows))]
    for start in range(0, len(projects), BLOCK):
        block = projects[start:start + BLOCK]
        parts.append(_PARTS.get("projects", block, partial(_projects_part, block)))
    return parts


def _merged(budget: Budget) -> tuple[Spending, ...]:
    sums: dict[Key, Decimal] = {}
    for part in _parts(budget):
        for key, amount in part.sums.items():
            found = sums.get(key)
            sums[key] = amount if found is None else found + amount
    return tuple(Spending("", f, source, basic, carryover, amount)
                 for (f, source, basic, carryover), amount in sums.items())


_PROJECT_LINES: Memo[tuple[Spending, ...]] = Memo(10_000)
_PARTS: Memo[_Part] = Memo(500)
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
