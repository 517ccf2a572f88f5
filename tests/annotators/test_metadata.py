from annotators.metadata import extract


def test_date_line_and_dateline_are_metadata_not_body():
    text = "date 2022-03-04\nBRUSSELS: United States Secretary of State Antony Blinken said."
    meta = extract(text)
    assert (meta.date, meta.dateline, meta.title) == ("2022-03-04", "BRUSSELS", None)
    assert meta.body.text(text) == "United States Secretary of State Antony Blinken said."


def test_headline_first_line_is_the_title():
    text = "Wash Post Fact-Check: If Obama Says It, It Is True.\n\nIf Republicans choose to."
    meta = extract(text)
    assert meta.title == "Wash Post Fact-Check: If Obama Says It, It Is True."
    assert meta.body.text(text) == "If Republicans choose to."


def test_an_ordinary_first_sentence_is_not_a_title():
    text = "He said it was fine.\n\nThen he left."
    assert extract(text).title is None


def test_wire_dateline_with_agency_tag():
    text = "NEW YORK (AP) — Donald Trump said."
    meta = extract(text)
    assert meta.dateline == "NEW YORK"
    assert meta.body.text(text) == "Donald Trump said."


def test_a_shouted_sentence_is_not_a_dateline():
    text = "Breaking: the vote is in."
    assert extract(text).dateline is None


def test_a_spaced_hyphen_ends_a_dateline():
    text = "CHICAGO - The mayor said the budget was balanced."
    meta = extract(text)
    assert meta.dateline == "CHICAGO"
    assert meta.body.text(text) == "The mayor said the budget was balanced."


def test_a_hyphenated_place_keeps_its_hyphen():
    text = "WINSTON-SALEM, N.C. - The council voted on Monday."
    assert extract(text).dateline == "WINSTON-SALEM, N.C."
