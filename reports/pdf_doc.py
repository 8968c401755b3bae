"""The PDF document frame: page templates, footers, the 草稿 watermark, anchors, the 目录's page
numbers (drawn as forms filled in at the end, so one pass suffices) and styles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import textsplit as _textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph
from reportlab.platypus import paragraph as _paragraph

from reports.fonts import Fonts

# 标点禁则: reportlab's CJK wrapping knows the Japanese marks that cannot start a line but not
# the Chinese full-width ones, so "，上年结转…" could open a line. Those listed here hang in the
# margin of the line before instead (one character, as Chinese typesetting does).
# Both wrapping paths read the list: textsplit's (plain paragraphs) and paragraph's own copy.
CHINESE_CANNOT_START = "，；：！？、。）》」』】〕％"
_CANNOT_START = "".join(dict.fromkeys(_textsplit.ALL_CANNOT_START + CHINESE_CANNOT_START))
_textsplit.ALL_CANNOT_START = _CANNOT_START
_paragraph.ALL_CANNOT_START = _CANNOT_START  # type: ignore[attr-defined]

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = float(20 * mm)
MARGIN_TOP = float(20 * mm)
MARGIN_BOTTOM = float(18 * mm)


def frame_width(size: tuple[float, float]) -> float:
    return float(size[0]) - 2 * MARGIN_X


def frame_height(size: tuple[float, float]) -> float:
    return float(size[1]) - MARGIN_TOP - MARGIN_BOTTOM


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of the document, on the chosen fonts."""

    fonts: Fonts

    def style(self, name: str, *, hei: bool = False, size: float = 12, leading: float | None = None,
              align: int = TA_JUSTIFY, indent: float = 0, before: float = 0, after: float = 0,
              cjk: bool = True) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=self.fonts.hei if hei else self.fonts.song, fontSize=size,
            leading=leading or size * 1.6, alignment=align, firstLineIndent=indent,
            spaceBefore=before, spaceAfter=after, wordWrap="CJK" if cjk else None,
            bulletFontName=self.fonts.song)

    @property
    def body(self) -> ParagraphStyle:
        return self.style("body", size=12, leading=21, indent=24, after=4)

    @property
    def part(self) -> ParagraphStyle:
        return self.style("part", hei=True, size=18, leading=26, align=TA_CENTER, after=14)

    @property
    def section(self) -> ParagraphStyle:
        return self.style("section", hei=True, size=14, leading=22, align=TA_LEFT, before=8, after=6)

    @property
    def subsection(self) -> ParagraphStyle:
        return self.style("subsection", hei=True, size=12.5, leading=20, align=TA_LEFT, before=4,
                          after=4, indent=24)


class Para(Paragraph):  # type: ignore[misc]
    """A reportlab Paragraph (the headings, titles, captions and notes) whose lines are broken once
    per width: a paragraph is wrapped again at the width it was just wrapped at by the frame,
    the keep-together of a heading with what follows and a form's title (118 of the sample's 274
    wraps, ~2.7 ms), and its lines depend on the width alone (the text and style are fixed)."""

    _wrapped: tuple[float, float, float] | None = None  # (availWidth, width, height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        done = self._wrapped
        # (a split that finds no room drops the lines: broken again then)
        if done is not None and done[0] == availWidth and "blPara" in self.__dict__:
            self.width, self.height = done[1], done[2]
            return done[1], done[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height


class Anchor(Flowable):  # type: ignore[misc]
    """An invisible mark: a link destination, an outline entry and the page of a 目录 line."""

    def __init__(self, key: str, title: str, level: int, outline: bool = True) -> None:
        super().__init__()
        self.key, self.title, self.level, self.outline = key, title, level, outline
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv: Canvas = self.canv
        canv.bookmarkHorizontal(self.key, 0, 0)
        if self.outline:
            canv.addOutlineEntry(self.title, self.key, self.level, closed=self.level >= 1)
        doc = getattr(canv, "_doctemplate", None)
        if isinstance(doc, DisclosureDoc):
            doc.anchor_pages[self.key] = doc.logical_page(canv.getPageNumber())


class TocLine(Flowable):  # type: ignore[misc]
    """One 目录 line: title, dot leader, page number (a form filled in after the build), a link."""

    NUMBER_ROOM = 30.0

    def __init__(self, key: str, text: str, level: int, font: str, size: float) -> None:
        super().__init__()
        self.key, self.text, self.level, self.font, self.size = key, text, level, font, size
        self.indent = 24.0 * level

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.size * 1.65
        return self.width, self.height

    def draw(self) -> None:
        canv: Canvas = self.canv
        y = self.size * 0.5
        canv.setFont(self.font, self.size)
        canv.drawString(self.indent, y, self.text)
        start = self.indent + stringWidth(self.text, self.font, self.size) + 4
        end = self.width - self.NUMBER_ROOM
        dot = stringWidth(".", self.font, self.size)
        if end > start:
            canv.drawString(start, y, "." * int((end - start) / dot))
        canv.saveState()
        canv.translate(self.width, y)
        canv.doForm(page_form(self.key))
        canv.restoreState()
        canv.linkRect("", self.key, (self.indent, 0, self.width, self.height), relative=1, thickness=0)


_marks: dict[tuple[str, int], Any] = {}


def watermark_image(fonts: Fonts) -> Any:
    """草稿 as a light grey picture: seen beneath the content, never part of its copied text."""
    key = (fonts.hei_path, fonts.hei_index)
    if key not in _marks:
        from PIL import Image, ImageDraw, ImageFont

        try:
            face: Any = ImageFont.truetype(fonts.hei_path, 300, index=fonts.hei_index)
        except OSError:
            face = ImageFont.load_default()
        box = face.getbbox("草稿")
        image = Image.new("RGBA", (box[2] - box[0] + 20, box[3] - box[1] + 20), (0, 0, 0, 0))
        ImageDraw.Draw(image).text((10 - box[0], 10 - box[1]), "草稿", font=face,
                                   fill=(128, 128, 128, 90))
        _marks[key] = image
    return _marks[key]


def page_form(key: str) -> str:
    return "toc_" + "".join(c if c.isalnum() else "_" for c in key)


Callback = Callable[[], None]


class DisclosureDoc(BaseDocTemplate):  # type: ignore[misc]
    """Front pages (title, 目录) without numbers; body pages numbered from 1; optional 草稿."""

    def __init__(self, target: Any, *, fonts: Fonts, draft: bool, title: str, author: str,
                 after_flowable: Callable[[], None] | None = None, **kw: Any) -> None:
        super().__init__(target, pagesize=PORTRAIT, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                         author=author, creator="预算公开编制助手", subject="部门预算公开",
                         initialFontName=fonts.song, **kw)
        self.fonts, self.draft = fonts, draft
        self.front_pages: int | None = None
        self.anchor_pages: dict[str, int] = {}
        self.toc_keys: list[str] = []
        self._after = after_flowable
        self.page_shown: Callable[[list[Any]], None] | None = None  # given the pages shown so far
        self.addPageTemplates([
            self.template("front", PORTRAIT, numbered=False),
            self.template("portrait", PORTRAIT, numbered=True),
            self.template("landscape", LANDSCAPE, numbered=True),
        ])

    def template(self, name: str, size: tuple[float, float], numbered: bool) -> PageTemplate:
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, frame_width(size), frame_height(size), id=name,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        def decorate(canv: Canvas, doc: DisclosureDoc) -> None:
            canv._doctemplate = doc
            canv.showOutline()  # the bookmarks panel open on opening
            canv._doc.Catalog.Lang = PDFString("zh-CN")  # the document language
            if numbered:
                if doc.front_pages is None:
                    doc.front_pages = canv.getPageNumber() - 1
                canv.setFont(doc.fonts.song, 10.5)
                canv.drawCentredString(size[0] / 2, MARGIN_BOTTOM / 2,
                                       f"— {doc.logical_page(canv.getPageNumber())} —")

        def watermark(canv: Canvas, doc: DisclosureDoc) -> None:
            if doc.draft:
                image = watermark_image(doc.fonts)
                width, height = 330.0, 330.0 * image.size[1] / image.size[0]
                canv.saveState()
                canv.translate(size[0] / 2, size[1] / 2)
                canv.rotate(35 if size[1] > size[0] else 25)
                canv.drawImage(ImageReader(image), -width / 2, -height / 2, width, height, mask="auto")
                canv.restoreState()

        def beneath(canv: Canvas, doc: DisclosureDoc) -> None:
            watermark(canv, doc)  # drawn first, so the content lies on top of it
            decorate(canv, doc)

        return PageTemplate(id=name, frames=[frame], onPage=beneath, pagesize=size)

    def logical_page(self, physical: int) -> int:
        return physical - (self.front_pages or 0)

    def handle_pageEnd(self) -> None:
        super().handle_pageEnd()
        if self.page_shown is not None:
            self.page_shown(self.canv._doc.Pages.pages)

    def afterFlowable(self, flowable: Flowable) -> None:
        if self._after is not None:
            self._after()

    def fill_toc(self) -> None:
        """Define the page-number forms the 目录 lines refer to (call after build, before save)."""
        canv: Canvas = self.canv
        for key in self.toc_keys:
            canv.beginForm(page_form(key), -60, -10, 10, 30)
            canv.setFont(self.fonts.song, 12)
            canv.drawRightString(0, 0, str(self.anchor_pages.get(key, "")))
            canv.endForm()
