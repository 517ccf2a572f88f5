"""Chips a reader can trust (issue 12): a stance reaches an actor's chips only when its target is an
actor or a noun phrase and the words show that actor taking that side. One sentence per rule, written
for the test; see docs/chip-rubric.md."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotators.stance import targets as rules
from annotators.stance import stage as stance
from annotators.doc import Doc

from .test_stance import at, doc, stances_of

def quoted(sentence: str) -> tuple[str, Doc]:
    """Ann Lee saying ``sentence`` (a direct quote)."""
    text = f"“{sentence}” Ann Lee said."
    return text, doc(text, {"Ann Lee": [at(text, "Ann Lee")]}, [("Ann Lee", "said", f"“{sentence}”", "Ann Lee")])


def reported(cue: str, content: str, extra: dict | None = None) -> Doc:
    """ "Ann Lee CUE CONTENT." as one statement, with more actors if given (name -> their words)."""
    text = f"Ann Lee {cue} {content}."
    actors = {"Ann Lee": [at(text, "Ann Lee")], **{name: [at(text, words)] for name, words in (extra or {}).items()}}
    return doc(text, actors, [("Ann Lee", cue, content, "Ann Lee")])


def not_said(text: str, extra: dict | None = None) -> Doc:
    """A sentence with no statement: only reported attitudes ("Ann Lee criticized X")."""
    actors = {"Ann Lee": [at(text, "Ann Lee")], **{name: [at(text, words)] for name, words in (extra or {}).items()}}
    return doc(text, actors, [])


def chips(result: Doc, name: str = "Ann Lee") -> dict[str, str]:
    return {target: side for target, side in stances_of(result, name).items() if side != "neutral"}


@pytest.mark.parametrize(
    "sentence",
    [
        "So this is a very dangerous time.",  # a fragment led by a conjunction and a pronoun
        "There is no rival that's unbeatable.",  # a clause
        "Most people are very upset with the council.",  # a quantifier, not a noun phrase
        "Running that office was harder than running a war.",  # a comparison takes no side
        "The city is in good shape.",  # a state, not a judgement
        "Interest rates are low.",  # too weak to be a judgement
        "The party would be wise to wait.",  # advice to a third party, hedged
        "We face a critical situation.",  # a cue word qualifying a noun
        "His supporters continue to show enthusiasm.",  # "supporters" are people, not "support"
        "The admirals met on Tuesday.",  # "admirals" share a stem with "admire", not a meaning
        "I cannot condemn the strike.",  # a negated condemnation is no support
        "You went on television to blame the workers.",  # the addressee's act
        "Bo thought the whole thing was outrageous.",  # a report, not a subject
        "We must bring back the old rules.",  # "back" as a particle
    ],
)
def test_no_chip_from_words_that_take_no_side(sentence):
    _, made = quoted(sentence)
    assert chips(stance.stage(made)) == {}


def test_a_booster_makes_a_mild_word_a_judgement():
    _, made = quoted("The plan is very difficult.")
    assert chips(stance.stage(made)) == {"plan": "against"}


def test_an_abbreviation_keeps_its_name_and_a_negated_support_is_against():
    result = stance.stage(reported("said she did not support", "Mr. Brown"))
    assert chips(result) == {"Mr. Brown": "against"}


def test_the_us_is_not_a_letter_u():
    result = stance.stage(reported("condemned", "the attack on the U.S. embassy"))
    assert chips(result) == {"attack on the U.S. embassy": "against"}


def test_accused_x_of_doing_is_against_x():
    result = stance.stage(reported("accused", "Bo Chan of lying"))
    assert chips(result) == {"Bo Chan": "against"}


def test_a_request_that_something_be_done_to_the_target_is_no_stance_on_it():
    assert chips(stance.stage(reported("called for", "the mayor to be removed from office"))) == {}


def test_advice_to_do_something_is_no_stance_against_whom_it_is_given():
    assert chips(stance.stage(reported("warned", "residents to stay indoors"))) == {}


def test_a_warning_that_something_will_not_happen_is_no_stance_against_it():
    assert chips(stance.stage(reported("warned", "that the museum would not be a cure"))) == {}


def test_the_object_inside_the_cue_is_the_target():
    text = "Ann Lee agreed with Bo Chan about the winner."
    made = doc(text, {"Ann Lee": [at(text, "Ann Lee")], "Bo Chan": [at(text, "Bo Chan")]},
               [("Ann Lee", "agreed with Bo Chan about", "the winner", "Ann Lee")])
    assert chips(stance.stage(made)) == {"Bo Chan": "favor"}


def test_a_conditional_takes_no_side():
    assert chips(stance.stage(reported("said", "that if the council rejected the plan, she would resign"))) == {}


def test_a_noun_naming_an_act_may_be_anyones():
    assert chips(stance.stage(reported("cited", "criticism of the mayor"))) == {}


def test_a_relative_clause_holds_its_own_subjects_view():
    _, made = quoted("The other party, who also opposes this motion, is not here.")
    assert chips(stance.stage(made)) == {}


def test_another_actor_named_before_the_cue_is_the_one_who_acts():
    result = stance.stage(reported("says", "Bo Chan promised to keep supporting the mayor", {"Bo Chan": "Bo Chan"}))
    assert chips(result) == {}


def test_the_fact_that_is_no_target():
    assert chips(stance.stage(reported("mocked", "the fact that the mayor was late"))) == {}


def test_a_demonstrative_without_a_noun_is_no_target():
    assert chips(stance.stage(reported("blamed", "this on the mayor"))) == {}


def test_a_phrasal_verb_particle_is_no_target():
    assert chips(stance.stage(not_said("Ann Lee backed out."))) == {}


def test_a_passive_cue_is_someone_elses_view_and_the_active_one_is_the_subjects():
    assert chips(stance.stage(not_said("Ann Lee has been criticized for her budget."))) == {}
    assert chips(stance.stage(not_said("Ann Lee criticized the budget."))) == {"budget": "against"}


def test_avoiding_an_act_takes_no_side():
    assert chips(stance.stage(not_said("Ann Lee avoided condemning the invasion."))) == {}


def test_a_question_takes_no_side():
    assert chips(stance.stage(not_said("But has Ann Lee called for new rules?"))) == {}


def test_a_negated_action_is_a_stance_only_for_the_speakers_own_side():
    assert chips(stance.stage(reported("said", "the council has not supplied an estimate"))) == {}
    _, made = quoted("We will not accept a partial deal.")
    assert chips(stance.stage(made)) == {"partial deal": "against"}


def test_an_actor_that_is_no_one_holds_no_chips():
    made = reported("condemned", "the new tax")
    other = replace(made, actors=tuple(replace(a, kind="other") for a in made.actors))
    assert chips(stance.stage(other)) == {}
    assert chips(stance.stage(made)) == {"new tax": "against"}


def test_the_models_verdict_stays_on_its_statement(monkeypatch):
    text = "Ann Lee said Bo Chan did a fine job."
    made = doc(text, {"Ann Lee": [at(text, "Ann Lee")], "Bo Chan": [at(text, "Bo Chan")]},
               [("Ann Lee", "said", "Bo Chan did a fine job", "Ann Lee")])
    monkeypatch.setattr(stance, "_model_polarity", lambda *args: (1, 0.99))
    result = stance.stage(made)
    assert [(s.target, s.polarity) for s in result.statements[0].stances] == [("Bo Chan", "favor")]
    assert chips(result) == {}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["so", "this"], False),
        (["that's", "unbeatable"], False),
        (["u"], False),
        (["holt", "of"], False),
        (["them"], False),
        (["this", "on", "the", "mayor"], False),
        (["the", "bill", "is", "a", "bad", "idea"], False),
        (["more", "sanctions", "on", "russia"], True),
        (["calls", "to", "get", "nato", "involved"], True),
        (["russian", "attacks", "on", "civilians"], True),
        (["microphone"], True),  # a noun: whether it is what the stance is about is another matter
    ],
)
def test_a_target_is_a_noun_phrase(words, expected):
    assert rules.noun_phrase(words) is expected
