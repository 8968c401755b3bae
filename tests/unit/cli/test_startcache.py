"""The program's own process builds its regular expressions and dataclass methods from code kept
between runs: the same patterns and classes as compiled anew, the file written only when worth it."""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import startcache
from app.cli.main import command_name
from app.cli.startcache import StartCache

ROOT = Path(__file__).resolve().parents[3]
# patterns no other module compiles (re's own cache must miss them)
PATTERNS: list[tuple[str | bytes, int]] = [("(?P<code>\\d{3})(?:-(?P<part>[a-z]+))?\\s*测试一", 0),
            ("(^(?:[a-z0-9.+-]*)://)(?:[a-z\xa1-\uffff0-9-]{1,63})测试二", int(re.I)),
            (b"[\\x00-\\x1f]+|bytes-\\d+-test", 0),
            ("(?x) a+ # verbose\n b? 测试三", 0)]


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Callable[[], StartCache]]:
    made: list[StartCache] = []

    def fresh() -> StartCache:
        kept = StartCache(tmp_path / "compiled" / "test.bin")
        kept.install()
        made.append(kept)
        return kept

    yield fresh
    for kept in made:
        kept.uninstall()
    re.purge()


def compiled_here(pattern: str | bytes, flags: int = 0) -> Any:
    """The pattern as re.compile gives it, re's own cache emptied first."""
    re.purge()
    return re.compile(pattern, flags)


def make_class() -> type:
    @dataclasses.dataclass(frozen=True)
    class Line:
        code: str
        amount: int = 0
        names: tuple[str, ...] = ()

    return Line


def test_patterns_and_classes_from_kept_code_are_the_same(cache: Callable[[], StartCache]) -> None:
    originals = [compiled_here(p, f) for p, f in PATTERNS]  # re's own compiler
    first = cache()
    assert first.patterns == {} and first.codes == {}
    for (p, f), original in zip(PATTERNS, originals, strict=True):
        assert compiled_here(p, f) == original
    make_class()
    assert first.missed > 0 and len(first.used_codes) >= 5  # init, repr, eq, hash, setattr, delattr
    first.save(worth=0)
    first.uninstall()

    second = cache()
    assert set(second.patterns) >= {(p, int(f)) for p, f in PATTERNS}
    for (p, f), original in zip(PATTERNS, originals, strict=True):
        kept = compiled_here(p, f)
        assert kept == original  # same pattern, flags and code
        assert (kept.groups, dict(kept.groupindex), kept.flags) == (
            original.groups, dict(original.groupindex), original.flags)
    assert compiled_here(PATTERNS[0][0]).match("207-ab 测试一").group("part") == "ab"
    assert compiled_here(PATTERNS[1][0], re.I).match("HTTP://例子测试二")
    line_class = make_class()
    line = line_class("207", 5)
    assert second.missed == 0, "compiled again although kept"
    assert repr(line).endswith("Line(code='207', amount=5, names=())")
    assert line == line_class("207", 5) and line != line_class("207", 6)
    assert hash(line) == hash(("207", 5, ()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.code = "208"  # type: ignore[misc]


def test_written_only_when_worth_it_and_only_what_was_used(cache: Callable[[], StartCache],
                                                           tmp_path: Path) -> None:
    first = cache()
    compiled_here(*PATTERNS[0])
    compiled_here(*PATTERNS[1])
    first.save(worth=0)
    first.uninstall()
    path = tmp_path / "compiled" / "test.bin"
    written = path.stat().st_mtime_ns

    second = cache()
    compiled_here(*PATTERNS[1])  # kept
    compiled_here("[0-9]+ 只此一次", 0)  # new, cheap
    second.save()  # below WORTH: not written again
    assert path.stat().st_mtime_ns == written
    second.save(worth=0)
    _, patterns, _ = marshal.loads(path.read_bytes())
    assert set(patterns) == {(PATTERNS[1][0], int(PATTERNS[1][1])), ("[0-9]+ 只此一次", 0)}


def test_damaged_or_foreign_files_are_compiled_anew(cache: Callable[[], StartCache], tmp_path: Path) -> None:
    path = tmp_path / "compiled" / "test.bin"
    path.parent.mkdir()
    original = compiled_here(*PATTERNS[0])
    bad_code: dict[Any, Any] = {(PATTERNS[0][0], 0): (0, [1, 2, 3], 0, {}, (None,))}
    for content in (b"not marshal", marshal.dumps(((0, "another python"), {}, {})),
                    marshal.dumps((startcache._version(), bad_code, {}))):
        path.write_bytes(content)
        kept = cache()
        assert compiled_here(*PATTERNS[0]) == original  # a bad code list is refused by _sre
        kept.uninstall()


def test_command_names() -> None:
    assert command_name(["pdf", "x.budget", "-o", "x.pdf"]) == "pdf"
    assert command_name(["import-tables", "t.xlsx", "-o", "f"]) == "import-tables"
    assert command_name(["--self-test"]) == "main"
    assert command_name(["--help"]) == "main"
    assert command_name([]) == "main"
    assert command_name(["x.budget"]) == "main"


def test_the_programs_own_run_keeps_its_code(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "app.cli", "profiles"]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    path = tmp_path / "budget-desk" / "compiled" / "profiles.bin"
    written = path.stat().st_mtime_ns
    _, patterns, codes = marshal.loads(path.read_bytes())
    assert len(codes) > 100 and patterns  # the records' methods
    second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert second.stdout == first.stdout and "shanxi" in first.stdout
    assert path.stat().st_mtime_ns == written  # everything was kept


SWITCHED = """
import re, sys
from app.cli import startcache
startcache.install("one")
startcache.switch("two")  # as the pdf command's second process does once forked
re.compile("x+ 只为测试", 0)
startcache._installed[0].save(worth=0)
print(len(startcache._installed), startcache._installed[0].path.name)
"""


def test_a_second_process_keeps_its_code_in_a_file_of_its_own(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", SWITCHED], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["1", "two.bin"], out.stderr
    folder = tmp_path / "budget-desk" / "compiled"
    assert sorted(p.name for p in folder.iterdir()) == ["two.bin"]
    _, patterns, _ = marshal.loads((folder / "two.bin").read_bytes())
    assert ("x+ 只为测试", 0) in patterns


def test_no_switch_where_nothing_was_installed() -> None:
    assert not startcache._installed  # a caller's process (this one) never installs it
    startcache.switch("two")
    assert not startcache._installed


def test_what_cannot_be_kept_is_compiled_as_before(cache: Callable[[], StartCache],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    class Text(str):
        pass

    kept = cache()
    assert compiled_here(Text("a+ 子类测试")) == compiled_here("a+ 子类测试")
    compiled_here("b+ 调试测试", re.DEBUG)
    assert "LITERAL" in capsys.readouterr().out  # re.DEBUG still prints the code
    assert list(kept.used_patterns) == [("a+ 子类测试", 0)]  # the plain str only
    kept.save(worth=0)
    assert kept.missed == 0  # written: every entry marshals
