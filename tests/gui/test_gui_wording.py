"""Step 8's 文字模板: typing in a section's template re-renders it, saves it, 恢复默认 and the picker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.compute.wording import BY_KEY
from app.profiles.shanxi.sample import load_sample
from tests.gui.test_gui_flow import keys


@pytest.fixture
def page(qapp: Any, qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    from forms.app import register_font
    from forms.main_window import MainWindow
    from forms.qt import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    assert register_font(qapp)
    main = MainWindow()
    main.tell = lambda title, text: pytest.fail(f"{title}: {text}")
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    main.create_file(load_sample(), tmp_path / "s.budget")
    texts = main.editor.go(8)
    texts.tabs.setCurrentWidget(texts.templates)
    yield texts
    main.close_file()


def test_editing_a_template_shows_its_text_and_saves_it(page: Any, qtbot: Any) -> None:
    from forms.qt import Qt

    row = page.templates.rows["9"]
    assert "政府采购预算总额122.78万元" in row.shown.text()
    assert not row.reset.isEnabled()
    row.editor.setFocus()
    row.editor.selectAll()
    qtbot.keyClick(row.editor, Qt.Key.Key_Delete)
    keys(qtbot, row.editor, "采购共{政府采购}，服务{政府采购.服务}[，工程{政府采购.工程}]。")
    assert "采购共122.78万元，服务122.28万元。" in row.shown.text()  # live, before it is saved
    session = page.session
    qtbot.waitUntil(lambda: session.budget.texts.templates != ())
    (stored,) = session.budget.texts.templates
    assert stored.section == "九" and stored.template.startswith("采购共{政府采购}")
    assert row.reset.isEnabled()
    qtbot.mouseClick(row.reset, Qt.MouseButton.LeftButton)
    assert session.budget.texts.templates == ()
    assert row.editor.toPlainText() == BY_KEY["9"].default
    assert "政府采购预算总额122.78万元" in row.shown.text()


def test_a_fault_is_shown_in_place_of_the_text(page: Any, qtbot: Any) -> None:
    row = page.templates.rows["2"]
    row.editor.setPlainText("收入{收入总计")
    assert "缺少“}”" in row.shown.text()


def test_the_picker_finds_fields_by_name_and_by_value(page: Any) -> None:
    from forms.steps.wording import FieldPicker

    picker = FieldPicker(page.templates.fields)
    picker.search.setText("44.06")
    assert picker.chosen() == "机关运行经费"
    picker.search.setText("公务用车运行维护费")
    assert picker.chosen() == "三公.公务用车运行维护费"
    picker.search.setText("不存在的字段")
    assert picker.chosen() == ""


def test_a_finding_on_a_template_opens_it(page: Any) -> None:
    page.tabs.setCurrentIndex(0)
    page.show_place("texts", None, "templates.七")
    assert page.tabs.currentWidget() is page.templates


def test_fields_are_marked_even_with_words_inside() -> None:
    from forms.steps.wording import marks

    text = "本部门{机关运行经费}，{机关运行经费.比上年:比{上年}年}[，{机关运行经费.原因}|无]{{"
    found = [(text[s:s + n], field) for s, n, field in marks(text)]
    assert found == [("{机关运行经费}", True), ("{机关运行经费.比上年:比{上年}年}", True), ("[", False),
                     ("{机关运行经费.原因}", True), ("|", False), ("]", False)]
