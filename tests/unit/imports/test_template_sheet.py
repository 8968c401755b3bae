"""The data workbook's 文字模板 sheet: written by export, read by import, blank meaning the default."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl

from app.core.records import Budget, SectionTemplate
from app.imports.workbook import read_data
from app.profiles.shanxi.narrative import sections
from reports.excel_data import data_workbook, save
from reports.xlsxwrite import save_book
from tests.helpers.workbooks import data_book

TEMPLATES = (SectionTemplate("五（二）", "一般公共预算当年支出{一般公共预算当年支出}，具体为：{一般公共预算"
                                         ".按类}。"),
             SectionTemplate("七", "本部门{年度}年“三公”经费{三公}，{三公.比上年:比{上年}年}[，{三公.原因}]"
                                   "。\n"
                                   "其中：公务用车运行维护费{三公.公务用车运行维护费}。{{注}}"))


def test_templates_round_trip(sample: Budget, tmp_path: Path) -> None:
    budget = replace(sample, texts=replace(sample.texts, templates=TEMPLATES))
    path = tmp_path / "d.xlsx"
    save(data_workbook(budget), path)
    sheet = openpyxl.load_workbook(path)["文字模板"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert rows == [(t.section, t.template) for t in TEMPLATES]
    got, problems = read_data(path)
    assert problems == [] and got is not None
    assert got.texts.templates == TEMPLATES
    assert got == budget


def test_a_blank_template_in_the_sheet_prints_the_default(sample: Budget, tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    book = data_book(sample)  # as openpyxl opens the exported workbook
    book["文字模板"].append(["九", None])
    save_book(book, path)
    got, problems = read_data(path)
    assert problems == [] and got is not None
    assert [s.paragraphs for s in sections(got)] == [s.paragraphs for s in sections(sample)]
