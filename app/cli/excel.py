"""Adds `template`, `export`, `import` and `catalog`: the budget as Excel workbooks and back."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.base import CommandError, write_budget

if TYPE_CHECKING:
    from app.core.records import Budget, CatalogEntry

KIND_HELP = "科目类别：function（功能）、economic-dept（部门经济）、economic-gov（政府经济）"


def register(sub: Any) -> None:
    p = sub.add_parser("template", help="写出离线填写用的数据工作簿模板（.xlsx）")
    p.add_argument("-o", "--output", required=True, help="要写出的 .xlsx 文件")
    p.add_argument("--year", type=int, help="预算年度（决定下拉列表用哪一年的科目目录）")
    p.add_argument("--profile", default="shanxi",
                   help="公开模板编号（budget-desk profiles 列出全部），默认 shanxi")
    p.set_defaults(run=cmd_template)

    p = sub.add_parser("export", help="导出为 Excel：文件所用模板的公开表，或加 --data 导出数据工作簿")
    p.add_argument("path", help="要导出的预算文件")
    p.add_argument("-o", "--output", required=True, help="要写出的 .xlsx 文件")
    p.add_argument("--data", action="store_true", help="导出可再导入的数据工作簿（金额为元）")
    p.add_argument("--units", action="store_true",
                   help="改为把每个单位的公开表各写成一个工作簿，放入 -o 指定的文件夹")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("import", help="从数据工作簿导入，写成（或替换）预算文件")
    p.add_argument("workbook", help="按模板填写的数据工作簿（.xlsx）")
    p.add_argument("-o", "--output", required=True,
                   help="预算文件：不存在则新建；已存在则先备份再替换其中的数据")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("catalog", help="导入本年度官方科目表到预算文件，或列出已导入的科目")
    p.add_argument("path", help="要导入或列出科目表的预算文件")
    p.add_argument("--load", help="科目表工作簿：一列编码、一列名称")
    p.add_argument("--kind", help=KIND_HELP + "；不指定时按工作表名判断")
    p.set_defaults(run=cmd_catalog)


def output_path(value: str) -> Path:
    path = Path(value)
    if path.is_dir():
        raise CommandError(f"“{value}”是一个文件夹，请给出文件名（以 .xlsx 结尾）。")
    if path.suffix.lower() != ".xlsx":
        raise CommandError(f"输出文件“{path.name or value}”应以 .xlsx 结尾。")
    if not path.parent.exists():
        raise CommandError(f"找不到要写入的文件夹“{path.parent}”。")
    return path


def cmd_template(args: argparse.Namespace) -> int:
    from app.profiles.registry import profile
    from reports.excel_data import save, template

    chosen = profile(args.profile)  # a UserError naming the known ids
    path = output_path(args.output)
    year = args.year or dt.date.today().year + 1
    save(template(year, chosen.id), path)
    print(f"已写出 {year} 年数据工作簿模板（{chosen.name}）：{path}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.store import storage

    if args.units:
        return export_units(args)
    path = output_path(args.output)
    budget = storage.load(args.path)
    from reports import excel_data  # after the file is read: a bad file is told without openpyxl

    if args.data:
        excel_data.save(excel_data.data_workbook(budget), path)
        print(f"已导出数据工作簿（金额单位：元）：{path}")
        return 0
    from app.compute.tabledef import Money
    from app.profiles.registry import profile_of
    from reports.excel_tables import tables_workbook

    template, kind = profile_of(budget)
    tables = template.tables(budget, kind)
    excel_data.save(tables_workbook(tables), path)
    units = "、".join(dict.fromkeys("元" if t.money == Money.YUAN else "万元" for t in tables))
    print(f"已导出 {len(tables)} 张公开表（单位：{units}）：{path}")
    return 0


def report(problems: Sequence[object], what: str) -> None:
    from app.imports.workbook import problem_lines

    print(f"{what}有 {len(problems)} 个问题，未写入任何文件：", file=sys.stderr)
    for line in problem_lines(problems):  # type: ignore[arg-type]
        print(f"  {line}", file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from app.imports.workbook import read_data
    from app.store import storage

    target = Path(args.output)
    known: tuple[CatalogEntry, ...] = ()
    if target.exists():
        # refuse to replace anything but a readable budget file; the codes loaded into it
        # (`catalog --load`) stay, and the workbook's codes are read against them
        known = storage.load(target).catalog_entries
    elif not target.parent.exists():
        raise CommandError(f"找不到要写入的文件夹“{target.parent}”。")
    budget, problems = read_data(args.workbook, known)
    if budget is None:
        report(problems, f"工作簿“{Path(args.workbook).name}”")
        return 1
    backup = write_budget(budget, target)
    if backup is not None:
        print(f"原预算文件已备份为：{backup}")
    print(f"已导入：{target}（{len(budget.units)} 个单位，{len(budget.projects)} 个项目）")
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    from app.core.catalog import KIND_NAMES, KINDS
    from app.store import storage

    path = Path(args.path)
    budget = storage.load(path)
    if args.load is None:
        for each in KINDS:
            count = sum(1 for e in budget.catalog_entries if e.kind == each)
            print(f"{KIND_NAMES[each]}：已导入 {count} 个科目")
        return 0
    from app.imports.codelist import kind_of, read_code_list  # openpyxl only to load a list

    kind: str | None = None
    if args.kind is not None:
        kind = kind_of(args.kind)
        if kind is None:
            raise CommandError(f"--kind“{args.kind}”无法识别。{KIND_HELP}")
    entries, problems = read_code_list(args.load, kind)
    if problems:
        report(problems, f"科目表“{Path(args.load).name}”")
        return 1
    loaded = {e.kind for e in entries}
    kept = tuple(e for e in budget.catalog_entries if e.kind not in loaded)
    write_budget(replace(budget, catalog_entries=kept + tuple(entries)), path)
    for k in sorted(loaded, key=KINDS.index):
        count = sum(1 for e in entries if e.kind == k)
        print(f"已导入{KIND_NAMES[k]} {count} 个科目到 {path}")
    return 0


def export_units(args: argparse.Namespace) -> int:
    """One tables workbook per unit (its own tables, 单位 wording) into the folder -o."""
    from app.cli.units import folder, report, write_each
    from app.profiles.registry import profile_of
    from app.store import storage
    from reports import excel_data
    from reports.excel_tables import tables_workbook

    budget = storage.load(args.path)
    if not budget.units:
        raise CommandError("文件中没有单位，无法导出单位的公开表。")
    if args.data:
        raise CommandError("--units 只导出各单位的公开表，不能与 --data 同用。")

    def write(unit: Budget, path: Path) -> None:
        template, kind = profile_of(unit)
        excel_data.save(tables_workbook(template.tables(unit, kind)), path)

    report(write_each(budget, folder(args.output), ".xlsx", write), "公开表工作簿")
    return 0
