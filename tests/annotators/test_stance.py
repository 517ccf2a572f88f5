"""The stance stage's rules, each on the sentence it exists for, over hand-made statements and actors."""

from __future__ import annotations

from dataclasses import replace

from annotators.doc import Doc
from annotators.model import Actor, Span, Statement
from annotators.pipeline import run
from annotators.stance import stage as stance


def at(text: str, piece: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of ``piece`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span(start, start + len(piece))


def doc(text: str, actors: dict[str, list[Span]], statements: list[tuple[str, str | None, str, str]],
        same_as: dict[str, str] | None = None) -> Doc:
    """A segmented Doc with actors (name -> mentions) and statements (actor, cue, content, source)."""
    base = run(text, until="sentences")
    ids = {name: f"a{i}" for i, name in enumerate(actors, 1)}
    people = tuple(
        Actor(ids[name], name, "person", mentions=tuple(spans), same_as=ids.get((same_as or {}).get(name, "")))
        for name, spans in actors.items()
    )
    said = tuple(
        Statement(f"s{i}", "indirect", (at(text, content),), at(text, cue) if cue else None, at(text, source), ids[actor])
        for i, (actor, cue, content, source) in enumerate(statements, 1)
    )
    return replace(base, actors=people, statements=said)


def stances_of(result: Doc, name: str) -> dict[str, str]:
    actor = next(a for a in result.actors if a.name == name)
    return {s.target: s.polarity for s in actor.stances}


def test_a_favouring_cue_makes_its_object_a_target():
    text = "The mayor has called for a new bridge over the river to end the traffic jams."
    result = stance.stage(doc(text, {"Mayor": [at(text, "The mayor")]},
                              [("Mayor", "called for", "a new bridge over the river to end the traffic jams", "The mayor")]))
    statement = result.statements[0]
    assert [(s.target, s.polarity) for s in statement.stances][0] == ("new bridge", "favor")
    assert statement.stances[0].evidence[0].text(text) == "called for a new bridge"
    assert stances_of(result, "Mayor")["traffic jams"] == "against"  # "to end the traffic jams"


def test_a_subject_evaluated_by_its_predicate_is_a_target_and_calls_for_it_mean_it():
    text = "Jane Doe said calls to raise taxes again were “irresponsible.”"
    result = stance.stage(doc(text, {"Jane Doe": [at(text, "Jane Doe")]},
                              [("Jane Doe", "said", "calls to raise taxes again were “irresponsible.”", "Jane Doe")]))
    assert stances_of(result, "Jane Doe") == {"calls to raise taxes": "against"}


def test_a_progressive_verb_after_a_copula_is_not_an_evaluation():
    text = "The minister said the city is facing a terrible crisis."
    result = stance.stage(doc(text, {"Minister": [at(text, "The minister")]},
                              [("Minister", "said", "the city is facing a terrible crisis", "The minister")]))
    assert "city" not in stances_of(result, "Minister")


def test_described_as_evaluates_the_thing_described_and_an_anaphor_takes_it_up():
    text = ("The office described the plan as “a very good idea” but said it would be "
            "very difficult to pay for.")
    result = stance.stage(doc(text, {"Office": [at(text, "The office")]}, [
        ("Office", "described", "the plan as “a very good idea”", "The office"),
        ("Office", "said", "it would be very difficult to pay for", "The office"),
    ]))
    assert [(s.target, s.polarity) for s in result.statements[1].stances] == [("plan", "against")]
    assert stances_of(result, "Office") == {"plan": "mixed"}


def test_a_stance_noun_inside_the_content_aims_at_its_of_phrase():
    text = "“This shows the cruelty of this blockade,” Ann Lee said."
    result = stance.stage(doc(text, {"Ann Lee": [at(text, "Ann Lee")]},
                              [("Ann Lee", "said", "This shows the cruelty of this blockade,", "Ann Lee")]))
    assert stances_of(result, "Ann Lee") == {}  # "cruelty" is no stance cue: nothing invented
    text = "“This shows the recklessness of this blockade,” Ann Lee said."
    result = stance.stage(doc(text, {"Ann Lee": [at(text, "Ann Lee")]},
                              [("Ann Lee", "said", "This shows the recklessness of this blockade,", "Ann Lee")]))
    assert stances_of(result, "Ann Lee") == {"blockade": "against"}


def test_a_negated_action_is_against_its_object():
    text = "“We will not accept a partial deal,” Bo Chan said."
    result = stance.stage(doc(text, {"Bo Chan": [at(text, "Bo Chan")]},
                              [("Bo Chan", "said", "We will not accept a partial deal,", "Bo Chan")]))
    assert stances_of(result, "Bo Chan") == {"partial deal": "against"}


def question_and_answer() -> Doc:
    """Kim Park answers a question put to her; both statements given to her, as a tagger would."""
    text = ("Asked whether the council would approve higher parking fees, Kim Park said: "
            "“We strongly support it.”")
    return doc(text, {"Kim Park": [at(text, "Kim Park")]}, [
        ("Kim Park", "Asked", "whether the council would approve higher parking fees", "Kim Park"),
        ("Kim Park", "said", "We strongly support it.", "Kim Park"),
    ])


def test_the_answer_to_a_question_takes_a_side_on_its_topic():
    result = stance.stage(question_and_answer())
    assert [(s.target, s.polarity) for s in result.statements[0].stances] == [("higher parking fees", "neutral")]
    assert stances_of(result, "Kim Park") == {"higher parking fees": "favor"}


def test_a_non_committal_answer_takes_no_side_on_the_topic():
    text = ("Asked whether the council would approve higher parking fees, Kim Park said: "
            "“Everything remains on the table.”")
    result = stance.stage(doc(text, {"Kim Park": [at(text, "Kim Park")]}, [
        ("Kim Park", "Asked", "whether the council would approve higher parking fees", "Kim Park"),
        ("Kim Park", "said", "Everything remains on the table.", "Kim Park"),
    ]))
    assert stances_of(result, "Kim Park") == {}


def test_a_question_from_an_unnamed_asker_still_gives_the_answer_its_topic():
    base = question_and_answer()
    question, answer = base.statements
    result = stance.stage(replace(base, statements=(replace(question, actor=None, source=None), answer)))
    assert result.statements[0].stances == ()
    assert stances_of(result, "Kim Park") == {"higher parking fees": "favor"}


def test_such_a_step_resolves_to_another_speakers_earlier_target():
    text = ("Officials said a rate hike was not a viable option. "
            "Some banks warned that such a step could cause a recession.")
    result = stance.stage(doc(text, {"Officials": [at(text, "Officials")], "Some banks": [at(text, "Some banks")]}, [
        ("Officials", "said", "a rate hike was not a viable option", "Officials"),
        ("Some banks", "warned", "that such a step could cause a recession", "Some banks"),
    ]))
    assert stances_of(result, "Officials") == {"rate hike": "against"}
    assert stances_of(result, "Some banks") == {"rate hike": "against"}


def test_denying_a_claim_is_no_stance_on_its_subject_and_a_clause_is_no_target():
    text = "The company denies that its workers are underpaid."
    result = stance.stage(doc(text, {"Company": [at(text, "The company")]},
                              [("Company", "denies", "that its workers are underpaid", "The company")]))
    assert stances_of(result, "Company") == {}


def test_a_nested_statement_keeps_its_targets_to_its_own_speaker():
    text = "According to aides, the ministers agreed that the tax was not a viable option."
    result = stance.stage(doc(text, {"aides": [at(text, "aides")], "ministers": [at(text, "the ministers")]}, [
        ("aides", "According to", "the ministers agreed that the tax was not a viable option", "aides"),
        ("ministers", "agreed", "that the tax was not a viable option", "the ministers"),
    ]))
    assert stances_of(result, "ministers") == {"tax": "against"}
    assert stances_of(result, "aides") == {}


def test_reported_attitudes_outside_statements_count_for_the_actor():
    text = "The senator resisted calls for a new stadium. Mr. Ray echoed Ms. Ito's condemnation of the fines."
    result = stance.stage(doc(text, {
        "Senator": [at(text, "The senator")], "Ray": [at(text, "Mr. Ray")], "Ito": [at(text, "Ms. Ito")],
    }, []))
    assert stances_of(result, "Senator") == {"new stadium": "against"}
    assert stances_of(result, "Ito") == {"fines": "against"}
    assert stances_of(result, "Ray") == {"fines": "against"}


def test_an_actor_named_in_a_statement_is_a_target_and_never_the_speaker_himself():
    text = "Jo Kay praised Al Bell for his courage, Jo Kay said."
    result = stance.stage(doc(text, {"Jo Kay": [at(text, "Jo Kay"), at(text, "Jo Kay", 1)],
                                     "Al Bell": [at(text, "Al Bell")]},
                              [("Jo Kay", "said", "Jo Kay praised Al Bell for his courage,", "Jo Kay")]))
    targets = {s.target_actor for s in result.statements[0].stances}
    assert "a2" in targets and "a1" not in targets


def test_a_descriptive_actor_holds_its_stances_as_the_named_actor_it_stands_for():
    text = "The bank's chief, Lena Ruiz, condemned the new levy."
    result = stance.stage(doc(text, {"Lena Ruiz": [at(text, "Lena Ruiz")], "chief": [at(text, "The bank's chief")]},
                              [("chief", "condemned", "the new levy", "The bank's chief")],
                              same_as={"chief": "Lena Ruiz"}))
    assert stances_of(result, "Lena Ruiz") == {"new levy": "against"}
    assert stances_of(result, "chief") == {}


def test_statements_without_a_speaker_have_no_stances():
    text = "Critics condemned the plan."
    base = doc(text, {"Critics": [at(text, "Critics")]}, [("Critics", "condemned", "the plan", "Critics")])
    base = replace(base, statements=(replace(base.statements[0], actor=None),))
    result = stance.stage(base)
    assert result.statements[0].stances == ()


def test_the_stance_stage_asks_the_classifier_it_is_given():
    from annotators.pipeline import run, stages_until
    from annotators.stance.stage import stage_with

    asked = []

    def favourable(text, first, second):
        asked.append(text)
        return {"neutral": 0.0, "first+second": 1.0, "second+first": 0.0, "first-second": 0.0, "second-first": 0.0}

    text = "Angela Merkel said that Emmanuel Macron was a fine partner for the talks.\n"
    doc = stage_with(favourable)(run(text, until="first_person"))
    assert asked, "the given classifier scored the pair"
    assert any(s.polarity == "favor" for statement in doc.statements for s in statement.stances)
