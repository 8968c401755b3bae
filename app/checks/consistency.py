"""Consistency checks: what is entered twice (三公, 机关运行经费, last year's figures) must agree."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from app.checks import places
from app.compute import economic
from app.compute.ledger import spending, sum_where
from app.core.findings import Finding, error, hint
from app.core.money import ZERO
from app.core.records import FISCAL, VEHICLE_KINDS, Budget, Source, ThreePublicItem, UnitKind

# economic 款 of 基本支出 that are "三公" spending: 部门经济 and 政府经济 codes
THREE_PUBLIC_CODES = {
    ThreePublicItem.ABROAD: ("30212", "50207"),
    ThreePublicItem.RECEPTION: ("30217", "50206"),
    ThreePublicItem.VEHICLE_PURCHASE: ("31013",),
    ThreePublicItem.VEHICLE_RUNNING: ("30231", "50208"),
}


def check_unit_kinds(budget: Budget) -> list[Finding]:
    """机关运行经费 (502) only for 行政/参公 units; 事业 units use 505, 行政/参公 use 501/502."""
    found = []
    for i, line in enumerate(budget.basic_economic):
        unit = budget.unit(line.unit)
        if unit is None:
            continue
        where = places.basic_economic_row(budget, i, "gov")
        gov_class = line.gov[:3]
        if unit.kind == UnitKind.INSTITUTION and gov_class == "502":
            found.append(error(
                "unit-kind",
                f"{unit.name}是事业单位，却有政府经济分类“{line.gov}”（502 机关商品和服务支出）的"
                f"支出 {places.yuan_words(line.amount)}：机关运行经费只属于行政单位和参公单位。"
                f"事业单位的公用经费应列 50502 商品和服务支出；如该单位参照公务员法管理，"
                f"请把单位性质改为“参公”。",
                where))
        elif unit.kind == UnitKind.INSTITUTION and gov_class in ("501", "503"):
            found.append(hint(
                "unit-kind",
                f"{unit.name}是事业单位，却用了机关类政府经济分类“{line.gov}”；"
                f"事业单位一般列 505/506 对事业单位补助。",
                where))
        elif unit.kind.runs_office and gov_class in ("505", "506"):
            found.append(hint(
                "unit-kind",
                f"{unit.name}是{unit.kind.value}单位，却用了“{line.gov}”（对事业单位补助）；"
                f"行政和参公单位一般列 501/502 机关工资福利和商品服务支出。",
                where))
    return found


def three_public_amounts(budget: Budget) -> dict[ThreePublicItem, Decimal]:
    """This year's "三公" by item, 财政拨款 only (table 10)."""
    totals = {item: ZERO for item in ThreePublicItem}
    for line in budget.three_public:
        if line.source in FISCAL:
            totals[line.item] += line.amount
    return totals


def check_three_public(budget: Budget) -> list[Finding]:
    """"三公" lines: 财政拨款 only, not negative, not below the 三公 spending of 基本支出, cars."""
    found = []
    seen: Counter[tuple[ThreePublicItem, Source]] = Counter()
    for i, line in enumerate(budget.three_public):
        seen[line.item, line.source] += 1
        if line.source not in FISCAL:
            found.append(error(
                "three-public",
                f"“三公”经费表只列财政拨款；{line.item.value}的资金来源“{line.source.value}”"
                f"不是财政拨款，这笔 {places.yuan_words(line.amount)} 不会出现在“三公”经费表中。",
                places.three_public_row(budget, i, "source")))
        if line.amount < 0:
            found.append(error("three-public", f"金额 {places.yuan_words(line.amount)} 为负数。",
                               places.three_public_row(budget, i, "amount")))
        if seen[line.item, line.source] == 2:
            found.append(hint(
                "three-public",
                f"{line.item.value}（{line.source.value}）录入了不止一行，“三公”经费表将把它们相加。",
                places.three_public_row(budget, i, "item")))
    amounts = three_public_amounts(budget)
    for item, codes in THREE_PUBLIC_CODES.items():
        basic = sum((b.amount for b in budget.basic_economic if b.source in FISCAL
                     and (b.dept in codes or b.gov in codes)), ZERO)
        if basic > amounts[item]:
            found.append(hint(
                "three-public",
                f"基本支出经济分类中有{item.value} {places.yuan_words(basic)}（财政拨款），"
                f"而“三公”经费表中{item.value}只有 {places.yuan_words(amounts[item])}；"
                f"“三公”经费应包含基本支出和项目支出中的全部此类支出。",
                places.single("three_public")))
    quota = sum(v.quota for v in budget.assets.vehicles)
    actual = sum(v.actual for v in budget.assets.vehicles)
    fleet = budget.assets.fleet  # Shanghai counts its cars by category instead (held, to buy)
    if amounts[ThreePublicItem.VEHICLE_RUNNING] > 0 and actual == 0 and not any(f.held for f in fleet):
        found.append(hint(
            "three-public",
            f"安排了公务用车运行维护费 "
            f"{places.yuan_words(amounts[ThreePublicItem.VEHICLE_RUNNING])}，"
            f"但国有资产中实有公务用车为 0 辆。",
            places.single("assets", "fleet" if fleet else "vehicles")))
    bought = amounts[ThreePublicItem.VEHICLE_PURCHASE]
    if bought > 0 and not fleet and quota == 0:
        found.append(hint(
            "three-public",
            f"安排了公务用车购置费 {places.yuan_words(bought)}，但国有资产中公务用车编制为 0 辆。",
            places.single("assets", "vehicles")))
    elif bought > 0 and fleet and not any(f.planned for f in fleet):
        found.append(hint(
            "three-public",
            f"安排了公务用车购置费 {places.yuan_words(bought)}，但车辆中本年购置为 0 辆。",
            places.single("assets", "fleet")))
    return found


def _changed(now: Decimal, last: Decimal) -> str:
    diff = now - last
    if diff == 0:
        return "与上年持平"
    return f"比上年{'增加' if diff > 0 else '减少'} {places.yuan_words(abs(diff))}"


def check_last_year(budget: Budget) -> list[Finding]:
    """Last year's figures present wherever the text states a change, and a reason for each change."""
    found = []
    last = budget.last_year
    texts = budget.texts
    total = budget.income.this_year.total + budget.income.carryover.total
    if last.total is None:
        found.append(error(
            "last-year",
            "未填写上年收支总计：公开的说明要写出收支总计比上年的增减。",
            places.single("last_year", "total")))
    elif last.total != total and not texts.reason_total.strip():
        found.append(error(
            "last-year",
            f"收支总计 {places.yuan_words(total)}，{_changed(total, last.total)}，"
            f"但没有填写收支总计的增减原因。",
            places.single("texts", "reason_total")))
    if last.general is None:
        found.append(error(
            "last-year",
            "未填写上年一般公共预算当年支出：公开的说明要写出一般公共预算支出比上年的增减。",
            places.single("last_year", "general")))
    now = three_public_amounts(budget)
    now_total = sum(now.values(), ZERO)
    items = {"abroad": ThreePublicItem.ABROAD, "reception": ThreePublicItem.RECEPTION,
             "vehicle_purchase": ThreePublicItem.VEHICLE_PURCHASE,
             "vehicle_running": ThreePublicItem.VEHICLE_RUNNING}
    missing = [f for f in items if getattr(last, f) is None]
    if missing and now_total > 0:
        found.append(error(
            "last-year",
            f"本年有“三公”经费 {places.yuan_words(now_total)}，但未填写上年的"
            f"{'、'.join(places.FIELDS[f][2:] for f in missing)}：公开的说明要写出“三公”经费的增减变动。",
            places.single("last_year", missing[0])))
    elif len(missing) == len(items):
        found.append(hint(
            "last-year",
            "未填写上年“三公”经费；说明将写“本部门无“三公”经费预算”。如上年有“三公”经费，请填写上年数。",
            places.single("last_year", "abroad")))
    changed = [items[f].value for f in items
               if getattr(last, f) is not None and getattr(last, f) != now[items[f]]]
    if changed and not texts.reason_three_public.strip():
        found.append(error(
            "reason-texts",
            f"“三公”经费中{'、'.join(changed)}与上年不同，但没有填写“三公”经费的增减变动原因。",
            places.single("texts", "reason_three_public")))
    operating = economic.operating(budget)
    offices = any(u.kind.runs_office for u in budget.units)
    if last.operating is None:
        if offices or operating:
            found.append(error(
                "last-year",
                "未填写上年机关运行经费：公开的说明要写出机关运行经费比上年的增减。",
                places.single("last_year", "operating")))
    elif last.operating != operating and not texts.reason_operating.strip():
        found.append(error(
            "reason-texts",
            f"机关运行经费 {places.yuan_words(operating)}，{_changed(operating, last.operating)}，"
            f"但没有填写机关运行经费的增减原因。",
            places.single("texts", "reason_operating")))
    for field in ("total", "general", "operating", *items):
        value = getattr(last, field)
        if value is not None and value < 0:
            found.append(error("last-year", f"{places.FIELDS[field]} {places.yuan_words(value)} 为负数。",
                               places.single("last_year", field)))
    return found


def check_procurement(budget: Budget) -> list[Finding]:
    """政府采购 not negative and not above this year's spending."""
    found = []
    p = budget.procurement
    for field in ("goods", "works", "services"):
        amount: Decimal = getattr(p, field)
        if amount < 0:
            found.append(error("procurement", f"政府采购{places.FIELDS[field]}预算 "
                               f"{places.yuan_words(amount)} 为负数。",
                               places.single("procurement", field)))
    lines = spending(budget)
    spent = sum_where(lines, lambda s: True)
    if p.total > spent:
        found.append(error(
            "procurement",
            f"政府采购预算总额 {places.yuan_words(p.total)} 超过了部门支出总计 "
            f"{places.yuan_words(spent)}。",
            places.single("procurement", "goods")))
    return found


def check_assets(budget: Budget) -> list[Finding]:
    """国有资产: each kind of car once, counts not negative, over 100万 a part of over 50万."""
    found = []
    a = budget.assets
    kinds = Counter(v.kind for v in a.vehicles)
    for i, v in enumerate(a.vehicles):
        if v.kind not in VEHICLE_KINDS:
            found.append(error(
                "assets", f"公务用车类别“{v.kind}”不是规定的类别（{'、'.join(VEHICLE_KINDS)}）。",
                places.single("assets", f"vehicles.{i}.kind")))
        elif kinds[v.kind] > 1 and a.vehicles.index(v) != i:
            found.append(error("assets", f"公务用车类别“{v.kind}”录入了不止一行。",
                               places.single("assets", f"vehicles.{i}.kind")))
        if v.quota < 0 or v.actual < 0:
            found.append(error("assets", f"{v.kind}的车辆数不能为负数。",
                               places.single("assets", f"vehicles.{i}.actual")))
        elif v.actual > v.quota:
            found.append(hint(
                "assets", f"{v.kind}实有 {v.actual} 辆，超过编制 {v.quota} 辆。",
                places.single("assets", f"vehicles.{i}.actual")))
    for kind in VEHICLE_KINDS:
        if kind not in kinds:
            found.append(error("assets", f"国有资产的公务用车缺少“{kind}”一行（说明要逐类列出）。",
                               places.single("assets", "vehicles")))
    if a.office_area < 0:
        found.append(error("assets", "办公用房面积不能为负数。", places.single("assets", "office_area")))
    if a.equipment_50 < 0 or a.equipment_100 < 0:
        found.append(error("assets", "通用设备台数不能为负数。", places.single("assets", "equipment_50")))
    elif a.equipment_100 > a.equipment_50:
        found.append(error(
            "assets",
            f"100万元以上通用设备 {a.equipment_100} 台（套）多于50万元以上的 {a.equipment_50} 台（套）；"
            f"100万元以上的设备也在50万元以上之内。",
            places.single("assets", "equipment_100")))
    return found


def check_performance(budget: Budget) -> list[Finding]:
    """Section 十's figures: units with targets within the units, their money within the budget."""
    found = []
    perf = budget.performance
    count = perf.unit_count if perf.unit_count is not None else len(budget.units)
    if perf.units_with_targets > count:
        found.append(error(
            "performance",
            f"编报单位整体绩效目标的单位 {perf.units_with_targets} 个，多于机关及下属预算单位 {count} 个。",
            places.single("performance", "units_with_targets")))
    this_year = budget.income.this_year.total
    if perf.units_amount > this_year:
        found.append(error(
            "performance",
            f"单位整体绩效目标涉及资金 {places.yuan_words(perf.units_amount)}，"
            f"超过本年预算 {places.yuan_words(this_year)}。",
            places.single("performance", "units_amount")))
    if perf.units_with_targets == 0 and perf.units_amount != 0:
        found.append(error(
            "performance",
            f"没有单位编报单位整体绩效目标，涉及资金却是 {places.yuan_words(perf.units_amount)}。",
            places.single("performance", "units_amount")))
    return found
