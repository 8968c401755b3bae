"""Inspecting one published disclosure PDF: read it, recognise its template, run every rule that
applies, and say which rules could not run."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from app.core.errors import UserError
from app.core.findings import Severity
from app.inspect import tablerules, textcheck
from app.inspect.outcome import Outcome, Skip
from app.inspect.pdfread import Document, read
from app.inspect.tabletext import TableText, find_tables
from app.inspect.templates import recognise

# the rules, by check name, in words (also the names findings carry)
RULES = {
    "readable": "文件可读且有文字层",
    "template": "识别模板（按表格标题）",
    "tables-found": "全部表格按标题找到",
    "empty-notes": "空表的说明（本表无数据、资金名称）",
    "row-sums": "每行合计等于各栏之和",
    "subtotals": "类、款、项与单位、项目的小计",
    "table-totals": "收支总表两侧的合计与总计",
    "cross-tables": "表与表之间（收支总表＝收入总表＝支出总表，基本支出与经济分类表，项目支出表与支出总表）",
    "text-figures": "文字中的数字与表格一致",
    "procurement-text": "政府采购总额＝货物＋工程＋服务，中小企业预留不超过总额",
    "target-funds": "绩效目标表年度资金与项目支出表一致",
    "assets-pdf": "国有资产：公务用车各类之和等于实有数",
    "contents": "目录页码与正文一致",
    "wording": "文字规范（半角标点、重复、模板残留、年份、%、零增长）",
    "kind-wording": "部门、单位的说法不混用",
}


class _Run:
    def __init__(self, out: Outcome) -> None:
        self.out = out

    def rule(self, name: str, body: Callable[[], object]) -> object:
        try:
            result = body()
        except Skip as why:
            self.out.not_run.append((name, str(why)))
            return None
        self.out.run.append(name)
        return result


def inspect(path: Path | str) -> Outcome:
    """The findings for the PDF, and the rules run and not run."""
    out = Outcome(Path(path))
    try:
        document = read(path)
    except UserError as exc:
        out.readable = False
        out.error(None, "readable", str(exc))
        out.not_run += [(name, "文件无法读取") for name in RULES if name != "readable"]
        return out
    if document.scanned:
        out.readable, out.scanned = False, True
        out.error(None, "readable", "PDF没有文字层（扫描件或图片），无法检查内容；请取得带文字的PDF")
        out.not_run += [(name, "没有文字层") for name in RULES if name != "readable"]
        return out
    out.run.append("readable")
    check(document, out)
    return out


def check(document: Document, out: Outcome) -> None:
    run = _Run(out)
    template, _ = recognise(document)
    tables: dict[str, TableText] = {}
    t1: object = None
    if template is None:
        out.add(None, Severity.HINT, "template", "未识别出模板（表格标题与已知模板都不符）：只检查文字")
        out.not_run.append(("template", "未识别出模板"))
        for name in ("tables-found", "empty-notes", "row-sums", "subtotals", "table-totals",
                     "cross-tables", "text-figures", "target-funds"):
            out.not_run.append((name, "未识别出模板"))
    else:
        out.template = template.name
        out.run.append("template")
        layout = template.layout
        tables = find_tables(document, template)
        run.rule("tables-found", lambda: tablerules.tables_found(tables, template, out))
        run.rule("empty-notes", lambda: tablerules.empty_notes(tables, layout, out))
        run.rule("row-sums", lambda: tablerules.row_parts(tables, layout, out))
        run.rule("subtotals", lambda: tablerules.subtotals(tables, layout, out))
        t1 = run.rule("table-totals", lambda: tablerules.label_totals(tables, layout, out))
        if isinstance(t1, dict):
            run.rule("cross-tables", lambda: tablerules.cross_tables(tables, layout, out))
        else:
            out.not_run.append(("cross-tables", "收支总表的合计读不出"))
    text = textcheck.prose(document, tables)
    if template is not None:
        figures: dict[str, Decimal] = tablerules.table_figures(tables, template.layout)
        patterns = template.layout.text
        run.rule("text-figures", lambda: _some(textcheck.text_figures(text, figures, out, patterns),
                                               "文字中的数字"))
        money = tablerules.project_money(tables, template.layout)
        run.rule("target-funds", lambda: textcheck.target_funds(document, money, out)
                 if template.layout.projects else _skip("模板没有项目支出表"))
    run.rule("procurement-text", lambda: textcheck.procurement(text, out))
    run.rule("assets-pdf", lambda: textcheck.assets(text, out))
    run.rule("contents", lambda: textcheck.contents(document, out))
    year = run.rule("wording", lambda: textcheck.budget_year(document))
    if isinstance(year, int):
        textcheck.wording(text, year, out)
    told = template.kind if template else ""
    kind = run.rule("kind-wording", lambda: textcheck.document_kind(document, told))
    if isinstance(kind, str):
        textcheck.kind_wording(document, kind, out)
    out.findings.sort(key=lambda f: (f.page or 0))


def _skip(why: str) -> None:
    raise Skip(why)


def _some(count: int, what: str) -> int:
    if not count:
        raise Skip(f"未找到可与表格对照的{what}")
    return count
