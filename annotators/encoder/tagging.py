"""The encoder as a span proposer, and the ways of combining its statements with the rules'.

``EncoderTagger`` is an ``attribution.tagger.SpanTagger``: the encoder tags every word of the article
(``runtime.word_tags``), each token of the pipeline's own passages takes the tag of the word it starts
in, and the tagger stage decodes them as it decodes the CRF's (a content goes to its nearest cue, the
cue to its nearest source). How those statements meet the rules' is a choice measured on held-out
articles (``scripts/encoder_combinations.py``):

- ``encoder``: the encoder's statements alone;
- ``rules+encoder``: the rules' statements stay, the encoder adds those no rule statement overlaps
  (what the CRF does);
- ``encoder+rules``: the encoder's statements stay, the rules add those it does not overlap;
- ``fast+encoder``: the fast model's statements (rules and CRF) stay, the encoder adds those none of
  them overlaps (``stages_for`` keeps the CRF's stage and puts the encoder's after it);
- ``rules+mixed``: as ``rules+encoder``, with ``MixedTagger`` proposing: per token, the CRF's marginal
  and the encoder's probability of each tag mixed (``MIX``: the encoder's weight), then a BIO path.
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

COMBINATIONS = ("encoder", "rules+encoder", "encoder+rules", "fast+encoder", "rules+mixed")


MIX = 0.3  # chosen on held-out PolNeAR train among 0.2, 0.3, 0.4, 0.5


def _word_of(words, starts: list[int], token) -> int:
    """The encoder word a pipeline token starts in, or -1."""
    word = bisect_right(starts, token.start) - 1
    return word if word >= 0 and token.start < words[word].end else -1


class EncoderTagger:
    """A ``SpanTagger`` over the shipped encoder."""

    def tag(self, doc: Doc) -> Iterator[tuple[Passage, list[str]]]:
        words, tags = runtime.word_tags(doc.text)
        starts = [word.start for word in words]
        for passage in passages(doc):
            found = (_word_of(words, starts, token) for token in passage.tokens)
            yield passage, [tags[word] if word >= 0 else TAGS[0] for word in found]


class MixedTagger:
    """A ``SpanTagger`` mixing the CRF's per-token tag marginals with the encoder's tag probabilities
    (log-linear, the encoder weighted ``mix``) and decoding a BIO-constrained path per passage."""

    def __init__(self, mix: float | None = None) -> None:
        self.mix = MIX if mix is None else mix

    def tag(self, doc: Doc) -> Iterator[tuple[Passage, list[str]]]:
        from ..attribution import crf

        numpy = runtime._loaded()[0]
        crf_model = crf.shipped_tagger().model
        roles = crf.rule_roles(doc)
        words, scores = runtime.word_scores(doc.text)
        starts = [word.start for word in words]
        uniform = numpy.full(len(TAGS), -numpy.log(len(TAGS)), dtype=numpy.float32)
        for passage in passages(doc):
            crf_model.set(crf.features(doc.text, passage, crf.passage_roles(passage, roles)))
            marginals = numpy.log(numpy.array(
                [[crf_model.marginal(tag, t) for tag in TAGS] for t in range(len(passage.tokens))]
            ) + 1e-6)
            encoder = numpy.array([scores[w] if w >= 0 else uniform
                                   for w in (_word_of(words, starts, token) for token in passage.tokens)])
            mixed = self.mix * encoder + (1 - self.mix) * marginals
            mixed[:, 0] -= runtime.OUTSIDE_PENALTY
            yield passage, [TAGS[k] for k in runtime.viterbi(numpy, mixed)]


def combined(rules: Sequence[Statement], tagged: Sequence[Statement], how: str) -> tuple[Statement, ...]:
    if how == "encoder":
        return tuple(tagged)
    if how in ("rules+encoder", "fast+encoder", "rules+mixed"):
        return combine(rules, tagged)
    if how == "encoder+rules":
        return combine(tagged, rules)
    raise ValueError(f"unknown combination {how!r}: one of {', '.join(COMBINATIONS)}")


def stages_for(how: str, fast: Sequence[Stage]) -> tuple[Stage, ...]:
    """``fast`` with the encoder proposing spans, combined ``how``: in the CRF's place, or after it."""
    found = []
    for stage in fast:
        if stage.name != "learned":
            found.append(stage)
        elif how == "fast+encoder":
            found += [stage, stage_for(how)]
        else:
            found.append(stage_for(how))
    return tuple(found)


def stage_for(how: str) -> Stage:
    """The tagger stage with the encoder proposing spans, its statements combined with the rules' ``how``."""

    @declare("learned", requires=("sentences", "statements"), assigns=("statements.tagged",))
    def stage(doc: Doc) -> Doc:
        proposer = MixedTagger() if how == "rules+mixed" else EncoderTagger()
        return replace(doc, statements=combined(doc.statements, tag(doc, proposer), how))

    return stage
