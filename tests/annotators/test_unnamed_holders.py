from __future__ import annotations

from dataclasses import replace

from annotators import unnamed_holders
from annotators.model import Span, Statement
from annotators.pipeline import annotate, run


def source_after_stage(text: str, cue: str, content: str, source: str) -> str | None:
    """The source left on a statement (cue, content, source given by their text) after the stage."""
    def span(part: str) -> Span:
        start = text.index(part)
        return Span(start, start + len(part))

    statement = Statement(id="", kind="indirect", content=(span(content),), cue=span(cue), source=span(source))
    doc = replace(run(text, until="sentences"), statements=(statement,))
    (result,) = unnamed_holders.stage(doc).statements
    return result.source.text(text) if result.source else None


def test_a_question_opening_the_sentence_is_the_unnamed_askers():
    text = "Asked whether the EU would impose sanctions, Borrell said everything remains on the table."
    assert source_after_stage(text, "Asked", "whether the EU would impose sanctions", "Borrell") is None


def test_when_asked_and_was_asked_are_passive_too():
    text = "When asked about the plan, he said it was fine. Later she was asked if it would pass."
    assert source_after_stage(text, "asked", "about the plan", " he") is None
    passive = "Later she was asked if it would pass."
    assert source_after_stage(passive, "asked", "if it would pass", "she") is None


def test_an_expectation_in_the_passive_has_no_source_but_a_named_expecter_or_an_active_one_keeps_it():
    text = "Clinton is expected to win the nomination."
    assert source_after_stage(text, "is expected", "to win the nomination", "Clinton") is None
    assert source_after_stage(text, "expected", "to win the nomination", "Clinton") is None
    by = "Clinton is expected by aides to win."
    assert source_after_stage(by, "expected", "to win", "Clinton") == "Clinton"
    active = "Aides expected Clinton to win."
    assert source_after_stage(active, "expected", "Clinton to win", "Aides") == "Aides"


def test_a_named_asker_or_an_active_question_keeps_its_source():
    by = "Asked by reporters whether the EU would act, Borrell said no."
    assert source_after_stage(by, "Asked", "whether the EU would act", "reporters") == "reporters"
    active = "Borrell asked the ministers whether they would act."
    assert source_after_stage(active, "asked", "whether they would act", "Borrell") == "Borrell"


def test_other_cues_keep_their_source():
    text = "Said to be furious, Borrell said the talks had failed."
    assert source_after_stage(text, "said", "the talks had failed", "Borrell") == "Borrell"


def test_on_the_whole_pipeline_the_question_has_no_speaker_and_the_answer_has_one():
    text = "Asked whether the European Union would impose more sanctions on Russia, Josep Borrell said everything remains on the table."
    statements = {s.content[0].text(text): s for s in annotate(text).statements}
    answer = statements.get("everything remains on the table")
    assert answer is not None and answer.source is not None and answer.source.text(text) == "Josep Borrell"
    assert all(s.source is None for c, s in statements.items() if c.startswith("whether"))


def test_an_impression_has_no_source():
    text = "Trump seemed to suggest that the vote was rigged."
    assert source_after_stage(text, "seemed", "to suggest that the vote was rigged", "Trump") is None
    text = "The plan reportedly failed twice."
    assert source_after_stage(text, "reportedly", "failed twice", "The plan") is None
