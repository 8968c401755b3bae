"""The lines the line breaker set, kept between runs in the user's cache folder: a file's texts
are set in the same fonts, sizes and widths on every PDF of it (the sample: ~1,100 texts, ~0.07 s
of its layout). The same lines come back, float for float. An entry is used only while the
width of every character it was set with is the width now (another font under the same name,
another size: set anew) and the line breaker's code is the code that set it; a damaged or
foreign file is ignored. Kept only where asked (the program's own `pdf` run, `enable`), one file
holding what the last run used."""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

FORMAT = 1
MAX_CHARS = 400_000  # characters of text kept in all (the sample's PDF sets ~25,000)

BreakerKey = tuple[str, float]  # (font name, size)
LinesKey = tuple[str, float, float, bool]  # (text, width, first indent, justified)
Stored = tuple[tuple[str, tuple[float, ...], tuple[float, ...], float], ...]  # Line's fields


def _version() -> tuple[Any, ...] | None:
    """What kept lines depend on besides the widths: the line breaker's source (None where it
    cannot be read, as in a build without sources: nothing is kept there)."""
    from reports import linebreak

    try:
        source = Path(linebreak.__file__).read_bytes()
    except (OSError, TypeError):
        return None
    return (FORMAT, sys.version_info[:2], source)


class LineCache:
    """The kept lines of every font and size, checked against the widths as each is asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.version = _version()
        self._kept: dict[BreakerKey, tuple[dict[str, float], dict[LinesKey, Stored]]] = {}
        self._used: dict[BreakerKey, tuple[dict[str, float], dict[LinesKey, Any]]] = {}
        self.missed = 0  # texts set anew this run
        if self.version is None:
            return
        try:
            version, kept = marshal.loads(path.read_bytes())
        except Exception:  # none yet, damaged or foreign: set every text, keep anew
            return
        if tuple(version) == self.version and isinstance(kept, dict):
            self._kept = kept

    def lines_of(self, key: BreakerKey, width: Any) -> tuple[dict[LinesKey, Stored], dict[LinesKey, Any],
                                                             dict[str, float]]:
        """For the breaker of key, whose width(c) gives a character's width now: the kept lines
        that still hold (none when a width changed), the dict where it records the lines it
        gives this run, and the widths they were set with (checked)."""
        widths, kept = self._kept.pop(key, ({}, {}))
        try:
            valid = isinstance(kept, dict) and all(width(c) == w for c, w in widths.items())
        except Exception:
            valid = False
        if not valid:
            widths, kept = {}, {}
        used: dict[LinesKey, Any] = {}
        self._used[key] = (widths, used)
        return kept, used, widths

    def save(self, breakers: dict[BreakerKey, Any]) -> None:
        """Keep the lines this run gave (breakers: the breakers by key, their widths measured
        this run); only when some text was set anew."""
        if not self.missed or self.version is None:
            return
        kept: dict[BreakerKey, tuple[dict[str, float], dict[LinesKey, Stored]]] = {}
        size = 0
        by_kept = {getattr(b, "kept_key", None) or k: b for k, b in breakers.items()}
        for key, (widths, used) in self._used.items():
            breaker = by_kept.get(key)
            if breaker is None or not used:
                continue
            measured = {**widths, **breaker.widths()}
            chars = set().union(*(lines_key[0] for lines_key in used))
            lines: dict[LinesKey, Stored] = {}
            for lines_key, set_lines in used.items():
                size += len(lines_key[0])
                if size > MAX_CHARS:
                    break
                lines[lines_key] = tuple((line.text, line.xs, line.fulls, line.width) for line in set_lines)
            if not chars <= measured.keys():
                continue  # a character whose width was not measured: not kept (never seen)
            kept[key] = ({c: measured[c] for c in chars}, lines)
        from reports.cachedir import write_atomically

        try:
            data = marshal.dumps((self.version, kept))
        except ValueError:  # (an unmarshallable value: nothing kept)
            return
        if write_atomically(self.path, data):
            self.missed = 0


_enabled: list[LineCache] = []


def enable() -> None:
    """Keep lines between runs in this process (the program's own `pdf` run); once."""
    if _enabled:
        return
    from reports.cachedir import cache_dir

    _enabled.append(LineCache(cache_dir() / "lines" / "pdf.bin"))


def current() -> LineCache | None:
    """The cache in use in this process, or None (lines are set anew)."""
    return _enabled[0] if _enabled else None


def disable() -> None:
    _enabled.clear()
