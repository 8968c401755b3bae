"""A PDF's text and pictures read with pypdfium2: some forty times faster than pdfplumber, for the
tests that need no character geometry (pdfplumber stays for those that do); and its printed lines
in reading order (`page_lines`), what poppler's `pdftotext -layout` gave the tests before, from
pypdfium2's character positions, so that no test needs a tool pip does not install."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c


def page_texts(path: Path) -> list[str]:
    """Each page's text, in the order it is drawn, lines ended by "\\n"."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        out = []
        for page in document:
            text = page.get_textpage()
            out.append(text.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            text.close()
            page.close()
        return out
    finally:
        document.close()


def flat_text(path: Path) -> str:
    """All the pages' text without blanks or line breaks."""
    return re.sub(r"\s", "", "".join(page_texts(path)))


def wide_pictures(path: Path, wider_than: float = 200) -> list[int]:
    """Per page, how many pictures (image objects, at any depth) are wider than wider_than points."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        counts = []
        for page in document:
            found = 0
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5):
                bounds = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 / 4
                left, _bottom, right, _top = bounds()
                found += right - left > wider_than
            counts.append(found)
            page.close()
        return counts
    finally:
        document.close()


def char_sizes(path: Path, pages: list[int]) -> set[float]:
    """The font sizes (points, one decimal) of the visible characters on those pages (pdfplumber's
    `char["size"]`, read with pypdfium2)."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        sizes: set[float] = set()
        for n in pages:
            page = document[n]
            text = page.get_textpage()
            for i in range(text.count_chars()):
                if not chr(pdfium_c.FPDFText_GetUnicode(text.raw, i)).isspace():
                    sizes.add(round(pdfium_c.FPDFText_GetFontSize(text.raw, i), 1))
            text.close()
            page.close()
        return sizes
    finally:
        document.close()


BASELINE = 0.25  # characters whose baselines differ by less than this many font sizes share a line
GAP = 0.2  # a gap wider than this many font sizes between two characters of a line is a blank


def page_lines(path: Path) -> list[list[str]]:
    """Each page's printed lines, top to bottom, each left to right: the characters the PDF draws
    (not the blanks and line breaks pdfium infers) put on one line where their baselines differ by
    less than BASELINE of the font size of the line's first character, whatever order they are
    drawn in; one blank where the PDF draws blanks or leaves a gap wider than GAP of the font size
    (between the cells of a table row)."""
    document = pypdfium2.PdfDocument(str(path))
    x, y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    try:
        out = []
        for page in document:
            text = page.get_textpage()
            raw = text.raw
            # (baseline from the top, origin x, advance's end, font size, character or "" for a blank)
            chars: list[tuple[float, float, float, float, str]] = []
            for i in range(pdfium_c.FPDFText_CountChars(raw)):
                ch = chr(pdfium_c.FPDFText_GetUnicode(raw, i))
                blank = ch.isspace()
                if blank and pdfium_c.FPDFText_IsGenerated(raw, i):
                    continue
                pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
                right = x.value
                if not blank:
                    pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
                    right = box.right
                chars.append((-y.value, x.value, right, pdfium_c.FPDFText_GetFontSize(raw, i),
                              "" if blank else ch))
            text.close()
            page.close()
            out.append(_lines(chars))
        return out
    finally:
        document.close()


def _lines(chars: list[tuple[float, float, float, float, str]]) -> list[str]:
    """The page's lines from its characters (page_lines' tuples)."""
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for ch in sorted(chars):
        if rows and ch[0] - rows[-1][0][0] < BASELINE * rows[-1][0][3]:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        line, end = "", None
        for _base, left, right, size, ch in row:
            if end is not None and left - end > GAP * size:
                line += " "
            line += ch or " "
            end = right
        if line := " ".join(line.split()):
            lines.append(line)
    return lines


def layout_text(path: Path) -> str:
    """The PDF's printed lines (page_lines), one per "\\n", pages one after another."""
    return "\n".join(line for page in page_lines(path) for line in page)
