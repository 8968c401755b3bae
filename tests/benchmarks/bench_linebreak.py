"""Benchmark (not a test): the one line breaker (reports.linebreak) on texts of growing length.

Run: python3 tests/benchmarks/bench_linebreak.py   (prints a Markdown table for docs/benchmarks.md)
Aim: time linear in the text's length; a 1 MB text well under 10 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.fonts import load_fonts
from reports.pdf_doc import Styles
from reports.pdf_para import Setting

PHRASE = "根据《关于印发“十五五”规划的通知》（晋科发〔2025〕12号），平均≥637元/人/月，2026年12月底前完成。"


def main() -> None:
    fonts = load_fonts()
    style = Styles(fonts).body
    stringWidth("一", fonts.song, 12)
    print("| characters | lines | breaking | breaking + paragraph layout |")
    print("|---|---|---|---|")
    for size in (10_000, 100_000, 1_000_000):
        text = (PHRASE * (size // len(PHRASE) + 1))[:size]
        start = time.perf_counter()
        para = Setting(text, style)
        _w, height = para.wrap(481.9, 10**9)
        lines = int(height // style.leading)
        broken = time.perf_counter() - start
        start = time.perf_counter()
        parts = para.split(481.9, 700)
        split = time.perf_counter() - start
        print(f"| {size:,} | {lines:,} | {broken:.2f} s | {broken + split:.2f} s ({len(parts)} parts) |")


if __name__ == "__main__":
    main()
