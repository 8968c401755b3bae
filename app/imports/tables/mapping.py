"""The figures of the Shanxi template's tables mapped onto a budget's facts (units and projects:
`units`, their function 项: `functions`); the tables are named by their keys in
`app.profiles.shanxi.imports`."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial

from app.core.catalog import FUNCTION, Catalog, load_catalog
from app.core.money import ZERO
from app.core.records import (
    FISCAL,
    SOURCES,
    BasicByFunction,
    Budget,
    CatalogEntry,
    Department,
    Income,
    Project,
    ProjectKind,
    Revenue,
    Source,
    Split,
    ThreePublic,
    ThreePublicItem,
    Unit,
)
from app.imports.tables import rooms
from app.imports.tables.economic import EconomicMapping
from app.imports.tables.functions import assign_functions
from app.imports.tables.locate import Layout, SourceRow, SourceTable
from app.imports.tables.report import Report, figure_in
from app.imports.tables.sheet import Money, norm
from app.imports.tables.targets import DIMENSIONS, Target, split_other
from app.imports.tables.units import (
    SOURCE_KEYS,
    department_code,
    lines,
    make_projects,
    make_units,
    project_groups,
)
from app.profiles.shanxi import imports as sx

NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、]|[①②③④⑤⑥⑦⑧⑨⑩]|\(\d+\))")
INCOME_NAMES = {"一般公共预算": Source.GENERAL, "政府性基金预算": Source.FUND,
                "国有资本经营预算": Source.CAPITAL, "财政专户管理资金": Source.SPECIAL,
                "单位资金": Source.UNIT}
THREE_PUBLIC = {"因公出国(境)费": ThreePublicItem.ABROAD, "公务接待费": ThreePublicItem.RECEPTION,
                "公务用车购置费": ThreePublicItem.VEHICLE_PURCHASE,
                "公务用车运行维护费": ThreePublicItem.VEHICLE_RUNNING}
VEHICLES = "公务用车购置及运行费"


# the tables printing function codes in a "code" column and names in "name"
FUNCTION_TABLES = (sx.INCOME, sx.SPENDING, sx.GENERAL, sx.FUND, sx.CAPITAL)


def label(text: str) -> str:
    """A row label without its numbering (一、 ① 1.) and spaces, for matching."""
    return NUMBERING.sub("", norm(text))


def amount(m: Money | None) -> Decimal:
    return m.yuan if m else ZERO


@dataclass
class FunctionRow:
    code: str
    name: str
    row: SourceRow


def function_rows(table: SourceTable | None, code_key: str = "code",
                  name_key: str = "name") -> dict[str, FunctionRow]:
    """The rows of a function-classified table by code (the 合计 row left out)."""
    if table is None:
        return {}
    found: dict[str, FunctionRow] = {}
    for r in table.rows:
        code = table.text(r, code_key)
        if code.isdigit():
            found[code] = FunctionRow(code, table.text(r, name_key), r)
    return found


def leaves(rows: dict[str, FunctionRow]) -> list[str]:
    """The codes no other code continues: 项 rows, or the deepest rows printed."""
    return sorted(c for c in rows if not any(o != c and o.startswith(c) for o in rows))


def catalog_entries(catalog: Catalog, tables: dict[str, SourceTable],
                    report: Report) -> list[CatalogEntry]:
    """Function codes whose printed name the bundled catalog lacks or names differently."""
    names: dict[str, str] = {}
    for key in FUNCTION_TABLES:
        for code, row in function_rows(tables.get(key)).items():
            names.setdefault(code, row.name)
    entries = []
    for code, name in sorted(names.items()):
        if name and norm(catalog.name(code)) != norm(name):
            entries.append(CatalogEntry(FUNCTION, code, name))
            known = catalog.name(code)
            where = f"在本程序的科目表中叫“{known}”" if known else "不在本程序的科目表中"
            report.assumptions.append(
                f"功能科目 {code}“{name}”{where}，已按表中名称加入本文件的科目表。")
    return entries


class Mapper(EconomicMapping):
    """Builds the budget from the tables, writing what it decides into the report (the
    economic pairs of 基本支出: `economic`)."""

    def __init__(self, tables: dict[str, SourceTable], report: Report, year: int,
                 department: str, kind: ProjectKind | None = None) -> None:
        self.kind = kind
        self.guessed_functions: set[int] = set()  # projects whose 项 the figures leave open
        # 项 whose projects, placed by a search that found no answer, miss their figures
        self.unmet_functions: set[str] = set()
        self.told_kinds: set[int] = set()  # projects whose kind the tables say
        self.told_codes: set[int] = set()  # units whose code the tables print
        self.t = tables
        self.report = report
        self.year = year
        self.department = department
        self.catalog = load_catalog(year)
        self.half = max((t.scale for t in tables.values()), default=Decimal(1)) / 200

    def budget(self) -> Budget:
        report = self.report
        entries = catalog_entries(self.catalog, self.t, report)
        catalog = self.catalog
        for e in entries:
            catalog = catalog.with_entries(FUNCTION, {e.code: e.name})
        self.catalog = catalog
        office = self.t.get(sx.OFFICE)
        known = {norm(office.text(r, "unit")) for r in office.rows} if office else set()
        g12 = project_groups(self.t.get(sx.PROJECTS), ("total", *SOURCE_KEYS.values()), self.department,
                             known, report)
        g13 = project_groups(self.t.get(sx.CARRIED), ("total", "general", "fund", "capital"),
                             self.department, known, report)
        units = make_units(self.department, self.t.get(sx.OFFICE), g12, g13, report,
                           self.told_codes)
        projects = make_projects(units, g12, g13, report, self.kind, self.told_kinds)
        projects = assign_functions(projects, self.project_targets(), self.half,
                                    {c: catalog.name(c) for c in catalog.function}, report,
                                    self.guessed_functions,
                                    cache(partial(rooms.project_rooms, units, g12, g13,
                                                  len(projects))), unmet=self.unmet_functions)
        basic = self.basic_function(units[0], projects)
        economic = self.basic_economic(units)
        return Budget(
            department=Department(self.department,
                                  department_code([self.t.get(sx.PROJECTS), self.t.get(sx.CARRIED)]),
                                  self.year),
            units=tuple(units),
            income=self.income(),
            basic_function=tuple(basic),
            basic_economic=tuple(economic),
            projects=tuple(projects),
            revenues=tuple(self.revenues()),
            three_public=tuple(self.three_public()),
            catalog_entries=tuple(entries),
        )

    # --- functions: tables 2, 3 and 5 -------------------------------------------------------

    def project_targets(self) -> list[Target]:
        """Each function 项's 项目支出 by dimension, from the spending table, the income table's
        上年结转 and the three fiscal sources' function tables."""
        t3 = function_rows(self.t.get(sx.SPENDING))
        columns = {"carry": (sx.INCOME, "carryover"), "general": (sx.GENERAL, "project"),
                   "fund": (sx.FUND, "project"), "capital": (sx.CAPITAL, "project")}
        rows = {d: function_rows(self.t.get(n)) for d, (n, _) in columns.items()}
        targets = []
        for code in leaves(t3):
            money = self.t[sx.SPENDING].money(t3[code].row, "project")
            if money is None or not money.yuan:
                continue
            figures: dict[str, Decimal | None] = {d: None for d in DIMENSIONS}
            carry = self.t.get(sx.INCOME)
            if carry is not None:
                row = rows["carry"].get(code)
                figures["carry"] = amount(carry.money(row.row, "carryover")) if row else ZERO
            if all(self.t.get(n) is not None for n, _ in columns.values()):
                for d in ("general", "fund", "capital"):
                    row = rows[d].get(code)
                    figures[d] = amount(self.t[columns[d][0]].money(row.row, "project")) if row else ZERO
                figures["other"] = money.yuan - sum((v or ZERO for v in figures.values()), ZERO)
            else:
                figures["now"] = money.yuan - (figures["carry"] or ZERO)
            targets.append(Target(code, figures, ZERO, self.carried(code, rows["carry"], t3)))
        return split_other(targets, self.t.get(sx.INCOME),
                           {c: r.row for c, r in rows["carry"].items()}, self.half)

    def carried(self, code: str, income: dict[str, FunctionRow], spending: dict[str, FunctionRow]
                ) -> tuple[Decimal, Decimal] | None:
        """Where 项 code's 上年结转 lies: the income table's column ∩ the spending table's 合计
        less the income table's 本年收入 (`rooms.carried`)."""
        table2, table3 = self.t.get(sx.INCOME), self.t.get(sx.SPENDING)
        if table2 is None or table3 is None or code not in income or code not in spending:
            return None
        row = income[code].row
        return rooms.carried(table3.money(spending[code].row, "total"), table2.money(row, "total"),
                             table2.money(row, "carryover"))

    def basic_function(self, own: Unit, projects: list[Project]) -> list[BasicByFunction]:
        """基本支出 by function 项 (the spending table) and source (the income table less the
        projects), on own unit."""
        t2, t3 = function_rows(self.t.get(sx.INCOME)), function_rows(self.t.get(sx.SPENDING))
        rows = t3 or t2
        by_function: dict[str, Split] = defaultdict(Split)
        count: Counter[tuple[str, Source]] = Counter()  # each printed figure rounds by half
        for p in projects:
            by_function[p.function] = by_function[p.function] + p.amounts
            count.update((p.function, src) for src in SOURCES if p.amounts.get(src))
        found: list[BasicByFunction] = []
        for code in leaves(rows):
            basic = self.t[sx.SPENDING].money(t3[code].row, "basic") if code in t3 else None
            parts: dict[Source, Decimal] = {}
            # how far the sources' rests may lie from the spending table's 基本支出 by rounding
            # alone: that figure's half unit, and each source's own figure and its projects'
            # (a rest too small to keep counted whole)
            rounding = self.half
            if code in t2:
                for src in SOURCES:
                    printed = amount(self.t[sx.INCOME].money(t2[code].row, SOURCE_KEYS[src]))
                    rest = printed - by_function[code].get(src)
                    noise = self.half * (2 + count[code, src])
                    if printed or count[code, src]:
                        rounding += self.half * (1 + count[code, src])
                    if rest < -noise * 2:
                        if code in self.unmet_functions:  # the placing's miss: said once
                            continue
                        self.report.disagreements.append(
                            f"{self.name(sx.INCOME)} "
                            f"{self.t[sx.INCOME].place(t2[code].row, SOURCE_KEYS[src])}：科目 {code} 的"
                            f"{src.value} {figure_in(printed, self.t[sx.INCOME].scale)} "
                            f"小于记入该科目的项目支出 "
                            f"{figure_in(by_function[code].get(src), self.t[sx.INCOME].scale)}。")
                    elif rest > noise:
                        parts[src] = rest
                    else:
                        rounding += abs(rest)
            if basic is None:
                if code not in t3:
                    continue
                parts = {}
            if basic is not None and basic.yuan and parts:
                gap = abs(sum(parts.values(), ZERO) - basic.yuan)
                if gap > max(self.half * 2 * (len(parts) + 2), rounding):
                    if code not in self.unmet_functions:  # else the placing's miss: said once
                        rest_sum = sum(parts.values(), ZERO)
                        self.report.disagreements.append(
                            f"科目 {code} 的基本支出：{self.name(sx.SPENDING)}"
                            f"（{self.t[sx.SPENDING].place(t3[code].row, 'basic')}）为 "
                            f"{figure_in(basic.yuan, self.t[sx.SPENDING].scale)}，"
                            f"{self.name(sx.INCOME)} 各来源减去项目支出后为 "
                            f"{figure_in(rest_sum, self.t[sx.INCOME].scale)}；"
                            f"按{self.name(sx.SPENDING)}记入。")
                    parts = {}
            if basic is not None and basic.yuan and len(parts) == 1:
                parts = {src: basic.yuan for src in parts}  # one figure: closer than a difference
            if basic is not None and basic.yuan and not parts:
                parts = {Source.GENERAL: basic.yuan}
                if sx.INCOME in self.t and code in t2:
                    self.report.assumptions.append(
                        f"科目 {code} 的基本支出来源无法从{self.name(sx.INCOME)}得出，按一般公共预算记入。")
            found += [BasicByFunction(own.code, code, src, value) for src, value in parts.items()]
        if found:
            self.report.assumptions.append(
                f"基本支出按单位的划分：表中没有，已全部记在本级单位“{own.name}”"
                f"（{len(found)} 条功能科目记录）；如需按单位填报，请在基本支出中调整。")
        return found

    # --- income, revenues, 三公 ------------------------------------------------------------

    def income(self) -> Income:
        t1, t4 = self.t.get(sx.SUMMARY), self.t.get(sx.FISCAL)
        this_year: dict[Source, Decimal] = {}
        carry_total: Decimal | None = None
        if t1 is not None:
            for r in t1.rows:
                name = label(t1.text(r, "income_item"))
                if name in INCOME_NAMES:
                    this_year[INCOME_NAMES[name]] = amount(t1.money(r, "income"))
                elif name == "上年结转":
                    carry_total = amount(t1.money(r, "income"))
        carry: dict[Source, Decimal] = {}
        if t4 is not None:
            after = False
            for r in t4.rows:
                name = label(t4.text(r, "income_item"))
                if name.startswith("上年") and "结转" in name:
                    after = True
                elif name in INCOME_NAMES and INCOME_NAMES[name] in FISCAL:
                    target = carry if after else this_year
                    if after or INCOME_NAMES[name] not in this_year:
                        target[INCOME_NAMES[name]] = amount(t4.money(r, "income"))
        if carry_total is not None:
            rest = carry_total - sum(carry.values(), ZERO)
            if t4 is None and rest:
                carry[Source.GENERAL] = rest
                self.report.assumptions.append(f"没有{self.name(sx.FISCAL)}，上年结转全部按一般公共预算记入。")
            elif rest > self.half * 8:
                carry[Source.UNIT] = rest
                self.report.assumptions.append(
                    f"{self.name(sx.SUMMARY)}的上年结转比{self.name(sx.FISCAL)}的上年财政拨款结转多 "
                    f"{figure_in(rest, self.t[sx.SUMMARY].scale)}，按单位资金的上年结转记入。")
        if t1 is None and t4 is None:
            self.report.assumptions.append(f"收入：没有找到{self.name(sx.SUMMARY)}和{self.name(sx.FISCAL)}，请填写本年收入和上年结转。")
        return Income(Split(**{SOURCE_KEYS[s]: v for s, v in this_year.items()}),
                      Split(**{SOURCE_KEYS[s]: v for s, v in carry.items()}))

    def revenues(self) -> list[Revenue]:
        found: list[Revenue] = []
        for key, source, keys in ((sx.FUND_INCOME, Source.FUND, ("code", "name", "amount")),
                                  (sx.CAPITAL, Source.CAPITAL, ("income_code", "income_name", "income"))):
            table = self.t.get(key)
            if table is None:
                continue
            for r in table.rows:
                code = table.text(r, keys[0])
                value = amount(table.money(r, keys[2]))
                if code.isdigit() and value:
                    found.append(Revenue(source, code, table.text(r, keys[1]), value))
        return found

    def three_public(self) -> list[ThreePublic]:
        t10 = self.t.get(sx.THREE_PUBLIC)
        if t10 is None:
            return []
        items: dict[ThreePublicItem, SourceRow] = {}
        vehicles: SourceRow | None = None
        for r in t10.rows:
            name = label(t10.text(r, "item"))
            if name in THREE_PUBLIC:
                items[THREE_PUBLIC[name]] = r
            elif name == VEHICLES:
                vehicles = r
        if vehicles is not None and not {ThreePublicItem.VEHICLE_PURCHASE,
                                         ThreePublicItem.VEHICLE_RUNNING} & items.keys():
            items[ThreePublicItem.VEHICLE_RUNNING] = vehicles
            if any(amount(t10.money(vehicles, SOURCE_KEYS[s])) for s in FISCAL):
                self.report.assumptions.append(
                    f"{self.name(sx.THREE_PUBLIC)}没有分列公务用车购置费和运行维护费，"
                    "公务用车费用全部按运行维护费记入。")
        found = []
        for item, r in items.items():
            for src in FISCAL:
                value = amount(t10.money(r, SOURCE_KEYS[src]))
                if value:
                    found.append(ThreePublic(item, src, value))
        return found


def department_name(tables: dict[str, SourceTable], lay: Layout) -> str:
    """The most common 部门名称 (编制部门) line, else (Shanxi's tables) the first row of the
    project table."""
    names = Counter(t.department for t in tables.values() if t.department)
    if names:
        return names.most_common(1)[0][0]
    projects = tables.get(sx.PROJECTS) if lay.spec.mapper == "shanxi" else None
    found = lines(projects, "name", ()) if projects else []
    return found[0].name if found else ""
