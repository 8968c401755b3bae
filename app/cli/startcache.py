"""What Python compiles anew in every process, kept between runs in the user's cache folder: the
code of regular expressions (reportlab's modules compile ~250 at import, ~0.1 s of CPU, one URL
pattern with wide ranges under IGNORECASE 0.05 s of it) and the methods `dataclasses` generates
(the records' 37 classes: 222 sources compiled, ~0.045 s). The same objects are built from the
kept code, so nothing behaves differently; a miss compiles as before. One file per command, its
entries those the last run used, keyed by the interpreter's version. Installed by the program's
own run (main() given no argv, as app.cli.lean), not in a caller's process.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's engine (no stubs)
import marshal
import sys
import threading
import time
from pathlib import Path
from types import CodeType
from typing import Any

FORMAT = 1
MAX_ENTRIES = 4000  # per kind: a command compiling patterns made from its input keeps no more
MAX_SOURCE = 20000  # characters: longer sources are compiled every time (none of ours)
# the file is written again only when what this run compiled anew took more CPU than this (seconds):
# reportlab's safe-eval pattern joins a set, in an order that changes with every process's hash seed
WORTH = 0.005

_DEBUG = 128  # re.DEBUG: the compiler prints the pattern's code, so it is always compiled

PatternKey = tuple[str | bytes, int]
PatternCode = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _version() -> tuple[Any, ...]:
    """What the kept code depends on: this interpreter's build (its bytecode and re's engine)."""
    return (FORMAT, sys.version, sys.hexversion, sys.implementation.cache_tag, _sre.MAGIC,
            _sre.CODESIZE)


class _Capture:
    """Stands for the `_sre` module in re's compiler while a pattern is compiled, to keep the
    arguments its final `_sre.compile` is given (everything else is `_sre`'s own)."""

    def __init__(self) -> None:
        self.args: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)

    def compile(self, *args: Any) -> Any:
        self.args = args
        return _sre.compile(*args)


class StartCache:
    """The kept code of one command: patterns by (pattern, flags), code objects by source."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.patterns: dict[PatternKey, PatternCode] = {}
        self.codes: dict[str, CodeType] = {}
        self.used_patterns: dict[PatternKey, PatternCode] = {}
        self.used_codes: dict[str, CodeType] = {}
        self.missed = 0.0  # seconds spent compiling what the file lacked
        self._lock = threading.Lock()
        self._compiler: Any = None
        self._compile: Any = None
        self._dataclasses: Any = None

    def load(self) -> None:
        try:
            version, patterns, codes = marshal.loads(self.path.read_bytes())
        except Exception:  # none yet, damaged or foreign: compile as usual, keep anew
            return
        if tuple(version) == _version() and isinstance(patterns, dict) and isinstance(codes, dict):
            self.patterns, self.codes = patterns, codes

    def save(self, worth: float = WORTH) -> None:
        """Keep what this run used (only when compiling what the file lacked took a while)."""
        if self.missed < worth or not (self.used_patterns or self.used_codes):
            return
        from reports.cachedir import write_atomically

        try:
            data = marshal.dumps((_version(), self.used_patterns, self.used_codes))
        except ValueError:  # (an unmarshallable value: nothing kept)
            return
        if write_atomically(self.path, data):
            self.missed = 0.0

    # regular expressions: re._compile calls re._compiler.compile(pattern, flags) on a miss of
    # its own cache; this stands for that function
    def compile_pattern(self, p: Any, flags: int = 0) -> Any:
        if type(p) not in (str, bytes) or len(p) > MAX_SOURCE or flags & _DEBUG:
            return self._compile(p, flags)  # a parsed pattern (re.Scanner), too long, or printed
        key = (p, int(flags))
        kept = self.patterns.get(key)
        if kept is not None:
            final, code, groups, groupindex, indexgroup = kept
            try:
                made = _sre.compile(p, final, code, groups, dict(groupindex), indexgroup)
            except Exception:  # not what _sre accepts (it checks the code): compile anew
                pass
            else:
                self.used_patterns[key] = kept
                return made
        started = time.process_time()
        with self._lock:
            capture = _Capture()
            self._compiler._sre = capture
            try:
                made = self._compile(p, flags)
            finally:
                self._compiler._sre = _sre
        args = capture.args
        if (args is not None and len(args) == 6 and args[0] is p and len(self.used_patterns) < MAX_ENTRIES
                and isinstance(args[3], int) and isinstance(args[4], dict)):
            self.used_patterns[key] = (int(args[1]), [int(c) for c in args[2]], int(args[3]), dict(args[4]),
                                       tuple(args[5]))
            self.missed += time.process_time() - started
        return made

    # dataclasses: its generated methods' sources are run by `exec(source, globals, locals)`,
    # the name looked up in its module first; this stands for it there
    def exec_source(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        if globals is None:  # as exec called in dataclasses' own frame
            globals = vars(self._dataclasses)
        if type(source) is not str or len(source) > MAX_SOURCE:
            exec(source, globals, locals)
            return
        code = self.codes.get(source)
        if code is None:
            started = time.process_time()
            code = compile(source, "<string>", "exec")
            if len(self.used_codes) < MAX_ENTRIES:
                self.missed += time.process_time() - started
        if len(self.used_codes) < MAX_ENTRIES:
            self.used_codes[source] = code
        exec(code, globals, locals)

    def install(self) -> None:
        import dataclasses
        import re

        self.load()
        self._compiler = re._compiler  # type: ignore[attr-defined]
        self._compile = self._compiler.compile
        self._compiler.compile = self.compile_pattern
        self._dataclasses = dataclasses
        dataclasses.exec = self.exec_source  # type: ignore[attr-defined]

    def uninstall(self) -> None:
        if self._compiler is not None:
            self._compiler.compile = self._compile
            self._compiler = None
        if self._dataclasses is not None:
            vars(self._dataclasses).pop("exec", None)
            self._dataclasses = None


_installed: list[StartCache] = []


def install(command: str) -> None:
    """Build this process's patterns and dataclass methods from the kept code of command (its
    name, the file's), keeping what is compiled anew; once per process."""
    if _installed or not command.replace("-", "").isalnum():
        return
    from reports.cachedir import cache_dir

    cache = StartCache(cache_dir() / "compiled" / f"{command}.bin")
    try:
        cache.install()
    except Exception:  # another interpreter's re or dataclasses: compile as usual
        cache.uninstall()
        return
    _installed.append(cache)


def switch(command: str) -> None:
    """In a process forked from the program's own (the `pdf` command's second process): keep
    what this process compiles under command's file instead (its modules are not the parent's);
    nothing where the parent had not installed the cache (a caller's process, a spawned one)."""
    if not _installed:
        return
    _installed.pop().uninstall()
    install(command)


def installed() -> bool:
    """Whether this is the program's own run, keeping what it makes between runs."""
    return bool(_installed)


def save() -> None:
    """Keep what this run compiled anew (called at the command's end; nothing when all was kept)."""
    for cache in _installed:
        cache.save()
