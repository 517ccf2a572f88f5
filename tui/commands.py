"""Command palette providers: "Go to statement ..." and "Show actor ...", fuzzy over speakers and quotes.

The providers serve any screen that offers what ``StatementNavigator`` names (the reader does); they
do not import the reader. Labels hold article text, so they are shown as ``Content`` built from plain
strings (the stock ``Matcher.highlight`` parses its argument as markup, which article text must never
be).
"""

from __future__ import annotations

import asyncio
from abc import abstractmethod
from collections.abc import Sequence
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from annotators.model import Annotation
from tui.safe_text import one_line

YIELD_EVERY = 100  # candidates matched between two yields to the event loop


def highlight(label: str, offsets: Sequence[int], match_style: object) -> Content:
    """``label`` as literal content with the fuzzy-matched characters styled."""
    content = Content(label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(match_style, offset, offset + 1)
    return content


@runtime_checkable
class StatementNavigator(Protocol):
    """What the providers need from the screen they serve."""

    annotation: Annotation

    def statement_summaries(self) -> list[str]:
        """One line per statement of ``annotation``: speaker and quote."""

    def go_to_statement(self, index: int) -> None: ...

    def show_actor(self, actor_id: str) -> None: ...


class _ReaderProvider(Provider):
    @property
    def reader(self) -> StatementNavigator | None:
        return self.screen if isinstance(self.screen, StatementNavigator) else None

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
