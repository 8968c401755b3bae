"""The read-back's whole-number rule, found with str.find, is the one its regular expression
stated (a figure not part of a longer number, the figures in order); titles compared loosely drop
exactly the white space that pattern dropped; pages read by index are those of the whole read."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from app.inspect import pdfread
from app.inspect.loose import normal
from app.inspect.readback import _in_order


def by_pattern(line: str, figures: list[str]) -> bool:
    position = 0
    for figure in figures:
        m = re.compile(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)").search(line, position)
        if m is None:
            return False
        position = m.end()
    return True


def test_figures_in_order_as_whole_numbers_as_the_pattern_found_them() -> None:
    assert _in_order("合计 1,234.56 207 3.5", ["1,234.56", "207"])
    assert not _in_order("合计 11,234.56", ["1,234.56"])  # part of a longer number
    assert not _in_order("合计 1,234.567", ["1,234.56"])
    assert _in_order("合计 1,234.56。", ["1,234.56"])  # a point not followed by a digit ends it
    assert not _in_order("207 1,234.56", ["1,234.56", "207"])  # out of order
    rng = random.Random(5)
    alphabet = "12.,3 4٣a"  # ٣: a digit to \d as to str.isdecimal
    agreed = 0
    for _ in range(20_000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        figures = ["".join(rng.choice("12.,3٣") for _ in range(rng.randint(1, 3)))
                   for _ in range(rng.randint(0, 3))]
        assert _in_order(line, figures) == by_pattern(line, figures), (line, figures)
        agreed += by_pattern(line, figures)
    assert 1_000 < agreed < 19_000  # both outcomes were met often


def test_titles_lose_the_white_space_the_pattern_removed() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c))]
    assert "\u3000" in spaces and "\x1c" in spaces
    for c in spaces:
        assert normal(f"{c}表一{c}{c}(收支){c}") == "表一（收支）"
    assert normal("“预算”\u200b") == "“预算“\u200b"  # a zero-width space is no white space


def test_pages_read_by_index_are_those_of_the_whole_read(sample_pdf: Path) -> None:
    whole = pdfread.read(sample_pdf)
    count = len(whole.pages)
    assert pdfread.read_pages(sample_pdf, lambda n: [n - 1, 3, 0]) == (
        whole.pages[-1], whole.pages[3], whole.pages[0])
    assert pdfread.read_pages(sample_pdf, lambda n: [2, n, 1]) == (whole.pages[2],)  # past the end: done
    halves = pdfread.read(sample_pdf, (0, 2)).pages + pdfread.read(sample_pdf, (1, 2)).pages
    assert halves == whole.pages and len(pdfread.read(sample_pdf, (0, 2)).pages) == count // 2
