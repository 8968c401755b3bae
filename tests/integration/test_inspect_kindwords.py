"""`inspect` on 部门/单位 wording: our department and unit PDFs pass; a copy with the other
kind's words is caught on its page, the kind told by the title page or the Shanghai titles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.findings import Severity
from app.inspect.run import inspect
from tests.helpers.plainpdf import draw
from tests.helpers.read_once import document
from tests.helpers.read_once import pages as read_pages
from tests.helpers.unit_pdfs import unit_pdfs

Pages = list[list[str]]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory,
            published: Callable[[str], tuple[Path, Path]]) -> tuple[Path, Path]:
    """The sample's PDF as `budget-desk pdf` writes it (tests/conftest.py's published) and one
    unit's as `pdf --units` writes them (tests/helpers/unit_pdfs.py's, shared)."""
    department = published("shanxi")[1]
    units = unit_pdfs(tmp_path_factory)[1]
    unit = next(p for p in sorted(units.glob("*.pdf")) if "研究院" in p.name)
    return department, unit


def kind_errors(path: Path) -> list[int | None]:
    return [f.page for f in inspect(path).findings
            if f.check == "kind-wording" and f.severity == Severity.ERROR]


def swapped(path: Path, old: str, new: str) -> tuple[Pages, int]:
    pages = read_pages(path)
    number = next(i for i, lines in enumerate(pages, 1) if i > 2 and any(old in line for line in lines))
    pages[number - 1] = [line.replace(old, new, 1) for line in pages[number - 1]]
    return pages, number


def test_our_department_and_unit_pdfs_pass(written: tuple[Path, Path]) -> None:
    department, unit = written
    for path in (department, unit):
        outcome = inspect(path)
        assert "kind-wording" in outcome.run
        assert kind_errors(path) == []


def test_department_words_in_a_unit_pdf_are_caught_on_their_page(written: tuple[Path, Path],
                                                                 tmp_path: Path) -> None:
    _, unit = written
    pages, number = swapped(unit, "单位名称：", "部门名称：")
    assert kind_errors(draw(pages, tmp_path / "unit.pdf")) == [number]


def test_unit_words_in_a_department_pdf_are_caught_on_their_page(written: tuple[Path, Path],
                                                                 tmp_path: Path) -> None:
    department, _ = written
    pages, number = swapped(department, "本部门", "本单位")
    assert kind_errors(draw(pages, tmp_path / "department.pdf")) == [number]


def test_a_pdf_that_does_not_say_its_kind_lists_the_rule_as_not_run(written: tuple[Path, Path],
                                                                    tmp_path: Path) -> None:
    department, _ = written
    pages = [[line.replace("部门预算公开", "预算公开").replace("部门名称：", "名称：") for line in lines]
             for lines in (p.lines for p in document(department).pages)]
    outcome = inspect(draw(pages, tmp_path / "plain.pdf"))
    assert "kind-wording" in dict(outcome.not_run)
