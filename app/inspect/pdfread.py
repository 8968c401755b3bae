"""A PDF's text, page by page and line by line (pypdfium2), and the box of a word for annotations."""

from __future__ import annotations

import re
from dataclasses import dataclass
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


def read(path: Path | str) -> Document:
    """The text of every page of the PDF, in reading order."""
    path = Path(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise UnreadablePdf(f"无法打开PDF文件：{path.name}（{exc}）") from exc
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            lines = tuple(line for line in re.split(r"\r\n|\r|\n", text) if line.strip())
            pages.append(Page(index + 1, lines, _label(lines)))
        return Document(path, tuple(pages))
    finally:
        pdf.close()


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
