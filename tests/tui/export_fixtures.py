"""The seed article with notes, as the export golden files show it.

Notes are made in a real store with a fixed clock and fixed ids, so every export is byte-identical.
``handmade_seed_annotation`` marks statements by hand, so the export's layout can be checked whatever
the annotation pipeline finds today.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from itertools import count
from pathlib import Path

from annotators import Actor, Annotation, Span, Statement, annotate
from tui.export import ExportSource
from tui.notes import ArticleNotes, NotesStore, TextAnchor

EXPORTED_AT = datetime(2026, 1, 2, 9, 30, tzinfo=timezone.utc)
NOTED_AT = datetime(2026, 1, 1, 18, 0, tzinfo=timezone.utc)
VERSION = "0.1.0"
SOURCE = "seeds/nato-no-fly-zone.txt"

STATEMENT_NOTES = {
    "NATO will defend all its allies": "Same line as at the Wales summit in 2014 — check the transcript.",
    "Ours is a defensive alliance": "The **key** quote for the piece.\n\nCompare with Stoltenberg below.",
    "We will consider everything": "Sanctions: follow up on the next EU package.",
}
HIGHLIGHT = ("the Zaporizhzhia nuclear power plant, Europe's largest", "Confirm with IAEA statement.")
LOST_PASSAGE = "The ministers then walked out of the meeting in protest."


def span(text: str, passage: str, after: str = "") -> Span:
    start = text.index(passage, text.index(after) if after else 0)
    return Span(start, start + len(passage))


def handmade_seed_annotation(text: str) -> Annotation:
    """Statements of the seed marked by hand on top of the pipeline's metadata and paragraphs."""
    base = annotate(text)
    blinken = Actor("a1", "Antony Blinken", "person", ("United States Secretary of State",), ("Blinken",))
    stoltenberg = Actor("a2", "Jens Stoltenberg", "person", ("NATO Secretary-General",), ("Stoltenberg",))
    borrell = Actor("a3", "Josep Borrell", "person", ("the EU's top diplomat",), ("Borrell",))
    nato = Actor("a4", "North Atlantic Treaty Organization", "organisation", (), ("NATO",))
    statements = (
        Statement("", "indirect", (span(text, "Washington and its allies would defend “every inch” of NATO territory"),),
                  span(text, "said"), span(text, "Antony Blinken"), "a1"),
        Statement("", "direct", (span(text, "NATO will defend all its allies, and we stand united,"),),
                  span(text, "told"), span(text, "Blinken", "we stand united"), "a1"),
        Statement("", "direct", (span(text, "Ours is a defensive alliance. We do not seek conflict. But if conflict "
                                       "comes to us, we are ready for it, and we will defend every inch of NATO "
                                       "territory."),), None, None, "a1"),
        Statement("", "direct", (span(text, "This just demonstrates the recklessness of this war and the importance "
                                       "of ending it,"),),
                  span(text, "said", "ending it"), span(text, "NATO Secretary-General Jens Stoltenberg"), "a2"),
        Statement("", "indirect", (span(text, "a no-fly zone was not a viable option"),),
                  span(text, "According to"), span(text, "diplomats at the meeting"), None),
        Statement("", "direct", (span(text, "We will consider everything."),
                                 span(text, "Everything remains on the table.")),
                  span(text, "said", "Borrell said"), span(text, "Borrell", "sanctions on Russia"), "a3"),
    )
    numbered = tuple(replace(s, id=f"s{i}") for i, s in
                     enumerate(sorted(statements, key=lambda s: (s.start, s.end)), 1))
    return replace(base, actors=(blinken, stoltenberg, borrell, nato), statements=numbered)


def seed_with_notes(
    text: str, annotation: Annotation, data_dir: Path, noted_on: Annotation | None = None
) -> ExportSource:
    """Notes on three statements, one highlight and one note whose passage is gone, saved, then
    placed on ``annotation``. The statement notes are written on the statements of ``noted_on``
    (default: ``annotation``), as if with another version of the annotator, and follow them over."""
    ids = (f"note{number:02d}" for number in count(1))
    store = NotesStore.open(data_dir, clock=lambda: NOTED_AT, new_id=lambda: next(ids))
    notes = ArticleNotes(store, text, SOURCE, annotation.meta.title)
    for phrase, body in STATEMENT_NOTES.items():
        statement = next(s for s in (noted_on or annotation).statements if phrase in s.content[0].text(text))
        notes.add_on_statement(statement, body)
    passage, body = HIGHLIGHT
    highlight = span(text, passage)
    notes.add_highlight(highlight.start, highlight.end, body)
    lost = "Earlier draft. " + LOST_PASSAGE + " More text."
    store.add(notes.document, "highlight", TextAnchor.from_span(lost, 15, 15 + len(LOST_PASSAGE)),
              "This paragraph was cut from the final version.")
    return ExportSource(
        text=text,
        annotation=annotation,
        placed=notes.placed(annotation),
        document_id=notes.text_hash,
        source=SOURCE,
        fallback_title="nato-no-fly-zone",
    )


def hostile_with_notes(text: str, data_dir: Path) -> ExportSource:
    """The hostile article (tests/hostile_text.py) as the pipeline annotates it, with a note on its
    first statement and one on a passage, both carrying escape sequences of their own."""
    ids = (f"note{number:02d}" for number in count(1))
    store = NotesStore.open(data_dir, clock=lambda: NOTED_AT, new_id=lambda: next(ids))
    annotation = annotate(text)
    notes = ArticleNotes(store, text, "hostile\x1b]0;x\x07.txt", annotation.meta.title)
    notes.add_on_statement(annotation.statements[0], "Pasted: \x1bc and a\ttab\n\x1b]52;c;eA==\x07")
    passage = span(text, "the spokesman told reporters.\x7f")
    notes.add_highlight(passage.start, passage.end, "A DEL \x7f and a CSI \x9b2J")
    return ExportSource(
        text=text,
        annotation=annotation,
        placed=notes.placed(annotation),
        document_id=notes.text_hash,
        source="hostile\x1b]0;x\x07.txt",
        fallback_title="hostile",
    )
