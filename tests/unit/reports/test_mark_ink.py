"""A full-width mark set half width keeps its ink out of the next character.

The line breaker compresses full-width punctuation to make a line fit (标点挤压). It took half
the box of every mark, as mainland faces draw 。，、 in the left half. AR PL UMing, the bundled
song face, centres 。 and 、: set half width, their ink ran into the next character, in 175
places of the sample's PDF ("比较。财" printed as "比较·财"). A mark is now compressed by no more
than its glyph leaves blank, read from the font file (reports.markink): a closing mark loses its
right blank, then its left by being drawn further left, at the left of its box as GB/T 15834
places 。，、."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from app.core.resources import resource_path
from reports.fontcache import parsed_font
from reports.fonts import subfont_index
from reports.linebreak import HALF_CLOSING, HALF_OPENING, Breaker
from reports.markink import blanks

MARKS = "，。、；：！？"


def _faces() -> dict[str, dict[str, tuple[float, float]]]:
    found = {}
    for name in ("uming.ttc", "wqy-zenhei.ttc"):
        path = resource_path("fonts", name)
        font = parsed_font(f"ink-{name}", path, subfont_index(path))
        found[name] = blanks(path, subfont_index(path), font.face.charToGlyph,
                             HALF_CLOSING + HALF_OPENING)
    return found


def test_the_bundled_faces_centre_some_marks_and_the_file_says_which() -> None:
    faces = _faces()
    song, hei = faces["uming.ttc"], faces["wqy-zenhei.ttc"]
    assert song["。"][0] > 300 and song["、"][0] > 300  # centred: ink from ~0.38 em
    assert song["，"][0] < 200 and song["，"][1] > 500  # in the left half
    assert hei["，"][0] > 300 and hei["。"][0] < 200  # the heading face: the other way round
    assert blanks(Path("/nonexistent.ttf"), 0, {}, MARKS) == {}


def test_a_font_file_it_cannot_read_gives_no_blanks_not_a_traceback(tmp_path: Path) -> None:
    """A collection cut short (its tables missing): {} and the mainland convention, where the
    mapped file's close had raised BufferError over the parser's own error."""
    cut = tmp_path / "cut.ttc"
    cut.write_bytes(resource_path("fonts", "uming.ttc").read_bytes()[:2000])
    assert blanks(cut, 0, {ord("。"): 5}, MARKS) == {}
    odd = tmp_path / "odd.ttf"
    odd.write_bytes(b"\x00\x01\x00\x00" + bytes(8))
    assert blanks(odd, 0, {ord("。"): 5}, MARKS) == {}


def test_a_compressed_centred_mark_keeps_its_ink_in_its_box() -> None:
    song = _faces()["uming.ttc"]
    size = 12.0
    scaled = {c: (a * size / 1000, b * size / 1000) for c, (a, b) in song.items()}
    text = "无法比较。财政拨款支出预算中，一般公共预算、政府性基金和国有资本经营预算。" * 3
    compressed = 0
    for width in range(150, 400, 7):  # lines of every fill, some compressed
        for line in Breaker(lambda c: size, None, scaled).lines(text, float(width)):
            for i, c in enumerate(line.text[:-1]):
                if c in "。、":
                    ink_end = line.xs[i] + size - scaled[c][1]
                    assert ink_end <= line.xs[i + 1] + 1e-9, (width, line.text)
                    if i and line.text[i - 1] not in "。、，":  # moved left, never onto the last
                        assert line.xs[i] + scaled[c][0] >= line.xs[i - 1] + size + 0.1 * size - 1e-9
                        compressed += line.xs[i + 1] - line.xs[i] < size - 1e-9
    assert compressed > 5
    # without the font's blanks a centred mark is halved, and its ink crosses into the next
    crossed = False
    for width in range(150, 400, 7):
        for line in Breaker(lambda c: size).lines(text, float(width)):
            crossed |= any(line.xs[i] + size - scaled[c][1] > line.xs[i + 1] + 1e-9
                           for i, c in enumerate(line.text[:-1]) if c in "。、")
    assert crossed


def test_no_mark_of_the_sample_pdf_runs_into_the_next_character(
        published: Callable[[str], tuple[Path, Path]]) -> None:
    for profile in ("shanxi", "shanghai"):
        pdf = pdfium.PdfDocument(published(profile)[1])
        checked = 0
        try:
            for page in pdf:
                text = page.get_textpage()
                boxes = [(text.get_text_range(k, 1), text.get_charbox(k),
                          text.get_charbox(k, loose=True)) for k in range(text.count_chars())]
                for (b, before, bbox), (c, ink, box), (d, nxt, nbox) in zip(
                        boxes, boxes[1:], boxes[2:], strict=False):
                    if c in MARKS and d.strip() and abs(box[1] - nbox[1]) < 0.5 and nbox[0] > box[0]:
                        checked += 1
                        assert ink[2] <= nxt[0] + 0.1, (profile, c + d, ink, nxt)
                        if b.strip() and abs(bbox[1] - box[1]) < 0.5 and bbox[0] < box[0]:
                            assert before[2] <= ink[0] + 0.1, (profile, b + c, before, ink)
        finally:
            pdf.close()
        assert checked > 100  # the marks of its text and tables (1,362 in the sample)
