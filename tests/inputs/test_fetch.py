"""URLs and feeds over HTTP, from a server on 127.0.0.1 that each test starts: never the internet."""

from __future__ import annotations

import re

import pytest

from tests.inputs.conftest import FIXTURES, fixture_text
from tui.inputs import InputError, Limits, discover, load_article, load_entry

PAGE = fixture_text("news_page.html")


def test_a_page_is_fetched_and_extracted(server):
    url = server.add("/news/council-bridge", PAGE)
    article = load_article(url)
    assert article.kind == "html" and article.location == url and article.source_url == url
    assert article.meta.author == "Maria Okafor" and "cookies" not in article.text
    assert article.name == "council-bridge"


def test_the_user_agent_is_honest(server):
    load_article(server.add("/a", PAGE))
    agent = server.requests[0][1]["User-Agent"]
    assert re.fullmatch(r"quotelens/\S+( \(\+\S+\))?", agent)


def test_the_http_charset_is_used(server):
    page = "<html><body><article><p>“Café au lait,” said Renée, who has run the café for twenty years and says so often.</p></article></body></html>"
    url = server.add("/cp", page.encode("cp1252"), content_type="text/html; charset=windows-1252")
    assert "“Café au lait,” said Renée" in load_article(url).text


def test_redirects_are_followed_up_to_the_limit(server):
    server.add("/final", PAGE)
    server.add("/moved", b"", status=301, headers={"Location": "/final"})
    article = load_article(server.url("/moved"))
    assert article.source_url == server.url("/final") and article.location == server.url("/moved")


def test_a_redirect_loop(server):
    url = server.add("/loop", b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(InputError, match=r"/loop: too many redirects \(more than 5; a redirect loop\?\)"):
        load_article(url)


@pytest.mark.parametrize("status, reason", [(404, "Not Found"), (500, "Internal Server Error")])
def test_an_http_error(server, status, reason):
    url = server.add("/gone", b"gone", status=status)
    with pytest.raises(InputError, match=f"HTTP error {status} {reason}"):
        load_article(url)


def test_a_timeout(server):
    url = server.add("/slow", PAGE, delay=2.0)
    with pytest.raises(InputError, match=r"timed out \(no answer within 0.3 s\)"):
        load_article(url, Limits(timeout=0.3))


def test_an_unreachable_server():
    with pytest.raises(InputError, match=r"cannot connect"):
        load_article("http://127.0.0.1:9/nothing-listens-here")


def test_a_page_over_the_size_cap(server):
    url = server.add("/big", PAGE)
    with pytest.raises(InputError, match="larger than the size cap"):
        load_article(url, Limits(max_bytes=1000))


def test_a_page_over_the_cap_without_a_length_is_cut_while_streaming(server):
    url = server.add("/big", PAGE, headers={"Content-Length": ""})
    server.routes["/big"].headers.pop("Content-Length")
    with pytest.raises(InputError, match="larger than the size cap"):
        load_article(url, Limits(max_bytes=1000))


def test_not_a_page(server):
    url = server.add("/photo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    with pytest.raises(InputError, match=r"not a web page or text \(image/png\)"):
        load_article(url)


def test_a_page_without_article_text(server):
    url = server.add("/empty", fixture_text("no_article.html"))
    with pytest.raises(InputError, match="no article text found on the page"):
        load_article(url)


def test_a_feed_url_with_content(server):
    url = server.add("/feed", (FIXTURES / "wire.rss").read_bytes(), content_type="application/rss+xml")
    entries = discover(url)
    assert [e.location for e in entries] == [f"{url}#1", f"{url}#2"]
    assert load_entry(entries[1]).meta.author == "Sam Lee"


def test_a_feed_of_links_fetches_each_page(server):
    page_url = server.add("/news/council-bridge", PAGE)
    feed = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title>'
            f'<entry><title>Bridge</title><link href="{page_url}"/><updated>2024-03-12T09:00:00Z</updated>'
            f'<summary>Short teaser.</summary></entry>'
            f'<entry><title>Gone</title><link href="{server.url("/missing")}"/></entry></feed>')
    url = server.add("/atom", feed, content_type="application/atom+xml")
    first, second = discover(url)
    article = load_entry(first)
    assert article.meta.author == "Maria Okafor" and article.feed == url
    assert article.text.startswith("Council approves river crossing")
    with pytest.raises(InputError, match="/missing: HTTP error 404"):
        load_entry(second)


def test_an_empty_feed_url(server):
    url = server.add("/empty.rss", (FIXTURES / "empty.rss").read_bytes(), content_type="application/xml")
    with pytest.raises(InputError, match="the feed has no items"):
        discover(url)
