"""A PDF the tests only read (the session's published PDFs, the shared unit PDFs) read by
`pdfread.read` once per test process (issue 21: the same sample PDF was read again by each test
that edits a copy of its lines). The Document is immutable (frozen, tuples); tests that copy its
lines into lists edit only their copy. Tests of reading a file (`inspect(path)`) still read it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from app.inspect import pdfread


@cache
def document(path: Path) -> pdfread.Document:
    return pdfread.read(path)


def pages(path: Path) -> list[list[str]]:
    """The PDF's lines page by page, a fresh copy the caller may change."""
    return [list(page.lines) for page in document(path).pages]
