"""The bare reportlab baseline of issue 21 (not a test): registers one bundled TrueType face and
renders PAGES pages of ruled CJK tables, nothing else (no file, no checks, no layout of ours).

Run: python tests/benchmarks/bare_reportlab.py PAGES OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "uming.ttc"
ROWS = 30
HEADINGS = ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"]
NAMES = ["一般公共服务支出", "科学技术支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出",
         "行政运行", "机关服务", "事业运行", "其他科学技术支出", "机关事业单位基本养老保险缴费支出"]


def page(number: int) -> Table:
    rows = [HEADINGS]
    for r in range(ROWS):
        amount = (number * 7919 + r * 104729) % 10_000_000 / 100
        rows.append([f"2060{r:03d}", NAMES[(number + r) % len(NAMES)], f"{amount:,.2f}",
                     f"{amount * 0.6:,.2f}", f"{amount * 0.4:,.2f}"])
    table = Table(rows, colWidths=[85, 170, 75, 75, 75], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Bare", 10.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def main() -> None:
    pages, out = int(sys.argv[1]), sys.argv[2]
    pdfmetrics.registerFont(TTFont("Bare", str(FONT)))
    story: list[object] = []
    for n in range(pages):
        story += [page(n), PageBreak()]
    SimpleDocTemplate(out, pagesize=A4).build(story[:-1])


if __name__ == "__main__":
    main()
