"""Shanghai's tables 8 and 9: 基本支出 by 部门经济分类, and "三公"经费 with 机关运行经费 (万元)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from app.compute.economic import general_lines, is_personnel
from app.compute.tabledef import Column, ColumnKind, HeaderCell, Money, Row, RowKind, Table
from app.core.catalog import DEPT, Catalog
from app.core.money import ZERO, total
from app.core.records import FISCAL, Budget, Source, ThreePublicItem
from app.profiles.shanghai.words import Words

CODE, TEXT, MONEY = ColumnKind.CODE, ColumnKind.TEXT, ColumnKind.MONEY


def _table(words: Words, budget: Budget, number: int, key: str, columns: tuple[Column, ...],
           header: tuple[HeaderCell, ...], rows: list[Row], money: Money) -> Table:
    return Table(number, words.title(budget.department.year, key), budget.department.name,
                 columns, header, tuple(rows), money=money, caption_prefix="",
                 department_label=words.label, key=key)


def economic(budget: Budget, catalog: Catalog, words: Words) -> Table:
    """部门一般公共预算基本支出部门预算经济分类预算表: 类 and 款 rows, 人员/公用, 合计 last."""
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for line in general_lines(budget):
        side = 0 if is_personnel(line) else 1
        for code in (line.dept[:3], line.dept):
            sums[code][side] += line.amount
    rows: list[Row] = []
    for code in sorted(sums):
        people, public = sums[code]
        section = code[3:5]
        rows.append(Row((code[:3], section, catalog.name(code, DEPT) or code,
                         people + public, people, public),
                        RowKind.ITEM if section else RowKind.GROUP, 2 if section else 1))
    people = total(v[0] for c, v in sums.items() if len(c) == 3)
    public = total(v[1] for c, v in sums.items() if len(c) == 3)
    rows.append(Row(("合计", "", "", people + public, people, public), RowKind.TOTAL, 0))
    header = (
        HeaderCell("项目", 0, 0, colspan=3), HeaderCell("一般公共预算基本支出", 0, 3, colspan=3),
        HeaderCell("部门预算经济分类科目编码", 1, 0, colspan=2),
        HeaderCell("经济分类科目名称", 1, 2, rowspan=2),
        HeaderCell("合计", 1, 3, rowspan=2), HeaderCell("人员经费", 1, 4, rowspan=2),
        HeaderCell("公用经费", 1, 5, rowspan=2),
        HeaderCell("类", 2, 0), HeaderCell("款", 2, 1),
    )
    columns = (Column("class", CODE, 0.5), Column("section", CODE, 0.4),
               Column("name", TEXT, 2.6), Column("total", MONEY), Column("personnel", MONEY),
               Column("public", MONEY))
    return _table(words, budget, 8, "economic", columns, header, rows, Money.YUAN)


def three_public_items(budget: Budget) -> dict[ThreePublicItem, Decimal]:
    """"三公"经费 from 财政拨款 by item (元)."""
    found = {item: ZERO for item in ThreePublicItem}
    for t in budget.three_public:
        if t.source in FISCAL:
            found[t.item] += t.amount
    return found


def operating_funds(budget: Budget) -> Decimal:
    """机关运行经费 as Shanghai defines it: the 公用经费 of 行政 and 参公 units' 基本支出 paid
    from 一般公共预算 (元)."""
    kinds = {u.code: u.kind for u in budget.units}
    return total(line.amount for line in budget.basic_economic
                 if line.source == Source.GENERAL and line.unit in kinds
                 and kinds[line.unit].runs_office and not is_personnel(line))


def three_public(budget: Budget, words: Words) -> Table:
    """部门"三公"经费和机关运行经费预算表: one row in 万元, zero shown as 0."""
    items = three_public_items(budget)
    abroad, reception = items[ThreePublicItem.ABROAD], items[ThreePublicItem.RECEPTION]
    purchase, running = items[ThreePublicItem.VEHICLE_PURCHASE], items[ThreePublicItem.VEHICLE_RUNNING]
    row = Row((abroad + reception + purchase + running, abroad, reception, purchase + running,
               purchase, running, operating_funds(budget)))
    header = (
        HeaderCell("“三公”经费预算数", 0, 0, colspan=6),
        HeaderCell("机关运行经费预算数", 0, 6, rowspan=3),
        HeaderCell("合计", 1, 0, rowspan=2), HeaderCell("因公出国（境）费", 1, 1, rowspan=2),
        HeaderCell("公务接待费", 1, 2, rowspan=2),
        HeaderCell("公务用车购置及运行费", 1, 3, colspan=3),
        HeaderCell("小计", 2, 3), HeaderCell("购置费", 2, 4), HeaderCell("运行费", 2, 5),
    )
    columns = tuple(Column(k, MONEY) for k in ("total", "abroad", "reception", "vehicles",
                                                "purchase", "running", "operating"))
    return _table(words, budget, 9, "three-public", columns, header, [row], Money.WAN_ZERO)
