"""Tables as aligned plain text, one table row per line, for looking and diffing."""

from __future__ import annotations

import unicodedata

from app.compute.tabledef import ColumnKind, Table


def width(text: str) -> int:
    """Display width: CJK and full-width characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, size: int, right: bool) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def render(table: Table) -> str:
    """The table's caption, title, department line, header grid and rows as aligned text."""
    body = [
        [("  " * row.level if c.kind == ColumnKind.TEXT and i == first_text(table) else "") + t
         for i, (c, t) in enumerate(zip(table.columns, texts, strict=True))]
        for row, texts in zip(table.rows, table.texts(), strict=True)
    ]
    header = table.header_grid()
    sizes = [max(width(r[i]) for r in header + body) for i in range(len(table.columns))]
    lines = [table.caption] if table.caption else []
    lines += [table.title, f"{table.department_line}    {table.unit_line}"]
    for r in header:
        lines.append("  ".join(pad(t, s, False) for t, s in zip(r, sizes, strict=True)).rstrip())
    for r in body:
        cells = [pad(t, s, c.kind == ColumnKind.MONEY)
                 for t, s, c in zip(r, sizes, table.columns, strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines += list(table.all_notes())
    return "\n".join(lines)


def first_text(table: Table) -> int:
    return next((i for i, c in enumerate(table.columns) if c.kind == ColumnKind.TEXT), -1)
