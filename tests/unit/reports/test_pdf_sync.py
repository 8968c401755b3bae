"""The written PDF is flushed to disk by a thread while it is read back, before it is put in place."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

import reports.pdf_save
from app.compute.tabledef import Table
from app.profiles.shanxi.sample import load_sample
from reports.pdf import write_pdf


def test_the_file_is_synced_while_it_is_read_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    synced: list[tuple[Path, str, bytes]] = []

    def fsync_file(path: Path) -> None:
        synced.append((path, threading.current_thread().name, path.read_bytes()[-6:]))

    monkeypatch.setattr(reports.pdf_save, "fsync_file", fsync_file)
    asked: list[Path] = []

    def verify(temp: Path, tables: Sequence[Table], texts: Sequence[str]) -> list[str]:
        asked.append(temp)
        deadline = time.monotonic() + 10
        while not synced and time.monotonic() < deadline:  # the read-back takes a while
            time.sleep(0.005)
        return []

    out = tmp_path / "out.pdf"
    write_pdf(load_sample(), out, verify=verify)
    assert synced == [(asked[0], "pdf-fsync", b"%%EOF\n")]  # the whole file, in the thread
    assert not any(t.name == "pdf-fsync" for t in threading.enumerate())
    assert out.read_bytes().endswith(b"%%EOF\n") and not asked[0].exists()
