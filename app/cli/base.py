"""What every command module shares: the type of a command and the parser that speaks Chinese."""

from __future__ import annotations

import argparse
import typing
from collections.abc import Callable

from app.core.errors import UserError

Command = Callable[[argparse.Namespace], int]


class CommandError(UserError):
    """A problem with the command's arguments or files; printed as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error (and the usual exit status 2)."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: 参数错误：{message}（用 --help 查看用法）\n")


_quick_exit: list[bool] = []


def exit_when_done() -> None:
    """Ask main to end the process as soon as the command has returned, skipping the
    interpreter's teardown (about a fifth of a second of freeing a PDF's objects one by one):
    for a command that has written and closed its files and ended its processes."""
    _quick_exit.append(True)


def exit_asked() -> bool:
    return bool(_quick_exit)
