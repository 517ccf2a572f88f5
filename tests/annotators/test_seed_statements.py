"""The seed article comes out as a reader would mark it (issue 2): statements, cues and sources from
the rule stages; with the actors stage in its planned place, the speakers resolve to one actor each."""

from __future__ import annotations

import pytest

from annotators import actors, continuation
from annotators.model import Annotation, Statement
from annotators.pipeline import run, stages_until

RULES = (*stages_until("attribution"), continuation.stage)
WITH_ACTORS = (*stages_until("attribution"), actors.stage, continuation.stage)

# (source, cue, the content's beginning, kind) — the cue is None for a continuation paragraph,
# whose source is the mention that named the speaker in the paragraph before.
EXPECTED = [
    ("United States Secretary of State Antony Blinken", "said", "Washington and its allies would defend “every inch” of NATO territory", "mixed"),
    ("Blinken", "said", "the alliance was defensive and did not seek a conflict with Russia", "indirect"),
    ("Blinken", "told", "“NATO will defend all its allies, and we stand united,”", "direct"),
    ("Blinken", None, "“Ours is a defensive alliance. We do not seek conflict.", "direct"),
    ("Ukrainian President Volodymyr Zelenskyy", "called for", "a no-fly zone over his country to stop Russian air strikes", "indirect"),
    ("Zelenskyy", "said", "that Moscow is trying to prevent the world from seeing", "indirect"),
    ("Ukrainian authorities", "said", "Russian forces had seized the Zaporizhzhia nuclear power plant", "indirect"),
    ("NATO Secretary-General Jens Stoltenberg", "said", "“This just demonstrates the recklessness of this war and the importance of ending it,”", "direct"),
    ("Canadian Foreign Minister Mélanie Joly", "said", "“NATO's red line is that we will not trigger a wider conflict in Europe.", "direct"),
    ("France's presidential office", "described", "the no-fly zone as “a very legitimate request”", "mixed"),
    ("Lithuanian Prime Minister Ingrida Simonyte", "said", "calls to get NATO involved in the fighting were “irresponsible.”", "mixed"),
    ("the EU's top diplomat, Josep Borrell", "said", "“We are now witnessing a fully fledged war in Europe,”", "direct"),
    ("Borrell", "said", "“We will consider everything. Everything remains on the table.”", "direct"),
]


def _find(annotation: Annotation, text: str, content: str) -> Statement:
    matches = [s for s in annotation.statements if s.content[0].text(text).startswith(content)]
    assert len(matches) == 1, f"{content!r}: {len(matches)} statements"
    return matches[0]


@pytest.fixture(scope="module")
def rules_annotation(seed_text: str) -> Annotation:
    return run(seed_text, RULES).annotation()


@pytest.fixture(scope="module")
def annotation(seed_text: str) -> Annotation:
    return run(seed_text, WITH_ACTORS).annotation()


@pytest.mark.parametrize(("source", "cue", "content", "kind"), EXPECTED, ids=[e[2][:30] for e in EXPECTED])
def test_seed_statement(rules_annotation: Annotation, seed_text: str, source: str, cue: str | None, content: str, kind: str):
    statement = _find(rules_annotation, seed_text, content)
    assert statement.source is not None and statement.source.text(seed_text) == source
    assert (statement.cue.text(seed_text) if statement.cue else None) == cue
    assert statement.kind == kind


def test_split_quote_contents_keep_their_marks_and_drop_nothing(rules_annotation: Annotation, seed_text: str):
    statement = _find(rules_annotation, seed_text, "“Ours is a defensive alliance.")
    assert [c.text(seed_text) for c in statement.content] == [
        "“Ours is a defensive alliance. We do not seek conflict. But if conflict comes to us, we are ready "
        "for it, and we will defend every inch of NATO territory.”"
    ]


def test_scare_quote_is_not_a_statement(rules_annotation: Annotation, seed_text: str):
    assert not [s for s in rules_annotation.statements if "special military operation" in s.content[0].text(seed_text)]


@pytest.mark.parametrize(
    "contents",
    [
        ["Washington and its allies would defend", "the alliance was defensive", "“NATO will defend all its allies",
         "“Ours is a defensive alliance."],
        ["a no-fly zone over his country", "that Moscow is trying to prevent"],
        ["“We are now witnessing a fully fledged war", "“We will consider everything."],
    ],
    ids=["Blinken", "Zelenskyy", "Borrell"],
)
def test_one_speaker_resolves_to_one_actor(annotation: Annotation, seed_text: str, contents: list[str]):
    found = {_find(annotation, seed_text, content).actor for content in contents}
    assert len(found) == 1 and None not in found


def test_every_listed_statement_has_an_actor(annotation: Annotation, seed_text: str):
    for _source, _cue, content, _kind in EXPECTED:
        assert _find(annotation, seed_text, content).actor is not None, content


def test_the_question_put_to_borrell_is_not_his_on_the_whole_pipeline(seed_text: str):
    from annotators.pipeline import annotate

    whole = annotate(seed_text)
    questions = [s for s in whole.statements if s.content[0].text(seed_text).startswith("whether the European Union")]
    assert all(s.source is None and s.actor is None for s in questions)
    answer = _find(whole, seed_text, "“We will consider everything.")
    assert answer.actor == "josep-borrell"
