"""The declared type of a record's field path, looked up once per (record type, path) for the window."""

from __future__ import annotations

from functools import cache
from typing import Any

from app.edits import editing


@cache
def field_type(record: type, path: str) -> Any:
    """editing.field_type, kept: the records are frozen classes, their annotations fixed, and each
    lookup evaluates every annotation of the class again (typing.get_type_hints; Budget's are
    compiled from text each time). The window looks one up for every field it builds and every
    cell it parses (issue 21)."""
    return editing.field_type(record, path)
