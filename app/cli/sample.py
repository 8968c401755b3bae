"""`budget-desk sample FILE` and `budget-desk tables FILE`: the bundled sample, the tables as text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.base import CommandError, check_new_file


def register(sub: Any) -> None:
    p = sub.add_parser("sample", help="写出内置示例预算文件")
    p.add_argument("path", help="要写出的预算文件")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.add_argument("--profile", default="shanxi",
                   help="哪个模板的示例：shanxi（晋城市科学技术局）或 shanghai（上海市普陀区文化和旅游局）")
    p.set_defaults(run=cmd_sample)

    p = sub.add_parser("tables", help="以文本打印公开表（按文件的模板）")
    p.add_argument("path", help="要打印公开表的预算文件")
    p.add_argument("--table", type=int, help="只打印第 N 张表")
    p.add_argument("--unit", help="打印这个单位（名称或编码）的单位预算公开表")
    p.set_defaults(run=cmd_tables)


def cmd_sample(args: argparse.Namespace) -> int:
    from app.profiles.registry import profile
    from app.store import storage

    template = profile(args.profile)
    if template.sample is None:
        raise CommandError(f"模板“{template.id}”没有内置示例。")
    path = Path(args.path)
    check_new_file(path, args.force)
    storage.replace_file(template.sample(), path)  # built beside, renamed over: the old file stays till then
    print(f"已写出示例预算文件：{path}")
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    from app.compute.textout import render
    from app.profiles.registry import profile_of
    from app.store import storage

    budget = storage.load(args.path)
    if args.unit is not None:
        from app.compute.unitdoc import find_unit, unit_budget

        budget = unit_budget(budget, find_unit(budget, args.unit).code)
    template, kind = profile_of(budget)
    tables = template.tables(budget, kind)
    if args.table is not None:
        if not 1 <= args.table <= len(tables):
            raise CommandError(f"--table 应为 1 到 {len(tables)} 之间的表号。")
        tables = (tables[args.table - 1],)
    print("\n\n".join(render(t) for t in tables))
    return 0
