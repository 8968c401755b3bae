"""Step 10's 生成Excel: both workbooks written into the folder asked for, read back whole; with the
disk full half-way, a plain message and last week's files left as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.writer.excel import ExcelWriter

from app.imports.workbook import read_data
from tests.gui.conftest import shown
from tests.gui.test_gui_identity import session as session  # the file fixture


def test_both_workbooks_land_in_the_folder(qtbot: Any, session: Any, tmp_path: Path) -> None:
    from forms.steps.publish import PublishStep, default_name

    folder = tmp_path / "公开"
    folder.mkdir()
    page = shown(qtbot, PublishStep(session))
    assert page.write_excel(folder) is not None
    qtbot.waitUntil(lambda: page.job is None, timeout=60000)
    base = default_name(session.budget)
    tables, data = (folder / f"{base}（{s}）.xlsx" for s in ("公开表", "数据"))
    assert sorted(p.name for p in folder.iterdir()) == sorted([tables.name, data.name])
    assert len(openpyxl.load_workbook(tables, read_only=True).sheetnames) == 13
    assert read_data(data) == (session.budget, [])
    assert page.message.text() == f"已在 {folder} 生成：{tables.name}、{data.name}"


def test_a_full_disk_leaves_last_weeks_workbooks(
        qtbot: Any, session: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from forms.steps.publish import PublishStep, default_name

    folder = tmp_path / "公开"
    folder.mkdir()
    base = default_name(session.budget)
    old = {folder / f"{base}（{s}）.xlsx": f"上周的{s}".encode() for s in ("公开表", "数据")}
    for path, content in old.items():
        path.write_bytes(content)

    def full(self: ExcelWriter) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ExcelWriter, "write_data", full)
    page = shown(qtbot, PublishStep(session))
    assert page.write_excel(folder) is not None
    qtbot.waitUntil(lambda: page.job is None, timeout=60000)
    text = page.message.text()
    assert text.startswith("生成失败：无法写入“") and text.endswith("”：磁盘已满，原文件保持原样。")
    assert {p: p.read_bytes() for p in folder.iterdir()} == old
