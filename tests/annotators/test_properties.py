"""Whatever the text, annotating it never crashes and every span lies inside it."""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotators.model import Annotation, Span
from annotators.pipeline import annotate

# Pieces that exercise the rules: cue words, names, quote marks of every kind, paragraph breaks,
# control characters, plus arbitrary characters.
PIECES = st.sampled_from([
    "said", "told", "according to", "added", "she", "He", "Blinken", "the minister", "that", ",", ".", ":",
    "“", "”", '"', "''", "``", "‘", "’", "'", "\n", "\n\n", " ", "\t", "\x00", "\x0b", "\x1b", "\r", "(", ")",
    "—", "calls for", "on Friday", "Mr.", "U.S.", "a.m.", "date 2022-03-04\n", "BRUSSELS: ",
])
TEXTS = st.one_of(
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join),
    st.text(max_size=300),
)


def spans_of(annotation: Annotation) -> list[Span]:
    spans = [*annotation.paragraphs]
    for statement in annotation.statements:
        spans += [*statement.content, *(s for s in (statement.cue, statement.source) if s is not None)]
    for actor in annotation.actors:
        spans += actor.mentions
    return spans


def assert_inside(text: str, annotation: Annotation) -> None:
    for span in spans_of(annotation):
        assert 0 <= span.start <= span.end <= len(text), span
    for statement in annotation.statements:
        assert statement.content, statement


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_annotates_with_every_span_inside_it(text: str):
    assert_inside(text, annotate(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_annotation_round_trips_through_json(text: str):
    annotation = annotate(text)
    assert Annotation.from_json(json.loads(json.dumps(annotation.to_json()))) == annotation


# The rule stages on a 1 MB single line. The whole default pipeline is not used here: the learned and
# stance stages grow faster than linearly with paragraph length (measured: learned 1.4 s at 20 kB and
# 32 s at 100 kB of one line; stance 17 s at 20 kB), so they would turn this check into a hang.


def test_a_one_megabyte_single_line_annotates_in_reasonable_time():
    sentence = "“We stand united,” Blinken said. He said that talks failed, according to “officials. "
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    started = time.process_time()
    annotation = annotate(text)
    assert time.process_time() - started < 120
    assert annotation.statements
    assert_inside(text, annotation)


def test_unbalanced_quotes_never_swallow_the_rest_of_the_article():
    text = "He said “this never closes.\n\nBlinken said the talks failed.\n\nZelenskyy said: “We fight.”"
    annotation = annotate(text)
    assert_inside(text, annotation)
    contents = [c.text(text) for s in annotation.statements for c in s.content]
    assert "the talks failed" in contents and "“We fight.”" in contents
