"""Questions: the content of "Asked whether ..." is the unnamed asker's, not the answerer's.

    Asked whether the European Union would impose more sanctions, Borrell said everything remains
    on the table.

The question ("whether the European Union would ...") is attributed by the cue "Asked", but Borrell is
who answers it: the nearest source is the wrong one. When a question cue (``lexicons/question_cues.txt``)
opens its sentence or follows a passive marker ("when asked", "was asked") and no "by X" names the
asker, the statement keeps its content and cue and loses its source, as PolNeAR annotates it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from . import lexicons
from .doc import Doc
from .model import Statement

_WORD_BEFORE = re.compile(r"(\w+)\s*$")
_BY_AFTER = re.compile(r"\s+by\b", re.IGNORECASE)


def _unnamed_asker(doc: Doc, statement: Statement, sentence_starts: list[int]) -> bool:
    cue = statement.cue
    if cue is None or cue.text(doc.text).lower() not in lexicons.entries("question_cues"):
        return False
    if _BY_AFTER.match(doc.text, cue.end):
        return False
    index = bisect_right(sentence_starts, cue.start) - 1
    start = sentence_starts[index] if index >= 0 else 0
    before = doc.text[start : cue.start]
    if not before.strip(" \"“‘'("):
        return True
    word = _WORD_BEFORE.search(before)  # the word right before the cue
    return word is not None and word.group(1).lower() in lexicons.entries("passive_markers")


def stage(doc: Doc) -> Doc:
    starts = [sentence.span.start for sentence in doc.sentences]
    statements = tuple(
        replace(s, source=None, actor=None) if s.source and _unnamed_asker(doc, s, starts) else s
        for s in doc.statements
    )
    return replace(doc, statements=statements)
