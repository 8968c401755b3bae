"""Atomic writes: the target appears complete or not at all, with ordinary permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.store.atomic import WriteError, replacing, write_atomic


def test_success_replaces_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, lambda temp: temp.write_text("new", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "new"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_failure_leaves_the_target_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"original")

    def half(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_atomic(target, half)
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_folder_target_and_unwritable_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="文件夹"), replacing(tmp_path):
        pass
    with pytest.raises(WriteError, match="无法在文件夹"), replacing(tmp_path / "missing" / "x.pdf"):
        pass


def test_the_new_content_is_on_disk_before_the_rename(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """fsync of the new file, then the rename, then fsync of the folder (a power cut after the
    rename must not leave an empty file)."""
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync-folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync-file")
        real_fsync(fd)

    def replace(a: str | Path, b: str | Path) -> None:
        calls.append("replace")
        real_replace(a, b)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "x.txt"
    target.write_text("old")
    write_atomic(target, lambda temp: temp.write_text("new"))
    assert calls == ["fsync-file", "replace", "fsync-folder"]
    assert target.read_text() == "new"
