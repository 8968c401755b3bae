"""The publication PDF of the sample: every table row and 第三部分 figure of the reference in its
text, fonts embedded, 目录 page numbers true, outline present."""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from app.core.money import yuan_text
from app.core.records import Budget
from app.profiles.shanxi.narrative import sections
from reports.fonts import load_fonts
from reports.pdf import write_pdf
from tests.helpers.pdffonts import pdf_fonts
from tests.helpers.pdftext import layout_text, page_texts
from tests.helpers.reference import TITLES, reference_tables
from tests.helpers.reference_text import figures, reference_sections

rl_config.invariant = 1


@pytest.fixture(scope="module")
def pages(sample_pdf: Path) -> list[str]:
    return page_texts(sample_pdf)


def row_found(cells: list[str], lines: list[list[str]]) -> bool:
    """Whether one extracted line holds the row's non-empty cells, in order, each a whole word."""
    wanted = [c for c in cells if c]
    for words in lines:
        i = 0
        for word in words:
            if i < len(wanted) and word == wanted[i]:
                i += 1
        if i == len(wanted):
            return True
    return False


def split_lines(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines()]


def missing_rows(text: str) -> list[tuple[int, list[str]]]:
    """The reference rows not on one line of their own table's part of text: after the line of
    its title, before the next table's (a row is not found in another table with the same
    figures: the 支出 table repeats the 收入 table's first figures)."""
    lines = [line.strip() for line in text.splitlines()]
    starts = [lines.index(title) for title in TITLES.values()]
    assert starts == sorted(starts)
    ends = [*starts[1:], len(lines)]
    words = split_lines(text)
    return [(n, row) for (n, rows), start, end in zip(reference_tables().items(), starts, ends, strict=True)
            for row in rows if not row_found(row, words[start + 1:end])]


def test_every_reference_table_row_on_one_line(pages: list[str]) -> None:
    """In the order pdfium reads the pages' text (the order it is drawn in)."""
    assert missing_rows("\n".join(pages)) == []


def test_every_reference_table_row_on_one_printed_line(sample_pdf: Path) -> None:
    """On one printed line (page_lines: by baseline, left to right, what pdftotext -layout
    gave), whatever order the cells are drawn in."""
    assert missing_rows(layout_text(sample_pdf)) == []


def part_three(pages: list[str]) -> str:
    """The text of 第三部分, page footers left out so paragraphs run on across pages."""
    text = "\n".join(re.sub(r"— \d+ —", "", page) for page in pages)
    start = text.index("第三部分 2026年度部门预算情况说明\n")
    return text[start:text.index("第四部分 名词解释\n", start)]


def test_every_reference_figure_of_part_three_is_printed(pages: list[str]) -> None:
    text = part_three(pages).replace("\n", "")
    printed = Counter(figures(text))
    for heading, sentences in reference_sections().items():
        want = Counter(figures(" ".join(sentences)))
        assert not want - printed, (heading, want - printed)


def test_generated_paragraphs_are_printed_whole(sample: Budget, pages: list[str]) -> None:
    text = re.sub(r"\s", "", part_three(pages))
    for s in sections(sample):
        assert s.heading in text
        for paragraph in s.paragraphs:
            assert re.sub(r"\s", "", paragraph) in text, paragraph[:40]


def test_target_forms_printed(sample: Budget, pages: list[str]) -> None:
    text = "\n".join(pages)
    flat = re.sub(r"\s", "", text)
    assert flat.count(sample.texts.form_title) == len(sample.targets)  # the province's own title
    for form in sample.targets:
        assert re.sub(r"\s", "", form.project) in flat
        assert yuan_text(form.annual.total) in flat
        assert yuan_text(form.implementation.total) in flat
    assert "108-晋城市科学技术局" in flat


def test_long_form_continues_with_its_header(sample: Budget, pages: list[str]) -> None:
    """A form over two pages repeats the indicator header on the next page."""
    headed = [p for p in pages if "实施期指标" in p]
    assert len(headed) > len(sample.targets)
    continued = [p for p in headed if "项目支出绩效目标表" not in p]
    assert continued and all("一级指标" in p and "三级指标" in p for p in continued)


def test_every_font_embedded(sample_pdf: Path) -> None:
    fonts = pdf_fonts(sample_pdf)
    assert [f.name for f in fonts if not f.embedded] == []
    assert any("UMingCN" in f.name for f in fonts) and any("WenQuanYiZenHei" in f.name for f in fonts)


def test_every_font_a_subset_with_a_unicode_map(sample_pdf: Path) -> None:
    """What `pdffonts` said with "yes yes yes" on each row (emb, sub, uni): the text copies out."""
    fonts = pdf_fonts(sample_pdf)
    assert fonts and [f for f in fonts if not (f.embedded and f.subset and f.unicode)] == []


def pdf_dict(**entries: object) -> DictionaryObject:
    """A PDF dictionary: each keyword a name, each "/..." value a name, others as they are."""
    return DictionaryObject({NameObject(f"/{k}"): NameObject(v) if type(v) is str else v
                             for k, v in entries.items()})


def mixed_fonts(path: Path) -> Path:
    """A page in reportlab's standard Helvetica (not embedded; drawn in a form XObject), its
    STSong-Light (a Type0 font whose CIDFont descendant is not embedded) and the bundled 宋体
    (an embedded TrueType subset), and a Type0 font put in by hand whose descendant holds its
    program (/FontFile2)."""
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer)
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf.beginForm("helvetica")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(50, 700, "Total 1,200.00")
    pdf.endForm()
    pdf.doForm("helvetica")
    pdf.setFont("STSong-Light", 10)
    pdf.drawString(50, 680, "合计")
    pdf.setFont(load_fonts().song, 10)  # registered as the renderer registers it (parsed once)
    pdf.drawString(50, 660, "合计")
    pdf.save()
    writer = PdfWriter(clone_from=BytesIO(buffer.getvalue()))
    program = DecodedStreamObject()
    program.set_data(b"\0")
    cid = pdf_dict(Type="/Font", Subtype="/CIDFontType2", BaseFont="/ABCDEF+Hand",
                   FontDescriptor=pdf_dict(Type="/FontDescriptor", FontName="/ABCDEF+Hand",
                                           FontFile2=writer._add_object(program)),
                   CIDSystemInfo=pdf_dict(Registry=TextStringObject("Adobe"),
                                          Ordering=TextStringObject("Identity"), Supplement=NumberObject(0)))
    type0 = pdf_dict(Type="/Font", Subtype="/Type0", BaseFont="/ABCDEF+Hand", Encoding="/Identity-H",
                     DescendantFonts=ArrayObject([cid]))
    # the page's own font list without Helvetica (reportlab shares one list with the form)
    resources = writer.pages[0]["/Resources"].get_object()
    shared = resources["/Font"].get_object()
    mine = DictionaryObject({k: v for k, v in shared.items()
                             if v.get_object()["/BaseFont"] != "/Helvetica"})
    mine[NameObject("/FHand")] = type0
    resources[NameObject("/Font")] = mine
    writer.write(path)
    return path


def test_the_font_check_finds_a_font_not_embedded(tmp_path: Path) -> None:
    """The checks above fail on a PDF whose fonts are not all in it, whether the font is simple,
    drawn from a form or a Type0 font's descendant."""
    fonts = {f.name: f.embedded for f in pdf_fonts(mixed_fonts(tmp_path / "fonts.pdf"))}
    assert fonts == {"Helvetica": False, "STSong-Light": False, "AAAAAA+UMingCN-0": True,
                     "ABCDEF+Hand": True}


def test_toc_numbers_are_the_real_pages(pages: list[str]) -> None:
    toc = pages[1]
    entries = re.findall(r"^(.+?)\s*\.{3,}\s*(\d+)$", toc, re.MULTILINE)
    assert len(entries) >= 30
    for title, number in entries:
        page = pages[1 + 1 + int(number) - 1 + front_offset(pages)]
        footer = re.search(r"— (\d+) —", page)
        assert footer and footer.group(1) == number, title
        heading = re.sub(r"^表[一二三四五六七八九十]+ ", "", title)
        assert re.sub(r"\s", "", heading) in re.sub(r"\s", "", page), (title, number)


def front_offset(pages: list[str]) -> int:
    """Pages before 第一部分 beyond the title page and the first 目录 page."""
    first = next(i for i, p in enumerate(pages) if "— 1 —" in p)
    return first - 2


def test_outline_and_links(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    assert titles == ["第一部分 概况", "第二部分 2026年部门预算报表", "第三部分 2026年度部门预算情况说明",
                      "第四部分 名词解释"]
    children = reader.outline[titles.index("第二部分 2026年部门预算报表") * 2 + 1]
    assert len(children) == 13
    annotations = reader.pages[1].get("/Annots") or []
    assert len(annotations) >= 30  # each 目录 line links to its page


def test_sample_pdf_is_reproducible(sample: Budget, sample_pdf: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    write_pdf(sample, again)
    assert again.read_bytes() == sample_pdf.read_bytes()


def test_no_line_starts_with_closing_punctuation(pages: list[str]) -> None:
    """标点禁则: a full-width comma, stop or closing bracket never opens a printed line."""
    from reports.pdf_doc import CHINESE_CANNOT_START

    opening = [(n, line[:20]) for n, text in enumerate(pages, 1) for line in text.splitlines()
               if line[:1] in CHINESE_CANNOT_START]
    assert opening == []
