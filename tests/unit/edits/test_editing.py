"""The pure edits behind the forms: cells, rows, paste, sort, money typed in 元 or 万元."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import declarations
from app.core.catalog import catalog_for
from app.core.fields import Context
from app.core.indicators import copy_to_annual, hint
from app.core.records import (
    Budget,
    Department,
    Indicator,
    Period,
    Project,
    ProjectKind,
    Source,
    Unit,
    UnitKind,
)
from app.edits.carryover import carry_over
from app.edits.editing import (
    WAN_YUAN,
    YUAN,
    EditError,
    delete_rows,
    indicators,
    insert_rows,
    money_text,
    parse,
    parse_money,
    paste,
    set_cell,
    set_single,
    sort_rows,
    split_block,
    top,
)
from app.edits.steps import STEPS, State, state, status


def small() -> Budget:
    return Budget(Department("测试局", "901", 2026),
                  units=(Unit("901001", "测试局", UnitKind.ADMIN),))


def test_money_typed_in_wan_keeps_every_fen() -> None:
    assert parse_money("12.3456", "金额", WAN_YUAN) == Decimal("123456.00")
    assert parse_money("1,234.5", "金额", YUAN) == Decimal("1234.50")
    assert parse_money("3万元", "金额", YUAN) == Decimal("30000.00")
    assert parse_money("￥1,234.00", "金额", YUAN) == Decimal("1234.00")  # as documents write
    assert parse_money("¥12.5万", "金额", YUAN) == Decimal("125000.00")  # it (pasted, imported)
    with pytest.raises(EditError, match="第2行 金额"):
        parse_money("1.001", "第2行 金额", YUAN)
    with pytest.raises(EditError, match="不是金额"):
        parse_money("abc", "金额")
    # commas are thousands separators only where they group by three (typed, pasted or imported)
    assert parse_money("1，234，567.8元", "金额", YUAN) == Decimal("1234567.80")
    for slip in ("1,2345", "1234,56", "12,34.5万元"):
        with pytest.raises(EditError, match="千分位逗号位置不对"):
            parse_money(slip, "金额", YUAN)


@given(st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from([YUAN, WAN_YUAN]))
def test_edit_text_reads_back_exactly(amount: Decimal, unit: str) -> None:
    assert parse_money(money_text(amount, unit, edit=True), "金额", unit) == amount


def test_choice_fields_name_the_choices() -> None:
    assert parse("单位资金", Source, "来源") is Source.UNIT
    with pytest.raises(EditError, match="一般公共预算"):
        parse("财政", Source, "第1行 资金来源")


def test_set_cell_on_nested_money_and_renaming_moves_the_target_form(sample: Budget) -> None:
    projects = top("projects")
    first = sample.projects[0]
    assert sample.target(first.unit, first.name) is not None
    budget = set_cell(sample, projects, 0, "amounts.general", Decimal("1.00"))
    assert budget.projects[0].amounts.general == Decimal("1.00")
    budget = set_cell(budget, projects, 0, "name", "改名后的项目")
    assert budget.target(first.unit, first.name) is None
    assert budget.target(first.unit, "改名后的项目") is not None
    assert len(budget.targets) == len(sample.targets)


def test_delete_project_takes_its_form_and_insert_puts_rows_back(sample: Budget) -> None:
    projects = top("projects")
    budget = delete_rows(sample, projects, [0, 1])
    assert len(budget.projects) == len(sample.projects) - 2
    assert len(budget.targets) == len(sample.targets) - 2
    again = insert_rows(budget, projects, 0, sample.projects[:2])
    assert again.projects == sample.projects


def test_paste_block_from_excel_adds_rows_and_reports_every_bad_cell() -> None:
    budget = small()
    text = "科研项目A\t2060199\t其他运转类\t1,000\n科研项目B\t2060199\t错的\tx\n"
    block = split_block(text)
    after, errors = paste(budget, top("projects"), 0, declarations.PROJECTS[1:], block,
                          Context(catalog_for(budget)))
    assert [p.name for p in after.projects] == ["科研项目A", "科研项目B"]
    assert after.projects[0].amounts.general == Decimal("1000.00")
    assert len(errors) == 2
    assert errors[0].startswith("第2行 项目类别") and errors[1].startswith("第2行 本年一般公共预算")


def test_sort_and_singles() -> None:
    budget = small()
    rows = [Project("901001", n, "2060199", ProjectKind.TARGETED) for n in ("乙", "甲", "丙")]
    budget = insert_rows(budget, top("projects"), 0, rows)
    ordered = sort_rows(budget, top("projects"), key=lambda p: p.name)
    assert [p.name for p in ordered.projects] == sorted(["乙", "甲", "丙"])
    budget = set_single(budget, "income.this_year.general", Decimal("5.00"))
    assert budget.income.this_year.general == Decimal("5.00")


def test_indicators_by_period_create_the_form_and_copy_to_annual() -> None:
    budget = insert_rows(small(), top("projects"), 0,
                         [Project("901001", "项目", "2060199", ProjectKind.TARGETED)])
    coll = indicators(budget.projects[0].id, Period.IMPLEMENTATION)
    budget = insert_rows(budget, coll, 0, [Indicator(Period.ANNUAL, "产出指标", "数量指标", "场次", "≥3场")])
    form = budget.target("901001", "项目")
    assert form is not None and form.indicators[0].period == Period.IMPLEMENTATION
    copied = copy_to_annual(form.indicators)
    assert [i.period for i in copied] == [Period.IMPLEMENTATION, Period.ANNUAL]
    assert hint(Indicator(Period.ANNUAL, "效益指标", "社会效益指标", "满意", "较好")).startswith("未量化")
    assert hint(copied[1]) == ""


def test_status_and_states_of_a_new_file(sample: Budget) -> None:
    budget = small()
    figures = status(budget)
    assert figures.income == 0 and not figures.unallocated
    assert state(budget, STEPS[2], []) == State.EMPTY
    budget = set_single(budget, "income.this_year.general", Decimal("100.00"))
    assert status(budget).unallocated == {Source.GENERAL: Decimal("100.00")}
    assert not status(sample).unallocated
    assert status(sample).income == status(sample).spending


def test_carry_over_keeps_units_texts_projects_and_takes_last_years_figures(sample: Budget) -> None:
    budget = carry_over(sample)
    assert budget.department.year == sample.department.year + 1
    assert budget.units == sample.units
    assert budget.texts.duties == sample.texts.duties and budget.texts.reason_total == ""
    assert budget.last_year.total == status(sample).income
    assert all(p.amounts.total == 0 for p in budget.projects)
    assert all(budget.target(p.unit, p.name) for p in budget.projects)


def test_carry_over_says_why_each_project_stays_behind_and_can_keep_it(sample: Budget) -> None:
    from app.edits.carryover import dropped, ending

    reasons = dict(dropped(sample))
    assert reasons, "the sample has projects that end in 2026"
    for index, why in reasons.items():
        project = sample.projects[index]
        form = sample.target(project.unit, project.name)
        if form is None:
            assert why == "没有绩效目标表，无法判断是否延续"
        elif "一次性" in form.attribute:
            assert "一次性" in why
        else:
            assert why.startswith(f"项目期“{form.period}”到") and why.endswith("年结束")
    kept = carry_over(sample)
    assert {p.name for p in kept.projects} == {
        p.name for i, p in enumerate(sample.projects) if i not in reasons}
    first = min(reasons)
    more = carry_over(sample, also={first})
    assert len(more.projects) == len(kept.projects) + 1
    assert ending(sample.projects[first], sample) == reasons[first]


def test_carry_over_keeps_the_wording_templates(sample: Budget) -> None:
    from dataclasses import replace

    from app.core.records import SectionTemplate

    templates = (SectionTemplate("七", "本部门{年度}年“三公”经费{三公}，{三公.比上年:比{上年}年}。"),)
    budget = carry_over(replace(sample, texts=replace(sample.texts, templates=templates)))
    assert budget.texts.templates == templates
