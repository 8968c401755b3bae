"""The `pdf` command's second process: the checks that may refuse the file, then the read-back of
the written PDF, run beside the layout on the machine's other core.

The process starts as soon as the file is loaded: it runs the checks (and loads the read-back's
modules) while this process lays out and draws the PDF, then reads the written PDF back when it
is asked to. Nothing depends on it: if it cannot start, or fails, or dies, the same work is done
here, so the result is always the one the serial command gives. It is forked where the system
can (the command line runs no other thread), else spawned; on a machine with one core it is not
started at all.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.compute.tabledef import Table
from app.core.records import Budget

if TYPE_CHECKING:
    from app.inspect.pdfread import Document, Page

Refusal = Callable[[Budget], "str | None"]
ReadBack = Callable[[Path, Sequence[Table], Sequence[str]], list[str]]

_FAILED = "failed"


def _serve(conn: Any, theirs: Any, budget: Budget, check: bool) -> None:
    """The second process: the refusal (when asked), then the read-back of one PDF. theirs is
    the command's end of the pipe, which a forked process holds too: closed at once, so that
    the pipe ends (and this process with it) when the command ends, even killed."""
    theirs.close()
    try:
        if check:
            from app.cli import pdf

            try:
                conn.send(("refusal", pdf.refusal(budget)))
            except Exception:  # the command finds the same fault itself, and reports it
                conn.send((_FAILED, None))
        from app.inspect import readback  # loaded while the PDF is laid out

        job = conn.recv()
        if job is None:
            return
        path, tables, texts = job
        try:
            conn.send(("faults", readback.faults(read_halves(path), tables, texts)))
        except Exception:
            conn.send((_FAILED, None))
    except (EOFError, OSError, KeyboardInterrupt):  # the command has ended or was interrupted
        return
    finally:
        conn.close()


def read_halves(path: Path) -> Document:
    """The PDF's text, its first half of pages read by a third process (forked, when the system
    can) while this one reads the second; all of it here when that process fails."""
    from app.inspect import pdfread

    if "fork" not in multiprocessing.get_all_start_methods() or pdfread.page_count(path) < 2:
        return pdfread.read(path)
    context = multiprocessing.get_context("fork")
    here, there = context.Pipe(duplex=False)
    helper = context.Process(target=_read_part, args=(there, here, path), daemon=True)
    helper.start()
    there.close()
    try:
        second = pdfread.read(path, (1, 2))
        first: tuple[Page, ...] | None = here.recv()
    except (EOFError, OSError):
        first = None
    finally:
        here.close()
        helper.join()
    if first is None:
        return pdfread.read(path)
    return pdfread.Document(Path(path), (*first, *second.pages))


def _read_part(conn: Any, theirs: Any, path: Path) -> None:
    """The third process: the first half of the pages. theirs (the reading end, inherited) is
    closed first, so that a send to a reader that was killed fails instead of waiting."""
    from app.inspect import pdfread

    theirs.close()
    try:
        conn.send(pdfread.read(path, (0, 2)).pages)
    finally:
        conn.close()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class Aside:
    """The checks and read-back of one `pdf` run, in a second process where there is a core for
    it; refusal() and faults() give the same answers as calling their functions here."""

    def __init__(self, budget: Budget, check: bool, refusal: Refusal, read_back: ReadBack) -> None:
        self.budget, self.check = budget, check
        self._refusal, self._read_back = refusal, read_back
        self._known: tuple[bool, str | None] = (False, None)
        self._conn: Any = None
        self._process: Any = None
        if (os.cpu_count() or 1) < 2:
            return
        try:
            context = _context()
            here, there = context.Pipe()
            # not a daemon: it starts a process of its own for the read-back (closed below)
            process = context.Process(target=_serve, args=(there, here, budget, check))
            process.start()
            there.close()
        except Exception:  # no second process (none can start, or the budget cannot go to it)
            return
        self._conn, self._process = here, process

    def _answer(self, kind: str) -> tuple[bool, Any]:
        """(True, value) from the second process, or (False, None) when it cannot give it."""
        if self._conn is None:
            return False, None
        try:
            got, value = self._conn.recv()
        except (EOFError, OSError):
            got, value = _FAILED, None
        if got != kind:
            self.close()
            return False, None
        return True, value

    def refusal(self) -> str | None:
        """The message refusing publication (the open 错误), or None; asked once."""
        if not self.check:
            return None
        if not self._known[0]:
            ok, value = self._answer("refusal")
            self._known = (True, value if ok else self._refusal(self.budget))
        return self._known[1]

    def faults(self, path: Path, tables: Sequence[Table], texts: Sequence[str]) -> list[str]:
        """What the written PDF at path lacks when read back (readback.faults)."""
        if self.check:
            self.refusal()  # the refusal comes first in the pipe
        if self._conn is not None:
            try:
                self._conn.send((path, list(tables), list(texts)))
            except (OSError, ValueError):
                self.close()
        ok, value = self._answer("faults")
        return list(value) if ok else self._read_back(path, tables, texts)

    def close(self) -> None:
        """Stop the second process (it has nothing left to do, or is no longer wanted)."""
        conn, process = self._conn, self._process
        self._conn = self._process = None
        if conn is not None:
            with contextlib.suppress(OSError, ValueError):
                conn.send(None)
            conn.close()
        if process is not None:
            process.join(2)
            if process.is_alive():
                process.terminate()
                process.join()
