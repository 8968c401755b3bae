"""The layout of the data workbook: one definition read by the template, the export and the import.

A workbook has two kinds of sheet. A *list* sheet holds one record per row under a header
row (units, projects, …). A *field* sheet holds single facts, one labelled row each, with one
or more value columns (部门, 收入与上年结转, …). Every field names its Chinese header, the
attribute path in the records, its type, whether it is required and its allowed values.

Units are referred to by their 单位名称 everywhere but in the 单位 sheet itself (a 单位编码 is
accepted too); function and economic codes are written "编码 名称" and read by their code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from app.core.catalog import DEPT, FUNCTION, GOV, KIND_NAMES, Catalog
from app.core.records import (
    VEHICLE_KINDS,
    Acceptance,
    BasicByEconomic,
    BasicByFunction,
    CatalogEntry,
    GlossaryEntry,
    Indicator,
    Period,
    Project,
    ProjectKind,
    Revenue,
    SectionTemplate,
    Source,
    TargetForm,
    Task,
    ThreePublic,
    ThreePublicItem,
    Unit,
    UnitKind,
    Vehicles,
)

LAYOUT = "budget-desk 数据工作簿 1"
INSTRUCTIONS = "填写说明"
LISTS_SHEET = "下拉列表"
HINT = "说明"  # the header of a field sheet's column of hints, never read


class Type(str, Enum):
    """How a cell is written and read."""

    TEXT = "text"  # any text, kept exactly (line breaks included)
    NAME = "name"  # one line of text, surrounding spaces dropped
    MONEY = "money"  # 元, at most two decimals, not negative; blank is 0
    MONEY_OPT = "money-optional"  # as MONEY, but blank stays blank (None)
    DECIMAL = "decimal"  # a quantity with at most two decimals (m²); blank is 0
    COUNT = "count"  # a whole number ≥ 0; blank is 0
    COUNT_OPT = "count-optional"  # as COUNT, but blank stays blank (None)
    YEAR = "year"  # a year such as 2026
    CHOICE = "choice"  # one of the field's options
    UNIT = "unit"  # a unit, by name (or code); stored as the unit's code
    FUNCTION = "function"  # 支出功能分类 项 (7 digits)
    DEPT = "economic-dept"  # 部门预算支出经济分类 款 (5 digits)
    GOV = "economic-gov"  # 政府预算支出经济分类 款 (5 digits)


CODE_TYPES = {Type.FUNCTION: FUNCTION, Type.DEPT: DEPT, Type.GOV: GOV}
CODE_LENGTH = {Type.FUNCTION: 7, Type.DEPT: 5, Type.GOV: 5}
NUMBER_TYPES = (Type.MONEY, Type.MONEY_OPT, Type.DECIMAL)
YES, NO = "是", "否"

Options = tuple[tuple[str, object], ...]


def enum_options(kind: type[Enum]) -> Options:
    return tuple((e.value, e) for e in kind)


BOOL = ((YES, True), (NO, False))


@dataclass(frozen=True)
class Field:
    """One value: header (or label), attribute path, type, required, options (shown → stored)."""

    header: str
    path: str
    type: Type = Type.NAME
    required: bool = False
    options: Options = ()
    width: float = 14
    hint: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(shown for shown, _ in self.options)


@dataclass(frozen=True)
class ListSheet:
    """A sheet of records under one header row.

    attr: where the records live in the Budget ("units", "assets.vehicles", …); for a child
    sheet, the attribute of each parent record ("indicators"), with parent the parent sheet's
    name and key the parent fields (by path) that the first columns repeat.
    """

    name: str
    attr: str
    record: type
    columns: tuple[Field, ...]
    note: str
    parent: str = ""
    key: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldRow:
    """One labelled row of a field sheet: a value per value column."""

    label: str
    fields: tuple[Field, ...]
    hint: str = ""


@dataclass(frozen=True)
class FieldSheet:
    """A sheet of single facts: a label column, value columns, a hint column."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[FieldRow, ...]
    note: str

    def fields(self) -> list[Field]:
        return [f for row in self.rows for f in row.fields]


Sheet = ListSheet | FieldSheet


def one(label: str, path: str, kind: Type = Type.NAME, required: bool = False,
        options: Options = (), hint: str = "") -> FieldRow:
    """A field-sheet row with a single value."""
    return FieldRow(label, (Field(label, path, kind, required, options),), hint)


def split_fields(prefix: str, path: str, kind: Type = Type.MONEY) -> tuple[Field, ...]:
    """The five source columns of a Split (元)."""
    names = ("一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金")
    attrs = ("general", "fund", "capital", "special", "unit")
    return tuple(Field(f"{prefix}{n}（元）", f"{path}.{a}", kind) for n, a in zip(names, attrs, strict=True))


def funds_fields(prefix: str, path: str) -> tuple[Field, ...]:
    """The five columns of a target form's FormFunds (元, blank allowed)."""
    names = ("中央", "省级", "市县", "单位自筹", "其他")
    attrs = ("central", "province", "local", "self_raised", "other")
    return tuple(Field(f"{prefix}{n}（元）", f"{path}.{a}", Type.MONEY_OPT)
                 for n, a in zip(names, attrs, strict=True))


def unit_column(required: bool = True) -> Field:
    return Field("单位", "unit", Type.UNIT, required, width=24)


SOURCE = Field("资金来源", "source", Type.CHOICE, True, enum_options(Source), 16)
INCOME_ROWS = tuple(
    FieldRow(s.value, (Field(f"{s.value}本年收入", f"income.this_year.{a}", Type.MONEY),
                       Field(f"{s.value}上年结转", f"income.carryover.{a}", Type.MONEY)))
    for s, a in zip(Source, ("general", "fund", "capital", "special", "unit"), strict=True)
)
INDICATOR_COLUMNS = (
    Field("期间", "period", Type.CHOICE, True, enum_options(Period), 8),
    Field("一级指标", "level1", Type.NAME, True, width=12),
    Field("二级指标", "level2", Type.NAME, True, width=14),
    Field("三级指标", "level3", Type.NAME, width=30),
    Field("指标值", "value", Type.NAME, width=16),
)
KIND_OPTIONS: Options = tuple((KIND_NAMES[k], k) for k in (FUNCTION, DEPT, GOV))

SHEETS: tuple[Sheet, ...] = (
    FieldSheet("部门", ("项目", "内容", "说明"), (
        one("部门名称", "department.name", required=True),
        one("部门编码", "department.code", required=True, hint="主管部门代码，如 108"),
        one("预算年度", "department.year", Type.YEAR, True, hint="如 2026"),
        one("报送部门整体支出绩效目标", "performance.overall_reported", Type.CHOICE, True, BOOL),
        one("机关及下属预算单位数", "performance.unit_count", Type.COUNT_OPT,
            hint="空白：按“单位”表的单位数"),
        one("报送单位整体绩效目标的单位数", "performance.units_with_targets", Type.COUNT),
        one("报送单位整体绩效目标的金额（元）", "performance.units_amount", Type.MONEY),
        one("PDF 中绘制图表", "settings.charts", Type.CHOICE, True, BOOL),
    ), "部门的名称、编码、预算年度，以及第三部分“十、绩效管理”用到的数字。"),
    ListSheet("单位", "units", Unit, (
        Field("单位编码", "code", Type.NAME, True, width=14),
        Field("单位名称", "name", Type.NAME, True, width=30),
        Field("单位性质", "kind", Type.CHOICE, True, enum_options(UnitKind), 10),
    ), "部门本级及所属单位，一行一个。其他工作表用单位名称指代单位。"),
    FieldSheet("收入与上年结转", ("资金来源", "本年收入（元）", "上年结转（元）"), INCOME_ROWS,
               "本年收入和上年结转，按资金来源填写（元）。"),
    ListSheet("基本支出（功能分类）", "basic_function", BasicByFunction, (
        unit_column(),
        Field("功能分类科目", "function", Type.FUNCTION, True, width=36),
        SOURCE,
        Field("金额（元）", "amount", Type.MONEY, True, width=16),
    ), "基本支出按单位、支出功能分类“项”级科目和资金来源填写，一行一笔。"),
    ListSheet("基本支出（经济分类）", "basic_economic", BasicByEconomic, (
        unit_column(),
        Field("部门预算支出经济分类", "dept", Type.DEPT, True, width=30),
        Field("政府预算支出经济分类", "gov", Type.GOV, True, width=30),
        SOURCE,
        Field("金额（元）", "amount", Type.MONEY, True, width=16),
    ), "基本支出按部门经济分类“款”和政府经济分类“款”配对填写，一行一笔。"),
    ListSheet("项目", "projects", Project, (
        unit_column(),
        Field("项目名称", "name", Type.NAME, True, width=34),
        Field("功能分类科目", "function", Type.FUNCTION, True, width=36),
        Field("项目类别", "kind", Type.CHOICE, True, enum_options(ProjectKind), 12),
        *split_fields("本年", "amounts"),
        *split_fields("上年结转", "carryover"),
    ), "项目支出，一行一个项目；同一单位下项目名称不能重复。"),
    ListSheet("绩效目标", "targets", TargetForm, (
        unit_column(),
        Field("项目名称", "project", Type.NAME, True, width=34),
        Field("项目属性", "attribute", width=18),
        Field("项目期", "period", width=10),
        *funds_fields("实施期", "implementation"),
        *funds_fields("年度", "annual"),
        Field("项目概况", "overview", Type.TEXT, width=40),
        Field("立项依据", "basis", Type.TEXT, width=40),
        Field("项目设立必要性", "necessity", Type.TEXT, width=40),
        Field("保证项目实施的制度、措施", "measures", Type.TEXT, width=40),
        Field("项目实施计划", "plan", Type.TEXT, width=40),
        Field("实施期总体目标", "goal_implementation", Type.TEXT, width=40),
        Field("年度总体目标", "goal_annual", Type.TEXT, width=40),
        Field("负责人", "manager", width=10),
        Field("经办人", "handler", width=10),
        Field("联系电话", "phone", width=14),
        Field("填报日期", "filled", width=14),
    ), "项目支出绩效目标表，一个项目一行；项目须在“项目”表中。资金留空表示表中该格空白。"),
    ListSheet("绩效指标", "indicators", Indicator, (
        unit_column(),
        Field("项目名称", "project", Type.NAME, True, width=34),
        *INDICATOR_COLUMNS,
    ), "绩效目标表的指标，一行一个三级指标，按单位和项目名称对应“绩效目标”表。",
        parent="绩效目标", key=("unit", "project")),
    ListSheet("三公经费", "three_public", ThreePublic, (
        Field("项目", "item", Type.CHOICE, True, enum_options(ThreePublicItem), 22),
        SOURCE,
        Field("金额（元）", "amount", Type.MONEY, True, width=16),
    ), "财政拨款安排的“三公”经费，按项目和资金来源填写。"),
    FieldSheet("上年数", ("项目", "金额（元）", "说明"), (
        one("上年收支总计", "last_year.total", Type.MONEY_OPT),
        one("上年一般公共预算当年支出", "last_year.general", Type.MONEY_OPT),
        one("上年机关运行经费", "last_year.operating", Type.MONEY_OPT),
        one("上年因公出国（境）费", "last_year.abroad", Type.MONEY_OPT),
        one("上年公务接待费", "last_year.reception", Type.MONEY_OPT),
        one("上年公务用车购置费", "last_year.vehicle_purchase", Type.MONEY_OPT),
        one("上年公务用车运行维护费", "last_year.vehicle_running", Type.MONEY_OPT),
    ), "说明中与上年比较用的上年数；留空表示未填。"),
    FieldSheet("政府采购", ("项目", "金额（元）", "说明"), (
        one("货物", "procurement.goods", Type.MONEY),
        one("工程", "procurement.works", Type.MONEY),
        one("服务", "procurement.services", Type.MONEY),
    ), "政府采购预算（元）。"),
    FieldSheet("国有资产", ("项目", "数量", "说明"), (
        one("办公用房面积（平方米）", "assets.office_area", Type.DECIMAL),
        one("单位价值50万元以上通用设备（台/套）", "assets.equipment_50", Type.COUNT),
        one("单位价值100万元以上通用设备（台/套）", "assets.equipment_100", Type.COUNT),
    ), "上年末国有资产占有使用情况。"),
    ListSheet("公务用车", "assets.vehicles", Vehicles, (
        Field("车辆类型", "kind", Type.CHOICE, True, tuple((k, k) for k in VEHICLE_KINDS), 20),
        Field("编制数", "quota", Type.COUNT, width=10),
        Field("实有数", "actual", Type.COUNT, width=10),
    ), "公务用车按类型的编制数和实有数。"),
    ListSheet("政府性基金与国有资本收入", "revenues", Revenue, (
        SOURCE,
        Field("收入分类编码", "code", Type.NAME, True, width=14),
        Field("收入分类名称", "name", Type.NAME, True, width=30),
        Field("金额（元）", "amount", Type.MONEY, True, width=16),
    ), "表7、表9的收入（政府性基金、国有资本经营收入），按收入分类科目填写。"),
    FieldSheet("文字说明", ("项目", "内容", "说明"), (
        one("本部门职责", "texts.duties", Type.TEXT),
        one("机构设置情况", "texts.organization", Type.TEXT),
        one("收支总计增减原因", "texts.reason_total", Type.TEXT),
        one("“三公”经费增减原因", "texts.reason_three_public", Type.TEXT),
        one("机关运行经费增减原因", "texts.reason_operating", Type.TEXT),
        one("政府购买服务指导性目录", "texts.services_catalog", Type.TEXT),
        one("其他说明", "texts.other", Type.TEXT),
        one("绩效目标表标题", "texts.form_title", Type.TEXT),
    ), "部门自己的文字；单元格内换行（Alt+Enter）分段。"),
    ListSheet("名词解释", "texts.glossary", GlossaryEntry, (
        Field("名词", "term", Type.NAME, True, width=20),
        Field("解释", "definition", Type.TEXT, width=80),
    ), "第四部分名词解释，一行一个名词。"),
    ListSheet("文字模板", "texts.templates", SectionTemplate, (
        Field("段落", "section", Type.NAME, True, width=12),
        Field("模板", "template", Type.TEXT, width=100),
    ), "第三部分各段的写法（文字模板，写法见 docs/文字模板.md），一行一段；"
       "段落写标题的序号，如 七、五（二）、十1；不列出或模板留空的段落用默认写法。"),
    FieldSheet("部门整体绩效", ("项目", "内容", "说明"), (
        one("填报部门整体支出绩效目标申报表", "department_form", Type.CHOICE, True, BOOL,
            hint="选“否”时本表其余各项及“重点任务”“部门整体指标”应为空"),
        one("内设职能部门数", "department_form.divisions", Type.COUNT),
        one("所属预算单位数", "department_form.units", Type.COUNT),
        one("核定的人员编制数", "department_form.staff_quota", Type.COUNT),
        one("实际在职人员总数", "department_form.staff_actual", Type.COUNT),
        one("其中：在编人员", "department_form.staff_in_quota", Type.COUNT),
        one("其他人员", "department_form.staff_other", Type.COUNT),
        one("部门职责", "department_form.duties", Type.TEXT),
        one("部门战略目标", "department_form.strategy", Type.TEXT),
        *(FieldRow(f.header, (f,)) for f in split_fields("年度预算：", "department_form.budget")),
        one("按支出方向：基本支出（元）", "department_form.basic", Type.MONEY),
        one("按支出方向：项目支出（元）", "department_form.projects", Type.MONEY),
        one("年度绩效目标", "department_form.goal", Type.TEXT),
    ), "部门整体支出绩效目标申报表（部分部门公开）。"),
    ListSheet("重点任务", "tasks", Task, (
        Field("核心职能", "function", Type.TEXT, True, width=30),
        Field("重点任务", "task", Type.TEXT, width=60),
    ), "部门整体绩效目标的年度重点任务。", parent="部门整体绩效"),
    ListSheet("部门整体指标", "indicators", Indicator, INDICATOR_COLUMNS,
              "部门整体绩效目标的指标。", parent="部门整体绩效"),
    ListSheet("补充科目", "catalog_entries", CatalogEntry, (
        Field("科目类别", "kind", Type.CHOICE, True, KIND_OPTIONS, 24),
        Field("科目编码", "code", Type.NAME, True, width=12),
        Field("科目名称", "name", Type.NAME, True, width=30),
    ), "本年度官方科目表中程序内置目录没有的科目（可用 budget-desk catalog 导入）。"),
    ListSheet("已接受的错误", "acceptances", Acceptance, (
        Field("审核项", "check", Type.NAME, True, width=20),
        Field("位置", "location", Type.NAME, width=30),
        Field("理由", "reason", Type.TEXT, width=50),
    ), "审核发现的、经确认可以公开的错误及理由。"),
)

SHEET_NAMES = tuple(s.name for s in SHEETS)


def sheet(name: str) -> Sheet:
    """The sheet definition called name."""
    return next(s for s in SHEETS if s.name == name)


# fields whose 是/否 says whether an optional record is there at all
PRESENCE = ("department_form",)


def pick(record: object, path: str) -> object:
    """The value at a dotted attribute path; None when a step is None (是/否 for PRESENCE)."""
    if path in PRESENCE:
        return getattr(record, path) is not None
    value = record
    for step in path.split("."):
        if value is None:
            return None
        value = getattr(value, step)
    return value


def coded(code: str, name: str) -> str:
    """A classification code as written in the workbook: "2060101 行政运行"."""
    return f"{code} {name}" if name else code


def shown(f: Field, value: object, unit_names: Mapping[str, str], catalog: Catalog) -> object:
    """The cell value of a field's stored value: text, a Decimal amount, an int, or None."""
    if value is None:
        return None
    if f.type == Type.CHOICE:
        return next(s for s, v in f.options if v == value)
    if f.type == Type.UNIT:
        return unit_names.get(str(value), str(value))
    if f.type in CODE_TYPES:
        return coded(str(value), catalog.name(str(value), CODE_TYPES[f.type]))
    if f.type in (Type.TEXT, Type.NAME):
        return value or None
    return value
