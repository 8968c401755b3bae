"""A PDF of given pages of text laid out by plain reportlab drawing (not our renderer): labels
on the left, each amount right-aligned in a column of its own, the bundled font."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.inspect.tabletext import AMOUNT

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "uming.ttc"
_NAME = "PlainUMing"
_WIDEST: list[float] = []  # the font's widest advance in em (1.014 for the bundled font)


def _font() -> str:
    if _NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_NAME, str(FONT), subfontIndex=0))
    if not _WIDEST:
        face = pdfmetrics.getFont(_NAME).face
        _WIDEST.append(max(*face.charWidths.values(), face.defaultWidth) / 1000)
    return _NAME


Key = tuple[tuple[str, ...], ...]
_DRAWN: dict[Key, bytes] = {}  # pages → the PDF drawn, once per process
_SPLICE = 4  # at most this many changed pages are drawn alone and put into a copy drawn before


def draw(pages: list[list[str]], path: Path) -> Path:
    """Writes the pages: one line of text per row, amounts in columns from x = 330 on.

    Pages drawn before in this process are not drawn again (issue 21: a broken copy differs from
    another in a page or two): the same pages get the bytes drawn the first time; pages that
    differ from a document drawn before in at most a few pages (or by one removed page) are that
    document with those pages drawn alone put in place of its own (pypdf), every page still
    laid out by _draw's per-page rules, as a whole drawing lays it out."""
    key: Key = tuple(tuple(lines) for lines in pages)
    if key in _DRAWN:
        path.write_bytes(_DRAWN[key])
        return path
    for other, data in _DRAWN.items():
        if len(other) == len(key):
            changed = [i for i, (a, b) in enumerate(zip(other, key, strict=True)) if a != b]
            if len(changed) <= _SPLICE:
                _splice(data, [(i, pages[i]) for i in changed], [], path)
                break
        elif len(other) == len(key) + 1:
            gone = next((i for i in range(len(key)) if other[i] != key[i]), len(key))
            if other[gone + 1:] == key[gone:]:
                _splice(data, [], [gone], path)
                break
    else:
        _draw(pages, path)
    _DRAWN[key] = path.read_bytes()
    return path


def _splice(data: bytes, replaced: list[tuple[int, list[str]]], removed: list[int],
            path: Path) -> None:
    """The PDF data with the pages at those indexes drawn anew (or removed), written to path."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(data)))
    if replaced:
        _draw([lines for _, lines in replaced], path)
        drawn = PdfReader(BytesIO(path.read_bytes())).pages
        for (i, _), page in zip(replaced, drawn, strict=True):
            writer.insert_page(page, i)
            writer.remove_page(i + 1)
    for i in sorted(removed, reverse=True):
        writer.remove_page(i)
    with path.open("wb") as out:
        writer.write(out)


def _draw(pages: list[list[str]], path: Path) -> None:
    name = _font()
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = height - 40
        size = 9.0 if len(lines) <= 60 else max(5.0, 9.0 * 60 / len(lines))
        step = (height - 80) / max(len(lines), 1) if len(lines) > 60 else 12
        for line in lines:
            amounts = list(AMOUNT.finditer(line))
            if amounts and not AMOUNT.sub("", line[amounts[0].start():]).strip():
                label = line[:amounts[0].start()].rstrip()
                pdf.setFont(name, min(size, _fit(label, name, size, 280)))
                pdf.drawString(40, y, label)
                pdf.setFont(name, size)
                for i, m in enumerate(amounts):
                    pdf.drawRightString(380 + 60 * i, y, m.group())
            else:
                pdf.setFont(name, _fit(line, name, size, width - 80))
                pdf.drawString(40, y, line)
            y -= step
        pdf.showPage()
    pdf.save()


def _fit(text: str, font: str, size: float, room: float) -> float:
    if len(text) * size * _WIDEST[0] <= room:  # fits even if every character were the widest
        return size
    needed = pdfmetrics.stringWidth(text, font, size)
    return size if needed <= room else max(3.0, size * room / needed)
