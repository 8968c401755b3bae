"""The command line's table of command modules: what each registers, and a named command's
parser loading only its own module (and parsing the same as the parser of all commands)."""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from app.cli import import_tables
from app.cli.main import MODULES, needed, parser
from app.core.records import ProjectKind


def registered(module: Callable[[], Any]) -> list[str]:
    top = argparse.ArgumentParser()
    sub = top.add_subparsers()
    module().register(sub)
    return list(sub.choices)


@pytest.mark.parametrize("module, names", MODULES)
def test_each_module_registers_the_commands_the_table_names(module: Callable[[], Any],
                                                            names: tuple[str, ...]) -> None:
    assert registered(module) == list(names)
    assert module.__name__ == "_" + module().__name__.rsplit(".", 1)[1]


def test_the_project_kinds_offered_are_the_records() -> None:
    assert tuple(k.value for k in ProjectKind) == import_tables.PROJECT_KINDS


@pytest.mark.parametrize("words, modules", [
    (["tables", "x.budget"], ("_sample",)),
    (["--self-test"], ()),
    (["--version"], ()),
    (["--help", "tables"], None),
    (["tables", "--help"], ("_sample",)),
    (["-h"], None),
    (["frobnicate"], ()),
    (["import-tables", "a.xlsx", "-o", "b.budget"], ("_import_tables",)),
    ([], ()),
])
def test_the_modules_a_command_line_needs(words: list[str],
                                         modules: tuple[str, ...] | None) -> None:
    found = needed(words)
    assert (None if found is None else tuple(m.__name__ for m in found)) == modules


@pytest.mark.parametrize("words", [
    ["tables", "x.budget", "--table", "3"],
    ["accept", "f.budget", "income-balance", "income//x", "--reason", "因为"],
    ["export", "f.budget", "--data", "-o", "o.xlsx"],
    ["import-tables", "a.xlsx", "-o", "b.budget", "--project-kind", "特定目标类"],
    ["pdf", "f.budget", "--draft", "-o", "o.pdf"],
    ["inspect", "a.pdf", "b"],
])
def test_a_named_command_parses_as_with_all_commands(words: list[str]) -> None:
    assert vars(parser(words).parse_args(words)) == vars(parser().parse_args(words))


def test_a_command_loads_no_other_commands_module() -> None:
    code = ("import sys\nfrom app.cli.main import parser\n"
            "parser(['tables', 'x.budget']).parse_args(['tables', 'x.budget'])\n"
            "print(sorted(m for m in sys.modules if m.startswith(('app.cli.', 'app.core.records',"
            " 'app.store'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(out.stdout)
    assert loaded == ["app.cli.base", "app.cli.gui", "app.cli.main", "app.cli.sample"], loaded
