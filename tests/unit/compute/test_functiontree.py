"""function_rows sums level by level: the very Decimals (values, exponents, signs of zero) of
adding each code's amounts to every 类/款/项 prefix of it, in the codes' order."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from decimal import Decimal
from operator import add

from app.compute.functiontree import function_rows
from app.compute.tabledef import Row, RowKind
from app.core.catalog import Catalog, load_catalog
from app.core.money import ZERO


def every_prefix(catalog: Catalog, amounts: Mapping[str, Sequence[Decimal]], width: int) -> list[Row]:
    """The definition: each code with money added to 合计 and to each of its prefixes."""
    zeros = [ZERO] * width
    sums: dict[str, list[Decimal]] = {}
    grand = zeros
    for code, values in amounts.items():
        if not any(values):
            continue
        grand = list(map(add, grand, values))
        for n in (3, 5, 7):
            if n <= len(code):
                sums[code[:n]] = list(map(add, sums.get(code[:n], zeros), values))
    rows = [Row(("合计", "", *grand), RowKind.TOTAL, 0)]
    for code in sorted(sums):
        level = {3: 1, 5: 2}.get(len(code), 3)
        rows.append(Row((code, catalog.name(code), *sums[code]),
                        RowKind.ITEM if level == 3 else RowKind.GROUP, level))
    return rows


def test_the_sums_are_those_of_every_prefix() -> None:
    catalog = load_catalog(2026)
    items = sorted(c for c in catalog.function if len(c) == 7)
    rng = random.Random(21)

    def amount() -> Decimal:
        kind = rng.random()
        if kind < 0.3:
            return Decimal("0.00") if kind < 0.25 else Decimal("-0.00")
        if kind < 0.4:  # other exponents than the 分's
            return Decimal(rng.randint(-10**5, 10**5)).scaleb(rng.randint(-3, 3))
        return Decimal(rng.randint(0, 10**17)) / 100

    for _ in range(400):
        width = rng.randint(1, 8)
        amounts = {}
        for _ in range(rng.randint(0, 30)):  # mostly 项, some shorter, longer or odd codes
            code = rng.choice(items)
            if rng.random() < 0.3:
                code = code[:rng.randint(0, 7)] + "9" * rng.randint(0, 2)
            amounts[code] = [amount() for _ in range(width)]
        assert repr(function_rows(catalog, amounts, width)) == repr(every_prefix(catalog, amounts, width))
