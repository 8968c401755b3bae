"""kill -9 in the middle of writing a budget file: the file must always open and hold the state
before or after. Shared by the benchmark (200 kills each) and its small test version."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from app.core.records import Budget
from app.store import storage

SAVING = """
import sys
from dataclasses import replace
from app.profiles.shanxi.sample import load_sample
from app.store import storage
a = load_sample()
b = replace(a, projects=a.projects[:3], texts=replace(a.texts, duties="改过" * 2000))
path = sys.argv[1]
states = [a, b]
current = a
print("ready", flush=True)
while True:  # the window's saves: only what changed, in one transaction each
    nxt = b if current is a else a
    storage.save(nxt, path, previous=current)
    current = nxt
"""


@dataclass
class Outcome:
    runs: int = 0
    before: int = 0
    after: int = 0
    other: int = 0  # opened, but neither state: a defect
    unreadable: int = 0  # a defect
    missing: int = 0  # no file at all: a defect
    litter: int = 0  # temporary files left beside (harmless, removed here)

    @property
    def defects(self) -> int:
        return self.other + self.unreadable + self.missing


def states(sample: Budget) -> tuple[Budget, Budget]:
    return sample, replace(sample, projects=sample.projects[:3],
                           texts=replace(sample.texts, duties="改过" * 2000))


def judge(path: Path, allowed: tuple[Budget, ...], outcome: Outcome) -> None:
    outcome.runs += 1
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        outcome.litter += 1
        temp.unlink()
    if not path.exists():
        outcome.missing += 1
        return
    try:
        got = storage.load(path)
    except storage.BudgetFileError:
        outcome.unreadable += 1
        return
    if got == allowed[0]:
        outcome.before += 1
    elif got in allowed[1:]:
        outcome.after += 1
    else:
        outcome.other += 1


def kill_after(command: list[str], delay: float, wait_ready: bool = False,
               fork: bool = False) -> None:
    """Start the command, wait delay seconds (after its "ready" line if asked), kill -9 it. With
    fork, `python -m app.cli …` or `python -c CODE …` is forked from tests/helpers/forkrun.py's
    server (a process of its own all the same, without the interpreter's start)."""
    if fork:
        kill_forked(command, delay, wait_ready)
        return
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    if wait_ready and child.stdout is not None:
        child.stdout.readline()
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    if child.stdout is not None:
        child.stdout.close()


def kill_forked(command: list[str], delay: float, wait_ready: bool) -> None:
    from tests.helpers import forkrun

    code, words = forked(command)
    reading, writing = os.pipe()
    try:
        child = forkrun.start(words, code=code, stdout=writing)
    finally:
        os.close(writing)
    with os.fdopen(reading, "rb") as out:
        if wait_ready:
            out.readline()
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()


def forked(command: list[str]) -> tuple[str | None, list[str]]:
    """[python, -m, app.cli, *words] or [python, -c, CODE, *words] → (CODE or None, words)."""
    if command[1:3] == ["-m", "app.cli"]:
        return None, command[3:]
    assert command[1] == "-c", command
    return command[2], command[3:]


def run_forked(command: list[str]) -> None:
    from tests.helpers import forkrun

    code, words = forked(command)
    done = forkrun.start(words, code=code).wait()
    assert done.returncode == 0, done


def duration(command: list[str], fork: bool = False) -> float:
    start = time.perf_counter()
    if fork:
        run_forked(command)
    else:
        subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


def kill_saves(folder: Path, sample: Budget, runs: int, rng: random.Random,
               fork: bool = False) -> Outcome:
    """kill -9 a process saving edits one after another (as the window does)."""
    a, b = states(sample)
    path = folder / "saving.budget"
    outcome = Outcome()
    for _ in range(runs):
        storage.replace_file(a, path)
        kill_after([sys.executable, "-c", SAVING, str(path)], rng.uniform(0.0, 0.5),
                   wait_ready=True, fork=fork)
        judge(path, (a, b), outcome)
    return outcome


def kill_command(folder: Path, sample: Budget, runs: int, rng: random.Random,
                 command: Callable[[Path], list[str]], after: Budget,
                 fork: bool = False) -> Outcome:
    """kill -9 a command that replaces an existing file (import -o, sample --force). The kills
    fall between a fifth of the command's whole run and just after its end (forked, its run is
    the command's work alone: none fall in the interpreter's start)."""
    path = folder / "target.budget"
    before = replace(sample, projects=sample.projects[:1])
    storage.replace_file(before, path)
    full = [sys.executable, "-m", "app.cli", *command(path)]
    took = duration(full, fork)
    outcome = Outcome()
    for _ in range(runs):
        storage.replace_file(before, path)
        kill_after(full, rng.uniform(0.2 * took, 1.05 * took), fork=fork)
        judge(path, (before, after), outcome)
        for bak in folder.glob("target.budget.*.bak"):
            if storage.load(bak) != before:  # a backup is whole or not there
                outcome.other += 1
            bak.unlink()
    return outcome
