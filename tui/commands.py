"""Command palette providers: "Go to statement ..." and "Show actor ...", fuzzy over speakers and quotes.

Labels hold article text, so they are shown as ``Content`` built from plain strings (the stock
``Matcher.highlight`` parses its argument as markup, which article text must never be).
"""

from __future__ import annotations

import asyncio
from abc import abstractmethod
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.safe_text import one_line

if TYPE_CHECKING:
    from tui.screens.reader import ReaderScreen

YIELD_EVERY = 100  # candidates matched between two yields to the event loop


def highlight(label: str, offsets: Sequence[int], match_style: object) -> Content:
    """``label`` as literal content with the fuzzy-matched characters styled."""
    content = Content(label)
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
        fuzzy = self.matcher(query).fuzzy_search
        style = self.match_style or "reverse"
        for number, (label, command) in enumerate(self.choices()):
            if number % YIELD_EVERY == 0:
                await asyncio.sleep(0)  # a long article has thousands of statements: keep typing live
            score, offsets = fuzzy.match(query, label)
            if score > 0:
                yield Hit(score, highlight(label, offsets, style), command, text=label)

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
