"""The line above the footer: where the reader is (``k/N``, speaker, cue, kind), the filter and
the search. One line of fixed height: a change repaints it without a layout pass.

On a narrow terminal it says less rather than cutting words: first the stance and the long hint
go, then the "(esc clears)" hint as a whole, then names are shortened, then cue and kind go.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

SEPARATOR = "  │  "


class StatementInfo(NamedTuple):
    number: int  # 1-based position in the article
    total: int
    speaker: str
    cue: str
    kind: str
    stance: str = ""  # the statement's stances, "＋ no-fly zone; － Russia"


class Hint(NamedTuple):
    """What to do when nothing is current, said at length and in short."""

    long: str
    short: str


class Detail(NamedTuple):
    """How much the line says."""

    stance: bool
    cue_and_kind: bool
    esc_hint: bool
    long_hint: bool
    name_limit: int | None  # names longer than this are shortened with "…"


DETAILS = (
    Detail(stance=True, cue_and_kind=True, esc_hint=True, long_hint=True, name_limit=None),
    Detail(stance=False, cue_and_kind=True, esc_hint=True, long_hint=False, name_limit=None),
    Detail(stance=False, cue_and_kind=True, esc_hint=False, long_hint=False, name_limit=24),
    Detail(stance=False, cue_and_kind=True, esc_hint=False, long_hint=False, name_limit=12),
    Detail(stance=False, cue_and_kind=False, esc_hint=False, long_hint=False, name_limit=12),
)


def shortened(name: str, limit: int | None) -> str:
    return name if limit is None or len(name) <= limit else name[: limit - 1].rstrip() + "…"


class StatusLine(Widget):
    statement: reactive[StatementInfo | None] = reactive(None)
    filter_name: reactive[str | None] = reactive(None)
    search: reactive[str | None] = reactive(None)  # "match 2/15", "no match"
    hint: reactive[Hint | None] = reactive(None)  # what to do when nothing is current
    models: reactive[str | None] = reactive(None)  # whose statements are shown, the better still to come

    def render(self) -> Text:
        return self.fitted(self.content_size.width)

    def fitted(self, width: int) -> Text:
        """The most ``width`` holds (speaker names and cues are article text: never markup)."""
        for detail in DETAILS:
            line = self.line(detail)
            if cell_len(line.plain) <= width:
                return line
        line.truncate(width, overflow="ellipsis")  # narrower than any terminal quotelens is read on
        return line

    def line(self, detail: Detail) -> Text:
        parts: list[Text] = []
        limit = detail.name_limit
        if (info := self.statement) is not None:
            cue = (f"“{shortened(info.cue, limit)}”" if info.cue else "no cue", "italic")
            parts.append(
                Text.assemble(
                    (f"{info.number}/{info.total}", "bold"),
                    "  ",
                    (shortened(info.speaker, limit), "bold"),
                    *((" · ", cue, " · ", info.kind) if detail.cue_and_kind else ()),
                    *((" · ", info.stance) if info.stance and detail.stance else ()),
                )
            )
        elif self.hint is not None:
            parts.append(Text(self.hint.long if detail.long_hint else self.hint.short))
        if self.filter_name is not None:
            esc = (" (esc clears)",) if detail.esc_hint else ()
            parts.append(Text.assemble("filter: ", (shortened(self.filter_name, limit), "bold"), *esc))
        if self.search is not None:
            parts.append(Text(self.search))
        if self.models is not None and detail.esc_hint:
            parts.append(Text(self.models, style="italic"))
        return Text(SEPARATOR, no_wrap=True).join(parts)
