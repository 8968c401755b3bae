"""The user's cache folder for Budget Desk (no reportlab here: the command line's start-up reads it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_dir() -> Path:
    """The user's cache folder for Budget Desk: %LOCALAPPDATA%, $XDG_CACHE_HOME or ~/.cache."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "budget-desk" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "budget-desk"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "budget-desk"
