from __future__ import annotations

from dataclasses import replace

from annotators import continuation
from annotators.doc import Doc
from annotators.pipeline import run, stages_until


def speaker_ids(doc: Doc) -> Doc:
    """Stands in for the actors stage: the actor of a statement is its source's last word."""
    return replace(doc, statements=tuple(
        replace(s, actor=s.source.text(doc.text).split()[-1].lower()) if s.source else s for s in doc.statements
    ))


RULES = stages_until("attribution")
STAGES = (*RULES, speaker_ids, continuation.stage)


def statements(text: str) -> list[tuple[str | None, str | None, list[str]]]:
    """(actor, cue, content pieces) per statement, in document order."""
    return [
        (s.actor, s.cue.text(text) if s.cue else None, [c.text(text) for c in s.content])
        for s in run(text, STAGES).annotation().statements
    ]


def test_a_quote_only_paragraph_continues_the_speaker_before():
    text = "“We stand united,” Blinken told reporters.\n\n“Ours is a defensive alliance. We do not seek conflict.”"
    assert statements(text) == [
        ("blinken", "told", ["“We stand united,”"]),
        ("blinken", None, ["“Ours is a defensive alliance. We do not seek conflict.”"]),
    ]


def test_the_continuation_takes_the_source_of_the_statement_it_continues():
    text = "“We stand united,” Blinken told reporters.\n\n“We are ready.”"
    first, second = run(text, STAGES).annotation().statements
    assert second.source == first.source


def test_continuations_chain_over_several_paragraphs():
    text = "Borrell said: “We will consider everything.”\n\n“Everything remains on the table.”\n\n“Nothing is excluded.”"
    assert [actor for actor, _, _ in statements(text)] == ["borrell", "borrell", "borrell"]


def test_a_sentence_after_the_statement_breaks_the_continuation():
    text = "“We stand united,” Blinken told reporters. Zelenskyy disagreed.\n\n“This is not enough.”"
    assert statements(text) == [("blinken", "told", ["“We stand united,”"])]


def test_a_paragraph_in_between_breaks_the_continuation():
    text = "“We stand united,” Blinken told reporters.\n\nThe meeting ended at noon.\n\n“This is not enough.”"
    assert statements(text) == [("blinken", "told", ["“We stand united,”"])]


def test_a_paragraph_with_more_than_the_quote_is_not_a_continuation():
    text = "“We stand united,” Blinken told reporters.\n\n“This is not enough,” and the crowd left."
    assert statements(text) == [("blinken", "told", ["“We stand united,”"])]


def test_a_quote_paragraph_with_its_own_cue_keeps_its_own_speaker():
    text = "“We stand united,” Blinken told reporters.\n\n“This is not enough,” Zelenskyy said."
    assert [actor for actor, _, _ in statements(text)] == ["blinken", "zelenskyy"]


def test_a_multi_paragraph_quote_is_one_statement():
    text = "Joly said: “First.\n\n“Second.”\n\n“Third.”"
    assert statements(text) == [
        ("joly", "said", ["“First.", "“Second.”"]),
        ("joly", None, ["“Third.”"]),
    ]


def test_an_unattributed_statement_in_a_continued_paragraph_gives_way_to_the_continuation():
    from annotators.model import Span, Statement

    text = "“We stand united,” Blinken told reporters.\n\n“Ours is a defensive alliance.”"
    quote = Span(text.index("“Ours"), len(text))

    def tagger_found_the_quote(doc: Doc) -> Doc:  # stands in for the learned stage: no cue, no source
        return replace(doc, statements=doc.statements + (Statement("", "direct", (quote,)),))

    stages = (*RULES, tagger_found_the_quote, *STAGES[len(RULES) :])
    annotation = run(text, stages).annotation()
    assert [(s.actor, [c.text(text) for c in s.content]) for s in annotation.statements] == [
        ("blinken", ["“We stand united,”"]),
        ("blinken", ["“Ours is a defensive alliance.”"]),
    ]
