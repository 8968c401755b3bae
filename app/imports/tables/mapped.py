"""What a profile's mapping gives the importer: the budget, and what it guessed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.records import Budget
from app.imports.tables.locate import SourceTable


@dataclass(frozen=True)
class Mapped:
    """The budget mapped from the tables, before its amounts are fitted.

    guesses: the budget (after fitting and spreading) → the places (Location keys) the tables
    do not say. function_leaves: a table → how many 末级功能科目 it prints (None: it is not a
    function table). unmet: the function 项 whose projects, as placed by a search that found no
    answer, miss their figures (the tables' figures that then cannot agree are the placing's).
    """

    budget: Budget
    guesses: Callable[[Budget], list[str]]
    function_leaves: Callable[[SourceTable], int | None]
    unmet: frozenset[str] = frozenset()


# the report's line on unit_guesses' codes, in every template's import
UNIT_CODES = "单位编码：表中没有，已暂编为 001、002……，请改为预算系统中的单位编码。"


def unit_guesses(budget: Budget) -> list[str]:
    """What no template's tables say: every unit's code (numbered 001, 002…, reported as
    provisional: UNIT_CODES) and kind (the first unit, the department's own, taken as 行政), and, when
    there are several units, which unit each 基本支出 line belongs to."""
    units = ([f"units/{i}/code" for i in range(len(budget.units))]
             + [f"units/{i}/kind" for i in range(len(budget.units))])
    if len(budget.units) <= 1:
        return units
    return ([f"basic_function/{i}/unit" for i in range(len(budget.basic_function))]
            + [f"basic_economic/{i}/unit" for i in range(len(budget.basic_economic))]
            + units)
