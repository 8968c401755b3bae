"""Exact amounts that reproduce the imported tables figure for figure, 尾差 included.

A printed 万元 figure stands for any amount within 50 元 of it, and a printed total is the
rounding of the exact sum, not the sum of the printed parts. So each imported amount is free
within its 50 元, and every printed cell asks that the sum of the amounts under it rounds to
what is printed. Which amounts lie under which cell is read off the application's own table
code: every amount is replaced by a distinct power of two and the tables are built once, so
each cell's value names its members bit by bit. A small repair search (`repair`) then moves
amounts within their 50 元 until every cell prints as in the workbook, where that is possible.
"""

from __future__ import annotations

import decimal
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from app.compute.tabledef import Cell, ColumnKind, Row, Table
from app.compute.tabledef import Money as Shown
from app.core.records import SOURCES, Budget, Source, Split
from app.imports.tables import exact
from app.imports.tables.kinds import kind_heading
from app.imports.tables.locate import Layout, SourceRow, SourceTable
from app.imports.tables.mapping import label
from app.imports.tables.repair import Constraint, repair
from app.imports.tables.report import Report, figure_in, wan_figure
from app.imports.tables.sheet import Money
from app.imports.tables.units import coded

SPLIT_FIELDS = tuple(f.name for f in fields(Split))
SOURCE_FIELD = {Source.GENERAL: "general", Source.FUND: "fund", Source.CAPITAL: "capital",
                Source.SPECIAL: "special", Source.UNIT: "unit"}
LIST_FIELDS = ("basic_function", "basic_economic", "revenues", "three_public")
MAX_DROPS = 5


@dataclass(frozen=True)
class Slot:
    """Where an amount sits in a budget: ("basic_function", 3, "amount"), ("projects.amounts", 0,
    "general"), ("income.this_year", 0, "unit")…"""

    kind: str
    index: int
    field: str


def slots(budget: Budget) -> list[tuple[Slot, Decimal]]:
    """Every non-zero amount of the budget with its place."""
    found: list[tuple[Slot, Decimal]] = []
    for part in ("this_year", "carryover"):
        split = getattr(budget.income, part)
        found += [(Slot(f"income.{part}", 0, f), getattr(split, f)) for f in SPLIT_FIELDS]
    for kind in LIST_FIELDS:
        found += [(Slot(kind, i, "amount"), r.amount) for i, r in enumerate(getattr(budget, kind))]
    for i, p in enumerate(budget.projects):
        for part in ("amounts", "carryover"):
            found += [(Slot(f"projects.{part}", i, f), getattr(getattr(p, part), f))
                      for f in SPLIT_FIELDS]
    return [(s, v) for s, v in found if v]


def with_amounts(budget: Budget, values: dict[Slot, Decimal]) -> Budget:
    """The budget with the amounts at the given places replaced."""
    def split(s: Split, kind: str, index: int) -> Split:
        return replace(s, **{f: values[Slot(kind, index, f)] for f in SPLIT_FIELDS
                             if Slot(kind, index, f) in values})

    changes: dict[str, object] = {
        "income": replace(budget.income,
                          this_year=split(budget.income.this_year, "income.this_year", 0),
                          carryover=split(budget.income.carryover, "income.carryover", 0)),
        "projects": tuple(replace(p, amounts=split(p.amounts, "projects.amounts", i),
                                  carryover=split(p.carryover, "projects.carryover", i))
                          for i, p in enumerate(budget.projects)),
    }
    for kind in LIST_FIELDS:
        changes[kind] = tuple(replace(r, amount=values.get(Slot(kind, i, "amount"), r.amount))
                              for i, r in enumerate(getattr(budget, kind)))
    return replace(budget, **changes)  # type: ignore[arg-type]


def row_key(texts: list[str]) -> str:
    return "|".join(label(t) for t in texts)


def align(rebuilt: Table, source: SourceTable) -> list[tuple[Row | None, SourceRow | None]]:
    """Rebuilt rows paired with the workbook's rows by their names and codes, in order."""
    text_cols = [i for i, c in enumerate(rebuilt.columns) if c.kind != ColumnKind.MONEY]

    def keyed(names: list[list[str]]) -> list[str]:
        seen: Counter[str] = Counter()
        keys = []
        for texts in names:
            key = row_key(texts)
            seen[key] += 1
            keys.append(f"{key}#{seen[key]}")
        return keys

    mine = keyed([[c if isinstance(c, str) else "" for c in (row.cells[i] for i in text_cols)]
                  for row in rebuilt.rows])
    theirs = keyed([[v if isinstance(v, str) else "" for v in (r.values[i] for i in text_cols)]
                    for r in source.rows])
    by_key = dict(zip(theirs, source.rows, strict=True))
    pairs: list[tuple[Row | None, SourceRow | None]] = [
        (row, by_key.pop(k, None)) for k, row in zip(mine, rebuilt.rows, strict=True)]
    # a unit's row printed with its code before its name ("101001 示例局机关"), rebuilt
    # with its name alone: paired by the name
    named = keyed([[coded(v)[1] if isinstance(v, str) else "" for v in (r.values[i] for i in text_cols)]
                   for r in source.rows])
    left = {n: k for n, k in zip(named, theirs, strict=True) if k in by_key}  # by name → key
    for n, (row, found) in enumerate(pairs):
        if found is None and row is not None and (k := left.pop(mine[n], None)) is not None:
            pairs[n] = (row, by_key.pop(k))
    pairs += [(None, r) for r in by_key.values()]
    return pairs


def interval(m: Money | None) -> tuple[int, int]:
    """The exact amounts in 分 that print as m."""
    if m is None:
        return 0, 0
    cents, half = int(m.yuan * 100), int(m.half * 100)
    return (cents - half, cents + half - 1) if half else (cents, cents)


def constraints(probe: tuple[Table, ...], sources: dict[str, SourceTable], report: Report,
                lay: Layout, placed: bool = True) -> list[Constraint]:
    """One constraint per distinct set of amounts printed somewhere (the tables in the order
    the profile trusts them); conflicts reported (placed False: the projects' 项 are a guess
    that misses some 项' figures, the likelier cause of a conflict: the lines say so, among the
    rebuilt figures that differ)."""
    found: dict[int, Constraint] = {}
    clashes: dict[int, list[str]] = {}
    for key in lay.spec.priority:
        source = sources.get(key)
        if source is None:
            continue
        table = probe[lay.number(key) - 1]
        for row, src in align(table, source):
            if row is None or src is None:
                continue
            for i, col in enumerate(table.columns):
                if col.kind != ColumnKind.MONEY or col.key in src.absent:
                    continue
                bits = cell_bits(row.cells[i])
                if not bits:
                    continue
                value = src.values[i]
                money = value if isinstance(value, Money) else None
                low, high = interval(money)
                known = found.get(bits)
                if known is not None and max(low, known.low) <= min(high, known.high):
                    known.low, known.high = max(low, known.low), min(high, known.high)
                    continue  # a figure agreeing with one met before: its place is not said
                place = f"{lay.name(key)} {source.place(src, col.key)}"
                printed = shown(table, money) or "空白"
                if known is None:
                    found[bits] = Constraint(members(bits), low, high, place, printed)
                else:
                    clashes.setdefault(bits, []).append(f"{place} 为 {printed}")
    for bits, others in clashes.items():
        known = found[bits]
        # a guessed placing's conflicts are among the rebuilt figures that differ, not the tables'
        (report.disagreements if placed else report.differences).append(
            f"{known.place} 为 {known.printed}，而{'，'.join(others)}：" + (
                "这些是同一个数，应当相同，请核对原表；导入所用的数见“导入后重建的表与原表不同的数字”。"
                if placed else
                "按推测的项目功能科目分法，这些应是同一个数，导入时按前一个记入（多半是分法与原表对不上"
                "所致，请先核对项目的功能科目）。"))
    return list(found.values())


def shown(table: Table, money: Money | None) -> str:
    """A figure read from the workbook as the table prints it (万元 or 元, zero as it shows)."""
    if money is None:  # a blank cell: zero, which a table may print as 0
        return table.text(Row((Decimal(0),)), 0) if table.money == Shown.WAN_ZERO else ""
    return table.text(Row((money.yuan,)), 0)


def cell_bits(cell: Cell) -> int:
    return int(cell) if isinstance(cell, Decimal) else 0


def members(bits: int) -> list[int]:
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return found


def probe_tables(budget: Budget, places: list[Slot], lay: Layout) -> tuple[Table, ...]:
    """The profile's tables of the budget with amount i replaced by 2**i."""
    with decimal.localcontext() as ctx:
        ctx.prec = len(places) // 3 + 60
        probe = with_amounts(budget, {s: Decimal(2 ** i) for i, s in enumerate(places)})
        return lay.profile.tables(probe, lay.profile.kinds[0])

def fit(budget: Budget, sources: dict[str, SourceTable], half: Callable[[Slot], Decimal],
        report: Report, lay: Layout, placed: bool = True) -> tuple[Budget, list[Slot], int]:
    """The budget with amounts moved within their rounding to reproduce the workbook's figures
    and to hold every identity in 元, the places of the amounts moved, and how many figures and
    identities could not be held (0: every one holds).

    The exact problem (`exact.solve`, HiGHS) is tried first; only where it finds nothing in
    time does the old repair search run (figures only, identities not kept). placed False: the
    projects' 项 are a guess that misses some 项, and their amounts stay as printed (PINNED):
    moved to bring a wrong 项 nearer its figures, they would no longer fit the right one.
    """
    found = slots(budget)
    if not found:
        return budget, [], 0
    places = [s for s, _ in found]
    rules = constraints(probe_tables(budget, places, lay), sources, report, lay, placed)
    base = [int(v * 100) for _, v in found]
    halves = [0 if not placed and s.kind in PINNED else int(half(s) * 100) * 3
              for s in places]  # derived amounts may be off by more
    step = 100 if all(h % 100 == 0 for h in halves) else 1
    ids = identities(budget, places)
    solution = exact.best(base, halves, [exact.Rule(c.members, c.low, c.high) for c in rules],
                           ids, [WEIGHTS.get(s.kind, 1.0) for s in places], step)
    if solution is not None:
        offset = balanced(solution.offsets, base, ids, places)
        broken: int = len(solution.broken_rules) + len(solution.broken_identities)
        for k in solution.broken_identities:
            which = "经济分类中最大的一笔" if "基本支出" in ids[k].name else "收入"
            # a guessed placing that misses its 项 leaves the other sources' 基本支出 (what the
            # income table gives less the projects) off: that is the placing's, not the tables'
            (report.disagreements if placed else report.differences).append(
                f"{ids[k].name}：在原表数字四舍五入允许的范围内无法做到逐元相等，已调整{which}"
                "使其逐元相等，该数字可能因此与原表不同，请核对原表。" if placed else
                f"{ids[k].name}：按推测的项目功能科目分法无法做到逐元相等，已调整{which}使其逐元"
                "相等（多半是分法与原表对不上所致，请先核对项目的功能科目）。")
    else:
        offset = repair(base, halves, rules, step)
        kept = list(rules)
        for _ in range(MAX_DROPS):  # figures that cannot all hold: give up the widest
            missed = [c for c in kept
                      if not c.low <= sum(base[i] + offset[i] for i in c.members) <= c.high]
            if not missed:
                break
            widest = max(missed, key=lambda c: len(c.members))
            kept = [c for c in kept if c is not widest]
            offset = repair(base, halves, kept, step)
        broken = (sum(not c.low <= sum(base[i] + offset[i] for i in c.members) <= c.high
                      for c in rules)
                  + sum(sum(k * (base[i] + offset[i]) for i, k in x.terms) != 0 for x in ids))
    moved = {s: v + Decimal(d) / 100 for (s, v), d in zip(found, offset, strict=True) if d}
    return with_amounts(budget, moved), list(moved), broken


# amounts kept as printed where the projects' 项 are a guess that misses (`fit`)
PINNED = ("projects.amounts", "projects.carryover")
# what moving an amount costs: a project's amount is what the officer meets most
WEIGHTS = {"projects.amounts": 10.0, "projects.carryover": 10.0, "income.this_year": 3.0,
           "income.carryover": 3.0, "revenues": 3.0, "three_public": 3.0}


def balanced(offsets: list[int], base: list[int], ids: list[exact.Identity],
             places: list[Slot]) -> list[int]:
    """The offsets with every identity the solver left broken closed by moving one amount by
    the difference (in 分), beyond its rounding if need be: 基本支出's by an economic line (in
    no other identity), then income = spending by the income (in no other identity either) or,
    without income, the largest amount of it. A file that balances comes before a figure."""
    fixed = list(offsets)

    def gap(identity: exact.Identity) -> int:
        return sum(c * (base[i] + fixed[i]) for i, c in identity.terms)

    ordered = sorted(ids, key=lambda k: "基本支出" not in k.name)
    for identity in ordered:
        missing = gap(identity)
        if not missing or not identity.terms:
            continue
        preferred = "basic_economic" if "基本支出" in identity.name else "income"
        own = [(i, c) for i, c in identity.terms if places[i].kind.startswith(preferred)]
        i, c = max(own or identity.terms, key=lambda t: abs(base[t[0]]))
        if missing % c == 0:
            fixed[i] -= missing // c
    return fixed


def identities(budget: Budget, places: list[Slot]) -> list[exact.Identity]:
    """The identities of the facts over the amounts' indices, by source: income = spending
    (this year and 上年结转 apart), 基本支出 by function = by economic class."""
    index = {s: i for i, s in enumerate(places)}
    found: list[exact.Identity] = []
    for src in SOURCES:
        key = SOURCE_FIELD[src]

        def terms(pairs: list[tuple[Slot, int]]) -> list[tuple[int, int]]:
            return [(index[s], c) for s, c in pairs if s in index]

        function = [(Slot("basic_function", i, "amount"), -1)
                    for i, b in enumerate(budget.basic_function) if b.source == src]
        now = terms([(Slot("income.this_year", 0, key), 1), *function,
                     *[(Slot("projects.amounts", i, key), -1) for i in range(len(budget.projects))]])
        carry = terms([(Slot("income.carryover", 0, key), 1),
                       *[(Slot("projects.carryover", i, key), -1)
                         for i in range(len(budget.projects))]])
        found += [exact.Identity(now, f"{src.value}本年收入与本年支出"),
                  exact.Identity(carry, f"{src.value}上年结转收入与上年结转支出")]
        if budget.basic_economic:
            economic = [(Slot("basic_economic", i, "amount"), 1)
                        for i, b in enumerate(budget.basic_economic) if b.source == src]
            found.append(exact.Identity(
                terms([(s, -c) for s, c in function] + [(s, -c) for s, c in economic]),
                f"{src.value}基本支出按功能分类与按经济分类的合计"))
    return [i for i in found if i.terms]


def compare(tables: tuple[Table, ...], sources: dict[str, SourceTable], report: Report,
            lay: Layout) -> int:
    """Every figure of the workbook's tables against the rebuilt tables; the differences."""
    count = 0
    for key in lay.keys:
        source = sources.get(key)
        if source is None:
            continue
        table = tables[lay.number(key) - 1]
        number = lay.name(key)
        money_cols = [i for i, c in enumerate(table.columns) if c.kind == ColumnKind.MONEY
                      and source.labels[i] not in source.missing]
        for row, src in align(table, source):
            def name(row: Row | None = row, src: SourceRow | None = src) -> str:
                return "、".join(t for t in (row.cells if row else src.values if src else ())
                                if isinstance(t, str) and t) or "合计"
            if row is None and src is not None and any(
                    isinstance(v, str) and kind_heading(v) for v in src.values):
                continue  # a 其他运转类 / 特定目标类 heading of table 12 or 13: not a figure of ours
            if src is None and row is not None:
                if any(table.text(row, i) for i in money_cols):
                    report.differences.append(f"{number}：导入后多出一行“{name()}”，原表没有。")
                    count += 1
                continue
            if src is None:
                continue
            for i in money_cols:
                if table.columns[i].key in src.absent:
                    continue  # a continuation without this column: nothing printed to compare
                value = src.values[i]
                printed = shown(table, value if isinstance(value, Money) else None)
                mine = table.text(row, i) if row is not None else ""
                unit = "元" if source.scale == 1 and table.money == Shown.YUAN else "万元"
                if source.scale != 1 and table.money == Shown.YUAN:  # 元 tables given in 万元
                    cell = row.cells[i] if row is not None else None
                    printed = wan_figure(value.yuan) if isinstance(value, Money) and value.yuan else ""
                    mine = wan_figure(cell) if isinstance(cell, Decimal) and cell else ""
                if printed != mine:
                    count += 1
                    own = ""  # a cell in 元 compared in 万元: what the cell holds, too
                    if source.scale == 1 and unit == "万元" and isinstance(value, Money) and value.yuan:
                        own = f"{figure_in(value.yuan, source.scale)}，即 "
                    report.differences.append(
                        f"{number} {source.place(src, table.columns[i].key)}（“{name()}”"
                        f" {source.labels[i]}）：原表 {own}{f'{printed} {unit}' if printed else '空白'}"
                        f"，导入后 {f'{mine} {unit}' if mine else '空白'}。")
    return count
