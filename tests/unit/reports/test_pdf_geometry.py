"""The PDF's typesetting read back from its geometry (pdfplumber characters, lines, rectangles):
no glyph across a rule or past the body's edge, 标点禁则 in every paragraph and cell, each 一级
and 二级 label once per form and page; on the sample, a generated department with long texts and
30 indicators per form, and the chart version. Page counts and embedded fonts too."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from app.core.records import Budget, Settings
from reports.pdf import write_pdf
from tests.helpers.long_forms import long_department
from tests.helpers.pdf_geometry import faults
from tests.helpers.pdftext import flat_text, page_texts


def labels(budget: Budget) -> tuple[set[str], set[str]]:
    inds = [i for t in budget.targets for i in t.indicators]
    return {i.level1 for i in inds}, {i.level2 for i in inds}


def written(budget: Budget, path: Path) -> Path:
    write_pdf(budget, path)
    return path


@pytest.fixture(scope="module")
def versions(sample: Budget, sample_pdf: Path,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Budget, Path]]:
    root = tmp_path_factory.mktemp("geometry")
    charted = replace(sample, settings=Settings(charts=True))
    long = long_department()
    return {"sample": (sample, sample_pdf)} | {
        name: (b, written(b, root / f"{name}.pdf")) for name, b in (("charts", charted), ("long", long))}


@pytest.mark.parametrize("name", ["sample", "charts", "long"])
def test_no_typesetting_faults(name: str, versions: dict[str, tuple[Budget, Path]]) -> None:
    budget, path = versions[name]
    assert faults(path, *labels(budget)) == []


def test_long_forms_continue_with_marked_labels(versions: dict[str, tuple[Budget, Path]]) -> None:
    _b, path = versions["long"]
    assert "（续）" in flat_text(path)


def test_sample_page_counts(versions: dict[str, tuple[Budget, Path]]) -> None:
    _b, path = versions["sample"]
    pages = page_texts(path)
    assert len(pages) <= 40
    forms = [n for n, p in enumerate(pages) if "绩效指标" in p or "附件" in p[:30]]
    assert forms[-1] - forms[0] + 1 <= 16


@pytest.mark.parametrize("name", ["sample", "charts"])
def test_every_font_embedded(name: str, versions: dict[str, tuple[Budget, Path]]) -> None:
    _b, path = versions[name]
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font")
        for font in (fonts.get_object().values() if fonts else []):
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font["/BaseFont"]


def test_form_text_not_below_nine_points(versions: dict[str, tuple[Budget, Path]]) -> None:
    """The forms pack without shrinking their text (the 13 tables still shrink to fit a row)."""
    _b, path = versions["sample"]
    forms = [n for n, text in enumerate(page_texts(path)) if "绩效指标" in text]
    with pdfplumber.open(path) as pdf:  # the characters' sizes: only the form pages
        sizes = {round(c["size"], 1) for n in forms for c in pdf.pages[n].chars}
    assert min(sizes) >= 9


def test_language_and_open_bookmarks(versions: dict[str, tuple[Budget, Path]]) -> None:
    _b, path = versions["sample"]
    root = PdfReader(path).trailer["/Root"]
    assert root["/Lang"] == "zh-CN" and root["/PageMode"] == "/UseOutlines"
