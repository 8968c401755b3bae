"""A disclosure table longer than its page goes on under "续表：" and its caption, on every page
after its first and on no other page (Chinese typesetting: a table carried over is marked)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.records import Budget
from app.profiles.shanghai.sample import load_sample as shanghai_sample
from reports.pdf import write_pdf
from tests.helpers.pdf_geometry import faults
from tests.helpers.pdftext import page_texts
from tests.helpers.synthetic import balanced, generate

START = re.compile(r"^预算公开表(\d+)$")
CONTINUED = re.compile(r"^续表：预算公开表(\d+)$")


def lines(page: str) -> list[str]:
    return [re.sub(r"\s", "", line) for line in page.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A department of 80 projects in 10 units (no target forms: the tables only)."""
    budget = balanced(generate(10, 80, seed=3))
    path = tmp_path_factory.mktemp("continued") / "long.pdf"
    write_pdf(replace(budget, targets=()), path)
    return path


@pytest.fixture(scope="module")
def long_tables(long_pdf: Path) -> list[str]:
    return page_texts(long_pdf)


def test_every_page_a_table_goes_on_to_is_marked(long_tables: list[str]) -> None:
    current: str | None = None  # the table the pages are in
    continued: list[str] = []
    for page in long_tables:
        first = lines(page)[:3]
        starts = [m.group(1) for line in first if (m := START.match(line))]
        marks = [m.group(1) for line in first if (m := CONTINUED.match(line))]
        if starts:
            assert not marks
            current = starts[0]
        elif marks:
            assert marks == [current]  # the table of the page before, its mark once
            continued.append(marks[0])
        elif current is not None and "科目编码" in page and "部门名称" not in page:
            pytest.fail(f"预算公开表{current} goes on to a page without its mark: {first}")
    assert {"2", "3", "12"} <= set(continued)
    # no mark where a table starts: the table's first page has its caption alone
    assert not any(CONTINUED.match(line) for page in long_tables for line in lines(page)
                   if START.match(line))


def test_the_marks_keep_inside_the_body_and_off_the_rules(long_pdf: Path) -> None:
    assert faults(long_pdf, set(), set()) == []


def test_a_template_without_captions_marks_with_the_title(tmp_path: Path) -> None:
    sample: Budget = shanghai_sample()
    many = generate(10, 80, seed=3)
    budget = replace(sample, units=many.units, projects=many.projects, targets=())
    path = tmp_path / "sh.pdf"
    write_pdf(budget, path)
    marks = [line for page in page_texts(path) for line in lines(page) if line.startswith("续表")]
    assert marks and all(m.startswith("续表：") and m.endswith("表") and "预算公开表" not in m
                         for m in marks)
