"""Every field the user fills in, declared once: path, Chinese label, type, required, help.

The data workbook's sheets and columns (`app.core.datasheet`), the window's grid columns and
editors (`forms`), the places the checks name (`app.checks.places`) and the target form's
layout (editor, workbook, PDF) are all read from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.catalog import DEPT, FUNCTION, GOV, KIND_NAMES
from app.core.fields import (
    Cell,
    Choice,
    Code,
    Context,
    Date,
    FieldError,
    FieldType,
    Int,
    Lines,
    Money,
    Number,
    Options,
    Text,
    UnitRef,
    of_enum,
)
from app.core.records import (
    VEHICLE_KINDS,
    CostKind,
    Period,
    ProjectKind,
    Source,
    ThreePublicItem,
    UnitKind,
)

NAME = Text()
TEXT = Text(multiline=True)
MONEY = Money()
MONEY_OPT = Money(optional=True)
COUNT = Int()
COUNT_OPT = Int(optional=True)


@dataclass(frozen=True)
class Decl:
    """One field: its attribute path, Chinese label, type, whether it is required, help text.

    width: the workbook column's width in characters; header: the workbook header where it
    differs from label + the amount unit.
    """

    path: str
    label: str
    type: FieldType = NAME
    required: bool = False
    help: str = ""
    width: float = 14
    header_text: str = ""

    @property
    def header(self) -> str:
        """The workbook's header of the field (amounts say they are in 元)."""
        if self.header_text:
            return self.header_text
        return f"{self.label}（元）" if isinstance(self.type, Money) else self.label

    @property
    def options(self) -> Options:
        return self.type.options if isinstance(self.type, Choice) else ()

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(shown for shown, _ in self.options)

    @property
    def cell(self) -> Cell:
        """How the value sits in a workbook cell."""
        return self.type.cell

    def parse(self, text: str, ctx: Context) -> object:
        """The value of the text typed, pasted or read from a cell; FieldError otherwise."""
        if text.strip() == "" and not (self.type == TEXT and text):
            if self.required:
                what = "所属单位" if isinstance(self.type, UnitRef) else f"“{self.label}”"
                raise FieldError(f"未填写{what}（必填）")
            return self.type.empty()
        return self.type.parse(text, ctx)

    def show(self, value: object, ctx: Context) -> str:
        return self.type.show(value, ctx)


SOURCE_NAMES = tuple(s.value for s in Source)
SOURCE_ATTRS = ("general", "fund", "capital", "special", "unit")
FUND_ATTRS = ("central", "province", "local", "self_raised", "other")
FUND_NAMES = ("中央", "省级", "市县", "单位自筹", "其他")
# the words of the official form beside each part of 项目资金 (the workbook says them short)
FUND_FORM_LABELS = ("中央财政资金", "省级财政资金", "市县（区）财政资金", "单位自筹", "其他资金")


def split_decls(prefix: str, path: str, money: Money = MONEY) -> tuple[Decl, ...]:
    """The five source fields of a Split (元)."""
    return tuple(Decl(f"{path}.{a}", f"{prefix}{n}", money)
                 for n, a in zip(SOURCE_NAMES, SOURCE_ATTRS, strict=True))


def funds_decls(prefix: str, path: str) -> tuple[Decl, ...]:
    """The five parts of a target form's FormFunds (元, blank allowed), labelled as the form
    says them; the workbook's headers keep their short words ("实施期中央（元）")."""
    return tuple(Decl(f"{path}.{a}", f"{prefix}{w}", MONEY_OPT, header_text=f"{prefix}{n}（元）")
                 for n, a, w in zip(FUND_NAMES, FUND_ATTRS, FUND_FORM_LABELS, strict=True))


UNIT = Decl("unit", "单位", UnitRef(), True, "填单位名称（或单位编码）", width=24)
SOURCE = Decl("source", "资金来源", of_enum(Source), True, width=16)
AMOUNT = Decl("amount", "金额", MONEY, True, width=16)
FUNCTION_CODE = Decl("function", "功能分类科目", Code(FUNCTION, 7), True,
                     "支出功能分类“项”，如 2060101 或 2060101 行政运行", width=36)

UNITS = (
    Decl("code", "单位编码", NAME, True, width=14),
    Decl("name", "单位名称", NAME, True, width=30),
    Decl("kind", "单位性质", of_enum(UnitKind), True, width=10),
)
BASIC_FUNCTION = (UNIT, FUNCTION_CODE, SOURCE, AMOUNT)
BASIC_ECONOMIC = (
    UNIT,
    Decl("dept", "部门预算支出经济分类", Code(DEPT, 5), True, width=30),
    Decl("gov", "政府预算支出经济分类", Code(GOV, 5), True, width=30),
    SOURCE,
    AMOUNT,
    Decl("cost", "经费类型", Choice(tuple((c.value, c) for c in CostKind), optional=True),
         help="留空：按部门经济分类的类判断（301、303 为人员经费）", width=12),
)
PROJECTS = (
    UNIT,
    Decl("name", "项目名称", NAME, True, width=34),
    FUNCTION_CODE,
    Decl("kind", "项目类别", of_enum(ProjectKind), True, width=12),
    *split_decls("本年", "amounts"),
    *split_decls("上年结转", "carryover"),
)
THREE_PUBLIC = (
    Decl("item", "项目", of_enum(ThreePublicItem), True, width=22),
    SOURCE,
    AMOUNT,
)
VEHICLES = (
    Decl("kind", "车辆类型", Choice(tuple((k, k) for k in VEHICLE_KINDS)), True, width=20),
    Decl("quota", "编制数", COUNT, width=10),
    Decl("actual", "实有数", COUNT, width=10),
)
REVENUES = (
    SOURCE,
    Decl("code", "收入分类编码", NAME, True, width=14),
    Decl("name", "收入分类名称", NAME, True, width=30),
    AMOUNT,
)
GLOSSARY = (
    Decl("term", "名词", NAME, True, width=20),
    Decl("definition", "解释", TEXT, width=80),
)
TEMPLATES = (
    Decl("section", "段落", NAME, True, "标题的序号，如 七、五（二）、十1", width=12),
    Decl("template", "模板", TEXT, help="写法见 docs/文字模板.md；留空用默认写法", width=100),
)
UNIT_TEXTS = (
    Decl("unit", "单位", UnitRef(), True, width=24),
    Decl("duties", "本单位职责", TEXT, width=40),
    Decl("organization", "机构设置情况", TEXT, width=40),
    Decl("reason_total", "收支总计增减原因", TEXT, width=30),
    Decl("reason_three_public", "“三公”经费增减原因", TEXT, width=30),
    Decl("reason_operating", "机关运行经费增减原因", TEXT, width=30),
    *(Decl(f"last_{name}", f"上年{label}", MONEY_OPT) for name, label in (
        ("total", "收支总计"), ("general", "一般公共预算当年支出"), ("operating", "机关运行经费"),
        ("abroad", "因公出国（境）费"), ("reception", "公务接待费"),
        ("vehicle_purchase", "公务用车购置费"), ("vehicle_running", "公务用车运行维护费"))),
    *(Decl(name, label, MONEY) for name, label in (
        ("abroad", "因公出国（境）费"), ("reception", "公务接待费"),
        ("vehicle_purchase", "公务用车购置费"), ("vehicle_running", "公务用车运行维护费"),
        ("goods", "政府采购货物"), ("works", "政府采购工程"), ("services", "政府采购服务"))),
    Decl("office_area", "办公用房面积（平方米）", Number(), width=12),
    Decl("equipment_50", "50万元以上通用设备（台/套）", COUNT, width=12),
    Decl("equipment_100", "100万元以上通用设备（台/套）", COUNT, width=12),
)
UNIT_VEHICLES = (
    Decl("unit", "单位", UnitRef(), True, width=24),
    *VEHICLES,
)
# the "三公" reasons Shanghai prints after each item's change: (label, ThreePublicReasons field)
REASONS = (("“三公”经费总额增减原因", "total"), ("因公出国（境）费增减原因", "abroad"),
           ("公务用车购置及运行费增减原因", "vehicles"), ("公务用车购置费增减原因", "vehicle_purchase"),
           ("公务用车运行费增减原因", "vehicle_running"), ("公务接待费增减原因", "reception"))
FLEET = (
    Decl("kind", "车辆类别", NAME, True, "如 执法执勤用车、其他用车", width=20),
    Decl("held", "共有（辆）", COUNT, width=10),
    Decl("planned", "本年购置（辆）", COUNT, width=12),
)
UNIT_FLEET = (
    Decl("unit", "单位", UnitRef(), True, width=24),
    *FLEET,
)
UNIT_REASONS = (
    Decl("unit", "单位", UnitRef(), True, width=24),
    *(Decl(name, label, TEXT, width=30) for label, name in REASONS),
)
FUNCTION_USES = (
    FUNCTION_CODE,
    Decl("use", "主要用于", TEXT, True, "编制说明中该项资金“主要用于”的内容", width=70),
)
NOTE_PARTS = (
    Decl("project", "项目名称", NAME, True, width=34),
    Decl("heading", "小标题", NAME, True, "如 项目概述、立项依据、实施方案", width=16),
    Decl("text", "内容", TEXT, width=80),
)
FORM_OPTION_KEY = (UNIT, Decl("project", "项目名称", NAME, True, width=34))
FORM_ORDER = FORM_OPTION_KEY
FORM_OPTIONS = (
    *FORM_OPTION_KEY,
    Decl("department", "主管部门及代码", NAME, help="留空：部门自己的“编码-名称”", width=36),
)
SECTION_KEYS = Lines()
# the single facts only Shanghai's template prints (workbook rows and the window's fields)
SHANGHAI_FACTS = (
    Decl("department.region", "所属地区", NAME, help="封面用，如 上海市普陀区"),
    Decl("department.tier", "预算级次", NAME, help="封面用，如 区级"),
    Decl("income.kinds.operating", "其中：事业单位经营收入", MONEY,
         help="本年财政专户管理资金和单位资金中的这一部分（其余为事业收入）",
         header_text="其中：事业单位经营收入"),
    Decl("income.kinds.other", "其中：其他收入", MONEY,
         help="本年财政专户管理资金和单位资金中的这一部分（其余为事业收入）",
         header_text="其中：其他收入"),
    Decl("last_year.fiscal", "上年财政拨款收支总计", MONEY_OPT),
    Decl("last_year.fund", "上年政府性基金预算", MONEY_OPT),
    Decl("last_year.capital", "上年国有资本经营预算", MONEY_OPT),
    Decl("procurement.sme_reserved", "面向中小企业预留", MONEY),
    Decl("procurement.small_reserved", "其中：预留给小型和微型企业", MONEY),
    Decl("assets.as_of", "统计截止日期", NAME, help="如 2025年8月31日；留空为上年12月31日"),
    Decl("assets.equipment_100_planned", "本年拟购置单价100万元以上设备（台/套）", COUNT),
    *(Decl(f"texts.three_public_reasons.{name}", label, TEXT) for label, name in REASONS),
)
TASKS = (
    Decl("function", "核心职能", TEXT, True, width=30),
    Decl("task", "重点任务", TEXT, width=60),
)
CATALOG_ENTRIES = (
    Decl("kind", "科目类别", Choice(tuple((KIND_NAMES[k], k) for k in (FUNCTION, DEPT, GOV))),
         True, width=24),
    Decl("code", "科目编码", NAME, True, width=12),
    Decl("name", "科目名称", NAME, True, width=30),
)
ACCEPTANCES = (
    Decl("check", "审核项", NAME, True, width=20),
    Decl("location", "位置", NAME, width=30),
    Decl("reason", "理由", TEXT, width=50),
)
INDICATORS = (
    Decl("period", "期间", of_enum(Period), True, width=8),
    Decl("level1", "一级指标", NAME, True, width=12),
    Decl("level2", "二级指标", NAME, True, width=14),
    Decl("level3", "三级指标", NAME, width=30),
    Decl("value", "指标值", NAME, width=16, help="如 ≥95%、≤300000元、12月底前"),
)


@dataclass(frozen=True)
class TargetLayout:
    """The 项目支出绩效目标表 declared once: its parts in the order the official form has them.

    project: the key fields (单位, 项目名称); header: 项目属性, 项目期; implementation / annual:
    项目资金 by part; texts: the six texts and the two 总体目标; footer: 负责人…填报日期.
    """

    project: tuple[Decl, ...]
    header: tuple[Decl, ...]
    implementation: tuple[Decl, ...]
    annual: tuple[Decl, ...]
    texts: tuple[Decl, ...]
    footer: tuple[Decl, ...]

    def fields(self) -> tuple[Decl, ...]:
        """Every field in form order (as the workbook's 绩效目标 sheet lists them)."""
        return (*self.project, *self.header, *self.implementation, *self.annual, *self.texts,
                *self.footer)


TARGET_FORM = TargetLayout(
    project=(UNIT, Decl("project", "项目名称", NAME, True, width=34)),
    header=(Decl("attribute", "项目属性", NAME, help="如 经常性项目、延续性项目", width=18),
            Decl("period", "项目期", NAME, help="如 1年、2026-2028", width=10)),
    implementation=funds_decls("实施期", "implementation"),
    annual=funds_decls("年度", "annual"),
    texts=(Decl("overview", "项目概况", TEXT, width=40),
           Decl("basis", "立项依据", TEXT, width=40),
           Decl("necessity", "项目设立必要性", TEXT, width=40),
           Decl("measures", "保证项目实施的制度、措施", TEXT, width=40),
           Decl("plan", "项目实施计划", TEXT, width=40),
           Decl("goal_implementation", "实施期总体目标", TEXT, width=40),
           Decl("goal_annual", "年度总体目标", TEXT, width=40)),
    footer=(Decl("manager", "负责人", NAME, width=10),
            Decl("handler", "经办人", NAME, width=10),
            Decl("phone", "联系电话", NAME, width=14),
            Decl("filled", "填报日期", Date(), width=14, help="如 2026-01-15")),
)
TARGETS = TARGET_FORM.fields()
FUND_TOTALS = ("实施期资金总额", "年度资金总额")

# the lists of the budget and the fields of their records
LISTS: dict[str, tuple[Decl, ...]] = {
    "units": UNITS,
    "basic_function": BASIC_FUNCTION,
    "basic_economic": BASIC_ECONOMIC,
    "projects": PROJECTS,
    "targets": TARGETS,
    "indicators": INDICATORS,
    "three_public": THREE_PUBLIC,
    "assets.vehicles": VEHICLES,
    "revenues": REVENUES,
    "texts.glossary": GLOSSARY,
    "texts.templates": TEMPLATES,
    "texts.units": UNIT_TEXTS,
    "texts.unit_vehicles": UNIT_VEHICLES,
    "tasks": TASKS,
    "assets.fleet": FLEET,
    "texts.unit_fleets": UNIT_FLEET,
    "texts.unit_reasons": UNIT_REASONS,
    "texts.function_uses": FUNCTION_USES,
    "texts.project_notes": NOTE_PARTS,
    "settings.form_order": FORM_ORDER,
    "settings.forms": FORM_OPTIONS,
    "catalog_entries": CATALOG_ENTRIES,
    "acceptances": ACCEPTANCES,
}


def decl(form: str, path: str) -> Decl:
    """The declaration of field path of the records of list form."""
    return next(d for d in LISTS[form] if d.path == path)


def shanghai_fact(path: str) -> Decl:
    """The declaration of one of SHANGHAI_FACTS."""
    return next(d for d in SHANGHAI_FACTS if d.path == path)


def find(form: str, path: str) -> Decl | None:
    """The declaration of field path of list form, or None."""
    return next((d for d in LISTS.get(form, ()) if d.path == path), None)

