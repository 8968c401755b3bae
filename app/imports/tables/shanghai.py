"""The Shanghai template's 9 tables onto a budget's facts (amounts in 元; the 三公 table in 万元).

The tables give the department's money by function 项, source and 基本/项目, 基本支出 by economic
款 (人员/公用) and the 三公 items; they do not give units or projects. So the import makes one
project per 项 with 项目支出, puts everything on the department's own (行政) unit, and moves the
公用经费 beyond the printed 机关运行经费 to one 事业 unit, as the template defines 机关运行经费
(行政 and 参公 units' 公用经费). Every such choice is reported and marked as a guess.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from decimal import Decimal

from app.compute.economic import personnel_class
from app.core.catalog import DEPT, FUNCTION, load_catalog
from app.core.money import ZERO, yuan_text
from app.core.records import (
    FISCAL,
    BasicByEconomic,
    BasicByFunction,
    Budget,
    CatalogEntry,
    CostKind,
    Department,
    Income,
    IncomeKinds,
    Project,
    ProjectKind,
    Source,
    Split,
    ThreePublic,
    ThreePublicItem,
    Unit,
    UnitKind,
)
from app.imports.tables.kinds import guessed_kind
from app.imports.tables.locate import Layout, SourceRow, SourceTable
from app.imports.tables.mapped import UNIT_CODES, Mapped, unit_guesses
from app.imports.tables.mapping import amount, label, leaves
from app.imports.tables.report import Report, kinds_guessed
from app.imports.tables.sheet import norm
from app.imports.tables.units import SOURCE_KEYS
from app.profiles.shanghai import imports as sh

SOURCE_TABLES = {Source.GENERAL: sh.GENERAL, Source.FUND: sh.FUND, Source.CAPITAL: sh.CAPITAL}
FISCAL_NAMES = {"一般公共预算": Source.GENERAL, "政府性基金预算": Source.FUND,
                "国有资本经营预算": Source.CAPITAL}
THREE_PUBLIC = {"abroad": (ThreePublicItem.ABROAD, "30212"),
                "reception": (ThreePublicItem.RECEPTION, "30217"),
                "purchase": (ThreePublicItem.VEHICLE_PURCHASE, "31013"),
                "running": (ThreePublicItem.VEHICLE_RUNNING, "30231")}
# 政府经济分类 of a 行政 unit's 部门经济 款 (by 类, then 款; "" any other 款)
ADMIN_GOV = {
    "301": {"01": "50101", "02": "50101", "03": "50101", "07": "50101", "08": "50102",
            "09": "50102", "10": "50102", "11": "50102", "12": "50102", "13": "50103",
            "": "50199"},
    "302": {"12": "50207", "13": "50209", "15": "50202", "16": "50203", "17": "50206",
            "18": "50204", "27": "50205", "31": "50208", "": "50299"},
}
OFFICE_SECTIONS = {f"{n:02d}" for n in range(1, 12)}  # 302 款 01–11: 办公经费
INSTITUTION_GOV = {"301": "50501", "302": "50502", "310": "50601"}
FAMILY_GOV = {"01": "50905", "02": "50905", "": "50999"}  # 303: 离退休费, else 其他


def code_of(table: SourceTable, row: SourceRow) -> str:
    """The function (类+款+项) or economic (类+款) code a row prints in its code columns."""
    parts = [table.text(row, c.key) for c in table.columns if c.kind.value == "code"]
    code = "".join(parts)
    return code if code.isdigit() else ""


def coded(table: SourceTable | None) -> dict[str, SourceRow]:
    """The rows of a coded table by code (the 合计 row left out)."""
    if table is None:
        return {}
    return {code: r for r in table.rows if (code := code_of(table, r))}


def gov_code(dept: str, kind: UnitKind) -> str:
    """The 政府经济分类 款 of a 部门经济 款 on a unit of kind."""
    cls, section = dept[:3], dept[3:5]
    if cls == "303":
        return FAMILY_GOV.get(section, FAMILY_GOV[""])
    if kind == UnitKind.INSTITUTION:
        return INSTITUTION_GOV.get(cls, "50502")
    by_section = ADMIN_GOV.get(cls, ADMIN_GOV["302"])
    if cls == "302" and section in OFFICE_SECTIONS and section not in by_section:
        return "50201"
    return by_section.get(section, by_section[""])


class ShanghaiMapper:
    """Builds the budget from Shanghai's tables, writing what it decides into the report."""

    def __init__(self, tables: dict[str, SourceTable], report: Report, year: int,
                 department: str, kind: ProjectKind | None, lay: Layout) -> None:
        self.t, self.report, self.year, self.kind, self.lay = tables, report, year, kind, lay
        self.department = department
        self.catalog = load_catalog(year)
        self.own = Unit("001", department, UnitKind.ADMIN)
        self.institution = Unit("002", f"{department}所属事业单位", UnitKind.INSTITUTION)

    def budget(self) -> Budget:
        entries = self.catalog_entries()
        economic = self.basic_economic()
        units = (self.own, self.institution) if any(
            e.unit == self.institution.code for e in economic) else (self.own,)
        if len(units) == 1:
            self.report.assumptions.append(
                f"单位：表中没有单位明细，全部记在本级单位“{self.own.name}”（行政）；"
                "请按实际单位调整。")
        self.report.assumptions.append(UNIT_CODES)
        basic, projects = self.spending()
        return Budget(
            department=Department(self.department, "", self.year),
            units=units,
            income=self.income(),
            basic_function=tuple(basic),
            basic_economic=tuple(economic),
            projects=tuple(projects),
            three_public=tuple(self.three_public(economic)),
            catalog_entries=tuple(entries),
        )

    def catalog_entries(self) -> list[CatalogEntry]:
        """Codes whose printed name the bundled catalog lacks or names differently."""
        entries = []
        for kind, keys in ((FUNCTION, (sh.INCOME, sh.SPENDING, *SOURCE_TABLES.values())),
                           (DEPT, (sh.ECONOMIC,))):
            names: dict[str, str] = {}
            for key in keys:
                table = self.t.get(key)
                for code, row in coded(table).items():
                    if table is not None:
                        names.setdefault(code, table.text(row, "name"))
            for code, name in sorted(names.items()):
                known = self.catalog.name(code, kind)
                if name and norm(known) != norm(name):
                    entries.append(CatalogEntry(kind, code, name))
                    where = f"在本程序的科目表中叫“{known}”" if known else "不在本程序的科目表中"
                    self.report.assumptions.append(
                        f"科目 {code}“{name}”{where}，已按表中名称加入本文件的科目表。")
        return entries

    def spending(self) -> tuple[list[BasicByFunction], list[Project]]:
        """基本支出 by 项 and source, and one project per 项 with 项目支出 (on the own unit)."""
        spending = self.t.get(sh.SPENDING)
        rows = coded(spending)
        by_source = {src: coded(self.t.get(key)) for src, key in SOURCE_TABLES.items()}
        if spending is None:  # the fiscal sources' tables alone
            rows = {c: r for src in FISCAL for c, r in by_source[src].items()}
        basic: list[BasicByFunction] = []
        projects: list[Project] = []
        for code in leaves(dict.fromkeys(rows)):  # type: ignore[arg-type]
            parts: dict[str, dict[Source, Decimal]] = {"basic": {}, "project": {}}
            for column, found in parts.items():
                for src, key in SOURCE_TABLES.items():
                    table, row = self.t.get(key), by_source[src].get(code)
                    if table is not None and row is not None:
                        found[src] = amount(table.money(row, column))
                if spending is not None and code in rows:
                    whole = amount(spending.money(rows[code], column))
                    found[Source.UNIT] = whole - sum(found.values(), ZERO)
            for src, value in parts["basic"].items():
                if value:
                    basic.append(BasicByFunction(self.own.code, code, src, value))
            split = Split(**{SOURCE_KEYS[src]: v for src, v in parts["project"].items() if v})
            if split.total:
                name = self.catalog.name(code) or self.row_name(code)
                kind = self.kind or guessed_kind(name)
                projects.append(Project(self.own.code, name, code, kind, split))
        projects = named(projects)
        if any(v.amount < 0 for v in basic) or any(
                getattr(p.amounts, f) < 0 for p in projects for f in ("unit",)):
            self.report.disagreements.append(
                f"{self.lay.name(sh.SPENDING)}的某些科目小于三张财政拨款功能分类表之和，"
                "差额记为负的非财政拨款资金，请核对。")
        if projects:
            self.report.assumptions.append(
                f"项目：表中没有项目明细，已按功能科目每个项一个项目（共 {len(projects)} 个，"
                f"记在本级单位“{self.own.name}”），名称为科目名称加“项目”（几个项同名的，"
                "名称后加科目编码），请改为实际项目。")
        if projects and self.kind is None:
            self.report.assumptions.append(kinds_guessed(len(projects)))
        return basic, projects

    def row_name(self, code: str) -> str:
        for key in (sh.SPENDING, *SOURCE_TABLES.values(), sh.INCOME):
            table = self.t.get(key)
            row = coded(table).get(code)
            if table is not None and row is not None:
                return table.text(row, "name")
        return code

    def income(self) -> Income:
        """This year's income by source: 财政拨款 from the fiscal table (else the finance table),
        事业收入, 事业单位经营收入 and 其他收入 as 单位资金."""
        now: dict[Source, Decimal] = {}
        kinds: dict[str, Decimal] = {}
        for key in (sh.FINANCE, sh.FISCAL):
            table = self.t.get(key)
            if table is None:
                continue
            for r in table.rows:
                name = label(table.text(r, "income_item"))
                value = amount(table.money(r, "income"))
                if name in FISCAL_NAMES:
                    now[FISCAL_NAMES[name]] = value
                elif name in ("事业收入", "事业单位经营收入", "其他收入") and key == sh.FINANCE:
                    kinds[name] = value
        if not now and not kinds:
            self.report.assumptions.append(
                f"收入：没有找到{self.lay.name(sh.FINANCE)}和{self.lay.name(sh.FISCAL)}，"
                "请填写本年收入。")
        unit = sum(kinds.values(), ZERO)
        split = Split(general=now.get(Source.GENERAL, ZERO), fund=now.get(Source.FUND, ZERO),
                      capital=now.get(Source.CAPITAL, ZERO), unit=unit)
        if unit:
            self.report.assumptions.append(
                "事业收入、事业单位经营收入和其他收入按单位资金记入。")
        return Income(split, Split(), IncomeKinds(kinds.get("事业单位经营收入", ZERO),
                                                   kinds.get("其他收入", ZERO)))

    def office_quota(self) -> Decimal | None:
        """机关运行经费 as the 三公 table prints it (元), None without the table."""
        table = self.t.get(sh.THREE_PUBLIC)
        if table is None or not table.rows:
            return None
        return amount(table.money(table.rows[0], "operating"))

    def basic_economic(self) -> list[BasicByEconomic]:
        """The economic 款 lines (人员 and 公用 apart), 公用 beyond 机关运行经费 on the 事业 unit."""
        table = self.t.get(sh.ECONOMIC)
        if table is None:
            return []
        parts: list[tuple[str, Decimal, CostKind | None, bool]] = []  # dept, amount, cost, public
        for code, row in coded(table).items():
            if len(code) != 5:
                continue
            people, public = amount(table.money(row, "personnel")), amount(table.money(row, "public"))
            default_people = personnel_class(code[:3])
            if people:
                parts.append((code, people, None if default_people else CostKind.PERSONNEL, False))
            if public:
                parts.append((code, public, CostKind.PUBLIC if default_people else None, True))
        quota = self.office_quota()
        if quota is None:
            quota = sum((a for _, a, _, public in parts if public), ZERO)
        order = sorted(range(len(parts)), key=lambda i: (not parts[i][0].startswith("302"),
                                                         parts[i][0].startswith("310"), i))
        found: list[BasicByEconomic] = []
        left = quota
        for i in order:
            dept, value, cost, is_public = parts[i]
            if not is_public:
                found.append(self.line(self.own, dept, value, cost))
                continue
            take = min(left, value) if not dept.startswith("310") else ZERO
            if take > 0:
                found.append(self.line(self.own, dept, take, cost))
                left -= take
            if value - take > 0:
                found.append(self.line(self.institution, dept, value - take, cost))
        if left > 0:
            self.report.disagreements.append(
                f"{self.lay.name(sh.THREE_PUBLIC)}的机关运行经费大于"
                f"{self.lay.name(sh.ECONOMIC)}中可计入的公用经费，差 {yuan_text(left)} 元。")
        moved = [e for e in found if e.unit == self.institution.code]
        if moved:
            self.report.assumptions.append(
                f"单位：表中没有单位明细。人员经费，以及与机关运行经费相等（{yuan_text(quota)} 元）的"
                f"公用经费，记在本级单位“{self.own.name}”（行政）；其余公用经费 "
                f"{yuan_text(sum((e.amount for e in moved), ZERO))} 元记在“{self.institution.name}”"
                f"（事业；这一名称是暂拟的，已标为推测），使机关运行经费与"
                f"{self.lay.name(sh.THREE_PUBLIC)}相同；请按实际单位调整。")
        self.report.assumptions.append("政府经济分类：表中没有，已按部门经济分类推定，请核对。")
        return found

    def line(self, unit: Unit, dept: str, value: Decimal, cost: CostKind | None) -> BasicByEconomic:
        return BasicByEconomic(unit.code, dept, gov_code(dept, unit.kind), Source.GENERAL, value,
                               cost)

    def three_public(self, economic: list[BasicByEconomic]) -> list[ThreePublic]:
        """The 三公 items (万元) from 一般公共预算; the exact 元 of the economic line where one
        prints the same 万元 figure."""
        table = self.t.get(sh.THREE_PUBLIC)
        if table is None or not table.rows:
            return []
        row = table.rows[0]
        exact: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for e in economic:
            exact[e.dept] += e.amount
        found = []
        for key, (item, dept) in THREE_PUBLIC.items():
            m = table.money(row, key)
            if m is None or not m.yuan:
                continue
            value = exact[dept] if abs(exact[dept] - m.yuan) <= m.half else m.yuan
            found.append(ThreePublic(item, Source.GENERAL, value))
        return found


def build(tables: dict[str, SourceTable], report: Report, year: int, department: str,
          kind: ProjectKind | None, lay: Layout) -> Mapped:
    """The budget Shanghai's tables hold."""
    mapper = ShanghaiMapper(tables, report, year, department, kind, lay)
    budget = mapper.budget()

    def guesses(budget: Budget) -> list[str]:
        found = [f"projects/{i}/kind" for i in range(len(budget.projects)) if kind is None]
        found += [f"projects/{i}/name" for i in range(len(budget.projects))]
        found += [f"units/{i}/name" for i, u in enumerate(budget.units)  # named by the import
                  if u.name == mapper.institution.name]
        found += [f"basic_economic/{i}/gov" for i in range(len(budget.basic_economic))]
        return found + unit_guesses(budget)

    def function_leaves(table: SourceTable) -> int | None:
        if table.key not in (sh.INCOME, sh.SPENDING, *SOURCE_TABLES.values()):
            return None
        return len(leaves(dict.fromkeys(coded(table))))  # type: ignore[arg-type]

    return Mapped(budget, guesses, function_leaves)


def named(projects: list[Project]) -> list[Project]:
    """The stand-in projects (one a 项, named after it) named "<项>项目", with the 项's code
    after the name where several 项 share one (机构运行 under two 款): a unit's project names
    must be unique, and an import must not leave 错误 the user did not make."""
    count = Counter(p.name for p in projects)
    return [replace(p, name=f"{p.name}项目（{p.function}）" if count[p.name] > 1 else f"{p.name}项目")
            for p in projects]
