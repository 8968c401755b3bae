"""基本支出 spread over the units so each unit balances: the tables give it by function and by
economic class for the department as a whole, never by unit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import BasicByFunction, Budget, Source, UnitKind

INSTITUTION_CLASS = "505"  # 对事业单位经常性补助: a 事业单位's line, never a 行政 unit's


def spread(budget: Budget) -> tuple[Budget, bool]:
    """budget with 505 economic lines on the first 事业单位 (where the own unit is 行政) and, for
    every other unit, 基本支出 by function moved off the own unit to equal its economic lines
    per source (largest function lines first); and whether anything moved."""
    if len(budget.units) < 2 or not budget.basic_function:
        return budget, False
    own = budget.units[0]
    institution = next((u for u in budget.units[1:] if u.kind == UnitKind.INSTITUTION), None)
    economic = list(budget.basic_economic)
    if institution is not None and own.kind != UnitKind.INSTITUTION:
        economic = [replace(e, unit=institution.code)
                    if e.unit == own.code and e.gov.startswith(INSTITUTION_CLASS) else e
                    for e in economic]
    wanted: dict[tuple[str, Source], Decimal] = defaultdict(lambda: ZERO)
    for e in economic:
        if e.unit != own.code:
            wanted[e.unit, e.source] += e.amount
    functions = list(budget.basic_function)
    for (unit, source), amount in wanted.items():
        left = amount
        order = sorted((i for i, b in enumerate(functions)
                        if b.unit == own.code and b.source == source),
                       key=lambda i: -functions[i].amount)
        added: list[BasicByFunction] = []
        for i in order:
            if left <= 0:
                break
            take = min(left, functions[i].amount)
            functions[i] = replace(functions[i], amount=functions[i].amount - take)
            added.append(BasicByFunction(unit, functions[i].function, source, take))
            left -= take
        functions += added
    moved = economic != list(budget.basic_economic) or bool(wanted)
    kept = tuple(b for b in functions if b.amount)
    return replace(budget, basic_function=merge(kept), basic_economic=tuple(economic)), moved


def merge(lines: tuple[BasicByFunction, ...]) -> tuple[BasicByFunction, ...]:
    """The lines with those of the same unit, function and source added up, in first order."""
    total: dict[tuple[str, str, Source], Decimal] = {}
    for b in lines:
        key = (b.unit, b.function, b.source)
        total[key] = total.get(key, ZERO) + b.amount
    return tuple(BasicByFunction(u, f, s, a) for (u, f, s), a in total.items())

