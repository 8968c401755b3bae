"""What an import changes, counted on the Shanghai-only sheets (parts of 项目经费情况说明 included)."""

from __future__ import annotations

from dataclasses import replace

from app.core.records import Fleet, NotePart, ProjectNote
from app.edits.compare import changes
from app.profiles.registry import SHANGHAI


def test_a_changed_note_part_and_a_new_fleet_row_are_counted() -> None:
    before = SHANGHAI.sample()
    note = before.texts.project_notes[0]
    parts = (replace(note.parts[0], text="改写的概述"), *note.parts[1:], NotePart("备注", "新增"))
    after = replace(before, texts=replace(before.texts, project_notes=(
        ProjectNote(note.project, parts), *before.texts.project_notes[1:])),
        assets=replace(before.assets, fleet=(*before.assets.fleet, Fleet("观光车", 1, 0))))
    found = {c.sheet: (c.added, c.changed, c.removed) for c in changes(before, after)}
    assert found == {"项目经费情况说明": (1, 1, 0), "车辆（按类别）": (1, 0, 0)}
