"""Reading bytes from a file or standard input: regular files only, never more than the size cap."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .model import InputError

_CHUNK = 1 << 16


def describe_size(size: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def over_cap(location: str, max_bytes: int) -> InputError:
    return InputError(location, f"larger than the size cap of {describe_size(max_bytes)} (change it with --max-size)")


def _oserror(location: str, error: OSError) -> InputError:
    return InputError(location, f"cannot read ({error.strerror or error})")


def file_kind(path: Path) -> str:
    """"file", "dir", or what else the path is; raises ``InputError`` when it cannot be looked at."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(str(path), "no such file or folder") from None
    except OSError as error:
        raise _oserror(str(path), error) from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``.

    A named pipe, a device (``/dev/zero``) or a socket is refused before it is opened: opening a pipe
    blocks, and a device never ends. The file is opened without blocking and checked again once open,
    in case it was swapped for something else in between.
    """
    location = str(path)
    kind = file_kind(path)
    if kind == "dir":
        raise InputError(location, "is a folder")
    if kind != "file":
        raise InputError(location, f"is {kind}, not a regular file")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise _oserror(location, error) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise InputError(location, "is not a regular file")
        return read_capped(handle, location, max_bytes)


def read_capped(handle: BinaryIO, location: str, max_bytes: int) -> bytes:
    """Read to the end, or fail once more than ``max_bytes`` have come (without reading the rest)."""
    chunks, size = [], 0
    try:
        while chunk := handle.read(min(_CHUNK, max_bytes + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise over_cap(location, max_bytes)
    except OSError as error:
        raise _oserror(location, error) from None
    return b"".join(chunks)
