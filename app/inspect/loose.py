"""Titles and figures compared loosely: no white space, one kind of brackets and quotes (a module
of its own, so that the PDF writer's read-back does not build the templates to use it)."""

from __future__ import annotations


def normal(text: str) -> str:
    """A title compared loosely: no spaces, one kind of brackets and quotes."""
    text = "".join(text.split())  # every white space (re's \s)
    for a, b in (("(", "（"), (")", "）"), ('"', "“"), ("”", "“"), ("〝", "“"), ("〞", "“")):
        text = text.replace(a, b)
    return text
