"""Bytes to text: a BOM first, then a declared charset, then UTF-8, then detection; newlines as ``\\n``.

The result is the exact string an annotation's offsets index.
"""

from __future__ import annotations

import codecs
import re

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do pages that declare them.
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                "ascii": "cp1252", "iso8859-1": "cp1252"}
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")


class NotText(Exception):
    """The bytes are not text in any encoding we can tell: binary data."""


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page or feed declares in its first bytes (``<meta charset>``, ``<?xml encoding>``)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes, *, charset: str | None = None, sniff_markup: bool = False) -> str:
    """Decode ``data``: BOM, else ``charset`` (an HTTP header), else the document's own declaration
    (when ``sniff_markup``), else UTF-8, else charset-normalizer's best guess. Raises ``NotText``."""
    if bom := bom_encoding(data):
        encoding, length = bom
        return normalise_newlines(_strict(data[length:], encoding))
    if b"\x00" in data[:8192]:
        raise NotText("binary data (NUL bytes)")
    candidates = [charset, declared_charset(data) if sniff_markup else None, "utf-8"]
    for label in candidates:
        if (codec := _codec(label)) is not None:
            try:
                return _checked(normalise_newlines(data.decode(codec)))
            except UnicodeDecodeError:
                continue
    return _checked(normalise_newlines(_detected(data)))


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise NotText(f"not valid {encoding.upper()} after its byte-order mark (byte {error.start})") from None


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotText("binary data, or text in an encoding that cannot be told")
    return str(best)


def _checked(text: str) -> str:
    """Text that is mostly control characters is binary data that happened to decode."""
    sample = text[:8192]
    if sample and len(_CONTROLS.findall(sample)) > 0.05 * len(sample):
        raise NotText("binary data (control characters)")
    return text


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and a lone ``\\r`` become ``\\n``."""
    return _NEWLINES.sub("\n", text) if "\r" in text else text
