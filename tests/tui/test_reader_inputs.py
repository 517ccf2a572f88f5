"""The reader on every input kind: a web page (file and URL), Markdown, a feed item; the header shows
the page's metadata, and the engine is given it."""

from __future__ import annotations

import pytest

from tests.inputs.conftest import FIXTURES, LocalServer, fixture_text
from tests.tui.helpers import settle
from tui.app import QuotelensApp, preview
from tui.export import default_export_name
from tui.inputs import discover, load_article, load_entry
from tui.widgets.article_header import ArticleHeader


@pytest.fixture
def served_page():
    server = LocalServer()
    server.start()
    yield server.add("/news/council-bridge.html", fixture_text("news_page.html"))
    server.stop()


def header_line(app: QuotelensApp) -> str:
    return app.reader.query_one(ArticleHeader).render().plain


async def test_a_url_opens_with_its_metadata_in_the_header(served_page, tmp_path):
    article = load_article(served_page)
    app = QuotelensApp(article=article, notes_dir=str(tmp_path))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(app, pilot)
        line = header_line(app)
        assert line.startswith("Council approves river crossing after long debate  by Maria Okafor")
        assert "2024-03-12 · The Harbour Gazette" in line
        assert app.reader.annotation.meta.author == "Maria Okafor"  # the engine was given the metadata
        assert app.reader.annotation.statements
        assert app.reader.article_notes.source == "https://gazette.example/news/2024/03/12/council-bridge"
    assert default_export_name(article.name) == "council-bridge.notes.md"


async def test_markdown_opens_without_its_marks(tmp_path):
    article = load_article(str(FIXTURES / "briefing.md"))
    app = QuotelensApp(article=article, notes_dir=str(tmp_path), annotator=lambda text: preview(text, article.meta))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        assert header_line(app).startswith("Harbour council backs the bridge")
        assert "#" not in app.reader.text and "**" not in app.reader.text


async def test_a_feed_item_opens_with_the_feed_as_outlet(tmp_path):
    article = load_entry(discover(str(FIXTURES / "wire.rss"))[1])
    app = QuotelensApp(article=article, notes_dir=str(tmp_path), annotator=lambda text: preview(text, article.meta))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(app, pilot)
        line = header_line(app)
        assert line.startswith("Library opening hours extended  by Sam Lee")
        assert "2024-03-13 · Harbour Gazette: City Hall" in line
