"""Unnamed holders: statements whose subject is not who holds them, so they lose their source.

    Asked whether the European Union would impose more sanctions, Borrell said everything remains
    on the table.

- A question put to someone ("Asked whether ...", "when asked", "was asked") with no "by X" is the
  unnamed asker's (``lexicons/unnamed_holders/question_cues.txt``): Borrell is who answers it, not who asks it.
- An expectation in the passive ("Clinton is expected to win", no "by X") is nobody's in particular
  (``lexicons/unnamed_holders/expectation_cues.txt``).
- An impression ("Trump seemed to suggest ...", "it appears that ...", "reportedly") reports how
  things look, not anyone's words (``lexicons/unnamed_holders/impression_cues.txt``).

Each keeps its content and cue and loses its source, as PolNeAR annotates them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import lexicons
from .doc import Doc
from .marks import OPENING_QUOTES
from .model import Statement
from .stages import declare

_WORD_BEFORE = re.compile(r"(\w+)\s*$")
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)


def _unnamed_holder(doc: Doc, statement: Statement) -> bool:
    """Whether the statement's cue makes its subject someone other than who holds it."""
    cue = statement.cue
    if cue is None or _BY_AFTER.match(doc.text, cue.end):
        return False
    words = cue.text(doc.text).lower().split()
    last = words[-1] if words else ""
    if last in lexicons.entries("unnamed_holders/impression_cues"):
        return True
    expectation = last in lexicons.entries("unnamed_holders/expectation_cues")
    if not expectation and (len(words) != 1 or last not in lexicons.entries("unnamed_holders/question_cues")):
        return False
    index = doc.sentence_index_at(cue.start)
    before = doc.text[doc.sentence_starts[index] if index >= 0 else 0 : cue.start]
    if expectation:
        return _passive(before, words)
    return not before.strip(" (\"'" + OPENING_QUOTES) or _passive(before, words)  # "Asked whether ..." opens its sentence


def _passive(before: str, words: list[str]) -> bool:
    """Whether the cue's last word follows a passive marker ("was asked", "is expected"): inside the
    cue (the tagger's cues may hold it) or right before it (the rules' stop at the verb)."""
    if len(words) > 1:
        return words[-2] in lexicons.entries("unnamed_holders/passive_markers")
    word = _WORD_BEFORE.search(before)
    return word is not None and word.group(1).lower() in lexicons.entries("unnamed_holders/passive_markers")


@declare("unnamed_holders", requires=("sentences", "statements.tagged"), assigns=("statement.source",))
def stage(doc: Doc) -> Doc:
    statements = tuple(
        replace(s, source=None, actor=None) if s.source and _unnamed_holder(doc, s) else s
        for s in doc.statements
    )
    return replace(doc, statements=statements)
