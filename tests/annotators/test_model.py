import json

import pytest

from annotators import SCHEMA, Actor, Annotation, Meta, Span, Statement


def sample() -> Annotation:
    return Annotation(
        meta=Meta(title="T", date="2022-03-04", dateline="BRUSSELS", body=Span(0, 20)),
        paragraphs=(Span(0, 20),),
        actors=(Actor("a1", "Antony Blinken", "person", ("Secretary of State",), ("Blinken",), (Span(0, 7),)),),
        statements=(Statement("s1", "direct", (Span(9, 12), Span(14, 18)), Span(12, 13), Span(0, 7), "a1"),),
    )


def test_json_round_trips_through_text():
    annotation = sample()
    data = json.loads(json.dumps(annotation.to_json()))
    assert data["schema"] == SCHEMA
    assert Annotation.from_json(data) == annotation


def test_unknown_schema_is_refused():
    with pytest.raises(ValueError, match="schema"):
        Annotation.from_json({"schema": "other/9"})


def test_span_rejects_negative_and_reversed_offsets():
    with pytest.raises(ValueError):
        Span(5, 3)
    with pytest.raises(ValueError):
        Span(-1, 3)


def test_statement_extent_covers_source_cue_and_content():
    statement = sample().statements[0]
    assert statement.extent == Span(0, 18)
