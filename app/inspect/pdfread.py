"""A PDF's text, page by page and line by line (pypdfium2), and the box of a word for annotations."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium

from app.core.errors import UserError

# a page with fewer readable characters than this has no text layer (a scan, an image)
_MIN_CHARS = 10
_PAGE_LABEL = re.compile(r"^\s*[—–-]\s*(\d+)\s*[—–-]\s*$|^\s*第\s*(\d+)\s*页(?:\s*共\s*\d+\s*页)?\s*$")


@dataclass(frozen=True)
class Page:
    """One page: its number in the file (1…), its lines in reading order, its printed number."""

    number: int
    lines: tuple[str, ...]
    label: int | None = None

    @property
    def text(self) -> str:
        """The page's text with the line breaks of the layout removed (Chinese wraps anywhere)."""
        return "".join(line.strip() for line in self.lines)


@dataclass(frozen=True)
class Document:
    """A PDF as text: its pages; scanned when no page carries text."""

    path: Path
    pages: tuple[Page, ...]

    @property
    def scanned(self) -> bool:
        return all(sum(len(line.strip()) for line in p.lines) < _MIN_CHARS for p in self.pages)

    def page(self, number: int) -> Page:
        return self.pages[number - 1]


class UnreadablePdf(UserError):
    """The file is not a PDF that can be opened."""


def read(path: Path | str, part: tuple[int, int] = (0, 1)) -> Document:
    """The text of every page of the PDF, in reading order; with part (k, n), of the k-th of n
    runs of pages only (n processes may read a long file together)."""
    k, n = part
    return Document(Path(path), read_pages(path, lambda count: range(count * k // n, count * (k + 1) // n)))


def read_pages(path: Path | str, chosen: Callable[[int], Iterable[int]]) -> tuple[Page, ...]:
    """The pages whose indices (from 0) chosen(the page count) gives, in the order given, the
    document opened once: chosen may draw them one by one from a counter that other readers of
    the same file share (an index past the last page ends the reading)."""
    path = Path(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise UnreadablePdf(f"无法打开PDF文件：{path.name}（{exc}）") from exc
    try:
        pages = []
        count = len(pdf)
        for index in chosen(count):
            if not 0 <= index < count:
                break
            page = pdf[index]
            textpage = page.get_textpage()
            lines = rows_of(textpage)
            textpage.close()
            page.close()
            pages.append(Page(index + 1, lines, _label(lines)))
        return tuple(pages)
    finally:
        pdf.close()


def page_count(path: Path | str) -> int:
    """How many pages the PDF has (0 when it cannot be opened)."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def rows_of(textpage: pdfium.PdfTextPage) -> tuple[str, ...]:
    """The page's text runs (pdfium's lines) joined into rows: runs at the same height are one
    row, read left to right. Producers break a row into runs anywhere (a font change, a subset of
    glyphs); pdfium then starts a new line, and a table row would lose its figures."""
    text = textpage.get_text_range()
    runs: list[Run] = []
    box = LooseBoxes(textpage)
    for m in re.finditer(r"[^\r\n]+", text):
        if m.group().strip():
            runs += _runs(box, text, m.start(), m.end())
    rows = grouped(runs)
    rows.sort(key=lambda r: -r[0][0])
    lines = []
    for row in rows:
        row.sort(key=lambda r: r[2])
        words = row[0][4]
        for prev, run in pairwise(row):
            words += (" " if run[2] - prev[3] > 0.25 * max(prev[1], run[1]) else "") + run[4]
        lines.append(words)
    return tuple(lines)


Run = tuple[float, float, float, float, str]


def grouped(runs: list[Run]) -> list[list[Run]]:
    """Runs into rows, in the order the rows were started: each run joins the first row whose
    first run is at its height (centres within 0.3 of the lower run's height). Rows are looked
    up by their first run's centre, kept sorted, not scanned one by one."""
    rows: list[list[Run]] = []
    centres: list[tuple[float, int]] = []
    for run in runs:
        reach = 0.3 * run[1] + 1.0  # a wider window than any match can need; tested exactly below
        at = bisect_left(centres, (run[0] - reach, -1))
        joins: int | None = None
        for centre, index in centres[at:bisect_right(centres, (run[0] + reach, len(rows)))]:
            first = rows[index][0]
            if abs(centre - run[0]) <= 0.3 * min(first[1], run[1]) and (joins is None or index < joins):
                joins = index
        if joins is None:
            insort(centres, (run[0], len(rows)))
            rows.append([run])
        else:
            rows[joins].append(run)
    return rows


class LooseBoxes:
    """A page's loose character boxes, as `PdfTextPage.get_charbox(i, loose=True)` gives them, read
    through one rectangle kept for the page (half the cost of the wrapper's call: a read-back asks
    for ~5,000 of them, two per line)."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self._page = textpage.raw
        self._rect = pdfium.raw.FS_RECTF()
        self._get = pdfium.raw.FPDFText_GetLooseCharBox

    def __call__(self, index: int) -> tuple[float, float, float, float]:
        rect = self._rect
        if not self._get(self._page, index, rect):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return rect.left, rect.bottom, rect.right, rect.top


def _runs(box: LooseBoxes, text: str, start: int, end: int) -> list[Run]:
    """The run text[start:end] as (centre, height, left, right, words); split where its characters
    change rows (pdfium sometimes runs two rows of a table into one line)."""
    words = text[start:end]
    first = start + (len(words) - len(words.lstrip()))
    last = end - 1 - (len(words) - len(words.rstrip()))
    left, bottom, _, top = box(first)
    _, bottom2, right, top2 = box(last)
    height = max(min(top - bottom, top2 - bottom2), 1.0)
    if abs((bottom + top) / 2 - (bottom2 + top2) / 2) <= 0.3 * height:
        return [((bottom + top) / 2, max(top - bottom, 1.0), left, right, text[first:last + 1])]
    found: list[Run] = []
    begin = first
    centre = (bottom + top) / 2
    for i in range(first + 1, last + 1):
        if text[i].isspace():
            continue
        b = box(i)
        if abs((b[1] + b[3]) / 2 - centre) > 0.3 * height:
            found += _runs(box, text, begin, i)
            return found + _runs(box, text, i, last + 1)
    return [(centre, height, left, right, text[first:last + 1])]


def _label(lines: tuple[str, ...]) -> int | None:
    """The page number printed at the top or bottom of the page ("— 4 —", "第4页")."""
    for line in (*lines[:2], *lines[-2:]):
        m = _PAGE_LABEL.match(line)
        if m:
            return int(m.group(1) or m.group(2))
    return None


def word_box(path: Path | str, page: int, words: str) -> tuple[float, float, float, float] | None:
    """The box (left, bottom, right, top, in PDF points) of the first place the words occur on the
    page, or None."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        textpage = pdf[page - 1].get_textpage()
        searcher = textpage.search(words)
        found = searcher.get_next()
        if not found:
            return None
        start, count = found
        boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))
    finally:
        pdf.close()
