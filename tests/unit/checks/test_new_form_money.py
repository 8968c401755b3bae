"""A new target form starts with its project's money, so the check of the form's money passes
untouched; while never typed over, the form's money follows the project's amounts."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from app.checks.balance import check_target_funds
from app.core.identity import followed, new_form, own_level
from app.core.records import Budget, Department, FormFunds, Split


def without_forms(sample: Budget) -> Budget:
    return replace(sample, targets=())


def test_a_new_form_has_its_projects_money_and_passes_the_money_check(sample: Budget) -> None:
    budget = without_forms(sample)
    project = replace(budget.projects[0], amounts=Split(general=Decimal("250000.00"),
                                                        special=Decimal("1000.00"),
                                                        unit=Decimal("3000.50")))
    budget = replace(budget, projects=(project, *budget.projects[1:]))
    form = new_form(project, budget.department)
    assert form.annual == form.implementation == FormFunds(local=Decimal("251000.00"),
                                                           self_raised=Decimal("3000.50"))
    assert form.annual.total == project.amounts.total
    with_form = replace(budget, targets=(form,))
    assert check_target_funds(with_form) == []  # neither the error nor the 单位自筹 hint


def test_every_sample_project_gets_a_form_the_check_accepts(sample: Budget) -> None:
    budget = without_forms(sample)
    budget = replace(budget, targets=tuple(new_form(p, budget.department) for p in budget.projects))
    assert check_target_funds(budget) == []


def test_the_level_is_the_departments() -> None:
    assert own_level(Department("晋城市科学技术局", "108", 2026)) == "local"
    assert own_level(Department("山西省科学技术厅", "108", 2026)) == "province"
    assert own_level(Department("山西省晋城市科学技术局", "108", 2026)) == "local"
    assert own_level(Department("上海市普陀区文化旅游局", "1", 2026, "上海市普陀区", "区级")) == "local"
    assert own_level(Department("某厅", "1", 2026, tier="省级")) == "province"
    assert own_level(None) == "local"


def edited(budget: Budget, index: int, amounts: Split) -> Budget:
    projects = list(budget.projects)
    projects[index] = replace(projects[index], amounts=amounts)
    return replace(budget, projects=tuple(projects))


def test_an_untouched_form_follows_its_projects_amounts(sample: Budget) -> None:
    budget = without_forms(sample)
    project = budget.projects[0]
    budget = replace(budget, targets=(new_form(project, budget.department),))
    after = followed(budget, edited(budget, 0, Split(general=Decimal("300000.00"))))
    form = after.targets[0]
    assert form.annual == form.implementation == FormFunds(local=Decimal("300000.00"))
    assert check_target_funds(after) == []


def test_money_typed_over_stays(sample: Budget) -> None:
    budget = without_forms(sample)
    project = budget.projects[0]
    typed = FormFunds(central=Decimal("100000"), local=Decimal("150000"))
    several_years = FormFunds(local=Decimal("900000"))
    form = replace(new_form(project, budget.department), annual=typed,
                   implementation=several_years)
    budget = replace(budget, targets=(form,))
    after = followed(budget, edited(budget, 0, Split(general=Decimal("300000.00"))))
    assert after.targets[0] == form  # the user's split is kept; the check then tells the gap
    assert [f.check for f in check_target_funds(after)] == ["target-funds"]


def test_a_typed_multi_year_total_stays_while_the_year_follows(sample: Budget) -> None:
    budget = without_forms(sample)
    project = budget.projects[0]
    form = replace(new_form(project, budget.department),
                   implementation=FormFunds(local=Decimal("900000")))
    budget = replace(budget, targets=(form,))
    after = followed(budget, edited(budget, 0, Split(general=Decimal("300000.00"))))
    assert after.targets[0].annual == FormFunds(local=Decimal("300000.00"))
    assert after.targets[0].implementation == FormFunds(local=Decimal("900000"))


def test_a_carried_form_with_blank_money_follows_the_amounts_typed(sample: Budget) -> None:
    """从上年文件新建 leaves this year's money to enter: project 0, form blank; typing the
    project's amounts fills the form's 年度 money."""
    budget = without_forms(sample)
    project = replace(budget.projects[0], amounts=Split())
    form = replace(new_form(project), annual=FormFunds(),
                   implementation=FormFunds(local=Decimal("900000")))
    budget = replace(budget, projects=(project, *budget.projects[1:]), targets=(form,))
    after = followed(budget, edited(budget, 0, Split(general=Decimal("250000.00"))))
    assert after.targets[0].annual == FormFunds(local=Decimal("250000.00"))
    assert after.targets[0].implementation == FormFunds(local=Decimal("900000"))


def test_a_form_made_by_an_edit_takes_the_departments_level(sample: Budget) -> None:
    budget = replace(without_forms(sample),
                     department=Department("山西省科学技术厅", "108", 2026))
    project = budget.projects[0]
    made = replace(budget, targets=(new_form(project),))  # as an edit without the department
    after = followed(budget, made)
    assert after.targets[0].annual == FormFunds(province=project.amounts.total - project.amounts.unit
                                                or None, self_raised=project.amounts.unit or None)


def test_nothing_to_follow_is_the_same_budget(sample: Budget) -> None:
    edit = replace(sample, texts=sample.texts)
    assert followed(sample, edit) is edit
