"""The command line's own mistakes in plain Chinese: each of argparse's messages a user can meet,
from the real parser of our commands (or, for kinds our commands do not have, a Parser like
theirs), and the help's headings."""

from __future__ import annotations

import argparse
import re

import pytest

from app.cli.base import WORDS, Parser, chinese, width, wrap
from app.cli.main import parser


def refused(words: list[str], capsys: pytest.CaptureFixture[str],
            built: Parser | None = None) -> str:
    with pytest.raises(SystemExit) as ended:
        (built or parser(words)).parse_args(words)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "参数错误：" in err
    return err


def english(text: str, words: list[str]) -> list[str]:
    """Words of argparse's English left in a message: what is quoted (values, choices), the
    options, the command line's own words and the program's name taken out."""
    text = re.sub(r"“[^”]*”|--?[\w-]+|budget-desk", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in " ".join(words)]


@pytest.mark.parametrize("words, said", [
    (["pdf"], "缺少必须给出的参数：预算文件, -o/--output"),
    (["nosuch"], "参数 命令 不能是“nosuch”，只能是 “sample”、“tables”"),
    (["check", "a.budget", "b", "c"], "不认识的参数：b c"),
    (["pdf", "a.budget", "-o"], "参数 -o/--output 后面要写一个值"),
    (["import-tables", "a.xlsx", "-o", "b", "--project-kind", "乱写"],
     "参数 --project-kind 不能是“乱写”，只能是 “其他运转类”、“特定目标类” 之一"),
    (["pdf", "a.budget", "-o", "b.pdf", "--units=yes"], "参数 --units 不带值，却写了“yes”"),
    (["pdf", "a.budget", "-o", "b.pdf", "--font", "x.ttf"],
     "参数 --font 不明确，可能是：--font-song, --font-hei"),
])
def test_our_commands_mistakes_are_said_in_chinese(words: list[str], said: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(words, capsys)
    assert said in err
    assert english(err, words) == []


def test_kinds_our_commands_do_not_have_yet(capsys: pytest.CaptureFixture[str]) -> None:
    p = Parser(prog="budget-desk x")
    p.add_argument("--pages", type=int)
    one = p.add_mutually_exclusive_group(required=True)
    one.add_argument("--a", action="store_true")
    one.add_argument("--b", action="store_true")
    assert "参数 --pages 的值“七”不是有效的整数" in refused(["--pages", "七", "--a"], capsys, p)
    assert "参数 --b 不能与 --a 同时使用" in refused(["--a", "--b"], capsys, p)
    assert "以下参数必须给出其中一个：--a --b" in refused([], capsys, p)


def test_every_pattern_is_one_argparse_can_say() -> None:
    """Each pattern matched by a message above, so none is dead (argparse's wording changed)."""
    seen = {
        "the following arguments are required: 预算文件",
        "argument 命令: invalid choice: 'x' (choose from 'a', 'b')",
        "unrecognized arguments: b",
        "argument -o/--output: expected one argument",
        "argument -o: expected at least one argument",
        "argument --pages: invalid int value: '七'",
        "argument --b: not allowed with argument --a",
        "argument --units: ignored explicit argument 'yes'",
        "one of the arguments --a --b is required",
        "ambiguous option: --font could match --font-song, --font-hei",
    }
    for pattern, _words in WORDS:
        assert any(re.fullmatch(pattern, m) for m in seen), pattern
    assert all(chinese(m) != m for m in seen)
    assert chinese("something argparse says one day") == "something argparse says one day"


def test_help_is_headed_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parser(["pdf", "--help"]).parse_args(["pdf", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：budget-desk pdf")
    assert "\n位置参数：\n" in out and "\n选项：\n" in out and "显示本帮助后退出" in out
    for english_heading in ("usage:", "positional arguments", "options:", "show this help"):
        assert english_heading not in out


def helps() -> dict[str, str]:
    """Every command's help as printed in an 80-column terminal, and the program's own."""
    top = parser(None)
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return {"": top.format_help(),
            **{name: sub.format_help() for name, sub in commands.choices.items()}}


def test_help_fits_and_lines_up_as_a_terminal_shows_chinese(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for name, text in helps().items():
        lines = text.splitlines()
        assert max(map(width, lines)) <= 80, name
        # an argument and its help on one line: every help of the block begins in one column
        starts = {width(m[1]) for line in lines
                  if (m := re.match(r"(  +\S.*?  +)(?=[^ ])", line)) and not line.startswith("用法")}
        assert len(starts) <= 2, (name, starts)  # the options' column, and the commands' list
    assert "--font-song 字体文件  正文" in helps()["pdf"]  # two columns past the widest name


def test_no_argument_is_explained_by_its_own_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for name, text in helps().items():
        for line in text.splitlines():
            assert not re.fullmatch(r" +(\S+) +\1", line), (name, line)
            assert not re.search(r"\b(DIR|XLSX|PATH|FILE)\b", line), (name, line)


def test_chinese_is_wrapped_between_characters_never_before_a_closing_sign() -> None:
    text = "导出为 Excel：文件所用模板的公开表，或加 --data 导出数据工作簿（金额为元），再导入时不变。"
    for columns in range(10, 60):
        lines = wrap(text, columns)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), columns
        assert all(width(line) <= columns for line in lines), columns
        assert not any(line[0] in "，。、）：" for line in lines), columns
        assert not any(line[-1] in "（“" for line in lines), columns
        assert "--data" in " ".join(lines).split() and "Excel" in "".join(lines), columns
