"""Pipeline stages as declared components, after spaCy's factories.

A stage is a function ``Doc -> Doc`` with a name, what it ``requires`` (must be settled before it
runs) and what it ``assigns`` (adds or settles). The names are those of ``Doc``'s fields
("sentences", "statements"), narrowed with a dot where a stage settles one part of them
("statement.actor": each statement's actor; "statements.tagged": the statements the tagger adds).
``check_order`` fails on an order in which a stage requires something no stage before it assigns;
``pipeline`` runs it on the default order when it is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from .doc import Doc


class StageOrderError(ValueError):
    """A stage comes before what it requires."""


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Doc], Doc]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Doc) -> Doc:
        return self.run(doc)


def declare(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[Callable[[Doc], Doc]], Stage]:
    """Make a ``Doc -> Doc`` function a stage:
    ``@declare("quotes", requires=("paragraphs",), assigns=("quotes",))``."""

    def stage(run: Callable[[Doc], Doc]) -> Stage:
        return Stage(name, run, tuple(requires), tuple(assigns))

    return stage


def check_order(stages: Sequence[Stage]) -> None:
    """Raise ``StageOrderError`` when a stage requires what no stage before it assigns."""
    assigned: set[str] = set()
    for stage in stages:
        missing = [name for name in stage.requires if name not in assigned]
        if missing:
            raise StageOrderError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no stage before it assigns"
            )
        assigned.update(stage.assigns)
