"""Every cell of every table of the sample equals the published reference, 尾差 included."""

from __future__ import annotations

import pytest

from app.compute.tabledef import Table
from tests.helpers.reference import reference_tables


@pytest.mark.parametrize("number", range(1, 14))
def test_table_matches_reference(number: int, sample_tables: tuple[Table, ...]) -> None:
    table = sample_tables[number - 1]
    expected = reference_tables()[number]
    got = [[cell.replace(" ", "") for cell in row] for row in table.texts()]
    assert len(got) == len(expected)
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == theirs[: len(mine)] and not any(theirs[len(mine):]), (mine, theirs)


def test_reference_has_all_tables() -> None:
    tables = reference_tables()
    assert sorted(tables) == list(range(1, 14))
    assert sum(len(rows) for rows in tables.values()) > 200


def test_tail_differences_are_reproduced(sample_tables: tuple[Table, ...]) -> None:
    """人员经费 1059.67 beside 906.00 + 153.68, and 基本支出 1174.80 beside rows adding to 1174.81."""
    t6 = {row[0]: row for row in sample_tables[5].texts()}
    assert t6["合计"][3] == "1059.67"
    assert (t6["工资福利支出"][3], t6["对个人和家庭的补助"][3]) == ("906.00", "153.68")
    t3 = sample_tables[2].texts()
    assert t3[0][3] == "1174.80"
    classes = [r for r in t3[1:] if len(r[0]) == 3]
    assert sum(float(r[3] or 0) for r in classes) == pytest.approx(1174.81)


def test_empty_tables_say_so(sample_tables: tuple[Table, ...]) -> None:
    assert [t.number for t in sample_tables if t.empty] == [7, 8, 9, 10]
    assert all(t.all_notes()[0] == "注：本表无数据" for t in sample_tables if t.empty)
