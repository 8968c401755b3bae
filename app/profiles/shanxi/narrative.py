"""The text of the disclosure (第一、三、四部分) generated from a budget, as plain sections.

The PDF and the GUI's preview show exactly these sections. Every amount is `wan_text` (万元,
thousands separators, two decimals), every set of shares of one whole adds to 100.00%, and a
change on last year is worded by its sign; a missing or zero last-year figure is said in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.compute.economic import general_lines, is_personnel, operating
from app.compute.figures import Chart, Figures, Part
from app.core.money import ZERO, percent, round_wan, total, wan_text
from app.core.numerals import chinese
from app.core.records import Budget, ProjectKind, ThreePublicItem


@dataclass(frozen=True)
class Section:
    """One heading and its paragraphs.

    Attributes: key (stable, e.g. "5.2"), heading, paragraphs, level (1 for 一、…, 2 for its
    sub-parts), chart (drawn after the paragraphs when charts are on), forms_follow (the
    target forms are printed after this section).
    """

    key: str
    heading: str
    paragraphs: tuple[str, ...]
    level: int = 1
    chart: Chart | None = None
    forms_follow: bool = False


def part_titles(budget: Budget) -> tuple[str, str, str, str]:
    """The titles of the four parts."""
    year = budget.department.year
    return ("第一部分 概况", f"第二部分 {year}年部门预算报表",
            f"第三部分 {year}年度部门预算情况说明", "第四部分 名词解释")


def lines_of(text: str) -> tuple[str, ...]:
    """The non-empty paragraphs of a free text (one per line)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def overview(budget: Budget) -> list[Section]:
    """第一部分 概况: the department's own texts."""
    texts = budget.texts
    return [
        Section("1.1", "一、本部门职责", lines_of(texts.duties) or ("（未填写）",)),
        Section("1.2", "二、机构设置情况", lines_of(texts.organization) or ("（未填写）",)),
    ]


def glossary(budget: Budget) -> list[str]:
    """第四部分 名词解释: numbered paragraphs "一、term：definition"."""
    return [f"{chinese(i)}、{e.term}：{e.definition}"
            for i, e in enumerate(budget.texts.glossary, start=1)]


def amount(value: Decimal) -> str:
    """An amount in the text: "4,762.56万元"."""
    return f"{wan_text(value)}万元"


def share(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def change(now: Decimal, before: Decimal | None, than: str = "比上年") -> str:
    """The change on last year worded by its sign, or why there is none to state."""
    if before is None:
        return "上年数据未填列，无法与上年比较"
    if before == 0:
        return f"{than}增加{amount(now)}（上年为0，不计算增长比例）" if now else f"{than}持平"
    diff = now - before
    if round_wan(diff) == 0:
        return f"{than}持平"
    rate = percent(abs(diff), before)
    if diff > 0:
        return f"{than}增加{amount(diff)}，增长{share(rate)}"
    return f"{than}减少{amount(-diff)}，下降{share(rate)}"


def moved(now: Decimal, before: Decimal | None) -> bool:
    """Whether there is a change on last year to give a reason for."""
    return before is not None and round_wan(now - before) != 0


def with_reason(sentence: str, reason: str) -> str:
    """sentence + "，" + the department's reason, ending in "。"."""
    reason = reason.strip().rstrip("。；;，,")
    return f"{sentence}，{reason}。" if reason else f"{sentence}。"


def listing(parts: list[Part]) -> str:
    """"教育支出3.60万元，占0.10%；科学技术支出…"."""
    return "；".join(f"{p.label}{amount(p.amount)}，占{share(p.share)}" for p in parts)


def sections(budget: Budget) -> list[Section]:
    """第三部分 情况说明, sections 一 to 十二 with their sub-parts, in order."""
    f = Figures.of(budget)
    charts = f.charts() if budget.settings.charts else {}
    result = [
        section_1(f), section_2(f, charts), section_3(f, charts), section_4(f),
        *section_5(f, charts), section_6(f), section_7(f, charts), section_8(f), section_9(f),
        *section_10(f), *section_11(f), *section_12(f),
    ]
    return result


def subject(f: Figures) -> str:
    return f"{f.budget.department.year}年度{f.budget.department.name}"


def section_1(f: Figures) -> Section:
    before = f.budget.last_year.total
    reason = f.budget.texts.reason_total
    income = with_reason(
        f"{subject(f)}预算收入总计{amount(f.income_total)}，其中：本年收入"
        f"{amount(f.income_this_year)}，上年结转{amount(f.income_carryover)}，"
        f"{change(f.income_total, before)}", reason if moved(f.income_total, before) else "")
    spend = with_reason(
        f"本年部门预算支出总计{amount(f.spending_total)}，其中：本年预算安排"
        f"{amount(f.spending_now)}，上年结转{amount(f.spending_carryover)}，"
        f"{change(f.spending_total, before)}", reason if moved(f.spending_total, before) else "")
    return Section("1", "一、部门预算收支数据变动情况及原因",
                   (income.rstrip("。") + "；" + spend,))


def section_2(f: Figures, charts: dict[str, Chart]) -> Section:
    text = (f"{subject(f)}预算收入{amount(f.income_total)}，主要包括"
            f"{listing(f.income_parts())}。")
    return Section("2", "二、收入预算情况说明", (text,), chart=charts.get("2"))


def section_3(f: Figures, charts: dict[str, Chart]) -> Section:
    text = f"{subject(f)}支出预算{amount(f.spending_total)}，其中：{listing(f.basic_project_parts())}。"
    return Section("3", "三、支出预算情况说明", (text,), chart=charts.get("3"))


def section_4(f: Figures) -> Section:
    sources = "，".join(f"{src.value}拨款{amount(a)}" for src, a in f.fiscal_by_source())
    first = f"{subject(f)}财政拨款收支总预算{amount(f.fiscal_total)}。其中：{sources}。"
    classes = "、".join(f"{name}{amount(a)}" for name, a in f.by_class(fiscal_only=True))
    second = (f"其中：当年拨款收入{amount(f.fiscal_income_now)}，上年结转收入"
              f"{amount(f.fiscal_income_carryover)}。"
              + (f"支出包括：{classes}。" if classes else "无财政拨款支出。"))
    return Section("4", "四、财政拨款收支预算总体情况说明", (first, second))


def section_5(f: Figures, charts: dict[str, Chart]) -> list[Section]:
    now = f.general_now
    size = f"{subject(f)}一般公共预算当年支出{amount(now)}，{change(now, f.budget.last_year.general)}。"
    parts = f.general_class_parts()
    structure = (f"{subject(f)}一般公共预算当年支出{amount(now)}，主要用于以下方面：{listing(parts)}。"
                 if parts else f"{subject(f)}无一般公共预算当年支出。")
    return [
        Section("5", "五、一般公共预算支出情况说明", ()),
        Section("5.1", "（一）一般公共预算当年支出规模变化情况", (size,), 2),
        Section("5.2", "（二）一般公共预算当年支出结构情况", (structure,), 2, charts.get("5.2")),
    ]


def economic_names(budget: Budget, personnel: bool) -> list[str]:
    """The names of the 部门经济分类 款 of table 6 in 人员经费 (or 公用经费), in code order."""
    from app.core.catalog import DEPT, catalog_for

    catalog = catalog_for(budget)
    codes = sorted({b.dept for b in general_lines(budget) if is_personnel(b) == personnel})
    return [catalog.name(code, DEPT) or code for code in codes]


def section_6(f: Figures) -> Section:
    lines = general_lines(f.budget)
    people = total(b.amount for b in lines if is_personnel(b))
    public = total(b.amount for b in lines if not is_personnel(b))

    def kind(label: str, value: Decimal, personnel: bool, end: str) -> str:
        names = economic_names(f.budget, personnel)
        items = f"，主要包括：{'、'.join(names)}等" if names else ""
        return f"{label}{amount(value)}{items}{end}"

    return Section("6", "六、一般公共预算基本支出情况说明", (
        f"{subject(f)}一般公共预算安排基本支出{amount(people + public)}，其中：",
        kind("人员经费", people, True, "；"),
        kind("公用经费", public, False, "。"),
    ))


def section_7(f: Figures, charts: dict[str, Chart]) -> Section:
    heading = "七、“三公”经费增减变动原因说明"
    three = f.three_public()
    last = f.budget.last_year
    now = total(three.values())
    before = last.three_public()
    if now == 0 and not before:
        return Section("7", heading, ("本部门无“三公”经费预算。",))
    year = f.budget.department.year
    abroad, reception = three[ThreePublicItem.ABROAD], three[ThreePublicItem.RECEPTION]
    purchase = three[ThreePublicItem.VEHICLE_PURCHASE]
    running = three[ThreePublicItem.VEHICLE_RUNNING]
    vehicles_before = (None if last.vehicle_purchase is None and last.vehicle_running is None
                       else (last.vehicle_purchase or ZERO) + (last.vehicle_running or ZERO))
    first = with_reason(f"本部门{year}年“三公”经费财政拨款预算{amount(now)}，{change(now, before)}",
                        f.budget.texts.reason_three_public if moved(now, before) else "")
    detail = (
        f"其中：因公出国（境）费{amount(abroad)}，{change(abroad, last.abroad)}；"
        f"公务接待费{amount(reception)}，{change(reception, last.reception)}；"
        f"公务用车购置及运行费{amount(purchase + running)}，"
        f"{change(purchase + running, vehicles_before)}（其中：公务用车购置费{amount(purchase)}，"
        f"公务用车运行维护费{amount(running)}）。")
    return Section("7", heading, (first, detail), chart=charts.get("7"))


def section_8(f: Figures) -> Section:
    year = f.budget.department.year
    now = operating(f.budget)
    before = f.budget.last_year.operating
    text = with_reason(
        f"本部门{year}年机关运行经费财政拨款预算{amount(now)}，"
        f"{change(now, before, f'比{year - 1}年预算')}",
        f.budget.texts.reason_operating if moved(now, before) else "")
    return Section("8", "八、机关运行经费增减变动原因说明", (text,))


def section_9(f: Figures) -> Section:
    p = f.budget.procurement
    year = f.budget.department.year
    text = (f"{year}年{f.budget.department.name}政府采购预算总额{amount(p.total)}。其中：政府采购货物预算"
            f"{amount(p.goods)}、政府采购工程预算{amount(p.works)}、政府采购服务预算{amount(p.services)}。")
    return Section("9", "九、政府采购情况", (text,))


ByKind = dict[ProjectKind, tuple[int, Decimal]]


def project_counts(f: Figures, disclosed: bool) -> tuple[int, Decimal, ByKind]:
    """Projects with this year's money (or those of them with a target form): count, money, by kind."""
    chosen = [p for p in f.budget.projects if p.amounts.total
              and (not disclosed or f.budget.target(p.unit, p.name) is not None)]
    kinds = {k: (sum(1 for p in chosen if p.kind == k), total(p.amounts.total for p in chosen if p.kind == k))
             for k in ProjectKind}
    return len(chosen), total(p.amounts.total for p in chosen), kinds


def section_10(f: Figures) -> list[Section]:
    b = f.budget
    year = b.department.year
    perf = b.performance
    units = perf.unit_count if perf.unit_count is not None else len(b.units)
    units_part = (f"机关及下属预算单位{units}个，其中{perf.units_with_targets}个单位（包括机关）编报了"
                  f"单位整体绩效目标，涉及资金{amount(perf.units_amount)}。")
    if perf.overall_reported:
        overall = (f"{year}年编报部门整体支出绩效目标，涉及部门预算资金{amount(f.income_this_year)}，"
                   f"其中基本支出{amount(f.basic_now)}，项目支出{amount(f.project_now)}；" + units_part)
    else:
        overall = f"{year}年未编报部门整体支出绩效目标。" + units_part

    def by_kind(kinds: ByKind, word: str) -> str:
        return "；".join(f"{k.value}项目{n}个，涉及{word}{amount(a)}" for k, (n, a) in kinds.items())

    count, money, kinds = project_counts(f, False)
    shown, shown_money, shown_kinds = project_counts(f, True)
    rate = percent(shown_money, money)
    projects = (f"{year}年{b.department.name}纳入绩效目标管理的二级项目{count}个，共计金额{amount(money)}。"
                f"其中：{by_kind(kinds, '金额')}。公开项目绩效目标{shown}个，涉及项目金额"
                f"{amount(shown_money)}，占部门（单位）项目支出总额的{share(rate)}。"
                f"其中：{by_kind(shown_kinds, '项目金额')}。")
    attachments = ("（项目绩效目标表公开情况见附件）",) if b.targets or b.department_form else ()
    return [
        Section("10", "十、绩效管理情况", ()),
        Section("10.1", "1、整体绩效目标", (overall,), 2),
        Section("10.2", "2、项目绩效目标", (projects, *attachments), 2, forms_follow=True),
    ]


def number(value: Decimal) -> str:
    """A count or area: no decimals when whole, thousands separators."""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def section_11(f: Figures) -> list[Section]:
    b = f.budget
    name = b.department.name
    as_of = f"截至{b.department.year - 1}年12月31日"
    vehicles = b.assets.vehicles
    quota = sum(v.quota for v in vehicles)
    actual = sum(v.actual for v in vehicles)
    kinds = "，".join(f"{v.kind}{v.actual}辆" for v in vehicles)
    return [
        Section("11", "十一、国有资产占有使用情况", ()),
        Section("11.1", "1、车辆情况：", (
            f"{as_of}，{name}共有公务用车编制{quota}辆，实有{actual}辆"
            + (f"，其中：{kinds}。" if kinds else "。"),), 2),
        Section("11.2", "2、房屋情况：", (
            f"{as_of}，{name}使用的办公用房建筑总面积{number(b.assets.office_area)}平方米。",), 2),
        Section("11.3", "3、其他国有资产占有使用情况：", (
            f"{as_of}，{name}占有使用价值50万元（原值）以上的通用设备{b.assets.equipment_50}台（套）；"
            f"{name}占有使用价值100万元（原值）以上的通用设备{b.assets.equipment_100}台（套）。",), 2),
    ]


def section_12(f: Figures) -> list[Section]:
    texts = f.budget.texts
    return [
        Section("12", "十二、其他说明", ()),
        Section("12.1", "（一）政府购买服务指导性目录", lines_of(texts.services_catalog) or ("无。",), 2),
        Section("12.2", "（二）其他", lines_of(texts.other) or ("无。",), 2),
    ]


def all_text(budget: Budget) -> list[str]:
    """Every heading and paragraph of 第三部分, in order (for searching and checking)."""
    return [t for s in sections(budget) for t in (s.heading, *s.paragraphs)]
