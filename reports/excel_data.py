"""The data workbook: a blank template, or a budget's facts, laid out by `app.core.datasheet`."""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable, Iterator
from copy import copy
from pathlib import Path
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.core.catalog import Catalog, catalog_for, load_catalog
from app.core.datasheet import (
    CODE_LENGTH,
    CODE_TYPES,
    HINT,
    INSTRUCTIONS,
    LAYOUT,
    LISTS_SHEET,
    NUMBER_TYPES,
    SHEETS,
    Field,
    FieldSheet,
    ListSheet,
    Type,
    applies,
    coded,
    pick,
    shown,
)
from app.core.records import Budget, Department, Settings, Texts
from app.profiles.registry import standard_glossary
from app.store.atomic import write_atomic
from reports.xlsxsheet import new_sheet
from reports.xlsxwrite import save_book

SPARE_ROWS = 1000  # rows below the data that keep the drop-down lists
MONEY_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"  # Excel keeps what is typed: 001 stays 001, not the number 1
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")

RULES = (
    "本工作簿用于离线填写预算数据，填好后用 budget-desk import 文件.xlsx -o 预算文件.budget 导入。",
    "请不要改动工作表名称和表头；可以增加行，空行会被忽略；可以在表格右侧加备注列，导入时不读取。",
    "金额以“元”为单位，最多两位小数，不能为负数，可带千分位逗号；按万元填写时须写明“万元”"
    "（如 12.5万元），与程序窗口中的规则相同。",
    "表头为红色的列为必填项。单位在各表中用“单位名称”指代（填单位编码也可以）。",
    "科目、资金来源、类别等有下拉列表；科目写作“编码 名称”，导入时只认编码，"
    "编码必须在本年度科目目录（含“补充科目”表）中，功能分类到“项”（7位），经济分类到“款”（5位）。",
    "公式须先在 Excel/WPS 中计算并保存，否则导入时会提示“公式尚未计算”。",
    "导入时会一次列出全部问题（工作表、单元格和原因）；有任何问题都不会写入预算文件。",
)


def data_workbook(budget: Budget) -> Workbook:
    """The data workbook holding every fact of budget."""
    catalog = catalog_for(budget)
    book = Workbook()
    instructions = book.active
    instructions.title = INSTRUCTIONS
    write_instructions(instructions, budget)
    lists = ListsSheet(new_sheet(book, LISTS_SHEET), catalog)
    for definition in SHEETS:
        if not applies(definition, budget):
            continue
        ws = new_sheet(book, definition.name, len(book.sheetnames) - 1)
        if isinstance(definition, ListSheet):
            write_list(ws, definition, budget, catalog, lists)
        else:
            write_fields(ws, definition, budget, catalog, lists)
    lists.sheet.sheet_state = "hidden"
    for ws in book.worksheets:
        fit_page(ws)
    book.properties.title = f"{budget.department.name or '部门'}{budget.department.year}年预算数据"
    book.properties.keywords = LAYOUT
    book.properties.creator = "预算公开编制助手"
    return book


def template(year: int, profile: str = "shanxi") -> Workbook:
    """An empty data workbook of a template (profile id) for year (the bundled catalog's
    drop-down lists): the sheets and rows that template's documents need."""
    load_catalog(year)
    # the 名词解释 sheet starts with the template's standard terms, as a new file in the window
    return data_workbook(Budget(Department("", "", year), settings=Settings(profile=profile),
                                texts=Texts(glossary=standard_glossary(profile))))


def save(book: Workbook, path: Path | str) -> None:
    """Write the workbook atomically: a temporary file beside path, then a rename. It is built
    in memory first, so a full disk fails cleanly (openpyxl would leave its zip half-closed);
    openpyxl's parts, its sheets written faster (`reports.xlsxwrite`)."""
    def write(temp: Path) -> None:
        buffer = io.BytesIO()
        save_book(book, buffer)
        temp.write_bytes(buffer.getvalue())

    write_atomic(path, write)


def fit_page(ws: Worksheet) -> None:
    """Print on A4 landscape, as wide as one page, the header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if ws.title != INSTRUCTIONS:
        ws.print_title_rows = "1:1"
        ws.print_options.gridLines = True


def write_instructions(ws: Worksheet, budget: Budget) -> None:
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    ws["A1"] = "预算数据工作簿 填写说明"
    ws["A1"].font = Font(bold=True, size=16)
    ws["A2"] = f"格式：{LAYOUT}；预算年度：{budget.department.year}"
    row = 4
    for rule in RULES:
        ws.cell(row, 1, "•")
        ws.cell(row, 2, rule).alignment = WRAP
        row += 1
    row += 1
    for cell, text in ((ws.cell(row, 1), "工作表"), (ws.cell(row, 2), "填写内容")):
        cell.value, cell.font, cell.fill = text, HEADER_FONT, HEADER_FILL
    for definition in SHEETS:
        if not applies(definition, budget):
            continue
        row += 1
        ws.cell(row, 1, definition.name)
        ws.cell(row, 2, definition.note).alignment = WRAP


class ListsSheet:
    """The hidden sheet holding the drop-down lists, one column each, made on demand."""

    def __init__(self, sheet: Worksheet, catalog: Catalog) -> None:
        self.sheet = sheet
        self.catalog = catalog
        self.ranges: dict[str, str] = {}

    def formula(self, f: Field) -> str | None:
        """The list formula of a field's drop-down, or None when it has none."""
        if f.cell == Type.UNIT:
            return f"{quote_sheetname('单位')}!$B$2:$B${SPARE_ROWS + 1}"
        if f.cell == Type.CHOICE:
            key, values = "|".join(f.choices), list(f.choices)
        elif f.cell in CODE_TYPES:
            kind = CODE_TYPES[f.cell]
            key = kind
            values = [coded(c, n) for c, n in sorted(self.catalog.table(kind).items())
                      if len(c) == CODE_LENGTH[f.cell]]
        else:
            return None
        if key not in self.ranges:
            col = get_column_letter(len(self.ranges) + 1)
            self.sheet.cell(1, len(self.ranges) + 1, f.header)
            for i, value in enumerate(values, start=2):
                self.sheet.cell(i, len(self.ranges) + 1, value).data_type = "s"
            last = max(2, len(values) + 1)
            self.ranges[key] = f"{quote_sheetname(LISTS_SHEET)}!${col}$2:${col}${last}"
        return self.ranges[key]

    def validate(self, ws: Worksheet, f: Field, cells: str) -> None:
        formula = self.formula(f)
        if formula is None:
            return
        # typing a value not in the list only warns: codes may also be typed without names
        check = DataValidation(type="list", formula1=formula, allow_blank=True,
                               showErrorMessage=True, errorStyle="warning",
                               errorTitle=f.header, error="请从下拉列表中选择。")
        ws.add_data_validation(check)
        check.add(cells)


_STYLES: WeakKeyDictionary[Workbook, dict[Hashable, StyleArray]] = WeakKeyDictionary()


def styled(cell: Cell, key: Hashable, apply: Callable[[Cell], None]) -> None:
    """apply(cell) to a new cell, or copy the style it gave the first cell of this workbook
    styled by key: the same style (the same saved bytes), without openpyxl hashing and indexing
    each font, fill and alignment again for every cell (a third of building the workbook)."""
    known = _STYLES.setdefault(cell.parent.parent, {})
    style = known.get(key)
    if style is None:
        apply(cell)
        known[key] = copy(cell._style)
    else:
        cell._style = copy(style)


def put(cell: Cell, f: Field, value: object) -> None:
    """Write one value: text always as text (never a formula), amounts as numbers in 元."""
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    if f.cell in NUMBER_TYPES:
        styled(cell, "money", money_style)
    elif f.cell == Type.TEXT:
        styled(cell, "wrap", wrap_style)
    elif typed(f):
        styled(cell, "typed", text_style)


def typed(f: Field) -> bool:
    """Whether f is a code the user types (单位编码, 部门编码…): its cells are text, so that Excel
    keeps its leading zeros (a General cell turns 001 into 1, and 001001 into 1001)."""
    return f.cell == Type.NAME and f.path.rsplit(".", 1)[-1] == "code"


def money_style(cell: Cell) -> None:
    cell.number_format = MONEY_FORMAT


def text_style(cell: Cell) -> None:
    cell.number_format = TEXT_FORMAT


def wrap_style(cell: Cell) -> None:
    cell.alignment = WRAP


def header_cell(cell: Cell, text: str, required: bool) -> None:
    cell.value = text

    def apply(cell: Cell) -> None:
        cell.font = REQUIRED_FONT if required else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    styled(cell, ("header", required), apply)


def list_rows(definition: ListSheet, budget: Budget) -> Iterator[tuple[object, object]]:
    """(parent, record) pairs in order; parent is None for a top-level sheet."""
    if definition.group:  # a row per part, under its record's key
        for owner in pick(budget, definition.attr) or ():  # type: ignore[attr-defined]
            for part in getattr(owner, definition.group):
                yield owner, part
        return
    if not definition.parent:
        for record in pick(budget, definition.attr) or ():  # type: ignore[attr-defined]
            yield None, record
        return
    parents = budget.targets if definition.parent == "绩效目标" else (
        (budget.department_form,) if budget.department_form is not None else ())
    for parent in parents:
        for record in getattr(parent, definition.attr):
            yield parent, record


def write_list(ws: Worksheet, definition: ListSheet, budget: Budget, catalog: Catalog,
               lists: ListsSheet) -> None:
    names = {u.code: u.name for u in budget.units}
    for col, f in enumerate(definition.columns, start=1):
        header_cell(ws.cell(1, col), f.header, f.required)
        ws.column_dimensions[get_column_letter(col)].width = f.width
    count = 0
    for row, (parent, record) in enumerate(list_rows(definition, budget), start=2):
        count += 1
        for col, f in enumerate(definition.columns, start=1):
            source = parent if f.path in definition.key else record
            put(ws.cell(row, col), f, shown(f, pick(source, f.path), names, catalog))
    last = count + 1 + SPARE_ROWS
    for col, f in enumerate(definition.columns, start=1):
        letter = get_column_letter(col)
        lists.validate(ws, f, f"{letter}2:{letter}{last}")
        if f.cell in NUMBER_TYPES or typed(f):
            key, style = ("money", money_style) if f.cell in NUMBER_TYPES else ("typed", text_style)
            for (cell,) in ws.iter_rows(min_row=count + 2, max_row=count + 21,
                                        min_col=col, max_col=col):
                styled(cell, key, style)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30


def write_fields(ws: Worksheet, definition: FieldSheet, budget: Budget, catalog: Catalog,
                 lists: ListsSheet) -> None:
    names = {u.code: u.name for u in budget.units}
    for col, text in enumerate(definition.headers, start=1):
        header_cell(ws.cell(1, col), text, False)
    ws.column_dimensions["A"].width = 36
    wide = any(f.cell == Type.TEXT for f in definition.fields())
    for col in range(2, len(definition.headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 90 if wide else 20
    hints = definition.headers.index(HINT) + 1 if HINT in definition.headers else 0
    if hints:
        ws.column_dimensions[get_column_letter(hints)].width = 40
    lines = [line for line in definition.rows if applies(line, budget)]
    for row, line in enumerate(lines, start=2):
        label = ws.cell(row, 1)
        label.value = line.label
        required = any(f.required for f in line.fields)

        def label_style(cell: Cell) -> None:
            cell.font = REQUIRED_FONT if required else HEADER_FONT  # noqa: B023 (used at once)
            cell.alignment = Alignment(vertical="top", wrap_text=True)

        styled(label, ("label", required), label_style)
        for col, f in enumerate(line.fields, start=2):
            cell = ws.cell(row, col)
            put(cell, f, shown(f, pick(budget, f.path), names, catalog))
            kind = (f.cell in NUMBER_TYPES, f.cell == Type.TEXT, typed(f))

            def field_style(cell: Cell) -> None:
                cell.alignment = Alignment(vertical="top", wrap_text=kind[1],  # noqa: B023
                                           horizontal=None if kind[0] else "left")  # noqa: B023
                if kind[2]:  # noqa: B023
                    cell.number_format = TEXT_FORMAT

            styled(cell, ("field", kind), field_style)
            lists.validate(ws, f, cell.coordinate)
        if line.hint and hints:
            ws.cell(row, hints, line.hint).alignment = WRAP
            ws.cell(row, hints).font = Font(color="595959")
    ws.freeze_panes = "B2"

