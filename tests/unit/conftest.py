"""The unit tests' fixtures: none of them uses Qt, so their import statements skip PySide6's hook."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.plainimport import original, plain

original()  # found now: after collection tests/conftest.py freezes the objects gc would search


@pytest.fixture(autouse=True)
def _plain_import() -> Iterator[None]:
    with plain():
        yield
