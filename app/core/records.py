"""The facts of one department's budget as small immutable records; money in 元 (Decimal).

Everything the tables and the explanatory text print is either one of these facts or
computed from them (see `tables` and `figures`); nothing derivable is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import cached_property

from app.core.money import ZERO


class Source(str, Enum):
    """资金来源. The first three are 财政拨款."""

    GENERAL = "一般公共预算"
    FUND = "政府性基金预算"
    CAPITAL = "国有资本经营预算"
    SPECIAL = "财政专户管理资金"
    UNIT = "单位资金"

    @property
    def fiscal(self) -> bool:
        """Whether this source is 财政拨款."""
        return self in FISCAL


FISCAL = (Source.GENERAL, Source.FUND, Source.CAPITAL)
SOURCES = tuple(Source)


class UnitKind(str, Enum):
    """单位性质: 机关运行经费 exists only for 行政 and 参公 units."""

    ADMIN = "行政"
    CIVIL = "参公"
    INSTITUTION = "事业"

    @property
    def runs_office(self) -> bool:
        """Whether the unit's 公用经费 counts as 机关运行经费."""
        return self in (UnitKind.ADMIN, UnitKind.CIVIL)


class ProjectKind(str, Enum):
    """项目类别."""

    OPERATING = "其他运转类"
    TARGETED = "特定目标类"


class ThreePublicItem(str, Enum):
    """"三公"经费的项目; 公务用车购置及运行费 = 购置 + 运行维护, never stored."""

    ABROAD = "因公出国（境）费"
    RECEPTION = "公务接待费"
    VEHICLE_PURCHASE = "公务用车购置费"
    VEHICLE_RUNNING = "公务用车运行维护费"


class CostKind(str, Enum):
    """基本支出的经费类型."""

    PERSONNEL = "人员经费"
    PUBLIC = "公用经费"


class Period(str, Enum):
    """绩效目标的期间."""

    IMPLEMENTATION = "实施期"
    ANNUAL = "年度"


@dataclass(frozen=True)
class Split:
    """Amounts in 元 by the five sources.

    Attributes:
      general, fund, capital, special, unit: 一般公共预算, 政府性基金预算, 国有资本经营预算,
        财政专户管理资金, 单位资金.
    """

    general: Decimal = ZERO
    fund: Decimal = ZERO
    capital: Decimal = ZERO
    special: Decimal = ZERO
    unit: Decimal = ZERO

    def get(self, source: Source) -> Decimal:
        value: Decimal = getattr(self, _SOURCE_FIELDS[source])
        return value

    @property
    def total(self) -> Decimal:
        return self.general + self.fund + self.capital + self.special + self.unit

    @property
    def fiscal(self) -> Decimal:
        """财政拨款: the first three sources."""
        return self.general + self.fund + self.capital

    def __add__(self, other: Split) -> Split:
        return Split(self.general + other.general, self.fund + other.fund,
                     self.capital + other.capital, self.special + other.special,
                     self.unit + other.unit)

    @staticmethod
    def of(source: Source, amount: Decimal) -> Split:
        return Split(**{_SOURCE_FIELDS[source]: amount})


_SOURCE_FIELDS = {
    Source.GENERAL: "general",
    Source.FUND: "fund",
    Source.CAPITAL: "capital",
    Source.SPECIAL: "special",
    Source.UNIT: "unit",
}


@dataclass(frozen=True)
class Department:
    """部门. Attributes: name, code (主管部门代码, e.g. 108), year (预算年度), region (the
    government it belongs to, e.g. "上海市普陀区") and tier (its level, e.g. "区级"), printed on a
    Shanghai title page."""

    name: str
    code: str
    year: int
    region: str = ""
    tier: str = ""


@dataclass(frozen=True)
class Unit:
    """预算单位. Attributes: code (unique in the file), name, kind (行政/参公/事业)."""

    code: str
    name: str
    kind: UnitKind


@dataclass(frozen=True)
class IncomeKinds:
    """Shanghai's split of this year's 财政专户管理资金 + 单位资金 (元).

    Attributes: operating (事业单位经营收入), other (其他收入); the rest is 事业收入.
    """

    operating: Decimal = ZERO
    other: Decimal = ZERO


@dataclass(frozen=True)
class Income:
    """收入: this year's income and 上年结转 by source, as entered (checked against spending).

    kinds: the 事业单位经营收入 / 其他收入 part of the non-fiscal income (Shanghai template).
    """

    this_year: Split = field(default_factory=Split)
    carryover: Split = field(default_factory=Split)
    kinds: IncomeKinds = field(default_factory=IncomeKinds)


@dataclass(frozen=True)
class BasicByFunction:
    """基本支出 by function. Attributes: unit (code), function (项 code), source, amount (元)."""

    unit: str
    function: str
    source: Source
    amount: Decimal


@dataclass(frozen=True)
class BasicByEconomic:
    """基本支出 by economic pair: unit, dept (部门经济 款), gov (政府经济 款), source, amount.

    cost: 人员经费 or 公用经费 when the line says so; None (the default) means by its 部门经济 类
    (301, 303 人员经费). Shanghai counts e.g. 退休人员公用经费 under 303 as 公用经费.
    """

    unit: str
    dept: str
    gov: str
    source: Source
    amount: Decimal
    cost: CostKind | None = None


@dataclass(frozen=True)
class Project:
    """项目支出. (unit, name) is unique in a file; id is its stable identity.

    Attributes:
      unit: unit code. name: 项目名称. function: function 项 code. kind: 其他运转类/特定目标类.
      amounts: this year's money by source (table 12). carryover: 上年结转 by source (table 13).
      id: unique in the file and never changed by an edit (renaming, moving to another unit),
        so that what refers to the project (its target form) stays with it; see
        `app.core.identity`. "" until one is given.
    """

    unit: str
    name: str
    function: str
    kind: ProjectKind
    amounts: Split = field(default_factory=Split)
    carryover: Split = field(default_factory=Split)
    id: str = ""


@dataclass(frozen=True)
class Revenue:
    """政府性基金 or 国有资本经营 income by 收入分类 code (tables 7 and 9)."""

    source: Source
    code: str
    name: str
    amount: Decimal


@dataclass(frozen=True)
class ThreePublic:
    """"三公"经费 by item and source (table 10), this year."""

    item: ThreePublicItem
    source: Source
    amount: Decimal


@dataclass(frozen=True)
class LastYear:
    """上年数: last year's figures the text compares with; None where not entered.

    Attributes:
      total: 上年收支总计. general: 上年一般公共预算当年支出. operating: 上年机关运行经费.
      abroad, reception, vehicle_purchase, vehicle_running: 上年"三公"经费 by item.
      fiscal, fund, capital: 上年财政拨款 (收入 = 支出), 政府性基金 and 国有资本经营 (Shanghai).
    """

    total: Decimal | None = None
    general: Decimal | None = None
    operating: Decimal | None = None
    abroad: Decimal | None = None
    reception: Decimal | None = None
    vehicle_purchase: Decimal | None = None
    vehicle_running: Decimal | None = None
    fiscal: Decimal | None = None
    fund: Decimal | None = None
    capital: Decimal | None = None

    def three_public(self) -> Decimal | None:
        items = (self.abroad, self.reception, self.vehicle_purchase, self.vehicle_running)
        if all(i is None for i in items):
            return None
        return sum((i or ZERO for i in items), ZERO)


@dataclass(frozen=True)
class Procurement:
    """政府采购预算: goods, works, services (元).

    sme_reserved: 面向中小企业预留; small_reserved: of it, 预留给小型和微型企业 (Shanghai).
    """

    goods: Decimal = ZERO
    works: Decimal = ZERO
    services: Decimal = ZERO
    sme_reserved: Decimal = ZERO
    small_reserved: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


VEHICLE_KINDS = (
    "领导用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "事业单位业务用车",
    "其他公务用车",
)


@dataclass(frozen=True)
class Vehicles:
    """公务用车 of one kind: 编制 (quota) and 实有 (actual)."""

    kind: str
    quota: int = 0
    actual: int = 0


@dataclass(frozen=True)
class Fleet:
    """车辆 of one category as Shanghai counts them: held (共有) and to buy this year (购置)."""

    kind: str
    held: int = 0
    planned: int = 0


@dataclass(frozen=True)
class Assets:
    """国有资产占有使用情况 at the end of last year.

    Attributes: vehicles (one per kind in VEHICLE_KINDS), office_area (m²),
    equipment_50 / equipment_100: 通用设备 counts of 原值 over 50万 / 100万 元.
    Shanghai: as_of (e.g. "2025年8月31日"; empty: 上年12月31日), fleet (车辆 by the
    template's categories; empty: none), equipment_100_planned (单价100万元以上设备 to buy).
    """

    vehicles: tuple[Vehicles, ...] = tuple(Vehicles(k) for k in VEHICLE_KINDS)
    office_area: Decimal = ZERO
    equipment_50: int = 0
    equipment_100: int = 0
    as_of: str = ""
    fleet: tuple[Fleet, ...] = ()
    equipment_100_planned: int = 0


@dataclass(frozen=True)
class GlossaryEntry:
    """名词解释: one term and its definition."""

    term: str
    definition: str


@dataclass(frozen=True)
class SectionTemplate:
    """The department's own wording of one section of 第三部分 (docs/文字模板.md).

    section: the 段落 as its heading numbers print ("七", "五（二）", "十1"); template: the text.
    """

    section: str
    template: str = ""


@dataclass(frozen=True)
class FunctionUse:
    """What the money of one function 项 is mainly used for (主要用于…), Shanghai's 编制说明."""

    function: str
    use: str


@dataclass(frozen=True)
class ThreePublicReasons:
    """The reason of each "三公" item's change on last year (Shanghai's 其他相关情况说明)."""

    total: str = ""
    abroad: str = ""
    vehicles: str = ""
    vehicle_purchase: str = ""
    vehicle_running: str = ""
    reception: str = ""


@dataclass(frozen=True)
class NotePart:
    """One heading of a 项目经费情况说明 and its text (paragraphs separated by newlines)."""

    heading: str
    text: str


@dataclass(frozen=True)
class ProjectNote:
    """项目经费情况说明 of one project: the project's name and its parts as written."""

    project: str
    parts: tuple[NotePart, ...] = ()


@dataclass(frozen=True)
class UnitText:
    """Facts only one unit has, for its own document (单位预算公开); money in 元.

    Attributes: unit (its code); duties (本单位职责), organization (机构设置情况); the reasons of
    its changes on last year; last_total / last_general / last_operating and the four last_*
    "三公" items: its 上年数 (None: not entered); abroad, reception, vehicle_purchase,
    vehicle_running: its "三公" this year (一般公共预算); goods, works, services: its 政府采购;
    office_area (m²), equipment_50 / equipment_100: its 国有资产 (its cars: Texts.unit_vehicles).
    """

    unit: str
    duties: str = ""
    organization: str = ""
    reason_total: str = ""
    reason_three_public: str = ""
    reason_operating: str = ""
    last_total: Decimal | None = None
    last_general: Decimal | None = None
    last_operating: Decimal | None = None
    last_abroad: Decimal | None = None
    last_reception: Decimal | None = None
    last_vehicle_purchase: Decimal | None = None
    last_vehicle_running: Decimal | None = None
    abroad: Decimal = ZERO
    reception: Decimal = ZERO
    vehicle_purchase: Decimal = ZERO
    vehicle_running: Decimal = ZERO
    goods: Decimal = ZERO
    works: Decimal = ZERO
    services: Decimal = ZERO
    office_area: Decimal = ZERO
    equipment_50: int = 0
    equipment_100: int = 0


@dataclass(frozen=True)
class UnitVehicles:
    """One unit's 公务用车 of one kind (its 国有资产): unit (code), kind, 编制 and 实有."""

    unit: str
    kind: str
    quota: int = 0
    actual: int = 0


@dataclass(frozen=True)
class UnitFleet:
    """One unit's 车辆 of one category as Shanghai counts them: unit (code), kind, held, planned."""

    unit: str
    kind: str
    held: int = 0
    planned: int = 0


@dataclass(frozen=True)
class UnitReasons:
    """One unit's reason of each "三公" item's change (Shanghai), fields as ThreePublicReasons."""

    unit: str
    total: str = ""
    abroad: str = ""
    vehicles: str = ""
    vehicle_purchase: str = ""
    vehicle_running: str = ""
    reception: str = ""


@dataclass(frozen=True)
class Texts:
    """The department's own words; paragraphs separated by newlines.

    Attributes:
      duties: 本部门职责. organization: 机构设置情况.
      reason_total: reason of the change of 收支总计 on last year (section 一).
      reason_three_public: reason of the change of "三公" (section 七).
      reason_operating: reason of the change of 机关运行经费 (section 八).
      services_catalog: 政府购买服务指导性目录 (section 十二(一)). other: 其他 (section 十二(二)).
      glossary: 名词解释 (第四部分).
      form_title: the title of the project target forms as the province prints it, e.g.
        "晋城市市级预算部门(单位)项目支出绩效目标表"; empty: "项目支出绩效目标表".
      templates: the sections of 第三部分 worded by the department (the others: the default).
      function_uses: 主要用于 per function 项; three_public_reasons: each item's reason;
        project_notes: 项目经费情况说明 (all three: Shanghai template).
      units: each unit's own facts for its 单位预算公开 (by unit code; app.profiles.units).
      unit_vehicles: each unit's 公务用车 by kind (a unit without rows has none).
      unit_fleets: each unit's 车辆 by category (Shanghai template; a unit without rows has none).
      unit_reasons: each unit's "三公" reasons (Shanghai template; a unit without a row has none).
    """

    duties: str = ""
    organization: str = ""
    reason_total: str = ""
    reason_three_public: str = ""
    reason_operating: str = ""
    services_catalog: str = ""
    other: str = ""
    glossary: tuple[GlossaryEntry, ...] = ()
    form_title: str = ""
    templates: tuple[SectionTemplate, ...] = ()
    function_uses: tuple[FunctionUse, ...] = ()
    three_public_reasons: ThreePublicReasons = field(default_factory=ThreePublicReasons)
    project_notes: tuple[ProjectNote, ...] = ()
    units: tuple[UnitText, ...] = ()
    unit_vehicles: tuple[UnitVehicles, ...] = ()
    unit_fleets: tuple[UnitFleet, ...] = ()
    unit_reasons: tuple[UnitReasons, ...] = ()


@dataclass(frozen=True)
class Performance:
    """部门整体绩效 figures of section 十 that the tables cannot give.

    Attributes:
      overall_reported: whether the department reports 部门整体支出绩效目标.
      unit_count: 机关及下属预算单位数 (None: the number of units in the file).
      units_with_targets: units (机关 included) reporting 单位整体绩效目标; units_amount: their money.
      target_projects / target_amount: projects reporting 绩效目标 and their money (None: the
        file's target forms and their projects' money).
    """

    overall_reported: bool = True
    unit_count: int | None = None
    units_with_targets: int = 0
    units_amount: Decimal = ZERO
    target_projects: int | None = None
    target_amount: Decimal | None = None


@dataclass(frozen=True)
class FormFunds:
    """项目资金 of a target form in 元 by 中央/省级/市县/单位自筹/其他; None where left blank."""

    central: Decimal | None = None
    province: Decimal | None = None
    local: Decimal | None = None
    self_raised: Decimal | None = None
    other: Decimal | None = None

    @property
    def total(self) -> Decimal:
        parts = (self.central, self.province, self.local, self.self_raised, self.other)
        return sum((p or ZERO for p in parts), ZERO)


@dataclass(frozen=True)
class Indicator:
    """One 三级指标 row: period, 一级, 二级, 三级 and 指标值 (e.g. "≥95%")."""

    period: Period
    level1: str
    level2: str
    level3: str
    value: str


@dataclass(frozen=True)
class TargetForm:
    """项目支出绩效目标表 of a project. Money in 元.

    Attributes: project_id (the project's id: the link), unit and project (the project's unit
    and name, a copy kept equal to the project's by every edit, for showing and for the data
    workbook), attribute (项目属性), period (项目期), implementation / annual (项目资金 split),
    the six texts, goal_implementation / goal_annual (总体目标), indicators, and the footer
    (manager 负责人, handler 经办人, phone 联系电话, filled 填报日期).
    """

    unit: str
    project: str
    attribute: str = ""
    period: str = ""
    implementation: FormFunds = field(default_factory=FormFunds)
    annual: FormFunds = field(default_factory=FormFunds)
    overview: str = ""
    basis: str = ""
    necessity: str = ""
    measures: str = ""
    plan: str = ""
    goal_implementation: str = ""
    goal_annual: str = ""
    indicators: tuple[Indicator, ...] = ()
    manager: str = ""
    handler: str = ""
    phone: str = ""
    filled: str = ""
    project_id: str = ""


@dataclass(frozen=True)
class Task:
    """年度重点任务 of the 部门整体 form: a core function and one of its key tasks."""

    function: str
    task: str


@dataclass(frozen=True)
class DepartmentForm:
    """部门整体支出绩效目标申报表 (optional). Money in 元.

    Attributes: the 部门基本信息 counts, duties, strategy (部门战略目标), budget by source and
    by direction (基本支出 / 项目支出 in 元), tasks, goal (年度绩效目标) and indicators (年度).
    """

    divisions: int = 0
    units: int = 0
    staff_quota: int = 0
    staff_actual: int = 0
    staff_in_quota: int = 0
    staff_other: int = 0
    duties: str = ""
    strategy: str = ""
    budget: Split = field(default_factory=Split)
    basic: Decimal = ZERO
    projects: Decimal = ZERO
    tasks: tuple[Task, ...] = ()
    goal: str = ""
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True)
class Acceptance:
    """A 错误 the user accepts for publication, with the reason (their province's rule…)."""

    check: str
    location: str
    reason: str


@dataclass(frozen=True)
class CatalogEntry:
    """A classification code the user loaded (the official year's list): kind, code, name.

    kind is one of app.core.catalog.KINDS ("function", "economic-dept", "economic-gov").
    """

    kind: str
    code: str
    name: str


@dataclass(frozen=True)
class FormOption:
    """How one target form is printed: department is its 主管部门及代码 line ("" for the
    department's own "code-name"). project_id names the form's project (its stable id, so a
    renamed project keeps its options); unit and project are a copy of its unit and name, the
    only key of options from files before project_id (app.core.identity.option_of)."""

    unit: str
    project: str
    department: str = ""
    project_id: str = ""


@dataclass(frozen=True)
class Settings:
    """Per-file options. charts: draw the charts of 第三部分 in the PDF; chart_sections: the keys
    of the sections whose chart is drawn (() for all); form_labels: "附件N：" above each form;
    form_order: forms printed first, in this order (the rest in table 12's order); forms: per-form
    options; department_form_title: the 部门整体 form's title ("" for the usual one);
    department_form_official: its rows as the official form (社会保险基金预算资金, counts in 人).
    reason_threshold: the change on last year (in %) from which the text must give a reason.

    profile: the id of the file's template (app.profiles.registry; files from before profiles
    are "shanxi"). kind: the document kind of that template (部门, or 单位 where it has one).
    guesses: the places (Location keys "projects/3/kind", "basic_function/0/unit") whose
    values an import guessed because its source does not say them; a place leaves the list
    when the user edits or confirms it. backups_kept: how many timestamped backups
    (`FILE.<time>.bak`, made before an import replaces the file) are kept; older ones go.
    unit_documents: the file also publishes each unit's own document (单位预算公开); their
    checks run only then. False for files from before it; a new file sets it on.
    """

    charts: bool = False
    chart_sections: tuple[str, ...] = ()
    form_labels: bool = True
    form_order: tuple[FormOption, ...] = ()
    forms: tuple[FormOption, ...] = ()
    department_form_title: str = ""
    department_form_official: bool = False
    reason_threshold: Decimal = Decimal("10")
    profile: str = "shanxi"
    kind: str = "部门"
    guesses: tuple[str, ...] = ()
    backups_kept: int = 20
    unit_documents: bool = False


@dataclass(frozen=True)
class Budget:
    """All facts of one department's budget for one year."""

    department: Department
    units: tuple[Unit, ...] = ()
    income: Income = field(default_factory=Income)
    basic_function: tuple[BasicByFunction, ...] = ()
    basic_economic: tuple[BasicByEconomic, ...] = ()
    projects: tuple[Project, ...] = ()
    revenues: tuple[Revenue, ...] = ()
    three_public: tuple[ThreePublic, ...] = ()
    last_year: LastYear = field(default_factory=LastYear)
    procurement: Procurement = field(default_factory=Procurement)
    assets: Assets = field(default_factory=Assets)
    texts: Texts = field(default_factory=Texts)
    performance: Performance = field(default_factory=Performance)
    targets: tuple[TargetForm, ...] = ()
    department_form: DepartmentForm | None = None
    acceptances: tuple[Acceptance, ...] = ()
    catalog_entries: tuple[CatalogEntry, ...] = ()
    settings: Settings = field(default_factory=Settings)

    def unit(self, code: str) -> Unit | None:
        """The unit with this code, or None."""
        return self._index.units.get(code)

    def project(self, project_id: str) -> Project | None:
        """The project with this id, or None."""
        return self._index.projects.get(project_id) if project_id else None

    def project_named(self, unit: str, name: str) -> Project | None:
        """The first project of unit (code) with this name, or None."""
        return self._index.named_projects.get((unit, name))

    def form_of(self, project: Project) -> TargetForm | None:
        """The target form of project: by its id (by unit and name while it has none)."""
        if project.id:
            return self._index.forms.get(project.id)
        return self._index.unlinked_forms.get((project.unit, project.name))

    def target(self, unit: str, project: str) -> TargetForm | None:
        """The target form of the project (unit, name), or None."""
        found = self._index.named_projects.get((unit, project))
        if found is not None:
            return self.form_of(found)
        return self._index.named_forms.get((unit, project))

    @cached_property
    def _index(self) -> _Index:
        """The lookups above by key instead of by scan (built once per budget, which never
        changes): the checks look a project or form up per finding, 14,000 at 1,000 projects."""
        return _Index(self)


class _Index:
    """Budget's records by key; where keys repeat, the first record wins (as a scan finds)."""

    def __init__(self, budget: Budget) -> None:
        self.units = {u.code: u for u in reversed(budget.units)}
        self.projects = {p.id: p for p in reversed(budget.projects)}
        self.named_projects = {(p.unit, p.name): p for p in reversed(budget.projects)}
        self.forms = {t.project_id: t for t in reversed(budget.targets) if t.project_id}
        self.unlinked_forms = {(t.unit, t.project): t for t in reversed(budget.targets)
                               if not t.project_id}
        self.named_forms = {(t.unit, t.project): t for t in reversed(budget.targets)}
