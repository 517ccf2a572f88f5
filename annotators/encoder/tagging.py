"""The encoder's statements for a document, and the ways of combining them with the rules' statements.

The encoder tags every word of the article (``runtime.word_tags``); each token of the pipeline's own
segmentation takes the tag of the word it starts in, and the tagged paragraphs are decoded into
statements as the CRF's are (``learned.decode``: a content goes to its nearest cue, the cue to its
nearest source). How those statements meet the rules' is a choice measured on held-out articles
(``scripts/encoder_combinations.py``):

- ``encoder``: the encoder's statements alone;
- ``rules+encoder``: the rules' statements stay, the encoder adds those no rule statement overlaps
  (what the CRF does);
- ``encoder+rules``: the encoder's statements stay, the rules add those it does not overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Sequence

from .. import learned
from ..doc import Doc
from ..model import Statement
from . import runtime
from .windows import TAGS

COMBINATIONS = ("encoder", "rules+encoder", "encoder+rules")


def _consistent(labels: Sequence[str]) -> list[str]:
    """An ``I-`` tag after a different role begins a run: decode reads it that way, said here once so
    that a stray ``I-`` never glues onto a neighbouring run of another role."""
    fixed = []
    for i, label in enumerate(labels):
        if label.startswith("I-") and (i == 0 or fixed[i - 1][2:] != label[2:]):
            label = "B-" + label[2:]
        fixed.append(label)
    return fixed


def tag(doc: Doc) -> list[Statement]:
    """The encoder's statements for every paragraph of ``doc``."""
    words, tags = runtime.word_tags(doc.text)
    starts = [word.start for word in words]
    statements = []
    for unit in learned.units(doc):
        labels = []
        for token in unit.tokens:
            word = bisect_right(starts, token.start) - 1
            labels.append(tags[word] if word >= 0 and token.start < words[word].end else TAGS[0])
        statements.extend(learned.decode(doc.text, unit, _consistent(labels)))
    return statements


def combined(rules: Sequence[Statement], tagged: Sequence[Statement], how: str) -> tuple[Statement, ...]:
    if how == "encoder":
        return tuple(tagged)
    if how == "rules+encoder":
        return learned.combine(rules, tagged)
    if how == "encoder+rules":
        return learned.combine(tagged, rules)
    raise ValueError(f"unknown combination {how!r}: one of {', '.join(COMBINATIONS)}")


def stage_for(how: str):
    """A pipeline stage that puts the encoder's statements where the CRF's went, combined ``how``."""

    def stage(doc: Doc) -> Doc:
        return replace(doc, statements=combined(doc.statements, tag(doc), how))

    stage.__name__ = f"encoder_stage[{how}]"
    return stage
