"""Step 10's preview: pages rendered as they come into view, the kept layout shown again at once
until the next edit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.core.records import Budget

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: Callable[..., Any]) -> Iterator[Any]:
    main = make_window(size=(1200, 800))
    yield main


def test_preview_renders_pages_when_scrolled_to_and_keeps_its_layout(
        window: Any, qtbot: Any, tmp_path: Path, sample: Budget) -> None:
    from forms.steps.publish import PublishStep

    assert window.create_file(sample, tmp_path / "s.budget")
    page = window.editor.go(10)
    assert isinstance(page, PublishStep)
    qtbot.waitUntil(lambda: window.session.known_summary is not None, timeout=60_000)  # the checks
    with qtbot.waitSignal(page.previewed, timeout=60_000) as shown:
        assert page.preview() is not None
    qtbot.waitUntil(lambda: page.job is None)
    count = shown.args[0]
    assert count > 20 and len(page.labels) == count
    first = page.rendered_pages()
    assert 0 in first and len(first) < count // 2  # only what is in view, not the whole document
    assert not page.labels[0].pixmap().isNull() and page.labels[-1].pixmap().isNull()
    page.show_page(count - 1)
    assert page.shown is not None and page.shown.rendered(count - 1)
    image = page.shown.image(count - 1)
    assert image.width() > 500 and not image.isNull()
    # nothing edited: asking again shows the kept layout without writing a new PDF
    kept = page.shown
    with qtbot.waitSignal(page.previewed, timeout=1_000):
        assert page.preview() is None
    assert page.shown is kept
    # an edit: a new layout
    dept = window.session.budget.department
    renamed = replace(dept, name=dept.name + "办")
    window.session.apply("test", replace(window.session.budget, department=renamed))
    qtbot.waitUntil(lambda: window.session.known_summary is not None, timeout=60_000)
    with qtbot.waitSignal(page.previewed, timeout=60_000):
        assert page.preview() is not None
    qtbot.waitUntil(lambda: page.job is None)
    # the new layout is drawn where the user was looking (the last page, shown above)
    assert page.shown is not kept and page.rendered_pages()
