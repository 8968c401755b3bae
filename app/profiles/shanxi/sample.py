"""The bundled sample: 晋城市科学技术局's published 2026 disclosure as a budget."""

from __future__ import annotations

import json

from app.core.identity import with_ids
from app.core.records import Budget
from app.core.resources import resource_path
from app.core.serial import from_json

SAMPLE = ("sample", "jincheng-2026.json")


def load_sample() -> Budget:
    """The sample budget, every figure as published (see resources/sample/CORRECTIONS.md)."""
    data = json.loads(resource_path(*SAMPLE).read_text(encoding="utf-8"))
    return with_ids(from_json(Budget, data))
