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


PICTURES = """
import sys
from app.cli import lean
lean.install()
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
print("PIL.ExifTags" in sys.modules)
from PIL import Image
picture = Image.new("RGB", (4, 2), (255, 0, 0))
page = canvas.Canvas(sys.argv[1])
page.drawImage(ImageReader(picture), 10, 10, 40, 20)
page.save()
print("PIL.ExifTags" in sys.modules, ImageReader(picture).getSize())
"""


def test_pil_runs_when_first_used_and_pictures_still_draw(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", PICTURES, str(tmp_path / "p.pdf")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["False", "True (4, 2)"], out.stdout + out.stderr
    import pypdfium2

    document = pypdfium2.PdfDocument(str(tmp_path / "p.pdf"))
    try:
        shown = [o for o in document[0].get_objects() if o.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]
        assert len(shown) == 1 and shown[0].get_px_size() == (4, 2)
    finally:
        document.close()
