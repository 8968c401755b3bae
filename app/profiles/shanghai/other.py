"""Shanghai's 其他相关情况说明: "三公"经费, 机关运行经费, 政府采购, 绩效目标, 国有资产.

Every figure is computed from the budget's facts; the reasons are the department's own words.
"""

from __future__ import annotations

from decimal import Decimal

from app.core.money import ZERO, total
from app.core.records import Budget, ThreePublicItem, UnitKind
from app.profiles.shanghai.narrative import Section, change, wan
from app.profiles.shanghai.tables_more import operating_funds, three_public_items
from app.profiles.shanghai.words import DEPARTMENT, Words, check_kind

# the vehicle categories of the template's 国有资产 paragraph, in its order
FLEET_KINDS = ("部级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障用车",
               "执法执勤用车", "特种专业技术用车", "离退休干部用车", "其他用车")


def because(reason: str) -> str:
    reason = reason.strip().rstrip("。")
    return f"，主要原因是{reason}" if reason else ""


def plus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None and b is None else (a or ZERO) + (b or ZERO)


def three_public(budget: Budget) -> Section:
    """一、"三公"经费预算情况说明: the total and each item with its change and reason."""
    year, last = budget.department.year, budget.last_year
    why = budget.texts.three_public_reasons
    items = three_public_items(budget)
    abroad, reception = items[ThreePublicItem.ABROAD], items[ThreePublicItem.RECEPTION]
    purchase = items[ThreePublicItem.VEHICLE_PURCHASE]
    running = items[ThreePublicItem.VEHICLE_RUNNING]
    whole = abroad + reception + purchase + running
    vehicles = purchase + running
    last_vehicles = plus(last.vehicle_purchase, last.vehicle_running)
    paragraphs = (
        f"{year}年“三公”经费预算数为{wan(whole)}，{change(whole, last.three_public(), year)}"
        f"{because(why.total)}。其中：",
        f"（一）因公出国（境）费{wan(abroad)}，{change(abroad, last.abroad, year)}"
        f"{because(why.abroad)}。",
        f"（二）公务用车购置及运行费{wan(vehicles)}，{change(vehicles, last_vehicles, year)}"
        f"{because(why.vehicles)}。其中：公务用车购置费{wan(purchase)}，"
        f"{change(purchase, last.vehicle_purchase, year)}{because(why.vehicle_purchase)}；"
        f"公务用车运行费{wan(running)}，{change(running, last.vehicle_running, year)}"
        f"{because(why.vehicle_running)}。",
        f"（三）公务接待费{wan(reception)}，{change(reception, last.reception, year)}"
        f"{because(why.reception)}。",
    )
    return Section("other.1", f"一、{year}年“三公”经费预算情况说明", paragraphs, level=2)


def operating(budget: Budget, words: Words) -> Section:
    """二、机关运行经费预算: who has it (机关, 参公 units) and how much."""
    year, name = budget.department.year, budget.department.name
    amount = wan(operating_funds(budget))
    admin = sum(1 for u in budget.units if u.kind == UnitKind.ADMIN)
    civil = sum(1 for u in budget.units if u.kind == UnitKind.CIVIL)
    if words.kind == DEPARTMENT and (admin or civil):
        who = "和".join(part for part in (f"{admin}家机关" if admin else "",
                                           f"{civil}家参公事业单位" if civil else "") if part)
        text = f"{year}年{name}下属{who}财政拨款的机关运行经费预算为{amount}。"
    else:
        text = f"{year}年{name}财政拨款的机关运行经费预算为{amount}。"
    return Section("other.2", "二、机关运行经费预算", (text,), level=2)


def procurement(budget: Budget, words: Words) -> Section:
    """三、政府采购预算情况: goods, works, services; the part reserved for small firms."""
    year, p = budget.department.year, budget.procurement
    own = f"本{words.org}"
    if not p.total:
        return Section("other.3", "三、政府采购预算情况", (f"{year}年{own}无政府采购预算。",),
                       level=2)
    paragraphs = [
        f"{year}年{own}政府采购预算{wan(p.total)}，其中：政府采购货物预算{wan(p.goods)}、"
        f"政府采购工程预算{wan(p.works)}、政府采购服务预算{wan(p.services)}。",
        f"{year}年{own}面向中小企业预留政府采购项目预算金额{wan(p.sme_reserved)}，其中，"
        f"预留给小型和微型企业的政府采购项目预算为{wan(p.small_reserved)}。",
    ]
    return Section("other.3", "三、政府采购预算情况", tuple(paragraphs), level=2)


def targets(budget: Budget, words: Words) -> Section:
    """四、绩效目标设置情况: units, projects with targets and their money."""
    year, perf = budget.department.year, budget.performance
    units = perf.unit_count if perf.unit_count is not None else len(budget.units)
    with_forms = {(t.unit, t.project) for t in budget.targets}
    count = perf.target_projects if perf.target_projects is not None else len(with_forms)
    money = perf.target_amount if perf.target_amount is not None else total(
        p.amounts.total for p in budget.projects if (p.unit, p.name) in with_forms)
    area = "本市" if budget.department.tier.startswith("市") else "本区"
    # a unit's document: the unit itself did the work ("本单位1个预算单位" is no sentence)
    who = f"本{words.org}{units}个预算单位" if words.kind == DEPARTMENT else f"本{words.org}"
    text = (f"按照{area}预算绩效管理工作的总体要求，{who}开展了{year}年"
            f"项目预算绩效目标编报工作，编报绩效目标的项目{count}个，涉及项目预算资金{wan(money)}。")
    return Section("other.4", "四、绩效目标设置情况", (text,), level=2)


def fleet_counts(budget: Budget, planned: bool) -> list[tuple[str, int]]:
    """(category, count) in the template's order, then any other category the file has."""
    counts = {f.kind: (f.planned if planned else f.held) for f in budget.assets.fleet}
    kinds = list(FLEET_KINDS) + [k for k in counts if k not in FLEET_KINDS]
    return [(k, counts.get(k, 0)) for k in kinds]


def assets(budget: Budget, words: Words) -> Section:
    """五、国有资产占有使用情况: vehicles by category and equipment of 100万元 and over."""
    year, name, a = budget.department.year, budget.department.name, budget.assets
    as_of = a.as_of or f"{year - 1}年12月31日"

    def listing(planned: bool) -> tuple[int, str]:
        counts = fleet_counts(budget, planned)
        return sum(n for _, n in counts), "、".join(f"{k}{n}辆" for k, n in counts)

    held, held_list = listing(False)
    buy, buy_list = listing(True)
    org = words.org
    paragraphs = (
        f"截至{as_of}，{name}共有车辆{held}辆，其中：{held_list}；单价100万元（含）以上设备"
        f"（不含车辆）{a.equipment_100}台（套）。",
        f"{year}年{org}预算安排购置车辆{buy}辆，其中：{buy_list}；{org}预算安排购置单价100万元"
        f"（含）以上设备（不含车辆）{a.equipment_100_planned}台（套）。",
    )
    return Section("other.5", "五、国有资产占有使用情况", paragraphs, level=2)


def other_sections(budget: Budget, kind: str = DEPARTMENT) -> list[Section]:
    """其他相关情况说明: its heading, then its five numbered parts."""
    words = check_kind(kind)
    return [
        Section("other", "其他相关情况说明", ()),
        three_public(budget),
        operating(budget, words),
        procurement(budget, words),
        targets(budget, words),
        assets(budget, words),
    ]
