"""The PDF options kept in the file (Settings): form order, 主管部门及代码 per form, "附件N："
labels, charts per section, the 部门整体 form's title and official rows."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from app.core.identity import form_option, with_ids
from app.core.money import yuan
from app.core.records import (
    Budget,
    DepartmentForm,
    FormOption,
    Indicator,
    Period,
    Settings,
    Split,
    Task,
)
from app.edits.editing import set_cell, top
from reports.pdf import ordered_targets, write_pdf
from reports.pdf_forms import department_line
from tests.helpers.pdftext import flat_text


def text(budget: Budget, path: Path) -> str:
    write_pdf(budget, path)
    return flat_text(path)


def test_form_order_and_department_line(sample: Budget, tmp_path: Path) -> None:
    usual = ordered_targets(sample)
    last = usual[-1]
    settings = Settings(form_order=(FormOption(last.unit, last.project),),
                        forms=(FormOption(last.unit, last.project, "108001-晋城市科学技术研究院"),))
    budget = replace(sample, settings=settings)
    assert ordered_targets(budget)[0] == last
    assert ordered_targets(budget)[1:] == usual[:-1]
    flat = text(budget, tmp_path / "o.pdf")
    name = re.sub(r"\s", "", last.project)
    assert f"附件1：{name}" in flat
    assert flat.count("108001-晋城市科学技术研究院") == 1
    assert flat.count("108-晋城市科学技术局") == len(sample.targets) - 1


def renamed(budget: Budget, project_id: str, name: str) -> Budget:
    """budget after the step-4 edit renaming the project with this id."""
    row = next(i for i, p in enumerate(budget.projects) if p.id == project_id)
    return set_cell(budget, top("projects"), row, "name", name)


def test_options_follow_the_project_id_through_a_rename(sample: Budget) -> None:
    last = ordered_targets(sample)[-1]
    first = ordered_targets(sample)[0]
    # the id decides: an option naming last's id but first's unit and name is last's
    stale = replace(form_option(first, "108001-晋城市科学技术研究院"), project_id=last.project_id)
    settings = Settings(form_order=(form_option(last),), forms=(stale,))
    budget = replace(sample, settings=settings)
    assert department_line(budget, last) == "108001-晋城市科学技术研究院"
    assert department_line(budget, first) == "108-晋城市科学技术局"
    after = renamed(budget, last.project_id, "改名后的项目")
    form = ordered_targets(after)[0]
    assert (form.project_id, form.project) == (last.project_id, "改名后的项目")
    assert department_line(after, form) == "108001-晋城市科学技术研究院"
    # the options' copies of unit and name follow the project
    assert after.settings.forms[0].project == after.settings.form_order[0].project == "改名后的项目"


def test_options_of_an_old_file_match_by_name_and_get_the_id(sample: Budget) -> None:
    last = ordered_targets(sample)[-1]
    old = Settings(form_order=(FormOption(last.unit, last.project),),
                   forms=(FormOption(last.unit, last.project, "108001-晋城市科学技术研究院"),))
    budget = replace(sample, settings=old)
    assert ordered_targets(budget)[0] == last
    assert department_line(budget, last) == "108001-晋城市科学技术研究院"
    # opened for editing, the options get the project's id and so survive a rename
    linked = with_ids(budget)
    assert [o.project_id for o in linked.settings.forms + linked.settings.form_order] == [
        last.project_id, last.project_id]
    after = renamed(linked, last.project_id, "改名后的项目")
    assert ordered_targets(after)[0].project == "改名后的项目"
    assert department_line(after, ordered_targets(after)[0]) == "108001-晋城市科学技术研究院"
    # an option of no form (its project deleted) is kept as it is and matches nothing
    gone = replace(sample, settings=Settings(forms=(FormOption("9", "没有的项目", "X"),)))
    assert with_ids(gone).settings == gone.settings
    assert all(department_line(gone, t) == "108-晋城市科学技术局" for t in sample.targets)


def test_forms_without_labels(sample: Budget, tmp_path: Path) -> None:
    flat = text(replace(sample, settings=Settings(form_labels=False)), tmp_path / "n.pdf")
    assert "附件1：" not in flat
    assert flat.count(sample.texts.form_title) == len(sample.targets)


def test_charts_per_section(sample: Budget, tmp_path: Path) -> None:
    flat = text(replace(sample, settings=Settings(charts=True, chart_sections=("3",))), tmp_path / "c.pdf")
    assert "图1基本支出与项目支出" in flat
    assert "收入预算构成（合计" not in flat and "图2" not in flat


def test_department_form_official(sample: Budget, tmp_path: Path) -> None:
    form = DepartmentForm(
        divisions=6, units=3, staff_quota=40, staff_actual=38, staff_in_quota=35, staff_other=3,
        duties="负责全市科技创新工作。", strategy="建设创新型城市。",
        budget=Split(general=yuan("35625600")), basic=yuan("11748000"), projects=yuan("23877600"),
        tasks=(Task("科技创新", "实施重点研发计划"),), goal="完成年度重点任务。",
        indicators=(Indicator(Period.ANNUAL, "产出指标", "数量指标", "重点研发项目数", "≥40项"),))
    settings = Settings(department_form_title="晋城市市级部门整体支出绩效目标表",
                        department_form_official=True)
    flat = text(replace(sample, department_form=form, settings=settings), tmp_path / "d.pdf")
    assert "晋城市市级部门整体支出绩效目标表" in flat and "部门整体支出绩效目标申报表" not in flat
    assert "社会保险基金预算资金" in flat and "40人" in flat and "38人" in flat


def test_department_line_without_a_code_is_the_name_alone(sample: Budget) -> None:
    """A department whose code is not yet entered (as after a table import) printed
    "-晋城市科学技术局" as every form's 主管部门及代码: a lone dash before the name."""
    form = sample.targets[0]
    nameless = replace(sample, department=replace(sample.department, code=" "))
    assert department_line(nameless, form) == sample.department.name
    assert department_line(sample, form) == f"{sample.department.code}-{sample.department.name}"
