"""The actor sidebar: everyone in the article, speakers first, each with what they said.

Choosing an actor (enter or click) posts ``ActorChosen``; the screen decides what that means
(it filters navigation) and tells the sidebar which actor is the filter and whose statement is
current (attributes down): that actor's row is highlighted and scrolled into view.
A row is ``name_line`` plus ``detail_lines``; under it, one option per stance chip ("＋ no-fly zone"),
and choosing a chip posts ``StanceChosen`` (the screen shows its evidence). ``enter`` is bound twice,
once per kind of row, so the footer says what it does on the highlighted one.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.color import Color
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from annotators.model import Actor, Annotation, Stance
from tui.safe_text import one_line
from tui.overlays import Overlays
from tui.stances import POLARITY_STYLES, chip, taken

DEFAULT_ROW_WIDTH = 30  # before the sidebar has been laid out
CHIP_ID = "#stance"  # option ids of stance chips: ACTOR_ID#stanceK (K-th stance that takes a side)


class ActorSidebar(OptionList):
    BINDINGS = [
        Binding("enter", "select_row('actor')", "Filter by actor", id="sidebar.filter",
                tooltip="Filter navigation to the highlighted actor (again: clear the filter)"),
        Binding("enter", "select_row('stance')", "Jump to evidence", id="sidebar.evidence",
                tooltip="On a stance: go to the statement that shows it"),
        Binding("j", "cursor_down", "Next actor", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Previous actor", show=False, id="sidebar.up"),
    ]

    overlays: reactive[Overlays] = reactive(lambda: Overlays(Annotation()), always_update=True)
    speaker_colours: reactive[tuple[Color, ...]] = reactive(tuple)
    filter_actor: reactive[str | None] = reactive(None)
    current_actor: reactive[str | None] = reactive(None)  # who made the current statement

    class ActorChosen(Message):
        def __init__(self, actor_id: str) -> None:
            super().__init__()
            self.actor_id = actor_id

    class StanceChosen(Message):
        """A stance chip was chosen: show its strongest evidence."""

        def __init__(self, actor_id: str, stance: Stance) -> None:
            super().__init__()
            self.actor_id = actor_id
            self.stance = stance

    def on_mount(self) -> None:
        self.border_title = "Actors"
        self._rebuild()

    def _watch_any(self) -> None:
        if self.is_mounted:
            self._rebuild()

    watch_overlays = watch_speaker_colours = watch_filter_actor = _watch_any

    def watch_current_actor(self, actor_id: str | None) -> None:
        """Highlight the current statement's speaker; the option list scrolls it into view."""
        if actor_id is not None and self.is_mounted:
            try:
                self.highlighted = self.get_option_index(actor_id)
            except OptionDoesNotExist:
                pass

    def highlighted_kind(self) -> str | None:
        """"actor" or "stance": what kind of row the cursor is on."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return "stance" if CHIP_ID in option.id else "actor"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select_row":
            return self.highlighted_kind() == parameters[0]
        return True

    def action_select_row(self, kind: str) -> None:
        self.action_select()

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()  # enter filters on an actor row, jumps to evidence on a chip

    def ordered_actors(self) -> list[Actor]:
        """Speakers first (most statements first), then everyone else in order of appearance."""
        annotation = self.overlays.annotation
        counts = self.overlays.own_count

        def key(actor: Actor) -> tuple[int, int]:
            first_mention = min((m.start for m in actor.mentions), default=0)
            return (-counts.get(actor.id, 0), first_mention)

        return sorted(annotation.actors, key=key)

    def actor_prompt(self, actor: Actor) -> Text:
        """The sidebar row of one actor: a name line, then detail lines, each cut to the width."""
        width = max(12, self.scrollable_content_region.width or DEFAULT_ROW_WIDTH)
        lines = [self.name_line(actor), *self.detail_lines(actor)]
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n").join(lines)

    def name_line(self, actor: Actor) -> Text:
        slot = self.overlays.speaker_slot(actor.id)
        colours = self.speaker_colours
        colour = colours[slot % len(colours)].rich_color if slot is not None and colours else None
        marker = "▶ " if actor.id == self.filter_actor else ""
        swatch = "●" if slot is not None else "○"  # filled for speakers: not colour alone
        swatch_style = Style(bold=True, color=colour) if colour else Style(dim=True)
        return Text.assemble(marker, (swatch, swatch_style), " ", (one_line(actor.name), "bold"))

    def detail_lines(self, actor: Actor) -> list[Text]:
        overlays = self.overlays
        count = overlays.own_count.get(actor.id, 0)
        said = f"{count} statement{'s' if count != 1 else ''}" if count else "no statements"
        lines = [Text(f"  {actor.kind} · {said}", style="dim")]
        if actor.titles:
            lines.append(Text(f"  {one_line('; '.join(actor.titles))}", style="italic"))
        speaker = overlays.speaker.get(actor.id, actor.id)
        if speaker != actor.id and (named := overlays.actors.get(speaker)) is not None:
            lines.append(Text(f"  = {one_line(named.name)}", style="italic"))
        return lines

    def on_resize(self) -> None:
        self._rebuild()

    def chip_prompt(self, stance: Stance) -> Text:
        """A stance chip under its actor: "＋ no-fly zone", coloured by polarity (the mark says it too)."""
        width = max(12, self.scrollable_content_region.width or DEFAULT_ROW_WIDTH)
        line = Text.assemble("  ", (chip(stance), POLARITY_STYLES[stance.polarity]))
        line.truncate(width, overflow="ellipsis")
        return line

    def _rebuild(self) -> None:
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        actors = self.ordered_actors()
        options = []
        for actor in actors:
            options.append(Option(self.actor_prompt(actor), id=actor.id))
            options += [
                Option(self.chip_prompt(stance), id=f"{actor.id}{CHIP_ID}{k}")
                for k, stance in enumerate(taken(actor.stances))
            ]
        self.set_options(options)
        if not actors:
            self.add_option(Option(Text("No actors found", style="italic"), disabled=True))
        elif highlighted is not None:
            try:
                self.highlighted = self.get_option_index(highlighted)
            except OptionDoesNotExist:
                self.highlighted = 0
        else:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id is None:
            return
        actor_id, _, chip_index = option_id.partition(CHIP_ID)
        if not chip_index:
            self.post_message(self.ActorChosen(actor_id))
            return
        actor = next(a for a in self.overlays.annotation.actors if a.id == actor_id)
        self.post_message(self.StanceChosen(actor_id, taken(actor.stances)[int(chip_index)]))
