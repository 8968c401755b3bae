"""`import-tables` on a workbook of Shanghai's 9 tables rebuilds a file that prints the reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import main
from app.compute.tabledef import Table
from app.profiles.registry import profile
from app.store import storage
from tests.helpers.putuo import TABLE_PAGES, body_rows, compact


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Shanghai sample's 9 tables exported to Excel, as a budget system would hand them out."""
    folder = tmp_path_factory.mktemp("putuo")
    sample, book = folder / "putuo.budget", folder / "putuo-tables.xlsx"
    assert main(["sample", "--profile", "shanghai", str(sample)]) == 0
    assert main(["export", str(sample), "-o", str(book)]) == 0
    return book


@pytest.fixture(scope="module")
def imported(workbook: Path) -> Path:
    path = workbook.with_name("imported.budget")
    assert main(["import-tables", str(workbook), "-o", str(path)]) == 0
    return path


def printed(table: Table) -> list[str]:
    return [compact("".join(cell for cell in row if cell)) for row in table.texts()]


def test_the_profile_is_recognised_from_the_titles(imported: Path) -> None:
    assert storage.load(imported).settings.profile == "shanghai"


@pytest.mark.parametrize("key", list(TABLE_PAGES))
def test_every_table_prints_every_row_of_the_reference(imported: Path, key: str) -> None:
    budget = storage.load(imported)
    tables = {t.key: t for t in profile("shanghai").tables(budget, "部门")}
    assert printed(tables[key]) == [compact(line) for line in body_rows(key)]


def test_the_tables_command_prints_every_reference_row(
        imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["tables", str(imported)]) == 0
    lines = [compact(line) for line in capsys.readouterr().out.splitlines()]
    missing = [row for key in TABLE_PAGES for row in body_rows(key) if compact(row) not in lines]
    assert missing == []


def test_the_import_reports_no_difference_and_a_clean_rebuild(
        workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["import-tables", str(workbook), "-o", str(tmp_path / "x.budget"),
                 "--profile", "shanghai"]) == 0
    out = capsys.readouterr().out
    assert "重建的 9 张表与原表逐数一致" in out
    assert "表9“2026年部门“三公”经费和机关运行经费预算表”" in out and "读不出" not in out


def test_a_forced_profile_that_does_not_fit_finds_no_table(
        workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["import-tables", str(workbook), "-o", str(tmp_path / "x.budget"),
                 "--profile", "shanxi"]) == 1
    assert "没有找到任何一张预算公开表" in capsys.readouterr().err
    assert not (tmp_path / "x.budget").exists()


def test_an_unknown_profile_is_said_in_one_line(
        workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import-tables", str(workbook), "-o", str(tmp_path / "x.budget"),
                 "--profile", "beijing"]) == 2
    err = capsys.readouterr().err
    assert "没有模板“beijing”" in err and "Traceback" not in err
