"""The seed article through the real pipeline: its actors, and who each statement resolves to."""

from __future__ import annotations

import pytest

from annotators import annotate
from annotators.model import Actor, Annotation

PEOPLE = {
    "antony-blinken": ("Antony Blinken", "United States Secretary of State"),
    "volodymyr-zelenskyy": ("Volodymyr Zelenskyy", "Ukrainian President"),
    "jens-stoltenberg": ("Jens Stoltenberg", "NATO Secretary-General"),
    "melanie-joly": ("Mélanie Joly", "Canadian Foreign Minister"),
    "ingrida-simonyte": ("Ingrida Simonyte", "Lithuanian Prime Minister"),
    "josep-borrell": ("Josep Borrell", None),
    "vladimir-putin": ("Vladimir Putin", "Russian President"),
}

# What a reader marks in the seed: a piece of each statement's content -> who said it.
SAID = [
    ("would defend “every inch”", "antony-blinken"),
    ("the alliance was defensive", "antony-blinken"),
    ("NATO will defend all its allies", "antony-blinken"),
    ("Ours is a defensive alliance", "antony-blinken"),  # continuation: a quote-only paragraph
    ("a no-fly zone over his country", "volodymyr-zelenskyy"),  # "has called for"
    ("Moscow is trying to prevent", "volodymyr-zelenskyy"),
    ("Russian forces had seized", "ukrainian-authorities"),
    ("This just demonstrates the recklessness", "jens-stoltenberg"),
    ("NATO's red line", "melanie-joly"),
    ("a very legitimate request", "frances-presidential-office"),
    ("irresponsible", "ingrida-simonyte"),
    ("We are now witnessing a fully fledged war", "josep-borrell"),
    ("We will consider everything", "josep-borrell"),
]


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Annotation:
    return annotate(seed_text)


def by_id(annotation: Annotation, actor_id: str) -> Actor:
    actor = annotation.actor(actor_id)
    assert actor is not None, f"no actor {actor_id!r} in {[a.id for a in annotation.actors]}"
    return actor


def texts(annotation: Annotation, text: str, actor_id: str) -> list[str]:
    return [m.text(text) for m in by_id(annotation, actor_id).mentions]


@pytest.mark.parametrize("actor_id", PEOPLE)
def test_one_person_actor_each_with_name_and_title(seed: Annotation, actor_id: str):
    name, title = PEOPLE[actor_id]
    actor = by_id(seed, actor_id)
    assert actor.kind == "person" and actor.name == name
    assert actor.titles == ((title,) if title else ())
    surname = name.split()[-1]
    assert sum(a.name.endswith(surname) for a in seed.actors) == 1, "one actor per person"


def test_surnames_and_pronouns_are_mentions_of_the_person(seed: Annotation, seed_text: str):
    blinken = texts(seed, seed_text, "antony-blinken")
    assert blinken.count("Blinken") == 2 and "He" in blinken
    assert "Ours" in blinken  # "we" in the paragraph that continues his quote
    assert "his" in texts(seed, seed_text, "vladimir-putin")


def test_nato_is_an_organisation_with_its_long_name(seed: Annotation, seed_text: str):
    nato = by_id(seed, "nato")
    assert nato.kind == "organisation"
    assert "North Atlantic Treaty Organization" in nato.aliases
    mentioned = texts(seed, seed_text, "nato")
    assert mentioned.count("NATO") >= 5 and "the alliance" in mentioned


def test_countries_are_places_mentioned_by_possessive_and_demonym(seed: Annotation, seed_text: str):
    for place in ("ukraine", "russia"):
        assert by_id(seed, place).kind == "place"
    russia = texts(seed, seed_text, "russia")
    assert "Russian" in russia  # "Russian attacks on civilians"
    possessive = seed_text.index("Russia's invasion")
    assert any(m.start == possessive for m in by_id(seed, "russia").mentions)


def test_descriptive_sources_are_actors_of_their_own(seed: Annotation):
    assert by_id(seed, "ukrainian-authorities").kind == "group"
    office = by_id(seed, "frances-presidential-office")
    assert office.kind == "organisation" and office.name == "France's presidential office"


def test_eu_top_diplomat_is_linked_to_borrell(seed: Annotation):
    diplomat = next(a for a in seed.actors if a.name == "EU's top diplomat")
    assert diplomat.kind == "person" and diplomat.same_as == "josep-borrell"


@pytest.mark.parametrize("content, actor_id", SAID)
def test_statements_resolve_to_who_said_them(seed: Annotation, seed_text: str, content: str, actor_id: str):
    start = seed_text.index(content)
    statement = next(s for s in seed.statements if any(c.start <= start < c.end for c in s.content))
    assert statement.actor == actor_id


def test_every_statement_with_a_source_has_an_actor(seed: Annotation, seed_text: str):
    unresolved = [s.source.text(seed_text) for s in seed.statements if s.source and s.actor is None]
    assert unresolved == []


def test_actor_ids_are_unique(seed: Annotation):
    ids = [a.id for a in seed.actors]
    assert len(ids) == len(set(ids))
