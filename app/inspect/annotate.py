"""An annotated copy of an inspected PDF: a note on each page at each finding's place (pypdf)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Text
from pypdf.generic import ArrayObject, FloatObject

from app.inspect.outcome import Outcome
from app.inspect.pdfread import word_box


def write(outcome: Outcome, titles: dict[str, str], target: Path | str) -> int:
    """Writes the copy with a note per finding (the whole-document ones on page 1); returns how
    many notes were placed."""
    reader = PdfReader(str(outcome.path))
    writer = PdfWriter()
    writer.append(reader)
    placed = 0
    stacked: dict[int, int] = {}
    for f in outcome.findings:
        page = (f.page or 1) - 1
        if page >= len(writer.pages):
            continue
        words = (f.words or "").split("\n")[0].strip()[:60]
        box = word_box(outcome.path, page + 1, words) if words else None
        contents = f"【{f.severity.value}】{titles.get(f.check, f.check)}：{f.message}"
        if box is not None:
            left, bottom, right, top = box
            quad = ArrayObject([FloatObject(v) for v in (left, top, right, top, left, bottom, right, bottom)])
            mark = Highlight(rect=(left, bottom, right, top), quad_points=quad,
                             highlight_color="ff4040" if f.severity.value == "错误" else "ffd040")
            mark[_name("/Contents")] = _text(contents)
            writer.add_annotation(page, mark)
            note_at = (max(0.0, left - 18), top)
        else:
            height = float(writer.pages[page].mediabox.height)
            n = stacked.get(page, 0)
            stacked[page] = n + 1
            note_at = (10.0, height - 30 - 20 * n)
        writer.add_annotation(page, Text(rect=(note_at[0], note_at[1] - 16, note_at[0] + 16, note_at[1]),
                                         text=contents, open=False))
        placed += 1
    with open(target, "wb") as out:
        writer.write(out)
    return placed


def _name(key: str) -> object:
    from pypdf.generic import NameObject

    return NameObject(key)


def _text(words: str) -> object:
    from pypdf.generic import TextStringObject

    return TextStringObject(words)
