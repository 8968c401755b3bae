"""The data workbook of each template: a Shanghai file's every fact, the PDF options, old workbooks."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from app.core.identity import with_ids
from app.core.records import Budget, CostKind, FormOption, Settings
from app.imports.workbook import read_data
from app.profiles.registry import SHANGHAI
from reports.excel_data import data_workbook, save, template
from reports.xlsxwrite import save_book
from tests.helpers.workbooks import data_book, round_trip


def assert_same(got: Budget, want: Budget) -> None:
    for f in dataclasses.fields(Budget):  # a readable failure names the part that differs
        assert getattr(got, f.name) == getattr(want, f.name), f.name
    assert got == want


def test_shanghai_sample_round_trips(tmp_path: Path) -> None:
    sample = with_ids(SHANGHAI.sample())
    # the facts only Shanghai has are there to lose
    assert sample.texts.function_uses and sample.texts.project_notes and sample.assets.fleet
    assert sample.procurement.sme_reserved and sample.last_year.fiscal is not None
    assert sample.department.region and sample.assets.as_of
    assert any(e.cost == CostKind.PUBLIC for e in sample.basic_economic)
    got = round_trip(sample, tmp_path / "sh.xlsx")
    assert_same(got, sample)
    assert got.settings.profile == "shanghai"


def test_shanghai_units_cars_round_trip(tmp_path: Path) -> None:
    from app.core.records import UnitFleet, UnitReasons

    sample = with_ids(SHANGHAI.sample())
    fleets = (UnitFleet("101001", "其他用车", 3), UnitFleet("101004", "其他用车", 1, 1))
    reasons = (UnitReasons("101004", reception="因文化活动接待增加", total="接待增加"),)
    budget = replace(sample, texts=replace(sample.texts, unit_fleets=fleets, unit_reasons=reasons))
    path = tmp_path / "sh.xlsx"
    assert_same(round_trip(budget, path), budget)
    sheet = openpyxl.load_workbook(path)["单位车辆"]
    assert [c.value for c in sheet[1]] == ["单位", "车辆类别", "共有（辆）", "本年购置（辆）"]
    assert sheet["A2"].value == "上海市普陀区文化和旅游局本部"  # the unit by its name, as typed


def test_shanghai_workbook_shows_its_sheets(tmp_path: Path) -> None:
    path = tmp_path / "sh.xlsx"
    sample = SHANGHAI.sample()
    save(data_workbook(sample), path)
    book = openpyxl.load_workbook(path)
    notes = book["项目经费情况说明"]
    assert [c.value for c in notes[1]] == ["项目名称", "小标题", "内容"]
    first = sample.texts.project_notes[0]
    assert [notes["A2"].value, notes["B2"].value] == [first.project, first.parts[0].heading]
    assert notes["A3"].value == first.project  # each part repeats its project
    uses = book["主要用于"]
    assert uses["A2"].value.startswith(sample.texts.function_uses[0].function + " ")
    labels = [r[0].value for r in book["部门"].iter_rows(min_row=2)]
    assert "所属地区" in labels and "公开模板" in labels
    assert book["部门"].cell(labels.index("公开模板") + 2, 2).value == "shanghai"


def test_pdf_options_round_trip(sample: Budget, tmp_path: Path) -> None:
    unit, project = sample.targets[1].unit, sample.targets[1].project
    options = replace(sample.settings, charts=True, chart_sections=("2", "7"), form_labels=False,
                      form_order=(FormOption(unit, project),),
                      forms=(FormOption(unit, project, "108001-某某单位"),),
                      department_form_title="2026年部门整体绩效目标表",
                      department_form_official=True, reason_threshold=Decimal("5"),
                      backups_kept=7, guesses=("projects/3/kind",))
    from app.core.identity import with_ids

    budget = with_ids(replace(sample, settings=options))  # the options name their project's id
    assert budget.settings.form_order[0].project_id
    path = tmp_path / "o.xlsx"
    got = round_trip(budget, path)
    assert got.settings == budget.settings
    assert got == budget
    book = openpyxl.load_workbook(path)
    order = book["绩效目标表顺序"]
    assert [order["A2"].value, order["B2"].value] == [sample.unit(unit).name, project]  # type: ignore[union-attr]
    pdf = {r[0].value: r[1].value for r in book["PDF选项"].iter_rows(min_row=2)}
    assert pdf["绘制图表的段落"] == "2\n7"
    assert pdf["绩效目标表前加“附件N：”"] == "否"


def test_workbook_from_before_the_new_sheets_still_reads(sample: Budget, tmp_path: Path) -> None:
    """A workbook written before the PDF options, the profile rows and the 经费类型 column."""
    path = tmp_path / "old.xlsx"
    book = data_book(sample)  # as openpyxl opens the exported workbook
    for name in ("PDF选项", "绩效目标表顺序", "绩效目标表主管部门"):
        del book[name]
    ws = book["部门"]
    for row in range(ws.max_row, 1, -1):
        if ws.cell(row, 1).value in ("公开模板", "文件类型", "编报绩效目标的项目数",
                                      "编报绩效目标的项目金额（元）", "导入时推测的位置"):
            ws.delete_rows(row)
    economic = book["基本支出（经济分类）"]
    assert economic.cell(1, 6).value == "经费类型"
    economic.delete_cols(6)
    save_book(book, path)
    got, problems = read_data(path)
    assert problems == []
    assert got == sample


def template_cell(budget: Budget, path: Path) -> tuple[Any, Any, int]:
    """The exported workbook (as openpyxl opens it), its 部门 sheet and the row of its 公开模板."""
    book = data_book(budget)
    ws = book["部门"]
    return book, ws, next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "公开模板")


def test_unknown_template_is_named_at_its_cell(sample: Budget, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    book, ws, row = template_cell(sample, path)
    ws.cell(row, 2).value = "beijing"
    save_book(book, path)
    got, problems = read_data(path)
    assert got is None
    assert [(p.sheet, p.cell) for p in problems] == [("部门", f"B{row}")]
    assert "没有模板“beijing”" in problems[0].message and "shanghai" in problems[0].message


def test_template_by_name_and_blank_reads_as_default(sample: Budget, tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    book, ws, row = template_cell(sample, path)
    ws.cell(row, 2).value = "上海市（9张表）"
    save_book(book, path)
    got, _ = read_data(path)
    assert got is not None and got.settings.profile == "shanghai"
    ws.cell(row, 2).value = None
    save_book(book, path)
    got, _ = read_data(path)
    assert got is not None and got.settings == sample.settings
    assert got.settings.profile == Settings().profile == "shanxi"


def test_shanghai_template_has_its_sheets_and_reads_as_shanghai(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    save(template(2026, "shanghai"), path)
    book = openpyxl.load_workbook(path)
    assert {"车辆（按类别）", "主要用于", "项目经费情况说明", "PDF选项"} <= set(book.sheetnames)
    shanxi = tmp_path / "t2.xlsx"
    save(template(2026), shanxi)
    assert "主要用于" not in openpyxl.load_workbook(shanxi).sheetnames
    book["部门"]["B2"], book["部门"]["B3"] = "测试局", "901"
    book["单位"].append(["901001", "测试局本级", "行政"])
    book["主要用于"].append(["2070101", "维持机关日常运转"])
    book["项目经费情况说明"].append(["示范项目", "项目概述", "一段说明"])
    book["项目经费情况说明"].append(["示范项目", "立项依据", "另一段"])
    book.save(path)
    got, problems = read_data(path)
    assert problems == []
    assert got is not None
    assert got.settings.profile == "shanghai"
    assert got.texts.function_uses[0].use == "维持机关日常运转"
    assert [p.heading for p in got.texts.project_notes[0].parts] == ["项目概述", "立项依据"]


def test_shanghai_facts_the_sample_leaves_empty_round_trip_too(tmp_path: Path) -> None:
    from app.core.records import IncomeKinds, NotePart, ProjectNote

    sample = with_ids(SHANGHAI.sample())
    notes = (*sample.texts.project_notes,
             ProjectNote("第二个项目", (NotePart("项目概述", "第一段\n第二段"), NotePart("绩效目标", ""))))
    budget = replace(
        sample,
        income=replace(sample.income, kinds=IncomeKinds(Decimal("1200.50"), Decimal("300.00"))),
        assets=replace(sample.assets, equipment_100_planned=2),
        texts=replace(sample.texts, project_notes=notes),
        settings=replace(sample.settings, kind="单位", chart_sections=("3",)))
    got = round_trip(budget, tmp_path / "more.xlsx")
    assert_same(got, budget)
    assert got.texts.project_notes[-1].parts[0].text == "第一段\n第二段"


def test_a_shanxi_file_with_shanghai_facts_keeps_them(sample: Budget, tmp_path: Path) -> None:
    """A fact of the other template's sheets is written when the file holds one (never lost)."""
    from app.core.records import FunctionUse

    budget = replace(sample, texts=replace(sample.texts, function_uses=(
        FunctionUse("2060101", "机关日常运转"),)), assets=replace(sample.assets, as_of="2025年9月30日"))
    path = tmp_path / "mixed.xlsx"
    got = round_trip(budget, path)
    assert got == budget
    book = openpyxl.load_workbook(path)
    assert "主要用于" in book.sheetnames and "项目经费情况说明" not in book.sheetnames
    labels = [r[0].value for r in book["国有资产"].iter_rows(min_row=2)]
    assert "统计截止日期" in labels and "本年拟购置单价100万元以上设备（台/套）" not in labels
