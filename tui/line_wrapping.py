"""Article text laid out as wrapped lines: pure offsets, no widgets, so it is fast and testable.

Every line is a ``(start, end)`` range of offsets into the article text, so overlays (which are
offsets too) map onto lines with a binary search. A blank line separates paragraphs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from annotators.model import Span

_WORD = re.compile(r"\S+")
# Characters one cell wide (Latin, Greek, Cyrillic, general punctuation, currency, control pictures):
# a paragraph made only of these is measured with len(), which is much faster than cell_len().
NARROW_RANGES = (
    (0x20, 0x7E), (0xA0, 0x2FF), (0x370, 0x482), (0x48A, 0x52F), (0x2010, 0x2027), (0x2030, 0x205E),
    (0x20A0, 0x20BF), (0x2400, 0x2426), (0xFFFD, 0xFFFD),
)
_NARROW = re.compile(
    "[" + "".join(f"{re.escape(chr(first))}-{re.escape(chr(last))}" for first, last in NARROW_RANGES) + "]*"
)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    paragraph: int  # -1 for the blank line between two paragraphs


def _split_long_word(display: str, start: int, end: int, width: int) -> Iterator[tuple[int, int]]:
    """A word wider than the pane, cut into pieces that each fit."""
    piece_start, cells = start, 0
    for offset in range(start, end):
        char_cells = cell_len(display[offset])
        if cells + char_cells > width and offset > piece_start:
            yield piece_start, offset
            piece_start, cells = offset, 0
        cells += char_cells
    yield piece_start, end


def wrap(display: str, start: int, end: int, width: int) -> Iterator[tuple[int, int]]:
    """Greedy word wrap of ``display[start:end]`` to ``width`` cells, as offset ranges.

    Whitespace between words on a line is kept as written; a line never starts or ends with it.
    """
    if _NARROW.fullmatch(display, start, end):
        return _wrap_narrow(display, start, end, width)
    return _wrap_cells(display, start, end, width)


def _wrap_narrow(display: str, start: int, end: int, width: int) -> Iterator[tuple[int, int]]:
    """The common case, every character one cell: a line's width is its length."""
    line_start = line_end = -1
    for match in _WORD.finditer(display, start, end):
        word_start, word_end = match.span()
        if line_start >= 0 and word_end - line_start > width:
            yield line_start, line_end
            line_start = -1
        if line_start < 0:
            line_start = word_start
        while word_end - line_start > width:  # a word wider than the pane
            yield line_start, line_start + width
            line_start += width
        line_end = word_end
    if line_start >= 0:
        yield line_start, line_end


def _wrap_cells(display: str, start: int, end: int, width: int) -> Iterator[tuple[int, int]]:
    """Any text: widths measured in terminal cells (wide CJK characters take two)."""
    line_start = line_end = -1
    cells = 0
    for match in _WORD.finditer(display, start, end):
        word_start, word_end = match.span()
        word_cells = cell_len(match.group())
        gap = cell_len(display[line_end:word_start]) if line_start >= 0 else 0
        if line_start >= 0 and cells + gap + word_cells > width:
            yield line_start, line_end
            line_start = -1
        if line_start < 0:
            line_start, cells, gap = word_start, 0, 0
        if word_cells > width:
            if line_start < word_start:
                yield line_start, line_end
            *full, (line_start, line_end) = _split_long_word(display, word_start, word_end, width)
            yield from full
            cells = cell_len(display[line_start:line_end])
            continue
        cells += gap + word_cells
        line_end = word_end
    if line_start >= 0:
        yield line_start, line_end


class ArticleLayout:
    """The paragraphs of an article wrapped to one width."""

    def __init__(self, display: str, paragraphs: Sequence[Span], width: int) -> None:
        self.width = max(1, width)
        self.lines: list[Line] = []
        for index, paragraph in enumerate(paragraphs):
            if index:
                previous_end = self.lines[-1].end
                self.lines.append(Line(previous_end, previous_end, -1))
            for start, end in wrap(display, paragraph.start, paragraph.end, self.width):
                self.lines.append(Line(start, end, index))
        self._starts = [line.start for line in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The line showing ``offset`` (or the nearest line before it)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def lines_of(self, span: Span) -> tuple[int, int]:
        """First and last line a span is drawn on."""
        return self.line_of(span.start), self.line_of(max(span.start, span.end - 1))
