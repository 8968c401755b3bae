"""Units and projects from the Shanxi template's 机关运行经费 and project tables (each project's
function 项 is found by `functions`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from app.core.money import ZERO
from app.core.records import FISCAL, SOURCES, Project, ProjectKind, Source, Split, Unit, UnitKind
from app.imports.tables.kinds import guessed_kind, kind_heading, named_kind
from app.imports.tables.locate import SourceRow, SourceTable
from app.imports.tables.mapped import UNIT_CODES
from app.imports.tables.report import Report, kinds_guessed
from app.imports.tables.sheet import Money, norm
from app.profiles.shanxi import imports as sx

# a unit's row as budget systems print it, its code before its name: "101001 示例局机关",
# "[101001]示例局机关", "101001-示例局机关": 3 digits or more in brackets or before a space or
# a mark (a name may start with digits: 2026年…, 110国道…)
CODED = re.compile(r"^(?:[\[【(（](\d{3,15})[\]】)）]|(\d{3,15})(?=[\s\u3000\-－—_:：.、]))"
                   r"[\s\u3000\-－—_:：.、]*(\S.*)$")
SOURCE_KEYS = {Source.GENERAL: "general", Source.FUND: "fund", Source.CAPITAL: "capital",
               Source.SPECIAL: "special", Source.UNIT: "unit"}


@dataclass
class Line:
    """A row of table 11, 12 or 13: its name, figures by key and its row in the workbook."""

    name: str
    figures: dict[str, Money | None]
    row: SourceRow
    kind: ProjectKind | None = None  # as the table says it (a 其他运转类 / 特定目标类 heading)

    def amount(self, key: str) -> Decimal:
        m = self.figures.get(key)
        return m.yuan if m else ZERO

    def half(self, key: str) -> Decimal:
        m = self.figures.get(key)
        return m.half if m else ZERO


@dataclass
class Group:
    """A unit of table 12 or 13 with its project rows (unit: its name; code: the code printed
    before it, if any)."""

    unit: str
    projects: list[Line] = field(default_factory=list)
    total: Line | None = None  # the unit's own row (the sum of its projects, within rounding)
    code: str = ""


def coded(text: str) -> tuple[str, str]:
    """(code, name) of a unit's row: the code printed before the name (`CODED`), or ""."""
    clean = text.strip().strip("\u3000")
    m = CODED.match(clean)
    return (m.group(1) or m.group(2), m.group(3).strip()) if m else ("", clean)


def lines(table: SourceTable, name_key: str, keys: Sequence[str]) -> list[Line]:
    return [Line(table.text(r, name_key), completed(r, {k: table.money(r, k) for k in keys}), r)
            for r in table.rows if table.text(r, name_key)]


def completed(row: SourceRow, figures: dict[str, Money | None]) -> dict[str, Money | None]:
    """A row's figures with the one column its part does not print (a continuation without
    it) taken as its 合计 less the columns printed, within their roundings together."""
    unknown = [k for k in figures if k in row.absent]
    if len(unknown) != 1 or "total" in row.absent or figures.get("total") is None:
        return figures
    total = figures["total"]
    assert total is not None
    known = [m for k, m in figures.items() if k not in ("total", unknown[0]) and m is not None]
    rest = total.yuan - sum((m.yuan for m in known), ZERO)
    half = total.half + sum((m.half for m in known), ZERO)
    return {**figures, unknown[0]: Money(rest, half) if rest > 0 else None}


def sums_to(whole: Line, parts: Sequence[Line], keys: Sequence[str]) -> bool:
    """Whether whole's figures are the sums of parts', within their rounding."""
    for k in keys:
        if any(k in line.row.absent for line in (whole, *parts)):
            continue  # a column a continuation does not print: no figure to add up
        gap = abs(whole.amount(k) - sum((p.amount(k) for p in parts), ZERO))
        if gap > whole.half(k) + sum((p.half(k) for p in parts), ZERO):
            return False
    return True


def segment(rows: list[Line], keys: Sequence[str], known: set[str]) -> list[Group] | None:
    """Unit rows and their projects: each unit row sums the project rows under it."""
    n = len(rows)
    memo: dict[int, list[Group] | None] = {}

    def solve(i: int) -> list[Group] | None:
        if i == n:
            return []
        if i in memo:
            return memo[i]
        memo[i] = None
        for k in range(i + 1, n):
            if k > i + 1 and norm(rows[k].name) in known:
                break
            if sums_to(rows[i], rows[i + 1:k + 1], keys):
                rest = solve(k + 1)
                if rest is not None:
                    memo[i] = [Group(rows[i].name, rows[i + 1:k + 1], rows[i]), *rest]
                    break
        return memo[i]

    return solve(0)


def project_groups(table: SourceTable | None, keys: Sequence[str], department: str,
                   known: set[str], report: Report) -> list[Group]:
    """The units of table 12 or 13 with their projects (the first row is the department)."""
    if table is None:
        return []
    rows = headed(lines(table, "name", keys))
    if not rows:
        return []
    unprinted = [(sum(k in r.row.absent for k in keys if k != "total"), "total" in r.row.absent)
                 for r in rows]
    if derived := sum(1 for n, total in unprinted if n == 1 and not total):
        report.assumptions.append(
            f"表{table.number}中 {derived} 行少印了一列（续表没有这一列）：已按该行合计减去其他各列"
            "记入，请核对。")
    if blank := sum(1 for n, total in unprinted if n > 1 or (n and total)):
        report.assumptions.append(
            f"表{table.number}中 {blank} 行少印了不止一列（续表没有这些列）：这些列按空白读取，请核对。")
    head, rest = rows[0], rows[1:]
    if norm(coded(head.name)[1]) != norm(department) and not sums_to(head, rest, keys):
        report.disagreements.append(
            f"表{table.number}的第一行“{head.name}”（{table.place(head.row, 'name')}）应为部门合计行，"
            "但它既不是部门名称，也不等于下面各行之和。")
    if not rest:
        return []
    groups = segment(rest, keys, known)
    if groups is None:
        report.assumptions.append(
            f"表{table.number}中分不出单位行和项目行（单位行应等于其下项目之和），"
            f"已把 {len(rest)} 行全部作为本级单位的项目。")
        return [Group("", rest)]
    for g in groups:
        g.code, g.unit = coded(g.unit)
    return groups


def department_code(tables: Sequence[SourceTable | None]) -> str:
    """The department's code, where the first row of a table of projects prints it before its
    name ("101 示例局")."""
    for table in tables:
        names = [table.text(r, "name") for r in table.rows if table.text(r, "name")] if table else []
        if names and coded(names[0])[0]:
            return coded(names[0])[0]
    return ""


def merge_names(*orders: list[str]) -> list[str]:
    """Unit names in one order that keeps each list's order as far as possible."""
    result: list[str] = []
    for order in orders:
        previous = -1
        for name in order:
            if name in result:
                previous = result.index(name)
            else:
                result.insert(previous + 1, name)
                previous += 1
    return result


def headed(rows: list[Line]) -> list[Line]:
    """The rows without the kind headings, each row below one carrying its kind until the
    next heading (a unit row's kind is never read)."""
    found: list[Line] = []
    kind: ProjectKind | None = None
    for line in rows:
        heading = kind_heading(line.name)
        if heading is not None:
            kind = heading
            continue
        found.append(replace(line, kind=kind) if kind is not None else line)
    return found


def stated_kind(line: Line) -> ProjectKind | None:
    """The kind the table says: a heading above the project, or its name (“……（其他运转类）”)."""
    return line.kind if line.kind is not None else named_kind(line.name)


def make_units(department: str, t11: SourceTable | None, g12: list[Group], g13: list[Group],
               report: Report, told: set[int] | None = None) -> list[Unit]:
    """The units, the department's own first: 行政, listed in table 11: 参公, others: 事业; each
    with the code printed before its name, else numbered 001, 002… (told gets the indices of
    the units whose code the tables print)."""
    office = [coded(t11.text(r, "unit")) for r in t11.rows][1:] if t11 else []
    listed = [name for _, name in office]
    names = merge_names([g.unit for g in g12 if g.unit], [g.unit for g in g13 if g.unit], listed)
    if not names:
        names = [department]
    printed = {name: code for code, name in office if code}
    printed.update((g.unit, g.code) for g in (*g12, *g13) if g.code)
    own = names[0]
    units: list[Unit] = []
    used = set(printed.values())
    owner: dict[str, str] = {}  # a printed code → the first unit printed with it
    for i, name in enumerate(names):
        kind = (UnitKind.ADMIN if name == own
                else UnitKind.CIVIL if name in listed else UnitKind.INSTITUTION)
        code = printed.get(name, "")
        if code and owner.setdefault(code, name) != name:
            code = ""  # another unit's code: the two would become one unit
        if code and told is not None:
            told.add(i)
        if not code:
            code = next(c for n in range(i + 1, i + 10_000) if (c := f"{n:03d}") not in used)
            if name in printed:
                report.disagreements.append(
                    f"单位“{name}”与“{owner[printed[name]]}”在表中印着同一个单位编码 "
                    f"{printed[name]}：已把“{name}”暂编为 {code}（已标为推测），请按预算系统改正。")
        used.add(code)
        units.append(Unit(code, name, kind))
    kinds = "；".join(f"{u.name}：{u.kind.value}" for u in units)
    report.assumptions.append(
        f"单位性质：表中没有，已推定为（第一个单位为本级机关，{sx.name(sx.OFFICE)}中列出的其他单位为参公）：{kinds}。")
    if any(name not in printed for name in names):
        report.assumptions.append(UNIT_CODES)
    if kept := sum(1 for u in units if printed.get(u.name) == u.code):
        report.assumptions.append(f"单位编码：{kept} 个单位按表中单位名称前的编码记入。")
    return units


def make_projects(units: list[Unit], g12: list[Group], g13: list[Group],
                  report: Report, kind: ProjectKind | None = None,
                  told: set[int] | None = None) -> list[Project]:
    """Projects by (unit, name): this year's money from table 12, 上年结转 from table 13;
    told gets the indices of the projects whose kind the tables say (not guessed)."""
    told = set() if told is None else told
    stated: dict[tuple[str, str], ProjectKind] = {}
    code = {u.name: u.code for u in units}
    own = units[0].code
    found: dict[tuple[str, str], Project] = {}
    order: list[tuple[str, str]] = []
    for groups, carry in ((g12, False), (g13, True)):
        for g in groups:
            unit = code.get(g.unit, own)
            for line in g.projects:
                key = (unit, line.name)
                sources = FISCAL if carry else SOURCES
                split = Split(**{SOURCE_KEYS[s]: line.amount(SOURCE_KEYS[s]) for s in sources})
                said = stated_kind(line)
                if said is not None and key not in stated:
                    stated[key] = said
                if key not in found:
                    found[key] = Project(unit, line.name, "", kind or said
                                         or guessed_kind(line.name))
                    order.append(key)
                elif said is not None and kind is None:
                    found[key] = replace(found[key], kind=stated[key])
                elif (found[key].carryover if carry else found[key].amounts).total:
                    report.disagreements.append(
                        f"单位“{g.unit or units[0].name}”下有两个“{line.name}”项目，已合并为一个。")
                p = found[key]
                found[key] = (replace(p, carryover=p.carryover + split) if carry
                              else replace(p, amounts=p.amounts + split))
    told.update(i for i, k in enumerate(order) if kind is None and k in stated)
    if stated and kind is None:
        report.assumptions.append(
            f"项目类别：{len(stated)} 个项目按表中所列（“其他运转类”“特定目标类”的分组行或项目名称）"
            "记入。")
    if len(order) > len(told) and kind is None:
        report.assumptions.append(kinds_guessed(len(order) - len(told)))
    return [found[k] for k in order]
