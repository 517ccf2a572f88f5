"""Snapshot tests of the reader at 120x40 on the seed article (Textual is pinned in pyproject).

Most use the hand-made annotation of the seed in ``seed_annotation.py``, so their pictures
change only when the reader's look changes; ``test_main_screen_on_the_engine`` uses the real
pipeline and changes whenever the engine does. After an intended
change of look, review and accept the new pictures with:

    python -m pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tests.tui.helpers import seed_app, settle
from tui.widgets.search_input import SearchInput

SIZE = (120, 40)


@pytest.fixture
def app(seed_path):
    return seed_app(seed_path)


async def ready(pilot) -> None:
    """Annotation done, loading indicator gone, no blinking cursor."""
    await settle(pilot.app, pilot)
    pilot.app.screen.query_one(SearchInput).cursor_blink = False


def test_main_screen_with_sidebar(app, snap_compare):
    assert snap_compare(app, press=["n", "n", "n"], terminal_size=SIZE, run_before=ready)


def test_main_screen_without_sidebar(app, snap_compare):
    assert snap_compare(app, press=["s", "n"], terminal_size=SIZE, run_before=ready)


def test_filtered_by_an_actor(app, snap_compare):
    # tab to the sidebar, second actor (Zelenskyy), filter, then to his first statement
    assert snap_compare(app, press=["tab", "down", "enter", "n"], terminal_size=SIZE, run_before=ready)


def test_search(app, snap_compare):
    assert snap_compare(app, press=["slash", *"nato", "enter"], terminal_size=SIZE, run_before=ready)


def test_help_screen(app, snap_compare):
    assert snap_compare(app, press=["question_mark"], terminal_size=SIZE, run_before=ready)


def test_main_screen_on_the_engine(seed_path, snap_compare):
    """The seed as the real pipeline annotates it: regenerate (see above) when the engine changes."""
    from tui.app import QuotelensApp

    app = QuotelensApp(path=seed_path, text=seed_path.read_text(encoding="utf-8"))
    assert snap_compare(app, press=["n", "n", "n"], terminal_size=SIZE, run_before=ready)


def test_plain_reading_marks_the_current_statement_in_the_gutter(app, snap_compare):
    assert snap_compare(app, press=["o", "n", "n"], terminal_size=SIZE, run_before=ready)


def test_main_screen_at_80_columns(app, snap_compare):
    """The footer keeps q Quit and the note keys; the status line fits."""
    assert snap_compare(app, press=["n", "n"], terminal_size=(80, 24), run_before=ready)


def test_library_screen(tmp_path, snap_compare):
    """A folder of three articles and a binary file, annotated, the cursor on the second row."""
    from tests.tui.library_fixtures import QuoteAnnotator, library_app, settle_library, write_articles
    from tui.annotation_cache import AnnotationCache

    folder = write_articles(tmp_path / "articles")
    (folder / "zulu.txt").write_bytes(b"\x00binary")
    app = library_app(folder, QuoteAnnotator(), AnnotationCache(tmp_path / "cache", "test-1"), name="articles")

    async def ready(pilot) -> None:
        await settle_library(pilot.app, pilot)
        await pilot.press("down")

    assert snap_compare(app, terminal_size=(100, 14), run_before=ready)
