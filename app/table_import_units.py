"""Units and projects from tables 11–13, and each project's function 项 from tables 2 and 3."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from app.money import ZERO
from app.records import FISCAL, SOURCES, Project, ProjectKind, Source, Split, Unit, UnitKind
from app.table_import_locate import SourceRow, SourceTable
from app.table_import_report import Report, wan_figure
from app.table_import_sheet import Money, norm

SOURCE_KEYS = {Source.GENERAL: "general", Source.FUND: "fund", Source.CAPITAL: "capital",
               Source.SPECIAL: "special", Source.UNIT: "unit"}
SEARCH_LIMIT = 200_000


@dataclass
class Line:
    """A row of table 11, 12 or 13: its name, figures by key and its row in the workbook."""

    name: str
    figures: dict[str, Money | None]
    row: SourceRow

    def amount(self, key: str) -> Decimal:
        m = self.figures.get(key)
        return m.yuan if m else ZERO

    def half(self, key: str) -> Decimal:
        m = self.figures.get(key)
        return m.half if m else ZERO


@dataclass
class Group:
    """A unit of table 12 or 13 with its project rows."""

    unit: str
    projects: list[Line] = field(default_factory=list)


def lines(table: SourceTable, name_key: str, keys: Sequence[str]) -> list[Line]:
    return [Line(table.text(r, name_key), {k: table.money(r, k) for k in keys}, r)
            for r in table.rows if table.text(r, name_key)]


def sums_to(whole: Line, parts: Sequence[Line], keys: Sequence[str]) -> bool:
    """Whether whole's figures are the sums of parts', within their rounding."""
    for k in keys:
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
                    memo[i] = [Group(rows[i].name, rows[i + 1:k + 1]), *rest]
                    break
        return memo[i]

    return solve(0)


def project_groups(table: SourceTable | None, keys: Sequence[str], department: str,
                   known: set[str], report: Report) -> list[Group]:
    """The units of table 12 or 13 with their projects (the first row is the department)."""
    if table is None:
        return []
    rows = lines(table, "name", keys)
    if not rows:
        return []
    head, rest = rows[0], rows[1:]
    if norm(head.name) != norm(department) and not sums_to(head, rest, keys):
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
    return groups


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


def make_units(department: str, t11: SourceTable | None, g12: list[Group], g13: list[Group],
               report: Report) -> list[Unit]:
    """The units, the department's own first: 行政, listed in table 11: 参公, others: 事业."""
    listed = [t11.text(r, "unit") for r in t11.rows][1:] if t11 else []
    names = merge_names([g.unit for g in g12 if g.unit], [g.unit for g in g13 if g.unit], listed)
    if not names:
        names = [department]
    own = names[0]
    units = []
    for i, name in enumerate(names):
        kind = (UnitKind.ADMIN if name == own
                else UnitKind.CIVIL if name in listed else UnitKind.INSTITUTION)
        units.append(Unit(f"{i + 1:03d}", name, kind))
    kinds = "；".join(f"{u.name}：{u.kind.value}" for u in units)
    report.assumptions.append(
        f"单位性质表中没有，已推定为（第一个单位为本级机关，表11中列出的其他单位为参公）：{kinds}。")
    report.to_fill.append("单位编码：表中没有，已暂编为 001、002……，请改为预算系统中的单位编码。")
    return units


def make_projects(units: list[Unit], g12: list[Group], g13: list[Group],
                  report: Report) -> list[Project]:
    """Projects by (unit, name): this year's money from table 12, 上年结转 from table 13."""
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
                if key not in found:
                    found[key] = Project(unit, line.name, "", ProjectKind.TARGETED)
                    order.append(key)
                elif (found[key].carryover if carry else found[key].amounts).total:
                    report.disagreements.append(
                        f"单位“{g.unit or units[0].name}”下有两个“{line.name}”项目，已合并为一个。")
                p = found[key]
                found[key] = (replace(p, carryover=p.carryover + split) if carry
                              else replace(p, amounts=p.amounts + split))
    if order:
        report.to_fill.append(f"项目类别：表中没有，{len(order)} 个项目已暂定为“特定目标类”，"
                              "请逐项改为“其他运转类”或“特定目标类”。")
    return [found[k] for k in order]


@dataclass
class Target:
    """A function 项 with project money: this year's and 上年结转, with their rounding."""

    code: str
    now: Decimal
    carry: Decimal
    half: Decimal


def vector(p: Project) -> tuple[Decimal, Decimal]:
    return p.amounts.total, p.carryover.total


def find_subset(projects: list[Project], target: Target, halves: dict[int, Decimal]
                ) -> tuple[list[int] | None, bool]:
    """Indices of projects whose money adds up to the target's (first found), and whether the
    choice is ambiguous (another combination fits too or the search gave up)."""
    order = sorted(range(len(projects)), key=lambda i: -sum(vector(projects[i])))
    now_left = [ZERO] * (len(order) + 1)
    carry_left = [ZERO] * (len(order) + 1)
    for pos in range(len(order) - 1, -1, -1):
        now, carry = vector(projects[order[pos]])
        now_left[pos] = now_left[pos + 1] + now
        carry_left[pos] = carry_left[pos + 1] + carry
    found: list[list[int]] = []
    steps = 0
    chosen: list[int] = []

    def fits(now: Decimal, carry: Decimal, slack: Decimal) -> bool:
        return abs(now - target.now) <= slack and abs(carry - target.carry) <= slack

    def walk(pos: int, now: Decimal, carry: Decimal, slack: Decimal) -> None:
        nonlocal steps
        steps += 1
        if len(found) >= 2 or steps > SEARCH_LIMIT:
            return
        if chosen and fits(now, carry, slack):
            found.append(list(chosen))
        if pos == len(order):
            return
        if now - slack > target.now or carry - slack > target.carry:
            return
        if now + now_left[pos] + slack < target.now or carry + carry_left[pos] + slack < target.carry:
            return
        i = order[pos]
        p_now, p_carry = vector(projects[i])
        chosen.append(i)
        walk(pos + 1, now + p_now, carry + p_carry, slack + halves[i])
        chosen.pop()
        walk(pos + 1, now, carry, slack)

    walk(0, ZERO, ZERO, target.half)
    if not found:
        return None, steps > SEARCH_LIMIT
    return sorted(found[0]), len(found) > 1 or steps > SEARCH_LIMIT


def assign_functions(projects: list[Project], targets: list[Target], half: Decimal,
                     names: dict[str, str], report: Report) -> list[Project]:
    """Each project's function 项, from the 项目支出 of each function 项 in tables 2 and 3."""
    if not projects:
        return projects
    if not targets:
        report.to_fill.append("项目的功能科目：表3中没有项目支出，无法推定，请为每个项目选择功能科目。")
        return projects
    chosen: dict[int, str] = {}
    halves = {i: half * 2 for i in range(len(projects))}  # a project's two figures, each rounded
    ordered = sorted(targets, key=lambda t: t.now + t.carry)
    largest = ordered[-1]
    for target in ordered[:-1]:
        free = [i for i in range(len(projects)) if i not in chosen]
        subset, ambiguous = find_subset([projects[i] for i in free], target,
                                        {k: halves[i] for k, i in enumerate(free)})
        title = f"{target.code} {names.get(target.code, '')}".strip()
        if subset is None:
            report.assumptions.append(
                f"找不到金额合计等于功能科目 {title} 项目支出（{wan_figure(target.now + target.carry)}）"
                "的项目组合，这些项目支出没有记到该科目。")
            continue
        members = [free[k] for k in subset]
        for i in members:
            chosen[i] = target.code
        listed = "、".join(projects[i].name for i in members)
        if ambiguous:
            report.assumptions.append(
                f"功能科目 {title} 的项目支出可以由不止一种项目组合凑成，暂按 {listed} 记入，请核对。")
        else:
            report.assumptions.append(f"按金额推定功能科目 {title} 的项目：{listed}。")
    rest = [i for i in range(len(projects)) if i not in chosen]
    title = f"{largest.code} {names.get(largest.code, '')}".strip()
    if len(targets) > 1 and rest:
        report.assumptions.append(f"其余 {len(rest)} 个项目记入功能科目 {title}。")
    elif len(targets) == 1:
        report.assumptions.append(f"表3中只有功能科目 {title} 有项目支出，全部项目记入该科目。")
    for i in rest:
        chosen[i] = largest.code
    return [replace(p, function=chosen[i]) for i, p in enumerate(projects)]
