"""Stances in the data model: JSON round trips and the schema version that announces them."""

from __future__ import annotations

import json

from annotators import SCHEMA, Actor, Annotation, Span, Statement
from annotators.model import Stance


def sample() -> Annotation:
    favor = Stance("no-fly zone", "favor", 0.9, (Span(10, 30),), None, Span(21, 30))
    against = Stance("Russia", "against", 0.75, (Span(40, 60), Span(70, 80)), "a2", Span(50, 56), count=2)
    return Annotation(
        actors=(Actor("a1", "Zelenskyy", "person", mentions=(Span(0, 9),), stances=(favor, against)),
                Actor("a2", "Russia", "place", mentions=(Span(50, 56),))),
        statements=(Statement("s1", "indirect", (Span(21, 60),), Span(10, 20), Span(0, 9), "a1", (favor,)),),
    )


def test_schema_version_3_announces_stances_and_the_text():
    assert SCHEMA == "quotelens.annotation/3"


def test_stances_round_trip_through_json_text():
    annotation = sample()
    data = json.loads(json.dumps(annotation.to_json()))
    assert Annotation.from_json(data) == annotation
    stance = data["actors"][0]["stances"][1]
    assert stance == {"target": "Russia", "polarity": "against", "score": 0.75,
                      "evidence": [{"start": 40, "end": 60}, {"start": 70, "end": 80}],
                      "target_actor": "a2", "target_span": {"start": 50, "end": 56}, "count": 2}


def test_actors_and_statements_without_stances_have_an_empty_list():
    data = Annotation(actors=(Actor("a1", "X"),), statements=(Statement("s1", "direct", (Span(0, 1),)),)).to_json()
    assert data["actors"][0]["stances"] == [] and data["statements"][0]["stances"] == []
