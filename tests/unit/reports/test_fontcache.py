"""The parsed-font cache: a second load comes from the cache and subsets the same bytes; a
damaged or stale entry is ignored and rebuilt; the folder follows the platform's convention."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from app.core.resources import resource_path
from reports import fontcache

SOME = [0x20, 0x41, *range(0x4E00, 0x4E40), 0x9884, 0x7B97, 0xFF0C]


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(fontcache.sys, "platform", "linux")
    return tmp_path


def test_cached_face_matches_a_parsed_one(cache: Path) -> None:
    path = Path(resource_path("fonts", "uming.ttc"))
    parsed = TTFont("Parsed", str(path))
    first = fontcache.parsed_font("First", path, 0)
    entry = fontcache.entry_path(path, 0)
    assert entry.is_file() and entry.is_relative_to(cache / "budget-desk")
    loaded = fontcache._load(path, 0, "Loaded")
    assert loaded is not None and loaded.fontName == "Loaded"
    for font in (first, loaded):
        assert font.face.charWidths == parsed.face.charWidths
        assert font.face.charToGlyph == parsed.face.charToGlyph
        assert font.face.name == parsed.face.name and font.face.name.ustr == parsed.face.name.ustr
        assert font.face.makeSubset(SOME) == parsed.face.makeSubset(SOME)
        assert font.stringWidth("部门预算公开", 10.5) == parsed.stringWidth("部门预算公开", 10.5)


def test_damaged_entry_is_ignored_and_rebuilt(cache: Path) -> None:
    path = Path(resource_path("fonts", "wqy-zenhei.ttc"))
    fontcache.parsed_font("A", path, 0)
    entry = fontcache.entry_path(path, 0)
    entry.write_bytes(entry.read_bytes()[:1000])
    assert fontcache._load(path, 0, "B") is None
    font = fontcache.parsed_font("B", path, 0)
    assert 0x9884 in font.face.charToGlyph
    assert fontcache._load(path, 0, "C") is not None  # rewritten whole


def test_changed_font_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "font.ttc"
    copy.write_bytes(Path(resource_path("fonts", "uming.ttc")).read_bytes())
    fontcache.parsed_font("A", copy, 0)
    assert fontcache._load(copy, 0, "B") is not None
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert fontcache._load(copy, 0, "B") is None


def test_unwritable_cache_still_gives_the_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(fontcache.sys, "platform", "linux")
    font = fontcache.parsed_font("A", Path(resource_path("fonts", "uming.ttc")), 0)
    assert font.stringWidth("预算", 10) > 0


def test_cache_folder_per_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fontcache.sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    assert fontcache.cache_dir() == tmp_path / "budget-desk" / "Cache"
    monkeypatch.setattr(fontcache.sys, "platform", "linux")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert fontcache.cache_dir() == Path.home() / ".cache" / "budget-desk"


def test_loaded_metrics_read_as_the_parsed_lists(cache: Path) -> None:
    path = Path(resource_path("fonts", "wqy-zenhei.ttc"))
    parsed = TTFont("Parsed", str(path)).face
    fontcache.parsed_font("A", path, 0)
    loaded = fontcache._load(path, 0, "B")
    assert loaded is not None
    face = loaded.face
    assert len(face.hmetrics) == len(parsed.hmetrics) and len(face.glyphPos) == len(parsed.glyphPos)
    for i in (0, 1, 7, 9884, len(parsed.hmetrics) - 1, -1, -2):
        assert face.hmetrics[i] == parsed.hmetrics[i] and face.glyphPos[i] == parsed.glyphPos[i]
    assert face.hmetrics[100:104] == parsed.hmetrics[100:104]
    with pytest.raises(IndexError):
        face.hmetrics[len(parsed.hmetrics)]
    assert face._ttf_data[:4] == b"ttcf"  # the file mapped, read where subsetting needs it
