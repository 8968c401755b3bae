"""The amounts the import moved within their rounding to reproduce the tables' 尾差 are marked as
guesses (the window shows them, 只看推测 finds them) and named in the report; an edit of one takes
its mark off. A table in 万元 prints 百元 exactly, so an amount the import did not move is a
multiple of 100 元 and one it moved (by less than 50 元) never is."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.core.records import Budget
from app.edits.editing import set_cell, top
from app.imports.tables.fit import SPLIT_FIELDS
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.tables import build_tables
from tests.helpers.synthetic import generate
from tests.helpers.table_workbook import write_workbook


def imported(tmp_path: Path) -> tuple[Budget, str]:
    tables = build_tables(generate(10, 60, seed=1))
    result = import_tables(write_workbook(tables, tmp_path / "t.xlsx"))
    assert result.budget is not None
    assert [t.texts() for t in build_tables(result.budget)] == [t.texts() for t in tables]
    return result.budget, result.report.text()


def places(budget: Budget) -> dict[str, Decimal]:
    """Every project amount by its Location key ("projects/3/amounts.general")."""
    return {f"projects/{i}/{part}.{f}": getattr(getattr(p, part), f)
            for i, p in enumerate(budget.projects) for part in ("amounts", "carryover")
            for f in SPLIT_FIELDS}


def test_moved_project_amounts_are_marked_and_named(tmp_path: Path) -> None:
    budget, report = imported(tmp_path)
    amounts = places(budget)
    moved = {k for k, v in amounts.items() if v % 100}
    marked = {g for g in budget.settings.guesses if g in amounts}
    assert moved  # this department's 尾差 needs some
    assert marked == moved
    first = min(moved, key=lambda k: (int(k.split("/")[1]), k))
    index, path = int(first.split("/")[1]), first.split("/")[2]
    name = budget.projects[index].name
    line = next(x for x in report.splitlines() if "其中项目金额" in x)
    assert f"“{name}”" in line and "已标为推测" in line
    assert f"共 {len(moved)} 个" in line or f"等 {len(moved)} 个" in line
    # the other lists whose rows the file keeps mark theirs on rows that exist
    for g in budget.settings.guesses:
        kind, row, field = g.split("/")
        if field == "amount":
            assert kind in ("basic_economic", "three_public")
            assert int(row) < len(getattr(budget, kind))
    # the officer types the round figure: that mark goes, the others stay
    fixed = set_cell(budget, top("projects"), index, path, amounts[first] - amounts[first] % 100)
    assert first not in fixed.settings.guesses
    assert {g for g in fixed.settings.guesses if g in amounts} == moved - {first}


def test_a_department_in_round_figures_has_no_amount_marked(tmp_path: Path) -> None:
    from tests.unit.imports.test_table_import_exact import rounded

    tables = build_tables(rounded(generate(10, 60, seed=1), 1))
    result = import_tables(write_workbook(tables, tmp_path / "r.xlsx"))
    assert result.budget is not None
    assert not [g for g in result.budget.settings.guesses if "/amounts." in g or "/carryover." in g]
    assert "其中项目金额" not in result.report.text()
