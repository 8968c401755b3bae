"""The program's own process loads openpyxl without numpy, writes the same workbooks, and still
loads numpy when a module asks for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import sys
from decimal import Decimal
from app.cli import lean
lean.install()
import openpyxl
print("numpy" in sys.modules)
book = openpyxl.Workbook()
book.active.append(["x", 3, Decimal("1.25")])
book.save(sys.argv[1])
import numpy
print(numpy.arange(3).sum())
"""


def test_openpyxl_without_numpy_and_numpy_after(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", CODE, str(tmp_path / "b.xlsx")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "3"], out.stderr
    import openpyxl

    assert [c.value for c in openpyxl.load_workbook(tmp_path / "b.xlsx").active[1]] == ["x", 3, 1.25]


def test_the_commands_process_exports_without_numpy(tmp_path: Path) -> None:
    code = ("import sys\nfrom app.cli.main import main\n"
            "sys.argv = ['budget-desk', 'template', '-o', sys.argv[1]]\n"
            "import atexit\natexit.register(lambda: print('numpy' in sys.modules))\n"
            "sys.exit(main())\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "t.xlsx")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "False", out.stdout + out.stderr
    assert (tmp_path / "t.xlsx").stat().st_size > 0
