"""The `budget-desk` command line: a table of subcommands, each a small function.

Each command module adds its subcommands with `register(sub)`. The renderers and the window
are imported inside the commands that use them, so `check` or `tables` never load reportlab
or PySide6; a command line naming a command loads only that command's module (the others get
a bare entry of the same name, see `parser`). Every user mistake arrives here as a UserError
(or an OSError) and is printed as one Chinese line; nothing the user does shows a traceback.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.cli import gui
from app.cli.base import Parser, Refused, exit_asked
from app.core.errors import UserError, os_message


def _sample() -> Any:
    from app.cli import sample

    return sample


def _check() -> Any:
    from app.cli import check

    return check


def _excel() -> Any:
    from app.cli import excel

    return excel


def _pdf() -> Any:
    from app.cli import pdf

    return pdf


def _gui() -> Any:
    return gui


def _import_tables() -> Any:
    from app.cli import import_tables

    return import_tables


def _fields() -> Any:
    from app.cli import fields

    return fields


def _profiles() -> Any:
    from app.cli import profiles

    return profiles


def _inspect() -> Any:
    from app.cli import inspect

    return inspect


# the command modules (each loaded by its function, an import the freezer sees), in the order
# their commands are listed by --help, each with the commands it registers
# (tests/unit/cli/test_main.py holds this to what they register)
MODULES: tuple[tuple[Callable[[], Any], tuple[str, ...]], ...] = (
    (_sample, ("sample", "tables")),
    (_check, ("check", "accept")),
    (_excel, ("template", "export", "import", "catalog")),
    (_pdf, ("pdf",)),
    (_gui, ("demo",)),
    (_import_tables, ("import-tables",)),
    (_fields, ("fields", "templates")),
    (_profiles, ("profiles",)),
    (_inspect, ("inspect",)),
)
HELP = ("-h", "--help")


def needed(words: Sequence[str]) -> tuple[Callable[[], Any], ...] | None:
    """The command modules needed to parse a command line: all (None) where it asks for the
    program's help (-h before any command), else the named command's module, if any: another
    command is parsed the same as a bare entry of its name, and an unknown one lists the names.
    The top-level options take no values, so the first word not an option is the command."""
    for word in words:
        if word in HELP:
            return None
        if not word.startswith("-"):
            return tuple(module for module, names in MODULES if word in names)
    return ()


def parser(words: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of all commands or, given a command line, of what it needs (see `needed`),
    with every other command a bare entry (its name, no help or arguments): the command line
    parses the same, without loading the other commands' modules."""
    return _parser(None if words is None else needed(words))


@functools.cache
def _parser(wanted: tuple[Callable[[], Any], ...] | None) -> argparse.ArgumentParser:
    """Built once per process for each set of command modules: a caller that runs many commands
    in one process (the self-test's callers, the tests: ~7 ms of argparse's message lookups per
    parser) parses each with the parser built the first time (parsing changes no parser)."""
    top = Parser(prog="budget-desk", description="预算公开编制助手：编制部门预算公开文件。")
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                     help="显示版本号后退出")
    top.add_argument("--self-test", action="store_true", help="自检：写出示例并生成全部文件")
    sub = top.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    for module, names in MODULES:
        if wanted is None or module in wanted:
            module().register(sub)
        else:
            for name in names:
                sub.add_parser(name)
    return top


def command_name(words: Sequence[str]) -> str:
    """The command a command line runs ("main" for none: the window, --help, --self-test)."""
    return next((w for w in words if not w.startswith("-")), "main") if needed(words) else "main"


def dispatch(words: list[str]) -> int:
    if len(words) == 1 and not words[0].startswith("-") and (
            words[0].endswith(".budget") or Path(words[0]).is_file()):  # budget-desk FILE
        return gui.open_window(argparse.Namespace(path=words[0]))
    args = parser(words).parse_args(words)
    if args.self_test:
        from app.cli import selftest

        return selftest.run(args)
    if args.command is None:
        return gui.open_window(args)
    code: int = args.run(args)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if argv is None:  # the program's own process (not a caller's): see app.cli.lean, startcache
        from app.cli import lean, startcache

        lean.install()
        startcache.install(command_name(words))
    try:
        code = dispatch(words)
        if argv is None:
            startcache.save()
        if argv is None and exit_asked():  # the program's own run (not a caller in this process)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    except UserError as exc:
        print(f"budget-desk: {exc}", file=sys.stderr)
        return exc.status if isinstance(exc, Refused) else 2
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
