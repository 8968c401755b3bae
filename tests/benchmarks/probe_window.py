"""Runs `python -m app.cli [FILE]` and, once the main window has painted, prints which heavy modules
were imported by then and quits (used by bench_window.py; not a test)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

HEAVY = ("reportlab", "openpyxl", "pypdfium2", "highspy", "python_calamine", "numpy", "pdfplumber")


def main() -> int:
    from app.cli.main import main as cli
    from forms.main_window import MainWindow
    from forms.qt import QApplication, QTimer

    show = MainWindow.show

    def probe() -> None:
        QApplication.processEvents()
        heavy = sorted(m for m in HEAVY if m in sys.modules)
        print(f"painted {time.perf_counter():.4f} heavy={','.join(heavy) or '-'}", flush=True)
        QApplication.quit()

    def showing(self: MainWindow) -> None:
        show(self)
        QTimer.singleShot(0, probe)

    MainWindow.show = showing  # type: ignore[method-assign]
    return cli(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
