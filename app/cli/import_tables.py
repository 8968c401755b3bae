"""Adds `import-tables`: a new budget file from the disclosure tables a budget system exported to
Excel (any profile's: the template is recognised from the tables' titles, or `--profile`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.base import CommandError, check_new_file, write_budget

# ProjectKind's values, for --help without loading the records (a test holds them equal)
PROJECT_KINDS = ("其他运转类", "特定目标类")


def register(sub: Any) -> None:
    p = sub.add_parser("import-tables", help="从预算公开表（Excel）导入，写成新的预算文件")
    p.add_argument("workbook", help="含预算公开表的工作簿（.xlsx 或 .xls），表可在任意工作表、任意位置")
    p.add_argument("-o", "--output", required=True, help="要写出的预算文件")
    p.add_argument("--force", action="store_true", help="覆盖已有的预算文件（原文件先备份）")
    p.add_argument("--year", type=int, help="预算年度（表题和表头中没有年度时使用）")
    p.add_argument("--project-kind", choices=PROJECT_KINDS,
                   help="全部项目的项目类别（表中没有；不指定时按项目名称推定并标为推测）")
    p.add_argument("--profile", help="公开表的模板（见 profiles 命令）；不指定时按表题认出")
    p.set_defaults(run=cmd_import_tables)


def cmd_import_tables(args: argparse.Namespace) -> int:
    from app.core.records import ProjectKind
    from app.imports.tables import firstlook
    from app.imports.tables.report import Report

    target = Path(args.output)
    check_new_file(target, args.force)
    if not target.parent.exists():
        raise CommandError(f"找不到要写入的文件夹“{target.parent}”。")
    kind = ProjectKind(args.project_kind) if args.project_kind else None
    if args.profile:
        from app.profiles.registry import profile

        profile(args.profile)  # an unknown id is the user's mistake, said before any reading
    found = firstlook.problem(Path(args.workbook))
    if found is not None:  # said before the readers and the solver are loaded (~1 s)
        report = Report()
        report.fatal.append(found)
        print(report.text(), file=sys.stderr)
        print("未写入任何文件。", file=sys.stderr)
        return 1
    from app.imports.tables.importer import import_tables

    result = import_tables(args.workbook, year=args.year, project_kind=kind,
                           profile_id=args.profile or None)
    if result.budget is None:
        print(result.report.text(), file=sys.stderr)
        print("未写入任何文件。", file=sys.stderr)
        return 1
    backup = write_budget(result.budget, target)  # (--force over a file: its backup first)
    print(result.report.text())
    if backup is not None:
        print(f"\n原预算文件已备份为：{backup}")
    report = result.report
    problems = len(report.unreadable) + len(report.disagreements) + len(report.differences)
    budget = result.budget
    print(f"\n已写出预算文件：{target}（{len(budget.units)} 个单位，{len(budget.projects)} 个项目）"
          + (f"；有 {problems} 处需要核对，见上。" if problems else "。"))
    return 0
