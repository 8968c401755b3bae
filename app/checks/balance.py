"""Balance checks: income against spending, 基本支出 two ways, target-form money, codes."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from app.checks import places
from app.compute.ledger import spending
from app.core.catalog import DEPT, FUNCTION, GOV, catalog_for, catalog_year, function_level
from app.core.findings import Finding, Location, error, hint
from app.core.money import ZERO
from app.core.records import SOURCES, Budget, Source

WAN = Decimal(10000)
WAN_TYPED_BELOW = Decimal(100_000)  # what is typed as 万元: under 10 亿元
WAN_SLACK = Decimal(50)  # 万元 typed with more than six decimals, kept to the 分: 50 元 per amount


def as_wan(big: Decimal, small: Decimal, count: int = 1) -> bool:
    """Whether big is small read as 万元: what an amount typed in 万元 where 元 are asked is off by."""
    return 0 < small < WAN_TYPED_BELOW and abs(big - small * WAN) <= WAN_SLACK * count


def wan_typed(what: str, small: Decimal, other: str) -> str:
    """The likely cause of a gap of 10,000 times, with the figure as it should have been typed."""
    return (f"{what} {small:,.2f} 元，当作万元正好与{other}相符，像是按万元填写的：这里的金额以元为单位，"
            f"请按元填写，或在数字后写“万元”（如“{small.normalize():f}万元”）。")


def check_income(budget: Budget) -> list[Finding]:
    """Income = expenditure per source, this year and 上年结转 apart."""
    lines = spending(budget)
    found = []
    for carry, part, words in ((False, "this_year", "本年"), (True, "carryover", "上年结转")):
        entered = getattr(budget.income, part)
        for source in SOURCES:
            income = entered.get(source)
            mine = [s for s in lines if s.carryover == carry and s.source == source]
            basic = sum((s.amount for s in mine if s.basic), ZERO)
            project = sum((s.amount for s in mine if not s.basic), ZERO)
            spent = basic + project
            if income != spent:
                where = places.single("income", f"{part}.{places.FIELD_OF_SOURCE[source]}")
                count = len(mine)
                cause = (wan_typed(f"{words}项目支出合计", project, "收入")
                         if as_wan(income - basic, project, count) and basic else
                         wan_typed(f"{words}基本支出合计", basic, "收入")
                         if as_wan(income - project, basic, count) and project else
                         wan_typed(f"{words}支出合计", spent, "收入") if as_wan(income, spent, count) else
                         wan_typed(f"{words}收入", income, "支出") if as_wan(spent, income) else "")
                found.append(error(
                    "income-balance",
                    f"{source.value}{words}收入 {places.yuan_words(income)}，"
                    f"而{words}支出（基本支出和项目支出）合计 {places.yuan_words(spent)}，"
                    f"收入{places.gap(income - spent)}。收入应与支出按来源逐项相等。{cause}",
                    where))
    return found


def check_basic(budget: Budget) -> list[Finding]:
    """Each unit's 基本支出 by function = its 基本支出 by economic class, per source."""
    by_function: dict[tuple[str, Source], Decimal] = defaultdict(lambda: ZERO)
    by_economic: dict[tuple[str, Source], Decimal] = defaultdict(lambda: ZERO)
    first: dict[tuple[str, Source], int] = {}
    for b in budget.basic_function:
        by_function[b.unit, b.source] += b.amount
    for i, line in enumerate(budget.basic_economic):
        by_economic[line.unit, line.source] += line.amount
        first.setdefault((line.unit, line.source), i)
    found = []
    keys = sorted(set(by_function) | set(by_economic), key=lambda k: (k[0], SOURCES.index(k[1])))
    for unit, source in keys:
        f, e = by_function[unit, source], by_economic[unit, source]
        if f == e:
            continue
        index = first.get((unit, source))
        if index is None:
            where = places.single("basic_economic")
        else:
            where = places.basic_economic_row(budget, index, "amount")
        found.append(error(
            "basic-balance",
            f"{places.unit_name(budget, unit)}（{source.value}）基本支出按功能分类合计 "
            f"{places.yuan_words(f)}，按经济分类合计 {places.yuan_words(e)}，"
            f"功能分类{places.gap(f - e)}。两种分类的合计应相等。",
            where))
    return found


def check_target_funds(budget: Budget) -> list[Finding]:
    """A target form's 年度资金总额 = the project's money this year; 实施期 ≥ 年度."""
    found = []
    for i, form in enumerate(budget.targets):
        project = budget.project_named(form.unit, form.project)
        if project is None:
            continue
        annual, whole = form.annual.total, form.implementation.total
        if annual != project.amounts.total:
            found.append(error(
                "target-funds",
                f"「{form.project}」绩效目标表的年度资金总额 {places.yuan_words(annual)}，"
                f"与项目支出预算表的本年预算 {places.yuan_words(project.amounts.total)}"
                f"不等（{places.gap(annual - project.amounts.total)}）。"
                + (wan_typed("项目支出中这个项目的本年预算", project.amounts.total, "绩效目标表")
                   if as_wan(annual, project.amounts.total, 5) else
                   wan_typed("绩效目标表的年度资金总额", annual, "项目支出")
                   if as_wan(project.amounts.total, annual, 5) else ""),
                places.target(budget, i, "annual")))
        raised = form.annual.self_raised or ZERO
        if annual == project.amounts.total and raised != project.amounts.unit:
            found.append(hint(
                "target-funds",
                f"「{form.project}」绩效目标表的年度单位自筹 {places.yuan_words(raised)}，"
                f"而项目的单位资金是 {places.yuan_words(project.amounts.unit)}；请核对资金来源的划分。",
                places.target(budget, i, "annual.self_raised")))
        if whole < annual:
            found.append(error(
                "target-funds",
                f"「{form.project}」绩效目标表的实施期资金总额 {places.yuan_words(whole)}"
                f"小于年度资金总额 {places.yuan_words(annual)}；实施期包含本年度，不应更少。",
                places.target(budget, i, "implementation")))
    return found


def check_function_codes(budget: Budget) -> list[Finding]:
    """Function codes of 基本支出 and projects: 项 level (7 digits), known 类, in the catalog."""
    catalog = catalog_for(budget)
    classes = {e.code for e in catalog.classes()}
    found = []
    rows = [(places.basic_function_row(budget, i, "function"), b.function)
            for i, b in enumerate(budget.basic_function)]
    rows += [(places.project_row(budget, i, "function"), p.function)
             for i, p in enumerate(budget.projects)]
    for where, code in rows:
        if function_level(code) != 3:
            found.append(error(
                "function-code",
                f"功能科目“{code}”不是项级科目：应填7位数字的项级编码（如 2060101 行政运行）。",
                where))
        elif code[:3] not in classes:
            found.append(error(
                "function-code",
                f"功能科目“{code}”的类“{code[:3]}”不是支出功能分类的类，"
                f"这笔钱不会出现在预算收支总表中。",
                where))
        else:
            nameless = [c for c in (code[:5], code) if c not in catalog.function]
            if nameless:
                found.append(error(
                    "function-code",
                    f"功能科目“{'”“'.join(nameless)}”不在{budget.department.year}年的科目表中，"
                    f"公开表中它的科目名称将是空白：请导入当年的政府收支分类科目，"
                    f"或在补充科目中为它命名。",
                    where))
    return found


def check_catalog_year(budget: Budget) -> list[Finding]:
    """A year without its own bundled catalog borrows the latest earlier one: say so."""
    year = budget.department.year
    used = catalog_year(year)
    if used == year or any(e.kind == FUNCTION for e in budget.catalog_entries):
        return []
    return [hint(
        "catalog-year",
        f"没有内置的{year}年科目表，正在使用{used}年的政府收支分类科目；"
        f"如当年科目有变化，请导入{year}年的科目表。",
        places.single("department", "year"))]


# 部门经济分类 类 → the 政府经济分类 codes it may pair with (prefixes)
PAIRS = {
    "301": ("501", "50501"),
    "302": ("502", "50502"),
    "303": ("509",),
    "310": ("503", "506"),
}


def check_economic_codes(budget: Budget) -> list[Finding]:
    """Economic codes at 款 level (5 digits), in the catalog, 部门/政府 classes that belong together."""
    catalog = catalog_for(budget)
    found = []
    for i, line in enumerate(budget.basic_economic):
        for field, code, kind in (("dept", line.dept, DEPT), ("gov", line.gov, GOV)):
            where = places.basic_economic_row(budget, i, field)
            name = places.FIELDS[field]
            if not (code.isdigit() and len(code) == 5):
                found.append(error(
                    "economic-code",
                    f"{name}“{code}”不是款级科目：应填5位数字的款级编码（如 30101 基本工资、"
                    f"50101 工资奖金津补贴）。",
                    where))
            elif code not in catalog.table(kind) or code[:3] not in catalog.table(kind):
                found.append(error(
                    "economic-code",
                    f"{name}“{code}”不在{budget.department.year}年的科目表中，"
                    f"公开表中它的科目名称将是空白：请导入当年的科目表，或在补充科目中为它命名。",
                    where))
        dept_class = line.dept[:3]
        allowed = PAIRS.get(dept_class)
        if allowed and len(line.gov) == 5 and not line.gov.startswith(allowed):
            found.append(error(
                "economic-code",
                f"部门经济分类“{line.dept} {catalog.name(line.dept, DEPT)}”不应对应政府经济分类"
                f"“{line.gov} {catalog.name(line.gov, GOV)}”（{dept_class} 类应对应 "
                f"{'、'.join(allowed)}）。",
                places.basic_economic_row(budget, i, "gov")))
    return found


def check_references(budget: Budget) -> list[Finding]:
    """Every line names a unit of the file; no amount below zero; no project entered twice."""
    known = {u.code for u in budget.units}
    found = []

    def unknown(where_unit: str, where: Location) -> None:
        found.append(error(
            "references",
            f"单位代码“{where_unit}”不在单位列表中；请先在“部门与单位”中添加该单位，或改正代码。",
            where))

    def negative(amount: Decimal, where: Location) -> None:
        found.append(error("references", f"金额 {places.yuan_words(amount)} 为负数。", where))

    for i, b in enumerate(budget.basic_function):
        if b.unit not in known:
            unknown(b.unit, places.basic_function_row(budget, i, "unit"))
        if b.amount < 0:
            negative(b.amount, places.basic_function_row(budget, i, "amount"))
    for i, e in enumerate(budget.basic_economic):
        if e.unit not in known:
            unknown(e.unit, places.basic_economic_row(budget, i, "unit"))
        if e.amount < 0:
            negative(e.amount, places.basic_economic_row(budget, i, "amount"))
    seen: set[tuple[str, str]] = set()
    for i, p in enumerate(budget.projects):
        if p.unit not in known:
            unknown(p.unit, places.project_row(budget, i, "unit"))
        for part in ("amounts", "carryover"):
            for name, source in places.SOURCE_FIELDS.items():
                amount = getattr(p, part).get(source)
                if amount < 0:
                    negative(amount, places.project_row(budget, i, f"{part}.{name}"))
        if not p.name.strip():
            found.append(error("references", "项目名称为空：项目支出表中将是一个没有名称的项目。",
                               places.project_row(budget, i, "name")))
        elif (p.unit, p.name) in seen:
            found.append(error(
                "references",
                f"项目「{p.name}」在{places.unit_name(budget, p.unit)}下录入了两次；"
                f"同一单位的项目名称应唯一（绩效目标表按名称对应项目）。",
                places.project_row(budget, i, "name")))
        seen.add((p.unit, p.name))
    for part in ("this_year", "carryover"):
        for name, source in places.SOURCE_FIELDS.items():
            amount = getattr(budget.income, part).get(source)
            if amount < 0:
                negative(amount, places.single("income", f"{part}.{name}"))
    return found

