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
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from threading import Thread
from typing import TYPE_CHECKING, Any

from app.compute.tabledef import Table
from app.core.records import Budget

if TYPE_CHECKING:
    from app.inspect.pdfread import Document

Refusal = Callable[[Budget], "str | None"]
ReadBack = Callable[[Path, Sequence[Table], Sequence[str]], list[str]]

_FAILED = "failed"
LOCK_WAIT = 5.0  # seconds: the page counter is held for a few instructions at a time


def _serve(conn: Any, theirs: Any, budget: Budget, check: bool) -> None:
    """The second process: the refusal (when asked), then the read-back of one PDF. theirs is
    the command's end of the pipe, which a forked process holds too: closed at once, so that
    the pipe ends (and this process with it) when the command ends, even killed."""
    command = os.getppid()  # the command, which started this process
    theirs.close()
    _quiet()
    from app.cli import startcache

    startcache.switch("pdf-aside")  # its checks' and read-back's code kept under a file of its own
    readers: Readers | None = None
    try:
        if check:
            from app.cli import pdf

            try:
                conn.send(("refusal", pdf.refusal(budget)))
            except Exception:  # the command finds the same fault itself, and reports it
                conn.send((_FAILED, None))
        from app.inspect import readback  # loaded while the PDF is laid out

        # its second reader forked now, not when the PDF is written, whatever the load: whether
        # it reads is decided then, by whether a core is idle at that moment (the command's own
        # layout, which the load average counts, is over by then)
        readers = Readers(conn, decide_later=True, besides=command)
        job = conn.recv()  # the tables and texts, told while the PDF is laid out; then the path
        if job is None:
            return
        tables, texts = job[1], job[2]
        with contextlib.suppress(Exception):  # else they are taken as they are, after the read
            tables = readback.expected(tables, texts)  # what to look for, found meanwhile
        job = conn.recv()
        if job is None:
            return
        path = job[1]
        try:
            conn.send(("faults", readback.faults(readers.read(path), tables, texts)))
        except Exception:
            conn.send((_FAILED, None))
        startcache.save()  # after the answer: the command does not wait for it
    except (EOFError, OSError, KeyboardInterrupt):  # the command has ended or was interrupted
        return
    finally:
        if readers is not None:
            readers.close()
        conn.close()


def _quiet() -> None:
    """This process writes nothing (its answers go through the pipe; a fault of its own is the
    command's to find again): its standard output and error are closed, so that a caller reading
    the command's output sees its end when the command ends, not when this process has ended."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(null, fd)
        os.close(null)


class Readers:
    """Two readers of one PDF sharing its pages as they go: this process and a third, forked
    ahead (where the system can) and waiting for the file, each take the next page not yet
    taken from a counter they share, so the heavy pages (the forms, all at the end) are shared
    out too. Pages the third did not give back (it failed, or died) are read here.

    Each reader opens the document and loads its fonts: two readers need ~40 % more CPU than
    one (the sample: 0.115 s against 0.08 s). They are worth it only while a core is idle: the
    kernel shares the cores between sessions (Linux's autogroups), so on a busy machine the two
    readers share one core's worth and take longer than one. On a busy machine (a load average
    above the cores less one) the third is not started and this process reads alone; with
    decide_later (the `pdf` command's read-back, whose own layout the load average counts) it
    is started, waiting, and used only if a core is idle when the file is read (core_free_now)."""

    def __init__(self, *others: Any, decide_later: bool = False, besides: int | None = None) -> None:
        """others: the ends of pipes this process holds that the third must not keep open;
        besides: the process whose runnable threads do not count against an idle core (the
        command, waiting for the read-back)."""
        self._conn: Any = None
        self._besides = besides
        self._process: Any = None
        self._decide_later = decide_later
        if "fork" not in multiprocessing.get_all_start_methods() or not (decide_later or idle_core()):
            return
        try:
            context = multiprocessing.get_context("fork")
            self._taken_ends = context.Array("i", 2)  # pages taken from the front, from the back
            here, there = context.Pipe()
            process = context.Process(target=_read_shared, args=(there, (here, *others), self._taken_ends),
                                      daemon=True)
            process.start()
            there.close()
        except Exception:  # no third process: this one reads every page
            return
        self._conn, self._process = here, process

    def _taken(self, count: int) -> Iterator[int]:
        return _taking(self._taken_ends, count, 1)

    def read(self, path: Path) -> Document:
        """The PDF's text, every page (read here alone where the third process is missing)."""
        from app.inspect import pdfread

        if self._conn is not None and self._decide_later and not core_free_now(self._besides):
            # no idle core for it: one reader is sooner. Its pipe closed, it ends by itself,
            # joined in close() after the reading (joined here, that took ~1.7 ms of the wait)
            conn, self._conn = self._conn, None
            conn.close()
        if self._conn is None:
            return pdfread.read(path)
        try:
            self._conn.send(path)
        except (OSError, ValueError):
            self.close()
            return pdfread.read(path)
        pages = list(pdfread.read_pages(path, self._taken))
        with contextlib.suppress(EOFError, OSError):  # it failed: its pages are read below
            pages += self._conn.recv()
        count = pdfread.page_count(path)
        missing = sorted(set(range(count)) - {page.number - 1 for page in pages})
        if missing:
            pages += pdfread.read_pages(path, lambda _count: missing)
        pages.sort(key=lambda page: page.number)
        return pdfread.Document(Path(path), tuple(pages))

    def close(self) -> None:
        """End the third process (it has read its pages, or is no longer wanted)."""
        conn, process = self._conn, self._process
        self._conn = self._process = None
        if conn is not None:
            conn.close()
        if process is not None:
            process.join(2)
            if process.is_alive():
                process.terminate()
                process.join()


def idle_core() -> bool:
    """Whether another core is likely idle now (the load average, where the system has one)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True
    return load <= (os.cpu_count() or 1) - 1  # this command keeps one core busy itself


def core_free_now(besides: int | None = None) -> bool:
    """Whether a core is idle at this moment besides the one this process runs on: the threads
    runnable now, this one included (Linux's /proc/loadavg, its fourth field), are at most the
    cores less one; where the system does not tell, the load average (idle_core). The threads of
    the process besides (the command, which has just sent the file and waits for the answer:
    its threads runnable now are ending) are not counted; a count over the mark is taken again
    once, after a moment (the kernel's writeback of the file just saved runs for a moment too)."""
    for look in range(LOOKS):
        if look:
            time.sleep(LOOK_AGAIN)
        try:
            with open("/proc/loadavg", "rb") as f:
                running = int(f.read().split()[3].split(b"/")[0])
        except (OSError, ValueError, IndexError):
            return idle_core()
        if running - _running_threads(besides) <= (os.cpu_count() or 1) - 1:
            return True
    return False


LOOKS = 2
LOOK_AGAIN = 0.001  # seconds


def _running_threads(pid: int | None) -> int:
    """How many threads of the process pid are runnable now (0 where the system does not tell)."""
    if pid is None:
        return 0
    count = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat", "rb") as f:
                state = f.read().rpartition(b")")[2].split()[0]
        except (OSError, IndexError):
            continue
        count += state == b"R"
    return count


def _taking(ends: Any, count: int, end: int) -> Iterator[int]:
    """The indices of the pages not yet taken by either reader, each taken as it is given: from
    the front (end 0) or from the back (end 1), so that each reader reads a run of pages (a
    page's fonts are read once per reader and document: pages spread out would cost more). A
    counter still locked after a while was left so by a reader killed while taking a page: the
    taking stops (the pages nobody read are read again by the second process)."""
    lock = ends.get_lock()
    while True:
        if not lock.acquire(timeout=LOCK_WAIT):
            return
        try:
            front, back = ends[0], ends[1]
            if front + back >= count:
                return
            ends[end] += 1
        finally:
            lock.release()
        yield front if end == 0 else count - 1 - back


def _read_shared(conn: Any, inherited: tuple[Any, ...], ends: Any) -> None:
    """The third process: waits for the written PDF, reads the pages it takes from the front
    and sends them back. The pipe ends it inherited but does not use are closed first, so that
    the command and the second process see each other end, and a send to a reader that was
    killed fails instead of waiting."""
    from app.inspect import pdfread

    for end in inherited:
        end.close()
    try:
        path = conn.recv()
        conn.send(pdfread.read_pages(path, lambda count: _taking(ends, count, 0)))
    except (EOFError, OSError, KeyboardInterrupt):
        return
    finally:
        conn.close()


def read_shared(path: Path) -> Document:
    """The PDF's text, read by two processes sharing its pages (by this one alone where it must)."""
    readers = Readers()
    try:
        return readers.read(path)
    finally:
        readers.close()


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
        self._told: tuple[Sequence[Table], Sequence[str]] | None = None
        self._sender: Thread | None = None
        self._unsent = False
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

    def refused_meanwhile(self) -> bool:
        """Whether the refusal has already come from the second process and refuses publication;
        never waits for it (polled while the PDF is laid out, so that a refused run stops there
        instead of laying out and saving a file it will not put in place)."""
        if not self.check:
            return False
        if not self._known[0]:
            try:
                if self._conn is None or not self._conn.poll():
                    return False
            except (OSError, ValueError):
                return False
            self.refusal()
        return self._known[1] is not None

    def expect(self, tables: Sequence[Table], texts: Sequence[str]) -> None:
        """Tell the second process the tables and texts the PDF will be checked against, as soon as
        they are known (before the layout): it takes them in and prepares what to look for while
        this process lays out the PDF, so that after the save only the path is sent (~0.015 s
        less to wait for). Sent by a thread, so that the layout never waits for the second
        process to read them (it may still be running the checks)."""
        if self._conn is None or self._told is not None:
            return
        self._told = (tables, texts)
        conn, message = self._conn, ("expect", list(tables), list(texts))

        def send() -> None:
            try:
                conn.send(message)
            except Exception:  # pickling or the pipe: the command checks the file itself
                self._unsent = True

        sender = Thread(target=send, name="pdf-expect", daemon=True)
        try:
            sender.start()
        except RuntimeError:  # no thread: sent here
            send()
            return
        self._sender = sender

    def _sent(self) -> bool:
        """Whether the tables and texts have reached the pipe (waited for)."""
        if self._sender is not None:
            self._sender.join()
            self._sender = None
        return self._told is not None and not self._unsent

    def faults(self, path: Path, tables: Sequence[Table], texts: Sequence[str]) -> list[str]:
        """What the written PDF at path lacks when read back (readback.faults)."""
        if self.check:
            self.refusal()  # the refusal comes first in the pipe
        if self._conn is not None:
            self.expect(tables, texts)  # where they were not told before the layout
            told = self._told
            if told is None or told[0] is not tables or told[1] is not texts or not self._sent():
                self.close()  # others than told, or not sent: the second process cannot check them
            else:
                try:
                    self._conn.send(("path", path))
                except (OSError, ValueError):
                    self.close()
        ok, value = self._answer("faults")
        return list(value) if ok else self._read_back(path, tables, texts)

    def close(self, wait: bool = True) -> None:
        """Stop the second process (it has nothing left to do, or is no longer wanted); without
        wait, once it has given its last answer: it then ends by itself (its ending, and its
        reader's, take 0.02-0.03 s the command need not wait for). While the tables are still
        being sent (it has not read them: it is still running the checks) it is ended at once,
        which ends the send."""
        conn, process, sender = self._conn, self._process, self._sender
        self._conn = self._process = self._sender = None
        if sender is not None and sender.is_alive():
            if process is not None:
                process.terminate()
            sender.join()
        elif conn is not None:
            with contextlib.suppress(OSError, ValueError):
                conn.send(None)
        if conn is not None:
            conn.close()
        if process is not None and wait:
            process.join(2)
            if process.is_alive():
                process.terminate()
                process.join()
