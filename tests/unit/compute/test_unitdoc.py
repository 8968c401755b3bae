"""Unit documents (issue 19): the units' figures add up to the department's, their wording."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.compute.unitdoc import unit_budget, unit_budgets
from app.core.errors import UserError
from app.core.records import SOURCES, Budget
from app.profiles.shanxi.narrative import overview, sections
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from app.profiles.units import file_name, unit_findings
from tests.helpers.synthetic import generate


@pytest.mark.parametrize("budget", [load_sample(), generate(units=7, projects=40, seed=3)],
                         ids=["sample", "generated"])
def test_the_units_totals_add_up_to_the_departments(budget: Budget) -> None:
    units = unit_budgets(budget)
    dept = {t.number: t for t in build_tables(budget)}
    for number in (1, 2, 3, 4, 5, 8, 12, 13):  # every total row of the department's tables
        whole = dept[number].rows[-1 if number in (1, 4) else 0]
        got = [build_tables(u)[number - 1].rows[-1 if number in (1, 4) else 0] for u in units]
        for col, cell in enumerate(whole.cells):
            if isinstance(cell, Decimal):
                assert sum((g.cells[col] or Decimal(0) for g in got), Decimal(0)) == cell, (number, col)
    for source in SOURCES:
        assert sum((u.income.this_year.get(source) for u in units), Decimal(0)) == \
            sum((p.amounts.get(source) for p in budget.projects), Decimal(0)) + sum(
                (b.amount for b in budget.basic_function if b.source == source), Decimal(0))
        assert sum((u.income.carryover.get(source) for u in units), Decimal(0)) == \
            sum((p.carryover.get(source) for p in budget.projects), Decimal(0))


def test_each_unit_balances_and_is_worded_as_a_unit() -> None:
    budget = load_sample()
    for code in ("108001", "108002", "108003"):
        unit = unit_budget(budget, code)
        tables = build_tables(unit)
        assert all(t.department_line == f"单位名称：{unit.department.name}" for t in tables)
        assert tables[0].rows[-1].cells[1] == tables[0].rows[-1].cells[3]  # 收入总计 = 支出总计
        text = "\n".join(t for s in overview(unit) + sections(unit) for t in (s.heading, *s.paragraphs))
        assert "本部门" not in text and "部门预算" not in text
        assert "一、本单位职责" in text and unit.department.name in text
        others = {p.name for p in budget.projects if p.unit != code} - {p.name for p in unit.projects}
        printed = "\n".join("".join(str(c) for c in r.cells) for t in tables for r in t.rows)
        assert not any(name in printed or name in text for name in others)
        assert {t.project for t in unit.targets} <= {p.name for p in unit.projects}
    first = unit_budget(budget, "108001")
    assert first.last_year.total == Decimal("19800000.00")
    assert "上年数据未填列" not in "".join(p for s in sections(first) for p in s.paragraphs[:1])


def test_unit_checks_run_only_when_asked_and_name_their_unit() -> None:
    budget = load_sample()
    found = unit_findings(budget)
    assert found and all(f.message.startswith("单位“") for f in found)
    from dataclasses import replace
    off = replace(budget, settings=replace(budget.settings, unit_documents=False))
    assert unit_findings(off) == []
    wrong = replace(budget, procurement=replace(budget.procurement, goods=Decimal("6000")))
    sums = [f for f in unit_findings(wrong) if f.check == "unit-sums"]
    assert len(sums) == 1 and "“晋城市科学技术局”0.50万元" in sums[0].message


def test_a_unit_without_money_of_a_kind_gets_the_empty_table_note() -> None:
    unit = unit_budget(load_sample(), "108002")  # no 机关运行经费, no 上年结转
    empty = {t.number: t for t in build_tables(unit) if t.empty}
    assert sorted(empty) == [7, 8, 9, 10, 11, 13]
    assert all(t.all_notes()[0] == "注：本表无数据" for t in empty.values())
    assert not any(t.empty for t in build_tables(unit_budget(load_sample(), "108001"))
                   if t.number in (11, 13))


def test_file_names() -> None:
    taken: set[str] = set()
    assert file_name('甲:单位/"二"', 2026, ".pdf", taken) == "甲_单位__二_-2026年度单位预算公开.pdf"
    assert file_name('甲:单位/"二"', 2026, ".pdf", taken) == "甲_单位__二_-2026年度单位预算公开（2）.pdf"
    with pytest.raises(UserError):
        unit_budget(load_sample(), "999")


def test_unit_findings_never_say_the_department() -> None:
    """Shared checks word their messages for a department; inside a unit's findings they say 本单位."""
    budget = load_sample()
    found = unit_findings(budget)
    assert any("本单位" in f.message for f in found)  # the 政府采购 hint of the units that buy nothing
    assert not any("本部门" in f.message or "本部门" in f.location.label for f in found)


def test_a_units_assets_are_its_own_and_the_department_is_their_sum() -> None:
    from dataclasses import replace

    from app.core.records import UnitVehicles

    budget = load_sample()
    texts = tuple(replace(t, office_area=Decimal("300"), equipment_50=2) if t.unit == "108001"
                  else replace(t, office_area=Decimal("180")) if t.unit == "108002" else t
                  for t in budget.texts.units)
    cars = (UnitVehicles("108002", "事业单位业务用车", 2, 1),)
    budget = replace(budget, texts=replace(budget.texts, units=texts, unit_vehicles=cars))
    first, second = unit_budget(budget, "108001"), unit_budget(budget, "108002")
    text = {s.key: "".join(s.paragraphs) for s in sections(first)}
    assert "晋城市科学技术局使用的办公用房建筑总面积300平方米" in text["11.2"]
    assert "通用设备2台（套）" in text["11.3"] and "实有0辆" in text["11.1"]
    cars_text = "".join(p for s in sections(second) if s.key == "11.1" for p in s.paragraphs)
    assert "编制2辆，实有1辆" in cars_text and "事业单位业务用车1辆" in cars_text
    sums = {f.location.field: f.message for f in unit_findings(budget) if f.check == "unit-sums"}
    # 480 m² = 300 + 180; the department lists no equipment and no cars: named with unit and figure
    assert "office_area" not in sums
    assert sums["equipment_50"] == (
        "部门的国有资产 单位价值50万元以上通用设备 0台（套），不等于所属单位之和 2台（套）"
        "（“晋城市科学技术局”2台（套））。")
    assert "“晋城市科学技术研究院”1辆" in sums["vehicles.5.actual"]  # 事业单位业务用车
    assert "“晋城市科学技术研究院”2辆" in sums["vehicles.5.quota"]


def test_a_shanghai_units_cars_are_its_own_and_the_department_is_their_sum() -> None:
    """Shanghai counts 车辆 by category: a unit's document prints its own (not 0 for all, nor
    the department's), as of the department's date; the department's count is checked as the
    units' sum, naming the unit."""
    from dataclasses import replace

    from app.core.records import UnitFleet
    from app.profiles.registry import SHANGHAI
    from app.profiles.shanghai.other import assets
    from app.profiles.shanghai.words import UNIT, check_kind

    budget = SHANGHAI.sample()  # the department: 4 其他用车
    fleets = (UnitFleet("101001", "其他用车", 3), UnitFleet("101004", "其他用车", 1, 1))
    budget = replace(budget, texts=replace(budget.texts, unit_fleets=fleets),
                     settings=replace(budget.settings, unit_documents=True))
    first, fourth = unit_budget(budget, "101001"), unit_budget(budget, "101004")
    text = "".join(assets(first, check_kind(UNIT)).paragraphs)
    assert "截至2025年8月31日，上海市普陀区文化和旅游局本部共有车辆3辆" in text and "其他用车3辆" in text
    bought = "".join(assets(fourth, check_kind(UNIT)).paragraphs)
    assert "共有车辆1辆" in bought and "预算安排购置车辆1辆" in bought
    sums = [(f.message, f.location.row, f.location.field) for f in unit_findings(budget)
            if f.check == "unit-sums"]
    assert sums == [("部门的车辆“其他用车”本年购置 0辆，不等于所属单位之和 1辆"
                     "（“上海市普陀区文化馆”1辆）。", 7, "fleet.planned")]
    level = replace(budget, assets=replace(budget.assets, fleet=tuple(
        replace(f, planned=1) if f.kind == "其他用车" else f for f in budget.assets.fleet)))
    assert [f for f in unit_findings(level) if f.check == "unit-sums"] == []


def test_a_shanghai_unit_prints_its_own_three_public_reasons_not_the_departments() -> None:
    from dataclasses import replace

    from app.core.records import UnitReasons
    from app.profiles.registry import SHANGHAI
    from app.profiles.shanghai.other import three_public

    budget = SHANGHAI.sample()
    department = budget.texts.three_public_reasons.abroad
    assert department == "此项经费由区统筹安排"
    mine = (UnitReasons("101004", reception="因文化活动接待增加"),)
    budget = replace(budget, texts=replace(budget.texts, unit_reasons=mine))
    own = "".join(three_public(unit_budget(budget, "101004")).paragraphs)
    assert "主要原因是因文化活动接待增加" in own and department not in own
    other = "".join(three_public(unit_budget(budget, "101001")).paragraphs)
    assert department not in other and "主要原因" not in other  # none given: none printed
    assert three_public(budget).paragraphs[1].endswith(f"主要原因是{department}。")
