"""Each profile's step-8 declaration: real Texts fields, and Shanghai's labels name none of
Shanxi's sections."""

from __future__ import annotations

import re
from dataclasses import fields

from app.core.records import Texts
from app.profiles.registry import PROFILES, SHANGHAI, SHANXI

TEXT_FIELDS = {f.name for f in fields(Texts) if f.type == "str"}


def test_every_declared_input_is_a_text_of_the_file_once() -> None:
    for p in PROFILES:
        names = [i.field for i in p.inputs.inputs]
        assert names and len(names) == len(set(names)), p.id
        assert set(names) <= TEXT_FIELDS, (p.id, set(names) - TEXT_FIELDS)


def test_shanghai_declares_no_shanxi_section_and_neither_templates_nor_forms() -> None:
    words = [i.label for i in SHANGHAI.inputs.inputs] + [SHANGHAI.inputs.printed, SHANGHAI.inputs.note]
    assert not [w for w in words if re.search(r"第[一二三四五六七八九十]+(部分|节)|表\d", w)]
    assert not (SHANGHAI.inputs.templates or SHANGHAI.inputs.forms or SHANGHAI.inputs.charts)
    assert SHANXI.inputs.templates == "第三部分 文字模板" and SHANXI.inputs.forms and SHANXI.inputs.charts
