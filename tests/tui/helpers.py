"""Building the reader app for tests, and reading what it drew."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.app import App

from annotators.model import Annotation
from tests.tui.seed_annotation import seed_annotation
from tui.app import QuotelensApp, preview


def seed_app(seed_path: Path, annotator=seed_annotation) -> QuotelensApp:
    return QuotelensApp(path=seed_path, text=seed_path.read_text(encoding="utf-8"), annotator=annotator)


def no_statements(text: str) -> Annotation:
    """An annotator that finds nothing (metadata and paragraphs only)."""
    return preview(text)


async def settle(app: QuotelensApp, pilot, timeout: float = 30) -> None:
    """Wait until the annotation is in (or failed) and the screen has caught up."""
    waited = 0.0
    while app.reader.annotating and waited < timeout:
        await pilot.pause(0.02)
        waited += 0.02
    await app.workers.wait_for_complete()
    await pilot.pause()


def styles_at(line: Text, start: int, end: int) -> list[Style]:
    """The combined style of each character in ``line[start:end]``."""
    return [line.get_style_at_offset(Console(), offset) for offset in range(start, end)]


def screen_text(app: App) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def rendered_text(renderable) -> str:
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()
