"""The encoder as a span proposer, and the ways of combining its statements with the rules'.

``EncoderTagger`` is an ``attribution.tagger.SpanTagger``: the encoder tags every word of the article
(``runtime.word_tags``), each token of the pipeline's own passages takes the tag of the word it starts
in, and the tagger stage decodes them as it decodes the CRF's (a content goes to its nearest cue, the
cue to its nearest source). How those statements meet the rules' is a choice measured on held-out
articles (``scripts/encoder_combinations.py``):

- ``encoder``: the encoder's statements alone;
- ``rules+encoder``: the rules' statements stay, the encoder adds those no rule statement overlaps
  (what the CRF does);
- ``encoder+rules``: the encoder's statements stay, the rules add those it does not overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Iterator, Sequence

from ..attribution.tagger import Passage, combine, passages, tag
from ..doc import Doc
from ..model import Statement
from ..stages import Stage, declare
from . import runtime
from .windows import TAGS

COMBINATIONS = ("encoder", "rules+encoder", "encoder+rules")


class EncoderTagger:
    """A ``SpanTagger`` over the shipped encoder."""

    def tag(self, doc: Doc) -> Iterator[tuple[Passage, list[str]]]:
        words, tags = runtime.word_tags(doc.text)
        starts = [word.start for word in words]
        for passage in passages(doc):
            labels = []
            for token in passage.tokens:
                word = bisect_right(starts, token.start) - 1
                labels.append(tags[word] if word >= 0 and token.start < words[word].end else TAGS[0])
            yield passage, labels


def combined(rules: Sequence[Statement], tagged: Sequence[Statement], how: str) -> tuple[Statement, ...]:
    if how == "encoder":
        return tuple(tagged)
    if how == "rules+encoder":
        return combine(rules, tagged)
    if how == "encoder+rules":
        return combine(tagged, rules)
    raise ValueError(f"unknown combination {how!r}: one of {', '.join(COMBINATIONS)}")


def stage_for(how: str) -> Stage:
    """The tagger stage with the encoder proposing spans, its statements combined with the rules' ``how``."""

    @declare("learned", requires=("sentences", "statements"), assigns=("statements.tagged",))
    def stage(doc: Doc) -> Doc:
        return replace(doc, statements=combined(doc.statements, tag(doc, EncoderTagger()), how))

    return stage
