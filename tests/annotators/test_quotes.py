from annotators import quotes, segment


def found(text: str) -> list[list[str]]:
    return [[p.text(text) for p in q.pieces] for q in quotes.find(text, segment.paragraphs(text))]


def test_curly_and_straight_double_quotes():
    text = "“We stand united,” he said. She called it \"a trap\"."
    assert found(text) == [["We stand united,"], ["a trap"]]


def test_single_quotes_inside_a_double_quote_are_nested_not_boundaries():
    text = "“They told us: ‘You will be thrown out.’ We stayed,” she said. It's 'fine'."
    assert found(text) == [["They told us: ‘You will be thrown out.’ We stayed,"]]


def test_doubled_apostrophes_are_quote_marks():
    text = "''Just put your money in Vanguard,'' he said."
    assert found(text) == [["Just put your money in Vanguard,"]]


def test_a_quote_over_paragraphs_reopens_each_paragraph_and_closes_in_the_last():
    text = "He said: “First part.\n\n“Second part.\n\n“Last part.”\n\nAfter."
    (quote,) = quotes.find(text, segment.paragraphs(text))
    assert [p.text(text) for p in quote.pieces] == ["First part.", "Second part.", "Last part."]
    assert quote.close_mark is not None and quote.close_mark.text(text) == "”"


def test_an_unclosed_quote_not_reopened_stops_at_its_paragraph():
    text = "He said “this never closes.\n\nThe next paragraph is narrative, with “a quote” in it."
    assert found(text) == [["this never closes."], ["a quote"]]


def test_a_stray_closing_mark_is_ignored():
    text = "Odd” mark here. Then “a real quote” follows."
    assert found(text) == [["a real quote"]]


def test_straight_marks_are_read_from_their_neighbours():
    # the second mark follows a letter and precedes a comma: it closes
    text = 'He called it "great", and then "terrible."'
    assert found(text) == [["great"], ["terrible."]]


def test_a_lone_mark_at_the_end_of_the_text_gives_no_empty_quote():
    assert found('Nothing here "') == []


def test_a_curly_opening_mark_used_to_close_is_read_from_its_neighbours():
    assert found("“It's unusual,“ said Larry Noble. “It's hard.”") == [["It's unusual,"], ["It's hard."]]
