"""Saving the PDF: the font files' tables read once, the streams compressed by a thread while the
rest goes on, the written file flushed to disk while it is read back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from queue import SimpleQueue
from threading import Condition, Thread
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFStream, PDFZCompress
from reportlab.pdfbase.pdfmetrics import getFont

from app.store.atomic import fsync_file
from reports.fonts import Fonts
from reports.subsetcache import SubsetCache


class Window:
    """A table of a font file, read where it is sliced (subsetting slices the glyf table glyph by
    glyph): copying the whole table (17 MB for the bundled 宋体, 4 MB for the 黑体) took 0.045 s."""

    def __init__(self, data: Any, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: slice) -> bytes:
        start, stop, step = index.indices(self._length)
        if step != 1:
            return bytes(self._data[self._start:self._start + self._length])[index]
        return bytes(self._data[self._start + start:self._start + stop])


@contextmanager
def tables_read_once(fonts: Fonts) -> Iterator[None]:
    """While the PDF is saved, each table of the two faces is read from the font file once, the
    glyf table where sliced (`Window`): reportlab's subsetting reads the whole glyf table again for
    every subset of 256 characters it writes, and uses a few hundred of its glyphs."""
    faces = {id(face): face for face in (getFont(fonts.song).face, getFont(fonts.hei).face)}
    for face in faces.values():
        read = face.get_table
        kept: dict[str, bytes | Window] = {}

        def once(tag: str, read: Callable[[str], bytes] = read, kept: dict[str, bytes | Window] = kept,
                 face: Any = face) -> bytes | Window:
            if tag not in kept:
                if tag == "glyf":
                    kept[tag] = Window(face._ttf_data, *face.get_table_pos(tag))
                else:
                    kept[tag] = read(tag)
            return kept[tag]

        face.get_table = once
    try:
        yield
    finally:
        for face in faces.values():
            face.__dict__.pop("get_table", None)


class PageStreams:
    """Streams compressed by a thread while the main thread goes on (zlib lets go of the
    interpreter while it works, so it runs on the other core): each page's content stream as soon
    as the page is shown, during the layout (0.013 s for the sample's 43 streams), and, during the
    save, the font subsets and their ToUnicode maps as soon as reportlab has made them (~0.025 s),
    while it formats the pages before them. The same bytes: the thread calls reportlab's own
    filter on the same content; a stream it was not given, or whose content is not the one it
    compressed, is compressed by reportlab as before; one it was given and has not done yet is
    waited for, not compressed twice."""

    def __init__(self) -> None:
        self._queue: SimpleQueue[str | bytes | None] = SimpleQueue()
        self._given: set[int] = set()  # id() of every content given to the thread
        self._done: dict[int, tuple[str | bytes, bytes | None]] = {}  # None: it failed
        self._ready = Condition()
        self._sent = 0
        self._thread: Thread | None = Thread(target=self._work, name="pdf-zlib", daemon=True)
        try:
            self._thread.start()
        except RuntimeError:  # no thread can start: reportlab compresses them all
            self._thread = None

    def _work(self) -> None:
        encode = PDFZCompress.encode
        while (content := self._queue.get()) is not None:
            compressed: bytes | None = None
            with suppress(Exception):  # reportlab compresses it again, and reports any fault
                compressed = encode(content)
            with self._ready:
                self._done[id(content)] = (content, compressed)
                self._ready.notify_all()

    def _give(self, content: str | bytes) -> None:
        if id(content) not in self._given:
            self._given.add(id(content))
            self._queue.put(content)

    def shown(self, pages: list[Any]) -> None:
        """Hand the pages shown since the last call to the thread."""
        if self._thread is None:
            return
        for page in pages[self._sent:]:
            stream = getattr(page, "stream", None)
            if type(stream) is str and getattr(page, "compression", False):
                self._give(stream)
        self._sent = len(pages)

    def _made(self, objects: Any) -> None:
        """Hand the thread every compressed stream of the document's objects not yet given (the
        font subsets reportlab has just made)."""
        for thing in list(objects):
            if type(thing) is PDFStream and thing.filters and PDFZCompress in thing.filters \
                    and type(thing.content) in (str, bytes):
                self._give(thing.content)

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _written(self, content: bytes) -> bytes | None:
        """The stream the thread made of content, once it has stopped (None if it did not)."""
        kept = self._done.get(id(content))
        return kept[1] if kept is not None and kept[0] is content else None

    def _compressed(self, content: Any) -> bytes | None:
        """The thread's bytes for content (waited for when it has it still to do), or None."""
        key = id(content)
        if key not in self._given:
            return None
        with self._ready:
            while key not in self._done and self._thread is not None and self._thread.is_alive():
                self._ready.wait(1.0)
            kept = self._done.get(key)
        return kept[1] if kept is not None and kept[0] is content else None

    def _known(self, content: bytes, compressed: bytes) -> None:
        """content's compressed stream known already (a kept subset): given as done."""
        with self._ready:
            self._given.add(id(content))
            self._done[id(content)] = (content, compressed)

    @contextmanager
    def used(self, pdf: Any = None, fonts: Fonts | None = None,
             kept: SubsetCache | None = None) -> Iterator[None]:
        """While the PDF is saved: reportlab's compression gives the thread's bytes; with the
        document being saved (reportlab's PDFDocument) and the fonts, the fonts' streams are given
        to the thread as each font's objects are made. With kept (the subsets kept from an earlier
        run), a subset kept is neither made nor compressed again: its bytes and stream are the
        kept ones; one made anew is told to it, with its stream once the save has written it."""
        original = PDFZCompress.encode

        def encode(text: Any) -> bytes:
            done = self._compressed(text)
            if done is not None:
                return done
            compressed: bytes = original(text)
            return compressed

        PDFZCompress.encode = encode
        made: list[tuple[Any, str]] = []  # (font or face, the method replaced on it)
        if pdf is not None and fonts is not None and (self._thread is not None or kept is not None):
            for font in {id(f): f for f in (getFont(fonts.song), getFont(fonts.hei))}.values():
                make, subset = font.addObjects, font.face.makeSubset

                def objects(doc: Any, make: Callable[[Any], None] = make) -> None:
                    make(doc)
                    if doc is pdf:  # the ToUnicode maps (the font files are given as made)
                        self._made(doc.idToObject.values())

                def subsetted(chars: Any, subset: Callable[[Any], bytes] = subset,
                              face: Any = font.face) -> bytes:
                    found = kept.get(face, chars) if kept is not None else None
                    if found is not None:
                        self._known(*found)
                        return found[0]
                    data = subset(chars)
                    if kept is not None:
                        kept.made(face, chars, data)
                    self._give(data)  # compressed while the next subset is made
                    return data

                font.addObjects, font.face.makeSubset = objects, subsetted
                made += [(font, "addObjects"), (font.face, "makeSubset")]
        try:
            yield
        finally:
            for owner, name in made:
                owner.__dict__.pop(name, None)
            self.stop()
            if kept is not None:
                kept.compressed(self._written)
            if vars(PDFZCompress).get("encode") is encode:
                del PDFZCompress.encode
            self._done.clear()
            self._given.clear()


@contextmanager
def synced_meanwhile(path: Path) -> Iterator[None]:
    """The written file flushed to disk by a thread while the block runs (the read-back waits for
    the second process): the fsync that puts it in place then finds nothing left to write."""
    def sync() -> None:
        with suppress(OSError):  # the fsync of `replacing` reports any fault
            fsync_file(path)

    thread = Thread(target=sync, name="pdf-fsync", daemon=True)
    try:
        thread.start()
    except RuntimeError:  # no thread can start: the fsync is done after, as before
        yield
        return
    try:
        yield
    finally:
        thread.join()
