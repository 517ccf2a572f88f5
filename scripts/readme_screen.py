"""Print the reader's screen as plain text: the sample at the top of the README.

    python scripts/readme_screen.py            # the seed at 110x32, on its second statement

Runs the app headless on the real pipeline, takes Textual's SVG screenshot and lays its text runs
back out on a character grid (full-width stance signs take two columns).
"""

from __future__ import annotations

import asyncio
import html
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seeds import default_seed  # noqa: E402
from tests.tui.helpers import settle  # noqa: E402
from tui.app import QuotelensApp  # noqa: E402
from tui.widgets.search_input import SearchInput  # noqa: E402

WIDTH, HEIGHT = 110, 32
TEXT_RUN = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>([^<]*)</text>')


async def screenshot() -> str:
    seed = default_seed()
    app = QuotelensApp(path=seed, text=seed.read_text(encoding="utf-8"))
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await settle(app, pilot)
        app.screen.query_one(SearchInput).cursor_blink = False
        await pilot.press("n", "n")
        await pilot.pause()
        return app.export_screenshot()


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "FW" else 1 for ch in text)


def as_text(svg: str) -> str:
    runs = [
        (float(x), float(y), float(length), html.unescape(text).replace("\xa0", " "))
        for x, y, length, text in TEXT_RUN.findall(svg)
        if text
    ]
    cell = next(length / columns(text) for _, _, length, text in runs if columns(text) > 5)
    lines = []
    for row in sorted({y for _, y, _, _ in runs}):
        grid: dict[int, str] = {}
        for x, y, _, text in runs:
            if y == row:
                column = round(x / cell)
                for ch in text:
                    grid[column] = ch
                    column += columns(ch)
        lines.append("".join(grid[c] if c in grid else "" if _covered(grid, c) else " " for c in range(WIDTH)))
    return "\n".join(line.rstrip() for line in lines)


def _covered(grid: dict[int, str], column: int) -> bool:
    """Is ``column`` the second half of a full-width character?"""
    before = grid.get(column - 1)
    return before is not None and columns(before) == 2


def main() -> int:
    print(as_text(asyncio.run(screenshot())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
