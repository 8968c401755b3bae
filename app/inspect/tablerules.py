"""The arithmetic of a template's tables as printed: each row's parts, sub-totals, the two-sided
tables' totals, the tables against each other and empty tables' notes — every rule as its
profile's Layout declares it, by table key."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from app.core.money import ZERO
from app.inspect.outcome import Outcome, Skip, tolerance
from app.inspect.tabletext import Row, TableText, bare
from app.inspect.templates import Template
from app.profiles.inspection import CARRIED, THIS_YEAR, Layout, Ref

Tables = dict[str, TableText]

_FUND_WORDS = ("政府性基金", "国有资本经营", "三公", "上年结转", "一般公共预算", "机关运行经费", "项目支出")
_EXPENSE_TOTALS = ("本年支出合计", "年终结转", "支出总计")
_TOTALS = ("合计", "总计")


def _near(table: TableText, a: Decimal, b: Decimal, parts: int = 1) -> bool:
    return abs(a - b) <= tolerance(parts, table.unit)


def shown(value: Decimal, table: TableText) -> str:
    """An amount as the table prints it: 1,234.56 (万元) or 1,234,567 (元)."""
    if table.unit == "元" and value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def need(tables: Tables, *keys: str) -> list[TableText]:
    missing = [k for k in keys if k not in tables]
    if missing:
        raise Skip("未找到" + "、".join(k for k in missing))
    return [tables[k] for k in keys]


def tables_found(tables: Tables, template: Template, out: Outcome) -> None:
    for number, (key, title) in enumerate(zip(template.keys, template.titles, strict=True), 1):
        if key not in tables:
            out.error(None, "tables-found",
                      f"未找到表{number}“{title}”（按标题查找）：公开文件应包含全部表格")


def empty_notes(tables: Tables, layout: Layout, out: Outcome) -> None:
    """An empty table says so (注：本表无数据 or names its own fund); a note never names another."""
    for key, table in tables.items():
        notes = [(p, line) for p, line in table.notes if "尾差" not in line]
        if table.rows:
            for page, line in notes:
                if "无数据" in line or "为空" in line:
                    out.error(page, "empty-notes", f"{table.name}有数据，却注明“{line.strip()}”",
                              line.strip())
            continue
        if not notes:
            out.error(table.page, "empty-notes", f"{table.name}没有数据，也没有“注：本表无数据”之类的说明")
            continue
        own = layout.funds.get(key)
        for page, line in notes:
            named = [w for w in _FUND_WORDS if w in line]
            if named and own and own not in named:
                out.error(page, "empty-notes",
                          f"{table.name}是{own}的表，空表说明却写“{line.strip()}”（说明中的资金写错了）",
                          line.strip())


def row_parts(tables: Tables, layout: Layout, out: Outcome) -> None:
    """Each row's 合计 = the sum of its parts (the carry-over table: its sources, 上年结转 beside
    them; two-sided tables: each expenditure line); declared column sums of every row."""
    for key in layout.parts:
        if key in tables and key != layout.carry_split:
            for row in tables[key].rows:
                _parts(out, tables[key], row, row.amounts)
    if layout.carry_split in tables:
        table = tables[layout.carry_split]
        for row in table.rows:
            if split_carried(row, table) is None:
                out.error(row.page, "row-sums", f"{table.name}「{row.code} {row.label}」合计 "
                          f"{shown(row.amounts[0], table)} 不等于各来源之和", row.line.strip())
    for key in (k for k in layout.sided if k in tables):
        two = tables[key]
        for side, label, values in sides(two):
            if side == "expense" and len(values) > 1:
                _parts(out, two, None, values, label, page=_page_of(two, label))
    for key, target, columns in (c for c in layout.column_sums if c[0] in tables):
        table = tables[key]
        for row in table.rows:
            if len(row.amounts) <= max(target, *columns):
                raise Skip(f"{table.name}的一行读不全（栏数不足）")
            _parts(out, table, row, (row.amounts[target], *(row.amounts[c] for c in columns)))


def _parts(out: Outcome, table: TableText, row: Row | None, values: Sequence[Decimal], label: str = "",
           page: int | None = None) -> None:
    if len(values) < 2:
        return
    rest = sum(values[1:], ZERO)
    if not _near(table, values[0], rest, len(values) - 1):
        name = label or (f"{row.code} {row.label}".strip() if row else "")
        out.error(row.page if row else page, "row-sums",
                  f"{table.name}「{name}」合计 {shown(values[0], table)}，而各栏之和 {shown(rest, table)}",
                  row.line.strip() if row else shown(values[0], table))


def _page_of(table: TableText, label: str) -> int:
    return next((r.page for r in table.rows if label in r.line), table.page)


def split_carried(row: Row, table: TableText) -> tuple[Decimal, Decimal] | None:
    """A row of sources then 上年结转 as (本年收入合计, 上年结转), or None when it cannot add up."""
    a = row.amounts
    if len(a) == 1:
        return ZERO, a[0]  # a 合计 needs a source beside it: one figure alone is 上年结转
    if _near(table, a[0], sum(a[1:], ZERO), len(a) - 1):
        return a[0], ZERO
    if len(a) > 2 and _near(table, a[0], sum(a[1:-1], ZERO), len(a) - 2):
        return a[0], a[-1]
    return None


def sides(table: TableText) -> list[tuple[str, str, tuple[Decimal, ...]]]:
    """A two-sided table read as (side, label, amounts): income on the left, expenditure on the right."""
    out: list[tuple[str, str, tuple[Decimal, ...]]] = []
    for row in table.rows:
        for words, values in row.segments:
            tokens = [t for t in words.split() if bare(t)] or [""]
            for token in tokens[:-1]:
                out.append((_side(token), bare(token), ()))
            out.append((_side(tokens[-1]), bare(tokens[-1]), values))
    return out


def _side(token: str) -> str:
    name = bare(token)
    return "expense" if name.endswith("支出") or name in _EXPENSE_TOTALS else "income"


def side_figures(table: TableText, layout: Layout) -> dict[str, Decimal]:
    """A two-sided table's figures by label (its first amount); "类:…" its expenditure classes."""
    figures: dict[str, Decimal] = {}
    for side, name, values in sides(table):
        if not name:
            continue
        figures.setdefault(name, values[0] if values else ZERO)
        if side == "expense" and name not in layout.totals:
            figures.setdefault(f"类:{name}", values[0] if values else ZERO)
    return figures


def label_totals(tables: Tables, layout: Layout, out: Outcome) -> dict[str, Decimal]:
    """The two-sided tables' totals (items = 合计, 合计 + 结转 = 总计, 收入总计 = 支出总计); returns
    the summary table's figures, by label."""
    summary: dict[str, Decimal] = {}
    ran = False
    for key in layout.sided:
        if key not in tables:
            continue
        table = tables[key]
        figures = side_figures(table, layout)
        if key == layout.summary:
            summary = figures
        for rule in (r for r in layout.label_sums if r.key == key):
            if rule.target not in figures:
                raise Skip(f"{table.name}的“{rule.target}”读不出")
            parts = _labels(figures, rule.parts, layout)
            value = sum((figures.get(p, ZERO) for p in parts), ZERO)
            ran = True
            if not _near(table, value, figures[rule.target], max(len(parts), 1)):
                words = "＋".join(rule.parts).replace("*items", "各项收入").replace("*classes", "各类支出")
                out.error(_page_of(table, rule.target), "table-totals",
                          f"{table.name}{words} {shown(value, table)}，而{rule.target} "
                          f"{shown(figures[rule.target], table)}", rule.target)
    if not ran:
        raise Skip("未找到收支总表")
    return summary


def _labels(figures: dict[str, Decimal], parts: Sequence[str], layout: Layout) -> list[str]:
    found: list[str] = []
    for part in parts:
        if part == "*classes":
            found += [n[2:] for n in figures if n.startswith("类:")]
        elif part == "*items":
            found += [n for n in figures if not n.startswith("类:") and n not in layout.totals
                      and f"类:{n}" not in figures and n not in _EXPENSE_TOTALS]
        else:
            found.append(part)
    return found


def subtotals(tables: Tables, layout: Layout, out: Outcome) -> None:
    """类 = Σ 款, 款 = Σ 项, 合计 = Σ 类 (code tables); economic groups; labelled sums; units and
    their projects."""
    for key in layout.trees:
        if key in tables:
            _code_tree(tables[key], key == layout.carry_split, out)
    if layout.economic_groups in tables:
        _economic(tables[layout.economic_groups], out)
    for rule in layout.label_sums:
        if rule.key in tables and rule.key not in layout.sided:
            _label_sum(tables[rule.key], rule.target, rule.parts, out)
    for key in (*layout.units_only, *layout.groups):
        if key in tables and tables[key].rows:
            _groups(tables[key], key in layout.units_only, out)


def _label_sum(table: TableText, target: str, parts: Sequence[str], out: Outcome) -> None:
    def value(label: str) -> Decimal:
        row = table.row(label)
        return row.amounts[0] if row else ZERO

    head = table.row(target)
    summed = sum((value(p) for p in parts), ZERO)
    if head is not None:
        _compare(out, table, head, list(parts), head.amounts[0], summed)
    elif target in _TOTALS and table.rows:  # a 合计 printed empty beside parts with money
        _compare(out, table, table.rows[0], list(parts), ZERO, summed)


def _total_of(row: Row, table: TableText, carry: bool) -> Decimal:
    if carry:
        split = split_carried(row, table)
        return split[0] + split[1] if split else row.amounts[0]
    return row.amounts[0]


def _code_tree(table: TableText, carry: bool, out: Outcome) -> None:
    rows = table.rows
    total = next((r for r in rows if not r.code and bare(r.label) in _TOTALS), None)
    coded = [r for r in rows if r.code]
    for parent_len, child_len in ((3, 5), (5, 7)):
        for parent in (r for r in coded if len(r.code) == parent_len):
            children = [r for r in coded if len(r.code) == child_len and r.code.startswith(parent.code)]
            if children:
                _compare(out, table, parent, children, _total_of(parent, table, carry),
                         sum((_total_of(c, table, carry) for c in children), ZERO))
    classes = [r for r in coded if len(r.code) == 3]
    if total is not None and classes:
        _compare(out, table, total, classes, _total_of(total, table, carry),
                 sum((_total_of(c, table, carry) for c in classes), ZERO))


def _compare(out: Outcome, table: TableText, parent: Row, children: Sequence[object], value: Decimal,
             summed: Decimal) -> None:
    if not _near(table, value, summed, len(children)):
        out.error(parent.page, "subtotals",
                  f"{table.name}「{parent.code} {parent.label}」{shown(value, table)}，"
                  f"而其下各行之和 {shown(summed, table)}", parent.line.strip())


def _economic(table: TableText, out: Outcome) -> None:
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
            _compare(out, table, head, members, head.amounts[0], sum((m.amounts[0] for m in members), ZERO))
    if total is not None and groups:
        _compare(out, table, total, [g for g, _ in groups], total.amounts[0],
                 sum((g.amounts[0] for g, _ in groups), ZERO))


def _groups(table: TableText, units_only: bool, out: Outcome) -> None:
    """The first row is the department's total; then each unit row is followed by its projects."""
    head, *rest = table.rows
    units: list[Row] = []
    i = 0
    while i < len(rest):
        unit = rest[i]
        units.append(unit)
        i += 1
        if units_only:
            continue
        summed, members = ZERO, 0
        while i < len(rest) and summed < unit.amounts[0] - tolerance(members, table.unit):
            summed += rest[i].amounts[0]
            members += 1
            i += 1
        if members and not _near(table, summed, unit.amounts[0], members):
            out.error(unit.page, "subtotals", f"{table.name}「{unit.label}」{shown(unit.amounts[0], table)}，"
                      f"而其下项目之和 {shown(summed, table)}", unit.line.strip())
    summed = sum((u.amounts[0] for u in units), ZERO)
    if not _near(table, head.amounts[0], summed, len(units)):
        out.error(head.page, "subtotals",
                  f"{table.name}「{head.label}」合计 {shown(head.amounts[0], table)}，"
                  f"而各单位之和 {shown(summed, table)}", head.line.strip())


def value_of(tables: Tables, layout: Layout, ref: Ref) -> Decimal | None:
    """The printed figure ref names; ZERO for an empty table; None when it cannot be read."""
    table = tables.get(ref.key)
    if table is None:
        return None
    if not table.rows:
        return ZERO
    if ref.key in layout.sided:  # a line left out of a two-sided table has nothing (上年结转 of a unit)
        return side_figures(table, layout).get(ref.label, ZERO)
    row = table.row(ref.label) if ref.label else table.rows[0]
    if row is None:
        return None
    if ref.column in (THIS_YEAR, CARRIED):
        split = split_carried(row, table)
        return None if split is None else split[0 if ref.column == THIS_YEAR else 1]
    return row.amounts[ref.column] if ref.column < len(row.amounts) else None


def cross_tables(tables: Tables, layout: Layout, out: Outcome) -> None:
    """The declared identities between tables, and each function table's 类 = the summary's."""
    compared, skipped = 0, []
    for identity in layout.identities:
        left = [value_of(tables, layout, r) for r in identity.left]
        right = value_of(tables, layout, identity.right)
        if right is None or any(v is None for v in left):
            skipped.append(identity.words)
            continue
        compared += 1
        summed = sum((v for v in left if v is not None), ZERO)
        table = tables[identity.left[0].key]
        same = summed == right if len(left) == 1 else _near(table, summed, right, len(left))
        if not same:
            out.error(table.page, "cross-tables", f"{identity.words}不一致：{shown(summed, table)}，而 "
                      f"{shown(right, tables[identity.right.key])}", shown(summed, table))
    for key, summary in layout.classes:
        if key not in tables or summary not in tables:
            skipped.append(f"{key}的类与{summary}")
            continue
        figures = side_figures(tables[summary], layout)
        for row in (r for r in tables[key].rows if len(r.code) == 3):
            printed = figures.get(f"类:{bare(row.label)}")
            compared += 1
            if printed is not None and printed != row.amounts[0]:
                out.error(row.page, "cross-tables", f"{tables[key].name}「{row.code} {row.label}」"
                          f"{shown(row.amounts[0], tables[key])}，而{tables[summary].name}同一类支出 "
                          f"{shown(printed, tables[summary])}", row.line.strip())
    if not compared:
        raise Skip("表间关系所需的表或合计行读不出：" + "；".join(skipped))
    if skipped:
        out.not_run.append(("cross-tables", "未能核对：" + "；".join(skipped)))


def table_figures(tables: Tables, layout: Layout) -> dict[str, Decimal]:
    """Figures of the tables that the text states, by name, in 万元 (as the text prints them)."""
    figures: dict[str, Decimal] = {}
    if layout.summary in tables:
        summary = tables[layout.summary]
        figures.update({n: _wan(v, summary) for n, v in side_figures(summary, layout).items()})
    for name, ref in layout.figures.items():
        table = tables.get(ref.key)
        if table is None:
            continue
        row = (table.row(ref.label) if ref.label else table.rows[0]) if table.rows else None
        if row is not None:
            # a row without a cell for each named column (a blank cell) gives only its 合计
            widest = max(r.column for r in layout.figures.values()
                         if (r.key, r.label) == (ref.key, ref.label))
            if ref.column and len(row.amounts) <= widest:
                continue
        value = value_of(tables, layout, ref)
        if value is not None:
            figures[name] = _wan(value, table)
    return figures


def _wan(value: Decimal, table: TableText) -> Decimal:
    if table.unit == "元":
        return (value / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return value


def project_money(tables: Tables, layout: Layout) -> dict[str, set[Decimal]]:
    """The project table's rows: each name and the amounts it carries (a name may be in two units)."""
    found: dict[str, set[Decimal]] = {}
    if layout.projects in tables:
        table = tables[layout.projects]
        for row in table.rows:
            found.setdefault(re.sub(r"\s+", "", row.label), set()).add(_wan(row.amounts[0], table))
    return found
