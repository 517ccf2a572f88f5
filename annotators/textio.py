"""Reading article files: decoded text exactly as offsets refer to it, or one clear error."""

from __future__ import annotations

from pathlib import Path


class UnreadableArticle(Exception):
    """The path does not hold an article we can annotate; the message is one line for the user."""


def read_article(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is dropped) with newlines kept as they are.

    Offsets in an ``Annotation`` are indices into exactly this string.
    """
    if not path.exists():
        raise UnreadableArticle(f"{path}: no such file")
    if path.is_dir():
        raise UnreadableArticle(f"{path}: is a directory, not a text file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableArticle(f"{path}: cannot read ({error.strerror or error})") from None
    if b"\x00" in data[:8192]:
        raise UnreadableArticle(f"{path}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableArticle(
            f"{path}: not valid UTF-8 (byte {error.start}); re-save it as UTF-8"
        ) from None
    # Offsets are into the text as Python reads it from disk with newline="" semantics: keep \r\n.
    if not text.strip():
        raise UnreadableArticle(f"{path}: the file is empty")
    return text
