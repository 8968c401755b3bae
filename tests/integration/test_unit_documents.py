"""`pdf --units`, `export --units`, `tables --unit`: each unit's document read back (issue 19)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.compute.unitdoc import unit_budgets
from app.inspect import readback
from app.inspect.pdfread import read
from app.profiles.shanxi.narrative import sections
from app.profiles.shanxi.sample import load_sample
from app.profiles.shanxi.tables import build_tables
from app.store import storage
from tests.helpers.unit_pdfs import copy_of, unit_pdfs


@pytest.fixture()
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "s.budget"
    storage.replace_file(load_sample(), path)
    return path


def test_each_units_pdf_holds_its_tables_and_text(tmp_path: Path,
                                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    # the sample's file and its units' PDFs written once per test run into a folder not there
    # before (tests/helpers/unit_pdfs.py: shared read-only)
    sample_file, written = unit_pdfs(tmp_path_factory)
    budget = load_sample()
    units = unit_budgets(budget)
    assert sorted(p.name for p in written.iterdir()) == sorted(
        f"{u.department.name}-2026年度单位预算公开.pdf" for u in units)
    for unit in units:
        pdf = written / f"{unit.department.name}-2026年度单位预算公开.pdf"
        paragraphs = [p for s in sections(unit) for p in s.paragraphs]
        document = read(pdf)  # read once: the read-back and the text below
        assert readback.check(document, build_tables(unit), paragraphs) == []
        text = "\n".join(line for page in document.pages for line in page.lines)
        assert "本部门" not in text and "2026年度单位预算公开" in text
        others = {p.name for p in budget.projects if p.unit != unit.department.code} - {
            p.name for p in unit.projects}
        assert not any(name in text for name in others)
    out = copy_of(written, tmp_path / "units")  # the second run writes over a copy
    first = out / f"{units[0].department.name}-2026年度单位预算公开.pdf"
    before = first.stat().st_mtime_ns
    assert main(["pdf", str(sample_file), "--units", "-o", str(out)]) == 0  # replaced, not numbered
    assert len(list(out.iterdir())) == 3 and first.stat().st_mtime_ns >= before


def test_export_units_and_tables_unit(sample_file: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x"
    assert main(["export", str(sample_file), "--units", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out / "晋城市科学技术研究院-2026年度单位预算公开.xlsx")
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any("单位名称：晋城市科学技术研究院" in c for c in cells)
    capsys.readouterr()
    assert main(["tables", str(sample_file), "--unit", "晋城市科学技术发展中心", "--table", "12"]) == 0
    printed = capsys.readouterr().out
    assert "单位名称：晋城市科学技术发展中心" in printed and "人才专项资金" in printed
    assert "科技综合专项业务费" not in printed
    assert main(["tables", str(sample_file), "--unit", "nobody"]) == 2
    assert main(["check", str(sample_file)]) == 0
    assert "单位“晋城市科学技术局”" in capsys.readouterr().out


def test_units_pdfs_are_refused_on_their_own_errors_when_the_file_does_not_publish_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a file whose 部门 sheet says 同时公开各单位的单位预算 = 否 (the workbook's default) and whose
    # units have no 职责: `pdf --units` asks for their documents all the same, so their 错误
    # refuse them, as `pdf` is refused on the department's (they were written, 职责 "（未填写）")
    from dataclasses import replace

    from app.profiles.shanghai.sample import load_sample as putuo

    budget = putuo()
    assert not budget.settings.unit_documents
    path = tmp_path / "p.budget"
    storage.replace_file(budget, path)
    capsys.readouterr()
    out = tmp_path / "units"
    assert main(["pdf", str(path), "--units", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "不能生成公开文件" in err and "单位主要职能" in err and "--draft" in err
    assert not out.exists() or not list(out.iterdir())
    # as a draft they are written; with the units' documents asked for in the file, the same
    assert main(["pdf", str(path), "--units", "--draft", "-o", str(out)]) == 0
    assert len(list(out.iterdir())) == len(budget.units)
    storage.replace_file(replace(budget, settings=replace(budget.settings, unit_documents=True)),
                         path)
    assert main(["pdf", str(path), "--units", "-o", str(tmp_path / "again")]) == 1
