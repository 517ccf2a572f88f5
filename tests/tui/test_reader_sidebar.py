"""The actor sidebar follows the reader: the current statement's speaker is highlighted and in view."""

from __future__ import annotations

from tests.tui.helpers import seed_app, settle
from tui.widgets.actor_sidebar import ActorSidebar


async def test_the_current_speaker_is_highlighted_and_scrolled_into_view(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        sidebar = reader.query_one(ActorSidebar)
        statements = reader.annotation.statements
        last_row = max(range(len(statements)), key=lambda i: sidebar.get_option_index(statements[i].actor))
        row = sidebar.get_option_index(statements[last_row].actor)
        assert sidebar.scroll_offset.y == 0 and row > 0
        await pilot.press("p")  # round to the last statement
        while reader.current != last_row:
            await pilot.press("p")
        assert sidebar.highlighted == row
        assert sidebar.scroll_offset.y > 0  # the row was below the fold: the list scrolled to it
        await pilot.press("p")
        assert sidebar.highlighted_option.id == statements[reader.current].actor
