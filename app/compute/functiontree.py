"""Rows of a function-classified table: 合计, then 类, 款 and 项 rows in code order, with money."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from operator import add

from app.compute.tabledef import Cell, Row, RowKind
from app.core.catalog import Catalog
from app.core.money import ZERO

PREFIXES = (3, 5, 7)


def function_rows(
    catalog: Catalog, amounts: Mapping[str, Sequence[Decimal]], width: int, total_label: str = "合计"
) -> list[Row]:
    """Rows (code, name, *amounts) for each 类/款/项 prefix of the codes that have money.

    amounts maps a function code (normally 项) to `width` exact amounts; every 类/款 row is the
    exact sum of the codes below it. The first row is the 合计 row.
    """
    zeros = [ZERO] * width
    sums: dict[str, list[Decimal]] = {}
    grand = zeros
    for code, values in amounts.items():
        if not any(values):
            continue
        grand = list(map(add, grand, values))  # column by column, in one call
        for n in PREFIXES:
            if n <= len(code):
                prefix = code[:n]
                bucket = sums.get(prefix)
                sums[prefix] = list(map(add, zeros if bucket is None else bucket, values))
    rows = [Row((total_label, "", *grand), RowKind.TOTAL, 0)]
    for code in sorted(sums):
        level = PREFIXES.index(len(code)) + 1 if len(code) in PREFIXES else 3
        kind = RowKind.ITEM if level == 3 else RowKind.GROUP
        cells: tuple[Cell, ...] = (code, catalog.name(code), *sums[code])
        rows.append(Row(cells, kind, level))
    return rows
