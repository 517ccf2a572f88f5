"""Speaker colours taken from the active theme and made legible on its background.

The theme's own accent colours come first (so the reader looks like the rest of the app); more
speakers get hues spread around the colour wheel. Every colour is then lightened (dark themes) or
darkened (light themes) until it reads against the background (WCAG contrast >= 4.5).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color, ColorParseError

THEME_COLOURS = ("primary", "secondary", "accent", "warning", "success", "error")
# ANSI themes leave colours to the terminal's own palette; use its named colours as they are.
ANSI_COLOURS = (
    "ansi_bright_blue", "ansi_bright_magenta", "ansi_bright_cyan", "ansi_bright_green",
    "ansi_bright_yellow", "ansi_bright_red", "ansi_blue", "ansi_magenta", "ansi_cyan", "ansi_green",
    "ansi_yellow", "ansi_red",
)
MIN_CONTRAST = 4.5
MIN_HUE_GAP = 0.07  # of the colour wheel: closer hues are hard to tell apart
GOLDEN_ANGLE = 0.381966


def luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible(colour: Color, background: Color) -> Color:
    """``colour`` with its lightness moved away from the background until it reads."""
    hue, saturation, lightness = colour.hsl
    dark_background = luminance(background) < 0.5
    for _ in range(20):
        candidate = Color.from_hsl(hue, saturation, lightness)
        if contrast(candidate, background) >= MIN_CONTRAST:
            return candidate
        lightness = min(1.0, lightness + 0.05) if dark_background else max(0.0, lightness - 0.05)
    return Color.from_hsl(hue, saturation, lightness)


def _hue_distance(a: float, b: float) -> float:
    gap = abs(a - b) % 1.0
    return min(gap, 1.0 - gap)


def _parse(value: str | None) -> Color | None:
    try:
        return Color.parse(value) if value else None
    except ColorParseError:
        return None


def speaker_colours(variables: Mapping[str, str], count: int, ansi: bool = False) -> list[Color]:
    """``count`` distinct, legible colours for the theme whose CSS variables are given."""
    if ansi:
        return [Color.parse(ANSI_COLOURS[i % len(ANSI_COLOURS)]) for i in range(count)]
    background = _parse(variables.get("background")) or Color(0, 0, 0)
    hues: list[float] = []
    colours: list[Color] = []

    def add(colour: Color) -> None:
        hue, saturation, _ = colour.hsl
        if saturation < 0.25 or any(_hue_distance(hue, h) < MIN_HUE_GAP for h in hues):
            return
        hues.append(hue)
        colours.append(legible(colour, background))

    for name in THEME_COLOURS:
        if len(colours) >= count:
            break
        if (colour := _parse(variables.get(name))) is not None:
            add(colour)
    hue = hues[0] if hues else 0.6
    tries = 0
    while len(colours) < count:
        hue = (hue + GOLDEN_ANGLE) % 1.0
        tries += 1
        if tries > 24:  # the wheel is crowded: accept close hues rather than loop forever
            hues.clear()
        add(Color.from_hsl(hue, 0.65, 0.5))
    return colours[:count]
