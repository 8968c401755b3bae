"""Where file dialogs open: the open file's folder, else the folder last used, else 文档 or home."""

from __future__ import annotations

from pathlib import Path

from forms.qt import QSettings

KEY = "last_folder"


def start_folder(current: Path | None = None) -> str:
    """The folder a file dialog should show first."""
    if current is not None and current.parent.is_dir():
        return str(current.parent)
    value = QSettings().value(KEY, "")
    if isinstance(value, str) and value and Path(value).is_dir():
        return value
    documents = Path.home() / "Documents"
    return str(documents if documents.is_dir() else Path.home())


def in_folder(name: str, current: Path | None = None) -> str:
    """A suggested file name placed in the start folder."""
    return str(Path(start_folder(current)) / name)


def remember(chosen: str) -> str:
    """Keep the folder of a path the user chose (a file or a folder) for the next dialog."""
    if chosen:
        path = Path(chosen)
        QSettings().setValue(KEY, str(path if path.is_dir() else path.parent))
    return chosen
