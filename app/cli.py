"""The `budget-desk` command line: a table of subcommands, each a small function.

Commands that need the renderers or the window are named by module and imported only when
run, so the core never loads PySide6 or reportlab.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import typing
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__

Command = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def cmd_sample(args: argparse.Namespace) -> int:
    from app import storage
    from app.sample import load_sample

    path = Path(args.path)
    if path.exists() and not args.force:
        raise CommandError(f"“{path}”已存在；如要覆盖，请加 --force。")
    if path.exists():
        path.unlink()
    storage.save(load_sample(), path)
    print(f"已写出示例预算文件：{path}")
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    from app import storage
    from app.tables import build_tables
    from app.textout import render

    budget = storage.load(args.path)
    tables = build_tables(budget)
    if args.table is not None:
        if not 1 <= args.table <= len(tables):
            raise CommandError(f"--table 应为 1 到 {len(tables)} 之间的表号。")
        tables = (tables[args.table - 1],)
    print("\n\n".join(render(t) for t in tables))
    return 0


def lazy(target: str) -> Command:
    """A command implemented in module:function, imported when it runs."""

    def run(args: argparse.Namespace) -> int:
        module, _, name = target.partition(":")
        function: Command = getattr(importlib.import_module(module), name)
        return function(args)

    return run


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error (and the usual exit status 2)."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: 参数错误：{message}（用 --help 查看用法）\n")


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="budget-desk", description="预算公开编制助手：编制部门预算公开文件。")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument("--self-test", action="store_true", help="自检：写出示例并生成全部文件")
    sub = top.add_subparsers(dest="command", metavar="命令", parser_class=Parser)

    p = sub.add_parser("sample", help="写出内置示例预算文件")
    p.add_argument("path")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(run=cmd_sample)

    p = sub.add_parser("tables", help="以文本打印 13 张公开表")
    p.add_argument("path")
    p.add_argument("--table", type=int, help="只打印第 N 张表")
    p.set_defaults(run=cmd_tables)

    for register in EXTENSIONS:
        module, _, name = register.partition(":")
        try:
            getattr(importlib.import_module(module), name)(sub, lazy)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name):
                raise
    return top


# modules that add their own subcommands: register(subparsers, lazy)
EXTENSIONS = (
    "app.check_commands:register",
    "app.excel_commands:register",
    "app.pdf_commands:register",
    "app.gui_commands:register",
    "app.table_import_commands:register",
)


def main(argv: Sequence[str] | None = None) -> int:
    from app.storage import BudgetFileError

    words = list(sys.argv[1:] if argv is None else argv)
    if len(words) == 1 and not words[0].startswith("-") and (
            words[0].endswith(".budget") or Path(words[0]).is_file()):  # budget-desk FILE
        return lazy("app.gui_commands:open_window")(argparse.Namespace(path=words[0]))
    args = parser().parse_args(argv)
    if args.self_test:
        return lazy("app.selftest:run")(args)
    if args.command is None:
        return lazy("app.gui_commands:open_window")(args)
    try:
        code: int = args.run(args)
        return code
    except (CommandError, BudgetFileError, FileNotFoundError) as exc:
        print(f"budget-desk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # run the imported app.cli, not this __main__ copy: commands raise app.cli.CommandError
    from app.cli import main as imported_main

    sys.exit(imported_main())
