"""Writing the PDF: atomic, refused while 错误 remain, 草稿 watermark, fonts checked, options."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from app.checks.registry import Finding, Location, Severity
from app.cli.main import main
from app.core.records import Budget
from app.store import storage
from reports.fonts import FontChoice, FontError, face_names, subfont_index
from reports.pdf import Cancelled, PdfWriteError, write_pdf
from tests.helpers.pdftext import page_texts, wide_pictures

rl_config.invariant = 1


def text_of(path: Path) -> list[str]:
    return page_texts(path)


def watermarks(path: Path) -> list[str]:
    """Per page "草稿" when it carries the draft mark: a large picture drawn before any text (so it
    lies beneath the content), while the copied text holds no 草稿."""
    found = []
    reader = PdfReader(path)
    for big, text, raw in zip(wide_pictures(path), page_texts(path), reader.pages, strict=True):
        stream = raw.get_contents().get_data()
        beneath = b" Do" in stream and stream.find(b" Do") < stream.find(b"BT")
        assert "草稿" not in text
        found.append("草稿" if big and beneath else "")
    return found


def with_odd_name(sample: Budget) -> Budget:
    first = sample.projects[0]
    odd = replace(first, name=first.name + "𠀀")
    targets = tuple(replace(t, project=odd.name) if (t.unit, t.project) == (first.unit, first.name) else t
                    for t in sample.targets)
    return replace(sample, projects=(odd, *sample.projects[1:]), targets=targets)


def test_missing_character_named_with_its_places(sample: Budget, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    with pytest.raises(FontError) as info:
        write_pdf(with_odd_name(sample), out)
    message = str(info.value)
    assert "“𠀀”（U+20000）" in message
    assert "表12 第3行" in message  # the project's row in 项目支出预算表
    assert "绩效目标表" in message and "项目名称" in message
    assert not out.exists()


def test_failed_write_leaves_existing_output_untouched(sample: Budget, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    with pytest.raises(FontError):
        write_pdf(with_odd_name(sample), out)
    with pytest.raises(Cancelled):
        write_pdf(sample, out, cancelled=lambda: True)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]  # no temporary file left


def test_locked_target_is_a_clear_error(sample: Budget, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")

    def locked(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(PdfWriteError, match="正被其他程序"):
        write_pdf(sample, out)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_unwritable_folder(sample: Budget, tmp_path: Path) -> None:
    with pytest.raises(PdfWriteError, match="无法在文件夹"):
        write_pdf(sample, tmp_path / "no-such-folder" / "out.pdf")


def test_progress_reaches_the_end(charted_written: tuple[Budget, Path, list[tuple[int, int]]]) -> None:
    """The progress told while the charted sample was written (conftest.py's charted_written)."""
    _budget, out, seen = charted_written
    assert out.read_bytes().rstrip().endswith(b"%%EOF")
    assert seen[-1][0] == seen[-1][1] > 100
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def blocker() -> Finding:
    return Finding("balance", Severity.ERROR, "收入总计与支出总计不等：相差 1.00 元",
                   Location("income", label="收入 本年收入"))


def test_command_refuses_publication_while_errors_remain(
        sample: Budget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, out = tmp_path / "s.budget", tmp_path / "out.pdf"
    storage.save(sample, path)
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [blocker()])
    assert main(["pdf", str(path), "-o", str(out)]) == 1  # refused for 错误, as check (misuse: 2)
    err = capsys.readouterr().err
    assert "还有 1 个错误未处理" in err and "收入 本年收入：收入总计与支出总计不等" in err
    assert not out.exists()
    assert main(["pdf", str(path), "-o", str(out), "--draft"]) == 0
    assert watermarks(out) == ["草稿"] * len(text_of(out))
    assert "草稿" in str(PdfReader(out).metadata.title)


def test_command_writes_publication_without_watermark(sample: Budget, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path, out = tmp_path / "s.budget", tmp_path / "out.pdf"
    storage.save(sample, path)
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    bundled = FontChoice.bundled()
    assert main(["pdf", str(path), "-o", str(out), "--font-song", str(bundled.song),
                 "--font-hei", str(bundled.hei)]) == 0
    assert set(watermarks(out)) == {""}


def test_command_names_a_missing_font_file(sample: Budget, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.budget"
    storage.save(sample, path)
    monkeypatch.setattr("app.cli.pdf.open_errors", lambda budget: [])
    assert main(["pdf", str(path), "-o", str(tmp_path / "o.pdf"), "--font-song", "/nowhere/simsun.ttc"]) == 2
    assert "找不到字体文件：/nowhere/simsun.ttc" in capsys.readouterr().err


def test_bundled_collection_faces() -> None:
    bundled = FontChoice.bundled()
    assert face_names(bundled.song)[0] == "AR PL UMing CN"
    assert subfont_index(bundled.song) == 0


def test_department_form_and_charts(charted: tuple[Budget, Path]) -> None:
    """The sample with a 部门整体 form and charts (tests/unit/reports/conftest.py's charted: the
    form and write_pdf as before, written once for this test and test_pdf_geometry's)."""
    budget, out = charted
    assert budget.department_form is not None and budget.settings.charts
    text = "\n".join(text_of(out))
    assert "部门整体支出绩效目标申报表" in text
    assert "3,562.56" in text and "实施重点研发计划" in text and "≥40项" in text
    for n, title in enumerate(("收入预算构成", "基本支出与项目支出", "一般公共预算当年支出结构"), 1):
        assert f"图{n} {title}" in text  # figures numbered in order
    assert "3,562.56万元（74.80%）" in text
