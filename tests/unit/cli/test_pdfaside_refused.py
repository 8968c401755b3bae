"""The read-back's third reader, refused because no core is idle, is not waited for before the
second process reads: it ends by itself once its pipe is closed and is joined after the reading."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_refused_third_reader_is_joined_after_the_reading(sample_pdf: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import pdfaside
    from app.inspect import pdfread

    monkeypatch.setattr(pdfaside, "core_free_now", lambda besides=None: False)
    events: list[str] = []
    real_read = pdfread.read

    def reading(path: Any) -> Any:
        events.append("read")
        return real_read(path)

    monkeypatch.setattr(pdfread, "read", reading)
    readers = pdfaside.Readers(decide_later=True)
    process = readers._process
    assert process is not None
    real_join = process.join

    def joining(timeout: float | None = None) -> None:
        events.append("join")
        real_join(timeout)

    process.join = joining
    try:
        document = readers.read(sample_pdf)
    finally:
        readers.close()
    assert events == ["read", "join"]
    assert not process.is_alive()
    assert len(document.pages) == len(real_read(sample_pdf).pages)
