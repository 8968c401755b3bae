"""审核 checks of the Shanghai template's own facts (the general checks still apply)."""

from __future__ import annotations

from app.checks import places
from app.core.findings import Finding, error, hint
from app.core.money import ZERO
from app.core.records import Budget
from app.profiles.shanghai.tables import income_kinds, this_year

# the general checks that do not apply: "texts" asks for Shanxi's sections (机构设置 as text,
# 政府购买服务指导性目录, 其他); Shanghai computes 机构设置 and has no such sections.
# "target-presence": Shanghai's document states 绩效目标设置情况 in its text and prints no
# 项目支出绩效目标表, so a project without a form in the file is not a fault of the document
SKIPPED = frozenset({"texts", "target-presence"})


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


def check_texts(budget: Budget) -> list[Finding]:
    """主要职能 and 名词解释 are printed as entered; each 功能 项 of 财政拨款 has its 主要用于."""
    found = []
    if not budget.texts.duties.strip():
        found.append(error("sh-texts", "未填写主要职能：“一、部门主要职能”不能为空。",
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
                places.single("texts", "function_uses")))
    return found


CHECKS = (check_income_kinds, check_texts)
TITLES = {"income-kinds": "事业收入、经营收入与其他收入", "sh-texts": "上海模板的文字说明"}
