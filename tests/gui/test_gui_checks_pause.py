"""The interface is not held while the checks run beside it (issue 21): the checks' thread
hands the interpreter back every millisecond, and the collector's full passes (over every
object of the open file) are rare. (The pauses themselves are measured in
tests/benchmarks/bench_gui.py.)"""

from __future__ import annotations

import gc
import sys
from typing import Any


def test_the_application_switches_threads_often_and_collects_fully_seldom(qapp: Any) -> None:
    from forms.app import FULL_PASS_AFTER, SWITCH_INTERVAL, application

    interval, threshold = sys.getswitchinterval(), gc.get_threshold()
    try:
        assert application() is qapp
        assert sys.getswitchinterval() == SWITCH_INTERVAL < 0.005
        assert gc.get_threshold() == (*threshold[:2], FULL_PASS_AFTER)
        assert FULL_PASS_AFTER > 10  # Python's own
    finally:
        sys.setswitchinterval(interval)
        gc.set_threshold(*threshold)
