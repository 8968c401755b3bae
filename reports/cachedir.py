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


def write_atomically(path: Path, data: bytes) -> bool:
    """Put data at path whole or not at all (a temporary file beside it, then renamed); False
    where the cache folder cannot be written (an unwritable cache only costs the next run)."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True
