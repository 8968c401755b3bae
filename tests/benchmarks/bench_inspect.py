"""Times `budget-desk inspect` on a folder of 100 department PDFs (generated departments of 3 to
12 units and 10 to 60 projects, written by our renderer as 草稿). Prints the figures."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.inspect.run import inspect  # noqa: E402
from reports.pdf import write_pdf  # noqa: E402
from tests.helpers.synthetic import balanced, generate  # noqa: E402

COUNT = 100


def make(folder: Path) -> int:
    for n in range(COUNT):
        budget = balanced(generate(units=3 + n % 10, projects=10 + (n * 7) % 51, seed=n + 1))
        write_pdf(budget, folder / f"dept-{n:03}.pdf", draft=True)
    return count_pages(folder)


def count_pages(folder: Path) -> int:
    pages = 0
    for path in folder.glob("dept-*.pdf"):
        from pypdfium2 import PdfDocument

        pdf = PdfDocument(str(path))
        pages += len(pdf)
        pdf.close()
    return pages


def main() -> None:
    """`bench_inspect.py [DIR]`: DIR keeps the generated PDFs for another run."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        kept = len(list(folder.glob("dept-*.pdf"))) == COUNT
        pages = count_pages(folder) if kept else make(folder)
        print(f"{COUNT} PDFs, {pages} pages (written in {time.perf_counter() - start:.1f} s)")
        start = time.perf_counter()
        outcomes = [inspect(p) for p in sorted(folder.glob("dept-*.pdf"))]
        inner = time.perf_counter() - start
        errors = sum(len(o.errors) for o in outcomes)
        not_run = sum(len(o.not_run) for o in outcomes)
        print(f"in-process: {inner:.1f} s for {COUNT} PDFs ({inner / COUNT * 1000:.0f} ms each, "
              f"{inner / pages * 1000:.1f} ms a page); {errors} 错误, {not_run} rules not run")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "app.cli", "inspect", str(folder),
                        "--report", str(folder / "report.xlsx")],
                       cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        whole = time.perf_counter() - start
        print(f"budget-desk inspect FOLDER --report R.xlsx (a process per core): {whole:.1f} s")


if __name__ == "__main__":
    main()
