"""Finding a profile's tables in a workbook by title and headers, and reading their rows.

A table starts at its title (or, where the profile has them, its caption 预算公开表N), wherever
it is, and ends where the next table starts. Its header rows are matched word by word against
the table's own definition in the profile (`headers`), so columns are found whatever the
layout: one, two or three header lines, merged cells, blank spacer columns, extra words such
as 其中 or 金额.
The profile's import specification (`app.profiles.importspec`) names the titles by table key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from app.compute.tabledef import Column, ColumnKind, Table
from app.core.errors import UserError
from app.core.records import Budget, Department
from app.imports.tables.headers import (
    BODY_LABELS,
    column_paths,
    first_column,
    header_like,
    header_lines,
    map_columns,
    vocabulary,
    word,
)
from app.imports.tables.sheet import WAN, Grid, Money, cell_text, code_and_name, norm, parse_code, parse_money
from app.profiles.importspec import ImportSpec
from app.profiles.registry import Profile, profile

CAPTION = re.compile(r"^(?:部门)?(?:预算)?(?:公开)?表(\d{1,2})$")
# a table's continuation at a page break: 续表, （续）, 接上页… alone, or after its caption or title
CONTINUED = re.compile(r"\(?(?:续表|续上表|续前表|接上表|接上页|续)\)?$")
YEAR = re.compile(r"(20\d\d)")
UNIT_LINE = re.compile(r"单位[:：]?(万元|元)")
META = ("部门名称", "编制单位", "编制部门")

Value = str | Money | None


@dataclass
class SourceRow:
    """One body row: a value per column of the table's definition, and where each was read."""

    values: list[Value]
    places: list[str | None]
    line: int
    sheet: str = ""  # where the row is (a table continued on another sheet): its table's sheet
    absent: frozenset[str] = frozenset()  # the keys of the columns its part does not print


@dataclass
class SourceTable:
    """One table as found in the workbook, in the column order of its definition (key: the
    profile's table key; number: its place in the template, as messages name it)."""

    key: str
    number: int
    grid: Grid
    top: int
    title: str
    department: str
    scale: Decimal
    year: int | None
    columns: tuple[Column, ...]
    labels: tuple[str, ...]
    missing: list[str] = field(default_factory=list)
    rows: list[SourceRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # where its continuations start (`continues`)

    @property
    def where(self) -> str:
        """The table's place in plain words: 工作表“名称”第3行起 (续：…第30行起)."""
        start = f"工作表“{self.grid.name}”第{self.top}行起"
        return f"{start}（续：{'、'.join(self.parts)}）" if self.parts else start

    def continues(self, other: SourceTable) -> bool:
        """Whether other is this table continued (its title and headers repeated at a page
        break, as long tables of projects are printed or pasted page by page): rows of its own,
        not this table's again, of the same department and year, and not opening with this
        table's first row (a 合计 or the department's row: a whole table again, another version
        of it). Taken in: its rows follow these."""
        if other.department and self.department and norm(other.department) != norm(self.department):
            return False
        if other.year is not None and self.year is not None and other.year != self.year:
            return False
        if not other.rows or not self.rows or other.rows[0].values[:1] == self.rows[0].values[:1]:
            return False
        self.rows += other.rows
        self.problems += other.problems
        part = (f"工作表“{other.grid.name}”第{other.top}行起" if other.grid is not self.grid
                else f"第{other.top}行起")
        self.parts.append(part)
        self.missing = [label for label in self.missing if label in other.missing]
        return True

    def unlike(self, other: SourceTable) -> str:
        """What other (this table continued) lacks of this table's columns, or this table of
        other's; "" when both print the same columns."""
        told = []
        for part, lacks, has in (("续表", other, self), ("续表之前的部分", self, other)):
            labels = [label for label in lacks.missing if label not in has.missing]
            if not labels:
                continue
            told.append(f"{part}没有“{'、'.join(labels)}”列")
        return "；".join(told)

    def index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def money(self, row: SourceRow, key: str) -> Money | None:
        value = row.values[self.index(key)]
        return value if isinstance(value, Money) else None

    def text(self, row: SourceRow, key: str) -> str:
        value = row.values[self.index(key)]
        return value if isinstance(value, str) else ""

    def place(self, row: SourceRow, key: str) -> str:
        return row.places[self.index(key)] or f"工作表“{row.sheet or self.grid.name}”第{row.line}行"

    def label(self, key: str) -> str:
        return self.labels[self.index(key)]


@dataclass(frozen=True)
class Layout:
    """A profile's tables as the import looks for them: the specification and the empty
    tables' definitions (columns and header cells) by key, in the template's order."""

    profile: Profile
    spec: ImportSpec
    tables: dict[str, Table]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.tables)

    def number(self, key: str) -> int:
        """The table's place in the template (1 for the first)."""
        return self.keys.index(key) + 1

    def name(self, key: str) -> str:
        """How a message names the table: 表N, N its place in the template."""
        return f"表{self.number(key)}"


@cache
def layout(profile_id: str) -> Layout:
    """The layout of the profile's tables; a UserError if the profile has no import spec."""
    found = profile(profile_id)
    if found.imports is None:
        raise NotImportable(f"模板“{found.name}”没有导入公开表的说明，不能从 Excel 导入。")
    tables = {t.key or str(t.number): t
              for t in found.tables(Budget(Department("", "", 2000)), found.kinds[0])}
    if tuple(tables) != found.imports.keys:
        raise ValueError(f"profile {profile_id}: import keys {found.imports.keys} "
                         f"are not its tables' {tuple(tables)}")
    return Layout(found, found.imports, tables)


class NotImportable(UserError):
    """A profile whose tables cannot be imported."""


def title_key(text: str, lay: Layout) -> str | None:
    """The key of the table a title names ("" for a title several tables share, told apart by
    their headers), or None."""
    t = norm(text)
    if not t or t.startswith(("注", "部门名称", "编制部门", "编制单位")) or len(t) > 80:
        return None
    for tail in lay.spec.tails:
        if t.endswith(tail):
            t = t[: -len(tail)]
    best: tuple[str, int] | None = None
    for key, cores in lay.spec.titles.items():
        for core in (norm(c) for c in cores):
            if t.endswith(core) and len(t) - len(core) <= 40 and (best is None or len(core) > best[1]):
                best = (key, len(core))
    if best is None and any(t.endswith(norm(s.core)) and len(t) - len(norm(s.core)) <= 40
                            for s in lay.spec.shared):
        return ""
    return best[0] if best else None


@dataclass
class Anchor:
    row: int
    key: str  # "": a shared title, to be told by the headers
    title: str
    caption: int | None


def caption_key(text: str, lay: Layout) -> str | None:
    """The key a caption (预算公开表N) names, where the profile has captions."""
    m = CAPTION.match(norm(text)) if lay.spec.captions else None
    if m is None:
        return None
    number = int(m.group(1))
    return lay.keys[number - 1] if 1 <= number <= len(lay.keys) else None


def anchors(grid: Grid, lay: Layout) -> list[Anchor]:
    """Where tables start on a sheet: captions and titles, a caption joined to its title."""
    found: list[Anchor] = []
    for r in range(1, grid.rows + 1):
        for c in range(1, grid.cols + 1):
            text = grid.text(r, c)
            if not text:
                continue
            caption = caption_key(text, lay)
            key = title_key(text, lay)
            if caption is not None:
                found.append(Anchor(r, caption, "", lay.number(caption)))
                break
            if key is not None:
                last = found[-1] if found else None
                if last and not last.title and last.caption and r - last.row <= 3:
                    last.title = text
                    if key and key != last.key:
                        last.key = key
                else:
                    found.append(Anchor(r, key, text, None))
                break
    return found


def locate(grids: list[Grid], lay: Layout) -> tuple[dict[str, SourceTable], list[str]]:
    """The profile's tables found in the workbook by key, and problems met while reading them."""
    tables: dict[str, SourceTable] = {}
    problems: list[str] = []
    for grid in grids:
        starts = anchors(grid, lay)
        for i, anchor in enumerate(starts):
            bottom = starts[i + 1].row - 1 if i + 1 < len(starts) else grid.rows
            table = read_block(grid, anchor, bottom, tables, lay)
            if table is None:
                problems.append(f"{grid.place(anchor.row, 1)}：认出了表题“{anchor.title}”，"
                                "但读不出它的表头，已跳过。")
                continue
            first = tables.get(table.key)
            unlike = first.unlike(table) if first else ""
            if first and first.continues(table):
                if unlike:
                    problems.append(f"{lay.name(table.key)}的续表（{first.parts[-1]}）与前面的列不同："
                                    f"{unlike}，这些行的这些列没有原表数字可核对，请核对原表。")
                continue
            if table.key in tables:
                problems.append(f"{lay.name(table.key)}出现了两次（{tables[table.key].where}、"
                                f"{table.where}），只读取了第一张。")
                continue
            tables[table.key] = table
    return tables, problems


def is_meta(grid: Grid, row: int, lay: Layout) -> bool:
    for c in range(1, grid.cols + 1):
        t = norm(grid.text(row, c))
        if t and (t.startswith(META) or UNIT_LINE.search(t)
                  or caption_key(t, lay) is not None or title_key(t, lay) is not None):
            return True
    return False


def meta_lines(grid: Grid, top: int, bottom: int,
               lay: Layout) -> tuple[str, Decimal | None, int | None]:
    """部门名称, the unit (万元 or 元) and a year from the title block's lines."""
    department, scale, year = "", None, None
    for r in range(top, bottom + 1):
        for c in range(1, grid.cols + 1):
            raw = grid.text(r, c)
            t = norm(raw)
            if t.startswith(META):
                name = re.split(r"[:：]", raw, maxsplit=1)[-1]
                department = re.split(r"\s*(?:金额)?单位[:：]", name)[0].strip()
            unit = UNIT_LINE.search(t)
            if unit:
                scale = WAN if unit.group(1) == "万元" else Decimal(1)
            if title_key(t, lay) is not None and year is None and YEAR.search(t):
                year = int(YEAR.search(t).group(1))  # type: ignore[union-attr]
    return department, scale, year


def read_block(grid: Grid, anchor: Anchor, bottom: int,
               found: dict[str, SourceTable], lay: Layout) -> SourceTable | None:
    r = anchor.row
    while r <= bottom and (is_meta(grid, r, lay) or not any(grid.row_texts(r))):
        r += 1
    department, scale, year = meta_lines(grid, anchor.row, r - 1, lay)
    key = anchor.key
    if not key:  # a shared title: the first table carrying it, unless its headers say otherwise
        norm_title = norm(anchor.title)
        shared = next((s for s in lay.spec.shared if norm_title.endswith(norm(s.core))),
                      lay.spec.shared[0])
        rows = header_lines(grid, r, bottom, lay.tables[shared.first])
        words = {word(grid.spanned(h, c)) for h in rows for c in range(1, grid.cols + 1)}
        key = shared.first if shared.word in words or shared.first not in found else shared.second
    template = lay.tables[key]
    header_rows = header_lines(grid, r, bottom, template)
    if not header_rows:
        return None
    number = lay.number(key)
    body = header_rows[-1] + 1
    mapping = map_columns(grid, header_rows, body, bottom, template)
    if mapping is None:
        return None
    if year is None:
        for h in header_rows:
            for c in range(1, grid.cols + 1):
                m = YEAR.search(grid.text(h, c))
                if m and year is None:
                    year = int(m.group(1))
    labels = tuple("/".join(p) or template.columns[k].key for k, p in enumerate(column_paths(template)))
    table = SourceTable(key, number, grid, anchor.row, anchor.title or template.title, department,
                        scale or WAN, year, template.columns, labels)
    if scale is None:
        table.problems.append(f"{lay.name(key)}（{table.where}）没有“单位：万元”一行，按万元读取。")
    joined = _read_body(table, mapping, body, bottom, vocabulary(template), lambda t: continued(t, lay))
    table.missing = [labels[k] for k, j in enumerate(mapping) if j is None and k not in joined]
    absent = frozenset(template.columns[k].key for k, j in enumerate(mapping) if j is None
                       and k not in joined)
    for row in table.rows:
        row.absent = absent
    return table


def continued(text: str, lay: Layout) -> bool:
    """Whether text marks a table's continuation: 续表 alone, or its caption or title followed
    by （续） or （续表）."""
    t = norm(text)
    m = CONTINUED.search(t)
    if m is None:
        return False
    rest = t[:m.start()]
    return not rest or caption_key(rest, lay) is not None or title_key(rest, lay) is not None


def _read_body(table: SourceTable, mapping: list[int | None], body: int, bottom: int,
               vocab: set[str], marks: Callable[[str], bool]) -> set[int]:
    """The rows of the table's body; the indices of the columns that came out of another
    column's cells (a code and its name printed in one)."""
    grid = table.grid
    joined_into: set[int] = set()
    left = first_column(grid, body, bottom)
    for r in range(body, bottom + 1):
        texts = [grid.text(r, c) for c in range(1, grid.cols + 1)]
        filled = [t for t in texts if t]
        if not filled:
            continue
        if norm(filled[0]).startswith(("注", "说明:", "备注")):
            break
        if header_like(grid, r, vocab, left) or (len(filled) == 1 and marks(filled[0])):
            continue  # a header repeated at a page break, or the line saying 续表
        values: list[Value] = []
        places: list[str | None] = []
        joined: dict[int, str] = {}  # a code column's index → the name printed in its cell
        for k, col in enumerate(table.columns):
            c = mapping[k]
            if c is None:
                values.append(None if col.kind == ColumnKind.MONEY else "")
                places.append(None)
                continue
            places.append(grid.place(r, c))
            raw = grid.value(r, c)
            if raw is None and grid.uncalculated_at(r, c):
                table.problems.append(f"表{table.number} {grid.place(r, c)}：公式没有计算结果，"
                                      "请在 Excel 或 WPS 中打开并保存后再导入；按空白处理。")
            if col.kind == ColumnKind.MONEY:
                try:
                    values.append(parse_money(raw, table.scale))
                except ValueError as exc:
                    table.problems.append(f"表{table.number} {grid.place(r, c)}：{exc}，按空白处理。")
                    values.append(None)
            elif col.kind == ColumnKind.CODE:
                code = parse_code(raw)
                if code.isdigit() and len(code) == 1:
                    code = code.zfill(2)  # a 款 or 项 column's "01" written as the number 1
                split = code_and_name(code) if code and not code.isdigit() else None
                if split is not None:
                    code, joined[k] = split
                elif code and not code.isdigit() and code not in BODY_LABELS:
                    table.problems.append(f"表{table.number} {grid.place(r, c)}：科目编码“{cell_text(raw)}”"
                                          "不是数字，按空白处理。")
                    code = ""
                values.append(code)
            elif k and table.columns[k - 1].kind == ColumnKind.CODE and mapping[k - 1] is None \
                    and (split := code_and_name(cell_text(raw))
                         or ((norm(cell_text(raw)), "") if norm(cell_text(raw)) in BODY_LABELS
                             else None)) is not None:
                values[k - 1], places[k - 1] = split[0], places[k]  # the code joined to the name
                values.append(split[1])  # (or 合计, moved where the codes print it)
                joined_into.add(k - 1)
            else:
                values.append(cell_text(raw))
        for k, name in joined.items():
            if k + 1 < len(values) and table.columns[k + 1].kind != ColumnKind.MONEY and not values[k + 1]:
                values[k + 1], places[k + 1] = name, places[k]
                joined_into.add(k + 1)
        table.rows.append(SourceRow(values, places, r, grid.name))
    return joined_into
