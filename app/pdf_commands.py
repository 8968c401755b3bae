"""Adds `budget-desk pdf PATH -o OUT.pdf [--draft] [--font-song PATH --font-hei PATH]`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any


def register(sub: Any, lazy: Callable[[str], Callable[[argparse.Namespace], int]]) -> None:
    """Add the pdf command; it runs reports.pdf_command (reportlab is loaded only then)."""
    p = sub.add_parser("pdf", help="生成部门预算公开 PDF 文件")
    p.add_argument("path", help="预算文件")
    p.add_argument("-o", "--output", required=True, help="要写出的 PDF 文件")
    p.add_argument("--draft", action="store_true",
                   help="仍有未处理的错误时也生成，每页加“草稿”水印（不得公开）")
    p.add_argument("--font-song", help="正文和表格用的宋体类字体文件（.ttf/.ttc），如 simsun.ttc")
    p.add_argument("--font-hei", help="标题用的黑体类字体文件（.ttf/.ttc），如 simhei.ttf")
    p.set_defaults(run=lazy("reports.pdf_command:run"))
