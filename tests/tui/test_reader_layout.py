"""Wrapping article text into lines of offsets, and drawing control characters visibly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotators.model import Span
from tui.line_wrapping import ArticleLayout, wrap
from tui.safe_text import displayable


def lines(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e in wrap(text, 0, len(text), width)]


def test_words_wrap_greedily_and_lines_never_start_or_end_with_space():
    assert lines("the cat sat on the mat", 7) == ["the cat", "sat on", "the mat"]


def test_a_word_wider_than_the_pane_is_cut():
    assert lines("ab supercalifragilistic cd", 5) == ["ab", "super", "calif", "ragil", "istic", "cd"]


def test_wide_characters_count_two_cells():
    assert lines("日本語 日本語", 7) == ["日本語", "日本語"]


def test_soft_line_breaks_inside_a_paragraph_become_spaces():
    text = "one\ntwo three"
    assert displayable(text) == "one two three"
    assert lines(displayable(text), 20) == ["one two three"]


def test_control_characters_are_made_visible_one_for_one():
    text = "a\x1b[31mb\x00c\x7f\x9b"
    shown = displayable(text)
    assert len(shown) == len(text)
    assert shown == "a\u241b[31mb\u2400c\u2421\ufffd"


def test_layout_puts_a_blank_line_between_paragraphs_and_finds_offsets():
    text = "alpha beta gamma\n\ndelta epsilon"
    layout = ArticleLayout(text, (Span(0, 16), Span(18, 31)), width=11)
    assert [(text[l.start : l.end], l.paragraph) for l in layout.lines] == [
        ("alpha beta", 0), ("gamma", 0), ("", -1), ("delta", 1), ("epsilon", 1),
    ]
    assert layout.line_of(text.index("gamma")) == 1
    assert layout.line_of(text.index("delta")) == 3
    assert layout.lines_of(Span(text.index("beta"), text.index("epsilon") + 3)) == (0, 4)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), st.integers(1, 40))
def test_wrapped_lines_fit_and_keep_every_word(text, width):
    from rich.cells import cell_len

    shown = displayable(text)
    pieces = lines(shown, width)
    for piece in pieces:
        assert cell_len(piece) <= width or len(piece) == 1
    assert "".join("".join(p.split()) for p in pieces) == "".join(shown.split())


def test_every_narrow_character_is_one_cell_wide():
    """The fast path measures these with len(): each must really take one cell."""
    from rich.cells import cell_len

    from tui.line_wrapping import NARROW_RANGES

    for first, last in NARROW_RANGES:
        for code in range(first, last + 1):
            assert cell_len(chr(code)) == 1, hex(code)


def test_a_paragraph_with_a_wide_character_is_measured_in_cells():
    assert lines("ab 日本 cd", 5) == ["ab", "日本", "cd"]
