"""The top line: which article this is (title, byline, date, dateline, outlet) and what was found in it."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class ArticleHeader(Widget):
    title_text: reactive[str] = reactive("")
    byline: reactive[str] = reactive("")  # the author, as the page gives it
    details: reactive[str] = reactive("")  # date, dateline and outlet
    counts: reactive[str] = reactive("")  # "17 statements · 11 actors", or progress

    def render(self) -> Text:
        # Titles come from the article: plain Text, never markup.
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(self.title_text, style="bold")
        if self.byline:
            line.append(f"  by {self.byline}")
        if self.details:
            line.append(f"  {self.details}", style="italic")
        if self.counts:
            line.append(f"  ·  {self.counts}")
        return line
