"""The arithmetic of the Shanxi tables as printed: each row's parts, sub-totals, table 1's sides,
the tables against each other, and empty tables' notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from app.core.money import ZERO
from app.inspect.outcome import Outcome, Skip, tolerance, wan
from app.inspect.tabletext import Row, TableText, bare

Tables = dict[int, TableText]

# tables whose every row is 合计 followed by its parts
PARTS_TABLES = (3, 5, 6, 8, 10, 11, 12, 13)
FUNCTION_TABLES = (2, 3, 5, 8)
# what an empty table's note may name: the table's own fund
FUNDS = {7: "政府性基金", 8: "政府性基金", 9: "国有资本经营", 10: "三公", 13: "上年结转"}
_FUND_WORDS = ("政府性基金", "国有资本经营", "三公", "上年结转", "一般公共预算", "机关运行经费", "项目支出")
_EXPENSE_TOTALS = ("本年支出合计", "年终结转", "支出总计")


def _near(a: Decimal, b: Decimal, parts: int = 1) -> bool:
    return abs(a - b) <= tolerance(parts)


def need(tables: Tables, *numbers: int) -> list[TableText]:
    missing = [n for n in numbers if n not in tables]
    if missing:
        raise Skip("未找到表" + "、".join(str(n) for n in missing))
    return [tables[n] for n in numbers]


def tables_found(tables: Tables, titles: Sequence[str], out: Outcome) -> None:
    for number, title in enumerate(titles, 1):
        if number not in tables:
            out.error(None, "tables-found",
                      f"未找到表{number}“{title}”（按标题查找）：公开文件应包含全部表格")


def empty_notes(tables: Tables, out: Outcome) -> None:
    """An empty table says so (注：本表无数据 or names its own fund); a note never names another."""
    for number, table in sorted(tables.items()):
        notes = [(p, line) for p, line in table.notes if "尾差" not in line]
        if table.rows:
            for page, line in notes:
                if "无数据" in line or "为空" in line:
                    out.error(page, "empty-notes", f"表{number}有数据，却注明“{line.strip()}”", line.strip())
            continue
        if not notes:
            out.error(table.page, "empty-notes", f"表{number}没有数据，也没有“注：本表无数据”之类的说明")
            continue
        own = FUNDS.get(number)
        for page, line in notes:
            named = [w for w in _FUND_WORDS if w in line]
            if named and own and own not in named:
                out.error(page, "empty-notes",
                          f"表{number}是{own}的表，空表说明却写“{line.strip()}”（说明中的资金写错了）",
                          line.strip())


def row_parts(tables: Tables, out: Outcome) -> None:
    """Each row's 合计 = the sum of its parts (table 2: its sources, 上年结转 beside them)."""
    for number in PARTS_TABLES:
        for row in tables[number].rows if number in tables else ():
            _parts(out, number, row, row.amounts)
    if 2 in tables:
        for row in tables[2].rows:
            if table2_split(row) is None:
                out.error(row.page, "row-sums",
                          f"表2「{row.code} {row.label}」合计 {wan(row.amounts[0])} 不等于各来源之和",
                          _words(row))
    for number in (1, 4):
        for side, label, values in sides(tables[number]) if number in tables else ():
            if side == "expense" and len(values) > 1:
                _parts(out, number, None, values, label, page=_page_of(tables[number], label))


def _parts(out: Outcome, number: int, row: Row | None, values: Sequence[Decimal], label: str = "",
           page: int | None = None) -> None:
    if len(values) < 2:
        return
    rest = sum(values[1:], ZERO)
    if not _near(values[0], rest, len(values) - 1):
        name = label or (f"{row.code} {row.label}".strip() if row else "")
        out.error(row.page if row else page, "row-sums",
                  f"表{number}「{name}」合计 {wan(values[0])}，而各栏之和 {wan(rest)}",
                  _words(row) if row else wan(values[0]))


def _words(row: Row) -> str:
    return row.line.strip()


def _page_of(table: TableText, label: str) -> int:
    return next((r.page for r in table.rows if label in r.line), table.page)


def table2_split(row: Row) -> tuple[Decimal, Decimal] | None:
    """Table 2's row as (本年收入合计, 上年结转), or None when its amounts cannot add up."""
    a = row.amounts
    if len(a) == 1:
        return ZERO, a[0]  # a 合计 needs a source beside it: one figure alone is 上年结转
    if _near(a[0], sum(a[1:], ZERO), len(a) - 1):
        return a[0], ZERO
    if len(a) > 2 and _near(a[0], sum(a[1:-1], ZERO), len(a) - 2):
        return a[0], a[-1]
    return None


def sides(table: TableText) -> list[tuple[str, str, tuple[Decimal, ...]]]:
    """Table 1 or 4 read as (side, label, amounts): income on the left, expenditure on the right."""
    out: list[tuple[str, str, tuple[Decimal, ...]]] = []
    for row in table.rows:
        for words, values in row.segments:
            tokens = words.split() or [""]
            for token in tokens[:-1]:
                out.append((_side(token), bare(token), ()))
            out.append((_side(tokens[-1]), bare(tokens[-1]), values))
    return out


def _side(token: str) -> str:
    name = bare(token)
    return "expense" if name.endswith("支出") or name in _EXPENSE_TOTALS else "income"


def _first(found: list[tuple[str, str, tuple[Decimal, ...]]], side: str, label: str) -> Decimal | None:
    for s, name, values in found:
        if s == side and name == label:
            return values[0] if values else ZERO
    return None


def table1_totals(tables: Tables, out: Outcome) -> dict[str, Decimal]:
    """Table 1: income items = 本年收入合计; + 上年结转 = 收入总计; 类 = 本年支出合计; 收入总计 = 支出总计."""
    [table] = need(tables, 1)
    found = sides(table)
    income = {name: (values[0] if values else ZERO) for s, name, values in found if s == "income"}
    expense = {name: (values[0] if values else ZERO) for s, name, values in found if s == "expense"}
    needed = ("本年收入合计", "收入总计")
    if any(n not in income for n in needed) or "支出总计" not in expense:
        raise Skip("表1的合计行（本年收入合计、收入总计、支出总计）读不出")
    items = [v for n, v in income.items() if n not in ("本年收入合计", "上年结转", "收入总计")]
    classes = [v for n, v in expense.items() if n not in _EXPENSE_TOTALS]
    figures = {"本年收入合计": income["本年收入合计"], "上年结转": income.get("上年结转", ZERO),
               "收入总计": income["收入总计"], "本年支出合计": expense.get("本年支出合计", ZERO),
               "年终结转": expense.get("年终结转", ZERO), "支出总计": expense["支出总计"]}
    checks = [
        ("各项收入之和", sum(items, ZERO), "本年收入合计", len(items)),
        ("本年收入合计＋上年结转", figures["本年收入合计"] + figures["上年结转"], "收入总计", 2),
        ("各类支出之和", sum(classes, ZERO), "本年支出合计", len(classes)),
        ("本年支出合计＋年终结转", figures["本年支出合计"] + figures["年终结转"], "支出总计", 2),
        ("收入总计", figures["收入总计"], "支出总计", 1),
    ]
    for words, value, label, parts in checks:
        if not _near(value, figures[label], parts):
            out.error(_page_of(table, label), "table-totals",
                      f"表1{words} {wan(value)}，而{label} {wan(figures[label])}", label)
    figures.update({f"类:{n}": v for n, v in expense.items() if n not in _EXPENSE_TOTALS})
    return figures


def subtotals(tables: Tables, out: Outcome) -> None:
    """类 = Σ 款, 款 = Σ 项, 合计 = Σ 类 (function tables); table 6's 类; 10, 11, 12 and 13's groups."""
    for number in FUNCTION_TABLES:
        if number in tables:
            _code_tree(number, tables[number], out)
    if 6 in tables:
        _table6(tables[6], out)
    if 10 in tables:
        _table10(tables[10], out)
    for number in (11, 12, 13):
        if number in tables and tables[number].rows:
            _groups(number, tables[number], out)


def _total_of(number: int, row: Row) -> Decimal:
    if number == 2:
        split = table2_split(row)
        return split[0] + split[1] if split else row.amounts[0]
    return row.amounts[0]


def _code_tree(number: int, table: TableText, out: Outcome) -> None:
    rows = table.rows
    total = next((r for r in rows if not r.code and bare(r.label) in ("合计", "总计")), None)
    coded = [r for r in rows if r.code]
    for parent_len, child_len in ((3, 5), (5, 7)):
        for parent in (r for r in coded if len(r.code) == parent_len):
            children = [r for r in coded if len(r.code) == child_len and r.code.startswith(parent.code)]
            if children:
                _compare(out, number, parent, children, _total_of(number, parent),
                         sum((_total_of(number, c) for c in children), ZERO))
    classes = [r for r in coded if len(r.code) == 3]
    if total is not None and classes:
        _compare(out, number, total, classes, _total_of(number, total),
                 sum((_total_of(number, c) for c in classes), ZERO))


def _compare(out: Outcome, number: int, parent: Row, children: Sequence[Row], value: Decimal,
             summed: Decimal) -> None:
    if not _near(value, summed, len(children)):
        out.error(parent.page, "subtotals",
                  f"表{number}「{parent.code} {parent.label}」{wan(value)}，而其下各行之和 {wan(summed)}",
                  _words(parent))


def _table6(table: TableText, out: Outcome) -> None:
    rows = list(table.rows)
    total = next((r for r in rows if bare(r.label) == "合计"), None)
    groups: list[tuple[Row, list[Row]]] = []
    for r in rows:
        if r is total:
            continue
        if len(r.label.split()) == 1 and r.label.endswith(("支出", "补助")):
            groups.append((r, []))
        elif groups:
            groups[-1][1].append(r)
    for head, members in groups:
        if members:
            _compare(out, 6, head, members, head.amounts[0], sum((m.amounts[0] for m in members), ZERO))
    if total is not None and groups:
        _compare(out, 6, total, [g for g, _ in groups], total.amounts[0],
                 sum((g.amounts[0] for g, _ in groups), ZERO))


def _table10(table: TableText, out: Outcome) -> None:
    def value(label: str) -> Decimal:
        row = next((r for r in table.rows if bare(r.label) == label), None)
        return row.amounts[0] if row else ZERO

    total = next((r for r in table.rows if bare(r.label) == "合计"), None)
    cars = next((r for r in table.rows if bare(r.label) == "公务用车购置及运行费"), None)
    if cars is not None:
        parts = value("公务用车购置费") + value("公务用车运行维护费")
        _compare(out, 10, cars, [cars, cars], cars.amounts[0], parts)
    if table.rows:
        parts = value("因公出国（境）费") + value("公务接待费") + value("公务用车购置及运行费")
        head = total or table.rows[0]
        _compare(out, 10, head, [head] * 3, total.amounts[0] if total else ZERO, parts)


def _groups(number: int, table: TableText, out: Outcome) -> None:
    """The first row is the department's total; then each unit row is followed by its projects."""
    head, *rest = table.rows
    units: list[Row] = []
    i = 0
    while i < len(rest):
        unit = rest[i]
        units.append(unit)
        i += 1
        if number == 11:
            continue
        summed, members = ZERO, 0
        while i < len(rest) and summed < unit.amounts[0] - tolerance(members):
            summed += rest[i].amounts[0]
            members += 1
            i += 1
        if members and not _near(summed, unit.amounts[0], members):
            out.error(unit.page, "subtotals", f"表{number}「{unit.label}」{wan(unit.amounts[0])}，"
                      f"而其下项目之和 {wan(summed)}", _words(unit))
    summed = sum((u.amounts[0] for u in units), ZERO)
    if not _near(head.amounts[0], summed, len(units)):
        out.error(head.page, "subtotals", f"表{number}「{head.label}」合计 {wan(head.amounts[0])}，"
                  f"而各单位之和 {wan(summed)}", _words(head))


def cross_tables(tables: Tables, t1: dict[str, Decimal], out: Outcome) -> None:
    """Table 1's totals = table 2's and table 3's; table 1's 类 = table 3's; 5 and 6; 12 + 13 and 3."""
    t2, t3 = need(tables, 2, 3)
    total2 = next((r for r in t2.rows if bare(r.label) == "合计"), None)
    total3 = next((r for r in t3.rows if bare(r.label) == "合计"), None)
    if total2 is None or total3 is None:
        raise Skip("表2或表3的合计行读不出")
    split = table2_split(total2)
    pairs = [("表2合计（本年收入）", split[0] if split else total2.amounts[0], "本年收入合计", total2.page),
             ("表3合计", total3.amounts[0], "支出总计", total3.page)]
    if split is not None:
        pairs.append(("表2上年结转", split[1], "上年结转", total2.page))
    for words, value, label, page in pairs:
        if value != t1[label]:
            out.error(page, "cross-tables", f"{words} {wan(value)}，而表1{label} {wan(t1[label])}",
                      wan(value))
    for row in (r for r in t3.rows if len(r.code) == 3):
        printed = t1.get(f"类:{bare(row.label)}")
        if printed is not None and printed != row.amounts[0]:
            out.error(row.page, "cross-tables", f"表3「{row.code} {row.label}」{wan(row.amounts[0])}，"
                      f"而表1同一类支出 {wan(printed)}", _words(row))
    if 5 in tables and 6 in tables and tables[6].rows:
        total5 = next((r for r in tables[5].rows if bare(r.label) == "合计"), None)
        total6 = tables[6].rows[0]
        if total5 is not None and len(total5.amounts) == 3 and total5.amounts[1] != total6.amounts[0]:
            out.error(total6.page, "cross-tables", f"表6合计 {wan(total6.amounts[0])}，而表5基本支出 "
                      f"{wan(total5.amounts[1])}", _words(total6))
    if 12 in tables and len(total3.amounts) == 3:
        projects = tables[12].rows[0].amounts[0] if tables[12].rows else ZERO
        carried = tables[13].rows[0].amounts[0] if 13 in tables and tables[13].rows else ZERO
        if not _near(projects + carried, total3.amounts[2], 2):
            out.error(tables[12].page, "cross-tables",
                      f"表12合计 {wan(projects)} ＋ 表13合计 {wan(carried)}，"
                      f"而表3项目支出 {wan(total3.amounts[2])}")


def table_figures(tables: Tables) -> dict[str, Decimal]:
    """Figures of the tables that the text states, by name."""
    figures: dict[str, Decimal] = {}
    named = ((3, ("合计", "基本支出", "项目支出")), (5, ("一般公共预算合计", "一般公共预算基本支出", "")),
             (6, ("基本支出合计", "人员经费", "公用经费")))
    for number, names in named:
        table = tables.get(number)
        total = table.rows[0] if table and table.rows else None
        if total is not None and len(total.amounts) == 3:
            figures.update({n: v for n, v in zip(names, total.amounts, strict=True) if n})
        elif total is not None:
            figures[names[0]] = total.amounts[0]
    if 11 in tables:
        figures["机关运行经费"] = tables[11].rows[0].amounts[0] if tables[11].rows else ZERO
    if 10 in tables:
        rows = tables[10].rows
        total = next((r for r in rows if bare(r.label) == "合计"), None)
        items = ("因公出国（境）费", "公务接待费", "公务用车购置及运行费")
        figures["三公经费"] = total.amounts[0] if total else sum(
            (r.amounts[0] for r in rows if bare(r.label) in items), ZERO)
    return figures


def project_money(tables: Tables) -> dict[str, set[Decimal]]:
    """Table 12's rows: each name and the amounts it carries (a name may be in two units)."""
    found: dict[str, set[Decimal]] = {}
    for row in tables[12].rows if 12 in tables else ():
        found.setdefault(re.sub(r"\s+", "", row.label), set()).add(row.amounts[0])
    return found
