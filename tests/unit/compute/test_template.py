"""The template grammar: its tree, escapes, nesting, conditions and faults named with their place."""

from __future__ import annotations

import pytest

from app.compute.template import Cond, Probe, Ref, Resolver, TemplateError, Text, parse, render

VALUES = {"甲": "1.00万元", "零": "0万元", "空": ""}


def resolver() -> Resolver:
    def value(ref: Ref, words: str) -> str | None:
        if ref.form == "比上年":
            return f"{words}增加1.00万元"
        return VALUES.get(ref.name)

    def there(name: str, form: str) -> bool:
        return name == "甲"

    return Resolver(value, there)


def test_tree_of_fields_forms_words_and_conditions() -> None:
    tree = parse("收入{甲}，{甲.比上年:比{年}年}[，{甲.原因}|无]{?甲|零}")
    assert tree == (
        Text("收入"), Ref("甲"), Text("，"),
        Ref("甲", "比上年", (Text("比"), Ref("年"), Text("年"))),
        Cond((Text("，"), Ref("甲", "原因")), (Text("无"),)),
        Probe(("甲", "零")),
    )


def test_a_dotted_name_is_a_name_unless_its_last_part_is_a_form() -> None:
    assert parse("{三公.公务用车运行维护费}") == (Ref("三公.公务用车运行维护费"),)
    assert parse("{三公.公务接待费.比上年额}") == (Ref("三公.公务接待费", "比上年额"),)


def test_escapes_print_literal_marks() -> None:
    assert render(parse("{{甲}} [[注]] a||b"), resolver()) == "{甲} [注] a|b"


def test_conditions_print_when_their_fields_are_there_and_nest() -> None:
    r = resolver()
    assert render(parse("[有{甲}]"), r) == "有1.00万元"
    assert render(parse("[有{零}]"), r) == ""
    assert render(parse("[有{零}|没有]"), r) == "没有"
    assert render(parse("[{甲}[，{零}]]"), r) == "1.00万元"  # a nested condition decides for itself
    assert render(parse("[{?零|甲}{零}]"), r) == "0万元"  # probes alone decide
    assert render(parse("{甲.比上年}/{甲.比上年:比2025年}"), r) == "比上年增加1.00万元/比2025年增加1.00万元"


def test_unknown_field_prints_as_written() -> None:
    assert render(parse("有{不存在}"), resolver()) == "有{不存在}"


@pytest.mark.parametrize("source, where", [
    ("收入{甲", "缺少“}”"), ("收入}", "多了“}”"), ("[收入", "缺少“]”"), ("{}", "缺少字段名"),
    ("{甲:比}", "只有“.比上年”"), ("a]b", "多了“]”"),
])
def test_faults_say_what_and_where(source: str, where: str) -> None:
    with pytest.raises(TemplateError, match=where) as info:
        parse(source)
    assert "第" in str(info.value) and "个字符处" in str(info.value)
