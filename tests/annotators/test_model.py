import json

import pytest

from annotators import SCHEMA, Actor, Annotation, Meta, Span, Statement, annotate
from annotators.model import Stance


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


def test_the_json_carries_the_text_its_offsets_index_and_the_source_metadata():
    from annotators import annotate

    text = "Council votes\n\n“We waited,” the mayor said."
    meta = Meta(title="Council votes", author="Maria Okafor", outlet="The Gazette", url="https://gazette.example/a")
    data = json.loads(json.dumps(annotate(text, meta=meta).to_json()))
    assert data["text"] == text
    assert data["meta"]["author"] == "Maria Okafor" and data["meta"]["outlet"] == "The Gazette"
    assert data["meta"]["url"] == "https://gazette.example/a" and data["meta"]["title"] == "Council votes"
    statement = data["statements"][0]
    assert data["text"][statement["content"][0]["start"]:statement["content"][0]["end"]] == "“We waited,”"
    assert Annotation.from_json(data).text == text


def test_given_metadata_wins_and_its_title_line_is_not_body():
    from annotators import annotate

    text = "Council votes\n\ndate 2024-01-02\nThe mayor said it was time."
    meta = annotate(text, meta=Meta(title="Council votes", date="2024-03-12")).meta
    assert meta.title == "Council votes" and meta.date == "2024-03-12"
    assert text[meta.body.start:].startswith("The mayor")


def test_a_version_2_record_is_still_read():
    data = sample().to_json()
    data.pop("text")
    for field in ("author", "outlet", "url"):
        data["meta"].pop(field)
    annotation = Annotation.from_json({**data, "schema": "quotelens.annotation/2"})
    assert annotation == sample() and annotation.text is None


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


def test_empty_spans_round_trip_and_are_not_taken_for_missing_ones():
    """An empty Span has a length of 0, so it is falsy: JSON used to write it as null (issue 13)."""
    empty = Span(8, 8)
    stance = Stance("x", "favor", 0.5, target_span=Span(3, 3))
    annotation = Annotation(
        meta=Meta(body=empty),
        statements=(Statement("s1", "direct", (Span(0, 2),), cue=Span(2, 2), source=Span(0, 0), stances=(stance,)),),
    )
    data = json.loads(json.dumps(annotation.to_json()))
    assert data["meta"]["body"] == {"start": 8, "end": 8}
    assert data["statements"][0]["cue"] == {"start": 2, "end": 2}
    assert Annotation.from_json(data) == annotation


def test_a_headline_alone_round_trips():
    annotation = annotate("Headline\n")
    assert Annotation.from_json(json.loads(json.dumps(annotation.to_json()))) == annotation
