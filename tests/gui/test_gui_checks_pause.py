"""The interface is not held while the checks run beside it (issue 21): the opened file's
objects are out of the collector's passes, and the checks' thread hands the interpreter back
every millisecond. (The pauses themselves are measured in tests/benchmarks/bench_gui.py.)"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

from app.core.records import Budget


def test_an_open_file_is_out_of_the_collectors_passes_until_closed(
        make_window: Any, tmp_path: Path, sample: Budget) -> None:
    window = make_window()
    gc.unfreeze()  # (what this test process froze before)
    window.create_file(sample, tmp_path / "s.budget")
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the records, the window's wrappers
    window.close_file()
    assert gc.get_freeze_count() == 0  # a closed file's garbage is collected again
    window.open_path(tmp_path / "s.budget")
    assert gc.get_freeze_count() > 10_000


def test_the_application_switches_threads_every_millisecond(qapp: Any) -> None:
    from forms.app import SWITCH_INTERVAL, application

    before = sys.getswitchinterval()
    try:
        assert application() is qapp
        assert sys.getswitchinterval() == SWITCH_INTERVAL < 0.005
    finally:
        sys.setswitchinterval(before)
