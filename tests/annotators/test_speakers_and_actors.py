

# --- the actor stage's rules, on hand-given statements ---------------------------------------------

from annotators import entities, entity_tagger, pipeline  # noqa: E402
from annotators.mentions import find_mentions, gazetteer  # noqa: E402
from annotators.model import Span  # noqa: E402

from .test_actors import actor, run, speakers  # noqa: E402


def test_an_honorific_picks_the_person_of_its_gender_among_namesakes():
    text = "Hillary Rivers and Bill Rivers spoke. Mrs. Rivers said the plan failed."
    assert speakers(run(text, (("the plan failed", "Mrs. Rivers"),))) == ["hillary-rivers"]


def test_a_lone_surname_is_the_namesake_the_article_named_first():
    text = "Sen. Ted Rivers spoke, with his wife, Heidi Rivers, beside him. Rivers said the vote was close."
    assert speakers(run(text, (("the vote was close", "Rivers"),))) == ["ted-rivers"]


def test_someones_family_is_a_group_of_its_own():
    text = "Keith Scott died on Tuesday. Scott's family said the video was clear."
    doc = run(text, (("the video was clear", "Scott's family"),))
    assert actor(doc, "Scott's family").kind == "group" and speakers(doc) == ["scotts-family"]


def test_a_host_named_in_apposition_is_the_speaker():
    text = "Another TV host, Abby Martin, said the annexation was wrong."
    doc = run(text, (("the annexation was wrong", "Another TV host, Abby Martin"),))
    assert speakers(doc) == ["abby-martin"]


def test_a_verb_before_a_role_word_makes_no_description():
    names = [a.name for a in run("In four cases Kaine defended people accused of crimes.").actors]
    assert "Kaine" in names and not any("defended" in name for name in names)


def test_a_source_that_runs_into_its_verb_is_the_name_before_it():
    text = "The Latest: Rivers urges supporters to vote early."
    doc = run(text, (("to vote early", "Rivers urges supporters"),))
    assert speakers(doc) == ["rivers"]


def clustered(text: str):
    doc = pipeline.run(text, until="sentences")
    mentions = find_mentions(doc)
    clusterer = entities.Clusterer(doc.text, gazetteer())
    clusterer.cluster(mentions)
    return doc, mentions, clusterer


def kind_of(clusterer, text: str, name: str) -> str:
    return next(e.kind for e in clusterer.entities if " ".join(e.words) == name)


def test_the_entity_finder_decides_the_kind_of_names_the_mention_finder_only_guessed():
    text = "We ate at Hidden Nook with Anna Berg. We saw Miracle Run twice."
    doc, mentions, clusterer = clustered(text)
    assert kind_of(clusterer, text, "Hidden Nook") == "person"  # the mention finder's default
    found = {Span(text.index("Hidden Nook"), text.index("Hidden Nook") + 11): "place"}
    entities.apply_entities(clusterer, text, found)
    assert kind_of(clusterer, text, "Hidden Nook") == "place"
    assert kind_of(clusterer, text, "Miracle Run") == "other"  # never tagged: nobody
    assert kind_of(clusterer, text, "Anna Berg") == "person"  # a given name: not a guess


def test_the_shipped_entity_finder_tags_people_and_places():
    text = "Angela Merkel flew to Paris on Monday."
    doc, mentions, _ = clustered(text)
    found = {span.text(text): kind for span, kind in entity_tagger.entities(doc, mentions).items()}
    assert found == {"Angela Merkel": "person", "Paris": "place"}


def test_entity_spans_decode_b_and_i_labels():
    assert entity_tagger.spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")
    ]
