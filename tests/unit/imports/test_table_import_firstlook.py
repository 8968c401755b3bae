"""import-tables says at once what is wrong with a file that is no workbook, in the import's
words, before openpyxl, numpy and the solver are loaded (~1 s of the command before)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.imports.tables import firstlook
from app.imports.tables.importer import import_tables

PROBE = """
import sys
from app.cli.main import main
code = main(["import-tables", sys.argv[1], "-o", sys.argv[2]])
print(code, sorted(m for m in ("openpyxl", "numpy", "highspy") if m in sys.modules))
"""


def cases(tmp: Path) -> list[tuple[Path, str]]:
    text = tmp / "预算表.xlsx"
    text.write_text("不是工作簿", encoding="utf-8")
    return [
        (text, "“预算表.xlsx”不是 Excel 工作簿（.xlsx 或 .xls）。"),
        (tmp / "没有.xlsx", f"找不到文件“{tmp / '没有.xlsx'}”。"),
        (tmp, f"“{tmp}”是文件夹，不是 Excel 工作簿。"),
    ]


def test_the_import_and_the_first_look_say_the_same(tmp_path: Path) -> None:
    for path, said in cases(tmp_path):
        assert firstlook.problem(path) == said
        result = import_tables(path)
        assert result.budget is None and result.report.fatal == [said]


@pytest.mark.parametrize("magic", [firstlook.XLS_MAGIC, firstlook.ZIP_MAGIC + b"\0" * 4])
def test_a_file_that_starts_like_a_workbook_is_left_to_its_reader(tmp_path: Path,
                                                                 magic: bytes) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(magic + b"\0" * 100)
    assert firstlook.problem(path) is None
    result = import_tables(path)  # damaged: its reader says so, no traceback
    assert result.budget is None and result.report.fatal and "t.xlsx" in result.report.fatal[0]


def test_the_command_refuses_a_text_file_without_loading_the_readers(tmp_path: Path) -> None:
    text, said = cases(tmp_path)[0]
    done = subprocess.run([sys.executable, "-c", PROBE, str(text), str(tmp_path / "o.budget")],
                          capture_output=True, text=True, encoding="utf-8", check=True,
                          cwd=Path(__file__).parents[3])
    assert done.stdout.splitlines()[-1] == "1 []"
    assert said in done.stderr and "未写入任何文件。" in done.stderr
    assert not (tmp_path / "o.budget").exists()
