"""The places findings point at: Location values with plain Chinese labels, and money wording."""

from __future__ import annotations

from decimal import Decimal

from app.core.declarations import FUND_TOTALS, decl, find
from app.core.findings import Location
from app.core.money import wan_text
from app.core.records import Budget, Period, Source

FORMS = {
    "department": "部门信息",
    "units": "单位",
    "income": "收入",
    "basic_function": "基本支出（功能分类）",
    "basic_economic": "基本支出（经济分类）",
    "projects": "项目支出",
    "targets": "绩效目标表",
    "three_public": "“三公”经费",
    "last_year": "上年数",
    "procurement": "政府采购",
    "assets": "国有资产",
    "texts": "文字说明",
    "performance": "绩效管理情况",
    "department_form": "部门整体绩效目标表",
}

SOURCE_FIELDS = {"general": Source.GENERAL, "fund": Source.FUND, "capital": Source.CAPITAL,
                 "special": Source.SPECIAL, "unit": Source.UNIT}
FIELD_OF_SOURCE = {source: name for name, source in SOURCE_FIELDS.items()}

FIELDS: dict[str, str] = {
    "name": "名称", "code": "代码", "year": "预算年度", "kind": "类别",
    "unit": "单位", "function": "功能科目", "source": "资金来源", "amount": "金额",
    "dept": "部门经济分类", "gov": "政府经济分类", "item": "项目",
    "this_year": "本年收入", "carryover": "上年结转", "amounts": "本年预算",
    "implementation": FUND_TOTALS[0], "annual": FUND_TOTALS[1],  # the form's other fields: declared
    "total": "上年收支总计", "operating": "上年机关运行经费", "abroad": "上年因公出国（境）费",
    "reception": "上年公务接待费", "vehicle_purchase": "上年公务用车购置费",
    "vehicle_running": "上年公务用车运行维护费",
    "goods": "货物", "works": "工程", "services": "服务", "sme": "面向中小企业预留",
    "vehicles": "公务用车", "quota": "编制数", "actual": "实有数", "office_area": "办公用房面积",
    "equipment_50": "50万元以上通用设备", "equipment_100": "100万元以上通用设备",
    "duties": "本部门职责", "organization": "机构设置情况", "reason_total": "收支总计增减原因",
    "reason_three_public": "“三公”经费增减原因", "reason_operating": "机关运行经费增减原因",
    "services_catalog": "政府购买服务指导性目录", "other": "其他说明", "glossary": "名词解释",
    "term": "名词", "definition": "解释", "function_uses": "各功能科目的“主要用于”",
    "unit_count": "机关及下属预算单位数", "units_with_targets": "编报单位整体绩效目标的单位数",
    "units_amount": "单位整体绩效目标涉及资金",
    "staff_actual": "实际在职人员总数", "staff_in_quota": "其中在编", "staff_other": "其他人员",
    "tasks": "年度重点任务", "indicators": "绩效指标", "strategy": "部门战略目标", "goal": "年度绩效目标",
    "divisions": "内设职能部门数", "staff_quota": "核定的人员编制数",
    "budget": "年度预算（按来源）", "basic": "基本支出", "projects": "项目支出",
    **{name: source.value for name, source in SOURCE_FIELDS.items()},
}


def field_label(field: str | None, form: str = "") -> str:
    """A dotted field path in words: the declared label of the field of a list form
    ("projects", "amounts.general" → "本年一般公共预算"), else word by word from FIELDS."""
    if not field:
        return ""
    declared = find(form, field)
    if declared is not None:
        return declared.label
    words = [FIELDS.get(part, part) for part in field.split(".") if not part.isdigit()]
    return " ".join(words)


def yuan_words(amount: Decimal) -> str:
    """An amount for a message: exact 元, and 万元 when it is large."""
    exact = f"{amount:,.2f}元"
    return f"{wan_text(amount)}万元（{exact}）" if abs(amount) >= 10000 else exact


def gap(diff: Decimal) -> str:
    """A difference in words: "多 1.00元" / "少 1.00元"."""
    return f"{'多' if diff > 0 else '少'} {yuan_words(abs(diff))}"


def unit_name(budget: Budget, code: str) -> str:
    unit = budget.unit(code)
    return unit.name if unit and unit.name else f"单位{code}"


def single(form: str, field: str | None = None) -> Location:
    """A place on one of the single-record forms (income, last_year, texts…)."""
    label = " ".join(p for p in (FORMS[form], field_label(field)) if p)
    return Location(form, None, field, label)


def row(form: str, index: int, what: str, field: str | None = None) -> Location:
    """A row of one of the budget's lists: "项目支出 第3行「名称」 功能科目"."""
    named = f"「{what}」" if what else ""
    label = " ".join(p for p in (f"{FORMS[form]} 第{index + 1}行{named}", field_label(field, form))
                     if p)
    return Location(form, index, field, label)


def unit_row(budget: Budget, index: int, field: str | None = None) -> Location:
    return row("units", index, budget.units[index].name, field)


def basic_function_row(budget: Budget, index: int, field: str | None = None) -> Location:
    line = budget.basic_function[index]
    return row("basic_function", index, f"{unit_name(budget, line.unit)} {line.function}", field)


def basic_economic_row(budget: Budget, index: int, field: str | None = None) -> Location:
    line = budget.basic_economic[index]
    what = f"{unit_name(budget, line.unit)} {line.dept}/{line.gov}"
    return row("basic_economic", index, what, field)


def project_row(budget: Budget, index: int, field: str | None = None) -> Location:
    return row("projects", index, budget.projects[index].name, field)


def three_public_row(budget: Budget, index: int, field: str | None = None) -> Location:
    return row("three_public", index, budget.three_public[index].item.value, field)


def target(budget: Budget, index: int, field: str | None = None, words: str = "") -> Location:
    """A field of a target form: "绩效目标表「项目」（单位） 年度资金总额 市县(区)财政资金"."""
    form = budget.targets[index]
    title = f"{FORMS['targets']}「{form.project}」（{unit_name(budget, form.unit)}）"
    label = " ".join(p for p in (title, words or field_label(field, "targets")) if p)
    return Location("targets", index, field, label)


def indicator(budget: Budget, index: int, item: int, field: str = "level3") -> Location:
    """An indicator row of a target form, numbered within its period as the form shows it."""
    form = budget.targets[index]
    ind = form.indicators[item]
    number = sum(1 for i in form.indicators[:item] if i.period == ind.period) + 1
    title = f"{FORMS['targets']}「{form.project}」（{unit_name(budget, form.unit)}）"
    label = f"{title} {ind.period.value}指标 第{number}行 {decl('indicators', field).label}"
    return Location("targets", index, f"indicators.{item}.{field}", label)


def period_words(period: Period) -> str:
    return "实施期" if period == Period.IMPLEMENTATION else "年度"
