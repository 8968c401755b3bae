"""Our PDF read back: every row of the 13 tables and every figure of the text found in order;
a dropped row or figure is a 错误 on the page where it should be."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.compute.tabledef import Table
from app.core.findings import Severity
from app.core.records import Budget
from app.inspect import readback
from app.profiles.shanxi import narrative
from app.profiles.shanxi.tables import build_tables
from tests.helpers.plainpdf import draw
from tests.helpers.read_once import document
from tests.helpers.read_once import pages as read_pages


@pytest.fixture(scope="module")
def written(published: Callable[[str], tuple[Path, Path]]) -> Path:
    """The sample's PDF as `budget-desk pdf` writes it (tests/conftest.py's published)."""
    return published("shanxi")[1]


def paragraphs(budget: Budget) -> list[str]:
    return [p for s in narrative.sections(budget) for p in s.paragraphs]


def test_the_sample_pdf_holds_every_row_and_figure(written: Path, sample: Budget) -> None:
    assert readback.check(document(written), build_tables(sample), paragraphs(sample)) == []


def test_a_dropped_row_and_a_lost_figure_are_errors_on_their_pages(written: Path, sample: Budget,
                                                                   tmp_path: Path) -> None:
    pages = read_pages(written)
    table3 = next(i for i, lines in enumerate(pages, 1)
                  if any(line.endswith("预算支出总表") for line in lines)
                  and not any("...." in line for line in lines))
    pages[table3 - 1] = [line for line in pages[table3 - 1] if not line.startswith("20603 ")]
    text = next(i for i, lines in enumerate(pages, 1) if any("公用经费115.13万元" in line for line in lines))
    pages[text - 1] = [line.replace("公用经费115.13万元", "公用经费万元") for line in pages[text - 1]]
    found = readback.check(draw(pages, tmp_path / "b.pdf"), build_tables(sample), paragraphs(sample))
    assert {f.severity for f in found} == {Severity.ERROR}
    assert [(f.page, "20603" in f.message) for f in found if "表3" in f.message] == [(table3, True)]
    assert [f.page for f in found if "115.13" in f.message] == [text]
    assert len(found) == 2


@pytest.fixture(scope="module")
def shanghai(published: Callable[[str], tuple[Path, Path]]) -> tuple[Path, Budget]:
    from app.store import storage

    budget, pdf = published("shanghai")
    return pdf, storage.load(budget)


def _yuan_tables(budget: Budget) -> tuple[Table, ...]:
    from app.profiles.registry import profile_of

    found, kind = profile_of(budget)
    return found.tables(budget, kind)


@pytest.mark.parametrize(("old", "new"), [
    ("4,654,597 4,654,597", "4,654,59 4,654,597"),  # a digit dropped
    ("30,953,134 30,953,134", "30,953,184 30,953,134"),  # a digit changed
])
def test_a_dropped_or_changed_digit_of_a_yuan_cell_is_found(shanghai: tuple[Path, Budget], tmp_path: Path,
                                                            old: str, new: str) -> None:
    pdf, budget = shanghai
    tables = _yuan_tables(budget)
    assert readback.check(document(pdf), tables) == []
    pages = read_pages(pdf)
    page = next(i for i, lines in enumerate(pages, 1) if i > 2 and any(old in line for line in lines))
    index = next(i for i, line in enumerate(pages[page - 1]) if old in line)
    pages[page - 1][index] = pages[page - 1][index].replace(old, new, 1)
    found = readback.check(draw(pages, tmp_path / "b.pdf"), tables)
    assert [(f.page, f.severity) for f in found] == [(page, Severity.ERROR)], found
