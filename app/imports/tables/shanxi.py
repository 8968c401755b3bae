"""The Shanxi template's tables onto a budget: the cross-checks, the mapping and its guesses."""

from __future__ import annotations

from app.core.records import Budget, ProjectKind
from app.imports.tables.crosscheck import cross_check
from app.imports.tables.locate import Layout, SourceTable
from app.imports.tables.mapped import Mapped, unit_guesses
from app.imports.tables.mapping import FUNCTION_TABLES, Mapper, function_rows, leaves
from app.imports.tables.report import Report


def build(tables: dict[str, SourceTable], report: Report, year: int, department: str,
          kind: ProjectKind | None, lay: Layout) -> Mapped:
    """The budget the Shanxi tables hold, their disagreements reported first."""
    cross_check(tables, report)
    mapper = Mapper(tables, report, year, department, kind)
    budget = mapper.budget()

    def guesses(budget: Budget) -> list[str]:
        """The places the tables do not say (Location keys): project kinds (unless given), the
        项 of projects the figures leave open, the unit of 基本支出 lines and units' kinds."""
        found = [f"projects/{i}/kind" for i in range(len(budget.projects))
                 if kind is None and i not in mapper.told_kinds]
        found += [f"projects/{i}/function" for i in sorted(mapper.guessed_functions)]
        told = {f"units/{i}/code" for i in mapper.told_codes}
        return found + [g for g in unit_guesses(budget) if g not in told]

    def function_leaves(table: SourceTable) -> int | None:
        return len(leaves(function_rows(table))) if table.key in FUNCTION_TABLES[:4] else None

    return Mapped(budget, guesses, function_leaves, frozenset(mapper.unmet_functions))
