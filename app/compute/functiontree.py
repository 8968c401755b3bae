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
    # each code's amounts go to its deepest 类/款/项 prefix (or only to 合计), then each level's
    # sums to the level above: half the additions of adding each code to every prefix, and the
    # same sums, each exact (amounts stay far within Decimal's 28 digits, bounds.MAX_AMOUNT)
    own: dict[str, list[Decimal]] = {}
    short: list[Sequence[Decimal]] = []  # codes shorter than a 类: only in 合计
    for code, values in amounts.items():
        if not any(values):
            continue
        n = 7 if len(code) >= 7 else 5 if len(code) >= 5 else 3 if len(code) >= 3 else 0
        if not n:
            short.append(values)
            continue
        prefix = code[:n]
        bucket = own.get(prefix)
        own[prefix] = list(map(add, zeros if bucket is None else bucket, values))
    sums = dict(own)
    for n, above in ((7, 5), (5, 3)):
        for prefix in [p for p in sums if len(p) == n]:
            up = prefix[:above]
            held = sums.get(up)
            sums[up] = sums[prefix] if held is None else list(map(add, held, sums[prefix]))
    grand = zeros
    for code in sorted(c for c in sums if len(c) == 3):
        grand = list(map(add, grand, sums[code]))
    for values in short:
        grand = list(map(add, grand, values))
    rows = [Row((total_label, "", *grand), RowKind.TOTAL, 0)]
    for code in sorted(sums):
        level = PREFIXES.index(len(code)) + 1 if len(code) in PREFIXES else 3
        kind = RowKind.ITEM if level == 3 else RowKind.GROUP
        cells: tuple[Cell, ...] = (code, catalog.name(code), *sums[code])
        rows.append(Row(cells, kind, level))
    return rows
