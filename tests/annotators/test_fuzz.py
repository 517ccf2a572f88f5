"""Fuzzing the annotator with news-like text: whatever it reads, the annotation holds together.

Texts are made of what articles are made of, in any order: quotations with every kind of mark,
balanced, unbalanced and nested; cue verbs; names and descriptions; pronouns; paragraph and line
breaks (U+2028 and U+2029 too); punctuation; and characters of every Unicode category. For each:
nothing raises, every span lies inside the text and comes in order, every actor a statement or a
stance names exists, no actor's name holds a control character, annotating again gives the same annotation, and it round-trips through JSON.

CI runs the bounded default profile. A long run, outside CI:

    python -m pytest tests/annotators/test_fuzz.py --hypothesis-profile fuzz
"""

from __future__ import annotations

import json
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from annotators import Annotation, annotate
from annotators.model import Span
from annotators.segment import CONTROL_CHARACTER

OPENING = ["“", "‘", '"', "'", "«", "‹", "„", "‚", "「", "『", "``"]
CLOSING = ["”", "’", '"', "'", "»", "›", "‟", "」", "』", "''", ""]  # "": never closed
CUES = [
    "said", "says", "told reporters", "added", "according to", "warned", "claimed", "argued", "said that",
    "asked whether", "called for", "denied that", "insisted", "stated", "wrote", "tweeted",
]
NAMES = [
    "Antony Blinken", "Blinken", "Mr. Smith", "Jens Stoltenberg", "NATO", "the U.S. State Department",
    "Volodymyr Zelenskyy", "the minister", "a spokeswoman", "Ana María López-Núñez", "O'Brien", "the EU",
    "Ukraine's President", "officials", "the White House", "Dr. Chen", "Ms. Ng",
]
PRONOUNS = ["he", "she", "they", "it", "we", "I", "He", "She", "They", "We", "his", "her", "its"]
BREAKS = ["\n", "\n\n", "\r\n", "\n\n\n", "\u2028", "\u2029", "\t", "  ", "\n \n"]
WORDS = [
    "the", "talks", "would", "continue", "on", "Friday", "a", "no-fly", "zone", "sanctions", "not", "war",
    "must", "stop", "is", "irresponsible", ".", ",", ":", ";", "?", "!", "—", "(", ")", "...", "2022-03-04",
]

ANY_CHARACTERS = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=3)  # every category
WORD = st.one_of(st.sampled_from(WORDS), st.sampled_from(PRONOUNS), st.sampled_from(NAMES), ANY_CHARACTERS)
PHRASE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
# A quotation, perhaps with another inside it, perhaps with the wrong mark or none to close it.
QUOTATION = st.recursive(
    PHRASE,
    lambda inner: st.tuples(st.sampled_from(OPENING), st.lists(st.one_of(PHRASE, inner), min_size=1, max_size=3),
                            st.sampled_from(CLOSING)).map(lambda q: q[0] + " ".join(q[1]) + q[2]),
    max_leaves=6,
)
SENTENCE = st.one_of(
    st.tuples(QUOTATION, st.sampled_from(NAMES + PRONOUNS), st.sampled_from(CUES)).map(lambda s: f"{s[0]} {s[1]} {s[2]}."),
    st.tuples(st.sampled_from(NAMES + PRONOUNS), st.sampled_from(CUES), st.one_of(QUOTATION, PHRASE))
    .map(lambda s: f"{s[0]} {s[1]} {s[2]}"),
    st.tuples(st.sampled_from(CUES), st.sampled_from(NAMES), st.just(","), PHRASE).map(" ".join),
    PHRASE,
)
PIECE = st.one_of(SENTENCE, st.sampled_from(BREAKS), st.sampled_from(OPENING + CLOSING), WORD)
TEXTS = st.one_of(
    st.lists(PIECE, max_size=40).map(" ".join),
    st.lists(PIECE, max_size=40).map("".join),
    st.lists(st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join), max_size=8).map("\n\n".join),
)


def all_spans(annotation: Annotation) -> list[Span]:
    spans = [*annotation.paragraphs, *(s for s in (annotation.meta.body,) if s is not None)]
    for statement in annotation.statements:
        spans += [*statement.content, *(s for s in (statement.cue, statement.source) if s is not None)]
        for stance in statement.stances:
            spans += [*stance.evidence, *(s for s in (stance.target_span,) if s is not None)]
    for actor in annotation.actors:
        spans += actor.mentions
        for stance in actor.stances:
            spans += [*stance.evidence, *(s for s in (stance.target_span,) if s is not None)]
    return spans


def assert_holds_together(text: str, annotation: Annotation) -> None:
    for span in all_spans(annotation):
        assert 0 <= span.start <= span.end <= len(text), span
    assert [(s.start, s.end) for s in annotation.statements] == sorted((s.start, s.end) for s in annotation.statements)
    assert all(a.end <= b.start for a, b in pairwise(annotation.paragraphs))
    for statement in annotation.statements:
        assert statement.content and all(a.end <= b.start for a, b in pairwise(statement.content)), statement
    ids = [actor.id for actor in annotation.actors]
    assert len(ids) == len(set(ids))
    for actor in annotation.actors:
        assert list(actor.mentions) == sorted(actor.mentions)
        assert actor.name.strip() and not CONTROL_CHARACTER.search(actor.name), actor.name
        assert actor.same_as is None or actor.same_as in ids
    named = [s.actor for s in annotation.statements]
    named += [stance.target_actor for owner in (*annotation.statements, *annotation.actors) for stance in owner.stances]
    assert all(actor is None or actor in ids for actor in named)


@given(TEXTS)
def test_news_like_text_annotates_into_an_annotation_that_holds_together(text: str):
    annotation = annotate(text)
    assert_holds_together(text, annotation)
    assert annotate(text) == annotation  # the same text, the same annotation
    assert Annotation.from_json(json.loads(json.dumps(annotation.to_json()))) == annotation
