"""The Shanghai sample: 上海市普陀区文化和旅游局's published 2026 budget as a budget file."""

from __future__ import annotations

import json

from app.core.records import Budget
from app.core.resources import resource_path
from app.core.serial import from_json

SAMPLE = ("sample", "putuo-2026.json")


def load_sample() -> Budget:
    """The sample budget: every printed figure reproduces (see resources/sample/PUTUO-NOTES.md)."""
    data = json.loads(resource_path(*SAMPLE).read_text(encoding="utf-8"))
    return from_json(Budget, data)
