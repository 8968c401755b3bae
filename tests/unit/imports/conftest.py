"""Fixtures of the import tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def unhurried(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 项 searches' time limits ten times longer: a test of what they find must not depend
    on how loaded the machine running it is (they stop as soon as they have the answer)."""
    from app.imports.tables import large, packing

    monkeypatch.setattr(large, "SWAP_SECONDS", large.SWAP_SECONDS * 10)
    monkeypatch.setattr(large, "PACKING_SECONDS", large.PACKING_SECONDS * 10)
    monkeypatch.setattr(packing, "DIMENSION_SECONDS", packing.DIMENSION_SECONDS * 10)
