"""What the reader paints: marks per statement part, speakers, and stepping between statements."""

from __future__ import annotations

from annotators.model import Actor, Annotation, Span, Statement
from tui.navigation import Step, step
from tui.overlays import Overlays, statement_marks

TEXT = '"We will go," Ann said.\n\nBob said it was fine. The spokesman for Ann agreed.'


def annotation() -> Annotation:
    t = TEXT
    spokesman = t.index("The spokesman")
    return Annotation(
        paragraphs=(Span(0, 23), Span(25, len(t))),
        actors=(
            Actor("ann", "Ann", "person"),
            Actor("bob", "Bob", "person"),
            Actor("spokesman", "the spokesman for Ann", "person", same_as="ann"),
        ),
        statements=(
            Statement("s1", "direct", (Span(1, 12),), Span(18, 22), Span(14, 17), "ann"),
            Statement("s2", "indirect", (Span(t.index("it was"), t.index("fine") + 4),),
                      Span(t.index("said it"), t.index("said it") + 4), Span(25, 28), "bob"),
            Statement("s3", "indirect", (Span(spokesman, spokesman + 21),), None, None, "spokesman"),
        ),
    )


def test_marks_paint_content_then_cue_and_source():
    marks = statement_marks(0, annotation().statements[0])
    assert [m.role for m in marks] == ["direct", "cue", "source"]
    assert [m.role for m in statement_marks(1, annotation().statements[1])][0] == "indirect"


def test_a_description_linked_with_same_as_speaks_for_its_actor():
    assert annotation().speakers == {"ann": "ann", "bob": "bob", "spokesman": "ann"}
    overlays = Overlays(annotation())
    assert overlays.statements_of("ann") == [0, 2]
    assert overlays.statements_of("spokesman") == [0, 2]
    assert overlays.slot_of(2) == overlays.slot_of(0) != overlays.slot_of(1)


def test_same_as_cycles_do_not_hang():
    cyclic = Annotation(actors=(Actor("a", "A", same_as="b"), Actor("b", "B", same_as="a")))
    assert set(cyclic.speakers) == {"a", "b"} and cyclic.speaker_of("a") in ("a", "b")


def test_mentions_of_an_actor_include_those_of_descriptions_standing_for_it():
    t = TEXT
    ann = annotation()
    ann = Annotation(
        paragraphs=ann.paragraphs,
        actors=(
            Actor("ann", "Ann", "person", mentions=(Span(t.index("Ann"), t.index("Ann") + 3),)),
            Actor("spokesman", "the spokesman for Ann", "person", same_as="ann",
                  mentions=(Span(t.index("The spokesman"), t.index("The spokesman") + 13),)),
            Actor("bob", "Bob", "person", mentions=(Span(25, 28),)),
        ),
        statements=ann.statements,
    )
    overlays = Overlays(ann)
    assert [m.text(t) for m in overlays.mentions_of("ann")] == ["Ann", "The spokesman"]
    assert [m.text(t) for m in overlays.mentions_of("bob")] == ["Bob"]


def test_marks_are_found_by_paragraph_and_statements_by_offset():
    overlays = Overlays(annotation())
    assert {m.statement for m in overlays.marks(0)} == {0}
    assert {m.statement for m in overlays.marks(1)} == {1, 2}
    assert overlays.statement_at(TEXT.index("will")) == 0
    assert overlays.statement_at(TEXT.index("Ann said") + 3) == 0  # between content and cue
    assert overlays.statement_at(TEXT.index("fine")) == 1
    assert overlays.statement_at(len(TEXT) - 1) is None


def test_step_moves_forward_and_back_and_wraps():
    assert step([], None, True) is None
    assert step([2, 5, 9], None, True) == Step(2, False)
    assert step([2, 5, 9], None, False) == Step(9, False)
    assert step([2, 5, 9], 5, True) == Step(9, False)
    assert step([2, 5, 9], 9, True) == Step(2, True)
    assert step([2, 5, 9], 2, False) == Step(9, True)


def test_step_from_a_statement_outside_the_candidates_goes_to_the_nearest():
    assert step([2, 5, 9], 6, True) == Step(9, False)
    assert step([2, 5, 9], 6, False) == Step(5, False)
