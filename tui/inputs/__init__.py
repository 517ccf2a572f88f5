"""Articles in: files (text, Markdown, HTML), standard input, URLs, RSS and Atom feeds, folders.

Headless (no Textual, no Rich): the CLI, the batch, the reader and the library all read through it.

    entries = discover("news/")            # what a spec holds, without loading it all
    article = load_entry(entries[0])       # exact text + metadata, or InputError
    article = load_article("page.html")    # a spec that names one article
"""

from .decode import NotText, decode
from .fetch import is_url, user_agent
from .files import describe_size
from .loader import ARTICLE_SUFFIXES, STDIN, discover, load_article, load_entry
from .model import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    Article,
    Entry,
    FeedItem,
    InputError,
    Kind,
    Limits,
    Payload,
)

__all__ = [
    "ARTICLE_SUFFIXES", "DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "STDIN", "Article", "Entry", "FeedItem", "InputError", "Kind",
    "Limits", "NotText", "Payload", "decode", "describe_size", "discover", "is_url", "load_article",
    "load_entry", "user_agent",
]
