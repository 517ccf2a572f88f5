"""What the notes store holds: documents (an article across its text versions) and notes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from .anchor import TextAnchor

# A note on an attributed statement, on any passage the user selected (a highlight of their own), or
# on the whole article.
NoteTarget = Literal["statement", "highlight", "article"]
NOTE_TARGETS: tuple[str, ...] = ("statement", "highlight", "article")

_TRAILING_SPACE = re.compile(r"[ \t\f\v]+\n")


def normalise(text: str) -> str:
    """The text as its identity sees it: the same article saved with other line endings, Unicode
    composition or trailing blanks is the same article."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _TRAILING_SPACE.sub("\n", text).strip()


def text_hash(text: str) -> str:
    """A stable document id: ``sha256:`` and the hex digest of the normalised text."""
    return "sha256:" + hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """An article in the store. ``key`` is local to the database; ``text_hash`` identifies the text
    version being read and is what exports call the document id."""

    key: int
    text_hash: str
    title: str | None
    source: str | None  # path or URL it was read from


@dataclass(frozen=True)
class Note:
    id: str
    target: NoteTarget
    anchor: TextAnchor
    body: str
    created_at: str  # ISO 8601, UTC
    updated_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "target": self.target,
            "body": self.body,
            "selector": [] if self.target == "article" else self.anchor.selectors(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
