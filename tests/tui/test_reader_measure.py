"""The article's measure (a readable line, centred on a wide terminal) and the plain-mode gutter bar."""

from __future__ import annotations

from tests.tui.helpers import screen_text, seed_app, settle
from tui.widgets.actor_sidebar import ActorSidebar
from tui.widgets.article_view import GUTTER, GUTTER_BAR, ArticleView


def bar_rows(app, article: ArticleView) -> list[int]:
    """The screen rows that show the gutter bar in the article pane's gutter."""
    column = article.content_region.x + article.text_indent() - GUTTER
    rows = screen_text(app).splitlines()
    return [y for y in range(article.content_region.y, article.content_region.bottom) if rows[y][column] == GUTTER_BAR]


async def test_with_overlays_off_a_bar_marks_the_current_statement_and_moves_with_n(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        article = reader.query_one(ArticleView)
        await pilot.press("n")
        assert bar_rows(app, article) == []  # overlays on: the background marks it
        await pilot.press("o")
        first = bar_rows(app, article)
        lines = article.layout.lines_of(reader.annotation.statements[0].extent)
        top = article.content_region.y - round(article.scroll_offset.y)
        assert first == list(range(top + lines[0], top + lines[1] + 1))
        await pilot.press("n")
        second = bar_rows(app, article)
        assert second and second != first
        await pilot.press("o")
        assert bar_rows(app, article) == []


async def test_on_a_wide_terminal_the_text_keeps_its_measure_centred_and_the_sidebar_takes_the_rest(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(app, pilot)
        article = app.screen.query_one(ArticleView)
        sidebar = app.screen.query_one(ActorSidebar)
        assert article.layout.width == article.measure == 100
        assert sidebar.outer_size.width > 36
        await pilot.press("s")  # no sidebar: the same measure, centred in the whole width
        await pilot.pause()
        assert article.layout.width == 100
        content = article.scrollable_content_region.width
        left = article.text_indent()
        right = content - left - article.layout.width
        assert abs(left - right) <= 2  # the right side also holds the margin before the scrollbar
        first_line = screen_text(app).splitlines()[article.content_region.y]
        assert first_line[article.content_region.x + left :].startswith(
            app.screen.text[article.layout.lines[0].start : article.layout.lines[0].start + 20]
        )


async def test_a_narrow_pane_wraps_to_its_width(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(70, 24)) as pilot:
        await settle(app, pilot)
        article = app.screen.query_one(ArticleView)
        assert article.layout.width < article.measure
        assert article.text_indent() == GUTTER
