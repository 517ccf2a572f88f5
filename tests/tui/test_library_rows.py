"""The library's rows on their own: names, what fills them in, sorting and filtering."""

from __future__ import annotations

from annotators.model import Annotation, Meta, Span, Statement
from tui.inputs import Article, Entry, FeedItem
from tui.library import Row, lists_articles, matches, sorted_rows, visible_rows


def row(name: str, **fields) -> Row:
    return Row(key=f"/news/{name}", name=name, **fields)


def test_a_row_is_named_by_its_place_in_the_folder_or_its_feed_item():
    assert Row.of(Entry("/news/world/a.html", "html", base="/news")).name == "world/a.html"
    assert Row.of(Entry("/tmp/b.txt", "text")).name == "b.txt"
    item = FeedItem("wire.rss", 0, "https://example.org/c", None, None, Meta(title="C"))
    titled = Row.of(Entry("wire.rss#1", None, title="Item C", item=item))
    assert (titled.name, titled.title) == ("Item C", "Item C")
    assert Row.of(Entry("wire.rss#2", None, item=item)).name == "https://example.org/c"


def test_a_row_fills_in_from_the_article_then_from_its_annotation():
    meta = Meta(title="Title", outlet="The Gazette", date="2024-03-12")
    loaded = row("a.html").with_article(Article("Title\n\nText.", meta, "/news/a.html", "html", "a"))
    assert (loaded.title, loaded.outlet, loaded.date) == ("Title", "The Gazette", "2024-03-12")
    assert loaded.statements is None  # not annotated yet
    statement = Statement(id="s1", kind="direct", content=(Span(0, 5),))
    annotated = loaded.with_annotation(Annotation(meta=Meta(title="Title"), statements=(statement,)))
    assert (annotated.outlet, annotated.date) == ("The Gazette", "2024-03-12")  # kept from the source
    assert (annotated.statements, annotated.actors) == (1, 0)


def test_a_plain_texts_title_and_date_show_before_it_is_annotated():
    text = "Allies meet in Brussels\n\ndate 2022-03-04\nBRUSSELS: The ministers met on Friday."
    loaded = row("allies.txt").with_article(Article(text, Meta(), "/news/allies.txt", "text", "allies"))
    assert (loaded.title, loaded.date, loaded.statements) == ("Allies meet in Brussels", "2022-03-04", None)


def test_unknown_values_sort_last_in_either_direction_and_ties_keep_their_order():
    rows = [row("a", statements=2), row("b"), row("c", statements=5), row("d", statements=2)]
    assert [r.name for r in sorted_rows(rows, "statements")] == ["a", "d", "c", "b"]
    assert [r.name for r in sorted_rows(rows, "statements", descending=True)] == ["c", "a", "d", "b"]
    assert [r.name for r in sorted_rows(rows, "outlet")] == ["a", "b", "c", "d"]  # none known: folder order


def test_titles_sort_by_the_title_or_else_the_name_ignoring_case():
    rows = [row("zeta.txt", title="alpha"), row("Beta.txt"), row("c.txt", title="Gamma")]
    assert [r.name for r in sorted_rows(rows, "title")] == ["zeta.txt", "Beta.txt", "c.txt"]


def test_every_word_of_the_filter_must_occur_somewhere_in_the_row():
    gazette = row("bridge.html", title="Council approves crossing", outlet="The Harbour Gazette")
    assert matches(gazette, "harbour COUNCIL") and matches(gazette, "bridge") and matches(gazette, "")
    assert not matches(gazette, "harbour tunnel")
    assert matches(row("x.txt", problem="not text: binary data"), "binary")
    assert [r.name for r in visible_rows([gazette, row("other.txt")], "gazette", None)] == ["bridge.html"]


def test_a_folder_or_a_feed_opens_the_library_and_one_file_the_reader(tmp_path):
    one = [Entry(str(tmp_path / "a.txt"), "text", base=str(tmp_path))]
    assert lists_articles(str(tmp_path), one)  # a folder, even of one article
    assert not lists_articles(str(tmp_path / "a.txt"), [Entry(str(tmp_path / "a.txt"), "text")])
    item = FeedItem("wire.rss", 0, None, "<p>x</p>", None, Meta())
    assert lists_articles("wire.rss", [Entry("wire.rss#1", None, item=item)])  # a feed of one item
    assert lists_articles("-", [Entry("a", "text"), Entry("b", "text")])
