"""Speaker colours come from the active theme and read on its background."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.color import Color

from tui.speaker_colours import MIN_CONTRAST, contrast, speaker_colours

THEMES = App().available_themes


@pytest.mark.parametrize("name", sorted(name for name, theme in THEMES.items() if not theme.ansi))
def test_colours_are_distinct_and_legible_on_every_theme(name):
    variables = THEMES[name].to_color_system().generate()
    colours = speaker_colours(variables, 12)
    background = Color.parse(variables["background"])
    assert len(colours) == 12 and len({c.hex for c in colours}) == 12
    assert all(contrast(colour, background) >= MIN_CONTRAST - 0.01 for colour in colours)


def test_the_theme_accents_come_first():
    variables = THEMES["nord"].to_color_system().generate()
    first = speaker_colours(variables, 1)[0]
    assert abs(first.hsl.h - Color.parse(variables["primary"]).hsl.h) < 0.02


def test_ansi_themes_use_the_terminal_palette():
    colours = speaker_colours({}, 3, ansi=True)
    assert all(colour.ansi is not None for colour in colours)
