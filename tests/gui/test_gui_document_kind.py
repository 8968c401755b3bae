"""新建 offers the document's kind (部门/单位): the title names it, step 8 words it; a Shanghai
file's step 8 names none of Shanxi's sections (its labels come from the profile's declaration)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.findings import Severity
from app.core.identity import with_ids
from app.profiles.registry import SHANGHAI, SHANXI
from app.profiles.review import review
from app.store import storage
from tests.gui.test_gui_flow import keys

pytestmark = pytest.mark.gui

# what only Shanxi's document has: its parts (第三部分), its sections (第七节, 段落 十一, 十1),
# its table numbers (表3, 表十二)
SHANXI_ONLY = re.compile(r"第[一二三四五六七八九十]+(部分|节)|段落|表[一二三四五六七八九十0-9]+")


@pytest.fixture
def window(make_window: Callable[..., Any]) -> Any:
    return make_window(size=(1366, 768), settings=True, font=True)


def words_of(page: Any) -> list[str]:
    """Every label, tab, box title, button, column heading, placeholder and tooltip the page shows now."""
    from forms.qt import (
        QAbstractButton,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        Qt,
        QTableView,
        QTabWidget,
        QWidget,
    )

    found: list[str] = []
    for widget in [page, *page.findChildren(QWidget)]:
        if widget is not page and not widget.isVisibleTo(page):
            continue
        found.append(widget.toolTip())
        if isinstance(widget, QLabel):
            found.append(widget.text())
        if isinstance(widget, QGroupBox):
            found.append(widget.title())
        if isinstance(widget, QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            found.append(widget.placeholderText())
        if isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            found += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())]
    return [w for w in found if w]


def seen(page: Any, root: Any = None) -> list[str]:
    """words_of(page) with each tab (and each tab inside it) shown in turn, as a user looks."""
    from forms.qt import QApplication, QTabWidget

    found = words_of(page)
    for tabs in (root or page).findChildren(QTabWidget):
        if not tabs.isVisibleTo(page):
            continue
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            QApplication.processEvents()
            found += seen(page, tabs.widget(i))
    return found


def test_new_offers_the_kind_department_first_and_a_unit_file_is_worded_so(
        window: Any, qtbot: Any, tmp_path: Path) -> None:
    from forms.qt import Qt
    from forms.start import NewDialog
    from forms.steps.publish import default_name

    dialog = NewDialog(2026, window)
    dialog.show()
    assert dialog.kind.currentData() == "部门"  # the default
    assert [dialog.kind.itemText(i) for i in range(dialog.kind.count())] == [
        "部门预算公开（主管部门，含所属单位）", "单位预算公开（一个预算单位自己的）"]
    assert dialog.form.labelForField(dialog.name).text() == "部门名称："
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.kind.currentData() == "单位"
    assert dialog.form.labelForField(dialog.name).text() == "单位名称："  # the words follow
    assert dialog.form.labelForField(dialog.code).text() == "单位编码："
    keys(qtbot, dialog.name, "晋城市科学技术局机关")
    keys(qtbot, dialog.code, "108001")
    keys(qtbot, dialog.units, "108001 晋城市科学技术局机关 行政")
    budget, errors = dialog.budget()
    assert budget is not None and not errors
    assert (budget.settings.profile, budget.settings.kind) == ("shanxi", "单位")
    assert not budget.settings.unit_documents  # a unit's file is its one document
    dialog.close()
    assert window.create_file(budget, tmp_path / "机关.budget")
    assert storage.load(tmp_path / "机关.budget").settings.kind == "单位"
    qtbot.waitUntil(lambda: "山西省（13张表）单位预算" in window.windowTitle())
    first = window.editor.go(1)
    assert "本部门" not in "\n".join(seen(first))
    assert first.fields["department.name"].accessibleName() == "单位名称"
    page = window.editor.go(8)
    assert page.tabs.tabText(0) == "本单位文字与说明"
    assert page.tabs.tabText(page.tabs.indexOf(page.department)) == "单位整体支出绩效目标表"
    assert page.form.labelForField(page.fields["duties"]).text() == "本单位职责："
    assert page.picker.combo.itemText(0) == "本单位"
    shown = "\n".join(seen(page))
    assert "本部门" not in shown
    # the 单位整体 form's panel too: its boxes, labels, buttons and the line saying what prints
    assert "单位基本信息" in shown and "单位职责" in shown and "编报单位整体支出绩效目标" in shown
    assert not [w for w in ("部门整体", "部门基本信息", "部门职责", "部门战略目标", "部门预算")
                if w in shown]
    page.tabs.setCurrentIndex(0)
    text = page.preview.text()
    assert "一、本单位职责" in text and "本部门" not in text
    keys(qtbot, page.fields["duties"], "负责全市科技工作。")
    page.fields["organization"].setFocus()
    qtbot.waitUntil(lambda: window.session.budget.texts.duties == "负责全市科技工作。")
    assert not [f for f in review(window.session.budget) if f.check == "kind-wording"]
    assert default_name(window.session.budget) == "晋城市科学技术局机关2026年单位预算公开"


def test_the_kind_follows_the_template_chosen(window: Any, qtbot: Any) -> None:
    from forms.qt import Qt
    from forms.start import NewDialog

    dialog = NewDialog(2026, window)
    dialog.show()
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    dialog.profile.setFocus()
    qtbot.keyClick(dialog.profile, Qt.Key.Key_Down)  # Shanghai has a 单位 document too: kept
    assert (dialog.profile.currentData(), dialog.kind.currentData()) == ("shanghai", "单位")
    keys(qtbot, dialog.name, "上海市普陀区测试局机关")
    budget, _ = dialog.budget()
    assert budget is not None and (budget.settings.profile, budget.settings.kind) == ("shanghai", "单位")
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Up)
    budget, _ = dialog.budget()
    assert budget is not None and budget.settings.kind == "部门" and budget.settings.unit_documents
    dialog.close()


def test_shanghai_step_8_names_no_shanxi_section(window: Any, qtbot: Any, tmp_path: Path) -> None:
    from forms.qt import QApplication

    path = tmp_path / "putuo.budget"
    storage.save(with_ids(SHANGHAI.sample()), path)
    assert window.open_path(path)
    page = window.editor.go(8)
    QApplication.processEvents()
    words = seen(page)
    assert "上海模板的内容" in words and "项目经费情况说明" in words  # every tab was looked at
    named = [w for w in words if SHANXI_ONLY.search(w)]
    assert not named, named
    labels = [page.form.labelForField(f).text() for f in page.fields.values()]
    assert labels == [f"{i.label}：" for i in SHANGHAI.inputs.inputs]  # the profile's declaration
    assert page.templates is None and page.department is None  # Shanghai prints neither
    assert "上海模板的内容" in [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_shanxi_step_8_keeps_its_sections(window: Any, sample: Any, tmp_path: Path) -> None:
    """The same test on the Shanxi sample finds its sections: the pattern is not blind."""
    path = tmp_path / "jc.budget"
    storage.save(sample, path)
    assert window.open_path(path)
    page = window.editor.go(8)
    named = [w for w in seen(page) if SHANXI_ONLY.search(w)]
    assert "第三部分 文字模板" in named and "收支总计增减原因（第一节）" in named
    assert [page.form.labelForField(f).text() for f in page.fields.values()] == [
        f"{i.label}：" for i in SHANXI.inputs.inputs]
    assert page.templates is not None and page.department is not None


def test_no_step_of_a_shanghai_file_names_a_shanxi_section(window: Any, qtbot: Any,
                                                           tmp_path: Path) -> None:
    """Step 10 too: Shanghai's template draws no charts and prints no target forms, so its
    layout options (第三部分绘制图表, 附件N, the forms' order) are not offered."""
    from app.edits.steps import STEPS
    from forms.qt import QApplication

    path = tmp_path / "putuo.budget"
    storage.save(with_ids(SHANGHAI.sample()), path)
    assert window.open_path(path)
    for step in STEPS:
        page = window.editor.go(step.number)
        QApplication.processEvents()
        words = seen(page)
        named = [w for w in words if SHANXI_ONLY.search(w)]
        assert not named, (step.number, named)
        if step.number == 1:
            assert "单位编码" in words  # the grids' column headings are read too
    publish = window.editor.go(10)
    assert publish.charts.isHidden() and publish.form_labels.isHidden()
    assert publish.layout_options.isHidden()


def test_a_shanxi_file_keeps_its_layout_options(window: Any, sample: Any, tmp_path: Path) -> None:
    path = tmp_path / "jc.budget"
    storage.save(sample, path)
    assert window.open_path(path)
    publish = window.editor.go(10)
    assert publish.charts.isVisible() and publish.form_labels.isVisible()
    assert publish.layout_options.isVisible()
    assert "第三部分绘制图表（在下方“版式”中选择小节）" in words_of(publish)


def test_every_reason_a_check_asks_of_a_shanghai_file_can_be_typed_where_it_leads(
        window: Any, qtbot: Any, tmp_path: Path) -> None:
    """Shanghai prints a reason after each "三公" item's change, and no reason for 机关运行经费:
    a changed item asks for its own reason (not Shanxi's one 三公 text, nor 机关运行经费's), the
    finding leads to that field of the 上海模板的内容 tab, and typing there clears the 错误."""
    from dataclasses import replace
    from decimal import Decimal

    from forms.qt import QApplication

    sample = with_ids(SHANGHAI.sample())
    blank = replace(sample.texts.three_public_reasons, reception="")
    changed = replace(sample, last_year=replace(sample.last_year, reception=Decimal("1"),
                                                operating=Decimal("1")),
                      texts=replace(sample.texts, three_public_reasons=blank))
    path = tmp_path / "putuo.budget"
    storage.save(changed, path)
    assert window.open_path(path)
    asked = [f for f in review(changed) if f.location is not None and f.location.form == "texts"]
    assert [(f.check, f.severity, f.location.field) for f in asked if f.location is not None] == [
        ("sh-reasons", Severity.HINT, "three_public_reasons.total"),
        ("sh-reasons", Severity.ERROR, "three_public_reasons.reception")], asked
    assert "公务接待费" in asked[1].message and asked[1].location is not None
    assert asked[1].location.label == "文字说明 公务接待费增减原因"
    field = "texts.three_public_reasons.reception"
    window.editor.go_to("texts", None, "three_public_reasons.reception")
    QApplication.processEvents()
    page = window.editor.page(8)
    edit = page.shanghai.fields[field]
    assert edit.hasFocus() or QApplication.focusWidget() is edit
    keys(qtbot, edit, "因接待任务增加。")
    page.fields["duties"].setFocus()
    qtbot.waitUntil(lambda: window.session.budget.texts.three_public_reasons.reception
                    == "因接待任务增加。")
    left = [f for f in review(window.session.budget) if f.location is not None
            and f.location.form == "texts" and f.severity == Severity.ERROR]
    assert not left, left
    assert "reason_three_public" not in page.fields and "reason_operating" not in page.fields
    assert not [w for w in seen(page) if SHANXI_ONLY.search(w)]


def test_a_shanghai_file_holding_a_department_form_shows_it_without_shanxi_words(
        window: Any, tmp_path: Path) -> None:
    """A 部门整体 form in a Shanghai file (e.g. from a data workbook) is kept and its checks run,
    so its tab is there; it says the template does not print it, not Shanxi's 第三部分 十."""
    from forms.steps.department import reported

    holding = reported(with_ids(SHANGHAI.sample()), True)
    assert holding.department_form is not None
    path = tmp_path / "putuo.budget"
    storage.save(holding, path)
    assert window.open_path(path)
    page = window.editor.go(8)
    assert page.department is not None
    words = seen(page)
    assert "本文件的模板不印部门整体支出绩效目标表，这里的数据只供审核。" in words
    assert not [w for w in words if SHANXI_ONLY.search(w)]


def test_a_finding_on_shanghais_cars_opens_them_in_step_8(window: Any, tmp_path: Path) -> None:
    """Shanghai's 车辆 are kept with the 国有资产 (step 7's record) but edited in step 8's
    上海模板的内容: a finding there opens that tab at its row and column, and marks step 8."""
    from forms.qt import QApplication

    path = tmp_path / "putuo.budget"
    storage.save(with_ids(SHANGHAI.sample()), path)
    assert window.open_path(path)
    window.editor.go_to("assets", 7, "fleet.planned")
    QApplication.processEvents()
    page = window.editor.page(8)
    assert window.editor.navigator.currentRow() == 7 and page.tabs.currentWidget() is page.shanghai
    grid = page.shanghai.fleet.grid
    assert page.shanghai.currentIndex() == 2
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (7, 2)


def test_step_5_says_what_a_template_without_target_forms_does_with_them(
        window: Any, sample: Any, tmp_path: Path) -> None:
    """Shanghai prints no 项目支出绩效目标表; its text counts the projects that have one."""
    path = tmp_path / "putuo.budget"
    storage.save(with_ids(SHANGHAI.sample()), path)
    assert window.open_path(path)
    page = window.editor.go(5)
    assert page.unprinted.isVisibleTo(page)
    assert "不印项目支出绩效目标表" in page.unprinted.text()
    assert "四、绩效目标设置情况" in page.unprinted.text()
    window.close_file()
    storage.save(sample, tmp_path / "jc.budget")
    assert window.open_path(tmp_path / "jc.budget")
    page = window.editor.go(5)
    assert not page.unprinted.isVisibleTo(page)  # Shanxi prints the forms: nothing to say
