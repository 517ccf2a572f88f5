"""Finding a note's text again: same text, moved text, edited text, repeated text, vanished text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.notes.anchor import TextAnchor, locate

ARTICLE = (
    "NATO ministers met in Brussels on Friday. "
    "Blinken said NATO will defend every inch of its territory. "
    "Stoltenberg said NATO is a defensive alliance and does not seek conflict. "
    "Later, Borrell said NATO and the EU stand together."
)


def anchor_on(text: str, passage: str, occurrence: int = 0) -> TextAnchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    return TextAnchor.from_span(text, start, start + len(passage))


def test_unchanged_text_is_found_at_its_offsets():
    anchor = anchor_on(ARTICLE, "NATO will defend every inch")
    found = locate(anchor, ARTICLE)
    assert (found.start, found.end, found.how) == (anchor.start, anchor.end, "exact")


def test_text_inserted_before_moves_the_note_with_its_words():
    anchor = anchor_on(ARTICLE, "does not seek conflict")
    edited = "UPDATED: a correction was added at the top. " + ARTICLE
    found = locate(anchor, edited)
    assert edited[found.start : found.end] == "does not seek conflict"
    assert found.how == "moved"


def test_a_repeated_word_is_told_apart_by_its_context():
    anchor = anchor_on(ARTICLE, "NATO", occurrence=2)  # Stoltenberg's "NATO is a defensive alliance"
    edited = ARTICLE.replace("Blinken said", "U.S. Secretary of State Antony Blinken said")
    found = locate(anchor, edited)
    assert edited[found.end : found.end + 24] == " is a defensive alliance"


def test_a_small_edit_inside_the_passage_is_matched_fuzzily():
    anchor = anchor_on(ARTICLE, "Stoltenberg said NATO is a defensive alliance and does not seek conflict")
    edited = ARTICLE.replace("is a defensive alliance and does not", "was a purely defensive alliance that did not")
    found = locate(anchor, edited)
    assert found.how == "fuzzy"
    assert edited[found.start : found.end] == (
        "Stoltenberg said NATO was a purely defensive alliance that did not seek conflict"
    )


def test_a_passage_that_was_removed_is_not_found():
    anchor = anchor_on(ARTICLE, "Stoltenberg said NATO is a defensive alliance and does not seek conflict. ")
    edited = ARTICLE.replace(anchor.exact, "")
    assert locate(anchor, edited) is None


def test_a_short_edited_highlight_is_found_near_its_context():
    anchor = anchor_on(ARTICLE, "every inch")
    edited = ARTICLE.replace("every inch", "every single inch")
    found = locate(anchor, edited)
    assert edited[found.start : found.end] == "every single inch"


def test_a_rewritten_passage_between_intact_context_stays_there():
    anchor = anchor_on(ARTICLE, "every inch")
    edited = ARTICLE.replace("every inch", "each square metre")
    found = locate(anchor, edited)
    assert edited[found.start : found.end] == "each square metre"


def test_selectors_follow_the_w3c_names():
    anchor = anchor_on(ARTICLE, "Brussels")
    quote, position = anchor.selectors()
    assert quote == {"type": "TextQuoteSelector", "exact": "Brussels", "prefix": ARTICLE[: anchor.start][-32:],
                     "suffix": ARTICLE[anchor.end :][:32]}
    assert position == {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end}


@st.composite
def text_and_span(draw):
    text = draw(st.text(min_size=1, max_size=300))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@settings(max_examples=200, deadline=None)
@given(text_and_span())
def test_an_unchanged_text_always_gives_the_note_back_where_it_was(case):
    text, start, end = case
    found = locate(TextAnchor.from_span(text, start, end), text)
    assert (found.start, found.end, found.how) == (start, end, "exact")


@settings(max_examples=200, deadline=None)
@given(text_and_span(), st.text(min_size=1, max_size=50))
def test_text_added_before_never_loses_the_note(case, added):
    text, start, end = case
    found = locate(TextAnchor.from_span(text, start, end), added + text)
    assert (added + text)[found.start : found.end] == text[start:end]
