"""Mouse selections in the article pane as text offsets (the range a highlight note is anchored to).

The article pane tags every drawn cell with its (column, line) through ``Strip.apply_offsets``, so
Textual reports a selection as two such points; here they become offsets into the article text.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.geometry import Offset
from textual.selection import Selection

from annotators.model import Span
from tui.line_wrapping import ArticleLayout


def selection_span(layout: ArticleLayout, display: str, selection: Selection) -> Span | None:
    """The selected text as a span, without surrounding whitespace; None when nothing is selected."""
    if not len(layout):
        return None
    start = layout.lines[0].start if selection.start is None else _offset_at(layout, display, selection.start)
    end = layout.lines[-1].end if selection.end is None else _offset_at(layout, display, selection.end)
    while start < end and display[start].isspace():
        start += 1
    while end > start and display[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def _offset_at(layout: ArticleLayout, display: str, point: Offset) -> int:
    """The offset of the first character drawn at or after column ``point.x`` of line ``point.y``."""
    if point.y >= len(layout):
        return layout.lines[-1].end
    line = layout.lines[max(0, point.y)]
    cells = 0
    for offset in range(line.start, line.end):
        if cells >= point.x:
            return offset
        cells += cell_len(display[offset])
    return line.end
