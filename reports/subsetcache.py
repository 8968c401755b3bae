"""The font subsets the PDF embeds, kept between runs in the user's cache folder with their
compressed streams: a file's PDF embeds the same subsets on every run (the sample: 6 subsets,
640 KB, compressed in ~0.025 s by the zlib thread while the main thread waited for them at the end
of the save, after ~0.007 s of making them). An entry is the subset reportlab makes of the same
characters, in the same order, of the same face (its file's path, size and modification time,
as the parsed faces are kept: reports.fontcache) by the same reportlab, with the bytes the same
zlib makes of it: the PDF is the same, byte for byte. A damaged or foreign file is ignored. Kept
only where asked (the program's own `pdf` run, `enable`), one file holding what the last run
embedded, written only when a subset was made anew."""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import reportlab

FORMAT = 1
MAX_BYTES = 32_000_000  # the subsets and their streams kept in all (the sample's: ~1 MB)

FaceKey = tuple[str, int, int, bytes, bytes]  # file, size, modified (ns), face in it, its name
EntryKey = tuple[FaceKey, tuple[int, ...]]  # the face, the characters of the subset in order
Entry = tuple[bytes, bytes]  # the subset (the font file reportlab makes), its compressed stream


def _version() -> tuple[Any, ...]:
    """What a kept subset depends on besides its face and characters: reportlab (it makes the
    subset) and zlib (it compresses it)."""
    return (FORMAT, reportlab.Version, zlib.ZLIB_RUNTIME_VERSION, sys.version_info[:2])


def face_key(face: Any) -> FaceKey | None:
    """The face's file (path, size, modification time), its place in a collection and its name;
    None where it has no file to look at (a face not read from a path: not kept)."""
    filename = getattr(face, "filename", None)
    if not isinstance(filename, str):
        return None
    try:
        stat = os.stat(filename)
    except OSError:
        return None
    index, name = getattr(face, "subfontNameX", b""), getattr(face, "name", b"")
    if not isinstance(index, bytes) or not isinstance(name, bytes):
        return None
    return (os.path.realpath(filename), stat.st_size, stat.st_mtime_ns, index, name)


class SubsetCache:
    """The kept subsets, by face and characters; what this run embedded, for the next."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept: dict[EntryKey, Entry] = {}
        self._used: dict[EntryKey, Entry] = {}
        self._made: dict[EntryKey, bytes] = {}  # made anew this run: their streams still to come
        self._faces: dict[int, tuple[Any, FaceKey | None]] = {}  # id(face): (face, its key)
        try:
            version, kept = marshal.loads(path.read_bytes())
        except Exception:  # none yet, damaged or foreign: every subset made anew, kept anew
            return
        if tuple(version) == _version() and isinstance(kept, dict):
            self._kept = kept

    def _key(self, face: Any, chars: Any) -> EntryKey | None:
        known = self._faces.get(id(face))
        if known is None or known[0] is not face:
            known = self._faces[id(face)] = (face, face_key(face))
        if known[1] is None:
            return None
        try:
            subset = tuple(int(c) for c in chars)
        except (TypeError, ValueError):
            return None
        return known[1], subset

    def get(self, face: Any, chars: Any) -> Entry | None:
        """The kept subset of face of these characters and its compressed stream, or None."""
        key = self._key(face, chars)
        if key is None:
            return None
        entry = self._kept.get(key)
        if (not isinstance(entry, tuple) or len(entry) != 2 or type(entry[0]) is not bytes
                or type(entry[1]) is not bytes):
            return None
        self._used[key] = entry
        return entry

    def made(self, face: Any, chars: Any, subset: bytes) -> None:
        """A subset made anew this run (its compressed stream is told by `compressed`)."""
        key = self._key(face, chars)
        if key is not None and type(subset) is bytes:
            self._made[key] = subset

    @property
    def missed(self) -> int:
        """How many subsets this run made anew."""
        return len(self._made)

    def compressed(self, streams: Callable[[bytes], bytes | None]) -> None:
        """Take the compressed streams of the subsets made anew, as the save wrote them
        (streams(subset): the bytes, or None where they are not known: made again by `save`)."""
        for key, subset in self._made.items():
            packed = streams(subset)
            if packed is not None:
                self._used[key] = (subset, packed)

    def save(self) -> None:
        """Keep what this run embedded (only when a subset was made anew)."""
        if not self._made:
            return
        from reportlab.pdfbase.pdfdoc import PDFZCompress

        kept: dict[EntryKey, Entry] = {}
        size = 0
        for key, entry in self._used.items():
            kept[key] = entry
            size += len(entry[0]) + len(entry[1])
        for key, subset in self._made.items():
            if key not in kept:
                kept[key] = (subset, PDFZCompress.encode(subset))  # reportlab's own compression
                size += len(subset) + len(kept[key][1])
        if size > MAX_BYTES:
            return
        from reports.cachedir import write_atomically

        try:
            data = marshal.dumps((_version(), kept))
        except ValueError:  # (an unmarshallable value: nothing kept)
            return
        if write_atomically(self.path, data):
            self._made.clear()


_enabled: list[SubsetCache] = []


def enable() -> None:
    """Keep subsets between runs in this process (the program's own `pdf` run); once."""
    if _enabled:
        return
    from reports.cachedir import cache_dir

    _enabled.append(SubsetCache(cache_dir() / "subsets" / "pdf.bin"))


def current() -> SubsetCache | None:
    """The cache in use in this process, or None (subsets are made anew)."""
    return _enabled[0] if _enabled else None


def disable() -> None:
    _enabled.clear()


def keep() -> None:
    """Keep the subsets embedded in this process for the next run, where it keeps them."""
    cache = current()
    if cache is not None:
        cache.save()
