"""The change summary of an import: per sheet, added / changed / removed, identities ignored."""

from __future__ import annotations

from dataclasses import replace

from app.core.records import Budget, GlossaryEntry
from app.edits.compare import Change, changes, summary


def test_nothing_changes(sample: Budget) -> None:
    assert changes(sample, sample) == []
    assert "没有变化" in summary(sample, sample)


def test_records_added_changed_removed_per_sheet(sample: Budget) -> None:
    first, second = sample.projects[:2]
    renamed = replace(second, name="改名的项目")
    projects = tuple(renamed if p == second else p for p in sample.projects if p != first)
    glossary = (*sample.texts.glossary, GlossaryEntry("新名词", "解释"))
    after = replace(sample, projects=projects,
                    texts=replace(sample.texts, glossary=glossary, duties="新的职责"))
    assert changes(sample, after) == [
        Change("项目", changed=1, removed=1),
        Change("文字说明", changed=1),
        Change("名词解释", added=1),
    ]
    assert summary(sample, after).splitlines() == [
        "项目：修改 1，删除 1", "文字说明：修改 1", "名词解释：新增 1"]


def test_new_ids_alone_are_no_change(sample: Budget) -> None:
    after = replace(sample, projects=tuple(replace(p, id=f"x{i}") for i, p in enumerate(sample.projects)))
    assert changes(sample, after) == []


def test_indicators_and_the_department_form(sample: Budget) -> None:
    from app.core.records import DepartmentForm, Task

    form = sample.targets[0]
    fewer = replace(form, indicators=form.indicators[1:])
    after = replace(sample, targets=(fewer, *sample.targets[1:]),
                    department_form=DepartmentForm(tasks=(Task("职能", "任务"),)))
    found = {c.sheet: c for c in changes(sample, after)}
    assert found["绩效指标"] == Change("绩效指标", removed=1)
    assert found["重点任务"] == Change("重点任务", added=1)
    assert "部门整体绩效" in found
