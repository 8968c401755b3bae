"""A pytest plugin that keeps the collector off what collection left alive (issue 21, test speed).

Once the tests are collected, the process holds every test module, the product, hypothesis and
the modules' own budgets and workbooks: every full pass of Python's cyclic collector walked them
all again, and the tests allocate enough (tables, cells, workbooks) to start a pass every 700
new objects. gc.freeze() puts what is alive after collection out of the collector's sight (it is
never freed before the process ends, as it would not have been), and the youngest generation
is collected every 10,000 allocations instead of 700: garbage made by a test is collected the
same, a little later. Nothing a test checks depends on when a cycle is collected (a test that
needs it calls gc.collect(), which still collects everything not frozen).
"""

from __future__ import annotations

import gc

import pytest

YOUNGEST = 10_000  # Python's default is 700


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST, middle, oldest)
