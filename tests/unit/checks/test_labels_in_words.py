"""Every place a finding names is in words: an officer reads "文字说明 功能科目2070101的“主要用于”",
never a field's key ("文字说明 function_uses", as the Shanghai template's check once said)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from app.core.records import Budget, Texts
from app.profiles.registry import profile as profile_named
from app.profiles.review import review

KEY = re.compile(r"[A-Za-z_]{3,}")


def emptied(budget: Budget) -> Budget:
    """The budget with its texts and last year's figures gone: most checks then speak."""
    return replace(budget, texts=Texts(), last_year=type(budget.last_year)(), targets=())


@pytest.mark.parametrize("profile", ["shanxi", "shanghai"])
def test_no_finding_names_its_place_by_a_key(profile: str) -> None:
    make = profile_named(profile).sample
    assert make is not None
    budget = emptied(make())
    findings = review(budget)  # what check and the window list, the template's own checks too
    assert len(findings) > 10
    keyed = sorted({f.location.label for f in findings if KEY.search(f.location.label)})
    assert keyed == []
