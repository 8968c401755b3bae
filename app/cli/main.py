"""The `budget-desk` command line: a table of subcommands, each a small function.

Each command module adds its subcommands with `register(sub)`. The renderers and the window
are imported inside the commands that use them, so `check` or `tables` never load reportlab
or PySide6. Every user mistake arrives here as a UserError (or an OSError) and is printed as
one Chinese line; nothing the user does shows a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.cli import check, excel, fields, gui, import_tables, inspect, pdf, profiles, sample
from app.cli.base import Parser, exit_asked
from app.core.errors import UserError, os_message

# the command modules, in the order their commands are listed by --help
MODULES = (sample, check, excel, pdf, gui, import_tables, fields, profiles, inspect)


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="budget-desk", description="预算公开编制助手：编制部门预算公开文件。")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top.add_argument("--self-test", action="store_true", help="自检：写出示例并生成全部文件")
    sub = top.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    for module in MODULES:
        module.register(sub)
    return top


def dispatch(words: list[str]) -> int:
    if len(words) == 1 and not words[0].startswith("-") and (
            words[0].endswith(".budget") or Path(words[0]).is_file()):  # budget-desk FILE
        return gui.open_window(argparse.Namespace(path=words[0]))
    args = parser().parse_args(words)
    if args.self_test:
        from app.cli import selftest

        return selftest.run(args)
    if args.command is None:
        return gui.open_window(args)
    code: int = args.run(args)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        code = dispatch(words)
        if argv is None and exit_asked():  # the program's own run (not a caller in this process)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    except UserError as exc:
        print(f"budget-desk: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            return quiet_pipe()
        print(f"budget-desk: {os_message(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def quiet_pipe() -> int:
    """The reader of our output went away (`… | head`): end quietly, as other tools do."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0
