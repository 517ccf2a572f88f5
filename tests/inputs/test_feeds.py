"""RSS and Atom feeds, from a file: one article per item, with the feed's metadata."""

from __future__ import annotations

import pytest

from tests.inputs.conftest import FIXTURES
from tui.inputs import InputError, discover, load_article, load_entry


def test_a_feed_file_holds_one_entry_per_item():
    entries = discover(str(FIXTURES / "wire.rss"))
    assert [e.title for e in entries] == ["Council approves river crossing", "Library opening hours extended"]
    assert [e.location for e in entries] == [f"{FIXTURES / 'wire.rss'}#1", f"{FIXTURES / 'wire.rss'}#2"]


def test_an_item_with_content_is_an_article_without_fetching_its_link():
    article = load_entry(discover(str(FIXTURES / "wire.rss"))[0])
    assert article.text.split("\n\n") == [
        "Council approves river crossing",
        "The city council on Tuesday approved plans for a new bridge over the Elm River.",
        "“This bridge will connect families on both banks,” Mayor Helen Brandt told reporters.",
        "“We are ready to start,” the authority’s director wrote.",
    ]
    meta = article.meta
    assert (meta.title, meta.author, meta.date, meta.outlet, meta.url) == (
        "Council approves river crossing", "Maria Okafor", "2024-03-12", "Harbour Gazette: City Hall",
        "https://gazette.example/news/council-bridge")
    assert article.kind == "feed" and article.feed == str(FIXTURES / "wire.rss")
    assert article.name == "council-bridge"


def test_a_feed_without_items():
    with pytest.raises(InputError, match="empty.rss: the feed has no items"):
        discover(str(FIXTURES / "empty.rss"))


def test_one_article_is_asked_for_but_the_feed_holds_several():
    with pytest.raises(InputError, match="holds 2 items"):
        load_article(str(FIXTURES / "wire.rss"))


def test_an_atom_file_named_xml_is_sniffed(tmp_path):
    atom = tmp_path / "feed.xml"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<entry><title>Budget passes</title><author><name>Ana Ruiz</name></author>'
        '<updated>2024-05-01T10:00:00Z</updated><link href="https://wire.example/budget"/>'
        '<content type="html">&lt;p&gt;The budget passed, the minister said.&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8")
    (entry,) = discover(str(atom))
    article = load_entry(entry)
    assert article.text == "Budget passes\n\nThe budget passed, the minister said."
    assert (article.meta.author, article.meta.date, article.meta.outlet) == ("Ana Ruiz", "2024-05-01", "Wire")
