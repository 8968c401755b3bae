"""帮助 → 使用说明 opens the Chinese guide with its screenshots, from the bundled resources."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.resources import resource_path
from tests.helpers.paths import ROOT

pytestmark = pytest.mark.gui


def test_the_guide_opens_from_the_help_menu_with_its_pictures(qapp: Any, qtbot: Any) -> None:
    from forms.main_window import MainWindow
    from forms.qt import QApplication, QTextDocument, QUrl

    window = MainWindow()
    qtbot.addWidget(window)
    window.guide_action.trigger()
    browser = window.guide.browser
    text = browser.toPlainText()
    for words in ("十个步骤", "审核与发布", "从预算系统导入", "备份与恢复", ".bak"):
        assert words in text
    pictures = browser.document().resource(QTextDocument.ResourceType.ImageResource,
                                           QUrl("screenshots/01-step.png"))
    assert pictures is not None and not pictures.isNull()
    window.guide.close()
    QApplication.processEvents()


def test_every_picture_the_guide_names_is_bundled_and_docs_shows_the_same_guide() -> None:
    import re

    guide = resource_path("help", "使用说明.md")
    names = re.findall(r"\]\((screenshots/[^)]+)\)", guide.read_text(encoding="utf-8"))
    assert len(names) == 12  # the start page, the ten steps, step 8 of a Shanghai file
    assert all((guide.parent / n).is_file() for n in names)
    assert (ROOT / "docs" / "使用说明.md").resolve() == guide.resolve()
