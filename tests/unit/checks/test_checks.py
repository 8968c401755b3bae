"""The checks before publication: each one triggered by a budget, and silent on the sample."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal

import pytest

from app.checks import balance, completeness, consistency, department, targets
from app.checks.registry import CHECKS, TITLES, Severity, accepted, blocking, run_checks
from app.core.records import (
    Acceptance,
    BasicByEconomic,
    BasicByFunction,
    Budget,
    CatalogEntry,
    Department,
    DepartmentForm,
    Income,
    Indicator,
    Period,
    Project,
    ProjectKind,
    Source,
    Split,
    Task,
    ThreePublic,
    ThreePublicItem,
    Unit,
    UnitKind,
)
from tests.helpers.edit import drop, errors, get, hints, put, resolve

D = Decimal


def test_sample_has_no_errors(sample: Budget) -> None:
    found = run_checks(sample)
    assert [f for f in found if f.severity == Severity.ERROR] == []
    assert blocking(sample) == []


def test_sample_hints_are_the_published_oddities(sample: Budget) -> None:
    """The 提示 left on the sample, by check: each is a real oddity of the published forms."""
    counts = Counter(f.check for f in run_checks(sample))
    assert counts == {"target-texts": 4, "indicator-values": 12, "periods": 6, "other-years": 5}


def test_every_location_opens_a_place(sample: Budget) -> None:
    broken = replace(sample, income=Income(), texts=replace(sample.texts, glossary=()))
    for budget in (sample, broken):
        for finding in run_checks(budget):
            resolve(budget, finding)
            assert finding.location.label and finding.check in TITLES


def test_checks_are_registered_once() -> None:
    assert len(CHECKS) == len(set(CHECKS)) >= 22



# --- balance -------------------------------------------------------------------------------


def test_income_equals_spending_per_source(sample: Budget) -> None:
    assert balance.check_income(sample) == []
    more = put(sample, "income.this_year.general", sample.income.this_year.general + 100)
    [found] = balance.check_income(more)
    assert found.severity == Severity.ERROR
    assert found.location.key == "income//this_year.general"
    assert "多 100.00元" in found.message and "3,562.57万元" in found.message
    carried = put(sample, "projects.6.carryover.general", D("11999999.00"))
    [found] = balance.check_income(carried)
    assert found.location.field == "carryover.general" and "少" not in found.message


def test_income_of_a_source_without_income(sample: Budget) -> None:
    unit_funds = put(sample, "projects.0.amounts.unit", D("5000.00"))
    [found] = balance.check_income(unit_funds)
    assert found.location.field == "this_year.unit"
    assert "单位资金本年收入 0.00元" in found.message


def in_wan(budget: Budget) -> Budget:
    """The budget with every project's money typed as 万元 where 元 are asked (537 for 537万元)."""
    def typed(split: Split) -> Split:
        return Split(*(getattr(split, f) / 10000 for f in ("general", "fund", "capital", "special", "unit")))
    return replace(budget, projects=tuple(replace(p, amounts=typed(p.amounts), carryover=typed(p.carryover))
                                          for p in budget.projects))


def test_money_typed_in_wan_where_yuan_are_asked_is_said_to_be(sample: Budget) -> None:
    """An officer who thinks in the tables' 万元 types 537 for a project of 537 万元: the checks
    said only that income and spending differ, by millions, and left the cause to be found."""
    typed = in_wan(sample)
    said = {f.location.key: f.message for f in balance.check_income(typed)}
    assert "本年项目支出合计 2,387.76 元，当作万元正好与收入相符" in said["income//this_year.general"]
    assert "上年结转支出合计 1,200.00 元" in said["income//carryover.general"]
    funds = {f.location.key: f.message for f in balance.check_target_funds(typed)}
    assert "这个项目的本年预算 25.00 元，当作万元正好与绩效目标表相符" in funds["targets/0/annual"]
    assert "“25万元”" in funds["targets/0/annual"]
    wrong = put(sample, "income.this_year.general", sample.income.this_year.general + 100)
    assert "万元填写" not in balance.check_income(wrong)[0].message
    annual = put(sample, "targets.0.annual.local", D("2500000000"))  # 25 亿: not a 万元 figure typed
    assert not [f for f in balance.check_target_funds(annual) if "万元填写" in f.message]


def test_basic_by_function_equals_by_economic_per_unit(sample: Budget) -> None:
    assert balance.check_basic(sample) == []
    changed = put(sample, "basic_economic.15.amount", sample.basic_economic[15].amount + 1)
    [found] = errors(balance.check_basic, changed)
    assert "晋城市科学技术发展中心" in found.message and "少 1.00元" in found.message
    assert found.location.form == "basic_economic" and found.location.row == 15
    lonely = replace(sample, basic_function=(
        *sample.basic_function, BasicByFunction("108001", "2060101", Source.UNIT, D("10.00"))))
    [found] = errors(balance.check_basic, lonely)
    assert "单位资金" in found.message and found.location.row is None


def test_target_funds_equal_table_12(sample: Budget) -> None:
    assert balance.check_target_funds(sample) == []
    annual = put(sample, "targets.0.annual.local", D("240000"))
    [found] = balance.check_target_funds(annual)
    assert found.location.key == "targets/0/annual"
    assert "250,000.00元" in found.message and "240,000.00元" in found.message
    own = put(put(sample, "targets.0.annual.local", D("200000")), "targets.0.annual.self_raised",
              D("50000"))
    [found] = balance.check_target_funds(own)
    assert found.severity == Severity.HINT and found.location.field == "annual.self_raised"
    short = put(sample, "targets.0.implementation.local", D("200000"))
    [found] = balance.check_target_funds(short)
    assert found.location.field == "implementation" and "小于年度资金总额" in found.message


def test_function_codes_at_item_level_and_in_catalog(sample: Budget) -> None:
    assert balance.check_function_codes(sample) == []
    kuan = put(sample, "projects.5.function", "20601")
    [found] = errors(balance.check_function_codes, kuan)
    assert found.location.label == "项目支出 第6行「科技综合专项业务费」 功能分类科目"
    assert "不是项级科目" in found.message
    assert errors(balance.check_function_codes, put(sample, "basic_function.0.function", "9990101"))
    new = put(sample, "projects.5.function", "2060198")
    [found] = errors(balance.check_function_codes, new)  # its name would print blank: blocks
    assert "不在2026年的科目表中" in found.message and "名称将是空白" in found.message
    loaded = replace(new, catalog_entries=(CatalogEntry("function", "2060198", "新科目"),))
    assert balance.check_function_codes(loaded) == []
    new_kuan = put(sample, "projects.5.function", "2069801")  # 款 20698 not in the catalog either
    loaded = replace(new_kuan, catalog_entries=(CatalogEntry("function", "2069801", "新项"),))
    [found] = errors(balance.check_function_codes, loaded)
    assert "“20698”" in found.message


def test_economic_codes_at_kuan_level_and_paired(sample: Budget) -> None:
    assert balance.check_economic_codes(sample) == []
    [found] = errors(balance.check_economic_codes, put(sample, "basic_economic.0.dept", "301"))
    assert found.location.field == "dept" and "不是款级科目" in found.message
    [found] = errors(balance.check_economic_codes, put(sample, "basic_economic.0.gov", "50201"))
    assert "不应对应" in found.message and "30101 基本工资" in found.message
    unknown = put(sample, "basic_economic.0.dept", "30198")
    [found] = errors(balance.check_economic_codes, unknown)
    assert "名称将是空白" in found.message
    named = replace(unknown, catalog_entries=(CatalogEntry("economic-dept", "30198", "新款"),))
    assert balance.check_economic_codes(named) == []


def test_a_year_without_its_catalog_borrows_the_last_one_and_says_so(sample: Budget) -> None:
    assert balance.check_catalog_year(sample) == []
    later = put(sample, "department.year", 2027)
    [found] = hints(balance.check_catalog_year, later)
    assert "没有内置的2027年科目表，正在使用2026年" in found.message
    assert errors(balance.check_function_codes, later) == []  # 2026's names serve 2027


def test_references_units_negatives_and_twins(sample: Budget) -> None:
    assert balance.check_references(sample) == []
    stray = put(sample, "projects.0.unit", "999")
    assert "单位代码“999”不在单位列表中" in errors(balance.check_references, stray)[0].message
    negative = put(sample, "basic_function.0.amount", D("-1.00"))
    assert "为负数" in errors(balance.check_references, negative)[0].message
    assert "项目名称为空" in errors(balance.check_references, put(sample, "projects.6.name", ""))[0].message
    twin = replace(sample, projects=(*sample.projects, sample.projects[0]))
    [found] = errors(balance.check_references, twin)
    assert found.location.row == len(sample.projects) and "录入了两次" in found.message


# --- consistency ---------------------------------------------------------------------------


def test_operating_costs_only_for_offices(sample: Budget) -> None:
    assert consistency.check_unit_kinds(sample) == []
    # 108003 is 事业: its 302 line paired with 502 counts as 机关运行经费
    i = next(i for i, b in enumerate(sample.basic_economic)
             if b.unit == "108003" and b.dept == "30201")
    moved = put(sample, f"basic_economic.{i}.gov", "50201")
    [found] = errors(consistency.check_unit_kinds, moved)
    assert found.location.row == i and "机关运行经费只属于行政单位和参公单位" in found.message
    institution = put(sample, "units.0.kind", UnitKind.INSTITUTION)
    assert len(errors(consistency.check_unit_kinds, institution)) == 4  # the four 502 lines
    civil = put(institution, "units.0.kind", UnitKind.CIVIL)
    assert consistency.check_unit_kinds(civil) == []
    office = put(sample, "units.1.kind", UnitKind.ADMIN)
    assert hints(consistency.check_unit_kinds, office) and not errors(
        consistency.check_unit_kinds, office)


def test_three_public_lines(sample: Budget) -> None:
    assert consistency.check_three_public(sample) == []
    unit_money = replace(sample, three_public=(
        ThreePublic(ThreePublicItem.RECEPTION, Source.UNIT, D("8000.00")),))
    [found] = errors(consistency.check_three_public, unit_money)
    assert found.location.key == "three_public/0/source" and "不是财政拨款" in found.message
    cars = replace(sample, three_public=(
        ThreePublic(ThreePublicItem.VEHICLE_RUNNING, Source.GENERAL, D("30000.00")),))
    [found] = hints(consistency.check_three_public, cars)
    assert "实有公务用车为 0 辆" in found.message
    with_cars = put(cars, "assets.vehicles.1", replace(cars.assets.vehicles[1], quota=1, actual=1))
    assert consistency.check_three_public(with_cars) == []


def test_three_public_cars_counted_by_category_as_shanghai_does() -> None:
    """Shanghai keeps its cars by category (assets.fleet), not as 编制/实有: its 4 其他用车 are
    cars, and a purchase is matched with the cars to buy."""
    from app.core.records import Fleet
    from app.profiles.registry import SHANGHAI

    putuo = SHANGHAI.sample()
    assert sum(v.actual for v in putuo.assets.vehicles) == 0 and putuo.assets.fleet
    assert hints(consistency.check_three_public, putuo) == []
    buying = replace(putuo, three_public=(*putuo.three_public, ThreePublic(
        ThreePublicItem.VEHICLE_PURCHASE, Source.GENERAL, D("200000.00"))))
    [found] = hints(consistency.check_three_public, buying)
    assert "车辆中本年购置为 0 辆" in found.message and found.location.field == "fleet"
    planned = replace(buying, assets=replace(buying.assets, fleet=(Fleet("其他用车", 4, 1),)))
    assert hints(consistency.check_three_public, planned) == []
    none = replace(putuo, assets=replace(putuo.assets, fleet=(Fleet("其他用车", 0, 0),)))
    [found] = hints(consistency.check_three_public, none)
    assert "实有公务用车为 0 辆" in found.message


def test_three_public_basic_lines_are_in_the_three_public_table(sample: Budget) -> None:
    reception = put(sample, "basic_economic.13.dept", "30217")  # 其他商品和服务支出 → 公务接待费
    [found] = hints(consistency.check_three_public, reception)
    assert "公务接待费" in found.message and found.location.form == "three_public"


def test_last_year_figures_where_the_text_states_a_change(sample: Budget) -> None:
    assert consistency.check_last_year(sample) == []
    none = put(sample, "last_year.total", None)
    assert errors(consistency.check_last_year, none)[0].location.key == "last_year//total"
    no_reason = put(sample, "texts.reason_total", " ")
    assert errors(consistency.check_last_year, no_reason)[0].location.field == "reason_total"
    level = put(no_reason, "last_year.total", D("47625601.00"))
    assert consistency.check_last_year(level) == []
    assert errors(consistency.check_last_year, put(sample, "last_year.general", None))
    op = put(sample, "texts.reason_operating", "")
    [found] = errors(consistency.check_last_year, op)
    assert "比上年减少 5.79万元" in found.message
    assert errors(consistency.check_last_year, put(sample, "last_year.operating", None))


def test_three_public_change_needs_last_year_and_reason(sample: Budget) -> None:
    spent = replace(sample, three_public=(
        ThreePublic(ThreePublicItem.RECEPTION, Source.GENERAL, D("8000.00")),))
    [found] = errors(consistency.check_last_year, spent)
    assert "没有填写“三公”经费的增减变动原因" in found.message and "公务接待费" in found.message
    assert found.check == "reason-texts" and "第三部分" not in found.message  # the template's words
    kept = replace(spent, acceptances=(Acceptance("last-year", found.location.key, "已报批。"),))
    assert accepted(kept, found)  # accepted before the check had its own name
    explained = put(spent, "texts.reason_three_public", "新增接待任务。")
    assert consistency.check_last_year(explained) == []
    unknown = put(put(spent, "last_year.reception", None), "last_year.abroad", None)
    assert "未填写上年的因公出国（境）费、公务接待费" in errors(consistency.check_last_year,
                                                                unknown)[0].message
    nothing = replace(sample, last_year=replace(sample.last_year, abroad=None, reception=None,
                                                vehicle_purchase=None, vehicle_running=None))
    assert errors(consistency.check_last_year, nothing) == []
    assert len(hints(consistency.check_last_year, nothing)) == 1


def test_procurement_within_spending(sample: Budget) -> None:
    assert consistency.check_procurement(sample) == []
    huge = put(sample, "procurement.services", D("50000000.00"))
    assert "超过了部门支出总计" in errors(consistency.check_procurement, huge)[0].message
    assert errors(consistency.check_procurement, put(sample, "procurement.goods", D("-1")))


def test_assets(sample: Budget) -> None:
    assert consistency.check_assets(sample) == []
    big = put(sample, "assets.equipment_100", 1)
    assert errors(consistency.check_assets, big)[0].location.field == "equipment_100"
    assert consistency.check_assets(put(big, "assets.equipment_50", 2)) == []
    over = put(sample, "assets.vehicles.0.actual", 1)
    assert hints(consistency.check_assets, over)[0].location.key == "assets//vehicles.0.actual"
    missing = drop(sample, "assets.vehicles.3")
    assert "执法执勤用车" in errors(consistency.check_assets, missing)[0].message


def test_performance_figures(sample: Budget) -> None:
    assert consistency.check_performance(sample) == []
    assert errors(consistency.check_performance, put(sample, "performance.units_with_targets", 5))
    assert errors(consistency.check_performance, put(sample, "performance.units_amount", D("1.00")))
    fine = put(put(sample, "performance.units_with_targets", 1), "performance.units_amount",
               D("5000000.00"))
    assert consistency.check_performance(fine) == []


# --- completeness --------------------------------------------------------------------------


def test_department_and_units(sample: Budget) -> None:
    assert completeness.check_department(sample) == []
    assert errors(completeness.check_department, put(sample, "department.name", ""))
    twin = put(sample, "units.2.code", "108001")
    [found] = errors(completeness.check_department, twin)
    assert found.location.key == "units/2/code"
    assert errors(completeness.check_department, Budget(Department("某局", "1", 2026)))


def test_texts_present(sample: Budget) -> None:
    assert completeness.check_texts(sample) == []
    [found] = errors(completeness.check_texts, put(sample, "texts.duties", "  "))
    assert found.location.key == "texts//duties" and "本部门职责" in found.message
    assert errors(completeness.check_texts, put(sample, "texts.organization", ""))
    assert errors(completeness.check_texts, put(sample, "texts.glossary", ()))
    [found] = errors(completeness.check_texts, put(sample, "texts.glossary.2.definition", ""))
    assert found.location.field == "glossary.2.definition"
    assert hints(completeness.check_texts, put(sample, "texts.other", ""))


def test_procurement_and_assets_filled(sample: Budget) -> None:
    assert completeness.check_filled(sample) == []
    empty = put(put(sample, "procurement.goods", D(0)), "procurement.services", D(0))
    assert [f.location.form for f in completeness.check_filled(empty)] == ["procurement"]
    assert hints(completeness.check_filled, put(sample, "assets.office_area", D(0)))


def test_every_project_has_a_target_form(sample: Budget) -> None:
    assert completeness.check_target_presence(sample) == []  # 科技研发投入奖补资金: 结转 only
    missing = drop(sample, "targets.4")
    [found] = errors(completeness.check_target_presence, missing)
    assert found.location.key == "projects/5/name" and "科技综合专项业务费" in found.message
    renamed = put(sample, "projects.5.name", "科技综合业务费")
    assert errors(completeness.check_target_presence, renamed) == []  # the form follows the id
    orphan = put(sample, "targets.4.project_id", "999")
    assert len(errors(completeness.check_target_presence, orphan)) == 2  # project and form
    idle = replace(sample, projects=(*sample.projects,
                                     Project("108001", "空项目", "2060199", ProjectKind.OPERATING)))
    assert hints(completeness.check_target_presence, idle)


def test_target_form_texts(sample: Budget) -> None:
    assert errors(completeness.check_target_texts, sample) == []
    [found] = errors(completeness.check_target_texts, put(sample, "targets.2.plan", ""))
    assert found.location.key == "targets/2/plan" and "项目实施计划" in found.message
    assert "项目属性" in hints(completeness.check_target_texts, sample)[2].message


# --- targets -------------------------------------------------------------------------------


def _ind(level2: str, level3: str, value: str, period: Period = Period.ANNUAL) -> Indicator:
    level1 = {"成本指标": "产出指标", "经济效益": "效益指标", "社会效益": "效益指标",
              "服务对象满意度": "满意度指标"}.get(level2, "产出指标")
    return Indicator(period, level1, level2, level3, value)


def test_indicator_rows_name_and_value(sample: Budget) -> None:
    assert targets.check_indicator_rows(sample) == []
    no_value = put(sample, "targets.0.indicators.1.value", "")
    [found] = targets.check_indicator_rows(no_value)
    assert found.location.key == "targets/0/indicators.1.value"
    assert found.location.label.endswith("实施期指标 第2行 指标值")
    no_name = put(sample, "targets.0.indicators.10.level3", "")
    [found] = targets.check_indicator_rows(no_name)
    assert "年度的质量指标有指标值“≥90%”" in found.message
    # an empty 经济效益 row of the official form is a placeholder, not a finding
    assert sample.targets[0].indicators[4].level3 == "" == sample.targets[0].indicators[4].value


def test_indicator_groups(sample: Budget) -> None:
    assert targets.check_indicator_groups(sample) == []
    no_time = drop(sample, "targets.0.indicators.11")  # the only 年度 时效指标
    [found] = targets.check_indicator_groups(no_time)
    assert "年度绩效指标缺少时效指标" in found.message
    form = sample.targets[0]
    only_year = put(sample, "targets.0.indicators",
                    tuple(i for i in form.indicators if i.period == Period.ANNUAL))
    [found] = targets.check_indicator_groups(only_year)
    assert "没有实施期绩效指标" in found.message
    no_benefit = put(sample, "targets.0.indicators.14.value", "")
    no_benefit = put(no_benefit, "targets.0.indicators.14.level3", "")
    assert "效益指标" in targets.check_indicator_groups(no_benefit)[0].message


@pytest.mark.parametrize(("value", "expected"), [
    ("≥95%", ("≥", D("95"), "%")),
    ("≤25万元", ("≤", D("25"), "万元")),
    ("1个", ("", D("1"), "个")),
    (">30亿元", (">", D("30"), "亿元")),
    ("≥0.6万吨", ("≥", D("0.6"), "万吨")),
    ("<= 5 次", ("≤", D("5"), "次")),
    ("≥95", ("≥", D("95"), "")),
    ("保障", None),
    ("2026年12月底前", None),
    ("11至12月", None),
    ("及时消防维保2次/月", None),
])
def test_quantity(value: str, expected: tuple[str, Decimal, str] | None) -> None:
    q = targets.quantity(value)
    assert (None if q is None else (q.direction, q.number, q.unit)) == expected


def test_indicator_values(sample: Budget) -> None:
    assert errors(targets.check_indicator_values, sample) == []
    bare = put(sample, "targets.0.indicators.10.value", "≥90")
    [found] = errors(targets.check_indicator_values, bare)
    assert "没有计量单位" in found.message and found.location.field == "indicators.10.value"
    dear = put(sample, "targets.0.indicators.12.value", "≤26万元")
    [found] = errors(targets.check_indicator_values, dear)
    assert "超过了项目年度资金 25.00万元" in found.message
    exact = put(sample, "targets.4.indicators.32.value", "≤300000元")
    assert errors(targets.check_indicator_values, exact) == []
    above = put(sample, "targets.4.indicators.32.value", "≤300001元")
    assert errors(targets.check_indicator_values, above)
    whole = put(sample, "targets.0.indicators.3.value", "≤30万元")  # 实施期 250,000
    assert "实施期资金" in errors(targets.check_indicator_values, whole)[0].message
    rate = put(sample, "targets.0.indicators.12.value", "≤26万元/年")
    assert errors(targets.check_indicator_values, rate) == []
    lone = put(sample, "targets.0.indicators.10.value", "≥")
    assert "只有方向" in errors(targets.check_indicator_values, lone)[0].message


def test_direction_and_upward_costs_are_hints(sample: Budget) -> None:
    found = hints(targets.check_indicator_values, sample)
    first = found[0]
    assert first.location.key == "targets/0/indicators.0.value" and "=1个" in first.message
    directed = put(put(sample, "targets.0.indicators.0.value", "=1个"),
                   "targets.0.indicators.9.value", "=1个")
    assert not any(f.location.row == 0 for f in hints(targets.check_indicator_values, directed))
    upward = [f for f in found if "成本一般用“≤”" in f.message]
    assert [f.location.key for f in upward] == ["targets/5/indicators.4.value",
                                                "targets/5/indicators.14.value"]


def test_periods_agree(sample: Budget) -> None:
    assert errors(targets.check_periods, sample) == []
    more = put(sample, "targets.0.indicators.9.value", "2个")  # 年度 2个 against 实施期 1个
    [found] = errors(targets.check_periods, more)
    assert "大于实施期的“1个”" in found.message and found.location.field == "indicators.9.value"
    renamed = put(sample, "targets.0.indicators.9.level3", "规划编制数")
    [found] = [f for f in hints(targets.check_periods, renamed) if f.location.row == 0]
    assert "年度有而实施期没有：规划编制数" in found.message
    twice = replace(sample.targets[0], indicators=(*sample.targets[0].indicators,
                                                   _ind("数量指标", "“十五五”规划编制数", "1个")))
    doubled = hints(targets.check_periods, put(sample, "targets.0", twice))
    assert "出现了不止一次" in doubled[0].message and doubled[0].location.row == 0


# --- acceptance ----------------------------------------------------------------------------


def test_an_accepted_error_no_longer_blocks(sample: Budget) -> None:
    i = next(i for i, b in enumerate(sample.basic_economic)
             if b.unit == "108003" and b.dept == "30201")
    wrong = put(sample, f"basic_economic.{i}.gov", "50201")  # 事业 unit on 502
    [found] = blocking(wrong)
    assert found.check == "unit-kind"
    taken = replace(wrong, acceptances=(
        Acceptance(found.check, found.location.key, "本省事业单位按机关口径编报"),))
    assert blocking(taken) == []
    assert [f.check for f in run_checks(taken) if f.severity == Severity.ERROR] == ["unit-kind"]
    other = replace(taken, acceptances=(Acceptance("unit-kind", "basic_economic/0/gov", "x"),))
    assert blocking(other) == [found]


def test_a_small_budget_from_scratch() -> None:
    """A one-unit budget whose figures all agree has no 错误."""
    split = Split(general=D("100000.00"))
    budget = Budget(
        Department("某局", "101", 2026),
        units=(Unit("101001", "某局", UnitKind.ADMIN),),
        income=Income(this_year=Split(general=D("150000.00"))),
        basic_function=(BasicByFunction("101001", "2060101", Source.GENERAL, D("50000.00")),),
        basic_economic=(BasicByEconomic("101001", "30201", "50201", Source.GENERAL, D("50000.00")),),
        projects=(Project("101001", "业务费", "2060199", ProjectKind.OPERATING, split),),
    )
    found = {f.check for f in blocking(budget)}
    assert found == {"last-year", "texts", "target-presence"}
    assert get(budget, "projects.0.amounts.general") == D("100000.00")


def test_department_form(sample: Budget) -> None:
    assert department.check_department_form(sample) == []  # the sample publishes none
    form = DepartmentForm(
        staff_quota=10, staff_actual=10, staff_in_quota=8, staff_other=2,
        duties="职责", strategy="战略", goal="目标",
        budget=Split(general=D("35625601.00")), basic=D("11748001.00"), projects=D("23877600.00"),
        tasks=(Task("科技管理", "实施科技计划"),),
        indicators=(_ind("数量指标", "科技计划项目数", "≥40项"),))
    whole = replace(sample, department_form=form)
    assert department.check_department_form(whole) == []
    off = put(whole, "department_form.basic", D("11748000.00"))
    [found] = department.check_department_form(off)
    assert found.location.key == "department_form//basic" and "多 1.00元" not in found.message
    assert "少 1.00元" in found.message
    staff = put(whole, "department_form.staff_other", 3)
    assert "实际在职人员总数 10 人" in errors(department.check_department_form, staff)[0].message
    empty = put(put(whole, "department_form.tasks", ()), "department_form.indicators.0.value", "")
    assert len(errors(department.check_department_form, empty)) == 2
    for finding in run_checks(empty):
        resolve(empty, finding)
