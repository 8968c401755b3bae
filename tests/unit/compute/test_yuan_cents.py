"""A table in 元 shows every amount with 分 where any of it has 分.

Shanghai prints whole 元. A department with one amount in 分 got columns mixing the two
(1,520,000 above 1,723,247.69): the digits no longer lined up and a whole figure read as if
rounded. Now a table with any 分 shows them all; one without still prints whole 元, and the
Excel workbook's number formats follow the same rule."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.compute.tabledef import Money
from app.profiles.registry import SHANGHAI
from reports.excel_data import save
from reports.excel_tables import tables_workbook

CENTS = re.compile(r"^-?[\d,]+\.\d\d$")
WHOLE = re.compile(r"^-?\d{1,3}(,\d{3})*$")


def test_one_amount_in_fen_gives_its_tables_fen_throughout(tmp_path: Path) -> None:
    assert SHANGHAI.sample is not None
    sample = SHANGHAI.sample()
    first = sample.basic_function[0]
    budget = replace(sample, basic_function=(replace(first, amount=first.amount + Decimal("0.37")),
                                             *sample.basic_function[1:]))
    before = {t.key: t for t in SHANGHAI.tables(sample, "部门") if t.money == Money.YUAN}
    after = {t.key: t for t in SHANGHAI.tables(budget, "部门") if t.money == Money.YUAN}
    assert not any(t.cents for t in before.values())
    changed = [k for k, t in after.items() if t.cents]
    assert changed and len(changed) < len(after)  # some tables carry the 分, others do not
    shown = 0
    for key, table in after.items():
        figures = [table.text(row, i) for row in table.rows for i, v in enumerate(row.cells)
                   if isinstance(v, Decimal) and v]
        shown += bool(figures)
        pattern = CENTS if table.cents else WHOLE
        assert all(pattern.match(f) for f in figures), (key, [f for f in figures
                                                              if not pattern.match(f)][:5])
    assert shown >= 6  # the 基金 and 国资 tables of the sample are empty
    path = tmp_path / "t.xlsx"
    save(tables_workbook(tuple(after.values())), path)
    book = load_workbook(path)
    for ws, table in zip(book.worksheets, after.values(), strict=True):
        formats = {c.number_format for row in ws.iter_rows() for c in row
                   if isinstance(c.value, (int, float, Decimal)) and not isinstance(c.value, bool)
                   and c.value}
        if table.rows and any(isinstance(v, Decimal) and v for row in table.rows for v in row.cells):
            assert formats == {"#,##0.00" if table.cents else "#,##0"}, (table.key, formats)
