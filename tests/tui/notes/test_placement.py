"""Statement notes follow their statement when the annotator redraws it; lost text is unanchored, kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotators import Annotation, Span, Statement
from tui.notes.anchor import TextAnchor
from tui.notes.model import Note
from tui.notes.placement import StatementIndex, best_statement, place_notes, statement_anchor

TEXT = (
    "“NATO will defend all its allies, and we stand united,” Blinken told reporters.\n\n"
    "Stoltenberg said the attack demonstrated the recklessness of this war."
)
QUOTE = "NATO will defend all its allies, and we stand united,"
REPORTED = "the attack demonstrated the recklessness of this war"


def span_of(text: str, passage: str) -> Span:
    start = text.index(passage)
    return Span(start, start + len(passage))


def statement(sid: str, *pieces: Span) -> Statement:
    return Statement(sid, "direct", tuple(pieces))


def note(target: str, anchor: TextAnchor, created: str = "2026-01-01T00:00:00Z") -> Note:
    return Note(f"n-{anchor.start}", target, anchor, "my note", created, created)


def test_a_statement_note_follows_the_statement_when_its_boundaries_change():
    before = statement("s1", span_of(TEXT, QUOTE))
    saved = note("statement", statement_anchor(TEXT, before))
    # Re-annotated: the content now drops the trailing comma, and a new statement comes first.
    shorter = span_of(TEXT, QUOTE.rstrip(","))
    after = Annotation(statements=(statement("s1", span_of(TEXT, "Blinken")), statement("s2", shorter)))
    (placed,) = place_notes([saved], TEXT, after)
    assert placed.statement_id == "s2"


def test_a_statement_split_in_two_keeps_the_note_on_the_larger_part():
    whole = statement("s1", span_of(TEXT, QUOTE))
    saved = note("statement", statement_anchor(TEXT, whole))
    first, second = span_of(TEXT, "NATO will defend all its allies,"), span_of(TEXT, "and we stand united,")
    (placed,) = place_notes([saved], TEXT, Annotation(statements=(statement("s1", first), statement("s2", second))))
    assert placed.statement_id == "s1"


def test_text_found_but_no_statement_left_keeps_the_note_on_the_text():
    saved = note("statement", statement_anchor(TEXT, statement("s1", span_of(TEXT, REPORTED))))
    (placed,) = place_notes([saved], TEXT, Annotation(statements=()))
    assert placed.anchored and placed.statement_id is None
    assert placed.span == span_of(TEXT, REPORTED)


def test_a_note_whose_text_is_gone_is_unanchored_and_listed_last():
    reported = span_of(TEXT, REPORTED)
    gone = note("highlight", TextAnchor.from_span(TEXT, reported.start, reported.end), "2026-01-01T00:00:00Z")
    kept = note("highlight", TextAnchor.from_span(TEXT, 0, 5), "2026-01-02T00:00:00Z")
    edited = TEXT.replace("Stoltenberg said the attack demonstrated the recklessness of this war.", "Nothing else.")
    placed = place_notes([gone, kept], edited, Annotation())
    assert [p.note.id for p in placed] == [kept.id, gone.id]
    assert placed[1].span is None and not placed[1].anchored and placed[1].how is None


PIECES = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 40)), min_size=1, max_size=3)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=12), st.integers(0, 220), st.integers(0, 60))
def test_the_statement_index_chooses_as_a_scan_of_every_statement_would(contents, start, length):
    statements = [statement(f"s{i}", *sorted(Span(a, a + n) for a, n in pieces)) for i, pieces in enumerate(contents)]
    span = Span(start, start + length)
    assert best_statement(span, StatementIndex(statements).overlapping(span)) == best_statement(span, statements)
