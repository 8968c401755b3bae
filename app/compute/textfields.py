"""The field catalog of 第三部分: every figure the text states, named, with its printed value.

A Field is a name, its value as the text prints it ("4,762.56万元", "0.10%", a list joined
as printed), a 说明, whether it is *there* (for conditions) and, for a figure compared with
last year, the comparison (now, last year, the department's reason). Templates refer to
fields by name; `resolver` gives the template renderer the values and the derived forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from app.compute.economic import general_lines, is_personnel, operating
from app.compute.figures import Figures, Part
from app.compute.template import Ref, Resolver
from app.core.catalog import DEPT
from app.core.money import ZERO, percent, round_wan, total, wan_text
from app.core.records import Budget, ProjectKind, ThreePublicItem


def amount(value: Decimal) -> str:
    """An amount in the text: "4,762.56万元"."""
    return f"{wan_text(value)}万元"


def share(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


MISSING = "上年数据未填列，无法与上年比较"


def change(now: Decimal, before: Decimal | None, than: str = "比上年") -> str:
    """The change on last year worded by its sign, or why there is none to state."""
    if before is None:
        return MISSING
    if before == 0:
        return f"{than}增加{amount(now)}（上年为0，不计算增长比例）" if now else f"{than}持平"
    diff = now - before
    if round_wan(diff) == 0:
        return f"{than}持平"
    rate = percent(abs(diff), before)
    if diff > 0:
        return f"{than}增加{amount(diff)}，增长{share(rate)}"
    return f"{than}减少{amount(-diff)}，下降{share(rate)}"


def change_amount(now: Decimal, before: Decimal | None, than: str = "比上年") -> str:
    """The change without its rate: "比上年减少3.50万元"."""
    if before is None:
        return MISSING
    diff = now - before
    if round_wan(diff) == 0:
        return f"{than}持平"
    return f"{than}增加{amount(diff)}" if diff > 0 else f"{than}减少{amount(-diff)}"


def moved(now: Decimal, before: Decimal | None) -> bool:
    """Whether there is a change on last year to give a reason for."""
    return before is not None and round_wan(now - before) != 0


def clean_reason(reason: str) -> str:
    """A reason as the text prints it: without surrounding space or trailing punctuation."""
    return reason.strip().rstrip("。；;，,")


def listing(parts: Iterable[Part]) -> str:
    """"教育支出3.60万元，占0.10%；科学技术支出…"."""
    return "；".join(f"{p.label}{amount(p.amount)}，占{share(p.share)}" for p in parts)


def number(value: Decimal) -> str:
    """A count or area: no decimals when whole, thousands separators."""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


@dataclass(frozen=True)
class Compare:
    """A figure compared with last year: now, last year's (None: not entered), the reason."""

    now: Decimal
    before: Decimal | None
    reason: str = ""
    reason_name: str = ""

    @property
    def moved(self) -> bool:
        return moved(self.now, self.before)

    def rate(self) -> Decimal | None:
        if self.before is None or self.before == 0:
            return None
        return percent(abs(self.now - self.before), self.before)


@dataclass(frozen=True)
class Field:
    """One named field: printed value, 说明, whether it is there, the comparison if any."""

    name: str
    text: str
    note: str
    there: bool
    compare: Compare | None = None


Catalog = dict[str, Field]


class Builder:
    """Collects fields in order; add_* name the kind of value."""

    def __init__(self) -> None:
        self.fields: Catalog = {}

    def add(self, name: str, text: str, note: str, there: bool, compare: Compare | None = None) -> None:
        self.fields[name] = Field(name, text, note, there, compare)

    def money(self, name: str, value: Decimal, note: str, compare: Compare | None = None) -> None:
        self.add(name, amount(value), note, value != 0, compare)

    def count(self, name: str, value: int | Decimal, note: str) -> None:
        self.add(name, str(value) if isinstance(value, int) else number(value), note, value != 0)

    def words(self, name: str, text: str, note: str) -> None:
        self.add(name, text, note, bool(text))

    def parts(self, name: str, parts: list[Part], note: str) -> None:
        """A list with shares, and each part with its share."""
        self.add(name, listing(parts), note, bool(parts))
        for p in parts:
            self.money(f"{name}.{p.label}", p.amount, f"{note}：{p.label}")
            self.add(f"{name}.{p.label}.占比", share(p.share), f"{note}：{p.label}所占比例", p.share != 0)


def economic_names(f: Figures, personnel: bool) -> list[str]:
    """The names of the 部门经济分类 款 of table 6 in 人员经费 (or 公用经费), in code order."""
    codes = sorted({b.dept for b in general_lines(f.budget) if is_personnel(b) == personnel})
    return [f.catalog.name(code, DEPT) or code for code in codes]


ByKind = dict[ProjectKind, tuple[int, Decimal]]


def project_counts(f: Figures, disclosed: bool) -> tuple[int, Decimal, ByKind]:
    """Projects with this year's money (or those of them with a target form): count, money, by kind."""
    chosen = [p for p in f.budget.projects if p.amounts.total
              and (not disclosed or f.budget.target(p.unit, p.name) is not None)]
    kinds = {k: (sum(1 for p in chosen if p.kind == k), total(p.amounts.total for p in chosen if p.kind == k))
             for k in ProjectKind}
    return len(chosen), total(p.amounts.total for p in chosen), kinds


def catalog(budget: Budget, figures: Figures | None = None) -> Catalog:
    """Every field of 第三部分 with its current value, in the order of the text."""
    f = figures or Figures.of(budget)
    b = f.budget
    out = Builder()
    texts = b.texts
    last = b.last_year
    year = b.department.year
    out.add("年度", str(year), "预算年度", True)
    out.add("上年", str(year - 1), "上一年度", True)
    out.add("部门", b.department.name, "部门名称", True)
    for name, text, note in (("原因.收支总计", texts.reason_total, "收支总计增减原因（第一节）"),
                             ("原因.三公", texts.reason_three_public, "“三公”经费增减原因（第七节）"),
                             ("原因.机关运行经费", texts.reason_operating, "机关运行经费增减原因（第八节）")):
        out.words(name, clean_reason(text), note)
    total_reason = (texts.reason_total, "原因.收支总计")
    out.money("收入总计", f.income_total, "收入总计（收支总表）",
              Compare(f.income_total, last.total, *total_reason))
    out.money("本年收入合计", f.income_this_year, "本年收入合计（收支总表）")
    out.money("上年结转", f.income_carryover, "上年结转收入（收支总表）")
    out.money("支出总计", f.spending_total, "支出总计（收支总表）",
              Compare(f.spending_total, last.total, *total_reason))
    out.money("本年预算安排", f.spending_now, "本年支出（收支总表的当年预算安排）")
    out.money("上年结转安排", f.spending_carryover, "上年结转安排的支出（收支总表）")
    out.parts("收入", f.income_parts(), "收入按来源及所占比例（第二节）")
    out.parts("支出", f.basic_project_parts(), "基本支出与项目支出及所占比例（第三节）")
    out.money("基本支出", f.basic, "基本支出（支出总表，含上年结转）")
    out.money("项目支出", f.project, "项目支出（支出总表，含上年结转）")
    out.money("本年基本支出", f.basic_now, "本年基本支出（不含上年结转）")
    out.money("本年项目支出", f.project_now, "本年项目支出（不含上年结转，项目支出预算表）")
    for name, value in f.by_class():
        out.money(f"支出.按类.{name}", value, f"支出按功能分类：{name}（支出总表）")
    fiscal = f.fiscal_by_source()
    out.money("财政拨款收支总计", f.fiscal_total, "财政拨款收支总计（财政拨款收支总表）")
    out.words("财政拨款.按来源", "，".join(f"{src.value}拨款{amount(a)}" for src, a in fiscal),
              "财政拨款按来源（第四节）")
    for src, value in fiscal:
        out.money(f"财政拨款.{src.value}", value, f"{src.value}拨款（财政拨款收支总表）")
    out.money("财政拨款当年收入", f.fiscal_income_now, "财政拨款当年拨款收入（财政拨款收支总表）")
    out.money("财政拨款上年结转", f.fiscal_income_carryover, "上年财政拨款结转收入（财政拨款收支总表）")
    classes = f.by_class(fiscal_only=True)
    out.words("财政拨款.按类", "、".join(f"{name}{amount(a)}" for name, a in classes),
              "财政拨款支出按功能分类（第四节）")
    for name, value in classes:
        out.money(f"财政拨款.按类.{name}", value, f"财政拨款支出：{name}（财政拨款收支总表）")
    out.money("一般公共预算当年支出", f.general_now, "一般公共预算当年支出（一般公共预算支出表）",
              Compare(f.general_now, last.general))
    out.parts("一般公共预算.按类", f.general_class_parts(), "一般公共预算当年支出按功能分类（第五节）")
    lines = general_lines(b)
    people = total(x.amount for x in lines if is_personnel(x))
    public = total(x.amount for x in lines if not is_personnel(x))
    out.money("一般公共预算基本支出", people + public, "一般公共预算安排的基本支出（基本支出经济分类表合计）")
    out.money("人员经费", people, "人员经费（基本支出经济分类表）")
    out.words("人员经费.科目", "、".join(economic_names(f, True)),
              "人员经费的经济分类款名称（基本支出经济分类表）")
    out.money("公用经费", public, "公用经费（基本支出经济分类表）")
    out.words("公用经费.科目", "、".join(economic_names(f, False)),
              "公用经费的经济分类款名称（基本支出经济分类表）")
    add_three_public(out, f)
    now = operating(b)
    out.money("机关运行经费", now, "机关运行经费（机关运行经费表）",
              Compare(now, last.operating, texts.reason_operating, "原因.机关运行经费"))
    p = b.procurement
    out.money("政府采购", p.total, "政府采购预算总额")
    out.money("政府采购.货物", p.goods, "政府采购货物预算")
    out.money("政府采购.工程", p.works, "政府采购工程预算")
    out.money("政府采购.服务", p.services, "政府采购服务预算")
    add_performance(out, f)
    add_assets(out, b)
    out.words("政府购买服务指导性目录", "\n".join(lines_of(texts.services_catalog)),
              "政府购买服务指导性目录（第十二节）")
    out.words("其他说明", "\n".join(lines_of(texts.other)), "其他说明（第十二节）")
    return out.fields


def lines_of(text: str) -> tuple[str, ...]:
    """The non-empty paragraphs of a free text (one per line)."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def add_three_public(out: Builder, f: Figures) -> None:
    three = f.three_public()
    last = f.budget.last_year
    reason = (f.budget.texts.reason_three_public, "原因.三公")
    now = total(three.values())
    out.money("三公", now, "“三公”经费财政拨款预算合计（“三公”经费表）",
              Compare(now, last.three_public(), *reason))
    before = {ThreePublicItem.ABROAD: last.abroad, ThreePublicItem.RECEPTION: last.reception,
              ThreePublicItem.VEHICLE_PURCHASE: last.vehicle_purchase,
              ThreePublicItem.VEHICLE_RUNNING: last.vehicle_running}
    purchase, running = three[ThreePublicItem.VEHICLE_PURCHASE], three[ThreePublicItem.VEHICLE_RUNNING]
    vehicles_before = (None if last.vehicle_purchase is None and last.vehicle_running is None
                       else (last.vehicle_purchase or ZERO) + (last.vehicle_running or ZERO))
    for item in (ThreePublicItem.ABROAD, ThreePublicItem.RECEPTION):
        out.money(f"三公.{item.value}", three[item], f"{item.value}（“三公”经费表）",
                  Compare(three[item], before[item], *reason))
    out.money("三公.公务用车购置及运行费", purchase + running, "公务用车购置及运行费（“三公”经费表）",
              Compare(purchase + running, vehicles_before, *reason))
    for item in (ThreePublicItem.VEHICLE_PURCHASE, ThreePublicItem.VEHICLE_RUNNING):
        out.money(f"三公.{item.value}", three[item], f"{item.value}（“三公”经费表）",
                  Compare(three[item], before[item], *reason))


def add_performance(out: Builder, f: Figures) -> None:
    b = f.budget
    perf = b.performance
    out.add("编报部门整体绩效目标", "是" if perf.overall_reported else "否", "是否编报部门整体支出绩效目标",
            perf.overall_reported)
    units = perf.unit_count if perf.unit_count is not None else len(b.units)
    out.count("机关及下属预算单位数", units, "机关及下属预算单位个数")
    out.count("单位整体绩效目标.单位数", perf.units_with_targets, "编报单位整体绩效目标的单位数（包括机关）")
    out.money("单位整体绩效目标.金额", perf.units_amount, "编报单位整体绩效目标涉及的资金")
    for prefix, disclosed, word in (("项目", False, "纳入绩效目标管理的二级项目"),
                                    ("公开项目", True, "公开绩效目标的项目")):
        count, money, kinds = project_counts(f, disclosed)
        out.count(f"{prefix}.个数", count, f"{word}个数")
        out.money(f"{prefix}.金额", money, f"{word}金额")
        for kind, (n, a) in kinds.items():
            out.count(f"{prefix}.{kind.value}.个数", n, f"{word}中{kind.value}项目个数")
            out.money(f"{prefix}.{kind.value}.金额", a, f"{word}中{kind.value}项目金额")
    _, money, _ = project_counts(f, False)
    _, shown, _ = project_counts(f, True)
    rate = percent(shown, money)
    out.add("公开项目.占比", share(rate), "公开绩效目标的项目金额占项目支出总额的比例", bool(rate))
    forms = len(b.targets) + (1 if b.department_form else 0)
    out.count("绩效目标表.个数", forms, "作为附件公开的绩效目标表个数")


def add_assets(out: Builder, b: Budget) -> None:
    vehicles = b.assets.vehicles
    out.count("公务用车.编制", sum(v.quota for v in vehicles), "公务用车编制数")
    out.count("公务用车.实有", sum(v.actual for v in vehicles), "公务用车实有数")
    out.words("公务用车.按类型", "，".join(f"{v.kind}{v.actual}辆" for v in vehicles),
              "公务用车按类型的实有数")
    for v in vehicles:
        out.count(f"公务用车.{v.kind}.编制", v.quota, f"{v.kind}编制数")
        out.count(f"公务用车.{v.kind}.实有", v.actual, f"{v.kind}实有数")
    out.count("办公用房面积", b.assets.office_area, "办公用房建筑总面积（平方米）")
    out.count("通用设备.50万元以上", b.assets.equipment_50, "单位价值50万元（原值）以上的通用设备（台、套）")
    out.count("通用设备.100万元以上", b.assets.equipment_100,
              "单位价值100万元（原值）以上的通用设备（台、套）")


def form_value(field: Field, form: str, words: str) -> str | None:
    """The printed value of a field in one of its forms; None when the field has no such form."""
    if not form:
        return field.text
    c = field.compare
    if c is None:
        return None
    if form == "比上年":
        return change(c.now, c.before, words)
    if form == "比上年额":
        return change_amount(c.now, c.before, words)
    if form == "上年":
        return "未填列" if c.before is None else amount(c.before)
    if form == "增减额":
        return amount(abs(c.now - c.before)) if c.before is not None else "未填列"
    if form == "增减率":
        return share(c.rate())
    if form == "原因":
        return clean_reason(c.reason) if c.moved else ""
    return None


def form_there(field: Field, form: str) -> bool:
    if not form:
        return field.there
    c = field.compare
    if c is None:
        return False
    if form == "上年":
        return c.before is not None and c.before != 0
    if form == "原因":
        return c.moved and bool(clean_reason(c.reason))
    return c.moved


def resolver(fields: Catalog) -> Resolver:
    """The renderer's view of a catalog: values in their forms, and whether they are there."""

    def value(ref: Ref, words: str) -> str | None:
        found = fields.get(ref.name)
        return None if found is None else form_value(found, ref.form, words)

    def there(name: str, form: str) -> bool:
        found = fields.get(name)
        return found is not None and form_there(found, form)

    return Resolver(value, there)



def entries(fields: Catalog) -> list[tuple[str, str, str]]:
    """(name, printed value, 说明) of every field and of every derived form of a compared one."""
    notes = {"比上年": "比上年的增减（含增减率）", "比上年额": "比上年的增减（不含增减率）", "上年": "上年数",
             "增减额": "增减的金额", "增减率": "增减的比例", "原因": "增减的原因（有增减时才印出）"}
    out = []
    for f in fields.values():
        out.append((f.name, f.text, f.note))
        if f.compare is not None:
            for form, note in notes.items():
                out.append((f"{f.name}.{form}", form_value(f, form, "比上年") or "", f"{f.note}：{note}"))
    return out
