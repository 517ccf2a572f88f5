"""Each attribution rule with the sentence it exists for."""

from __future__ import annotations

import pytest

from annotators.pipeline import run



def statements(text: str) -> list[tuple[str, str | None, str | None, list[str]]]:
    """(kind, source, cue, content pieces) per statement, in document order."""
    doc = run(text, until="attribution")
    return [
        (s.kind, s.source.text(text) if s.source else None, s.cue.text(text) if s.cue else None,
         [c.text(text) for c in s.content])
        for s in doc.annotation().statements
    ]


def test_quote_interrupted_by_its_attribution_is_one_statement_with_two_pieces():
    assert statements("“We are ready,” she said. “We will not back down.”") == [
        ("direct", "she", "said", ["“We are ready,”", "“We will not back down.”"])
    ]


def test_quote_resumed_after_a_comma():
    assert statements("“The way I see it,” she elaborated, “no one questions it.”") == [
        ("direct", "she", "elaborated", ["“The way I see it,”", "“no one questions it.”"])
    ]


def test_quote_resumed_after_a_speaker_described_by_a_relative_clause():
    assert statements("“The risk,” said Ed Lee, an economist who runs the forecast, “is that jobs leave.”") == [
        ("direct", "Ed Lee", "said", ["“The risk,”", "“is that jobs leave.”"])
    ]


def test_quote_after_a_second_cue_is_not_resumed():
    assert statements("“The risk is real,” said Ed Lee, adding, “jobs will leave.”") == [
        ("direct", "Ed Lee", "said", ["“The risk is real,”"]),
        ("direct", "Ed Lee", "adding", ["“jobs will leave.”"]),
    ]


def test_a_paragraph_ending_in_a_cue_and_a_colon_introduces_the_next_paragraph():
    text = "The hall fell silent.\n\nAs Pollak reported after the raid:\n\n“The government has done almost nothing.”\n"
    assert statements(text) == [("direct", "Pollak", "reported", ["“The government has done almost nothing.”"])]
    text = "The hall fell silent.\n\nBreitbart News responded:\n\nThe claims are false.\n"
    assert statements(text) == [("indirect", "Breitbart News", "responded", ["The claims are false."])]


def test_a_colon_without_a_cue_or_before_a_paragraph_with_its_own_attribution_introduces_nothing():
    assert statements("The hall fell silent.\n\nHere is the list:\n\nApples, pears and plums.\n") == []
    assert statements("The hall fell silent.\n\nCruz continued:\n\n“We will win,” he said.\n") == [
        ("direct", "he", "said", ["“We will win,”"])
    ]


def test_a_quoted_programme_told_is_the_listener_not_the_content():
    assert statements("“We must bomb more,” the nominee told “Fox and Friends” after the attack.") == [
        ("direct", "the nominee", "told", ["“We must bomb more,”"])
    ]
    assert statements("Trump told “Meet the Press” that he would win.") == [
        ("indirect", "Trump", "told", ["that he would win"])
    ]


def test_a_sentence_opening_with_the_cue_then_the_speaker_then_the_quote():
    assert statements("Said Comey, “The thought is very painful to us.”") == [
        ("direct", "Comey", "Said", ["“The thought is very painful to us.”"])
    ]


def test_the_person_told_after_a_described_speaker_is_not_the_speaker():
    text = "“That was a good speech,” Rep. Steve Cohen, Democrat of Tennessee, told Mr. Obama."
    assert statements(text) == [("direct", "Rep. Steve Cohen", "told", ["“That was a good speech,”"])]


def test_a_manner_adverb_before_the_cue_is_not_the_speaker():
    text = "Katrina Pierson defended him, wrongly suggesting Curiel is part of a group."
    assert [(source, content) for _, source, _, content in statements(text)][-1] == (
        "Katrina Pierson", ["Curiel is part of a group"]
    )
    assert statements("His ally said the plan would fail.") == [
        ("indirect", "His ally", "said", ["the plan would fail"])
    ]


def test_a_phrase_after_an_inverted_cue_that_starts_with_a_preposition_is_not_the_speaker():
    text = "“It's long,” Tina Tchen, Mrs. Obama's chief of staff, said in an interview."
    assert statements(text) == [("direct", "Tina Tchen", "said", ["“It's long,”"])]


def test_speaker_before_a_description_set_off_by_dashes():
    assert statements("Sanders -- who has won three states -- said the race is not over.") == [
        ("indirect", "Sanders", "said", ["the race is not over"])
    ]


def test_content_ends_where_another_speaker_or_attitude_begins():
    assert statements("Some voters said he made a good case, while other voters said they heard nothing new.") == [
        ("indirect", "Some voters", "said", ["he made a good case"]),
        ("indirect", "other voters", "said", ["they heard nothing new"]),
    ]
    text = "Rubio said the real extremist is Clinton, and he railed against the moderators."
    assert statements(text)[0] == ("indirect", "Rubio", "said", ["the real extremist is Clinton"])
    assert statements("He said the plan failed, and it would cost billions.") == [
        ("indirect", "He", "said", ["the plan failed, and it would cost billions"])
    ]


def test_a_long_sentence_after_a_question_quote_is_not_its_attribution():
    text = "“They sue,” he said. “Everybody sues, right?” Later, Rubio claimed that the rules were fair to all."
    assert statements(text) == [
        ("direct", "he", "said", ["“They sue,”", "“Everybody sues, right?”"]),
        ("indirect", "Rubio", "claimed", ["that the rules were fair to all"]),
    ]
    assert statements("“Why?” Trump asked the crowd.") == [("direct", "Trump", "asked", ["“Why?”"])]


def test_quote_then_speaker_then_cue():
    assert statements("“Prices will rise,” the minister said.") == [
        ("direct", "the minister", "said", ["“Prices will rise,”"])
    ]


def test_quote_then_inverted_cue_and_speaker_with_apposition_but_no_relative_clause():
    text = "“It is a war,” said the EU's top diplomat, Josep Borrell, who joined the ministers."
    assert statements(text) == [("direct", "the EU's top diplomat, Josep Borrell", "said", ["“It is a war,”"])]


def test_speaker_cue_colon_quote():
    text = "Canadian Foreign Minister Mélanie Joly said: “We need to make sure. It does not spread.”"
    assert statements(text) == [
        ("direct", "Canadian Foreign Minister Mélanie Joly", "said", ["“We need to make sure. It does not spread.”"])
    ]


def test_told_reporters_colon_quote():
    assert statements('The mayor told reporters: "We are safe."') == [
        ("direct", "The mayor", "told", ['"We are safe."'])
    ]


def test_quote_then_speaker_told_listener_and_circumstance():
    text = "“We stand united,” Blinken told reporters after the meeting, which began at 10 a.m. local time."
    assert statements(text) == [("direct", "Blinken", "told", ["“We stand united,”"])]


def test_said_that_keeps_that_and_drops_the_final_period():
    # PolNeAR's content of "X said that Y." is "that Y"
    assert statements("Zelenskyy said that Moscow is hiding the truth.") == [
        ("indirect", "Zelenskyy", "said", ["that Moscow is hiding the truth"])
    ]


def test_said_without_that_and_a_time_phrase_before_the_cue():
    text = "United States Secretary of State Antony Blinken on Friday said the allies would defend their land."
    assert statements(text) == [
        ("indirect", "United States Secretary of State Antony Blinken", "said", ["the allies would defend their land"])
    ]


def test_time_phrase_between_cue_and_that():
    assert statements("The ministry said on Friday that talks had failed.") == [
        ("indirect", "The ministry", "said", ["that talks had failed"])
    ]


def test_speaker_with_a_participle_parenthesis():
    text = "Blinken, speaking at the alliance's headquarters, said the alliance was defensive."
    assert statements(text) == [("indirect", "Blinken", "said", ["the alliance was defensive"])]


def test_speaker_with_a_relative_clause_parenthesis():
    text = "Prime Minister Ingrida Simonyte, whose country borders Belarus, said the plan was risky."
    assert statements(text) == [("indirect", "Prime Minister Ingrida Simonyte", "said", ["the plan was risky"])]


def test_speaker_with_a_party_tag():
    assert statements("Rep. Gregory Meeks (D-N.Y.) said Clinton reassured them.") == [
        ("indirect", "Rep. Gregory Meeks (D-N.Y.)", "said", ["Clinton reassured them"])
    ]


def test_content_then_speaker_and_cue():
    assert statements("The talks will resume next week, officials said.") == [
        ("indirect", "officials", "said", ["The talks will resume next week"])
    ]


def test_content_then_inverted_cue():
    assert statements("The talks will resume next week, said a spokesman for the ministry.") == [
        ("indirect", "a spokesman for the ministry", "said", ["The talks will resume next week"])
    ]


def test_according_to_before_the_content():
    text = "According to diplomats at the meeting, the ministers agreed on sanctions."
    assert statements(text)[0] == ("indirect", "diplomats at the meeting", "According to", ["the ministers agreed on sanctions"])


def test_according_to_after_the_content():
    assert statements("The plant was seized overnight, according to Ukrainian officials.") == [
        ("indirect", "Ukrainian officials", "according to", ["The plant was seized overnight"])
    ]


def test_told_listener_that():
    text = "Russian President Vladimir Putin told French President Emmanuel Macron by phone on Thursday that Russia would win."
    assert statements(text) == [("indirect", "Russian President Vladimir Putin", "told", ["that Russia would win"])]


def test_told_listener_without_that():
    assert statements("She told POLITICO she was leaning toward Cruz.") == [
        ("indirect", "She", "told", ["she was leaning toward Cruz"])
    ]


def test_has_called_for():
    text = "Ukrainian President Volodymyr Zelenskyy has called for a no-fly zone over his country."
    assert statements(text) == [
        ("indirect", "Ukrainian President Volodymyr Zelenskyy", "called for", ["a no-fly zone over his country"])
    ]


def test_called_on_someone_to():
    assert statements("Stoltenberg called on Russia to withdraw its forces.") == [
        ("indirect", "Stoltenberg", "called on", ["Russia to withdraw its forces"])
    ]


def test_described_as_a_quote_is_mixed_and_a_coordinated_cue_shares_the_speaker():
    text = "France's presidential office described the zone as “a very legitimate request” but said it would be difficult."
    assert statements(text) == [
        ("mixed", "France's presidential office", "described", ["the zone as “a very legitimate request”"]),
        ("indirect", "France's presidential office", "said", ["it would be difficult"]),
    ]


def test_said_a_partial_quote_is_mixed():
    text = "Lithuanian Prime Minister Ingrida Simonyte said calls to get NATO involved were “irresponsible.”"
    assert statements(text) == [
        ("mixed", "Lithuanian Prime Minister Ingrida Simonyte", "said", ["calls to get NATO involved were “irresponsible.”"])
    ]


def test_participle_cue_after_a_comma_shares_the_speaker():
    assert statements("He condemned the attacks, saying the strikes must stop.") == [
        ("indirect", "He", "condemned", ["the attacks"]),
        ("indirect", "He", "saying", ["the strikes must stop"]),
    ]


def test_adding_after_a_trailing_attribution():
    text = 'Ryan and Trump will meet next week, Spicer said, adding, "They need to have a good talk."'
    assert statements(text) == [
        ("indirect", "Spicer", "said", ["Ryan and Trump will meet next week"]),
        ("direct", "Spicer", "adding", ['"They need to have a good talk."']),
    ]


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("Officials warned that the dam could fail.", "warned", "that the dam could fail"),
        ("The senator argued that the bill was unfair.", "argued", "that the bill was unfair"),
        ("The company insisted it had done nothing wrong.", "insisted", "it had done nothing wrong"),
        ("Putin denies that his forces target civilians.", "denies", "that his forces target civilians"),
        ("The campaign claimed the poll was rigged.", "claimed", "the poll was rigged"),
        ("The report noted that sales fell.", "noted", "that sales fell"),
        ("Reporters asked whether the deal was dead.", "asked", "whether the deal was dead"),
        ("The ministry announced new sanctions.", "announced", "new sanctions"),
        ("Paris echoed that view.", "echoed", "that view"),
        ("The president emphasised that the border was closed.", "emphasised", "that the border was closed"),
        ("The president emphasized that the border was closed.", "emphasized", "that the border was closed"),
        ("The council condemned the attack on the plant.", "condemned", "the attack on the plant"),
        ("The union urged members to strike.", "urged", "members to strike"),
        ("He added that talks would continue.", "added", "that talks would continue"),
    ],
)
def test_cue_verbs(sentence: str, cue: str, content: str):
    ((_kind, _source, found_cue, found_content),) = statements(sentence)
    assert (found_cue, found_content) == (cue, [content])


def test_added_without_that_or_quote_is_not_speech():
    assert statements("The economy added 200,000 jobs.") == []


def test_a_scare_quote_with_no_speech_around_it_is_not_a_statement():
    assert statements("Russia's “special military operation,” which began on Feb. 24, has entered its ninth day.") == []


def test_a_quoted_title_is_not_a_statement():
    assert statements("She hosted “Saturday Night Live” last year.") == []


def test_capitalised_cue_word_inside_a_name_is_not_a_cue():
    assert statements("The United States Says Company opened an office.") == []


def test_infinitive_and_passive_cue_words_are_not_cues():
    assert statements("The minister declined to say more. He was asked about it.") == []


def test_verb_outside_the_lexicon_after_an_open_ended_quote():
    assert statements("“Fine,” quipped the senator from Ohio.") == [("direct", "the senator", "quipped", ["“Fine,”"])]


def test_a_sentence_after_a_closed_quote_is_not_its_attribution():
    assert statements("He sees no “path forward.” He scrapped plans to attend.") == []


def test_quote_after_a_circumstance_and_a_colon():
    assert statements('Verizon said in a statement: "We look forward to it."') == [
        ("direct", "Verizon", "said", ['"We look forward to it."'])
    ]


def test_quote_after_a_listener_and_a_comma():
    assert statements('Christie told reporters in Nashua last week, "I could feel it."') == [
        ("direct", "Christie", "told", ['"I could feel it."'])
    ]


def test_name_colon_quote():
    assert statements('Donald Trump: "Appreciate the congrats."') == [("direct", "Donald Trump", ":", ['"Appreciate the congrats."'])]


def test_name_verb_colon_quote_with_a_verb_outside_the_lexicon():
    assert statements('Kasich resisted: "Governors do not have the power."') == [
        ("direct", "Kasich", "resisted:", ['"Governors do not have the power."'])
    ]


def test_a_colon_after_something_that_is_not_a_speaker_is_not_a_cue():
    assert statements('The plan: "Nothing."') == []


def test_a_lone_determiner_can_speak():
    assert statements("Another tweeted, “Clinton thinks she is above the rules.”") == [
        ("direct", "Another", "tweeted", ["“Clinton thinks she is above the rules.”"])
    ]


def test_by_saying_takes_the_subject_of_the_sentence():
    assert statements("Obama punctuated his list by saying “Too many.”") == [("direct", "Obama", "saying", ["“Too many.”"])]


def test_inverted_speaker_stops_before_a_relative_clause_without_comma():
    text = "“I’d want answers,” said a prominent member who supports Trump."
    assert statements(text) == [("direct", "a prominent member", "said", ["“I’d want answers,”"])]


def test_quote_before_the_speaker_wins_over_a_listener_phrase():
    assert statements("“Let’s go,” he tells hundreds of screaming supporters at a party.") == [
        ("direct", "he", "tells", ["“Let’s go,”"])
    ]


def test_attribution_set_off_by_commas_splits_the_content():
    text = "By eliminating the line, Ms. Tchen said, the White House can invite more guests."
    assert statements(text) == [
        ("indirect", "Ms. Tchen", "said", ["By eliminating the line", "the White House can invite more guests"])
    ]


def test_an_introductory_phrase_before_a_trailing_cue_is_not_content():
    assert statements("Still, he said, nothing changed.") == [("indirect", "he", "said", ["nothing changed"])]
    assert statements("Six months ago, the senator said he would run.") == [
        ("indirect", "the senator", "said", ["he would run"])
    ]


def test_an_ing_word_after_a_degree_word_is_an_adjective_not_a_cue():
    assert statements("Others sounded far less welcoming to the plan.") == []


def test_a_pronoun_speaker_is_the_pronoun_alone():
    text = "The bill had provisions he said were unnecessary."
    assert [source for _, source, _, _ in statements(text)] in ([], ["he"])


def test_content_stops_where_another_speaker_starts():
    text = "Many Republicans said they will not attend the convention, and others have said they are not interested."
    assert statements(text) == [
        ("indirect", "Many Republicans", "said", ["they will not attend the convention"]),
        ("indirect", "others", "said", ["they are not interested"]),
    ]


def test_content_stops_at_the_speakers_own_next_clause():
    text = "Ryan insists the GOP must be a party of ideas, and has championed an agenda of cuts."
    assert statements(text) == [("indirect", "Ryan", "insists", ["the GOP must be a party of ideas"])]


def test_a_time_phrase_right_after_the_cue_is_skipped():
    assert statements("Lynch announced on Monday the lawsuit against the state.") == [
        ("indirect", "Lynch", "announced", ["the lawsuit against the state"])
    ]


def test_that_after_a_noun_is_not_the_content_of_a_that_cue():
    assert statements("The hiccup adds to the controversy that has surrounded her.") == []


def test_calling_someone_a_quoted_name_is_a_statement_but_calling_the_police_is_not():
    assert statements("He called it a “fundamental mistake.”") == [
        ("mixed", "He", "called", ["it a “fundamental mistake.”"])
    ]
    assert statements("He called the police.") == []


def test_portraying_something_as_a_quoted_term_is_a_statement_but_plain_portraying_is_not():
    assert statements("Merkel heralded the deal with Turkey as a “breakthrough.”") == [
        ("mixed", "Merkel", "heralded", ["the deal with Turkey as a “breakthrough.”"])
    ]
    assert statements("The film portrays the war as a tragedy.") == []


def test_speaker_with_commas_inside_the_parenthesis():
    text = "Dean Johnson, a salesman from Sumter, South Carolina, says Cruz will win."
    assert statements(text) == [("indirect", "Dean Johnson", "says", ["Cruz will win"])]


def test_an_age_is_not_a_speaker():
    assert statements("Cory James, 22, of Flint, Mich., said he had not given up hope.") == [
        ("indirect", "Cory James", "said", ["he had not given up hope"])
    ]


def test_as_someone_puts_it():
    assert statements('As The Post\'s Dana Milbank puts it, "Senate Republicans are unmoved."') == [
        ("direct", "The Post's Dana Milbank", "puts it", ['"Senate Republicans are unmoved."'])
    ]


def test_an_adverb_and_a_circumstance_between_the_cue_and_the_quote():
    assert statements("Kelly responded pointedly, with a smile: “Can happen when you’re 45.”") == [
        ("direct", "Kelly", "responded", ["“Can happen when you’re 45.”"])
    ]
    assert statements('Sanders replied evenly, "I think she knows."') == [
        ("direct", "Sanders", "replied", ['"I think she knows."'])
    ]


def test_a_short_clause_ending_in_a_colon_before_a_quote():
    text = "When Wallace died, President Clinton released the following statement: “We offer our condolences.”"
    assert statements(text) == [
        ("direct", "President Clinton", "released the following statement:", ["“We offer our condolences.”"])
    ]


def test_an_inverted_speaker_keeps_a_party_tag_split_off_by_the_sentence_splitter():
    text = '"The intensity is greater," said Rep. Beto O\'Rourke (D-Tex.), a Clinton endorser whose district went for her.'
    assert statements(text) == [("direct", "Rep. Beto O'Rourke (D-Tex.)", "said", ['"The intensity is greater,"'])]


def test_relative_who_is_the_source_as_in_polnear():
    text = "Megyn Kelly, a star anchor who questioned his respect for women, was there."
    assert statements(text) == [("indirect", "who", "questioned", ["his respect for women"])]


def test_a_weekday_with_a_possessive_after_the_cue_is_content():
    assert statements("Rachel Berg said Thursday's speeches changed her mind.") == [
        ("indirect", "Rachel Berg", "said", ["Thursday's speeches changed her mind"])
    ]


def test_cue_noun_with_a_possessor_and_that():
    assert statements("Critics dismissed Donald Trump's claim that Mexico will pay for the wall.")[1] == (
        "indirect", "Donald Trump", "claim", ["that Mexico will pay for the wall"]
    )


def test_cue_noun_with_a_possessive_pronoun_and_a_quote():
    assert statements('He repeated his warning: "We will not back down."') == [
        ("direct", "his", "warning", ['"We will not back down."'])
    ]


def test_a_cue_noun_without_that_or_a_quote_is_not_a_statement():
    assert statements("Trump's claim was false.") == []


def test_a_linking_adverb_in_commas_between_speaker_and_cue():
    assert statements("The minister, however, accused ISIS of the attack.") == [
        ("indirect", "The minister", "accused", ["ISIS of the attack"])
    ]


def test_a_quote_after_the_cue_ends_where_another_attribution_starts():
    statement = statements("Canova bristled and said, “No comment,” The Miami Herald reported.")[-1]
    assert statement == ("direct", "Canova", "said", ["“No comment,”"])
