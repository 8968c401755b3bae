"""The 13 disclosure tables built from a budget's facts (Shanxi template)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import partial

from app.compute.functiontree import function_rows
from app.compute.ledger import Spending, basic_project_amounts, merged, sum_where
from app.compute.memo import Memo
from app.compute.tabledef import (
    ROUNDING_NOTE,
    Cell,
    Column,
    ColumnKind,
    HeaderCell,
    Row,
    RowKind,
    Table,
)
from app.compute.unitdoc import is_unit_document
from app.core.catalog import Catalog, catalog_for
from app.core.money import ZERO, total
from app.core.numerals import chinese
from app.core.records import FISCAL, SOURCES, Budget, Source
from app.profiles.shanxi import tables_more

CODE = ColumnKind.CODE
TEXT = ColumnKind.TEXT
MONEY = ColumnKind.MONEY

INCOME_LABELS = ("一、一般公共预算", "二、政府性基金预算", "三、国有资本经营预算",
                 "四、财政专户管理资金", "五、单位资金")


def money_columns(*keys: str) -> tuple[Column, ...]:
    return tuple(Column(k, MONEY) for k in keys)


def code_name_columns() -> tuple[Column, ...]:
    return (Column("code", CODE, 0.9), Column("name", TEXT, 2.6))


def class_codes(catalog: Catalog, lines: Sequence[Spending]) -> list[str]:
    """The 类 of tables 1 and 4: the catalog's 30, plus any 类 spent on that it lacks."""
    codes = {e.code for e in catalog.classes()} | {s.function[:3] for s in lines}
    return sorted(codes)


def class_label(catalog: Catalog, index: int, code: str) -> str:
    name = catalog.name(code) or f"{code}（目录中无此类）"
    return f"{chinese(index)}、{name}"


def by_class(lines: Sequence[Spending]) -> dict[str, list[Spending]]:
    """The lines of each function 类 (the first three digits of their code)."""
    classes: dict[str, list[Spending]] = defaultdict(list)
    for s in lines:
        classes[s.function[:3]].append(s)
    return classes


def table1(budget: Budget, catalog: Catalog, lines: Sequence[Spending]) -> Table:
    """预算收支总表."""
    this_year, carry = budget.income.this_year, budget.income.carryover
    rows: list[Row] = []
    classes = by_class(lines)
    for i, code in enumerate(class_codes(catalog, lines)):
        in_class = classes.get(code, [])
        now = sum_where(in_class, lambda s: not s.carryover)
        old = sum_where(in_class, lambda s: s.carryover)
        income: tuple[Cell, Cell] = (
            (INCOME_LABELS[i], this_year.get(SOURCES[i])) if i < len(SOURCES) else ("", None)
        )
        rows.append(Row((*income, class_label(catalog, i + 1, code), now + old, now, old)))
    now = sum_where(lines, lambda s: not s.carryover)
    old = sum_where(lines, lambda s: s.carryover)
    rows += [
        Row(("本年收入合计", this_year.total, "本年支出合计", now + old, now, old), RowKind.TOTAL),
        Row(("上年结转", carry.total, "年终结转", None, None, None), RowKind.TOTAL),
        Row(("收入总计", this_year.total + carry.total, "支出总计", now + old, now, old),
            RowKind.TOTAL),
    ]
    header = (
        HeaderCell("收入", 0, 0, colspan=2), HeaderCell("支出", 0, 2, colspan=4),
        HeaderCell("项目", 1, 0), HeaderCell(f"{budget.department.year}年", 1, 1),
        HeaderCell("项目", 1, 2), HeaderCell(f"{budget.department.year}年合计", 1, 3),
        HeaderCell("当年预算安排", 1, 4), HeaderCell("上年结转安排", 1, 5),
    )
    columns = (Column("income_item", TEXT, 1.6), Column("income", MONEY),
               Column("item", TEXT, 2.2), *money_columns("total", "this_year", "carryover"))
    return Table(1, f"{budget.department.year}年预算收支总表", budget.department.name, columns,
                 header, tuple(rows), notes=(ROUNDING_NOTE,))


def table2(budget: Budget, catalog: Catalog, lines: Sequence[Spending]) -> Table:
    """预算收入总表: this year's money by function and source, and 上年结转."""
    amounts: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * 7)
    for s in lines:
        row = amounts[s.function]
        if s.carryover:
            row[6] += s.amount
        else:
            row[0] += s.amount
            row[1 + SOURCES.index(s.source)] += s.amount
    header = (
        HeaderCell("项目", 0, 0, colspan=2), HeaderCell("本年收入", 0, 2, colspan=6),
        HeaderCell("上年结转", 0, 8, rowspan=2),
        HeaderCell("科目编码", 1, 0), HeaderCell("科目名称", 1, 1), HeaderCell("合计", 1, 2),
        HeaderCell("一般公共预算", 1, 3), HeaderCell("政府性基金", 1, 4),
        HeaderCell("国有资本经营预算", 1, 5), HeaderCell("财政专户管理资金", 1, 6),
        HeaderCell("单位资金", 1, 7),
    )
    columns = (*code_name_columns(), *money_columns(
        "total", "general", "fund", "capital", "special", "unit", "carryover"))
    rows = function_rows(catalog, dict(amounts), 7)
    return _function_table(2, f"{budget.department.year}年预算收入总表", budget, columns, header,
                           rows, landscape=True)


def basic_project_header(year: int, group: str = "项目") -> tuple[HeaderCell, ...]:
    return (
        HeaderCell(group, 0, 0, colspan=2), HeaderCell(f"{year}年预算数", 0, 2, colspan=3),
        HeaderCell("科目编码", 1, 0), HeaderCell("科目名称", 1, 1), HeaderCell("合计", 1, 2),
        HeaderCell("基本支出", 1, 3), HeaderCell("项目支出", 1, 4),
    )


def table3(budget: Budget, catalog: Catalog, lines: Sequence[Spending]) -> Table:
    """预算支出总表: all money (this year and 上年结转) by function, 基本/项目."""
    rows = function_rows(catalog, basic_project_amounts(lines, lambda s: True), 3)
    columns = (*code_name_columns(), *money_columns("total", "basic", "project"))
    return _function_table(3, f"{budget.department.year}年预算支出总表", budget, columns,
                           basic_project_header(budget.department.year), rows)


def table4(budget: Budget, catalog: Catalog, lines: Sequence[Spending]) -> Table:
    """财政拨款收支总表: the three 财政拨款 sources, this year and 上年结转 together."""
    fiscal = [s for s in lines if s.source in FISCAL]
    classes = by_class(fiscal)
    this_year, carry = budget.income.this_year, budget.income.carryover
    rows: list[Row] = []

    def by_source(chosen: list[Spending]) -> tuple[Decimal, ...]:
        parts = tuple(total(s.amount for s in chosen if s.source == src) for src in FISCAL)
        return (total(parts), *parts)

    for i, code in enumerate(class_codes(catalog, lines)):
        income: tuple[Cell, Cell] = (
            (INCOME_LABELS[i], this_year.get(FISCAL[i])) if i < len(FISCAL) else ("", None)
        )
        in_class = classes.get(code, [])
        rows.append(Row((*income, class_label(catalog, i + 1, code), *by_source(in_class))))
    spent = by_source(fiscal)
    blank: tuple[Cell, ...] = (None, None, None, None)
    rows.append(Row(("本年收入合计", this_year.fiscal, "本年支出合计", *spent), RowKind.TOTAL))
    rows.append(Row(("上年财政拨款结转", carry.fiscal, "年终结转", *blank), RowKind.TOTAL))
    for i, src in enumerate(FISCAL):
        rows.append(Row((INCOME_LABELS[i], carry.get(src), "", *blank), RowKind.ITEM, 1))
    rows.append(Row(("收入总计", this_year.fiscal + carry.fiscal, "支出总计", *spent),
                    RowKind.TOTAL))
    header = (
        HeaderCell("收入", 0, 0, colspan=2), HeaderCell("支出", 0, 2, colspan=5),
        HeaderCell("项目", 1, 0, rowspan=2), HeaderCell("金额", 1, 1, rowspan=2),
        HeaderCell("项目", 1, 2, rowspan=2), HeaderCell("金额", 1, 3, colspan=4),
        HeaderCell("小计", 2, 3), HeaderCell("一般公共预算", 2, 4),
        HeaderCell("政府性基金预算", 2, 5), HeaderCell("国有资本经营预算", 2, 6),
    )
    columns = (Column("income_item", TEXT, 1.6), Column("income", MONEY),
               Column("item", TEXT, 2.2), *money_columns("total", "general", "fund", "capital"))
    return Table(4, f"{budget.department.year}年财政拨款收支总表", budget.department.name,
                 columns, header, tuple(rows))


def table5(budget: Budget, catalog: Catalog, lines: Sequence[Spending]) -> Table:
    """一般公共预算支出预算表（不含上年结转）."""
    pick: Callable[[Spending], bool] = (
        lambda s: s.source == Source.GENERAL and not s.carryover)
    rows = function_rows(catalog, basic_project_amounts(lines, pick), 3)
    columns = (*code_name_columns(), *money_columns("total", "basic", "project"))
    return _function_table(
        5, f"{budget.department.year}年一般公共预算支出预算表（不含上年结转）", budget, columns,
        basic_project_header(budget.department.year), rows)


def table8(budget: Budget, catalog: Catalog, lines: Sequence[Spending]) -> Table:
    """政府性基金预算支出表（不含上年结转）."""
    pick: Callable[[Spending], bool] = lambda s: s.source == Source.FUND and not s.carryover
    rows = function_rows(catalog, basic_project_amounts(lines, pick), 3)
    header = (
        HeaderCell("科目编码", 0, 0), HeaderCell("科目名称", 0, 1), HeaderCell("合计", 0, 2),
        HeaderCell("基本支出", 0, 3), HeaderCell("项目支出", 0, 4),
    )
    columns = (*code_name_columns(), *money_columns("total", "basic", "project"))
    return _function_table(
        8, f"{budget.department.year}年政府性基金预算支出表（不含上年结转）", budget, columns,
        header, rows)


def _function_table(number: int, title: str, budget: Budget, columns: tuple[Column, ...],
                    header: tuple[HeaderCell, ...], rows: list[Row],
                    landscape: bool = False) -> Table:
    empty = len(rows) == 1
    return Table(number, title, budget.department.name, columns, header, tuple(rows),
                 empty=empty, landscape=landscape)


def build_tables(budget: Budget, catalog: Catalog | None = None) -> tuple[Table, ...]:
    """The 13 tables of the disclosure, in order.

    Each table is kept for the very records it reads (`app.compute.memo`): after an edit only
    the tables that read a changed record are built again, from spending lines summed per
    function and source (`ledger.merged`, itself rebuilt from each project's kept lines) and,
    for tables 12 and 13, from each project's kept row. The result is the same as building
    every table afresh (tests/unit/compute/test_incremental.py).
    """
    d = budget.department
    if catalog is None:
        catalog = _CATALOGS.get("catalog", (d, budget.catalog_entries),
                                partial(catalog_for, budget))
    lines = merged(budget)
    get = _TABLES.get
    income, economic, revenues = budget.income, budget.basic_economic, budget.revenues
    units, projects = budget.units, budget.projects
    tables = (
        get("1", (d, income, catalog, lines), partial(table1, budget, catalog, lines)),
        get("2", (d, catalog, lines), partial(table2, budget, catalog, lines)),
        get("3", (d, catalog, lines), partial(table3, budget, catalog, lines)),
        get("4", (d, income, catalog, lines), partial(table4, budget, catalog, lines)),
        get("5", (d, catalog, lines), partial(table5, budget, catalog, lines)),
        get("6", (d, catalog, economic), partial(tables_more.table6, budget, catalog)),
        get("7", (d, revenues), partial(tables_more.table7, budget)),
        get("8", (d, catalog, lines), partial(table8, budget, catalog, lines)),
        get("9", (d, catalog, revenues, lines),
            partial(tables_more.table9, budget, catalog, lines)),
        get("10", (d, budget.three_public), partial(tables_more.table10, budget)),
        get("11", (d, units, economic), partial(tables_more.table11, budget)),
        get("12", (d, units, projects), partial(tables_more.table12, budget)),
        get("13", (d, units, projects), partial(tables_more.table13, budget)),
    )
    if is_unit_document(budget):
        return tuple(_UNIT_TABLES.one(t, unit_wording) for t in tables)
    return tables


_CATALOGS: Memo[Catalog] = Memo(8)
_TABLES: Memo[Table] = Memo(64)
_UNIT_TABLES: Memo[Table] = Memo(64)


def unit_wording(table: Table) -> Table:
    """A table of a unit's document: "单位名称：", and 单位 where a title or total says 部门."""
    rows = tuple(replace(r, cells=tuple("合计" if c == "部门合计" else c for c in r.cells))
                 for r in table.rows)
    return replace(table, title=table.title.replace("部门预算", "单位预算"),
                   department_label="单位名称", rows=rows)
