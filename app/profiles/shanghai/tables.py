"""Shanghai's 9 tables built from a budget's facts: amounts in 元, the 三公 table in 万元.

Only this year's money is shown (the template has no 上年结转). Function tables print the
code in three columns 类/款/项 and their 合计 row last, as the published tables do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from functools import partial

from app.compute.functiontree import function_rows
from app.compute.ledger import Spending, basic_project_amounts, merged, spending
from app.compute.memo import Memo
from app.compute.tabledef import Cell, Column, ColumnKind, HeaderCell, Money, Row, RowKind, Table
from app.core.catalog import Catalog, catalog_for
from app.core.money import ZERO, total
from app.core.numerals import chinese
from app.core.records import FISCAL, Budget, Source, Split
from app.profiles.shanghai import tables_more
from app.profiles.shanghai.words import DEPARTMENT, Words, check_kind

CODE, TEXT, MONEY = ColumnKind.CODE, ColumnKind.TEXT, ColumnKind.MONEY
FISCAL_LABELS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")


def make_table(words: Words, budget: Budget, number: int, key: str,
               columns: tuple[Column, ...], header: tuple[HeaderCell, ...], rows: Sequence[Row],
               *, empty: bool = False, empty_note: str = "", money: Money = Money.YUAN,
               landscape: bool = False) -> Table:
    """A Shanghai table: no caption, "编制部门：" line, amounts in 元 unless said."""
    year = budget.department.year
    return Table(number, words.title(year, key), budget.department.name, columns, header,
                 tuple(rows), empty=empty, landscape=landscape, money=money, caption_prefix="",
                 department_label=words.label, empty_note=empty_note or "注：本表无数据", key=key)


def money_columns(*keys: str) -> tuple[Column, ...]:
    return tuple(Column(k, MONEY) for k in keys)


def code_columns() -> tuple[Column, ...]:
    """类, 款, 项 and the name: the four left columns of a function table."""
    return (Column("class", CODE, 0.5), Column("section", CODE, 0.4), Column("item", CODE, 0.4),
            Column("name", TEXT, 2.6))


def split_code(code: str) -> tuple[str, str, str]:
    """"2070101" → ("207", "01", "01"); "20701" → ("207", "01", "")."""
    return code[:3], code[3:5], code[5:7]


def coded_rows(catalog: Catalog, amounts: dict[str, list[Decimal]], width: int) -> list[Row]:
    """类/款/项 rows with the code in three cells, then the 合计 row."""
    rows = function_rows(catalog, amounts, width)
    body = [Row((*split_code(str(r.cells[0])), *r.cells[1:]), r.kind, r.level) for r in rows[1:]]
    return [*body, Row(("合计", "", "", "", *rows[0].cells[2:]), RowKind.TOTAL, 0)]


def function_header(group: str, money: Sequence[str]) -> tuple[HeaderCell, ...]:
    """项目 | group over 功能分类科目编码 (类 款 项), 功能分类科目名称 and the money columns."""
    return (
        HeaderCell("项目", 0, 0, colspan=4), HeaderCell(group, 0, 4, colspan=len(money)),
        HeaderCell("功能分类科目编码", 1, 0, colspan=3),
        HeaderCell("功能分类科目名称", 1, 3, rowspan=2),
        *(HeaderCell(m, 1, 4 + i, rowspan=2) for i, m in enumerate(money)),
        HeaderCell("类", 2, 0), HeaderCell("款", 2, 1), HeaderCell("项", 2, 2),
    )


def this_year(budget: Budget) -> list[Spending]:
    """This year's spending lines (the template shows no 上年结转)."""
    return [s for s in spending(budget) if not s.carryover]


def this_year_summed(budget: Budget) -> tuple[Spending, ...]:
    """This year's lines summed per function, source and 基本/项目 (`ledger.merged`): every sum
    over them is the one over `this_year`'s lines; kept while the budget's 基本支出 and projects
    are the same objects."""
    lines = merged(budget)
    return _LINES.get("this-year", (lines,), partial(_this_year, lines))


def _this_year(lines: tuple[Spending, ...]) -> tuple[Spending, ...]:
    return tuple(s for s in lines if not s.carryover)


def class_rows(catalog: Catalog, lines: Sequence[Spending]) -> list[tuple[str, Decimal]]:
    """(\"一、文化旅游体育与传媒支出\", amount) for each 类 with money, in code order."""
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for s in lines:
        sums[s.function[:3]] += s.amount
    codes = [c for c in sorted(sums) if sums[c]]
    return [(f"{chinese(i)}、{catalog.name(c) or c}", sums[c]) for i, c in enumerate(codes, 1)]


def income_kinds(budget: Budget) -> tuple[Decimal, Decimal, Decimal]:
    """(事业收入, 事业单位经营收入, 其他收入) of this year."""
    now, kinds = budget.income.this_year, budget.income.kinds
    rest = now.special + now.unit
    return rest - kinds.operating - kinds.other, kinds.operating, kinds.other


def nonzero(value: Decimal) -> Decimal | None:
    return value or None


def finance(budget: Budget, catalog: Catalog, lines: Sequence[Spending], words: Words) -> Table:
    """部门财务收支预算总表: income by kind beside spending by 类."""
    now = budget.income.this_year
    business, operating, other = income_kinds(budget)
    left: list[tuple[str, Decimal]] = [
        ("一、财政拨款收入", now.fiscal),
        *((f"{i}. {label}", now.get(src))
          for i, (label, src) in enumerate(zip(FISCAL_LABELS, FISCAL, strict=True), 1)),
        ("二、事业收入", business), ("三、事业单位经营收入", operating), ("四、其他收入", other),
    ]
    right = class_rows(catalog, lines)
    rows = []
    for i in range(max(len(left), len(right))):
        a: tuple[Cell, Cell] = (left[i][0], nonzero(left[i][1])) if i < len(left) else ("", None)
        b: tuple[Cell, Cell] = (right[i][0], right[i][1]) if i < len(right) else ("", None)
        rows.append(Row((*a, *b), RowKind.ITEM, 1 if i in (1, 2, 3) else 0))
    rows.append(Row(("收入总计", now.total, "支出总计", total(s.amount for s in lines)),
                    RowKind.TOTAL))
    header = (
        HeaderCell("本年收入", 0, 0, colspan=2), HeaderCell("本年支出", 0, 2, colspan=2),
        HeaderCell("项目", 1, 0), HeaderCell("预算数", 1, 1),
        HeaderCell("项目", 1, 2), HeaderCell("预算数", 1, 3),
    )
    columns = (Column("income_item", TEXT, 2.0), Column("income", MONEY),
               Column("item", TEXT, 2.4), Column("amount", MONEY))
    return make_table(words, budget, 1, "finance", columns, header, rows)


def income(budget: Budget, catalog: Catalog, lines: Sequence[Spending], words: Words) -> Table:
    """部门收入预算总表: this year's money by function and kind of income.

    Money that is not 财政拨款 is shown as 事业收入 by function (the file does not say which
    function the 经营收入 and 其他收入 pay for); table 1 splits the totals.
    """
    amounts: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * 5)
    for s in lines:
        row = amounts[s.function]
        row[0] += s.amount
        row[1 if s.source.fiscal else 2] += s.amount
    money = ("合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入")
    columns = (*code_columns(), *money_columns("total", "fiscal", "business", "operating",
                                               "other"))
    rows = coded_rows(catalog, dict(amounts), 5)
    return make_table(words, budget, 2, "income", columns, function_header("收入预算", money),
                      rows, landscape=True)


BASIC_PROJECT = ("合计", "基本支出", "项目支出")


def spending_table(budget: Budget, catalog: Catalog, lines: Sequence[Spending], words: Words) -> Table:
    """部门支出预算总表: this year's money by function, 基本/项目."""
    rows = coded_rows(catalog, basic_project_amounts(lines, lambda s: True), 3)
    columns = (*code_columns(), *money_columns("total", "basic", "project"))
    return make_table(words, budget, 3, "spending", columns,
                      function_header("支出预算", BASIC_PROJECT), rows)


def fiscal(budget: Budget, catalog: Catalog, lines: Sequence[Spending], words: Words) -> Table:
    """部门财政拨款收支预算总表: the three fiscal sources beside fiscal spending by 类."""
    now = budget.income.this_year
    chosen = [s for s in lines if s.source.fiscal]
    by_class: dict[str, Split] = defaultdict(Split)
    for s in chosen:
        by_class[s.function[:3]] = by_class[s.function[:3]] + Split.of(s.source, s.amount)
    codes = [c for c in sorted(by_class) if by_class[c].fiscal]
    right = [(f"{chinese(i)}、{catalog.name(c) or c}", by_class[c])
             for i, c in enumerate(codes, 1)]

    def cells(split: Split) -> tuple[Decimal | None, ...]:
        return (split.fiscal, *(nonzero(split.get(src)) for src in FISCAL))

    rows = []
    for i in range(max(len(FISCAL), len(right))):
        a: tuple[Cell, Cell] = ((f"{chinese(i + 1)}、{FISCAL_LABELS[i]}", nonzero(now.get(FISCAL[i])))
                                if i < len(FISCAL) else ("", None))
        b: tuple[Cell, ...] = (right[i][0], *cells(right[i][1])) if i < len(right) else (
            "", None, None, None, None)
        rows.append(Row((*a, *b)))
    whole = sum((s for _, s in right), Split())
    rows.append(Row(("收入总计", now.fiscal, "支出总计", *cells(whole)), RowKind.TOTAL))
    header = (
        HeaderCell("财政拨款收入", 0, 0, colspan=2), HeaderCell("财政拨款支出", 0, 2, colspan=5),
        HeaderCell("项目", 1, 0), HeaderCell("预算数", 1, 1), HeaderCell("项目", 1, 2),
        HeaderCell("合计", 1, 3), *(HeaderCell(label, 1, 4 + i)
                                   for i, label in enumerate(FISCAL_LABELS)),
    )
    columns = (Column("income_item", TEXT, 1.6), Column("income", MONEY),
               Column("item", TEXT, 2.2), *money_columns("total", "general", "fund", "capital"))
    return make_table(words, budget, 4, "fiscal", columns, header, rows, landscape=True)


def by_source(budget: Budget, catalog: Catalog, lines: Sequence[Spending], words: Words,
              number: int, key: str, source: Source) -> Table:
    """部门…预算支出功能分类预算表 of one fiscal source; empty with its note when none."""
    rows = coded_rows(catalog, basic_project_amounts(lines, lambda s: s.source == source), 3)
    columns = (*code_columns(), *money_columns("total", "basic", "project"))
    empty = len(rows) == 1
    note = words.empty_note(budget.department.year, source.value)
    return make_table(words, budget, number, key, columns,
                      function_header(f"{source.value}支出", BASIC_PROJECT), rows,
                      empty=empty, empty_note=note)


def build_tables(budget: Budget, kind: str = DEPARTMENT,
                 catalog: Catalog | None = None) -> tuple[Table, ...]:
    """The 9 tables of the Shanghai template for a 部门 (default) or 单位 document, in order.

    Each table is kept for the very records it reads (`app.compute.memo`), so after an edit
    only the tables that read a changed record are built again.
    """
    words = _WORDS.setdefault(kind, check_kind(kind))
    d = budget.department
    if catalog is None:
        catalog = _CATALOGS.get("catalog", (d, budget.catalog_entries),
                                partial(catalog_for, budget))
    lines = this_year_summed(budget)
    get = _TABLES.get
    common = (words, d, catalog)
    income_now = budget.income
    return (
        get("finance", (*common, income_now, lines), partial(finance, budget, catalog, lines,
                                                              words)),
        get("income", (*common, income_now, lines), partial(income, budget, catalog, lines,
                                                             words)),
        get("spending", (*common, lines), partial(spending_table, budget, catalog, lines, words)),
        get("fiscal", (*common, income_now, lines), partial(fiscal, budget, catalog, lines,
                                                            words)),
        *(get(key, (*common, lines), partial(by_source, budget, catalog, lines, words, number,
                                             key, source))
          for number, key, source in ((5, "general", Source.GENERAL), (6, "fund", Source.FUND),
                                      (7, "capital", Source.CAPITAL))),
        get("economic", (*common, budget.basic_economic),
            partial(tables_more.economic, budget, catalog, words)),
        get("three-public", (words, d, budget.three_public, budget.units, budget.basic_economic),
            partial(tables_more.three_public, budget, words)),
    )


_WORDS: dict[str, Words] = {}
_CATALOGS: Memo[Catalog] = Memo(8)
_LINES: Memo[tuple[Spending, ...]] = Memo(8)
_TABLES: Memo[Table] = Memo(64)
