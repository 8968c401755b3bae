"""A PDF's characters, stroked rules and words read with pypdfium2, in pdfplumber's terms (`chars`,
`edges`, `extract_words`: x0, x1, top, bottom in points from the page's top left), so the geometry
checks need not pay pdfminer's layout (the sample's 37 pages: 5.5 s of CPU, here about 0.3 s).
`tests/unit/reports/test_pdf_pages.py` holds it to pdfplumber's figures on the sample's pages."""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

_SEGMENT_MOVE = pdfium_c.FPDF_SEGMENT_MOVETO


@dataclass
class Page:
    """One page: its size, characters and the straight segments of its paths."""

    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def extract_words(self, x_tolerance: float = 3) -> list[dict[str, Any]]:
        """Words as pdfplumber groups them (its own WordExtractor, on these characters)."""
        from pdfplumber.utils.text import WordExtractor

        return WordExtractor(x_tolerance=x_tolerance).extract_words(self.chars)


def _chars(page: Any, height: float) -> list[dict[str, Any]]:
    """The page's characters: from the origin to the loose box's right side (the advance), from
    the loose box's bottom (the descent below the baseline) up by the font size, as pdfplumber
    has them (the loose box's left side is the glyph's own where its ink starts left of the
    origin, as in 情 and 性)."""
    text = page.get_textpage()
    raw = text.raw
    out = []
    box = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    try:
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            if pdfium_c.FPDFText_IsGenerated(raw, i):  # a blank or line break pdfium inferred
                continue
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
            pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
            size = pdfium_c.FPDFText_GetFontSize(raw, i)
            bottom = height - box.bottom
            top = bottom - size
            out.append({"text": chr(pdfium_c.FPDFText_GetUnicode(raw, i)), "x0": x.value,
                        "x1": box.right, "top": top, "bottom": bottom, "doctop": top,
                        "size": size, "upright": True, "width": box.right - x.value,
                        "height": size})
    finally:
        text.close()
    return out


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    """Every straight piece between successive points of each subpath (a closed one back to its
    start), with whether its path is stroked."""
    out: list[dict[str, Any]] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=5):
        raw = obj.raw
        pdfium_c.FPDFPath_GetDrawMode(raw, fill, stroke)
        a, b, c, d, e, f = obj.get_matrix().get()
        subpaths: list[list[tuple[float, float]]] = []
        for i in range(pdfium_c.FPDFPath_CountSegments(raw)):
            segment = pdfium_c.FPDFPath_GetPathSegment(raw, i)
            pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
            point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
            if pdfium_c.FPDFPathSegment_GetType(segment) == _SEGMENT_MOVE or not subpaths:
                subpaths.append([point])
            else:
                subpaths[-1].append(point)
            points = subpaths[-1]
            if pdfium_c.FPDFPathSegment_GetClose(segment) and len(points) > 2 and points[-1] != points[0]:
                points.append(points[0])
        for points in subpaths:
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                out.append({"x0": min(x0, x1), "x1": max(x0, x1), "top": min(y0, y1),
                            "bottom": max(y0, y1), "stroke": bool(stroke.value)})
    return out


def _page(handle: Any) -> Page:
    """One page's size, characters and edges; the page handle closed after."""
    try:
        width, height = handle.get_size()
        return Page(width, height, _chars(handle, height), _edges(handle, height))
    finally:
        handle.close()


@contextmanager
def open_pages(path: Path) -> Iterator[Iterator[Page]]:
    """The PDF's pages, read one at a time while the document is open."""
    document = pypdfium2.PdfDocument(str(path))

    def pages() -> Iterator[Page]:
        for handle in document:
            yield _page(handle)

    try:
        yield pages()
    finally:
        document.close()


def read_pages(path: Path, numbers: Iterable[int]) -> tuple[int, dict[int, Page]]:
    """The PDF's page count and only the pages numbered (from 0), each read as open_pages
    reads it: a check that compares a few pages does not build the other pages' (issue 21)."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document), {n: _page(document[n]) for n in sorted(set(numbers))}
    finally:
        document.close()
