"""A table's header rows and columns matched word by word against the table's definition in
the profile: which rows are headers, and which sheet column holds each defined column."""

from __future__ import annotations

import re

from app.compute.tabledef import Table
from app.imports.tables.sheet import Grid, norm

BODY_LABELS = {"合计", "部门合计", "总计"}
EXTRA_HEADER_WORDS = {"金额", "其中", "预算数", "本年", "小计", "项目", "合计", "单位名称", "科目"}
# columns that budget systems add to a table and the template has not (序号, 项目代码…): their
# header words make a header row, and a column under them is never taken for a defined one
ADDED_COLUMNS = {"序号", "编号", "项目代码", "项目编码", "项目编号", "单位编码", "单位代码", "单位编号",
                 "备注", "项目类别", "项目类型", "项目属性", "项目性质", "资金性质", "主管部门"}
# other words over a defined column (科目代码 for 科目编码…): they make a header row, and the
# column under them is matched by its place, as one without header words
VARIANTS = {"说明", "预算单位", "预算单位名称", "功能科目", "功能分类科目", "支出功能分类科目",
            "功能科目编码", "功能科目名称", "科目代码"}


def word(text: str) -> str:
    """A header word for matching: no year, no trailing 预算, no digits-only column numbers."""
    w = re.sub(r"20\d\d年?", "", norm(text))
    if w.isdigit():
        return ""
    if w.endswith("预算") and len(w) > 2:
        w = w[:-2]
    return w


def column_paths(table: Table) -> list[list[str]]:
    """The header words above each column of a table definition, top to bottom."""
    paths: list[list[str]] = [[] for _ in table.columns]
    for cell in sorted(table.header, key=lambda h: (h.row, h.col)):
        for c in range(cell.col, cell.col + cell.colspan):
            w = word(cell.text)
            if w and (not paths[c] or paths[c][-1] != w):
                paths[c].append(w)
    return paths


def vocabulary(table: Table) -> set[str]:
    """The words a header row of table is made of (`VARIANTS` too)."""
    return known_words(table) | VARIANTS


def known_words(table: Table) -> set[str]:
    """The header words that say which column is which (a variant's does not)."""
    return {w for path in column_paths(table) for w in path} | EXTRA_HEADER_WORDS | ADDED_COLUMNS


def header_like(grid: Grid, row: int, vocab: set[str], left: int) -> bool:
    """Whether a row holds header words only (left: the table's first column)."""
    texts = [(c, grid.text(row, c)) for c in range(1, grid.cols + 1)]
    filled = [(c, t) for c, t in texts if t]
    if not filled:
        return False
    if [t for _, t in filled] == [str(i + 1) for i in range(len(filled))]:
        return True  # the column-number row 1 2 3 …
    if filled[0][0] <= left and norm(filled[0][1]) in BODY_LABELS and len(filled) == 1:
        return False  # a 合计 row with nothing in it (a header row may start with 合计)
    return all(not isinstance(grid.value(row, c), int | float) and word(t) in vocab | {""}
               for c, t in filled)


def first_column(grid: Grid, start: int, bottom: int) -> int:
    """The leftmost column with anything in it from start to bottom."""
    return min((c for (r, c) in grid.values if start <= r <= bottom), default=1)


def header_lines(grid: Grid, start: int, bottom: int, template: Table) -> list[int]:
    vocab = vocabulary(template)
    left = first_column(grid, start, bottom)
    rows: list[int] = []
    r = start
    while r <= bottom and len(rows) < 5 and header_like(grid, r, vocab, left):
        rows.append(r)
        r += 1
    return rows


def map_columns(grid: Grid, header: list[int], body: int, bottom: int,
                template: Table) -> list[int | None] | None:
    """The sheet column of each column of the definition (None where missing), in order."""
    used = [c for c in range(1, grid.cols + 1)
            if any(grid.spanned(h, c) for h in header)
            or any(grid.text(r, c) for r in range(body, bottom + 1))]
    sheet_paths: list[set[str]] = []
    for c in used:
        sheet_paths.append({w for h in header if (w := word(grid.spanned(h, c)))})
    paths = column_paths(template)
    known = known_words(template)

    def score(k: int, j: int) -> float:
        path, have = paths[k], sheet_paths[j]
        if not path:
            return 0.5
        if path[-1] in have:
            return 10 + sum(1 for w in path[:-1] if w in have) - 0.1 * len(have - set(path))
        if not have & known:
            return 0.5  # no header words over it (or a variant's): matched by position
        if have - known and have & known <= set(path[:-1]):
            return 0.5  # a variant's word under this column's own group words (项目/科目代码)
        return 0.0

    n, m = len(paths), len(used)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for k in range(1, n + 1):
        for j in range(1, m + 1):
            s = score(k - 1, j - 1)
            best[k][j] = max(best[k][j - 1], best[k - 1][j],
                             best[k - 1][j - 1] + s if s > 0 else -1.0)
    mapping: list[int | None] = [None] * n
    k, j = n, m
    while k > 0 and j > 0:
        s = score(k - 1, j - 1)
        if s > 0 and best[k][j] == best[k - 1][j - 1] + s:
            mapping[k - 1] = used[j - 1]
            k, j = k - 1, j - 1
        elif best[k][j] == best[k][j - 1]:
            j -= 1
        else:
            k -= 1
    strong = sum(1 for k, c in enumerate(mapping) if c is not None and score(k, used.index(c)) >= 10)
    return mapping if strong >= max(1, len(paths) // 2) else None
