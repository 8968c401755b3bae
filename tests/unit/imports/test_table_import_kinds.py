"""Project kinds read from table 12 where it says them: 其他运转类 / 特定目标类 headings."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from app.compute.tabledef import Row, RowKind, Table
from app.core.records import Budget, ProjectKind
from app.imports.tables.importer import import_tables
from app.profiles.shanxi.tables import build_tables
from tests.helpers.table_workbook import write_workbook

HEADINGS = {ProjectKind.OPERATING: "其他运转类项目", ProjectKind.TARGETED: "特定目标类项目"}


def with_headings(table: Table, budget: Budget) -> Table:
    """Table 12 as a budget system prints it by kind: under each unit, a heading row per kind
    (its money the sum of the projects below it), then that kind's projects."""
    kinds = {p.name: p.kind for p in budget.projects}
    rows: list[Row] = []
    block: list[Row] = []

    def flush() -> None:
        for kind, title in HEADINGS.items():
            mine = [r for r in block if kinds[str(r.cells[0])] == kind]
            if not mine:
                continue
            sums = tuple(sum((c for r in mine if isinstance(c := r.cells[i], Decimal)),
                             Decimal(0)) or "" for i in range(1, len(table.columns)))
            rows.append(Row((title, *sums), RowKind.GROUP, 2))
            rows.extend(mine)
        block.clear()

    for row in table.rows:
        if row.kind == RowKind.ITEM:
            block.append(row)
        else:
            flush()
            rows.append(row)
    flush()
    return replace(table, rows=tuple(rows))


def test_kinds_come_from_the_headings_of_table_12(sample: Budget, tmp_path: Path) -> None:
    tables = list(build_tables(sample))
    tables[11] = with_headings(tables[11], sample)
    tables[12] = with_headings(tables[12], sample)
    result = import_tables(write_workbook(tuple(tables), tmp_path / "kinds.xlsx"))
    budget = result.budget
    assert budget is not None, result.report.text()
    wanted = {(p.unit, p.name): p.kind for p in sample.projects}
    units = {u.name: u.code for u in sample.units}
    names = {u.code: u.name for u in budget.units}
    assert {(units[names[p.unit]], p.name): p.kind for p in budget.projects} == wanted
    assert not any(g.startswith("projects/") and g.endswith("/kind")
                   for g in budget.settings.guesses)
    assert [t.texts() for t in build_tables(budget)][:11] == \
        [t.texts() for t in build_tables(sample)][:11]
    assert not any("多出" in d or ("原表" in d and "其他运转类项目" in d)
                   for d in result.report.differences), result.report.differences
    assert "按表中所列" in result.report.text()


def test_a_name_that_says_its_kind_is_not_a_guess(sample: Budget, tmp_path: Path) -> None:
    first = replace(sample.projects[0], name="科技研发基地运营管理费（其他运转类）")
    budget = replace(sample, projects=(first, *sample.projects[1:]), targets=())
    result = import_tables(write_workbook(build_tables(budget), tmp_path / "named.xlsx"))
    got = result.budget
    assert got is not None
    index = next(i for i, p in enumerate(got.projects) if p.name == first.name)
    assert got.projects[index].kind == ProjectKind.OPERATING
    assert f"projects/{index}/kind" not in got.settings.guesses
    assert any(g.endswith("/kind") for g in got.settings.guesses)  # the others stay guesses
