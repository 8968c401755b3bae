"""Reading a data workbook back into a Budget, with every problem at once (sheet, cell, message).

Nothing here writes anything: `read_data` returns the budget, or None and the problems. The
layout is `app.core.datasheet`'s; the file is opened through `app.imports.xlsxsafe`.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import cache
from itertools import compress, repeat
from pathlib import Path
from typing import Any, TypeVar

from app.core import bounds
from app.core.catalog import Catalog, catalog_for, load_catalog
from app.core.datasheet import (
    NUMBER_TYPES,
    OPTIONAL_SHEETS,
    PRESENCE,
    SHEET_NAMES,
    SHEETS,
    Field,
    FieldSheet,
    ListSheet,
    Type,
)
from app.core.fields import Context, FieldError, plain_name
from app.core.identity import with_ids
from app.core.records import Budget, CatalogEntry, Department, ProjectNote
from app.imports.xlsxsafe import WorkbookError, open_workbook
from app.profiles.registry import DEFAULT, PROFILES

MAX_ROWS = 200_000
ERROR_VALUES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")

T = TypeVar("T")
Values = dict[str, Any]
Rows = dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True)
class Problem:
    """One problem of the workbook: the sheet, the cell ("" for the whole sheet), the message."""

    sheet: str
    cell: str
    message: str
    foreign: bool = False  # the workbook is not a data workbook at all (another layout)

    def __str__(self) -> str:
        place = f"“{self.sheet}”表" + (f" {self.cell}" if self.cell else "") if self.sheet else "工作簿"
        return f"{place}：{self.message}"


@cache
def get_column_letter(col: int) -> str:
    """openpyxl's column letter (B for 2), openpyxl imported only once a file is read: a file
    that is no workbook is refused without loading it (0.45 s)."""
    from openpyxl.utils import get_column_letter as letter

    return letter(col)  # type: ignore[no-any-return]


def blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_text(raw: object) -> str:
    """A cell value as text: numbers without a spurious .0, dates as YYYY-MM-DD."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    return str(raw)


def cell_text(raw: object) -> str:
    """A cell value as the text a user would have typed (a calculated float to the 分)."""
    if isinstance(raw, float):
        text = repr(raw)
        if "e" not in text and len(text.partition(".")[2]) > 2:
            text = f"{raw:.15g}"  # a calculated value such as 0.30000000000000004
        return text
    return as_text(raw)


def convert(f: Field, raw: object, ctx: Context) -> object:
    """The stored value of one non-blank cell; FieldError with the field type's message."""
    if isinstance(raw, str) and raw.strip() in ERROR_VALUES:
        raise FieldError(f"单元格的值是错误值 {raw.strip()}，请改正公式或填写数值")
    if isinstance(raw, bool | dt.date | dt.time | dt.timedelta) and f.cell in NUMBER_TYPES:
        raise FieldError(f"“{as_text(raw)}”不是{getattr(f.type, 'what', '金额')}，请填写数字")
    return f.parse(cell_text(raw), ctx)


def empty_value(f: Field) -> object:
    """The stored value of a blank cell."""
    return f.type.empty()


class Reader:
    """Reads the sheets of one workbook, gathering problems as it goes."""

    def __init__(self, rows: dict[str, list[tuple[Any, ...]]], uncalculated: dict[str, set[str]]):
        self.rows = rows
        self.uncalculated = uncalculated
        self.problems: list[Problem] = []
        self.where: dict[tuple[str, str], str] = {}  # (sheet, path) → column letter
        self.read: dict[str, list[tuple[int, Values]]] = {}  # records of each list sheet, once
        self.unit_trouble = False  # units repeat: checks keyed by unit would mislead
        self.catalog = load_catalog(2026)
        self.known: tuple[CatalogEntry, ...] = ()  # the codes of the file the workbook replaces
        self.units: dict[str, str] = {}  # name or code → code
        self._context: tuple[Catalog, tuple[tuple[str, str], ...], Context] | None = None

    def context(self) -> Context:
        """The context of reading a cell: made again only when the catalog or the units change
        (it was made for every cell, a tenth of reading a workbook)."""
        units = tuple(self.units.items())
        cached = self._context
        if cached is None or cached[0] is not self.catalog or cached[1] != units:
            cached = self._context = (self.catalog, units,
                                      Context(self.catalog, self.units, names=self.unit_names()))
        return cached[2]

    def unit_names(self) -> dict[str, str]:
        """Unit code → name."""
        return {code: name for name, code in self.units.items() if name != code}

    def problem(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(sheet, cell, message))

    def value(self, sheet: str, f: Field, raw: object, row: int, col: int) -> tuple[bool, object]:
        """(ok, value) of one cell; a problem is recorded when not ok."""
        formulas = self.uncalculated.get(sheet)  # the cell's name made only when needed
        if formulas and f"{get_column_letter(col)}{row}" in formulas:
            self.problem(sheet, f"{get_column_letter(col)}{row}", "这是公式，但结果尚未计算：请在 "
                         "Excel/WPS 中打开、重新计算并保存后再导入")
            return False, None
        if blank(raw) and not (f.cell == Type.TEXT and raw and not f.required):
            if f.required:
                what = "所属单位" if f.cell == Type.UNIT else f"“{f.label}”"
                self.problem(sheet, f"{get_column_letter(col)}{row}", f"未填写{what}（必填）")
                return False, None
            return True, empty_value(f)
        try:
            return True, convert(f, raw, self.context())
        except FieldError as exc:
            self.problem(sheet, f"{get_column_letter(col)}{row}", str(exc))
            return False, None

    def fields(self, definition: FieldSheet) -> tuple[Values, dict[str, str]]:
        """path → value of a field sheet, and path → cell of the cells that are not blank."""
        if definition.name not in self.rows:
            return {}, {}
        rows = self.rows[definition.name]
        where = {}
        for number_ in compress(range(2, len(rows) + 1), rows[1:]):  # the rows not empty
            row = rows[number_ - 1]
            if isinstance(row[0], str) and row[0].strip() not in where:
                where[row[0].strip()] = number_
        values: Values = {}
        filled: dict[str, str] = {}
        for line in definition.rows:
            if line.label not in where:
                if line.may_lack:
                    continue  # a workbook from before the row, or of another template
                self.problem(definition.name, "", f"缺少“{line.label}”一行（A 列的名称须与模板一致）")
                continue
            row_number = where[line.label]
            row = rows[row_number - 1]
            for col, f in enumerate(line.fields, start=2):
                raw = row[col - 1] if col - 1 < len(row) else None
                ok, value = self.value(definition.name, f, raw, row_number, col)
                if ok:
                    values[f.path] = value
                if not blank(raw):
                    filled[f.path] = f"{get_column_letter(col)}{row_number}"
        return values, filled

    def records(self, definition: ListSheet) -> list[tuple[int, Values]]:
        """(row number, path → value) of each filled row of a list sheet; a cell with a
        problem is left out of its row's values (a problem is recorded for it)."""
        if definition.name not in self.read:
            self.read[definition.name] = self.read_records(definition)
        return self.read[definition.name]

    def read_records(self, definition: ListSheet) -> list[tuple[int, Values]]:
        if definition.name not in self.rows:
            return []
        rows = self.rows[definition.name]
        header = [as_text(h).strip().rstrip("*") if h is not None else "" for h in (rows[0] if rows else ())]
        columns: list[tuple[Field, int]] = []
        for f in definition.columns:
            if f.header in header:
                columns.append((f, header.index(f.header) + 1))
                self.where[(definition.name, f.path)] = get_column_letter(columns[-1][1])
            elif f.path not in definition.later:
                self.problem(definition.name, "", f"缺少“{f.header}”列（表头在第 1 行，须与模板一致）")
        present = {f.path for f, _ in columns}
        if any(f.path not in present and f.path not in definition.later
               for f in definition.columns):
            return []
        found: list[tuple[int, Values]] = []
        formulas = self.uncalculated.get(definition.name, set())
        formula_rows = {int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0) for ref in formulas}
        # the rows not empty (a gap before a stray far cell has nothing to read) and those of formulas
        numbers = set(compress(range(2, len(rows) + 1), rows[1:]))
        numbers.update(n for n in formula_rows if 2 <= n <= len(rows))
        for number_ in sorted(numbers):
            row = rows[number_ - 1]
            raws = [row[col - 1] if col - 1 < len(row) else None for _, col in columns]
            if all(blank(r) for r in raws) and not any(
                    f"{get_column_letter(c)}{number_}" in formulas for _, c in columns):
                continue
            values: Values = {}
            for (f, col), raw in zip(columns, raws, strict=True):
                ok, value = self.value(definition.name, f, raw, number_, col)
                if ok:
                    values[f.path] = value
            found.append((number_, values))
        return found


@cache
def hints_of(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def fields_of(cls: type) -> tuple[Any, ...]:
    return fields(cls)


def build(cls: type, values: Values) -> Any:
    """A record of cls from dotted paths → values (nested records built the same way)."""
    hints = hints_of(cls)
    kwargs: dict[str, Any] = {}
    for f in fields_of(cls):
        if f.name in values:
            kwargs[f.name] = values[f.name]
            continue
        inner = {k[len(f.name) + 1:]: v for k, v in values.items() if k.startswith(f.name + ".")}
        if inner:
            tp = hints[f.name]
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            target = args[0] if args and not is_dataclass(tp) else tp
            kwargs[f.name] = build(target, inner)
    return cls(**kwargs)


def column(reader: Reader, definition: ListSheet, path: str) -> str:
    """The letter of the column holding path in a list sheet (as found in its header)."""
    return reader.where[(definition.name, path)]


def duplicates(reader: Reader, definition: ListSheet, records: Sequence[tuple[int, Values]],
               key: Sequence[str], message: str) -> None:
    """A problem for every row whose key repeats an earlier row's (units shown by name)."""
    names = reader.unit_names()
    seen: dict[tuple[Any, ...], int] = {}
    for row, values in records:
        if not all(p in values for p in key):
            continue
        k = tuple(values[p] for p in key)
        if k in seen:
            shown = [names.get(v, v) if p == "unit" else v for p, v in zip(key, k, strict=True)]
            reader.problem(definition.name, f"{column(reader, definition, key[-1])}{row}",
                           message.format(*shown, row=seen[k]))
        else:
            seen[k] = row


def sheet_rows(ws: Any) -> list[tuple[Any, ...]]:
    """The rows of a sheet as stored, each only as wide as its own cells: a stray value far
    away (XFD1048576) costs one short row, not a million rows padded to 16,384 columns."""
    from app.imports.xlsxread import numbered_values  # with openpyxl: once a file is opened

    found: list[tuple[Any, ...]] = []
    filled = last = 0
    for number, row in numbered_values(ws):  # the sheet's declared size neither trusted nor padded to
        if number > len(found) + 1:
            found.extend(repeat((), number - 1 - len(found)))  # () for a row the sheet lacks
        found.append(row)
        if row and any(not blank(v) for v in row):
            filled += 1
            last = len(found)
            if filled > MAX_ROWS:
                raise WorkbookError(f"“{ws.title}”表超过 {MAX_ROWS} 行，不像是预算数据。")
    del found[last:]
    return found


def read_sheets(path: Path) -> tuple[list[str], Rows, dict[str, set[str]]]:
    """The sheet names, every row of each known sheet as values, the uncalculated formulas."""
    safe = open_workbook(path)
    try:
        rows: dict[str, list[tuple[Any, ...]]] = {}
        for ws in safe.book.worksheets:
            if ws.title not in SHEET_NAMES:
                continue
            rows[ws.title] = sheet_rows(ws)
        names = safe.book.sheetnames
    except WorkbookError:
        raise
    except Exception as exc:  # a malformed sheet openpyxl cannot read
        raise WorkbookError(f"无法读取工作簿“{path.name}”：{type(exc).__name__} {exc}") from None
    finally:
        safe.close()
    return names, rows, safe.uncalculated


def read_data(path: Path | str, known: Sequence[CatalogEntry] = ()
              ) -> tuple[Budget | None, list[Problem]]:
    """The budget in a data workbook, or None and every problem found. known: the codes loaded
    into the budget file the workbook replaces (the year's official catalog, `catalog --load`):
    the workbook's codes are read against them too, and the budget keeps them (its 补充科目
    sheet names the same code otherwise)."""
    path = Path(path)
    try:
        names, rows, uncalculated = read_sheets(path)
    except WorkbookError as exc:
        return None, [Problem("", "", str(exc))]
    if not any(name in SHEET_NAMES for name in names):
        first = names[0] if names else ""
        return None, [Problem(first, "", "这不是本程序的数据工作簿：没有“部门”“单位”“项目”等工作表。"
                                          "请用 budget-desk template 生成模板，按模板填写后再导入。",
                              foreign=True)]
    reader = Reader(rows, uncalculated)
    reader.known = tuple(known)
    missing = [name for name in SHEET_NAMES if name not in rows and name not in OPTIONAL_SHEETS]
    for name in missing:
        reader.problem(name, "", f"缺少工作表“{name}”（请不要删除或改名模板中的工作表）")
    return assemble(reader)


def assemble(reader: Reader) -> tuple[Budget | None, list[Problem]]:
    """Read the sheets in dependency order, check what spans rows, build the budget."""
    values: Values = {}
    filled: dict[str, str] = {}
    for definition in SHEETS:
        if isinstance(definition, FieldSheet):
            got, filled_here = reader.fields(definition)
            values.update(got)
            filled.update(filled_here)
        if definition.name == "部门":
            read_catalog(reader, values)
            read_units(reader)
    lists = {s.name: reader.records(s) for s in SHEETS if isinstance(s, ListSheet)}
    if not reader.unit_trouble:
        duplicates(reader, LIST["项目"], lists["项目"], ("unit", "name"),
                   "单位“{0}”的项目“{1}”重复（第 {row} 行已有）")
        check_targets(reader, lists)
    check_department_form(reader, lists, values, filled)
    check_settings(reader, values, filled)
    if reader.problems:
        return None, reader.problems
    for definition in LIST.values():
        if definition.group:
            values[definition.attr] = grouped(definition, lists[definition.name])
        elif not definition.parent and definition.name != "绩效目标":
            values[definition.attr] = tuple(build(definition.record, v) for _, v in lists[definition.name])
    values["targets"] = targets(lists)
    given = {(e.kind, e.code) for e in values["catalog_entries"]}
    values["catalog_entries"] = (*(e for e in reader.known if (e.kind, e.code) not in given),
                                 *values["catalog_entries"])
    if values.pop(PRESENCE[0]):
        for child in (LIST["重点任务"], LIST["部门整体指标"]):
            values[f"department_form.{child.attr}"] = tuple(
                build(child.record, v) for _, v in lists[child.name])
    else:
        values = {k: v for k, v in values.items() if not k.startswith("department_form.")}
        values["department_form"] = None
    return with_ids(build(Budget, values)), []


LIST = {s.name: s for s in SHEETS if isinstance(s, ListSheet)}


def grouped(definition: ListSheet, rows: list[tuple[int, Values]]) -> tuple[Any, ...]:
    """The records of a sheet of parts (项目经费情况说明): each row a part, the rows of one
    record (by its key fields) gathered in sheet order, records in order of first appearance."""
    parts: dict[tuple[Any, ...], list[Any]] = {}
    for _, v in rows:
        key = tuple(v.pop(k) for k in definition.key)
        parts.setdefault(key, []).append(build(definition.record, v))
    return tuple(ProjectNote(key[0], tuple(found)) for key, found in parts.items())


def check_settings(reader: Reader, values: Values, filled: dict[str, str]) -> None:
    """The template named is one there is (by id or name); blank: the default."""
    given = values.get("settings.profile")
    if not given:
        values.pop("settings.profile", None)
    else:
        found = next((p for p in PROFILES if given in (p.id, p.name)), None)
        if found is None:
            known = "、".join(f"{p.id}（{p.name}）" for p in PROFILES)
            reader.problem("部门", filled.get("settings.profile", ""),
                           f"没有模板“{given}”：可用的模板是 {known}（留空为 {DEFAULT}）")
        else:
            values["settings.profile"] = found.id
    if not values.get("settings.kind"):
        values.pop("settings.kind", None)


def read_catalog(reader: Reader, values: Values) -> None:
    """The catalog for checking codes: the year's, extended by the codes loaded into the file
    the workbook replaces and by the 补充科目 sheet (which names a code last)."""
    sheet = LIST["补充科目"]
    rows = reader.records(sheet)
    for row, v in rows:
        if "code" in v and not str(v["code"]).isdigit():
            reader.problem(sheet.name, f"{column(reader, sheet, 'code')}{row}",
                           f"科目编码“{v['code']}”应全部为数字")
    complete = [v for _, v in rows if len(v) == len(sheet.columns)]
    year = values.get("department.year") or 2026
    probe = Budget(Department("", "", int(year)),
                   catalog_entries=(*reader.known,
                                    *(build(CatalogEntry, v) for v in complete)))
    reader.catalog = catalog_for(probe)


def read_units(reader: Reader) -> None:
    """Units by name and by code, for the other sheets' references."""
    sheet = LIST["单位"]
    before = len(reader.problems)
    units = [(row, v) for row, v in reader.records(sheet) if "code" in v and "name" in v]
    for row, v in units:
        try:
            bounds.code(v["code"])
        except bounds.BoundsError as exc:
            reader.problem(sheet.name, f"{column(reader, sheet, 'code')}{row}", str(exc))
    duplicates(reader, sheet, units, ("code",), "单位编码“{0}”重复（第 {row} 行已有）")
    duplicates(reader, sheet, units, ("name",), "单位名称“{0}”重复（第 {row} 行已有）")
    reader.unit_trouble = len(reader.problems) > before
    for _, v in units:
        reader.units.setdefault(v["code"], v["code"])
    for _, v in units:
        reader.units[v["name"]] = v["code"]


def check_targets(reader: Reader, lists: dict[str, list[tuple[int, Values]]]) -> None:
    """Each target form belongs to a project, once; each indicator to a target form."""
    forms, children = LIST["绩效目标"], LIST["绩效指标"]
    names = reader.unit_names()
    projects = {(v["unit"], v["name"]) for _, v in lists["项目"] if "unit" in v and "name" in v}
    # a project named as typed elsewhere (its quotes, brackets or spaces half- or full-width):
    # the project's own name, where that leaves one project of the unit
    plain: dict[tuple[str, str], set[str]] = {}
    for unit, name in projects:
        plain.setdefault((unit, plain_name(name)), set()).add(name)
    for _, v in (*lists["绩效目标"], *lists["绩效指标"]):
        if "unit" in v and "project" in v and (v["unit"], v["project"]) not in projects:
            near = plain.get((v["unit"], plain_name(v["project"])), set())
            if len(near) == 1:
                v["project"] = next(iter(near))
    duplicates(reader, forms, lists["绩效目标"], ("unit", "project"),
               "单位“{0}”的项目“{1}”已有绩效目标（第 {row} 行）")
    keys = set()
    for row, v in lists["绩效目标"]:
        if "unit" in v and "project" in v:
            keys.add((v["unit"], v["project"]))
            if (v["unit"], v["project"]) not in projects:
                reader.problem(forms.name, f"{column(reader, forms, 'project')}{row}",
                               f"“项目”表中没有单位“{names.get(v['unit'], v['unit'])}”的项目“{v['project']}”")
    for row, v in lists["绩效指标"]:
        if "unit" in v and "project" in v and (v["unit"], v["project"]) not in keys:
            reader.problem(children.name, f"{column(reader, children, 'project')}{row}",
                           f"“绩效目标”表中没有单位“{names.get(v['unit'], v['unit'])}”"
                           f"的项目“{v['project']}”")


def targets(lists: dict[str, list[tuple[int, Values]]]) -> tuple[Any, ...]:
    """The target forms, each with its indicators from 绩效指标 (in sheet order)."""
    forms, children = LIST["绩效目标"], LIST["绩效指标"]
    indicators: dict[tuple[str, str], list[Any]] = {}
    for _, v in lists["绩效指标"]:
        key = (v.pop("unit"), v.pop("project"))
        indicators.setdefault(key, []).append(build(children.record, v))
    return tuple(build(forms.record, {**v, "indicators": tuple(indicators.get(
        (v["unit"], v["project"]), ()))}) for _, v in lists["绩效目标"])


def check_department_form(reader: Reader, lists: dict[str, list[tuple[int, Values]]],
                          values: Values, filled: dict[str, str]) -> None:
    """When 部门整体绩效 says 否, everything of the form must be blank."""
    if values.get(PRESENCE[0], True):
        return
    sheet = SHEETS[SHEET_NAMES.index("部门整体绩效")]
    assert isinstance(sheet, FieldSheet)
    for path, ref in filled.items():
        if not path.startswith("department_form."):
            continue
        label = next(r.label for r in sheet.rows if any(f.path == path for f in r.fields))
        reader.problem(sheet.name, ref,
                       f"选择了不填报部门整体绩效目标，但“{label}”有内容（应为空，或改选“是”）")
    for child in ("重点任务", "部门整体指标"):
        for row, _ in lists[child]:
            reader.problem(child, f"A{row}",
                           "“部门整体绩效”表中选择了不填报部门整体绩效目标，本行应删除（或改选“是”）")


def problem_lines(problems: Iterable[Problem], limit: int = 100) -> list[str]:
    """The problems as lines for the user, at most limit of them and a count of the rest; advice
    that several messages end with (after their first 。: how to load the year's catalog)
    said once after them."""
    shown = list(problems)
    advice = Counter(p.message.split("。", 1)[1] for p in shown if "。" in p.message[:-1])
    repeated = {a for a, n in advice.items() if n > 1 and a}
    lines, told = [], Counter[str]()
    for p in shown[:limit]:
        head, _, tail = p.message.partition("。")
        if tail in repeated:
            told[tail] += 1
            p = replace(p, message=head)
        lines.append(str(p))
    if len(shown) > limit:
        lines.append(f"……另有 {len(shown) - limit} 个问题未列出。")
    lines += [f"以上 {n} 处：{tail}" for tail, n in told.items()]
    return lines
