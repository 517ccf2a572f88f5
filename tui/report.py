"""``quotelens annotate --format text``: statements and actors as Rich tables.

Article text goes into ``Text`` objects, never through markup, so ``[brackets]`` print as written, and
through ``one_line``, so its control characters print as placeholders (ESC as ␛), never reach the terminal.
"""

from __future__ import annotations

from typing import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from annotators import Annotation
from annotators.model import Stance
from tui.safe_text import one_line
from tui.stances import POLARITY_STYLES, chip, taken


def statements_table(text: str, annotation: Annotation) -> Table:
    table = Table(title="Statements", expand=True, show_lines=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Speaker", style="bold", ratio=2)
    table.add_column("Cue", ratio=1)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Content", ratio=6)
    table.add_column("Stance", ratio=2)
    for number, statement in enumerate(annotation.statements, 1):
        actor = annotation.actor(statement.actor)
        speaker = actor.name if actor else (statement.source.text(text) if statement.source is not None else "?")
        content = " … ".join(one_line(span.text(text)) for span in statement.content)
        table.add_row(
            str(number),
            Text(one_line(speaker)),
            Text(one_line(statement.cue.text(text)) if statement.cue is not None else ""),
            statement.kind,
            Text(content),
            stance_text(statement.stances),
        )
    return table


def actors_table(annotation: Annotation) -> Table:
    table = Table(title="Actors", expand=True)
    table.add_column("Actor", style="bold")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Titles")
    table.add_column("Statements", justify="right")
    table.add_column("Mentions", justify="right")
    table.add_column("Stances")
    for actor in annotation.actors:
        table.add_row(
            Text(one_line(actor.name)),
            actor.kind,
            Text(one_line("; ".join(actor.titles))),
            str(len(annotation.statements_by(actor.id))),
            str(len(actor.mentions)),
            stance_text(actor.stances),
        )
    return table


def stance_text(stances: Iterable[Stance]) -> Text:
    """Each stance that takes a side as a coloured chip, one per line."""
    return Text("\n").join(Text(chip(s), style=POLARITY_STYLES[s.polarity]) for s in taken(stances))


class PipeConsole(Console):
    """A console whose reader may go away (``| head``): a closed pipe raises ``BrokenPipeError``, which
    the command ends on quietly with status 0; Rich's own handling exits with status 1."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def print_annotation(label: str, text: str, annotation: Annotation, console: Console | None = None) -> None:
    """The tables of one article; ``label`` names it when it has no title (a file name, a URL)."""
    console = console or PipeConsole()
    meta = annotation.meta
    heading = Text(one_line(meta.title or label), style="bold")
    details = one_line(" · ".join(x for x in (meta.author, meta.date, meta.dateline, meta.outlet) if x))
    if details:
        heading.append(f"  {details}", style="dim")
    console.print(heading)
    console.print(statements_table(text, annotation))
    console.print(actors_table(annotation))
