"""The Shanxi template's 13 tables as the table import finds them: titles and names by key.

A Shanxi table's key is its place in the template ("1" … "13", as `Profile.table_keys` gives
it); the names below say what each table is, so the importer's mapping reads as facts.
"""

from __future__ import annotations

from app.profiles.importspec import ImportSpec, SharedTitle

(SUMMARY, INCOME, SPENDING, FISCAL, GENERAL, ECONOMIC, FUND_INCOME, FUND, CAPITAL,
 THREE_PUBLIC, OFFICE, PROJECTS, CARRIED) = (str(n) for n in range(1, 14))

TITLES = {
    SUMMARY: ("预算收支总表",),
    INCOME: ("预算收入总表",),
    SPENDING: ("预算支出总表",),
    FISCAL: ("财政拨款收支总表",),
    GENERAL: ("一般公共预算支出预算表",),
    ECONOMIC: ("一般公共预算安排基本支出分经济科目表",),
    FUND_INCOME: ("政府性基金预算收入表",),
    FUND: ("政府性基金预算支出表",),
    CAPITAL: ("国有资本经营预算收支预算表",),
    THREE_PUBLIC: ("财政拨款安排三公经费支出预算表",),
    OFFICE: ("财政拨款安排机关运行经费预算表",),
    PROJECTS: ("项目支出预算表(本年预算)",),
    CARRIED: ("项目支出预算表(上年结转)",),
}


def name(key: str) -> str:
    """How a message names the table: 表N, as the template's captions do."""
    return f"表{key}"


SPEC = ImportSpec(
    titles=TITLES,
    priority=(PROJECTS, CARRIED, SPENDING, INCOME, ECONOMIC, OFFICE, THREE_PUBLIC, GENERAL, FUND,
              CAPITAL, FUND_INCOME, SUMMARY, FISCAL),
    origin={"income": (SUMMARY, FISCAL), "basic_function": (SPENDING, INCOME),
            "basic_economic": (ECONOMIC,), "projects": (PROJECTS, CARRIED),
            "revenues": (FUND_INCOME, CAPITAL), "three_public": (THREE_PUBLIC,)},
    mapper="shanxi",
    captions=True,
    shared=(SharedTitle("项目支出预算表", PROJECTS, CARRIED, "财政专户管理资金"),),
    tails=("(不含上年结转)",),
)
