from annotators import segment
from annotators.model import Span


def split(text: str) -> list[str]:
    return [s.text(text) for p in segment.paragraphs(text) for s in segment.sentences(text, p)]


def test_punkt_keeps_abbreviations_inside_the_sentence():
    text = "Sen. Elizabeth Warren said on Mar. 4 that the U.S. economy was strong. Dr. Lee agreed."
    assert split(text) == [
        "Sen. Elizabeth Warren said on Mar. 4 that the U.S. economy was strong.",
        "Dr. Lee agreed.",
    ]


def test_an_abbreviation_ends_the_sentence_when_a_sentence_starter_follows_it():
    assert split("The polls close at 7 p.m. He says it is close. He met the U.S. Army chief.") == [
        "The polls close at 7 p.m.", "He says it is close.", "He met the U.S. Army chief."
    ]


def test_gov_and_am_do_not_end_sentences():
    text = "Gov. Jerry Brown spoke at 10 a.m. on Tuesday. Reporters listened."
    assert split(text) == ["Gov. Jerry Brown spoke at 10 a.m. on Tuesday.", "Reporters listened."]


def test_paragraphs_split_on_blank_lines_and_keep_wrapped_lines_together():
    text = "First line\nwrapped here.\n\n  Second paragraph.\n"
    assert [p.text(text) for p in segment.paragraphs(text)] == ["First line\nwrapped here.", "Second paragraph."]


def test_a_block_with_a_line_longer_than_wrapping_allows_has_a_paragraph_per_line():
    # web copy: a blank line here and there, but one paragraph per line otherwise
    long_line = "Later, the senator claimed that the plan " + "would cost far more than anyone had said " * 3 + "."
    text = f"Intro.\n\n\"They sue,\" he said. \"Everybody sues, right?\"\n{long_line}\n"
    assert [p.text(text) for p in segment.paragraphs(text)] == [
        "Intro.", "\"They sue,\" he said. \"Everybody sues, right?\"", long_line
    ]


def test_paragraphs_without_blank_lines_are_one_per_line():
    text = "One.\nTwo.\n"
    assert [p.text(text) for p in segment.paragraphs(text)] == ["One.", "Two."]


def test_tokens_see_curly_quotes_as_punctuation_and_keep_offsets():
    text = "“We don’t know,” he said."
    tokens = [t.text(text) for t in segment.tokens(text, Span(0, len(text)))]
    assert tokens[:4] == ["“", "We", "do", "n’t"]
    assert "”" in tokens and tokens[-1] == "."


def test_a_megabyte_line_is_split_in_windows_that_cover_it_exactly():
    text = "word " * 200_000
    paragraph = segment.paragraphs(text)[0]
    pieces = list(segment.windows(text, paragraph))
    assert all(len(p) <= segment.MAX_WINDOW for p in pieces)
    assert pieces[0].start == paragraph.start and pieces[-1].end == paragraph.end
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))


def test_windows_cut_after_a_sentence_end_when_there_is_one():
    text = "Here is a short one. " + "x" * 40 + " tail"
    pieces = [p.text(text) for p in segment.windows(text, Span(0, len(text)), limit=30)]
    assert pieces[0] == "Here is a short one. "


def test_ordinary_sentences_are_not_cut():
    text = "He said the talks failed. " * 3
    assert [p.text(text) for p in segment.windows(text, Span(0, len(text)))] == [text]


def test_plural_titles_and_state_abbreviations_do_not_end_sentences():
    text = "Sens. John McCain (R-Ariz.) and Rand Paul (R-Ky.) said so. Rep. Thomas Massie of Ky. agreed."
    assert split(text) == [
        "Sens. John McCain (R-Ariz.) and Rand Paul (R-Ky.) said so.",
        "Rep. Thomas Massie of Ky. agreed.",
    ]


def test_sentences_glued_by_web_copy_are_split_apart():
    text = "“China has control,” Trump said.Trump claimed he knew it. He saved the world.”Rick Perry agreed."
    assert split(text) == [
        "“China has control,” Trump said.",
        "Trump claimed he knew it.",
        "He saved the world.”",
        "Rick Perry agreed.",
    ]


def test_abbreviations_are_not_glued_sentence_ends():
    text = "The U.S.Steel shares rose. Gov.Smith agreed."
    assert split(text) == ["The U.S.Steel shares rose.", "Gov.Smith agreed."]
