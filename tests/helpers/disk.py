"""A real small or read-only disk for tests of full-disk and read-only behaviour (a tmpfs,
where the tests may mount one: as root on Linux; elsewhere those tests are skipped)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def tiny_disk(kilobytes: int) -> Iterator[Path]:
    """A folder on a fresh tmpfs of that size, unmounted afterwards."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("needs root on Linux to mount a small tmpfs")
    folder = Path(tempfile.mkdtemp(prefix="budget-desk-disk-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs",
                           str(folder)], capture_output=True, check=False)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def read_only(folder: Path, on: bool = True) -> None:
    """Remount a tiny_disk read-only (or writable again)."""
    subprocess.run(["mount", "-o", f"remount,{'ro' if on else 'rw'}", str(folder)], check=True)


def fill(folder: Path) -> Path:
    """Fill the disk to the last byte; the filler file is returned (delete it for space)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (65536, 4096, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(fd)
    return filler
