"""Command palette providers: "Go to statement ..." and "Show actor ...", fuzzy over speakers and quotes.

Labels hold article text, so they are shown as ``Content`` built from plain strings (the stock
``Matcher.highlight`` parses its argument as markup, which article text must never be).
"""

from __future__ import annotations

from abc import abstractmethod
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from tui.layout import one_line

if TYPE_CHECKING:
    from tui.screens.reader import ReaderScreen


def highlight(matcher: Matcher, label: str, match_style: object) -> Content:
    """``label`` as literal content with the fuzzy-matched characters styled."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(match_style, offset, offset + 1)
    return content


class _ReaderProvider(Provider):
    @property
    def reader(self) -> ReaderScreen | None:
        from tui.screens.reader import ReaderScreen

        return self.screen if isinstance(self.screen, ReaderScreen) else None

    @abstractmethod
    def choices(self) -> list[tuple[str, partial]]:
        """(label, command) pairs offered by this provider."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        style = self.match_style or "reverse"
        for label, command in self.choices():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlight(matcher, label, style), command, text=label)

    async def discover(self) -> Hits:
        for label, command in self.choices():
            yield DiscoveryHit(Content(label), command, text=label)


class StatementCommands(_ReaderProvider):
    """One command per statement: "Go to statement 3: Speaker — “quote …”"."""

    def choices(self) -> list[tuple[str, partial]]:
        reader = self.reader
        if reader is None:
            return []
        return [
            (f"Go to statement {index + 1}: {summary}", partial(reader.go_to_statement, index))
            for index, summary in enumerate(reader.statement_summaries())
        ]


class ActorCommands(_ReaderProvider):
    """One command per actor: "Show actor NAME" filters the reader to that actor."""

    def choices(self) -> list[tuple[str, partial]]:
        reader = self.reader
        if reader is None:
            return []
        return [
            (f"Show actor {one_line(actor.name)}", partial(reader.show_actor, actor.id))
            for actor in reader.annotation.actors
        ]
