"""The command-line process loads openpyxl without numpy: openpyxl imports numpy, if installed,
only to count numpy's number types as numbers (about a fifth of a second of CPU per process);
our cells hold str, int and Decimal only. numpy itself (the table import's solver) still loads
when a module imports it. PIL's Image module (with its EXIF and TIFF tag tables, ~0.02 s),
which reportlab imports whether or not a PDF has pictures, is run when first used (the draft's
watermark), not when imported. Installed by the program's own run (main() given no argv), not
in a caller's process."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.util import LazyLoader  # the standard library's: a module run on first use
from types import ModuleType
from typing import Any

NUMBERS = "openpyxl.compat.numbers"  # the one openpyxl module that imports numpy
LAZY = "PIL.Image"  # run on first use (reportlab's utilities import it for pictures)


class _Loader:
    """Runs openpyxl's number module with numpy hidden (an ImportError to it), then unhides it."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def create_module(self, spec: Any) -> ModuleType | None:
        made: ModuleType | None = self.inner.create_module(spec)
        return made

    def exec_module(self, module: ModuleType) -> None:
        hidden = "numpy" not in sys.modules
        if hidden:
            sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" fails
        try:
            self.inner.exec_module(module)
        finally:
            if hidden and sys.modules.get("numpy", False) is None:
                del sys.modules["numpy"]


class _Finder:
    """Finds openpyxl's number module by the other finders, and gives it the loader above; finds
    PIL's Image module and gives it the standard library's lazy loader (the module runs when an
    attribute is read)."""

    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        if name not in (NUMBERS, LAZY):
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(name, path, target)
            if spec is not None:
                if spec.loader is not None and name == NUMBERS:
                    spec.loader = _Loader(spec.loader)
                elif spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = LazyLoader(spec.loader)
                return spec
        return None


def install() -> None:
    """Load openpyxl without numpy from now on in this process (before openpyxl is loaded);
    not in the frozen program, whose own importer this is not tried with."""
    if getattr(sys, "frozen", False):
        return
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())  # type: ignore[arg-type]
