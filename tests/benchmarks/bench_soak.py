"""Soak: 20,000 amount edits in the main window (offscreen), each saved; `True`'s count and memory.

Run: `python tests/benchmarks/bench_soak.py [COUNT]`. Prints one line per tenth of the run: the
edits so far, the peak resident memory, and the count of references to True before and after.
A binding that leaks references to True (PySide6-Essentials 6.12.0 on Python 3.11) aborts here.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from importlib.metadata import version

from forms.soak import edit_window


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    start = time.perf_counter()
    soak = edit_window(count)
    seconds = time.perf_counter() - start
    print(f"Python {sys.version.split()[0]}, PySide6-Essentials {version('PySide6-Essentials')}, "
          f"load {os.getloadavg()[0]:.2f}")
    print("| edits | peak RSS |\n| --- | --- |")
    for i, rss in enumerate(soak.rss_mb, 1):
        print(f"| {i * count // len(soak.rss_mb):,} | {rss:.0f} MB |")
    print(f"\n{soak.line()}; {seconds:.0f} s ({seconds / count * 1000:.1f} ms an edit)")


if __name__ == "__main__":
    main()
