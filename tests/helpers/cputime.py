"""A pytest plugin that lists the tests by CPU seconds: `-p tests.helpers.cputime` (issue 21).

Wall durations (`--durations`) on a shared machine measure the load as much as the test; this
counts the CPU of the test's process and of the processes it waited for (setup, call and
teardown), so subsets measured at different loads can be compared. `--cpu-top N` sets how many
are listed (30), `--cpu-out=FILE` also writes every test's figure, tab-separated, slowest first.
Under xdist each worker writes FILE.gwN and lists nothing (the workers' output is not shown).
Give the file with "=": as a separate argument, pytest takes it for a path to test when it looks
for its configuration, and the xdist workers then lose pyproject.toml's settings (markers).
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest

_spent: dict[str, float] = {}
_charged = [0.0]  # CPU of processes the test ran but did not wait for itself


def charge(seconds: float) -> None:
    """Count seconds of CPU spent for the running test in a process that is not its waited-for
    child (tests/helpers/forkrun.py's commands, forked and waited for by its server)."""
    _charged[0] += seconds


def _cpu() -> float:
    t = os.times()
    return (t.user + t.system + t.children_user + t.children_system + _charged[0]
            + _fork_server())


def _fork_server() -> float:
    """The CPU of multiprocessing's fork server and of the workers it forked and reaped (the unit
    PDFs' workers, reports/unitpdfs.py): not this process's children, so os.times misses them
    (Linux: read from /proc; 0 where there is no server or no /proc)."""
    from multiprocessing import forkserver

    pid = getattr(forkserver._forkserver, "_forkserver_pid", None)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cputime")
    group.addoption("--cpu-top", type=int, default=30, help="how many of the costliest tests to list")
    group.addoption("--cpu-out", default=None, help="write every test's CPU seconds to this file")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, object, object]:
    start = _cpu()
    try:
        return (yield)
    finally:
        _spent[item.nodeid] = _spent.get(item.nodeid, 0.0) + _cpu() - start


def _ranked() -> list[tuple[str, float]]:
    return sorted(_spent.items(), key=lambda kv: kv[1], reverse=True)


def _write(out: str) -> None:
    Path(out).write_text("".join(f"{s:.3f}\t{n}\n" for n, s in _ranked()), encoding="utf-8")


def pytest_sessionfinish(session: pytest.Session) -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    out = session.config.getoption("--cpu-out")
    if worker and out:
        _write(f"{out}.{worker}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if not _spent:
        return
    ranked = sorted(_spent.items(), key=lambda kv: kv[1], reverse=True)
    top: int = config.getoption("--cpu-top")
    total = sum(_spent.values())
    terminalreporter.write_sep("=", f"CPU seconds per test: {len(ranked)} tests, {total:.1f} s in all")
    for nodeid, spent in ranked[:top]:
        terminalreporter.write_line(f"{spent:8.2f}  {nodeid}")
    out = config.getoption("--cpu-out")
    if out and not os.environ.get("PYTEST_XDIST_WORKER"):
        _write(out)
