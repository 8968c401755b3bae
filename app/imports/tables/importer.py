"""Import the 13 disclosure tables a budget system hands out in Excel as a new budget.

`import_tables(path)` finds the tables wherever they are in the workbook, reads their figures,
maps them onto the budget's facts, fits the exact amounts so the rebuilt tables print as the
workbook does, and reports in plain Chinese what it took, what it could not read, where the
tables disagree and what the user must still fill in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.checks.registry import Severity
from app.core.errors import Cancelled
from app.core.records import Budget, ProjectKind
from app.imports.tables.crosscheck import cross_check
from app.imports.tables.defaults import marked, with_defaults
from app.imports.tables.fit import Slot, compare, fit
from app.imports.tables.locate import TITLES, SourceTable, locate
from app.imports.tables.mapping import Mapper, department_name, function_rows, leaves
from app.imports.tables.report import Report
from app.imports.tables.sheet import WAN, WorkbookError, read_workbook
from app.imports.tables.spread import spread
from app.profiles.review import review
from app.profiles.shanxi.tables import build_tables

# the table each kind of amount is read from (its rounding is that table's)
ORIGIN = {"income": (1, 4), "basic_function": (3, 2), "basic_economic": (6,),
          "projects": (12, 13), "revenues": (7, 9), "three_public": (10,)}


@dataclass(frozen=True)
class ImportResult:
    """The imported budget (None when nothing could be imported) and the report."""

    budget: Budget | None
    report: Report


def import_tables(path: Path | str, year: int | None = None,
                  project_kind: ProjectKind | None = None,
                  progress: Callable[[float], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """The budget held by the 13 tables of the workbook at path, and what happened.

    project_kind, when given, is every project's kind (the tables do not say it); otherwise
    each project's kind is guessed from its name and marked as a guess. progress gets the
    share done (0–1) between stages; when cancelled() turns true, Cancelled is raised.
    """
    def stage(share: float) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled("导入已取消。")
        if progress is not None:
            progress(share)

    report = Report()
    stage(0.0)
    try:
        grids = read_workbook(Path(path))
    except WorkbookError as exc:
        report.fatal.append(str(exc))
        return ImportResult(None, report)
    stage(0.2)
    tables, problems = locate(grids)
    report.unreadable += problems
    for table in tables.values():
        report.unreadable += table.problems
    if not tables:
        report.fatal.append(f"在“{Path(path).name}”中没有找到任何一张预算公开表"
                            "（按表题如“2026年预算收支总表”或“预算公开表1”查找）。")
        return ImportResult(None, report)
    year = year or found_year(tables)
    department = department_name(tables)
    if year is None:
        report.fatal.append("表题和表头中都没有预算年度（如“2026年”）；请在命令中用 --year 指定。")
    if not department:
        report.fatal.append("找不到部门名称（“部门名称：……”一行，或表12的第一行）。")
    if year is None or not department:
        return ImportResult(None, report)
    describe(tables, report)
    cross_check(tables, report)
    stage(0.3)
    mapper = Mapper(tables, report, year, department, project_kind)
    budget = mapper.budget()
    stage(0.5)

    def half(slot: Slot) -> Decimal:
        numbers = ORIGIN[slot.kind.split(".")[0]]
        scale = next((tables[n].scale for n in numbers if n in tables), WAN)
        return Decimal(50) if scale == WAN else Decimal(0)

    budget, moved = fit(budget, tables, half, report)
    stage(0.8)
    if moved:
        report.assumptions.append(
            f"万元金额按 ×10000 换算为元；为复现原表的尾差，{moved} 个金额在原表数字四舍五入"
            "允许的范围内作了调整（调整后各表的每个数字仍与原表相同）。")
    budget, spread_out = spread(budget)
    if spread_out:
        report.assumptions.append(
            "各单位的基本支出表中没有：505 类（对事业单位经常性补助）经济分类记在第一个事业单位，"
            "各单位按功能分类的基本支出从本级单位的最大科目中划出，使每个单位两种分类的合计相等；"
            "已标为推测，请按预算系统核对。")
    compare(build_tables(budget), tables, report)
    budget = marked(with_defaults(budget), guesses(budget, mapper, project_kind is None))
    report.assumptions.append(
        f"名词解释按山西省模板的标准条目（{len(budget.texts.glossary)} 条）填入，请按本部门情况修改。")
    if budget.settings.guesses:
        report.assumptions.append(
            f"以上推定共涉及 {len(budget.settings.guesses)} 处，已在文件中标为“推测”"
            "（窗口中另有底色，可用“只看推测”筛选）；修改或确认后标记消失。")
    report.to_fill += to_do(budget)
    stage(1.0)
    return ImportResult(budget, report)


def guesses(budget: Budget, mapper: Mapper, kinds: bool) -> list[str]:
    """The places the tables do not say (Location keys): project kinds (unless given), the 项
    of projects the figures leave open, the unit of 基本支出 lines and the kinds of units."""
    found = [f"projects/{i}/kind" for i in range(len(budget.projects))
             if kinds and i not in mapper.told_kinds]
    found += [f"projects/{i}/function" for i in sorted(mapper.guessed_functions)]
    if len(budget.units) > 1:
        found += [f"basic_function/{i}/unit" for i in range(len(budget.basic_function))]
        found += [f"basic_economic/{i}/unit" for i in range(len(budget.basic_economic))]
        found += [f"units/{i}/kind" for i in range(1, len(budget.units))]
    return found


def to_do(budget: Budget) -> list[str]:
    """What `check` will say of the imported file, in its words and places: 错误 first."""
    findings = review(budget)
    ordered = [f for f in findings if f.severity == Severity.ERROR]
    ordered += [f for f in findings if f.severity != Severity.ERROR]
    return [f"{f.severity.value}｜{f.location.label}：{f.message}"
            f"（检查：{f.check}，位置：{f.location.key}）" for f in ordered]


def found_year(tables: dict[int, SourceTable]) -> int | None:
    years = Counter(t.year for t in tables.values() if t.year)
    return years.most_common(1)[0][0] if years else None


def describe(tables: dict[int, SourceTable], report: Report) -> None:
    """What each table gave, one line per table; a missing table says so."""
    for number in TITLES:
        table = tables.get(number)
        if table is None:
            report.take(number, f"表{number}：工作簿中没有找到，按无数据处理。")
            continue
        unit = "万元" if table.scale == WAN else "元"
        rows = [r for r in table.rows if any(v for v in r.values)]
        line = f"表{number}“{table.title}”（{table.where}，单位：{unit}）：{len(rows)} 行"
        if number in (2, 3, 5, 8):
            line += f"，{len(leaves(function_rows(table)))} 个末级功能科目"
        if table.missing:
            line += f"；缺少“{'、'.join(table.missing)}”列，按空白读取"
        if not any(v and not isinstance(v, str) and v.yuan for r in rows for v in r.values):
            line += "；本表无数据"
        report.take(number, line + "。")
