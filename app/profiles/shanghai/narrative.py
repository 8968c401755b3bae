"""Shanghai's text parts as plain sections: 主要职能, 机构设置, 名词解释, 编制说明, 项目经费情况说明.

Every figure is computed from the budget's facts (amounts in 万元 with thousands separators and
two decimals, zero as 0); a change on last year is worded by its sign. 其他相关情况说明 is in
`other.py`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from app.core.catalog import Catalog, catalog_for
from app.core.money import ZERO, round_wan, total, wan_text
from app.core.numerals import chinese
from app.core.records import FISCAL, Budget, Source, UnitKind
from app.profiles.shanghai.tables import income_kinds, this_year
from app.profiles.shanghai.words import DEPARTMENT, check_kind


@dataclass(frozen=True)
class Section:
    """One heading and its paragraphs (the same shape as the Shanxi profile's sections).

    Attributes: key (stable), heading, paragraphs, level (1 a part, 2 a numbered part of it).
    """

    key: str
    heading: str
    paragraphs: tuple[str, ...]
    level: int = 1
    chart: None = None
    forms_follow: bool = False


def lines_of(text: str) -> tuple[str, ...]:
    """The non-empty paragraphs of a free text (one per line)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def wan(value: Decimal) -> str:
    """An amount in the text: "27,807.61万元", zero "0万元"."""
    return f"{wan_text(value)}万元"


def change(now: Decimal, before: Decimal | None, year: int) -> str:
    """"比2025年预算增加27.45万元", "…减少…", "与2025年预算持平", or that last year is missing."""
    if before is None:
        return f"{year - 1}年预算数未填列，无法比较"
    diff = now - before
    if round_wan(diff) == 0:
        return f"与{year - 1}年预算持平"
    word = "增加" if diff > 0 else "减少"
    return f"比{year - 1}年预算{word}{wan(abs(diff))}"


def duties(budget: Budget, kind: str = DEPARTMENT) -> Section:
    """主要职能: the department's own words."""
    check_kind(kind)
    return Section("duties", f"{budget.department.name}主要职能",
                   lines_of(budget.texts.duties) or ("（未填写）",))


def organization(budget: Budget, kind: str = DEPARTMENT) -> Section:
    """机构设置: computed from the units (how many of each kind, their names), then own words."""
    words = check_kind(kind)
    name, units = budget.department.name, budget.units
    counts = [(label, sum(1 for u in units if u.kind == k)) for label, k in
              (("行政单位", UnitKind.ADMIN), ("参公单位", UnitKind.CIVIL),
               ("事业单位", UnitKind.INSTITUTION))]
    paragraphs: list[str] = []
    if kind == DEPARTMENT and units:
        paragraphs.append(f"{name}部门预算是包括{units[0].name}以及下属{len(units) - 1}家预算单位"
                          f"的综合收支计划。")
        paragraphs.append(f"本{words.org}中，" + "，".join(f"{label}{n}家" for label, n in counts if n)
                          + "，具体包括：")
        paragraphs += [f"{i}、{u.name}" for i, u in enumerate(units, 1)]
    paragraphs += lines_of(budget.texts.organization)
    return Section("organization", f"{name}机构设置", tuple(paragraphs) or ("（未填写）",))


def glossary(budget: Budget) -> Section:
    """名词解释: "（一）term：definition"."""
    return Section("glossary", "名词解释", tuple(
        f"（{chinese(i)}）{e.term}：{e.definition}" for i, e in enumerate(budget.texts.glossary, 1)))


def function_label(catalog: Catalog, code: str) -> str:
    """"文化旅游体育与传媒支出(类)文化和旅游(款)行政运行(项)"."""
    names = [catalog.name(code[:n]) or code[:n] for n in (3, 5, 7) if n <= len(code)]
    return "".join(f"{n}({level})" for n, level in zip(names, ("类", "款", "项"), strict=False))


def explanation(budget: Budget, kind: str = DEPARTMENT,
                catalog: Catalog | None = None) -> Section:
    """部门预算编制说明: income and spending with their changes, then each 功能 项's money."""
    words = check_kind(kind)
    catalog = catalog or catalog_for(budget)
    year, name, last = budget.department.year, budget.department.name, budget.last_year
    now = budget.income.this_year
    business, operating, other = income_kinds(budget)
    lines = this_year(budget)
    spent = total(s.amount for s in lines)
    by_source = {src: total(s.amount for s in lines if s.source == src) for src in FISCAL}
    fiscal_spent = total(by_source.values())
    paragraphs = [
        f"{year}年，{name}收入预算{wan(now.total)}，其中：财政拨款收入{wan(now.fiscal)}，"
        f"{change(now.fiscal, last.fiscal, year)}；事业收入{wan(business)}；"
        f"事业单位经营收入{wan(operating)}；其他收入{wan(other)}。",
        f"支出预算{wan(spent)}，其中：财政拨款支出预算{wan(fiscal_spent)}，"
        f"{change(fiscal_spent, last.fiscal, year)}。财政拨款支出预算中，一般公共预算拨款支出预算"
        f"{wan(by_source[Source.GENERAL])}，{change(by_source[Source.GENERAL], last.general, year)}；"
        f"政府性基金拨款支出预算{wan(by_source[Source.FUND])}，"
        f"{change(by_source[Source.FUND], last.fund, year)}；国有资本经营预算拨款支出预算"
        f"{wan(by_source[Source.CAPITAL])}，{change(by_source[Source.CAPITAL], last.capital, year)}。",
    ]
    reason = budget.texts.reason_total.strip().rstrip("。")
    if reason and last.fiscal is not None and round_wan(now.fiscal - last.fiscal) != 0:
        word = "增加" if now.fiscal > last.fiscal else "减少"
        paragraphs.append(f"财政拨款收入支出{word}的主要原因是{reason}。")
    items: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for s in lines:
        if s.source.fiscal:
            items[s.function] += s.amount
    uses = {u.function: u.use.strip().rstrip("。") for u in budget.texts.function_uses}
    codes = [c for c in sorted(items) if items[c]]
    if codes:
        paragraphs.append("财政拨款支出主要内容如下：")
    for i, code in enumerate(codes, 1):
        use = f"，主要用于{uses[code]}" if uses.get(code) else ""
        paragraphs.append(f"{i}.“{function_label(catalog, code)}”{wan(items[code])}{use}。")
    return Section("explanation", f"{year}年{words.org}预算编制说明", tuple(paragraphs))


def project_notes(budget: Budget) -> list[Section]:
    """项目经费情况说明: per project a title section, then its numbered parts (level 2)."""
    found: list[Section] = []
    for n, note in enumerate(budget.texts.project_notes, 1):
        found.append(Section(f"project.{n}", f"{note.project}项目经费情况说明", ()))
        found += [Section(f"project.{n}.{i}", f"{chinese(i)}、{part.heading}",
                          lines_of(part.text), level=2)
                  for i, part in enumerate(note.parts, 1)]
    return found
