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
from dataclasses import dataclass, replace

from app.core.catalog import DEPT, FUNCTION, GOV, Catalog
from app.core.declarations import (
    ACCEPTANCES,
    BASIC_ECONOMIC,
    BASIC_FUNCTION,
    CATALOG_ENTRIES,
    COUNT,
    COUNT_OPT,
    FLEET,
    FORM_OPTIONS,
    FORM_ORDER,
    FUNCTION_USES,
    GLOSSARY,
    INDICATORS,
    MONEY,
    MONEY_OPT,
    NAME,
    NOTE_PARTS,
    PROJECTS,
    REVENUES,
    SECTION_KEYS,
    SHANGHAI_FACTS,
    SOURCE_ATTRS,
    TARGET_FORM,
    TARGETS,
    TASKS,
    TEMPLATES,
    TEXT,
    THREE_PUBLIC,
    UNIT_FLEET,
    UNIT_REASONS,
    UNIT_TEXTS,
    UNIT_VEHICLES,
    UNITS,
    VEHICLES,
    Decl,
    split_decls,
)
from app.core.fields import BOOL, Cell, Choice, Context, FieldType, Int, Number
from app.core.records import (
    Acceptance,
    BasicByEconomic,
    BasicByFunction,
    CatalogEntry,
    Fleet,
    FormOption,
    FunctionUse,
    GlossaryEntry,
    Indicator,
    NotePart,
    Project,
    Revenue,
    SectionTemplate,
    Source,
    TargetForm,
    Task,
    ThreePublic,
    Unit,
    UnitFleet,
    UnitReasons,
    UnitText,
    UnitVehicles,
    Vehicles,
)

LAYOUT = "budget-desk 数据工作簿 1"
INSTRUCTIONS = "填写说明"
LISTS_SHEET = "下拉列表"
HINT = "说明"  # the header of a field sheet's column of hints, never read


Type = Cell  # how a cell is written and read
Field = Decl  # one value: header (or label), attribute path, type, required, options
CODE_TYPES = {Type.FUNCTION: FUNCTION, Type.DEPT: DEPT, Type.GOV: GOV}
CODE_LENGTH = {Type.FUNCTION: 7, Type.DEPT: 5, Type.GOV: 5}
NUMBER_TYPES = (Type.MONEY, Type.MONEY_OPT, Type.DECIMAL)
YEAR = Int(2000, 2100, what="预算年度")
QUANTITY = Number()
PERCENT = Number(what="百分比")
KINDS = Choice((("部门", "部门"), ("单位", "单位")))
SHANGHAI = ("shanghai",)  # the sheets and rows of facts only Shanghai's template prints


@dataclass(frozen=True)
class ListSheet:
    """A sheet of records under one header row.

    attr: where the records live in the Budget ("units", "assets.vehicles", …); for a child
    sheet, the attribute of each parent record ("indicators"), with parent the parent sheet's
    name and key the parent fields (by path) that the first columns repeat. group: the rows
    are the parts (that attribute) of the records at attr, each row repeating its record's key
    fields first (项目经费情况说明: a row per part, the project's name first).
    profiles: the templates whose workbooks have the sheet (() for all); another template's
    workbook has it only when the file holds records there, and it may be absent on import.
    later: the paths of columns added after the first layout (absent on import: defaults).
    """

    name: str
    attr: str
    record: type
    columns: tuple[Field, ...]
    note: str
    parent: str = ""
    key: tuple[str, ...] = ()
    group: str = ""
    profiles: tuple[str, ...] = ()
    later: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldRow:
    """One labelled row of a field sheet: a value per value column.

    optional: the row may be absent from a workbook (added after the layout's first version:
    its fields keep their defaults). profiles: as a ListSheet's (such a row is optional).
    """

    label: str
    fields: tuple[Field, ...]
    hint: str = ""
    optional: bool = False
    profiles: tuple[str, ...] = ()

    @property
    def may_lack(self) -> bool:
        return self.optional or bool(self.profiles)


@dataclass(frozen=True)
class FieldSheet:
    """A sheet of single facts: a label column, value columns, a hint column."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[FieldRow, ...]
    note: str
    profiles: tuple[str, ...] = ()

    def fields(self) -> list[Field]:
        return [f for row in self.rows for f in row.fields]


Sheet = ListSheet | FieldSheet


def one(label: str, path: str, kind: FieldType = NAME, required: bool = False,
        hint: str = "", optional: bool = False, profiles: tuple[str, ...] = ()) -> FieldRow:
    """A field-sheet row with a single value."""
    return FieldRow(label, (Field(path, label, kind, required, hint),), hint, optional, profiles)


def later(label: str, path: str, kind: FieldType = NAME, hint: str = "") -> FieldRow:
    """A row every template has, added after the first layout (optional on import)."""
    return one(label, path, kind, hint=hint, optional=True)


def shanghai(path: str) -> FieldRow:
    """The row of a fact only Shanghai's template prints (declarations.SHANGHAI_FACTS)."""
    f = next(d for d in SHANGHAI_FACTS if d.path == path)
    return FieldRow(f.label, (f,), f.help, profiles=SHANGHAI)


INCOME_ROWS = (*(
    FieldRow(s.value, (Field(f"income.this_year.{a}", f"{s.value}本年收入", MONEY,
                             header_text=f"{s.value}本年收入"),
                       Field(f"income.carryover.{a}", f"{s.value}上年结转", MONEY,
                             header_text=f"{s.value}上年结转")))
    for s, a in zip(Source, SOURCE_ATTRS, strict=True)
), shanghai("income.kinds.operating"), shanghai("income.kinds.other"))

SHEETS: tuple[Sheet, ...] = (
    FieldSheet("部门", ("项目", "内容", "说明"), (
        one("部门名称", "department.name", required=True),
        # not required: a file imported from the published tables has none until the officer
        # types it, and its workbook must read back (check reports the blank code as 错误)
        one("部门编码", "department.code", hint="主管部门代码，如 108；空白时审核报错误"),
        one("预算年度", "department.year", YEAR, True, hint="如 2026"),
        one("报送部门整体支出绩效目标", "performance.overall_reported", BOOL, True),
        one("机关及下属预算单位数", "performance.unit_count", COUNT_OPT,
            hint="空白：按“单位”表的单位数"),
        one("报送单位整体绩效目标的单位数", "performance.units_with_targets", COUNT),
        one("报送单位整体绩效目标的金额（元）", "performance.units_amount", MONEY),
        one("PDF 中绘制图表", "settings.charts", BOOL, True),
        one("同时公开各单位的单位预算", "settings.unit_documents", BOOL),
        later("公开模板", "settings.profile", hint="模板编号：shanxi（山西省）、"
              "shanghai（上海市）；budget-desk profiles 列出全部；留空为 shanxi"),
        later("文件类型", "settings.kind", KINDS, hint="部门预算或单位预算；留空为部门"),
        later("编报绩效目标的项目数", "performance.target_projects", COUNT_OPT,
              hint="空白：按“绩效目标”表的项目数"),
        later("编报绩效目标的项目金额（元）", "performance.target_amount", MONEY_OPT,
              hint="空白：按这些项目的预算合计"),
        later("导入时推测的位置", "settings.guesses", SECTION_KEYS,
              hint="由程序填写：导入时推测、尚待确认的位置，一行一个"),
        shanghai("department.region"),
        shanghai("department.tier"),
    ), "部门的名称、编码、预算年度、所用的公开模板，以及绩效管理用到的数字。"),
    ListSheet("单位", "units", Unit, UNITS,
              "部门本级及所属单位，一行一个。其他工作表用单位名称指代单位。"),
    FieldSheet("收入与上年结转", ("资金来源", "本年收入（元）", "上年结转（元）"), INCOME_ROWS,
               "本年收入和上年结转，按资金来源填写（元）。"),
    ListSheet("基本支出（功能分类）", "basic_function", BasicByFunction, BASIC_FUNCTION,
              "基本支出按单位、支出功能分类“项”级科目和资金来源填写，一行一笔。"),
    ListSheet("基本支出（经济分类）", "basic_economic", BasicByEconomic, BASIC_ECONOMIC,
              "基本支出按部门经济分类“款”和政府经济分类“款”配对填写，一行一笔。",
              later=("cost",)),
    ListSheet("项目", "projects", Project, PROJECTS,
              "项目支出，一行一个项目；同一单位下项目名称不能重复。"),
    ListSheet("绩效目标", "targets", TargetForm, TARGETS,
              "项目支出绩效目标表，一个项目一行；项目须在“项目”表中。资金留空表示表中该格空白。"),
    ListSheet("绩效指标", "indicators", Indicator, (*TARGET_FORM.project, *INDICATORS),
              "绩效目标表的指标，一行一个三级指标，按单位和项目名称对应“绩效目标”表。",
              parent="绩效目标", key=("unit", "project")),
    ListSheet("三公经费", "three_public", ThreePublic, THREE_PUBLIC,
              "财政拨款安排的“三公”经费，按项目和资金来源填写。"),
    FieldSheet("上年数", ("项目", "金额（元）", "说明"), (
        one("上年收支总计", "last_year.total", MONEY_OPT),
        one("上年一般公共预算当年支出", "last_year.general", MONEY_OPT),
        one("上年机关运行经费", "last_year.operating", MONEY_OPT),
        one("上年因公出国（境）费", "last_year.abroad", MONEY_OPT),
        one("上年公务接待费", "last_year.reception", MONEY_OPT),
        one("上年公务用车购置费", "last_year.vehicle_purchase", MONEY_OPT),
        one("上年公务用车运行维护费", "last_year.vehicle_running", MONEY_OPT),
        shanghai("last_year.fiscal"),
        shanghai("last_year.fund"),
        shanghai("last_year.capital"),
    ), "说明中与上年比较用的上年数；留空表示未填。"),
    FieldSheet("政府采购", ("项目", "金额（元）", "说明"), (
        one("货物", "procurement.goods", MONEY),
        one("工程", "procurement.works", MONEY),
        one("服务", "procurement.services", MONEY),
        shanghai("procurement.sme_reserved"),
        shanghai("procurement.small_reserved"),
    ), "政府采购预算（元）。"),
    FieldSheet("国有资产", ("项目", "数量", "说明"), (
        one("办公用房面积（平方米）", "assets.office_area", QUANTITY),
        one("单位价值50万元以上通用设备（台/套）", "assets.equipment_50", COUNT),
        one("单位价值100万元以上通用设备（台/套）", "assets.equipment_100", COUNT),
        shanghai("assets.as_of"),
        shanghai("assets.equipment_100_planned"),
    ), "上年末国有资产占有使用情况。"),
    ListSheet("公务用车", "assets.vehicles", Vehicles, VEHICLES, "公务用车按类型的编制数和实有数。"),
    ListSheet("车辆（按类别）", "assets.fleet", Fleet, FLEET,
              "国有资产占有使用情况中的车辆，按模板的类别，一行一类：共有数和本年拟购置数。",
              profiles=SHANGHAI),
    ListSheet("政府性基金与国有资本收入", "revenues", Revenue, REVENUES,
              "政府性基金、国有资本经营预算的收入，按收入分类科目填写。"),
    FieldSheet("文字说明", ("项目", "内容", "说明"), tuple(
        one(label, f"texts.{name}", TEXT) for label, name in (
        ("本部门职责", "duties"), ("机构设置情况", "organization"), ("收支总计增减原因", "reason_total"),
        ("“三公”经费增减原因", "reason_three_public"), ("机关运行经费增减原因", "reason_operating"),
        ("政府购买服务指导性目录", "services_catalog"), ("其他说明", "other"),
        ("绩效目标表标题", "form_title"))
    ) + tuple(shanghai(d.path) for d in SHANGHAI_FACTS
              if d.path.startswith("texts.three_public_reasons.")),
        "部门自己的文字；单元格内换行（Alt+Enter）分段。"),
    ListSheet("主要用于", "texts.function_uses", FunctionUse, FUNCTION_USES,
              "部门预算编制说明中，财政拨款支出每个功能分类“项”的资金主要用于什么，一项一行。",
              profiles=SHANGHAI),
    ListSheet("项目经费情况说明", "texts.project_notes", NotePart, NOTE_PARTS,
              "项目经费情况说明，一行一个小标题及其内容；同一项目的各行按顺序排列。",
              key=("project",), group="parts", profiles=SHANGHAI),
    ListSheet("名词解释", "texts.glossary", GlossaryEntry, GLOSSARY, "第四部分名词解释，一行一个名词。"),
    ListSheet("文字模板", "texts.templates", SectionTemplate, TEMPLATES,
              "第三部分各段的写法（文字模板，写法见 docs/文字模板.md），一行一段；"
              "段落写标题的序号，如 七、五（二）、十1；不列出或模板留空的段落用默认写法。"),
    ListSheet("单位文字", "texts.units", UnitText, UNIT_TEXTS,
              "单位预算公开用的各单位自己的文字和数字（元），一个单位一行；部门的数应为各单位之和。",
              later=("office_area", "equipment_50", "equipment_100")),
    ListSheet("单位公务用车", "texts.unit_vehicles", UnitVehicles, UNIT_VEHICLES,
              "单位预算公开用的各单位公务用车（上年末），一个单位一种车一行；部门的数应为各单位之和。"),
    ListSheet("单位车辆", "texts.unit_fleets", UnitFleet, UNIT_FLEET,
              "单位预算公开用的各单位车辆（按类别），一个单位一类车一行；部门的数应为各单位之和。",
              profiles=SHANGHAI),
    ListSheet("单位三公经费增减原因", "texts.unit_reasons", UnitReasons, UNIT_REASONS,
              "单位预算公开用的各单位“三公”经费各项的增减原因，一个单位一行；留空的不写原因。",
              profiles=SHANGHAI),
    FieldSheet("部门整体绩效", ("项目", "内容", "说明"), (
        one("填报部门整体支出绩效目标申报表", "department_form", BOOL, True,
            hint="选“否”时本表其余各项及“重点任务”“部门整体指标”应为空"),
        *(one(label, f"department_form.{name}", COUNT) for label, name in (
            ("内设职能部门数", "divisions"), ("所属预算单位数", "units"), ("核定的人员编制数", "staff_quota"),
            ("实际在职人员总数", "staff_actual"), ("其中：在编人员", "staff_in_quota"),
            ("其他人员", "staff_other"))),
        one("部门职责", "department_form.duties", TEXT),
        one("部门战略目标", "department_form.strategy", TEXT),
        *(FieldRow(f.header, (replace(f, label=f.header, header_text=f.header),))
          for f in split_decls("年度预算：", "department_form.budget")),
        one("按支出方向：基本支出（元）", "department_form.basic", MONEY),
        one("按支出方向：项目支出（元）", "department_form.projects", MONEY),
        one("年度绩效目标", "department_form.goal", TEXT),
    ), "部门整体支出绩效目标申报表（部分部门公开）。"),
    ListSheet("重点任务", "tasks", Task, TASKS, "部门整体绩效目标的年度重点任务。", parent="部门整体绩效"),
    ListSheet("部门整体指标", "indicators", Indicator, INDICATORS,
              "部门整体绩效目标的指标。", parent="部门整体绩效"),
    ListSheet("补充科目", "catalog_entries", CatalogEntry, CATALOG_ENTRIES,
              "本年度官方科目表中程序内置目录没有的科目（可用 budget-desk catalog 导入）。"),
    ListSheet("已接受的错误", "acceptances", Acceptance, ACCEPTANCES,
              "审核发现的、经确认可以公开的错误及理由。"),
    FieldSheet("PDF选项", ("项目", "内容", "说明"), (
        later("绘制图表的段落", "settings.chart_sections", SECTION_KEYS,
              hint="段落编号，一行一个（如 2、3）；留空：全部段落（“部门”表选择绘制图表时）"),
        later("绩效目标表前加“附件N：”", "settings.form_labels", BOOL),
        later("部门整体支出绩效目标表标题", "settings.department_form_title",
              hint="留空：通常的标题"),
        later("部门整体表按官方格式", "settings.department_form_official", BOOL,
              hint="是：含社会保险基金预算资金、人数带“人”"),
        later("说明增减原因的变动幅度（%）", "settings.reason_threshold", PERCENT,
              hint="与上年相比变动达到此百分比时须说明原因"),
        later("保留的备份数", "settings.backups_kept", COUNT),
    ), "PDF 的排版选项（第十步）；下面两张表是绩效目标表的顺序和各表的主管部门。"),
    ListSheet("绩效目标表顺序", "settings.form_order", FormOption, FORM_ORDER,
              "先按本表的顺序打印这些项目的绩效目标表，其余按项目支出预算表的顺序；留空：全部按项目支出预算表的顺序。"),
    ListSheet("绩效目标表主管部门", "settings.forms", FormOption, FORM_OPTIONS,
              "个别绩效目标表打印的“主管部门及代码”（如打印单位的编码）；未列出的用部门自己的。"),
)

SHEET_NAMES = tuple(s.name for s in SHEETS)
# sheets a workbook may lack: added after the first layout, or of one template only
OPTIONAL_SHEETS = ("单位文字", "单位公务用车", "PDF选项", "绩效目标表顺序", "绩效目标表主管部门",
                   *(s.name for s in SHEETS if s.profiles))


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
    if f.cell in (Type.CHOICE, Type.UNIT, *CODE_TYPES):
        return f.show(value, Context(catalog, names=unit_names))
    if isinstance(value, tuple):
        return f.show(value, Context(catalog, names=unit_names)) or None
    if f.cell in (Type.TEXT, Type.NAME):
        return value or None
    return value


def applies(definition: Sheet | FieldRow, budget: object) -> bool:
    """Whether a workbook of budget has the sheet or row: its template has it, or the file
    holds something there (another template's file never loses a fact)."""
    profiles = definition.profiles
    if not profiles or pick(budget, "settings.profile") in profiles:
        return True
    if isinstance(definition, FieldRow):
        return any(pick(budget, f.path) != f.type.empty() for f in definition.fields)
    if isinstance(definition, FieldSheet):
        return any(applies(row, budget) for row in definition.rows)
    return bool(pick(budget, definition.attr))
