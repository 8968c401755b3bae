"""Font subsets kept between runs (reports.subsetcache): a kept subset is neither made nor
compressed again and the PDF is byte for byte the one made anew; another font file (size or
modification time), another reportlab or zlib, or a damaged file makes them anew; only the
program's own `pdf` run keeps them."""

from __future__ import annotations

import marshal
import os
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFontFace

from app.core.records import Budget
from reports import subsetcache
from reports.subsetcache import SubsetCache


@pytest.fixture()
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Subsets kept in a cache folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(subsetcache, "_enabled", [])
    yield tmp_path / "cache" / "budget-desk" / "subsets" / "pdf.bin"


def again() -> SubsetCache:
    """A new run: the file read again."""
    subsetcache.disable()
    subsetcache.enable()
    cache = subsetcache.current()
    assert cache is not None
    return cache


def test_kept_subsets_are_not_made_or_compressed_again_and_give_the_same_file(
        kept: Path, tmp_path: Path, sample: Budget, monkeypatch: pytest.MonkeyPatch) -> None:
    from reports.pdf import write_pdf

    monkeypatch.setattr(rl_config, "invariant", 1)
    compressed: Counter[str] = Counter()  # font files (TrueType subsets) compressed, by thread
    encode = pdfdoc.PDFStreamFilterZCompress.encode

    def counted(self: Any, text: Any) -> bytes:
        if isinstance(text, bytes) and text.startswith(b"\x00\x01\x00\x00"):
            compressed[threading.current_thread().name] += 1
        done: bytes = encode(self, text)
        return done

    monkeypatch.setattr(pdfdoc.PDFStreamFilterZCompress, "encode", counted)
    write_pdf(sample, tmp_path / "anew.pdf")  # no cache in this process: none kept
    assert subsetcache.current() is None and not kept.exists()
    assert compressed == {"pdf-zlib": 6}  # the sample's six subsets, by the save's thread
    subsetcache.enable()
    first = subsetcache.current()
    assert first is not None
    write_pdf(sample, tmp_path / "first.pdf")
    assert first.missed == 6
    subsetcache.keep()
    assert kept.is_file() and first.missed == 0
    written = kept.stat().st_mtime_ns
    cache = again()
    compressed.clear()
    monkeypatch.setattr(TTFontFace, "makeSubset", lambda *args: pytest.fail("a kept subset was made again"))
    write_pdf(sample, tmp_path / "kept.pdf")
    assert cache.missed == 0 and not compressed  # none made, none compressed
    subsetcache.keep()
    assert kept.stat().st_mtime_ns == written  # nothing made anew: not written again
    anew = (tmp_path / "anew.pdf").read_bytes()
    assert (tmp_path / "first.pdf").read_bytes() == anew == (tmp_path / "kept.pdf").read_bytes()


class Face:
    """What a kept subset's key reads of a face: its file, its place in it, its name."""

    def __init__(self, filename: str) -> None:
        self.filename, self.subfontNameX, self.name = filename, b"-0", b"UMingCN"


def test_another_font_file_reportlab_or_a_damaged_file_makes_the_subsets_anew(
        kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / "face.ttf"
    font.write_bytes(b"a font")
    face, chars, subset = Face(str(font)), [0, 32, 0x4E00], b"a subset"
    cache = again()
    assert cache.get(face, chars) is None
    cache.made(face, chars, subset)
    cache.compressed(lambda made: b"packed" if made is subset else None)
    cache.save()
    cache = again()
    assert cache.get(face, chars) == (subset, b"packed")
    assert cache.get(face, [0, 32]) is None and cache.get(face, [0, 0x4E00, 32]) is None  # other characters
    assert cache.get(Face(str(tmp_path / "other.ttf")), chars) is None  # no such file
    other = Face(str(font))
    other.name = b"UMingTW"  # another face of a collection
    assert again().get(other, chars) is None
    stat = font.stat()
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # the font changed
    assert again().get(face, chars) is None
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert again().get(face, chars) == (subset, b"packed")
    with monkeypatch.context() as patched:
        patched.setattr(subsetcache, "_version", lambda: (subsetcache.FORMAT, "another reportlab"))
        assert again().get(face, chars) is None
    data = kept.read_bytes()
    kept.write_bytes(data[:50])
    assert again().get(face, chars) is None
    key = again()._key(face, chars)
    for bad in ("not a subset", (b"a subset",), (b"a subset", "packed"), ("a subset", b"packed")):
        kept.write_bytes(marshal.dumps((subsetcache._version(), {key: bad})))
        assert again().get(face, chars) is None


def test_a_subset_whose_stream_the_save_did_not_tell_is_compressed_as_reportlab_does(kept: Path,
                                                                                    tmp_path: Path) -> None:
    font = tmp_path / "face.ttf"
    font.write_bytes(b"a font")
    face, chars, subset = Face(str(font)), [0, 32, 0x4E00], b"a subset" * 100
    cache = again()
    cache.made(face, chars, subset)
    cache.compressed(lambda made: None)
    cache.save()
    assert again().get(face, chars) == (subset, pdfdoc.PDFZCompress.encode(subset))
