"""文字模板: a recursive-descent parser of the template grammar (docs/文字模板.md) and its renderer.

A template parses into a tree of Text, Ref (a field, maybe a derived form and its words),
Probe (`{?A|B}`, prints nothing) and Cond (`[…|…]`). Rendering asks a resolver for each
field; nothing is ever formatted with str.format over rendered strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from app.core.errors import UserError

# the derived forms of a compared figure, in the order the docs list them
CHANGE_FORMS = ("比上年", "比上年额")
FORMS = (*CHANGE_FORMS, "上年", "增减额", "增减率", "原因")
SPECIAL = "{}[]|"


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Ref:
    """A field: its name, a derived form ("" for the value itself), the words of a change form."""

    name: str
    form: str = ""
    words: tuple[Node, ...] | None = None

    @property
    def full(self) -> str:
        return f"{self.name}.{self.form}" if self.form else self.name


@dataclass(frozen=True)
class Probe:
    """`{?A|B}`: prints nothing; there when any of its fields is."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Cond:
    """`[body|other]`: body when every field directly inside it is there, else other."""

    body: tuple[Node, ...]
    other: tuple[Node, ...] = ()


Node = Text | Ref | Probe | Cond


class TemplateError(UserError):
    """A template that does not follow the grammar; the message says where."""


class Parser:
    """The grammar's one-character-lookahead parser; `parse` is the entry point."""

    def __init__(self, source: str) -> None:
        self.s = source
        self.i = 0

    def fail(self, what: str) -> TemplateError:
        before = self.s[max(0, self.i - 12):self.i]
        return TemplateError(f"文字模板第{self.i + 1}个字符处{what}（“…{before}”之后）")

    def peek(self, n: int = 0) -> str:
        return self.s[self.i + n] if self.i + n < len(self.s) else ""

    def items(self, stops: str) -> tuple[Node, ...]:
        """item* up to (not including) one of the stop characters or the end."""
        nodes: list[Node] = []
        text: list[str] = []

        def flush() -> None:
            if text:
                nodes.append(Text("".join(text)))
                text.clear()

        while self.i < len(self.s):
            c = self.peek()
            if c in stops:  # a closing character closes first: [a[b]] and {X:{Y}} nest
                break
            if c in SPECIAL and self.peek(1) == c:
                text.append(c)  # {{ }} [[ ]] || print one literal character
                self.i += 2
            elif c == "{":
                flush()
                nodes.append(self.field())
            elif c == "[":
                flush()
                nodes.append(self.condition())
            elif c in "}]|":
                raise self.fail(f"多了“{c}”（要印出它请写两个：{c}{c}）")
            else:
                text.append(c)
                self.i += 1
        flush()
        return tuple(nodes)

    def name(self) -> str:
        start = self.i
        while self.i < len(self.s) and self.peek() not in SPECIAL + ":?\n":
            self.i += 1
        found = self.s[start:self.i].strip()
        if not found:
            raise self.fail("缺少字段名")
        return found

    def field(self) -> Node:
        self.i += 1  # {
        if self.peek() == "?":
            self.i += 1
            names = [self.name()]
            while self.peek() == "|":
                self.i += 1
                names.append(self.name())
            self.expect("}")
            return Probe(tuple(names))
        full = self.name()
        head, _, last = full.rpartition(".")
        name, form = (head, last) if head and last in FORMS else (full, "")
        words: tuple[Node, ...] | None = None
        if self.peek() == ":":
            if form not in CHANGE_FORMS:
                raise self.fail(f"只有“.比上年”“.比上年额”可以用“:”给出比较的用语（字段 {full}）")
            self.i += 1
            words = self.items("}")
        self.expect("}")
        return Ref(name, form, words)

    def condition(self) -> Cond:
        self.i += 1  # [
        body = self.items("|]")
        other: tuple[Node, ...] = ()
        if self.peek() == "|":
            self.i += 1
            other = self.items("]")
        self.expect("]")
        return Cond(body, other)

    def expect(self, c: str) -> None:
        if self.peek() != c:
            raise self.fail(f"缺少“{c}”")
        self.i += 1

    def parse(self) -> tuple[Node, ...]:
        nodes = self.items("")
        if self.i != len(self.s):  # pragma: no cover - items("") reads to the end
            raise self.fail("无法识别")
        return nodes


@lru_cache(maxsize=256)
def parse(source: str) -> tuple[Node, ...]:
    """The tree of a template; TemplateError when it does not follow the grammar. Kept per text
    (the tree is immutable): the checks parse every template of the file on each run, after
    every edit, and the window and the PDF again (issue 21)."""
    return Parser(source).parse()


def refs(nodes: tuple[Node, ...]) -> Iterator[Ref | Probe]:
    """Every field reference in the tree, in order (inside conditions and words too)."""
    for node in nodes:
        if isinstance(node, Ref | Probe):
            yield node
            if isinstance(node, Ref) and node.words:
                yield from refs(node.words)
        elif isinstance(node, Cond):
            yield from refs(node.body)
            yield from refs(node.other)


def texts(nodes: tuple[Node, ...]) -> Iterator[str]:
    """Every literal text in the tree (for finding figures typed by hand)."""
    for node in nodes:
        if isinstance(node, Text):
            yield node.text
        elif isinstance(node, Ref) and node.words:
            yield from texts(node.words)
        elif isinstance(node, Cond):
            yield from texts(node.body)
            yield from texts(node.other)


@dataclass(frozen=True)
class Resolver:
    """How a renderer gets fields: value(ref, words) → text or None (unknown); there(name, form)."""

    value: Callable[[Ref, str], str | None]
    there: Callable[[str, str], bool]


def render(nodes: tuple[Node, ...], resolver: Resolver) -> str:
    """The text of a tree; an unknown field prints as written ({名称}) and is a check's 错误."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Ref):
            words = render(node.words, resolver) if node.words is not None else "比上年"
            found = resolver.value(node, words)
            out.append("{" + node.full + "}" if found is None else found)
        elif isinstance(node, Cond):
            chosen = node.body if holds(node.body, resolver) else node.other
            out.append(render(chosen, resolver))
    return "".join(out)


def holds(nodes: tuple[Node, ...], resolver: Resolver) -> bool:
    """Whether a condition's body prints: its `{?…}` decide when it has any, else every field
    directly inside it (not in nested conditions) must be there."""
    probes = [n for n in nodes if isinstance(n, Probe)]
    if probes:
        return all(any(resolver.there(*split_form(name)) for name in p.names) for p in probes)
    return all(resolver.there(n.name, n.form) for n in nodes if isinstance(n, Ref))


def split_form(full: str) -> tuple[str, str]:
    """("三公", "上年") for "三公.上年"; (full, "") when the last part is not a form."""
    head, _, last = full.rpartition(".")
    return (head, last) if head and last in FORMS else (full, "")
