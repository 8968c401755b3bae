"""The pages' content streams are compressed by a thread while the layout goes on, the font
subsets' streams while the save goes on: each once, the file byte for byte the one reportlab
compresses itself."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

import reports.pdf
from app.profiles.shanxi.sample import load_sample
from reports.pdf import write_pdf


def test_page_streams_compressed_aside_give_the_same_file(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)
    calls: Counter[tuple[str, bool]] = Counter()
    encode = pdfdoc.PDFStreamFilterZCompress.encode

    def counted(self: Any, text: Any) -> bytes:
        calls[threading.current_thread().name, isinstance(text, str)] += 1
        compressed: bytes = encode(self, text)
        return compressed

    monkeypatch.setattr(pdfdoc.PDFStreamFilterZCompress, "encode", counted)
    budget = load_sample()
    write_pdf(budget, tmp_path / "aside.pdf")
    aside = dict(calls)
    calls.clear()
    monkeypatch.setattr(reports.pdf.PageStreams, "shown", lambda self, pages: None)
    write_pdf(budget, tmp_path / "here.pdf")
    here = dict(calls)

    assert (tmp_path / "aside.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()
    document = pypdfium2.PdfDocument(str(tmp_path / "aside.pdf"))
    pages = len(document)
    document.close()
    subsets = (tmp_path / "aside.pdf").read_bytes().count(b"/FontFile2")  # one per font subset
    assert pages == 37 and subsets == 6
    # every page, every subset's font file and ToUnicode map in the thread
    assert aside[("pdf-zlib", True)] == pages + subsets and aside[("pdf-zlib", False)] == subsets
    assert aside.get(("MainThread", True), 0) == 0
    assert sum(aside.values()) == sum(here.values())  # none compressed twice
    assert here[("MainThread", True)] == pages  # the pages not handed over: reportlab's own
    assert here[("pdf-zlib", True)] == here[("pdf-zlib", False)] == subsets
    assert "encode" not in vars(pdfdoc.PDFZCompress)  # reportlab's own again after the save
    assert not any(t.name == "pdf-zlib" for t in threading.enumerate())
