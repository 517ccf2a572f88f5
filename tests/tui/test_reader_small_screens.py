"""An 80-column terminal (and narrower): the footer keeps what matters, the status line says less
rather than cutting its hint, help entries wrap instead of being cut, notices leave the status visible."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.widgets._toast import Toast

from tests.tui.helpers import screen_text, seed_app, settle
from tui.screens.help import HelpScreen
from tui.widgets.status_line import Hint, StatementInfo, StatusLine


@pytest.mark.parametrize("width", [60, 80])
async def test_the_footer_keeps_quit_and_the_note_keys(seed_path, width):
    app = seed_app(seed_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(app, pilot)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for entry in ("q Quit", "a Note", "^n Notes", "e Export", "n Next"):
            assert entry in footer
        assert "o Overlays" not in footer  # dropped first: less important, and still in the help
        assert footer.rstrip().endswith("e Export")  # whole entries only


async def test_the_footer_shows_everything_when_there_is_room(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(160, 24)) as pilot:
        await settle(app, pilot)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for entry in ("N Speaker", "s Sidebar", "o Overlays", "/ Search", "^p Commands"):
            assert entry in footer


def status_at(width: int, **state) -> str:
    status = StatusLine()
    for name, value in state.items():
        status.set_reactive(getattr(StatusLine, name), value)
    return status.fitted(width).plain


@pytest.mark.parametrize("width", range(58, 140, 6))  # the status line of a 60-column terminal and up
def test_the_status_line_never_cuts_its_own_hint(width):
    info = StatementInfo(5, 13, "Volodymyr Zelenskyy", "said", "indirect", "＋ no-fly zone; － Russian air strikes")
    line = status_at(width, statement=info, filter_name="Volodymyr Zelenskyy", search="match 2/15")
    assert len(line) <= width
    assert "(esc clears)" in line or "(esc" not in line
    assert "match 2/15" in line and "5/13" in line
    hint = status_at(width, hint=Hint("13 statements: press n for the next one, ? for help",
                                      "13 statements: n next, ? help"))
    assert hint in ("13 statements: press n for the next one, ? for help", "13 statements: n next, ? help")


async def test_the_status_line_in_the_reader_at_80_columns(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        reader = app.screen
        await pilot.press("s", "tab", "down", "enter", "n")  # filter on Zelenskyy, his first statement
        await pilot.pause()
        status = screen_text(app).splitlines()[-2]
        assert reader.filter_actor == "zelenskyy"
        assert status.startswith(f" {reader.current + 1}/13  Volodymyr Z") and "filter: Volodymyr Z" in status
        assert "(esc clears)" in status or "(esc" not in status


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_help_entries_wrap_and_are_never_cut_off(seed_path, size):
    app = seed_app(seed_path)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        width = help_screen.query_one("#help-keys").size.width
        console = Console(width=width, file=io.StringIO(), color_system=None)
        console.print(help_screen.keys_table())
        shown = console.file.getvalue().split()
        for _title, bindings in help_screen.sections:
            for binding in bindings:
                for word in (binding.tooltip or binding.description).split():
                    assert word in shown, (word, binding.id)
                assert app.get_key_display(binding) in shown


async def test_notices_stand_above_the_status_line(seed_path):
    app = seed_app(seed_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        reader = app.screen
        status = reader.query_one(StatusLine)
        app.notify("a notice that must not hide where the reader is", timeout=30)
        await pilot.pause(0.3)
        (toast,) = reader.query(Toast)
        assert toast.region.bottom <= status.region.y
        await pilot.press("slash")  # the search bar opens above the status line: notices move up
        await pilot.pause(0.3)
        search_bar = reader.query_one("#search")
        assert toast.region.bottom <= search_bar.region.y
