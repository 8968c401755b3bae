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
    function table).
    """

    budget: Budget
    guesses: Callable[[Budget], list[str]]
    function_leaves: Callable[[SourceTable], int | None]
