"""A PDF's text and pictures read with pypdfium2: some forty times faster than pdfplumber, for the
tests that need no character geometry (pdfplumber stays for those that do)."""

from __future__ import annotations

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
