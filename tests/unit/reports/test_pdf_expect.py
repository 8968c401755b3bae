"""write_pdf tells expect the tables and texts before the layout: the same ones verify gets."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from app.compute.tabledef import Table
from app.profiles.shanxi.sample import load_sample
from reports.pdf import write_pdf
from reports.pdf_doc import DisclosureDoc


def test_expect_is_told_before_the_layout_what_verify_checks(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[tuple[str, object, object]] = []
    real_build = DisclosureDoc.build

    def build(self: DisclosureDoc, *args: object, **kwargs: object) -> None:
        events.append(("layout", None, None))
        real_build(self, *args, **kwargs)

    monkeypatch.setattr(DisclosureDoc, "build", build)

    def expect(tables: Sequence[Table], texts: Sequence[str]) -> None:
        events.append(("expect", tables, texts))

    def verify(temp: Path, tables: Sequence[Table], texts: Sequence[str]) -> list[str]:
        assert temp.read_bytes().endswith(b"%%EOF\n")
        events.append(("verify", tables, texts))
        return []

    out = tmp_path / "out.pdf"
    write_pdf(load_sample(), out, verify=verify, expect=expect)
    assert [kind for kind, _, _ in events] == ["expect", "layout", "verify"]
    (_, tables, texts), (_, checked, paragraphs) = events[0], events[2]
    assert tables is checked and texts is paragraphs and len(tables) >= 9 and texts
    assert out.read_bytes().startswith(b"%PDF")


def test_no_expect_without_verify(tmp_path: Path) -> None:
    told: list[object] = []
    write_pdf(load_sample(), tmp_path / "out.pdf", expect=lambda tables, texts: told.append(tables))
    assert told == []
