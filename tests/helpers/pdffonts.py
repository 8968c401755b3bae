"""The fonts a PDF uses, as poppler's `pdffonts` lists them (name, type, whether embedded, subset,
with a ToUnicode map), read with pypdf so that no test needs a tool pip does not install: every
font of the pages' resources, of the form XObjects and annotation appearances they draw and of
Type3 glyph procedures, each font object once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")  # Type1, TrueType, CFF/OpenType programs
SUBSET = re.compile(r"^[A-Z]{6}\+")  # the tag of a subset font's name (ISO 32000 9.6.4)


@dataclass(frozen=True)
class Font:
    """One font object: its BaseFont, Subtype and pdffonts' emb, sub and uni columns."""

    name: str
    kind: str
    embedded: bool
    subset: bool
    unicode: bool


def embedded(font: DictionaryObject) -> bool:
    """Whether the font's program is in the file: a Type3 font's glyphs always are; a Type0
    font's program is its descendant CIDFont's; any other's is in its descriptor."""
    kind = str(font.get("/Subtype", ""))
    if kind == "/Type3":
        return True
    if kind == "/Type0":
        descendants = font.get("/DescendantFonts")
        if descendants is None:
            return False
        return all(embedded(d.get_object()) for d in descendants.get_object())
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor.get_object() for key in FONT_FILES)


def _key(ref: Any) -> tuple[int, int] | int:
    return (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(ref)


def _streams(appearance: Any) -> list[Any]:
    """The appearance streams of an annotation's /AP entry (each state of each kind)."""
    out = []
    for value in appearance.get_object().values():
        value = value.get_object()
        if isinstance(value, StreamObject):
            out.append(value)
        else:  # a dictionary of appearance states
            out += [state.get_object() for state in value.values()]
    return out


def pdf_fonts(path: Path) -> list[Font]:
    """Every font object the PDF's pages use, in the order first met."""
    reader = PdfReader(path)
    fonts: dict[tuple[int, int] | int, Font] = {}
    seen: set[tuple[int, int] | int] = set()

    def resources(ref: Any) -> None:
        if ref is None or _key(ref) in seen:
            return
        seen.add(_key(ref))
        res = ref.get_object()
        for font_ref in (res.get("/Font") or DictionaryObject()).get_object().values():
            if _key(font_ref) in fonts:
                continue
            font = font_ref.get_object()
            name = str(font.get("/BaseFont", ""))
            fonts[_key(font_ref)] = Font(name.lstrip("/"), str(font.get("/Subtype", "")).lstrip("/"),
                                         embedded(font), bool(SUBSET.match(name.lstrip("/"))),
                                         "/ToUnicode" in font)
            resources(font.get("/Resources"))  # a Type3 font's glyph procedures
        for xobject in (res.get("/XObject") or DictionaryObject()).get_object().values():
            form = xobject.get_object()
            if form.get("/Subtype") == "/Form":
                resources(form.get("/Resources"))

    for page in reader.pages:
        resources(page.get("/Resources"))
        for annotation in page.get("/Annots") or ArrayObject():
            appearance = annotation.get_object().get("/AP")
            if appearance is not None:
                for stream in _streams(appearance):
                    resources(stream.get("/Resources"))
    return list(fonts.values())
