"""The publication PDF of the sample: every table row and 第三部分 figure of the reference in its
text, fonts embedded, 目录 page numbers true, outline present."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from reportlab import rl_config

from app.core.money import yuan_text
from app.core.records import Budget
from app.profiles.shanxi.narrative import sections
from reports.pdf import write_pdf
from tests.helpers.pdftext import page_texts
from tests.helpers.reference import reference_tables
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


def test_every_reference_table_row_on_one_line(pages: list[str]) -> None:
    lines = split_lines("\n".join(pages))
    missing = [(n, row) for n, rows in reference_tables().items() for row in rows
               if not row_found(row, lines)]
    assert missing == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext not installed")
def test_pdftotext_layout_keeps_rows_on_one_line(sample_pdf: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(sample_pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = split_lines(text)
    missing = [(n, row) for n, rows in reference_tables().items() for row in rows
               if not row_found(row, lines)]
    assert missing == []


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


def fonts_of(resources: DictionaryObject, seen: set[int]) -> list[DictionaryObject]:
    found = []
    fonts = resources.get("/Font")
    if fonts is not None:
        found += [f.get_object() for f in fonts.get_object().values()]
    for xobject in (resources.get("/XObject") or {}).values():
        obj = xobject.get_object()
        if id(obj) not in seen and "/Resources" in obj:
            seen.add(id(obj))
            found += fonts_of(obj["/Resources"].get_object(), seen)
    return found


def test_every_font_embedded(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    names = set()
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        for font in fonts_of(resources, set()):
            names.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None, font["/BaseFont"]
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert any("UMingCN" in n for n in names) and any("WenQuanYiZenHei" in n for n in names)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler's pdffonts not installed")
def test_pdffonts_says_embedded(sample_pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(sample_pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows), out


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
