"""Keys as terminals really send them, and keys pressed before the statements are in."""

from __future__ import annotations

import threading

from textual._xterm_parser import XTermParser

from tests.tui.helpers import seed_app, settle
from tests.tui.seed_annotation import seed_annotation
from tui.widgets.article_view import ArticleView
from tui.widgets.status_line import StatusLine


async def feed(pilot, raw: str) -> None:
    """Send ``raw`` to the app the way the Linux driver does: parsed by Textual's xterm parser."""
    parser = XTermParser()
    for message in [*parser.feed(raw), *parser.feed("")]:
        pilot.app.post_message(message)
    await pilot.pause()


async def test_search_steps_with_keys_every_terminal_sends(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        article = app.screen.query_one(ArticleView)
        await pilot.press("slash", *"nato")
        first = article.current_match
        await feed(pilot, "\x1b[B")  # ↓
        assert article.current_match == first + 1
        await feed(pilot, "\x1b[A")  # ↑
        assert article.current_match == first
        await feed(pilot, "\r")  # enter
        await feed(pilot, "\x1bOR")  # f3
        assert article.current_match == first + 2
        # xterm and tmux: shift+F3 is ESC[1;2R, which the parser takes for a cursor position report
        await feed(pilot, "\x1b[1;2R")
        assert article.current_match == first + 1
        assert app.screen.query_one(StatusLine).search == f"match {first + 2}/{len(article.matches)}"


def annotating_until(ready: threading.Event):
    """The hand-made annotator, held back until ``ready`` is set (keys are pressed meanwhile)."""

    def annotator(text: str):
        ready.wait(10)
        return seed_annotation(text)

    return annotator


async def test_keys_pressed_while_annotating_are_carried_out_when_the_statements_arrive(seed_path):
    ready = threading.Event()
    app = seed_app(seed_path, annotator=annotating_until(ready))
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen
        await pilot.press("n")
        assert reader.annotating and reader.current is None
        assert not any("Still annotating" in n.message for n in app._notifications)
        ready.set()
        await settle(app, pilot)
        assert reader.current == 0
        assert reader.query_one(StatusLine).statement.number == 1


async def test_several_keys_pressed_while_annotating_are_carried_out_in_order(seed_path):
    """n n N: every key counts, in order: the second statement, then its speaker's next one."""
    ready = threading.Event()
    app = seed_app(seed_path, annotator=annotating_until(ready))
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.screen
        await pilot.press("n", "n", "N")
        ready.set()
        await settle(app, pilot)
        overlays = reader.query_one(ArticleView).overlays
        by_second_speaker = overlays.statements_of(overlays.statement_speaker[1])
        assert len(by_second_speaker) > 1
        assert reader.current == by_second_speaker[by_second_speaker.index(1) + 1]


async def test_a_search_typed_in_one_burst_reaches_the_search_bar(seed_path):
    # tmux send-keys, a paste, a fast typist: "/nato" is sent to the article before "/" opens the bar
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = app.screen.current
        await feed(pilot, "/nato")
        await pilot.pause()
        assert app.screen.query_one("#search").value == "nato"
        assert app.screen.current == before  # the "n" went into the bar, not to the next statement


async def test_a_slash_typed_in_the_search_bar_is_part_of_the_query(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "a", "slash", "b")
        assert app.screen.query_one("#search").value == "a/b"
