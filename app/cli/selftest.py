"""自检 (`budget-desk --self-test`): the whole job on the sample in a temporary folder, every file read back.

Each step prints one line, ✓ or ✗ with what it found; the exit status is 0 only when every
step passed. A step whose module is missing (a renderer not installed or not bundled) fails:
the self-test exists to show that a frozen or installed copy is complete.
The renderers are imported only when their step runs.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app import __version__
from app.compute.tabledef import ColumnKind, Table
from app.core.records import Budget

PASS = "✓"
FAIL = "✗"


class StepFailed(Exception):
    """A step found something wrong; the message says what, in plain Chinese."""


@dataclass
class Context:
    """What the steps share: the folder, the sample, the file read back and its tables."""

    folder: Path
    sample: Budget | None = None
    reloaded: Budget | None = None
    tables: tuple[Table, ...] = ()
    files: dict[str, Path] = field(default_factory=dict)

    def budget(self) -> Budget:
        if self.reloaded is None:
            raise StepFailed("没有可用的预算文件（前面的步骤失败）")
        return self.reloaded

    def built_tables(self) -> tuple[Table, ...]:
        if not self.tables:
            raise StepFailed("没有可对照的公开表（前面的步骤失败）")
        return self.tables


Step = Callable[[Context], str]


def squeeze(text: str) -> str:
    """Text without any whitespace, for finding figures in extracted text."""
    return re.sub(r"\s+", "", text)


def money_texts(table: Table) -> list[str]:
    """Every non-blank money figure of a table as printed (万元, two decimals)."""
    money = [i for i, c in enumerate(table.columns) if c.kind == ColumnKind.MONEY]
    return [table.text(row, i) for row in table.rows for i in money if table.text(row, i)]


def row_texts(table: Table) -> list[str]:
    """Each body row as one string: its printed cells in order, without whitespace."""
    return [squeeze("".join(cells)) for cells in table.texts()]


def missing(expected: Iterable[str], found: Callable[[str], bool], limit: int = 3) -> str:
    """The first few expected strings not found, for a message; "" when all were found."""
    absent = [text for text in expected if not found(text)]
    if not absent:
        return ""
    more = f" 等 {len(absent)} 处" if len(absent) > limit else ""
    return "、".join(absent[:limit]) + more


# --- the steps -------------------------------------------------------------------------------


def step_sample(ctx: Context) -> str:
    from app.profiles.shanxi.sample import load_sample
    from app.store import storage

    ctx.sample = load_sample()
    path = ctx.folder / f"示例{storage.EXTENSION}"
    storage.save(ctx.sample, path)
    ctx.files["budget"] = path
    return f"{ctx.sample.department.name} {ctx.sample.department.year}年 → {path.name}（{size(path)}）"


def step_reload(ctx: Context) -> str:
    from app.store import storage

    if ctx.sample is None:
        raise StepFailed("没有写出示例预算文件（前面的步骤失败）")
    ctx.reloaded = storage.load(ctx.files["budget"])
    if ctx.reloaded != ctx.sample:
        raise StepFailed("读回的预算文件与示例不一致")
    return "读回的内容与示例完全一致"


def step_tables(ctx: Context) -> str:
    from app.profiles.registry import profile_of

    budget = ctx.budget()
    template, kind = profile_of(budget)
    ctx.tables = template.tables(budget, kind)
    if template.sample is None:
        raise StepFailed(f"模板“{template.name}”没有示例，无法对照")
    expected = template.tables(template.sample(), kind)
    if not ctx.tables or len(ctx.tables) != len(expected):
        raise StepFailed(f"模板“{template.name}”应有 {len(expected)} 张表，实际 {len(ctx.tables)} 张")
    differing = [label(t) for t, e in zip(ctx.tables, expected, strict=True) if t != e]
    if differing:
        raise StepFailed(f"与示例的表不一致：{'、'.join(differing)}")
    cells = sum(len(money_texts(t)) for t in ctx.tables)
    return f"{len(ctx.tables)} 张表与示例逐格一致（{cells} 个金额）"


def label(table: Table) -> str:
    """A table as a message names it: its caption (预算公开表N) or, where none, its title."""
    return table.caption or f"“{table.title}”"


def step_checks(ctx: Context) -> str:
    from app.checks.registry import CHECKS, Severity, blocking
    from app.profiles.review import review

    budget = ctx.budget()
    findings = review(budget)
    errors = blocking(budget, findings)
    hints = [f for f in findings if f.severity == Severity.HINT]
    if not CHECKS:
        raise StepFailed("没有登记任何审核项（审核模块未载入）")
    if errors:
        first = errors[0]
        raise StepFailed(f"示例有 {len(errors)} 个错误，例如：{first.location.label} {first.message}")
    return f"{len(CHECKS)} 项审核，0 个错误，{len(hints)} 个提示"


def step_pdf(ctx: Context) -> str:
    from app.inspect.readback import faults
    from reports.pdf import write_pdf

    budget = ctx.budget()
    tables = ctx.built_tables()  # nothing to compare: said before the PDF is laid out for nothing
    path = ctx.folder / "示例.pdf"
    write_pdf(budget, path, verify=faults)
    ctx.files["pdf"] = path
    pages, text = pdf_text(path)
    flat = squeeze(text)
    titles = missing((t.title for t in tables), lambda s: squeeze(s) in flat)
    if titles:
        raise StepFailed(f"PDF 中找不到表题：{titles}")
    for table in ctx.tables:
        absent = missing(row_texts(table), flat.__contains__)
        if absent:
            raise StepFailed(f"PDF 的{label(table)}中找不到这些行：{absent}")
    rows = sum(len(t.rows) for t in ctx.tables)
    return f"{pages} 页（{size(path)}），{len(ctx.tables)} 张表的表题和全部 {rows} 行都能从 PDF 中按顺序读出"


def pdf_text(path: Path) -> tuple[int, str]:
    """The page count and text of a PDF, extracted with pypdfium2 (shipped with the app)."""
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(str(path))
    try:
        parts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return len(document), "\n".join(parts)
    finally:
        document.close()


def wan_with_separators(text: str) -> str:
    """A printed 万元 figure with thousands separators (1116.95 → 1,116.95)."""
    return f"{Decimal(text):,.2f}"


def step_excel_tables(ctx: Context) -> str:
    from reports.excel_data import save
    from reports.excel_tables import tables_workbook

    path = ctx.folder / "示例-公开表.xlsx"
    save(tables_workbook(ctx.built_tables()), path)
    ctx.files["excel_tables"] = path
    sheets = {name: {"".join(cells) for cells in rows} for name, rows in workbook_rows(path).items()}
    for table in ctx.tables:
        title = squeeze(table.title)
        sheet = next((rows for rows in sheets.values() if any(title in row for row in rows)), None)
        if sheet is None:
            raise StepFailed(f"工作簿中找不到{table.caption}“{table.title}”")
        absent = missing(row_texts(table), sheet.__contains__)
        if absent:
            raise StepFailed(f"工作簿的{label(table)}中找不到这些行：{absent}")
    return f"{len(sheets)} 个工作表（{size(path)}），{len(ctx.tables)} 张表逐行与核心计算一致"


def step_table_import(ctx: Context) -> str:
    """The tables workbook just written, imported back as a budget system's export would be:
    exercises the solver (highspy and numpy) and the readers a frozen copy must carry."""
    from app.imports.tables.importer import import_tables

    path = ctx.files.get("excel_tables")
    if path is None:
        raise StepFailed("没有可导入的公开表工作簿（前面的步骤失败）")
    result = import_tables(path)
    if result.budget is None:
        raise StepFailed("公开表工作簿导入失败")
    rebuilt = [[table.text(row, i) for row in table.rows for i in range(len(table.columns))]
               for table in built_tables_of(result.budget)]
    expected = [[table.text(row, i) for row in table.rows for i in range(len(table.columns))]
                for table in ctx.built_tables()]
    differing = [t.title for t, a, b in zip(ctx.tables, rebuilt, expected, strict=False) if a != b]
    if differing or len(rebuilt) != len(expected):
        raise StepFailed(f"导入后重建的表与原表不一致：{'、'.join(differing) or '表的张数不同'}")
    return f"{len(rebuilt)} 张表导入后重建，与原表逐数一致（{len(result.budget.projects)} 个项目）"


def built_tables_of(budget: Budget) -> tuple[Table, ...]:
    from app.profiles.registry import profile_of

    template, kind = profile_of(budget)
    return template.tables(budget, kind)


def step_excel_data(ctx: Context) -> str:
    from reports.excel_data import data_workbook, save

    budget = ctx.budget()
    path = ctx.folder / "示例-数据.xlsx"
    save(data_workbook(budget), path)
    ctx.files["excel_data"] = path
    cells = {cell for rows in workbook_rows(path).values() for row in rows for cell in row}
    names = [budget.department.name, *(u.name for u in budget.units), *(p.name for p in budget.projects)]
    absent = missing(dict.fromkeys(names), lambda s: squeeze(s) in cells)
    if absent:
        raise StepFailed(f"数据工作簿中找不到：{absent}")
    return f"{size(path)}，部门、{len(budget.units)} 个单位和 {len(budget.projects)} 个项目都能读回"


def workbook_rows(path: Path) -> dict[str, list[list[str]]]:
    """Each sheet's rows as printed strings: text without whitespace, numbers with two decimals.
    Read as an import reads a workbook (`xlsxsafe.open_workbook`, then openpyxl's cell rules on
    the C XML parser), which also shows that reader complete; a row ends at its last cell."""
    from app.imports.xlsxread import sheet_values
    from app.imports.xlsxsafe import open_workbook

    opened = open_workbook(path)
    try:
        return {sheet.title: [[cell_text(value) for value in row] for row in sheet_values(sheet)]
                for sheet in opened.book.worksheets}
    finally:
        opened.close()


def cell_text(value: object) -> str:
    """How a cell reads: text without whitespace, a number with two decimals, zero or empty blank."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        return "" if number == 0 else f"{number:.2f}"
    return squeeze(str(value))


def step_signals(ctx: Context) -> str:
    """20,000 signals through the bundled Qt binding, in-process: a binding that leaks references to
    True (PySide6-Essentials 6.12.0 on Python 3.11) aborts here or shows the drift."""
    from forms.soak import emit_signals

    soak = emit_signals(20_000)
    if not soak.stable:
        raise StepFailed(soak.line())
    return soak.line()


STEPS: list[tuple[str, Step]] = [
    ("写出示例预算文件", step_sample),
    ("读回预算文件", step_reload),
    ("生成公开表", step_tables),
    ("审核", step_checks),
    ("生成并读回 PDF", step_pdf),
    ("生成并读回公开表 Excel", step_excel_tables),
    ("从公开表 Excel 导入", step_table_import),
    ("生成并读回数据 Excel", step_excel_data),
    ("Qt 信号 2 万次", step_signals),
]


def size(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.0f} KB"


def unexpected(exc: Exception) -> str:
    """An exception no step foresaw, with the place it was raised, for whoever reads the report."""
    frames = traceback.extract_tb(exc.__traceback__)
    place = f"（{Path(frames[-1].filename).name}:{frames[-1].lineno}）" if frames else ""
    return f"{type(exc).__name__}: {exc}{place}"


def run_steps(folder: Path, out: Callable[[str], None]) -> int:
    """Runs every step in `folder`, printing one line each; the number of failed steps."""
    ctx = Context(folder)
    failed = 0
    for name, step in STEPS:
        start = time.perf_counter()
        try:
            detail = step(ctx)
            mark = PASS
        except Exception as exc:  # every failure is a result to report, then the next step runs
            failed += 1
            mark = FAIL
            if isinstance(exc, ModuleNotFoundError):  # a renderer not installed or not bundled
                detail = f"缺少模块 {exc.name}"
            else:
                detail = str(exc) if isinstance(exc, StepFailed) else unexpected(exc)
        out(f"{mark} {name}（{time.perf_counter() - start:.2f} 秒）：{detail}")
    return failed


def run(args: argparse.Namespace | None = None) -> int:
    """The self-test: 0 when every step passed, 1 otherwise."""
    stream = sys.stdout
    if stream is None:  # a windowed program on Windows has no console
        return 1
    if hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")  # a console that cannot show ✓ still gets the lines

    def out(line: str) -> None:
        print(line, file=stream, flush=True)

    frozen = " (打包版)" if getattr(sys, "frozen", False) else ""
    out(f"预算公开编制助手 {__version__}{frozen} 自检")
    with tempfile.TemporaryDirectory(prefix="budget-desk-selftest-") as name:
        failed = run_steps(Path(name), out)
    if failed:
        out(f"自检未通过：{failed} / {len(STEPS)} 步失败。")
        return 1
    out(f"自检通过：{len(STEPS)} 步全部成功。")
    return 0
