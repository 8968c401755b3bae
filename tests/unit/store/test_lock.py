"""The file lock: one holder per file's identity, in this process and across processes, and the
Windows branch (msvcrt.locking) driven through a stand-in that keeps msvcrt's contract."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from app.store.lock import FileInUseError, take


@pytest.fixture(autouse=True)
def locks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "locks"
    monkeypatch.setenv("BUDGET_DESK_LOCKS", str(folder))
    return folder


def test_a_second_holder_is_refused_through_a_hard_link_and_a_symlink(tmp_path: Path) -> None:
    budget = tmp_path / "预算.budget"
    budget.write_bytes(b"x")
    os.link(budget, tmp_path / "硬链接.budget")
    (tmp_path / "符号链接.budget").symlink_to(budget)
    held = take(budget)
    script = ("import sys\nfrom pathlib import Path\nfrom app.store.lock import take\n"
              "take(Path(sys.argv[1]), 'command')\n")
    for name in ("预算.budget", "硬链接.budget", "符号链接.budget"):
        run = subprocess.run([sys.executable, "-c", script, str(tmp_path / name)],
                             capture_output=True, text=True)
        assert run.returncode != 0 and "FileInUseError" in run.stderr
        assert f"窗口（进程 {os.getpid()}）" in run.stderr
    held.release()
    again = subprocess.run([sys.executable, "-c", script, str(tmp_path / "硬链接.budget")])
    assert again.returncode == 0


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking's contract: LK_NBLCK locks nbytes from the file position of fd or raises
    OSError when another handle holds them; LK_UNLCK releases them; a handle's locks go with it."""

    LK_NBLCK, LK_UNLCK = 2, 0

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int, int], int] = {}  # (dev, ino, offset) -> fd
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        st = os.fstat(fd)
        key = (st.st_dev, st.st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        self.calls.append((mode, nbytes))
        if mode == self.LK_NBLCK:
            if key in self.held and self.held[key] != fd:
                raise OSError(36, "Resource deadlock avoided")
            self.held[key] = fd
        elif mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise OSError(13, "Permission denied")
            del self.held[key]


def test_the_windows_branch_locks_the_first_byte_and_releases_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    budget = tmp_path / "a.budget"
    budget.write_bytes(b"x")
    first = take(budget)
    assert fake.calls == [(fake.LK_NBLCK, 1)] and len(fake.held) == 1
    with pytest.raises(FileInUseError, match="窗口"):
        take(budget, "command")  # another handle on the same lock file: refused, named
    first.release()
    assert not fake.held and fake.calls[-1] == (fake.LK_UNLCK, 1)
    second = take(budget, "command")
    assert len(fake.held) == 1
    second.release()
