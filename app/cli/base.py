"""What every command module shares: the type of a command and the parser that speaks Chinese."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import typing
import unicodedata
from collections.abc import Callable
from pathlib import Path

from app.core.errors import UserError

if typing.TYPE_CHECKING:
    from app.core.records import Budget

Command = Callable[[argparse.Namespace], int]


class CommandError(UserError):
    """A problem with the command's arguments or files; printed as one line, exit status 2."""


class Refused(UserError):
    """The budget has 错误 that block what was asked (the publication PDF): printed as the
    list of them, exit status 1, as `check` ends when it finds 错误 (a script tells them from
    a mistyped command, status 2)."""

    status = 1


def check_new_file(path: Path, force: bool) -> None:
    """A CommandError unless a new file may be written at path: a folder there is said to be
    one (before --force is offered, which could not help), an existing file needs --force."""
    if path.is_dir():
        raise CommandError(f"“{path}”是一个文件夹，请给出文件名。")
    if path.exists() and not force:
        raise CommandError(f"“{path}”已存在；如要覆盖，请加 --force。")


def write_budget(budget: Budget, path: Path) -> Path | None:
    """Write budget to path atomically, under the file's lock (a file a window holds is
    refused); an existing budget file is first copied to a backup (whole, or not at all),
    which is returned. The new file is built beside path and renamed over it."""
    from app.store import storage
    from app.store.lock import holding

    backup = None
    with holding(path) as held:
        if path.exists():
            backup = storage.backup(path, dt.datetime.now().strftime("%Y%m%d-%H%M%S"),
                                    keep=budget.settings.backups_kept)
        storage.replace_file(budget, path, held)
    return backup


def _quoted(choices: str) -> str:
    """argparse's "'a', 'b'" as “a”、“b”."""
    return "、".join(f"“{c}”" for c in re.findall(r"'([^']*)'", choices)) or choices


_TYPES = {"int": "整数", "float": "数", "Path": "路径", "Decimal": "金额"}

# argparse's own messages (Python 3.11 and later), each with its Chinese words; the argument
# names and values are kept as the user typed them
WORDS: tuple[tuple[str, typing.Callable[[re.Match[str]], str]], ...] = (
    (r"the following arguments are required: (?P<names>.+)",
     lambda m: f"缺少必须给出的参数：{m['names']}"),
    (r"argument (?P<name>\S+): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)",
     lambda m: f"参数 {m['name']} 不能是“{m['value']}”，只能是 {_quoted(m['choices'])} 之一"),
    (r"unrecognized arguments: (?P<words>.+)",
     lambda m: f"不认识的参数：{m['words']}"),
    (r"argument (?P<name>\S+): expected one argument",
     lambda m: f"参数 {m['name']} 后面要写一个值"),
    (r"argument (?P<name>\S+): expected (?:at least one|at most one|\d+) arguments?",
     lambda m: f"参数 {m['name']} 后面的值个数不对"),
    (r"argument (?P<name>\S+): invalid (?P<type>\w+) value: '(?P<value>.*)'",
     lambda m: f"参数 {m['name']} 的值“{m['value']}”不是有效的{_TYPES.get(m['type'], m['type'])}"),
    (r"argument (?P<name>\S+): not allowed with argument (?P<other>\S+)",
     lambda m: f"参数 {m['name']} 不能与 {m['other']} 同时使用"),
    (r"argument (?P<name>\S+): ignored explicit argument '(?P<value>.*)'",
     lambda m: f"参数 {m['name']} 不带值，却写了“{m['value']}”"),
    (r"one of the arguments (?P<names>.+) is required",
     lambda m: f"以下参数必须给出其中一个：{m['names']}"),
    (r"ambiguous option: (?P<name>\S+) could match (?P<matches>.+)",
     lambda m: f"参数 {m['name']} 不明确，可能是：{m['matches']}"),
)

# what the usage line and the messages call an argument's value, by the argument's name
NAMES = {"path": "预算文件", "source": "预算文件", "workbook": "工作簿", "check": "检查名",
         "location": "位置", "output": "输出文件", "year": "年度", "profile": "模板",
         "kind": "种类", "dir": "文件夹", "reason": "理由", "report": "报告文件",
         "font_song": "字体文件", "font_hei": "字体文件", "table": "表号", "unit": "单位",
         "annotate": "文件夹", "load": "工作簿"}


def chinese(message: str) -> str:
    """argparse's English message in plain Chinese (an unknown one as it is)."""
    for pattern, words in WORDS:
        found = re.fullmatch(pattern, message)
        if found:
            return words(found)
    return message


def width(text: str) -> int:
    """How many terminal columns a text takes: a Chinese character (or full-width sign) two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# what may not begin a line in Chinese typesetting
_NO_START = "，。、；：？！）》」』”’・…"
_NO_END = "（《「『“‘"  # and what may not end one


def wrap(text: str, columns: int) -> list[str]:
    """A help text broken into lines of at most `columns` terminal columns: between Chinese
    characters anywhere, English words and codes kept whole; a closing sign never first on a line
    (the character before it goes down with it), an opening one never last."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"[^\s\u2e80-\uffff]+|\s+|.", " ".join(text.split())):
        if line and width(line) + width(token) > columns and not token.isspace():
            carry = ""
            if token in _NO_START:  # the last character or word before the signs goes down too
                last = re.search(r"(?:[^\s\u2e80-\uffff]+|.)[" + _NO_START + "]*$", line)
                if last and last.start() > 0:
                    carry, line = line[last.start():], line[:last.start()]
            opening = re.search("[" + _NO_END + "]+$", line)  # nor an opening sign last
            if opening and opening.start() > 0:
                carry, line = line[opening.start():] + carry, line[:opening.start()]
            lines.append(line.rstrip())
            line = carry
        if not (token.isspace() and not line):
            line += token
    return [*lines, line.rstrip()] if line.strip() else lines


class Formatter(argparse.HelpFormatter):
    """argparse's help with its headings in Chinese, and its columns lined up as a terminal
    shows them (argparse counts a Chinese character as one column; it takes two)."""

    def add_usage(self, usage: str | None, actions: typing.Iterable[argparse.Action],
                  groups: typing.Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def _format_usage(self, usage: str | None, actions: typing.Iterable[argparse.Action],
                      groups: typing.Iterable[argparse._MutuallyExclusiveGroup],
                      prefix: str | None) -> str:
        """The usage wrapped to the terminal's columns: argparse wraps it by characters, so it is
        wrapped again, narrower, until its widest line fits."""
        actions, groups, full = list(actions), list(groups), self._width
        try:
            while True:
                text = super()._format_usage(usage, actions, groups, prefix)
                if max(map(width, text.splitlines())) <= full or self._width <= 40:
                    return text
                self._width -= 4
        finally:
            self._width = full

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            shown = [self._format_action_invocation(a)
                     for a in (action, *self._iter_indented_subactions(action))]
            self._action_max_length = max(self._action_max_length,
                                          max(map(width, shown)) + self._current_indent)

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        head = " " * self._current_indent + header
        first, newline, rest = text.partition("\n")
        if width(header) == len(header) or not action.help or not first.startswith(head) \
                or not first[len(head):].strip():
            return text  # no wide character, or the help begins on the next line anyway
        column = min(self._action_max_length + 2, self._max_help_position)
        helped = first[len(head):].lstrip()
        if width(head) + 2 <= column:
            return head + " " * (column - width(head)) + helped + newline + rest
        return head + "\n" + " " * column + helped + newline + rest

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def format_help(self) -> str:
        """argparse ends a heading with an ASCII colon; a Chinese heading takes the full-width one."""
        return re.sub(r"^( *)(位置参数|选项):$", r"\1\2：", super().format_help(), flags=re.M)


class Parser(argparse.ArgumentParser):
    """argparse speaking Chinese: its headings and -h, and a one-line error (the usual exit
    status 2) in plain words."""

    def __init__(self, *args: typing.Any, **kwargs: typing.Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        helps = kwargs.get("add_help", True)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if helps:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="显示本帮助后退出")

    def add_argument(self, *args: typing.Any, **kwargs: typing.Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if action.metavar is None and action.choices is None and action.nargs != 0:
            action.metavar = NAMES.get(action.dest)
        return action

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: 参数错误：{chinese(message)}（用 --help 查看用法）\n")


_quick_exit: list[bool] = []


def exit_when_done() -> None:
    """Ask main to end the process as soon as the command has returned, skipping the
    interpreter's teardown (about a fifth of a second of freeing a PDF's objects one by one):
    for a command that has written and closed its files and ended its processes."""
    _quick_exit.append(True)


def exit_asked() -> bool:
    return bool(_quick_exit)
