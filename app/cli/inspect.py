"""`budget-desk inspect PDF_OR_FOLDER… [--report R.xlsx] [--annotate DIR]`: checks published PDFs.

Prints one line per finding, `文件<TAB>页<TAB>级别<TAB>检查<TAB>说明`, then one `未检查` line per rule
that could not run; exit 0 when no file has a 错误, 1 when one has, 2 when no file could be read.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.base import CommandError

if TYPE_CHECKING:
    from app.inspect.outcome import Outcome


def register(sub: Any) -> None:
    p = sub.add_parser("inspect", help="检查已公开的部门预算 PDF（任何程序生成的）：表格、数字与文字")
    p.add_argument("paths", nargs="+", metavar="PDF或文件夹", help="PDF 文件，或含 PDF 的文件夹")
    p.add_argument("--report", help="把全部结果写成一个 Excel 报告（.xlsx）")
    p.add_argument("--annotate", help="在此文件夹写出每个 PDF 的批注副本，标出问题所在")
    p.set_defaults(run=run)


def titles() -> dict[str, str]:
    from app.checks.registry import TITLES
    from app.inspect.run import RULES

    return {**TITLES, **RULES}


def files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"找不到文件或文件夹：{name}")
    if not found:
        raise CommandError("没有找到 PDF 文件。")
    return found


def lines(outcome: Outcome, words: dict[str, str]) -> list[str]:
    name = outcome.path.name
    out = [f"{name}\t{f.page if f.page is not None else '-'}\t{f.severity.value}\t"
           f"{words.get(f.check, f.check)}\t{f.message}" for f in outcome.findings]
    out += [f"{name}\t-\t未检查\t{words.get(rule, rule)}\t{why}" for rule, why in outcome.not_run]
    return out


def inspect_all(paths: list[Path]) -> Iterator[Outcome]:
    """Each file's outcome, in order; several files are read on every core."""
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only for this command

    from app.inspect.run import inspect

    workers = min(len(paths), os.cpu_count() or 1)
    if workers < 2:
        yield from map(inspect, paths)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(inspect, paths, chunksize=4)


def run(args: argparse.Namespace) -> int:
    words = titles()
    outcomes = []
    for outcome in inspect_all(files(args.paths)):
        path = outcome.path
        outcomes.append(outcome)
        for line in lines(outcome, words):
            print(line)
        errors = len(outcome.errors)
        print(f"{path.name}：{outcome.template or '未识别模板'}；错误 {errors} 项，提示 "
              f"{len(outcome.findings) - errors} 项；检查了 {len(outcome.run)} 项规则，"
              f"未能检查 {len(outcome.not_run)} 项", file=sys.stderr)
    if args.report:
        from app.inspect import report

        report.write(outcomes, words, args.report)
        print(f"已写出检查报告：{args.report}", file=sys.stderr)
    if args.annotate:
        from app.inspect import annotate

        folder = Path(args.annotate)
        folder.mkdir(parents=True, exist_ok=True)
        for outcome in outcomes:
            if outcome.readable:
                annotate.write(outcome, words, folder / outcome.path.name)
        print(f"已写出批注副本：{folder}", file=sys.stderr)
    if not any(o.readable for o in outcomes):
        return 2
    return 1 if any(o.errors for o in outcomes) else 0
