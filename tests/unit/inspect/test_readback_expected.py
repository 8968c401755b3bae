"""What the read-back looks for, prepared before the PDF is read (readback.expected), finds what
the tables and paragraphs given as they are find: nothing in the whole sample, the same faults
in a PDF's text that lacks pages."""

from __future__ import annotations

from pathlib import Path

from app.core.records import Budget
from app.inspect import pdfread, readback


def test_prepared_rows_and_figures_find_what_the_tables_find(sample: Budget, sample_pdf: Path) -> None:
    from reports.pdf import build_story, load_fonts

    _, _, story = build_story(sample, load_fonts(None))
    tables, texts = story.tables, story.texts
    sought = readback.expected(tables, texts)
    assert len(sought.tables) == len(tables) and sought.figures
    whole = pdfread.read(sample_pdf)
    assert readback.check(whole, sought) == readback.check(whole, tables, texts) == []
    lacking = pdfread.Document(whole.path, whole.pages[:5] + whole.pages[8:-3])
    found = readback.faults(lacking, tables, texts)
    assert found and readback.faults(lacking, sought) == found
    assert any("找不到" in line for line in found)
