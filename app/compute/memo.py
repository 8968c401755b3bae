"""Results kept for the very record objects they were computed from, bounded in number.

Records are frozen, so a result computed from some objects holds for as long as a later call
passes the same objects (`is`, not equality: a new object, even an equal one, is computed
anew). An edit replaces only the records it changes, so the next computation reuses the rest.

A `Memo` keys each result by a name and the ids of the objects it read, and keeps those
objects with it: while kept they stay alive, so no other object can take their ids. It holds
two generations of at most `limit` results each; when the newest is full it becomes the older
one and the oldest is dropped, so the memory is bounded whatever the callers do. A result found
in the older generation moves to the newest, so what every computation still uses stays.

Several threads may use one memo: a race can only lose a result (computed again), never return
one for other objects.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

V = TypeVar("V")
R = TypeVar("R")

Entry = tuple[tuple[object, ...], object]


class Memo(Generic[V]):
    """Results of type V by (name, objects read); see the module's docstring."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._newest: dict[Hashable, Entry] = {}
        self._older: dict[Hashable, Entry] = {}
        self.computed = 0  # how many results were computed (not found): for tests and benchmarks
        _EVERY.add(self)

    def get(self, name: str, deps: tuple[object, ...], compute: Callable[[], V]) -> V:
        """compute()'s result for these very objects deps, computed only if not kept."""
        key = (name, *map(id, deps))
        newest = self._newest
        entry = newest.get(key)
        if entry is None:
            entry = self._older.get(key)
            if entry is not None and _same(entry[0], deps):
                newest[key] = entry
        if entry is not None and _same(entry[0], deps):
            value: V = entry[1]  # type: ignore[assignment]  # stored by this method as V
            return value
        value = compute()
        self.computed += 1
        self._put(key, (deps, value))
        return value

    def one(self, record: R, compute: Callable[[R], V]) -> V:
        """compute(record) for this very record: `get` for one object, with less overhead."""
        key = id(record)
        entry = self._newest.get(key)
        if entry is None or entry[0][0] is not record:
            entry = self._older.get(key)
            if entry is None or entry[0][0] is not record:
                value = compute(record)
                self.computed += 1
                self._put(key, ((record,), value))
                return value
            self._newest[key] = entry
        found: V = entry[1]  # type: ignore[assignment]  # stored by this method as V
        return found

    def clear(self) -> None:
        """Forget every result (tests use it to compare with a computation from scratch)."""
        with self._lock:
            self._newest, self._older = {}, {}

    def __len__(self) -> int:
        return len(self._newest) + len(self._older)

    def _put(self, key: Hashable, entry: Entry) -> None:
        newest = self._newest
        if len(newest) >= self.limit:
            with self._lock:
                if self._newest is newest:
                    self._older, self._newest = newest, {}
                newest = self._newest
        newest[key] = entry


_EVERY: weakref.WeakSet[Memo[Any]] = weakref.WeakSet()


def forget_all() -> None:
    """Clear every memo: the next computation starts from scratch (tests, benchmarks)."""
    for memo in list(_EVERY):
        memo.clear()


@contextmanager
def fresh() -> Iterator[None]:
    """Within, every memo starts empty (as in a new process); after, each has back what it held.

    What tests compare an incremental result with: the same computation from scratch.
    """
    held = [(memo, memo._newest, memo._older) for memo in list(_EVERY)]
    for memo, _, _ in held:
        memo.clear()
    try:
        yield
    finally:
        for memo, newest, older in held:
            memo._newest, memo._older = newest, older


def computed() -> int:
    """How many results all memos have computed so far (tests count what an edit rebuilt)."""
    return sum(memo.computed for memo in list(_EVERY))


def _same(kept: tuple[object, ...], deps: tuple[object, ...]) -> bool:
    """Whether kept holds the very objects of deps, in order."""
    return len(kept) == len(deps) and all(a is b for a, b in zip(kept, deps, strict=True))
