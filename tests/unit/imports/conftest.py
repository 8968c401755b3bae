"""Fixtures of the import tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def unhurried(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 项 searches' time limits ten times longer: a test of what they find must not depend
    on how loaded the machine running it is (they stop as soon as they have the answer)."""
    from app.imports.tables import functions, packing

    monkeypatch.setattr(functions, "SWAP_SECONDS", functions.SWAP_SECONDS * 10)
    monkeypatch.setattr(functions, "PACKING_SECONDS", functions.PACKING_SECONDS * 10)
    monkeypatch.setattr(packing, "DIMENSION_SECONDS", packing.DIMENSION_SECONDS * 10)
