"""Step 10 writes the department's PDF and, when asked, every unit's in one run, off the
interface thread, with progress; a cancel leaves only whole files (issue 19)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.compute.unitdoc import unit_budgets
from app.inspect.pdfread import read
from tests.gui.conftest import shown
from tests.gui.test_gui_identity import session as session  # the file fixture
from tests.gui.test_gui_pdf_options import click


def whole(path: Path) -> bool:
    return path.read_bytes().startswith(b"%PDF") and path.read_bytes().rstrip().endswith(b"%%EOF")


def ask_for(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The save dialog answers path, as if the user chose it."""
    from forms.steps import publish

    monkeypatch.setattr(publish.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "")))


def test_department_and_every_unit_in_one_run(qtbot: Any, session: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from forms.steps.publish import PublishStep

    page = shown(qtbot, PublishStep(session))
    assert page.units_box.isChecked()  # the sample asks for unit documents
    click(qtbot, page.units_box)
    click(qtbot, page.units_box)  # off and on again, by the mouse
    assert page.units_box.isChecked()
    out = tmp_path / "pub" / "部门.pdf"
    out.parent.mkdir()
    ask_for(monkeypatch, out)
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    session.check_later()  # 生成 PDF waits for the background checks: known first, it starts at once
    qtbot.waitUntil(lambda: session.known_summary is not None, timeout=120_000)
    click(qtbot, page.pdf_button)
    assert page.job is not None and not page.pdf_button.isEnabled() and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.job is None, timeout=180_000)
    folder = out.parent / "晋城市科学技术局2026年单位预算公开"
    units = unit_budgets(session.budget)
    names = sorted(f"{u.department.name}-2026年度单位预算公开.pdf" for u in units)
    assert whole(out) and sorted(p.name for p in folder.iterdir()) == names
    for unit in units:
        text = "\n".join(line for p in read(folder / f"{unit.department.name}-2026年度单位预算公开.pdf").pages
                         for line in p.lines)
        assert f"单位名称：{unit.department.name}" in text and "本部门" not in text
    assert seen == sorted(seen) and seen[-1] == 100 and len(set(seen)) > 3  # it moved, forwards
    assert str(folder) in page.message.text() and "3 个 PDF" in page.message.text()


def test_cancel_leaves_only_whole_files(qtbot: Any, session: Any, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from forms.steps.publish import PublishStep

    page = shown(qtbot, PublishStep(session))
    out = tmp_path / "部门.pdf"
    ask_for(monkeypatch, out)
    click(qtbot, page.pdf_button)
    qtbot.waitUntil(lambda: bool(page.written), timeout=120_000)  # the department's is in place
    click(qtbot, page.cancel_button)
    qtbot.waitUntil(lambda: page.job is None, timeout=60_000)
    folder = tmp_path / "晋城市科学技术局2026年单位预算公开"
    left = sorted(folder.iterdir()) if folder.exists() else []
    assert whole(out) and len(left) < len(session.budget.units)  # stopped before the last unit
    assert all(p.suffix == ".pdf" and whole(p) for p in left)  # no temporary, no half file
    assert "已取消" in page.message.text() and f"{1 + len(left)} 个文件完整可用" in page.message.text()
    assert page.pdf_button.isEnabled() and not page.cancel_button.isEnabled()


def test_asking_for_the_units_pdfs_reviews_their_documents(qapp: Any, qtbot: Any,
                                                           tmp_path: Path) -> None:
    # the Shanghai sample does not publish its units' documents (the workbook's default, 否):
    # ticking 同时生成各单位的预算公开 asks for them in the file, so the checks review each unit's
    # document and its 错误 make the PDFs drafts (they were written final, 职责 "（未填写）")
    from app.core.identity import with_ids
    from app.profiles.shanghai.sample import load_sample
    from forms.session import Session
    from forms.steps.publish import PublishStep

    opened = Session.create(with_ids(load_sample()), tmp_path / "p.budget")
    try:
        page = shown(qtbot, PublishStep(opened))
        assert not page.units_box.isChecked() and not opened.budget.settings.unit_documents
        click(qtbot, page.units_box)
        assert opened.budget.settings.unit_documents
        opened.check_later()
        qtbot.waitUntil(lambda: opened.known_summary is not None, timeout=120_000)
        unit_errors = [f for f in opened.known_summary.unaccepted if f.location.form == "units"
                       and f.location.field.startswith("document.")]
        assert unit_errors and any("单位主要职能" in f.message for f in unit_errors)
        opened.undo.undo()  # one edit: 撤销 takes it back, and the box follows
        assert not opened.budget.settings.unit_documents
        page.refresh()
        assert not page.units_box.isChecked()
    finally:
        opened.close()
