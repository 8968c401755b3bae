"""A file that is no workbook is refused before openpyxl is loaded (0.45 s of a command's start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from app.imports.workbook import read_data
budget, problems = read_data(sys.argv[1])
print(problems[0].message)
print("openpyxl" in sys.modules)
"""


def test_a_text_file_is_refused_without_openpyxl(tmp_path: Path) -> None:
    text = tmp_path / "预算.xlsx"
    text.write_text("不是工作簿", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, str(text)], capture_output=True,
                          text=True, encoding="utf-8", check=True, cwd=Path(__file__).parents[3])
    assert done.stdout.splitlines() == ["“预算.xlsx”不是 Excel 工作簿（.xlsx）。", "False"]
