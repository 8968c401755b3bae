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


def test_a_killed_writers_temp_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    """kill -9 during a write leaves `.NAME.PID-xxxx.tmp`; the next write of NAME removes it,
    and never a temp of a writer that still runs, nor another file's."""
    import subprocess
    import sys

    from app.store.atomic import sweep_leftovers, write_atomic

    target = tmp_path / "预算.budget"
    script = ("import sys, time\nfrom pathlib import Path\nfrom app.store.atomic import replacing\n"
              "with replacing(Path(sys.argv[1])) as t:\n"
              "    t.write_bytes(b'half')\n    print(t, flush=True)\n    time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None
    left = Path(child.stdout.readline().strip())
    assert left.exists() and left.name.startswith(".预算.budget.")
    other = tmp_path / ".其他.pdf.1-abc.tmp"
    other.write_bytes(b"x")
    assert sweep_leftovers(target) == []  # its writer still runs: kept
    child.kill()
    child.wait()
    assert left.exists()  # kill -9 left it
    write_atomic(target, lambda t: t.write_bytes(b"whole"))
    assert not left.exists() and other.exists()
    assert target.read_bytes() == b"whole"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == [other.name]


def test_old_unnamed_temps_go_only_when_old(tmp_path: Path) -> None:
    import os

    from app.store.atomic import STALE_AFTER, sweep_leftovers

    target = tmp_path / "a.pdf"
    old = tmp_path / ".a.pdf.k3j2h1.tmp"  # a name from before the PID was in it
    old.write_bytes(b"x")
    assert sweep_leftovers(target) == []
    stamp = old.stat().st_mtime - STALE_AFTER - 5
    os.utime(old, (stamp, stamp))
    assert sweep_leftovers(target) == [old]
