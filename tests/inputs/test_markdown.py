"""Markdown is parsed, not shown raw: headings stay headings, items and block quotes are paragraphs."""

from __future__ import annotations

from annotators import annotate
from tests.inputs.conftest import FIXTURES
from tui.inputs import load_article
from tui.inputs.markdown import parse


def test_no_markup_character_reaches_the_text():
    article = load_article(str(FIXTURES / "briefing.md"))
    assert article.kind == "markdown"
    for mark in ("#", "*", "> ", "[", "](", "- "):
        assert mark not in article.text


def test_the_first_heading_is_the_title_and_later_headings_are_lines_of_their_own():
    article = load_article(str(FIXTURES / "briefing.md"))
    paragraphs = article.text.split("\n\n")
    assert article.meta.title == "Harbour council backs the bridge"
    assert paragraphs[0] == "Harbour council backs the bridge"
    assert "Next steps" in paragraphs


def test_list_items_and_block_quotes_are_paragraphs_of_their_own():
    paragraphs = load_article(str(FIXTURES / "briefing.md")).text.split("\n\n")
    assert "Seven councillors voted for the plan." in paragraphs
    assert "Two voted against it." in paragraphs
    assert paragraphs[paragraphs.index("Two voted against it.") + 1].startswith('"We are ready')


def test_emphasis_and_links_keep_their_words():
    text = parse("The state must release its **funding**, see the [full report](https://x.example).").text
    assert text == "The state must release its funding, see the full report."


def test_a_heading_is_not_an_actor_and_a_quote_marker_is_not_content():
    article = load_article(str(FIXTURES / "briefing.md"))
    annotation = annotate(article.text, meta=article.meta)
    assert annotation.meta.title == "Harbour council backs the bridge"
    assert not any(actor.name.startswith("Next") for actor in annotation.actors)
    for statement in annotation.statements:
        assert not any(span.text(article.text).lstrip().startswith(">") for span in statement.content)
    natarajan = [s for s in annotation.statements if "ready to start" in s.content[0].text(article.text)]
    assert natarajan and natarajan[0].content[0].text(article.text).startswith('"We are ready')


def test_front_matter_gives_metadata_and_is_not_text():
    parsed = parse("---\ntitle: \"Bridge vote\"\nauthor: Maria Okafor\ndate: 2024-03-12\n"
                   "source: https://gazette.example/a\n---\n\nThe council voted.\n")
    assert parsed.text == "The council voted."
    assert (parsed.meta.title, parsed.meta.author, parsed.meta.date, parsed.meta.url) == (
        "Bridge vote", "Maria Okafor", "2024-03-12", "https://gazette.example/a")


def test_tables_rows_and_code_become_plain_paragraphs():
    text = parse("| Party | Seats |\n| --- | --- |\n| Greens | 4 |\n\n```\nraw code\n```\n").text
    assert text.split("\n\n") == ["Party; Seats", "Greens; 4", "raw code"]
