"""The Shanghai sample's 9 tables print every row, title, header and 编制部门 line of the reference."""

from __future__ import annotations

import pytest

from app.compute.tabledef import Money, Table
from app.compute.textout import render
from app.profiles.shanghai.sample import load_sample
from app.profiles.shanghai.tables import build_tables
from app.profiles.shanghai.words import TABLES
from tests.helpers.putuo import TABLE_PAGES, body_rows, compact, header_text, pages, table_lines

KEYS = [key for key, _ in TABLES]


@pytest.fixture(scope="module")
def tables() -> dict[str, Table]:
    return {t.key: t for t in build_tables(load_sample())}


def printed(table: Table) -> list[str]:
    """Each body row as its non-blank cells joined, the way the reference's text runs."""
    return [compact("".join(cell for cell in row if cell)) for row in table.texts()]


@pytest.mark.parametrize("key", KEYS)
def test_every_row_equals_the_reference(key: str, tables: dict[str, Table]) -> None:
    expected = [compact(line) for line in body_rows(key)]
    assert printed(tables[key]) == expected


@pytest.mark.parametrize("key", KEYS)
def test_title_is_the_reference_title(key: str, tables: dict[str, Table]) -> None:
    first = pages()[TABLE_PAGES[key][0]]
    assert tables[key].title == first[0].replace("\"", "“")
    assert [t.key for t in build_tables(load_sample())] == KEYS


def test_titles_in_the_contents_order(tables: dict[str, Table]) -> None:
    contents = [compact(line.rstrip("…")) for line in pages()[2][6:15]]
    assert [compact(f"{t.number}.{t.title}") for t in tables.values()] == contents


@pytest.mark.parametrize("key", [k for k in KEYS if k != "capital"])
def test_department_and_unit_line(key: str, tables: dict[str, Table]) -> None:
    line = pages()[TABLE_PAGES[key][0]][1]
    table = tables[key]
    assert compact(f"{table.department_line} {table.unit_line}") == compact(line)


def test_capital_table_names_the_department_the_reference_left_blank(
        tables: dict[str, Table]) -> None:
    assert pages()[21][1] == "编制部门： 单位：元"  # the reference's omission (PUTUO-NOTES.md)
    assert tables["capital"].department_line == "编制部门：上海市普陀区文化和旅游局"


@pytest.mark.parametrize("key", KEYS)
def test_header_words_are_the_reference_headers(key: str, tables: dict[str, Table]) -> None:
    """The same characters, each as often (the PDF text breaks long header cells over lines)."""
    quotes = str.maketrans("", "", "“”\"")
    mine = compact("".join(cell.text for cell in tables[key].header)).translate(quotes)
    assert sorted(mine) == sorted(compact(header_text(key)).translate(quotes))


@pytest.mark.parametrize("key", ["fund", "capital"])
def test_empty_fund_tables_say_so_in_the_reference_words(key: str,
                                                         tables: dict[str, Table]) -> None:
    table = tables[key]
    note = next(line for line in table_lines(key) if line.startswith("注"))
    assert table.empty and [compact(n) for n in table.all_notes()] == [compact(note)]


def test_money_in_yuan_and_three_public_in_wan(tables: dict[str, Table]) -> None:
    assert {t.key for t in tables.values() if t.money == Money.YUAN} == set(KEYS) - {"three-public"}
    assert tables["three-public"].unit_line == "单位：万元"
    assert tables["finance"].texts()[-1][1] == "278,076,101"
    text = render(tables["finance"])
    assert text.splitlines()[0] == "2026年部门财务收支预算总表"
    assert "编制部门：上海市普陀区文化和旅游局    单位：元" in text
