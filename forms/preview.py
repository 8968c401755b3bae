"""PDF pages as images, rendered with pypdfium2 (QtPdf is not in PySide6-Essentials)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from forms.qt import QImage

FORMATS = {"RGB": QImage.Format.Format_RGB888, "RGBA": QImage.Format.Format_RGBA8888,
           "RGBX": QImage.Format.Format_RGBX8888}


def page_count(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def render_pages(path: Path, scale: float = 1.0, limit: int | None = None) -> list[QImage]:
    """The pages of the PDF at path as images (scale 1 = 72 dpi); safe off the GUI thread."""
    document = pdfium.PdfDocument(str(path))
    images: list[QImage] = []
    try:
        count = len(document) if limit is None else min(limit, len(document))
        for number in range(count):
            page = document[number]
            bitmap = page.render(scale=scale, rev_byteorder=True)
            fmt = FORMATS.get(bitmap.mode, QImage.Format.Format_RGB888)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt)
            images.append(image.copy())  # own the pixels before the bitmap is freed
            bitmap.close()
            page.close()
    finally:
        document.close()
    return images
