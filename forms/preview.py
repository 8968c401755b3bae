"""PDF pages as images, rendered with pypdfium2 (QtPdf is not in PySide6-Essentials): a written
PDF kept in memory and its pages rendered one at a time, when they are asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forms.qt import QImage

FORMATS = {"RGB": QImage.Format.Format_RGB888, "RGBA": QImage.Format.Format_RGBA8888,
           "RGBX": QImage.Format.Format_RGBX8888}


def _pdfium() -> Any:
    """pypdfium2, imported on the first preview rather than at start-up."""
    import pypdfium2

    return pypdfium2


def page_count(path: Path) -> int:
    document = _pdfium().PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def _image(page: Any, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True)
    try:
        fmt = FORMATS.get(bitmap.mode, QImage.Format.Format_RGB888)
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt)
        return image.copy()  # own the pixels before the bitmap is freed
    finally:
        bitmap.close()


def render_pages(path: Path, scale: float = 1.0, limit: int | None = None) -> list[QImage]:
    """The pages of the PDF at path as images (scale 1 = 72 dpi); safe off the GUI thread."""
    document = _pdfium().PdfDocument(str(path))
    images: list[QImage] = []
    try:
        count = len(document) if limit is None else min(limit, len(document))
        for number in range(count):
            page = document[number]
            images.append(_image(page, scale))
            page.close()
    finally:
        document.close()
    return images


class PreviewPages:
    """A written PDF kept in memory: its page sizes at once, each page's image when first asked for.

    Use from one thread at a time (the GUI thread): pdfium is not safe for concurrent use."""

    def __init__(self, data: bytes, scale: float = 1.0) -> None:
        self.data = data  # pdfium reads from this buffer: it lives as long as the document
        self.scale = scale
        self._document = _pdfium().PdfDocument(data)
        self.sizes: list[tuple[int, int]] = []
        for number in range(len(self._document)):
            width, height = self._document.get_page_size(number)
            self.sizes.append((round(width * scale), round(height * scale)))
        self._images: dict[int, QImage] = {}

    def __len__(self) -> int:
        return len(self.sizes)

    def rendered(self, number: int) -> bool:
        return number in self._images

    def image(self, number: int) -> QImage:
        """Page number (from 0) as an image, rendered on first use and kept."""
        if number not in self._images:
            page = self._document[number]
            try:
                self._images[number] = _image(page, self.scale)
            finally:
                page.close()
        return self._images[number]

    def close(self) -> None:
        self._images.clear()
        self._document.close()
