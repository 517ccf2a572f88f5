"""Markdown to plain paragraphs with markdown-it-py: no markup character reaches the engine.

Headings stay lines of their own (the first one is the title), every list item, block quote
paragraph and table row becomes a paragraph, emphasis and link marks go, their words stay.
A YAML front matter block (``---`` lines) gives title, author, date, outlet and URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotators.model import Meta

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_FRONT_MATTER_KEYS = {
    "title": "title", "author": "author", "byline": "author", "date": "date", "published": "date",
    "url": "url", "source": "url", "canonical_url": "url", "outlet": "outlet", "site": "outlet",
    "publisher": "outlet",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Parsed:
    text: str
    meta: Meta


def parse(source: str) -> Parsed:
    fields, body = front_matter(source)
    paragraphs, title = _blocks(body)
    meta = Meta(
        title=fields.get("title") or title,
        author=fields.get("author"),
        date=_iso_date(fields.get("date")),
        outlet=fields.get("outlet"),
        url=fields.get("url") if (fields.get("url") or "").startswith(("http://", "https://")) else None,
    )
    return Parsed("\n\n".join(paragraphs), meta)


def front_matter(source: str) -> tuple[dict[str, str], str]:
    """The known ``key: value`` fields of a leading front matter block, and the text after it."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source
    fields: dict[str, str] = {}
    for key, value in _FIELD.findall(match.group(1)):
        name = _FRONT_MATTER_KEYS.get(key.lower())
        value = value.strip().strip("\"'").strip()
        if name and value and name not in fields:
            fields[name] = value
    return fields, source[match.end():]


def _iso_date(value: str | None) -> str | None:
    match = _ISO_DATE.match(value or "")
    return match.group() if match else None


def _blocks(source: str) -> tuple[list[str], str | None]:
    """The document's paragraphs in order, and its first heading."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    paragraphs: list[str] = []
    title: str | None = None
    row: list[str] | None = None
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            if cells := [cell for cell in row if cell]:
                paragraphs.append("; ".join(cells))
            row = None
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if row is not None:
                row.append(text)
            elif text.strip():
                paragraphs.append(text.strip())
                if title is None and tokens[index - 1].type == "heading_open":
                    title = " ".join(text.split())
        elif token.type in ("fence", "code_block") and token.content.strip():
            paragraphs.append(token.content.strip("\n"))
    return paragraphs, title


def _inline_text(children: list) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []))
    return "".join(parts)
