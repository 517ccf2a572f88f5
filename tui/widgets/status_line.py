"""The line above the footer: where the reader is (``k/N``, speaker, cue, kind), the filter and
the search. One line of fixed height: a change repaints it without a layout pass."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatementInfo(NamedTuple):
    number: int  # 1-based position in the article
    total: int
    speaker: str
    cue: str
    kind: str
    stance: str = ""  # the statement's stances, "＋ no-fly zone; － Russia"


class StatusLine(Widget):
    statement: reactive[StatementInfo | None] = reactive(None)
    filter_name: reactive[str | None] = reactive(None)
    search: reactive[str | None] = reactive(None)  # "match 2/15", "no match"
    hint: reactive[str] = reactive("")  # what to do when nothing is current

    def render(self) -> Text:
        """The status as text (speaker names and cues are article text: never markup)."""
        parts: list[Text] = []
        if (info := self.statement) is not None:
            parts.append(
                Text.assemble(
                    (f"{info.number}/{info.total}", "bold"),
                    "  ",
                    (info.speaker, "bold"),
                    " · ",
                    (f"“{info.cue}”" if info.cue else "no cue", "italic"),
                    " · ",
                    info.kind,
                    *((" · ", info.stance) if info.stance else ()),
                )
            )
        elif self.hint:
            parts.append(Text(self.hint))
        if self.filter_name is not None:
            parts.append(Text.assemble("filter: ", (self.filter_name, "bold"), " (esc clears)"))
        if self.search is not None:
            parts.append(Text(self.search))
        line = Text("  │  ", no_wrap=True, overflow="ellipsis").join(parts)
        return line
