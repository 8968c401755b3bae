"""Choices and codes written as officers write them are read when they can mean one thing only: 行政单位,
特定目标, 一般公共预算拨款, 参照公务员法管理 (the data workbook refused each as 不是可选的值)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.core.fields import Choice, Context, FieldError, of_enum
from app.core.records import Budget, Period, ProjectKind, Source, UnitKind
from app.imports.workbook import read_data
from reports.excel_data import data_workbook, save
from reports.xlsxwrite import save_book


@pytest.mark.parametrize(("kind", "text", "meant"), [
    (UnitKind, "行政单位", UnitKind("行政")), (UnitKind, "事业单位", UnitKind("事业")),
    (UnitKind, "参照公务员法管理", UnitKind("参公")), (ProjectKind, "特定目标", ProjectKind("特定目标类")),
    (ProjectKind, " 其他运转 ", ProjectKind("其他运转类")), (Source, "一般公共预算拨款", Source.GENERAL),
    (Source, "政府性基金", Source.FUND), (Source, "国有资本经营预算收入", Source.CAPITAL),
    (Period, "实施期目标", Period("实施期")), (Period, "年度目标", Period("年度")),
])
def test_a_choice_is_read_as_it_is_written(kind: type, text: str, meant: object) -> None:
    assert of_enum(kind).parse(text, Context()) == meant


def test_a_word_that_could_mean_two_options_is_refused() -> None:
    both = Choice((("事业", 1), ("事业单位", 2), ("行政", 3)))
    assert both.parse("事业单位", Context()) == 2  # the option itself first
    with pytest.raises(FieldError, match="不是可选的值"):
        Choice((("事业类", 1), ("事业单位", 2))).parse("事业", Context())
    with pytest.raises(FieldError, match="不是可选的值，应为：行政、参公、事业"):
        of_enum(UnitKind).parse("单位", Context())


def test_the_data_workbook_reads_them(sample: Budget, tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    save(data_workbook(sample), path)
    book = openpyxl.load_workbook(path)
    book["单位"]["C2"], book["单位"]["C3"] = "行政单位", "事业单位"
    book["项目"]["D2"] = "特定目标"
    book["基本支出（功能分类）"]["C2"] = "一般公共预算拨款"
    save_book(book, path)
    got, problems = read_data(path)
    assert problems == [] and got == sample


@pytest.mark.parametrize(("text", "code"), [
    ("2060199", "2060199"), ("2060199 其他科学技术管理事务支出", "2060199"),
    ("2060199其他科学技术管理事务支出", "2060199"), ("206 01 99", "2060199"),
    ("其他科学技术管理事务支出", "2060199"), ("2060199 2026年新增", "2060199"),
])
def test_a_function_code_is_read_as_it_is_written(text: str, code: str) -> None:
    from app.core.catalog import load_catalog
    from app.core.fields import Code

    assert Code().parse(text, Context(catalog=load_catalog(2026))) == code


def test_a_name_several_codes_share_asks_for_the_code() -> None:
    from app.core.catalog import load_catalog
    from app.core.fields import Code

    with pytest.raises(FieldError, match=r"“行政运行”是 \d+ 个功能分类科目的名称（2\d{6}、"):
        Code().parse("行政运行", Context(catalog=load_catalog(2026)))
    with pytest.raises(FieldError, match="不是功能分类科目编码"):
        Code().parse("没有这个科目", Context(catalog=load_catalog(2026)))


def test_a_unit_is_found_however_its_brackets_and_spaces_were_typed() -> None:
    from app.core.fields import UnitRef

    ctx = Context(units={"晋城市科学技术局（本级）": "108001", "108001": "108001",
                         "晋城市科学技术研究院": "108002", "108002": "108002"})
    assert UnitRef().parse("晋城市科学技术局(本级)", ctx) == "108001"
    assert UnitRef().parse("晋城市 科学技术研究院", ctx) == "108002"
    with pytest.raises(FieldError, match="不在“单位”表中"):
        UnitRef().parse("晋城市科学技术局", ctx)


def test_a_target_form_finds_its_project_however_its_quotes_were_typed(
        sample: Budget, tmp_path: Path) -> None:
    """One form's project name typed with ASCII quotes ("十五五") was 19 problems: the form's
    row and each of its indicators' rows."""
    path = tmp_path / "d.xlsx"
    save(data_workbook(sample), path)
    book = openpyxl.load_workbook(path)
    cell = book["绩效目标"]["B2"]
    assert "“" in str(cell.value)
    cell.value = str(cell.value).replace("“", '"').replace("”", '"')
    indicator = book["绩效指标"]["B2"]
    indicator.value = str(indicator.value).replace("“", " “")
    save_book(book, path)
    got, problems = read_data(path)
    assert problems == [] and got == sample
