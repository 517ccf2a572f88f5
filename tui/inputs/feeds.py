"""RSS and Atom feeds with feedparser: one ``FeedItem`` per item, with its content when the feed
carries it (else the item is loaded from its link)."""

from __future__ import annotations

import re
import time

from annotators.model import Meta

from .model import FeedItem, InputError, collapsed

_FEED_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b", re.DOTALL | re.IGNORECASE,
)
FEED_MEDIA_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_START.match(data[:4096]))


def items(data: bytes, location: str, content_type: str | None = None) -> tuple[FeedItem, ...]:
    """The feed's items, in the feed's order; raises ``InputError`` for a feed without any.

    feedparser decodes the bytes itself, by XML's rules (BOM, ``encoding=``, the HTTP header); it is
    handed a stream, never a string, which it could take for a URL or a file name and open.
    """
    import io

    import feedparser

    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True,
                              resolve_relative_uris=True)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            raise InputError(location, "not a readable RSS or Atom feed")
        raise InputError(location, "the feed has no items")
    outlet = collapsed(parsed.feed.get("title"))
    return tuple(_item(location, index, entry, outlet) for index, entry in enumerate(parsed.entries))


def _item(location: str, index: int, entry, outlet: str | None) -> FeedItem:
    contents = [c.get("value", "") for c in entry.get("content", ()) if c.get("value", "").strip()]
    link = entry.get("link") or None
    return FeedItem(
        feed=location,
        index=index,
        link=link,
        content_html=max(contents, key=len) if contents else None,
        summary_html=entry.get("summary") or None,
        meta=Meta(
            title=collapsed(entry.get("title")),
            author=collapsed(entry.get("author")),
            date=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            outlet=outlet,
            url=link,
        ),
    )


def _date(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
