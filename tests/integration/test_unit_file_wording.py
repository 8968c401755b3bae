"""A 单位 file (单位预算公开) says 单位 where a department's says 部门: its 单位整体 form's title and
labels in the PDF, the checks' words about that form, and the field names of its templates kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.checks.department import check_department_form
from app.compute.unitdoc import unit_budget
from app.compute.wording import unit_words
from app.core.records import Budget, DepartmentForm
from app.imports.tables.defaults import department_money
from app.profiles.shanxi.sample import load_sample
from reports.pdf import write_pdf
from tests.helpers.pdftext import flat_text

DEPARTMENT_WORDS = ("部门整体", "部门名称", "部门基本信息", "部门职责", "部门战略目标")


def with_form(budget: Budget) -> Budget:
    form = DepartmentForm(duties="负责科技研究。", strategy="创新驱动。", goal="完成课题。",
                          divisions=3, units=1)
    reported = replace(budget, performance=replace(budget.performance, overall_reported=True),
                       department_form=form)
    return department_money(reported)


def test_a_unit_files_form_is_the_units_and_the_departments_stays_the_departments(
        tmp_path: Path) -> None:
    sample = load_sample()
    unit = with_form(unit_budget(sample, sample.units[1].code))
    write_pdf(unit, tmp_path / "unit.pdf", draft=True)
    text = flat_text(tmp_path / "unit.pdf")
    for words in ("附件：单位整体支出绩效目标申报表", "单位基本信息", "单位职责负责科技研究",
                  "单位战略目标创新驱动"):
        assert words in text, words
    assert not [w for w in DEPARTMENT_WORDS if w in text]
    department = with_form(sample)
    write_pdf(department, tmp_path / "department.pdf", draft=True)
    text = flat_text(tmp_path / "department.pdf")
    assert "附件：部门整体支出绩效目标申报表" in text and "部门战略目标创新驱动" in text


def test_the_checks_name_the_units_form_in_a_unit_file() -> None:
    sample = load_sample()
    unit = with_form(unit_budget(sample, sample.units[1].code))
    found = check_department_form(replace(unit, department_form=replace(
        unit.department_form, strategy="", tasks=())))  # type: ignore[arg-type]
    messages = [f.message for f in found]
    assert "单位整体绩效目标表未填写单位战略目标。" in messages
    assert "单位整体绩效目标表没有年度重点任务。" in messages
    assert all("部门整体" not in f.message and "部门整体" not in f.location.label for f in found)
    department = check_department_form(replace(sample, department_form=unit.department_form))
    assert any(f.message.startswith("部门整体绩效目标表") for f in department)


def test_unit_words_keep_the_names_of_fields() -> None:
    template = "{?编报部门整体绩效目标}本部门编报部门整体支出绩效目标，{部门名称}的部门预算。"
    assert unit_words(template) == (
        "{?编报部门整体绩效目标}本单位编报单位整体支出绩效目标，{部门名称}的单位预算。")
