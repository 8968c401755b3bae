"""Import statements at Python's own speed in the tests that use no Qt (issue 21).

PySide6, which pytest-qt loads into every test process, puts its "feature" hook in front of
every import statement (`builtins.__import__`): 7.5 µs instead of 0.6 µs here. Code that imports
inside functions (hypothesis draws, lazy imports of the app) pays that on every call: a tenth of
a property test's CPU. The hook only records which modules chose PySide's snake_case/
true_property features (`from __feature__ import ...`), which no module of the project does;
`plain()` puts Python's own `__import__` back for the duration of a test, and the hook after it.
"""

from __future__ import annotations

import builtins
import gc
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_plain: list[Callable[..., Any] | None] = []


def original() -> Callable[..., Any] | None:
    """Python's own __import__ (the builtin the hook replaced), found once; None if not found
    (gc cannot see objects frozen by gc.freeze: call it first while collecting)."""
    if not _plain:
        _plain.append(next((o for o in gc.get_objects()
                            if type(o) is types.BuiltinFunctionType and o.__name__ == "__import__"
                            and getattr(o, "__self__", None) is builtins), None))
    return _plain[0]


@contextmanager
def plain() -> Iterator[None]:
    """Within, import statements go straight to Python's own __import__."""
    hooked = builtins.__import__
    own = original() if hooked.__name__ != "__import__" else None
    if own is None:
        yield
        return
    builtins.__import__ = own
    try:
        yield
    finally:
        builtins.__import__ = hooked
