"""`budget-desk fields` (the field catalog of 第三部分) and `budget-desk templates` (copy wording)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("fields", help="列出第三部分可用的字段：名称、当前值（按说明中的写法）、说明")
    p.add_argument("path", help="要列出字段的预算文件")
    p.set_defaults(run=cmd_fields)

    p = sub.add_parser("templates", help="文字模板：列出本文件改过的段落，或用 --from 复制另一个文件的模板")
    p.add_argument("path", help="要列出或复制文字模板的预算文件")
    p.add_argument("--from", dest="source", help="从这个预算文件复制全部文字模板（覆盖本文件的模板）")
    p.set_defaults(run=cmd_templates)


def cmd_fields(args: argparse.Namespace) -> int:
    from app.compute.textfields import catalog, entries
    from app.store import storage

    budget = storage.load(args.path)
    for name, value, note in entries(catalog(budget)):
        print(f"{name}\t{value.replace(chr(10), '↵')}\t{note}")
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from app.compute.wording import SECTIONS
    from app.store import storage

    budget = storage.load(args.path)
    if args.source:
        source = storage.load(args.source)
        budget = replace(budget, texts=replace(budget.texts, templates=source.texts.templates))
        storage.save(budget, args.path)
        print(f"已从 {args.source} 复制 {len(source.texts.templates)} 段文字模板（其余段落用默认写法）。")
    changed = {t.section for t in budget.texts.templates if t.template.strip()}
    for d in SECTIONS:
        print(f"{d.number}\t{'本文件的写法' if d.number in changed else '默认'}\t{d.heading}")
    return 0
