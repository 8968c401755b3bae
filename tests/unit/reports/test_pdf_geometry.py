"""The PDF's typesetting read back from its geometry (characters and rules, tests/helpers/pdfpages.py):
no glyph across a rule or past the body's edge, 标点禁则 in every paragraph and cell, each 一级
and 二级 label once per form and page; on the sample, a generated department with long texts and
30 indicators per form, and the chart version. Page counts and embedded fonts too."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.core.records import Budget
from reports.fonts import load_fonts
from reports.pdf import build_story, ordered_targets, write_pdf
from reports.pdf_forms import block_end, indicator_rows
from reports.pdf_grid import Grid
from tests.helpers.long_forms import long_department
from tests.helpers.pdf_geometry import faults
from tests.helpers.pdftext import char_sizes, flat_text, page_texts


def labels(budget: Budget) -> tuple[set[str], set[str]]:
    inds = [i for t in budget.targets for i in t.indicators]
    return {i.level1 for i in inds}, {i.level2 for i in inds}


def written(budget: Budget, path: Path) -> Path:
    write_pdf(budget, path)
    return path


@pytest.fixture(scope="module")
def versions(sample: Budget, sample_pdf: Path, charted: tuple[Budget, Path],
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Budget, Path]]:
    """The sample, the chart version (charted: with a 部门整体 form too, shared with test_pdf_write)
    and the long department."""
    long = long_department()
    return {"sample": (sample, sample_pdf), "charts": charted,
            "long": (long, written(long, tmp_path_factory.mktemp("geometry") / "long.pdf"))}


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


def blocks_fitting(budget: Budget) -> list[bool]:
    """Per target form in print order: whether its title, header block (名称 … 总体目标) and
    first indicator group together fit on one page."""
    flow, _keys, _story = build_story(budget, load_fonts())
    grids = [f for f in flow if isinstance(f, Grid)]
    out = []
    for g in grids:
        heights = g.row_heights(g.width)
        out.append(g.title_height(g.width) + sum(heights[:block_end(g.rows)]) <= g.page_height)
    return out


@pytest.mark.parametrize("name", ["sample", "charts", "long"])
def test_header_block_stays_with_the_first_group(
        name: str, versions: dict[str, tuple[Budget, Path]]) -> None:
    """A form's 名称 … 总体目标 is on the page of its first indicator group where both fit on a
    page; a taller one ends (总体目标) on that page. Read from the PDF's text, form by form."""
    budget, path = versions[name]
    pages = [re.sub(r"\s", "", p) for p in page_texts(path)]  # pypdfium2: only the text is read
    starts = list(accumulate(len(p) for p in pages))
    flat = "".join(pages)

    def page(at: int) -> int:
        return bisect_right(starts, at)

    fitting = blocks_fitting(budget)
    assert len(fitting) == len(budget.targets)
    kept = 0
    at = 0
    for n, (form, fits) in enumerate(zip(ordered_targets(budget), fitting, strict=True), start=1):
        at = flat.index(f"附件{n}：", at)
        dept = flat.index("主管部门及代码", at)
        grid = flat.index("实施期指标", at)
        goal = flat.rindex("总体目标", at, grid)
        row = flat.index(indicator_rows(form.indicators)[0][1], grid)  # the first 二级 label
        assert page(goal) == page(grid) == page(row), (n, page(goal), page(grid), page(row))
        if fits:
            assert page(at) == page(dept) == page(grid), (n, page(at), page(grid))
            kept += 1
    assert kept >= {"sample": 10, "charts": 10, "long": 0}[name]


def test_a_table_a_few_rows_too_long_is_kept_on_its_page(
        versions: dict[str, tuple[Budget, Path]]) -> None:
    """The sample's table 2 is four rows longer than its page at the usual row height: its rows
    are set tighter and all of them (the last is 2210201) share the page of its title."""
    _b, path = versions["sample"]
    pages = [re.sub(r"\s", "", p) for p in page_texts(path)]  # pypdfium2: only the text is read
    table2 = next(p for p in pages if "预算公开表2" in p)
    assert re.sub(r"—\d+—$", "", table2).endswith("2210201住房公积金80.4680.46")
    assert not any(p.startswith("项目本年收入") for p in pages)  # no continued part of it


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
    sizes = char_sizes(path, forms)  # the characters' sizes: only the form pages
    assert min(sizes) >= 9


def test_language_and_open_bookmarks(versions: dict[str, tuple[Budget, Path]]) -> None:
    _b, path = versions["sample"]
    root = PdfReader(path).trailer["/Root"]
    assert root["/Lang"] == "zh-CN" and root["/PageMode"] == "/UseOutlines"
