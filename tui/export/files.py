"""Writing an export: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class ExportExists(Exception):
    """The target exists and overwriting was not asked for."""


def default_export_name(name: str) -> str:
    """``<article name>.notes.md`` (the file's stem, the URL's last part): what ``e`` in the reader proposes."""
    return f"{name}.notes.md"


def write_atomically(path: Path, content: str, *, overwrite: bool) -> None:
    """Write ``content`` to a temporary file beside ``path`` and move it into place in one step, so
    ``path`` is never half-written. Without ``overwrite`` an existing ``path`` is left untouched
    (``ExportExists``), even when it appears between the check and the move."""
    if not overwrite and path.exists():
        raise ExportExists(str(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; an export is an ordinary file
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            _link_without_clobbering(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _link_without_clobbering(temporary: str, path: Path) -> None:
    try:
        os.link(temporary, path)  # fails if path exists: no window for a race to overwrite it
    except FileExistsError:
        raise ExportExists(str(path)) from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise ExportExists(str(path)) from None
        os.replace(temporary, path)
