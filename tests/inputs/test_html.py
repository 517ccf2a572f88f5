"""Saved pages: the main text and its metadata; menus, cookie banners, related links, comments and
newsletter boxes are left out."""

from __future__ import annotations

import io

import pytest

from annotators import annotate
from tests.inputs.conftest import FIXTURES, fixture_text
from tui.inputs import InputError, load_article

BOILERPLATE = (
    "cookies", "Subscribe today", "Politics", "Sign up for our free newsletter", "Morning Briefing",
    "Related stories", "Ferry service cut", "Total waste of money", "riverwatcher", "All rights reserved",
    "Privacy policy", "dataLayer",
)


@pytest.fixture(scope="module")
def article():
    return load_article(str(FIXTURES / "news_page.html"))


def test_the_article_text_is_the_title_and_the_story(article):
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Council approves river crossing after long debate"
    assert paragraphs[1].startswith("The city council on Tuesday approved plans")
    assert paragraphs[-1].endswith("near the old ferry landing.")
    assert any(p.startswith("“We are ready to start") for p in paragraphs)  # the block quote
    assert len(paragraphs) == 7


@pytest.mark.parametrize("boilerplate", BOILERPLATE)
def test_boilerplate_is_left_out(article, boilerplate):
    assert boilerplate not in article.text


def test_metadata(article):
    meta = article.meta
    assert meta.title == "Council approves river crossing after long debate"
    assert meta.author == "Maria Okafor"
    assert meta.date == "2024-03-12"
    assert meta.outlet == "The Harbour Gazette"
    assert meta.url == "https://gazette.example/news/2024/03/12/council-bridge"
    assert (article.kind, article.name, article.location) == ("html", "news_page", str(FIXTURES / "news_page.html"))


def test_the_engine_keeps_the_page_metadata_and_finds_the_statements(article):
    annotation = annotate(article.text, meta=article.meta)
    assert annotation.meta.author == "Maria Okafor" and annotation.meta.outlet == "The Harbour Gazette"
    assert article.text[annotation.meta.body.start:].startswith("The city council")
    speakers = {annotation.actor(s.actor).name for s in annotation.statements if s.actor}
    assert {"Helen Brandt", "Priya Natarajan", "Gloria Menendez"} <= speakers


def test_a_page_in_windows_1252_declared_by_its_meta_tag():
    article = load_article(str(FIXTURES / "cafe_cp1252.html"))
    assert "“We were never asked,” said Renée Dubois" in article.text
    assert article.meta.title == "Café owners protest new rules"


def test_a_page_without_article_text():
    with pytest.raises(InputError, match="no_article.html: no article text found on the page"):
        load_article(str(FIXTURES / "no_article.html"))


def test_standard_input_holding_html_is_extracted():
    page = (FIXTURES / "news_page.html").read_bytes()
    article = load_article("-", stdin=io.BytesIO(page))
    assert article.kind == "html" and article.location == "-" and article.name == "stdin"
    assert article.meta.author == "Maria Okafor" and "cookies" not in article.text


def test_standard_input_holding_text_is_kept_as_it_is():
    article = load_article("-", stdin=io.BytesIO("Title\r\n\r\nHe said <b> is bold.\r\n".encode()))
    assert (article.kind, article.text) == ("text", "Title\n\nHe said <b> is bold.\n")


def test_an_unknown_suffix_holding_html_is_sniffed(tmp_path):
    path = tmp_path / "saved_page"
    path.write_text(fixture_text("news_page.html"), encoding="utf-8")
    assert load_article(str(path)).kind == "html"
