"""A folder of small articles and a stand-in engine, for the library's tests."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from annotators.model import Actor, Annotation, Span, Statement
from tui.annotation_cache import AnnotationCache
from tui.app import QuotelensApp, preview
from tui.inputs import Limits, discover
from tui.library import Library
from tui.screens.library import LibraryScreen

ARTICLES = {
    # name: (text, statements, actors)
    "alpha.txt": ('Alpha talks\n\nAnna said "yes". Bob said "no". Anna said "maybe".\n', 3, 2),
    "bravo.md": ('Bravo report\n\nCarl said "fine".\n', 1, 1),
    "charlie.txt": ("Charlie notes\n\nNothing was said here.\n", 0, 0),
}
QUOTE = re.compile(r'"[^"]*"')
SPEAKER = re.compile(r"([A-Z][a-z]+) said")


class QuoteAnnotator:
    """A stand-in engine: a statement per quoted passage, an actor per name before 'said'; it
    counts its calls (it runs in the worker's thread, as any annotator but the engine does)."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[str] = []
        self.fail_on = fail_on

    def __call__(self, text: str) -> Annotation:
        self.calls.append(text)
        if self.fail_on and self.fail_on in text:
            raise ValueError("the engine gave up")
        statements = tuple(
            Statement(id=f"s{i}", kind="direct", content=(Span(*m.span()),))
            for i, m in enumerate(QUOTE.finditer(text))
        )
        names = sorted(set(SPEAKER.findall(text)))
        actors = tuple(Actor(id=name.lower(), name=name, kind="person") for name in names)
        return replace(preview(text), statements=statements, actors=actors)


def write_articles(directory: Path) -> Path:
    """``ARTICLES`` in ``directory``, with two files the library must leave out."""
    directory.mkdir()
    for name, (text, _, _) in ARTICLES.items():
        (directory / name).write_text(text, encoding="utf-8")
    (directory / "notes.pdf").write_bytes(b"%PDF not an article type")  # not an article type
    (directory / ".hidden.txt").write_text("hidden")
    return directory


def library_app(
    folder: Path, annotator, cache: AnnotationCache | None, name: str | None = None, limits: Limits = Limits()
) -> QuotelensApp:
    library = Library(name or str(folder), tuple(discover(str(folder), limits)), limits)
    return QuotelensApp(annotator=annotator, cache=cache, library=library)


async def settle_library(app: QuotelensApp, pilot, timeout: float = 30) -> LibraryScreen:
    library = app.library
    assert library is not None
    waited = 0.0
    while library.annotating and waited < timeout:
        await pilot.pause(0.02)
        waited += 0.02
    await pilot.pause()
    return library
