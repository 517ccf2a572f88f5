"""What the loader hands out: articles (exact text and metadata), entries still to load, limits, errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from annotators.model import Meta

Kind = Literal["text", "markdown", "html", "feed"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # far above any real article or news page (a long one is ~1 MB)
DEFAULT_TIMEOUT = 20.0  # seconds for a whole download
DEFAULT_MAX_REDIRECTS = 5


def collapsed(value: str | None) -> str | None:
    """A metadata field on one line, whitespace runs made one space; None when nothing is left."""
    text = " ".join((value or "").split())
    return text or None


class InputError(Exception):
    """An input that gives no article: the message is one line for the user, naming the input."""

    def __init__(self, location: str, reason: str) -> None:
        self.location = location
        self.reason = " ".join(reason.split())
        super().__init__(f"{location}: {self.reason}")


@dataclass(frozen=True)
class Limits:
    """How much the loader reads and how long it waits."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    max_redirects: int = DEFAULT_MAX_REDIRECTS


@dataclass(frozen=True)
class Payload:
    """Bytes already read from an input, with what their source said about them."""

    data: bytes
    charset: str | None = None  # declared by the HTTP header
    content_type: str | None = None  # the HTTP media type, lower case, without parameters
    url: str | None = None  # the URL after redirects


@dataclass(frozen=True)
class FeedItem:
    """One item of an RSS or Atom feed: what the feed says about it, and its content if it has any."""

    feed: str  # the feed's path or URL
    index: int  # position in the feed, from 0
    link: str | None
    content_html: str | None  # the item's full content (content:encoded, atom:content), else None
    summary_html: str | None
    meta: Meta  # title, author, date, outlet (the feed's title), url (the link)


@dataclass(frozen=True)
class Entry:
    """An article not loaded yet: a file, a URL, standard input or a feed item.

    ``load_entry`` turns it into an ``Article``; entries are small and picklable, so a batch can
    send them to other processes or machines.
    """

    location: str  # a path, a URL, "-" for standard input, or "FEED#N" for a feed item
    kind: Kind | None  # None: decided from the bytes once read
    title: str | None = None  # known before loading (a feed item's title)
    payload: Payload | None = None  # bytes already read (standard input, a URL fetched to sniff it)
    item: FeedItem | None = None
    base: str | None = None  # for a file found in a folder: that folder (outputs mirror the tree)


@dataclass(frozen=True)
class Article:
    """One article: its exact text (every annotation offset indexes this string) and metadata."""

    text: str
    meta: Meta  # title, author, date, outlet, url (canonical); the engine adds the dateline and body
    location: str  # where it came from: the path, URL, "-" or "FEED#N"
    kind: Kind
    name: str  # a short name for file names and as a title when there is none (the file stem, ...)
    source_url: str | None = None  # the URL it was fetched from (after redirects), when fetched
    feed: str | None = None  # the feed's path or URL, for a feed item

    @classmethod
    def from_text(cls, path: Path, text: str) -> Article:
        """A text file already read (tests, benchmarks): no metadata but what the engine finds."""
        return cls(text, Meta(), str(path), "text", path.stem)

    @property
    def is_file(self) -> bool:
        return self.location != "-" and "://" not in self.location and self.feed is None

    @property
    def label(self) -> str:
        """What to call the article when it has no title: the file name, the URL, "standard input"."""
        if self.location == "-":
            return "standard input"
        return Path(self.location).name if self.is_file else self.location

    @property
    def source(self) -> str | None:
        """How notes and exports name where the article is: a file's absolute path (the same wherever
        quotelens starts), the URL it was read from, or None for standard input."""
        if self.location == "-":
            return None
        if self.is_file:
            return str(Path(self.location).expanduser().resolve())
        return self.meta.url or self.source_url or self.location
