"""Tables 6, 7, 9, 10, 11, 12 and 13 of the disclosure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import fields
from decimal import Decimal
from functools import partial
from itertools import zip_longest
from operator import attrgetter

from app.compute.economic import general_lines, is_personnel, operating_lines, personnel_class
from app.compute.functiontree import function_rows
from app.compute.ledger import Spending
from app.compute.memo import Memo
from app.compute.tabledef import Cell, Column, ColumnKind, HeaderCell, Row, RowKind, Table
from app.core.catalog import DEPT, GOV, Catalog
from app.core.money import ZERO, total
from app.core.records import FISCAL, SOURCES, Budget, Project, Source, Split, ThreePublicItem

CODE, TEXT, MONEY = ColumnKind.CODE, ColumnKind.TEXT, ColumnKind.MONEY
# each source's field of Split, for reading a project's amounts with one attrgetter call
FIELD = {s: next(f.name for f in fields(Split) if getattr(Split.of(s, Decimal(1)), f.name))
         for s in SOURCES}


def table6(budget: Budget, catalog: Catalog) -> Table:
    """一般公共预算安排基本支出分经济科目表（不含上年结转）."""
    lines = general_lines(budget)
    pairs: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for b in lines:
        pairs[(b.dept, b.gov)] += b.amount

    def split(amount: Decimal, personnel: bool) -> tuple[Decimal, Decimal | None, Decimal | None]:
        return (amount, amount, None) if personnel else (amount, None, amount)

    people = sum((b.amount for b in lines if is_personnel(b)), ZERO)
    public = sum((b.amount for b in lines if not is_personnel(b)), ZERO)
    rows = [Row(("合计", "", people + public, people, public), RowKind.TOTAL, 0)]
    classes: dict[str, list[tuple[tuple[str, str], Decimal]]] = defaultdict(list)
    for pair in pairs.items():  # grouped in one pass, not one pass over the pairs per class
        classes[pair[0][0][:3]].append(pair)
    for cls in sorted(classes):
        members = sorted(classes[cls])
        personnel = personnel_class(cls)
        class_sum = total(v for _, v in members)
        rows.append(Row((catalog.name(cls, DEPT) or cls, "", *split(class_sum, personnel)),
                        RowKind.GROUP, 1))
        for (dept, gov), value in members:
            rows.append(Row((catalog.name(dept, DEPT) or dept, catalog.name(gov, GOV) or gov,
                             *split(value, personnel)), RowKind.ITEM, 2))
    year = budget.department.year
    header = (
        HeaderCell("部门预算支出经济科目名称", 0, 0, rowspan=2),
        HeaderCell("政府预算支出经济科目名称", 0, 1, rowspan=2),
        HeaderCell(f"{year}年预算数", 0, 2, colspan=3),
        HeaderCell("合计", 1, 2), HeaderCell("人员经费", 1, 3), HeaderCell("公用经费", 1, 4),
    )
    columns = (Column("dept", TEXT, 2.2), Column("gov", TEXT, 2.0),
               Column("total", MONEY), Column("personnel", MONEY), Column("public", MONEY))
    return Table(6, f"{year}年一般公共预算安排基本支出分经济科目表（不含上年结转）",
                 budget.department.name, columns, header, tuple(rows), empty=not lines)


def revenue_rows(budget: Budget, source: Source) -> list[tuple[str, str, Decimal]]:
    return [(r.code, r.name, r.amount) for r in budget.revenues if r.source == source and r.amount]


def table7(budget: Budget) -> Table:
    """政府性基金预算收入表（不含上年结转）."""
    found = revenue_rows(budget, Source.FUND)
    rows = [Row(("合计", "", total(a for _, _, a in found)), RowKind.TOTAL)]
    rows += [Row((code, name, amount), RowKind.ITEM, 1) for code, name, amount in found]
    header = (
        HeaderCell("项目", 0, 0, colspan=2), HeaderCell("政府性基金收入预算", 0, 2, rowspan=2),
        HeaderCell("收入科目编码", 1, 0), HeaderCell("科目名称", 1, 1),
    )
    columns = (Column("code", CODE, 1.0), Column("name", TEXT, 2.6), Column("amount", MONEY, 1.4))
    year = budget.department.year
    return Table(7, f"{year}年政府性基金预算收入表（不含上年结转）", budget.department.name,
                 columns, header, tuple(rows), empty=not found)


def table9(budget: Budget, catalog: Catalog, lines: Sequence[Spending]) -> Table:
    """国有资本经营预算收支预算表（不含上年结转）: income and spending side by side."""
    income = revenue_rows(budget, Source.CAPITAL)
    amounts: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * 3)
    for s in lines:
        if s.source == Source.CAPITAL and not s.carryover:
            amounts[s.function][0] += s.amount
            amounts[s.function][1 if s.basic else 2] += s.amount
    spend = function_rows(catalog, dict(amounts), 3)
    head = spend[0].cells
    rows = [Row(("合计", "", total(a for _, _, a in income), "", "", *head[2:]),
                RowKind.TOTAL)]
    for inc, out in zip_longest(income, spend[1:]):
        left: tuple[Cell, ...] = inc if inc else ("", "", None)
        right: tuple[Cell, ...] = out.cells if out else ("", "", None, None, None)
        rows.append(Row((*left, *right), out.kind if out else RowKind.ITEM,
                        out.level if out else 1))
    header = (
        HeaderCell("国有资本经营预算收入", 0, 0, colspan=3),
        HeaderCell("国有资本经营预算支出", 0, 3, colspan=5),
        HeaderCell("项目", 1, 0, colspan=2), HeaderCell("国有资本经营收入预算", 1, 2, rowspan=2),
        HeaderCell("科目编码", 1, 3, rowspan=2), HeaderCell("科目名称", 1, 4, rowspan=2),
        HeaderCell("合计", 1, 5, rowspan=2), HeaderCell("基本支出", 1, 6, rowspan=2),
        HeaderCell("项目支出", 1, 7, rowspan=2),
        HeaderCell("收入科目编码", 2, 0), HeaderCell("科目名称", 2, 1),
    )
    columns = (Column("income_code", CODE, 0.9), Column("income_name", TEXT, 1.8),
               Column("income", MONEY), Column("code", CODE, 0.9), Column("name", TEXT, 1.8),
               Column("total", MONEY), Column("basic", MONEY), Column("project", MONEY))
    year = budget.department.year
    return Table(9, f"{year}年国有资本经营预算收支预算表（不含上年结转）",
                 budget.department.name, columns, header, tuple(rows),
                 empty=not income and len(spend) == 1, landscape=True)


def fiscal_cells(split: Split) -> tuple[Decimal, ...]:
    return (split.fiscal, *(split.get(s) for s in FISCAL))


def three_public_split(budget: Budget, item: ThreePublicItem) -> Split:
    result = Split()
    for t in budget.three_public:
        if t.item == item and t.source in FISCAL:
            result = result + Split.of(t.source, t.amount)
    return result


def table10(budget: Budget) -> Table:
    """财政拨款安排"三公"经费支出预算表."""
    abroad = three_public_split(budget, ThreePublicItem.ABROAD)
    reception = three_public_split(budget, ThreePublicItem.RECEPTION)
    purchase = three_public_split(budget, ThreePublicItem.VEHICLE_PURCHASE)
    running = three_public_split(budget, ThreePublicItem.VEHICLE_RUNNING)
    vehicles = purchase + running
    everything = abroad + reception + vehicles
    rows = (
        Row(("因公出国（境）费", *fiscal_cells(abroad)), RowKind.ITEM, 0),
        Row(("公务接待费", *fiscal_cells(reception)), RowKind.ITEM, 0),
        Row(("公务用车购置及运行费", *fiscal_cells(vehicles)), RowKind.GROUP, 0),
        Row(("①公务用车购置费", *fiscal_cells(purchase)), RowKind.ITEM, 1),
        Row(("②公务用车运行维护费", *fiscal_cells(running)), RowKind.ITEM, 1),
        Row(("合计", *fiscal_cells(everything)), RowKind.TOTAL, 0),
    )
    year = budget.department.year
    header = (
        HeaderCell("项目", 0, 0, rowspan=2), HeaderCell(f"{year}年预算数", 0, 1, colspan=4),
        HeaderCell("合计", 1, 1), HeaderCell("一般公共预算", 1, 2),
        HeaderCell("政府性基金预算", 1, 3), HeaderCell("国有资本经营预算", 1, 4),
    )
    columns = (Column("item", TEXT, 2.2), *(Column(k, MONEY) for k in
                                             ("total", "general", "fund", "capital")))
    return Table(10, f"{year}年财政拨款安排“三公”经费支出预算表", budget.department.name,
                 columns, header, rows, empty=everything.fiscal == 0)


def table11(budget: Budget) -> Table:
    """财政拨款安排机关运行经费预算表: 部门合计 and each unit that has it."""
    per_unit: dict[str, Split] = defaultdict(Split)
    for b in operating_lines(budget):
        per_unit[b.unit] = per_unit[b.unit] + Split.of(b.source, b.amount)
    whole = sum(per_unit.values(), Split())
    rows = [Row(("部门合计", *fiscal_cells(whole)), RowKind.TOTAL, 0)]
    rows += [Row((u.name, *fiscal_cells(per_unit[u.code])), RowKind.ITEM, 1)
             for u in budget.units if u.code in per_unit]
    year = budget.department.year
    header = (
        HeaderCell("单位名称", 0, 0, rowspan=2), HeaderCell(f"{year}预算数", 0, 1, colspan=4),
        HeaderCell("合计", 1, 1), HeaderCell("一般公共预算", 1, 2),
        HeaderCell("政府性基金预算", 1, 3), HeaderCell("国有资本经营预算", 1, 4),
    )
    columns = (Column("unit", TEXT, 2.2), *(Column(k, MONEY) for k in
                                             ("total", "general", "fund", "capital")))
    return Table(11, f"{year}年财政拨款安排机关运行经费预算表", budget.department.name,
                 columns, header, tuple(rows), empty=whole.fiscal == 0)


def project_rows(budget: Budget, carryover: bool, sources: tuple[Source, ...]) -> list[Row]:
    """Department row, then each unit with its projects (only those with money).

    Each project's row is kept for that project object, each unit's sums for its projects'
    rows and each unit's row for the unit and those sums (`app.compute.memo`), so after an
    edit only what it changed is made again; the sums are the same exact Decimals as summing
    every project's amounts afresh (an exact sum does not depend on its grouping).
    """
    zero = tuple(ZERO for _ in sources)
    made = _row_maker(carryover, sources)
    by_unit: dict[str, list[Row]] = {}
    projects = budget.projects
    for start in range(0, len(projects), BLOCK):  # each block's rows kept for its projects
        block = projects[start:start + BLOCK]
        for code, row in made.blocks.get("block", block, partial(made.block, block)):
            found = by_unit.get(code)
            if found is None:
                by_unit[code] = [row]
            else:
                found.append(row)
    unit_sums = {code: _SUMS.get("sums", tuple(rows), partial(_column_sums, rows))
                 for code, rows in by_unit.items()}
    whole = (tuple(total(column) for column in zip(*unit_sums.values(), strict=True))
             if unit_sums else zero)
    rows = [Row((budget.department.name, total(whole), *whole), RowKind.TOTAL, 0)]
    for unit in budget.units:
        mine = by_unit.get(unit.code)
        if mine:
            sums = unit_sums[unit.code]
            rows.append(_UNIT_ROWS.get("unit", (unit, sums), partial(_unit_row, unit.name, sums)))
            rows += mine
    return rows


BLOCK = 50  # projects whose rows are kept together: an edit makes one block's again


class _RowMaker:
    """A project's item row for one table (this year's or 上年结转's amounts of sources)."""

    def __init__(self, carryover: bool, sources: tuple[Source, ...]) -> None:
        self.carryover = carryover
        self.sources = sources
        self.getter = attrgetter(*(FIELD[s] for s in sources))
        self.kept: Memo[Row | None] = Memo(10_000)  # by project
        self.blocks: Memo[tuple[tuple[str, Row], ...]] = Memo(500)  # by BLOCK projects

    def block(self, projects: tuple[Project, ...]) -> tuple[tuple[str, Row], ...]:
        """(unit code, row) of each of projects that has money, in order."""
        found = ((p.unit, self.kept.one(p, self)) for p in projects)
        return tuple((unit, row) for unit, row in found if row is not None)

    def __call__(self, p: Project) -> Row | None:
        split = p.carryover if self.carryover else p.amounts
        amounts: tuple[Decimal, ...] = (self.getter(split) if len(self.sources) > 1
                                        else (self.getter(split),))
        if not total(amounts):
            return None
        return Row((p.name, total(amounts), *amounts), RowKind.ITEM, 2)


_MAKERS: dict[tuple[bool, tuple[Source, ...]], _RowMaker] = {}


def _row_maker(carryover: bool, sources: tuple[Source, ...]) -> _RowMaker:
    made = _MAKERS.get((carryover, sources))
    if made is None:
        made = _MAKERS[(carryover, sources)] = _RowMaker(carryover, sources)
    return made


def _column_sums(rows: list[Row]) -> tuple[Decimal, ...]:
    """Column by column, the exact sums of the items' amounts (their cells after name, 合计)."""
    return tuple(total(column)  # type: ignore[arg-type]  # item rows' amount cells are Decimal
                 for column in zip(*(r.cells[2:] for r in rows), strict=True))


def _unit_row(name: str, sums: tuple[Decimal, ...]) -> Row:
    return Row((name, total(sums), *sums), RowKind.GROUP, 1)


_SUMS: Memo[tuple[Decimal, ...]] = Memo(2_000)
_UNIT_ROWS: Memo[Row] = Memo(2_000)


def table12(budget: Budget) -> Table:
    """项目支出预算表（本年预算）."""
    rows = project_rows(budget, False, SOURCES)
    year = budget.department.year
    header = (
        HeaderCell("项目名称", 0, 0, rowspan=2), HeaderCell("合计", 0, 1, rowspan=2),
        HeaderCell(f"{year}年财政拨款", 0, 2, colspan=3),
        HeaderCell("财政专户管理资金", 0, 5, rowspan=2), HeaderCell("单位资金", 0, 6, rowspan=2),
        HeaderCell("一般公共预算", 1, 2), HeaderCell("政府性基金预算", 1, 3),
        HeaderCell("国有资本经营预算", 1, 4),
        *(HeaderCell(str(i + 1), 2, i) for i in range(7)),
    )
    columns = (Column("name", TEXT, 3.0), *(Column(k, MONEY) for k in
                                             ("total", "general", "fund", "capital", "special",
                                              "unit")))
    return Table(12, f"{year}年项目支出预算表（本年预算）", budget.department.name, columns,
                 header, tuple(rows), empty=len(rows) == 1)


def table13(budget: Budget) -> Table:
    """项目支出预算表（上年结转）."""
    rows = project_rows(budget, True, FISCAL)
    year = budget.department.year
    header = (
        HeaderCell("项目名称", 0, 0, rowspan=2), HeaderCell("合计", 0, 1, rowspan=2),
        HeaderCell(f"{year}年财政拨款", 0, 2, colspan=3),
        HeaderCell("一般公共预算", 1, 2), HeaderCell("政府性基金预算", 1, 3),
        HeaderCell("国有资本经营预算", 1, 4),
        *(HeaderCell(str(i + 1), 2, i) for i in range(5)),
    )
    columns = (Column("name", TEXT, 3.0), *(Column(k, MONEY) for k in
                                             ("total", "general", "fund", "capital")))
    return Table(13, f"{year}年项目支出预算表（上年结转）", budget.department.name, columns,
                 header, tuple(rows), empty=len(rows) == 1)
