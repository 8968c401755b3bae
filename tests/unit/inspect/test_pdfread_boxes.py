"""The read-back asks pdfium for its loose character boxes through one rectangle per page: the
same boxes as pypdfium2's get_charbox, and its error where pdfium has none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from app.inspect.pdfread import LooseBoxes


def test_the_boxes_are_pypdfium2s(published: Callable[[str], tuple[Path, Path]]) -> None:
    _, pdf = published("shanxi")
    document = pdfium.PdfDocument(str(pdf))
    try:
        for index in (0, 8, len(document) - 1):  # the cover, a table, a target form
            textpage = document[index].get_textpage()
            box = LooseBoxes(textpage)
            count = textpage.count_chars()
            assert count > 20
            for i in range(count):
                assert box(i) == textpage.get_charbox(i, loose=True), (index, i)
            with pytest.raises(pdfium.PdfiumError):
                box(count + 5)
            textpage.close()
    finally:
        document.close()
