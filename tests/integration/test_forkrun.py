"""tests/helpers/forkrun.py gives what the real interpreter gives: the same output, errors and
exit status for a command, a script's exit and traceback, and a process a kill -9 ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import forkrun
from tests.helpers.paths import ROOT


@pytest.mark.parametrize("words", [["--version"], ["tables", "没有这个文件.budget"]])
def test_a_command_forked_is_the_command_run(words: list[str], tmp_path: Path) -> None:
    # from another folder, this checkout's sources first (as the server imports them)
    real = subprocess.run([sys.executable, "-m", "app.cli", *words], cwd=tmp_path, capture_output=True,
                          text=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    forked = forkrun.run(words, cwd=tmp_path)
    assert (forked.returncode, forked.stdout, forked.stderr) == (real.returncode, real.stdout, real.stderr)
    assert forked.args == real.args


def test_a_script_exits_as_the_interpreter_does(tmp_path: Path) -> None:
    done = forkrun.start(["a", "b"], cwd=tmp_path, code="import os, sys\nprint(sys.argv, os.getcwd())\n"
                         "sys.exit('bye')").wait()
    assert (done.returncode, done.stdout, done.stderr) == (1, f"['-c', 'a', 'b'] {tmp_path}\n", "bye\n")
    crash = forkrun.start([], code="1 / 0").wait()
    assert crash.returncode == 1 and crash.stderr.rstrip().endswith("ZeroDivisionError: division by zero")


def test_a_killed_process_ends_with_the_signal() -> None:
    reading, writing = os.pipe()
    try:
        child = forkrun.start([], code="import time\nprint('ready', flush=True)\ntime.sleep(60)",
                              stdout=writing)
    finally:
        os.close(writing)
    with os.fdopen(reading, "rb") as out:
        assert out.readline() == b"ready\n"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait().returncode == -signal.SIGKILL
