"""From what the user typed (a path, ``-``, a URL, a feed, a folder) to articles.

``discover`` says which articles a spec holds (reading only what it must: a folder's listing, a
feed, the one page of a URL); ``load_entry`` loads one of them. Errors are ``InputError`` lines.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from annotators.model import Meta

from . import feeds
from .decode import NotText, decode
from .fetch import fetch, is_url
from .files import file_kind, read_capped, read_file
from .html import extract, fragment_text
from .markdown import parse as parse_markdown
from .model import Article, Entry, FeedItem, InputError, Kind, Limits, Payload

STDIN = "-"
ARTICLE_SUFFIXES: dict[str, Kind] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p)\b",
    re.DOTALL | re.IGNORECASE,
)
_TEXT_MEDIA_TYPES = {"application/xhtml+xml", "application/xml", *feeds.FEED_MEDIA_TYPES}


def discover(spec: str, limits: Limits = Limits(), stdin: BinaryIO | None = None) -> list[Entry]:
    """The articles ``spec`` holds: one for a file, a page or standard input, a folder's article files
    (recursively, hidden ones left out), a feed's items. Raises ``InputError``."""
    if spec == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _from_payload(STDIN, Payload(read_capped(stream, "standard input", limits.max_bytes)))
    if is_url(spec):
        return _from_payload(spec, fetch(spec, limits))
    path = Path(spec)
    kind = file_kind(path)
    if kind == "dir":
        return _folder(path)
    if kind != "file":
        raise InputError(spec, f"is {kind}, not a regular file")
    if suffix_kind := ARTICLE_SUFFIXES.get(path.suffix.lower()):
        return [Entry(spec, suffix_kind)]
    return _from_payload(spec, Payload(read_file(path, limits.max_bytes)))  # a feed, or sniffed


def load_entry(entry: Entry, limits: Limits = Limits()) -> Article:
    """Load one article found by ``discover``. Raises ``InputError``."""
    if entry.item is not None:
        return _feed_item(entry, entry.item, limits)
    payload = entry.payload or Payload(read_file(Path(entry.location), limits.max_bytes))
    kind = entry.kind or sniff_kind(payload, entry.location)
    return _article(entry.location, kind, payload, _name(entry.location))


def load_article(spec: str, limits: Limits = Limits(), stdin: BinaryIO | None = None) -> Article:
    """The one article ``spec`` names; a folder or a feed with several is an ``InputError``."""
    entries = discover(spec, limits, stdin)
    if len(entries) > 1:
        what = "items" if entries[0].item is not None else "articles"
        raise InputError(spec, f"holds {len(entries)} {what}: give one of them, or annotate them all")
    return load_entry(entries[0], limits)


# --- what a spec holds ---------------------------------------------------------------------------


def _folder(folder: Path) -> list[Entry]:
    def fail(error: OSError) -> None:
        raise InputError(str(error.filename or folder), f"cannot read the folder ({error.strerror or error})")

    entries = []
    for directory, subfolders, names in os.walk(folder, onerror=fail):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            kind = ARTICLE_SUFFIXES.get(os.path.splitext(name)[1].lower())
            if kind and not name.startswith("."):
                entries.append(Entry(os.path.join(directory, name), kind, base=str(folder)))
    if not entries:
        suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise InputError(str(folder), f"no articles in this folder (no {suffixes} files)")
    return entries


def _from_payload(location: str, payload: Payload) -> list[Entry]:
    if payload.content_type in feeds.FEED_MEDIA_TYPES or feeds.looks_like_feed(payload.data):
        content_type = payload.content_type and (
            payload.content_type + (f"; charset={payload.charset}" if payload.charset else ""))
        return [
            Entry(f"{location}#{item.index + 1}", "feed", title=item.meta.title, item=item)
            for item in feeds.items(payload.data, location, content_type)
        ]
    return [Entry(location, sniff_kind(payload, location), payload=payload)]


def sniff_kind(payload: Payload, location: str) -> Kind:
    """HTML or text, from the media type the server gave, the name, or the first bytes."""
    media = payload.content_type
    if media and not (media.startswith("text/") or media in _TEXT_MEDIA_TYPES):
        raise InputError(location, f"not a web page or text ({media})")
    if media in ("text/html", "application/xhtml+xml") or _HTML_START.match(payload.data[:4096]):
        return "html"
    if media == "text/markdown" or ARTICLE_SUFFIXES.get(os.path.splitext(_path_of(location))[1].lower()) == "markdown":
        return "markdown"
    return "text"


# --- one article ---------------------------------------------------------------------------------


def _article(location: str, kind: Kind, payload: Payload, name: str) -> Article:
    try:
        text = decode(payload.data, charset=payload.charset, sniff_markup=kind == "html")
    except NotText as error:
        raise InputError(location, f"not text: {error}") from None
    meta = Meta()
    if kind == "html":
        extracted = extract(text, payload.url)
        if extracted is None:
            raise InputError(location, "no article text found on the page")
        text, meta = extracted.text, extracted.meta
    elif kind == "markdown":
        parsed = parse_markdown(text)
        text, meta = parsed.text, parsed.meta
    if not text.strip():
        raise InputError(location, "empty (no text to annotate)")
    return Article(text, meta, location, kind, name, source_url=payload.url)


def _feed_item(entry: Entry, item: FeedItem, limits: Limits) -> Article:
    name = _name(item.link) if item.link else f"{_name(item.feed)}-{item.index + 1}"
    if item.content_html and (body := fragment_text(item.content_html)):
        return _with_title(Article(body, item.meta, entry.location, "feed", name, feed=item.feed))
    if item.link and is_url(item.link):
        page = _article(entry.location, "html", fetch(item.link, limits), name)
        meta = _fill(page.meta, item.meta)
        return Article(page.text, meta, entry.location, "feed", name, source_url=page.source_url, feed=item.feed)
    if item.summary_html and (body := fragment_text(item.summary_html)):
        return _with_title(Article(body, item.meta, entry.location, "feed", name, feed=item.feed))
    raise InputError(entry.location, "the feed item has no text and no link to it")


def _with_title(article: Article) -> Article:
    """The title as the first line, as a page's extracted text has it."""
    title = article.meta.title
    if not title or article.text.startswith(title):
        return article
    return Article(f"{title}\n\n{article.text}", article.meta, article.location, article.kind, article.name,
                   article.source_url, article.feed)


def _fill(meta: Meta, fallback: Meta) -> Meta:
    """``meta`` with its missing fields taken from ``fallback``."""
    fields = ("title", "author", "date", "outlet", "url")
    return Meta(**{field: getattr(meta, field) or getattr(fallback, field) for field in fields})


# --- names ---------------------------------------------------------------------------------------


def _path_of(location: str) -> str:
    return unquote(urlsplit(location).path) if is_url(location) else location


def _name(location: str) -> str:
    """A short name: the file's stem, the last part of a URL's path (or its host), ``stdin``."""
    if location == STDIN:
        return "stdin"
    if is_url(location):
        parts = urlsplit(location)
        last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
        return os.path.splitext(last)[0] or parts.hostname or "page"
    return Path(location).stem
