"""审核 checks of the Shanghai template's own facts (the general checks still apply)."""

from __future__ import annotations

from app.checks import places
from app.core.declarations import shanghai_fact
from app.core.findings import Finding, Location, error, hint
from app.core.money import ZERO
from app.core.records import Budget, ThreePublicItem
from app.profiles.shanghai.checknames import SKIPPED as SKIPPED  # the profile's declaration
from app.profiles.shanghai.checknames import TITLES as TITLES
from app.profiles.shanghai.other import plus
from app.profiles.shanghai.tables import income_kinds, this_year
from app.profiles.shanghai.tables_more import three_public_items
from app.profiles.shanghai.words import check_kind

# TITLES and SKIPPED: in checknames, which the profile reads without loading these checks


def check_income_kinds(budget: Budget) -> list[Finding]:
    """事业单位经营收入 + 其他收入 cannot exceed the non-fiscal income (事业收入 would be < 0)."""
    _business, operating, other = income_kinds(budget)
    rest = budget.income.this_year.special + budget.income.this_year.unit
    if operating + other <= rest:
        return []
    return [error(
        "income-kinds",
        f"事业单位经营收入与其他收入合计{places.yuan_words(operating + other)}，超过了财政专户管理"
        f"资金与单位资金合计{places.yuan_words(rest)}：事业收入将为负数，请核对。",
        places.single("income", "kinds.operating"))]


def check_carryover(budget: Budget) -> list[Finding]:
    """上年结转 entered: the template's tables and text show this year's money only, so it is
    not published (a 提示, at the first source that has it)."""
    carried = budget.income.carryover
    if not carried.total:
        return []
    first = next(name for name, source in places.SOURCE_FIELDS.items() if carried.get(source))
    return [hint(
        "sh-carryover",
        f"上年结转{places.yuan_words(carried.total)}不列入上海模板的公开表和说明：公开文件只列"
        f"本年收入和本年支出，收入总计为本年收入{places.yuan_words(budget.income.this_year.total)}，"
        f"上年结转的收入和支出都不印出。请确认。",
        places.single("income", f"carryover.{first}"))]


def check_texts(budget: Budget) -> list[Finding]:
    """主要职能 and 名词解释 are printed as entered; each 功能 项 of 财政拨款 has its 主要用于."""
    found = []
    if not budget.texts.duties.strip():
        org = check_kind(budget.settings.kind).org  # a unit's document: 一、单位主要职能
        found.append(error("sh-texts", f"未填写主要职能：“一、{org}主要职能”不能为空。",
                           places.single("texts", "duties")))
    if not budget.texts.glossary:
        found.append(hint("sh-texts", "未填写名词解释：“三、名词解释”将是空的。",
                          places.single("texts", "glossary")))
    uses = {u.function for u in budget.texts.function_uses if u.use.strip()}
    spent = sorted({s.function for s in this_year(budget) if s.source.fiscal and s.amount > ZERO})
    for code in spent:
        if code not in uses:
            found.append(hint(
                "sh-texts",
                f"功能科目 {code} 有财政拨款支出，但未填写其“主要用于”：编制说明中该项只写金额。",
                Location("texts", None, "function_uses", f"文字说明 功能科目{code}的“主要用于”")))
    return found


def check_reasons(budget: Budget) -> list[Finding]:
    """Each "三公" item that differs from last year has its reason (printed after its change)."""
    last, why = budget.last_year, budget.texts.three_public_reasons
    items = three_public_items(budget)
    purchase, running = items[ThreePublicItem.VEHICLE_PURCHASE], items[ThreePublicItem.VEHICLE_RUNNING]
    now = {"abroad": items[ThreePublicItem.ABROAD], "reception": items[ThreePublicItem.RECEPTION],
           "vehicle_purchase": purchase, "vehicle_running": running}
    before = {name: getattr(last, name) for name in now}
    now["total"] = sum(now.values(), ZERO)
    before["total"] = last.three_public()
    now["vehicles"] = purchase + running
    before["vehicles"] = plus(last.vehicle_purchase, last.vehicle_running)
    found = []
    for name, words in REASONS:
        if before[name] is not None and before[name] != now[name] and not getattr(why, name).strip():
            field = f"three_public_reasons.{name}"
            label = f"{places.FORMS['texts']} {shanghai_fact(f'texts.{field}').label}"
            # the total's change is the sum of the items' (each with its reason): a 提示
            found.append((hint if name == "total" else error)(
                "sh-reasons",
                f"{words}{places.yuan_words(now[name])}，与上年{places.yuan_words(before[name])}不同，"
                f"但没有填写增减原因：说明中只写增减的金额。",
                Location("texts", None, field, label)))
    return found


REASONS = (("total", "“三公”经费合计"), ("abroad", "因公出国（境）费"),
           ("vehicles", "公务用车购置及运行费"), ("vehicle_purchase", "公务用车购置费"),
           ("vehicle_running", "公务用车运行费"), ("reception", "公务接待费"))
CHECKS = (check_income_kinds, check_texts, check_reasons, check_carryover)
