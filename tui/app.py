"""The Textual application (thin: it holds the article and pushes the reader screen)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static
from rich.text import Text


class QuotelensApp(App):
    TITLE = "quotelens"

    def __init__(self, path: Path, text: str) -> None:
        super().__init__()
        self.path = path
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(self.text))
        yield Footer()
