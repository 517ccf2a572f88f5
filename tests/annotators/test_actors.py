"""The actors stage, one test per rule, each on the sentence the rule exists for."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from annotators import actors, first_person, pipeline
from annotators.doc import Doc
from annotators.model import Actor, Span, Statement


def span_of(text: str, part: str) -> Span:
    """Where ``part`` first occurs as whole words ("he" is not the "he" in "the")."""
    found = re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text)
    assert found, part
    return Span(found.start(), found.end())


def run(text: str, said: tuple[tuple[str, str], ...] = ()) -> Doc:
    """The actors stage over ``text``, with statements given as (content, source) substrings."""
    doc = pipeline.run(text, until="sentences")
    statements = tuple(
        Statement(f"s{n}", "direct", (span_of(text, content),), None, span_of(text, source), None)
        for n, (content, source) in enumerate(said)
    )
    return first_person.stage(actors.stage(replace(doc, statements=statements)))


def actor(doc: Doc, name: str) -> Actor:
    found = [a for a in doc.actors if a.name == name]
    assert found, f"no actor {name!r} in {[a.name for a in doc.actors]}"
    return found[0]


def mentions(doc: Doc, name: str) -> list[str]:
    return [m.text(doc.text) for m in actor(doc, name).mentions]


def speakers(doc: Doc) -> list[str | None]:
    return [s.actor for s in doc.statements]


# --- names -----------------------------------------------------------------------------------------


def test_title_with_owner_is_split_from_the_name():
    doc = run("United States Secretary of State Antony Blinken on Friday said the talks failed.")
    blinken = actor(doc, "Antony Blinken")
    assert blinken.kind == "person" and blinken.id == "antony-blinken"
    assert blinken.titles == ("United States Secretary of State",)
    assert mentions(doc, "Antony Blinken") == ["Antony Blinken"]


def test_surname_alone_is_the_person_named_in_full():
    doc = run("Antony Blinken arrived in Brussels. Later, Blinken left for Warsaw.")
    assert mentions(doc, "Antony Blinken") == ["Antony Blinken", "Blinken"]
    assert actor(doc, "Antony Blinken").aliases == ("Blinken",)


def test_surname_before_the_full_name_is_the_same_person():
    doc = run("Blinken spoke first. The talks were led by Antony Blinken.")
    assert mentions(doc, "Antony Blinken") == ["Blinken", "Antony Blinken"]


def test_honorific_is_part_of_the_mention_and_an_alias():
    doc = run("Antony Blinken arrived. Mr. Blinken said the talks went well.")
    assert mentions(doc, "Antony Blinken") == ["Antony Blinken", "Mr. Blinken"]
    assert "Mr. Blinken" in actor(doc, "Antony Blinken").aliases


def test_lexicon_organisation_with_its_long_name_as_alias():
    doc = run("Foreign ministers of the North Atlantic Treaty Organization (NATO) met. NATO said little.")
    nato = actor(doc, "NATO")
    assert nato.kind == "organisation" and nato.id == "nato"
    assert "North Atlantic Treaty Organization" in nato.aliases
    assert mentions(doc, "NATO") == ["North Atlantic Treaty Organization", "NATO", "NATO"]


def test_acronym_defined_in_parentheses_names_the_same_organisation():
    doc = run("The Center for American Progress (CAP) published a report. CAP said it was late.")
    center = actor(doc, "Center for American Progress")
    assert center.kind == "organisation"
    assert mentions(doc, "Center for American Progress") == ["Center for American Progress", "CAP", "CAP"]


def test_possessive_is_a_mention_of_the_owner():
    doc = run("They met to discuss Russia's invasion of Ukraine.")
    assert mentions(doc, "Russia") == ["Russia"]
    assert actor(doc, "Ukraine").kind == "place"


def test_demonym_adjective_stands_for_the_country():
    doc = run("He condemned Russian attacks on civilians.")
    russia = actor(doc, "Russia")
    assert russia.kind == "place" and mentions(doc, "Russia") == ["Russian"]


def test_demonym_with_a_group_noun_is_a_group_of_its_own():
    doc = run("Ukrainian authorities said the plant was seized.")
    group = actor(doc, "Ukrainian authorities")
    assert group.kind == "group"
    assert all(a.name != "Ukraine" for a in doc.actors)


def test_ordinary_word_starting_a_sentence_is_not_a_name():
    doc = run("Asked about sanctions, Blinken said nothing. Everything remains open.")
    assert [a.name for a in doc.actors] == ["Blinken"]


def test_first_word_the_article_capitalises_elsewhere_is_a_name():
    doc = run("Neil Young arrived late. Young said the show would go on.")
    assert mentions(doc, "Neil Young") == ["Neil Young", "Young"]


def test_title_case_line_keeps_only_words_capitalised_elsewhere():
    text = (
        "The senator, a doctor, met the builder, Donald Trump, and Rand Paul on Monday in the evening.\n\n"
        "Rand Paul Scores Direct Hit On Donald Trump\n\nThe debate ended."
    )
    doc = run(text)
    assert sorted(a.name for a in doc.actors) == ["Donald Trump", "Rand Paul"]
    assert mentions(doc, "Rand Paul") == ["Rand Paul", "Rand Paul"]


def test_line_in_capitals_keeps_only_lexicon_names_and_words_capitalised_elsewhere():
    text = (
        "The talks began in Geneva on Monday morning after a delay.\n\n"
        "EXPERTS DOWNPLAY RISK IN GENEVA\n\nThey ended."
    )
    doc = run(text)
    assert [a.name for a in doc.actors] == ["Geneva"]


def test_days_and_months_are_not_names():
    doc = run("On Friday, Borrell said the war began on Feb. 24 and would last into March.")
    assert [a.name for a in doc.actors] == ["Borrell"]


def test_a_name_ending_in_an_organisation_word_is_an_organisation():
    doc = run("The Foreign Ministry said the ambassador was recalled.")
    assert actor(doc, "Foreign Ministry").kind == "organisation"


def test_lower_case_title_before_a_name_takes_the_organisation_before_it():
    doc = run("Kremlin spokesman Dmitry Peskov said the talks were over.")
    peskov = actor(doc, "Dmitry Peskov")
    assert peskov.titles == ("Kremlin spokesman",)
    assert [a.name for a in doc.actors] == ["Dmitry Peskov"]


def test_lone_given_name_is_a_person_of_that_gender():
    text = "Hillary met Bernie Sanders. She said the debate was fair."
    doc = run(text, (("the debate was fair", "She"),))
    assert actor(doc, "Hillary").kind == "person"
    assert speakers(doc) == ["hillary"]


def test_run_starting_with_a_given_name_is_one_person():
    doc = run("Bryan English, an aide, said the vote was close.")
    assert actor(doc, "Bryan English").kind == "person"
    assert all(a.name != "England" for a in doc.actors)


def test_lone_unknown_word_after_in_is_a_place():
    doc = run("Troops fought in Fallujah for weeks.")
    assert actor(doc, "Fallujah").kind == "place"


def test_plural_of_a_party_adjective_is_a_group():
    text = "Republicans met on Monday. They said the bill would pass."
    doc = run(text, (("the bill would pass", "They"),))
    assert actor(doc, "Republicans").kind == "group"
    assert speakers(doc) == ["republicans"]


def test_place_in_capitals_is_the_place():
    doc = run("The mayor spoke in CHICAGO and later in Chicago.")
    assert mentions(doc, "Chicago") == ["CHICAGO", "Chicago"]


def test_plural_demonym_before_a_name_is_a_group_not_part_of_the_name():
    doc = run("Floridians Jeb Bush and Marco Rubio met on Monday.")
    assert actor(doc, "Floridians").kind == "group"
    assert actor(doc, "Jeb Bush").kind == "person"


def test_name_with_an_event_word_is_not_a_person():
    text = "Voting ended on Election Day. He said the count was slow."
    doc = run(text, (("the count was slow", "He"),))
    assert actor(doc, "Election Day").kind == "other"
    assert speakers(doc) == [None]


def test_lower_case_military_rank_is_no_title():
    doc = run("He is a major Rahm Emanuel ally.")
    assert actor(doc, "Rahm Emanuel").titles == ()


def test_titled_name_stops_before_of_and_a_place():
    doc = run("Senate Minority Whip Richard J. Durbin of Illinois said Durbin would vote.")
    durbin = actor(doc, "Richard J. Durbin")
    assert durbin.titles == ("Senate Minority Whip",)
    assert mentions(doc, "Richard J. Durbin") == ["Richard J. Durbin", "Durbin"]
    assert actor(doc, "Illinois").kind == "place"


def test_name_that_ends_another_name_is_that_person():
    doc = run("Officer Jason Van Dyke was charged. Van Dyke said nothing.")
    assert mentions(doc, "Jason Van Dyke") == ["Jason Van Dyke", "Van Dyke"]


def test_us_in_capitals_is_the_country_not_a_pronoun():
    doc = run("The US said it would send aid.")
    assert actor(doc, "United States").kind == "place"


# --- descriptions ----------------------------------------------------------------------------------


def test_possessive_role_is_a_description_of_its_own():
    doc = run("The EU's top diplomat said the war had begun.")
    diplomat = actor(doc, "EU's top diplomat")
    assert diplomat.kind == "person" and diplomat.same_as is None
    assert mentions(doc, "EU") == ["EU"]


def test_description_in_apposition_is_linked_to_the_name():
    text = "“It is war,” said the EU's top diplomat, Josep Borrell, on Friday."
    doc = run(text, (("It is war", "the EU's top diplomat, Josep Borrell"),))
    assert actor(doc, "EU's top diplomat").same_as == "josep-borrell"
    assert speakers(doc) == ["josep-borrell"]


def test_description_of_a_head_is_linked_to_the_titled_head():
    text = (
        "NATO Secretary-General Jens Stoltenberg arrived on Monday. NATO's head said the alliance was ready."
    )
    doc = run(text, (("the alliance was ready", "NATO's head"),))
    assert actor(doc, "NATO's head").same_as == "jens-stoltenberg"
    assert speakers(doc) == ["jens-stoltenberg"]


def test_spokesman_for_an_organisation_is_a_description_containing_it():
    doc = run("A spokesman for the Kremlin said the talks were over.")
    spokesman = actor(doc, "spokesman for the Kremlin")
    assert spokesman.kind == "person"
    assert mentions(doc, "Kremlin") == ["Kremlin"]


def test_title_without_a_name_is_linked_to_the_person_with_that_title():
    text = (
        "Ukrainian President Volodymyr Zelenskyy spoke on Friday. The Ukrainian President said talks failed."
    )
    doc = run(text, (("talks failed", "The Ukrainian President"),))
    assert speakers(doc) == ["volodymyr-zelenskyy"]


def test_lower_case_title_source_is_linked_to_the_person_with_that_title():
    text = "Ukrainian President Volodymyr Zelenskyy spoke on Friday. Later the president said talks failed."
    doc = run(text, (("talks failed", "the president"),))
    assert speakers(doc) == ["volodymyr-zelenskyy"]


def test_spokesman_for_an_organisation_is_linked_to_its_named_spokesman():
    text = "Kremlin spokesman Dmitry Peskov spoke on Monday. A spokesman for the Kremlin said talks were over."
    doc = run(text, (("talks were over", "A spokesman for the Kremlin"),))
    assert actor(doc, "spokesman for the Kremlin").same_as == "dmitry-peskov"
    assert speakers(doc) == ["dmitry-peskov"]


def test_the_alliance_is_the_alliance_named_before():
    doc = run("NATO ministers met in Brussels. The alliance said it was defensive.")
    assert "The alliance" in mentions(doc, "NATO")


def test_source_that_names_nobody_becomes_a_description():
    text = "According to diplomats at the meeting, the plan failed."
    doc = run(text, (("the plan failed", "diplomats at the meeting"),))
    diplomats = actor(doc, "diplomats")
    assert diplomats.kind == "group"
    assert speakers(doc) == ["diplomats"]


# --- pronouns --------------------------------------------------------------------------------------


def test_he_is_the_subject_of_the_sentence_before():
    text = "Antony Blinken met Sergei Lavrov in Geneva. He said the talks were useful."
    doc = run(text, (("the talks were useful", "He"),))
    assert speakers(doc) == ["antony-blinken"]
    assert "He" in mentions(doc, "Antony Blinken")


def test_he_skips_a_person_known_to_be_a_woman():
    text = "Ms. Joly met Mr. Blinken on Friday. He said the talks were useful."
    doc = run(text, (("the talks were useful", "He"),))
    assert speakers(doc) == ["blinken"]


def test_he_after_a_quote_is_not_someone_named_in_the_quote():
    text = "Cordisco said the office was busy. “Bill Clinton is very active,” he said."
    doc = run(text, (("the office was busy", "Cordisco"), ("Bill Clinton is very active", "he")))
    assert speakers(doc) == ["cordisco", "cordisco"]


def test_she_may_be_a_lone_surname_which_becomes_a_person():
    text = "On Monday, Clinton spoke in Ohio. She said the crowd was large."
    doc = run(text, (("the crowd was large", "She"),))
    assert speakers(doc) == ["clinton"]
    assert actor(doc, "Clinton").kind == "person"


def test_a_word_only_ever_first_in_its_sentence_is_no_antecedent():
    text = "Naturally, the talks went on. He said the crowd was large."
    doc = run(text, (("the crowd was large", "He"),))
    assert speakers(doc) == [None]


def test_possessive_its_is_the_nearest_organisation_or_place():
    doc = run("NATO will defend all its allies.")
    assert mentions(doc, "NATO") == ["NATO", "its"]


def test_it_that_is_not_a_source_is_left_alone():
    doc = run("NATO said the war must end. It would take years to end it.")
    assert mentions(doc, "NATO") == ["NATO"]


def test_they_as_a_source_is_the_group_before():
    text = "Ukrainian authorities met on Friday. They said the plant was seized."
    doc = run(text, (("the plant was seized", "They"),))
    assert speakers(doc) == ["ukrainian-authorities"]


def test_we_in_a_quote_is_the_speakers_organisation():
    text = "NATO ministers met. “We will defend every inch,” NATO Secretary-General Jens Stoltenberg said."
    doc = run(text, (("We will defend every inch", "NATO Secretary-General Jens Stoltenberg"),))
    assert speakers(doc) == ["jens-stoltenberg"]
    assert mentions(doc, "NATO") == ["NATO", "We"]


def test_i_in_a_quote_is_the_speaker():
    text = "“I will go,” Antony Blinken said."
    doc = run(text, (("I will go", "Antony Blinken"),))
    assert mentions(doc, "Antony Blinken") == ["I", "Antony Blinken"]


def test_we_in_a_quote_continued_from_the_paragraph_before_is_its_speaker():
    text = "Antony Blinken spoke on Friday.\n\n“We are ready.”"
    doc = actors.stage(pipeline.run(text, until="sentences"))
    continued = Statement("s0", "direct", (span_of(text, "We are ready."),), None, None, "antony-blinken")
    doc = first_person.stage(replace(doc, statements=(continued,)))
    assert mentions(doc, "Antony Blinken") == ["Antony Blinken", "We"]


def test_we_in_reported_speech_is_left_alone():
    text = "Antony Blinken said we are ready."
    doc = actors.stage(pipeline.run(text, until="sentences"))
    reported = Statement("s0", "indirect", (span_of(text, "we are ready"),), None, None, "antony-blinken")
    doc = first_person.stage(replace(doc, statements=(reported,)))
    assert mentions(doc, "Antony Blinken") == ["Antony Blinken"]


def test_relative_pronoun_source_is_the_name_before_it():
    text = "Josep Borrell, who joined the ministers, said the war had begun."
    doc = run(text, (("the war had begun", "who"),))
    assert speakers(doc) == ["josep-borrell"]


# --- statement sources -----------------------------------------------------------------------------


def test_source_resolves_to_its_head_not_to_a_relative_clause():
    text = "Lithuanian Prime Minister Ingrida Simonyte, whose country borders Belarus, said calls were wrong."
    source = "Lithuanian Prime Minister Ingrida Simonyte, whose country borders Belarus,"
    doc = run(text, (("calls were wrong", source),))
    assert speakers(doc) == ["ingrida-simonyte"]


def test_source_name_of_a_place_is_the_name_not_the_place():
    text = "Gov. Terry E. Branstad of Iowa said the race was close."
    doc = run(text, (("the race was close", "Gov. Terry E. Branstad of Iowa"),))
    assert speakers(doc) == ["terry-e-branstad"]


def test_name_before_a_lower_case_noun_is_not_the_source():
    text = "American law enforcement officials said the threat was real."
    doc = run(text, (("the threat was real", "American law enforcement officials"),))
    assert speakers(doc) == ["american-law-enforcement-officials"]
    assert actor(doc, "American law enforcement officials").kind == "group"


def test_name_in_apposition_after_a_description_is_the_source():
    text = "Bernie Sanders spoke first. His rival, Hillary Clinton, said the plan was costly."
    doc = run(text, (("the plan was costly", "His rival, Hillary Clinton,"),))
    assert speakers(doc) == ["hillary-clinton"]


def test_description_from_a_source_drops_a_trailing_modal():
    text = "Polls show some voters would switch sides."
    doc = run(text, (("switch sides", "some voters would"),))
    assert actor(doc, "some voters").kind == "group"


def test_statement_without_a_resolvable_source_keeps_no_actor():
    text = "It said the talks failed."
    doc = run(text, (("the talks failed", "It"),))
    assert speakers(doc) == [None]


@pytest.mark.parametrize(
    "name, expected",
    [("Mélanie Joly", "melanie-joly"), ("EU's top diplomat", "eus-top-diplomat"), ("NATO", "nato")],
)
def test_ids_are_ascii_slugs_of_the_name(name: str, expected: str):
    assert actors.slug(name) == expected


def test_ids_are_unique_within_the_article():
    doc = run("Georgia Smith visited Georgia. Smith said Georgia was lovely.")
    ids = [a.id for a in doc.actors]
    assert len(ids) == len(set(ids))
