"""Anchoring a note to article text the way web annotators do, and finding it again.

An anchor holds the two W3C Web Annotation selectors that Hypothesis and similar tools store:
a ``TextQuoteSelector`` (the exact text with a little prefix and suffix) and a
``TextPositionSelector`` (character offsets). Positions are fast and exact while the text is the same;
the quote with its context finds the place again after the text has been edited. When neither finds
it, the caller keeps the note as "unanchored": finding nothing is an answer, never a reason to drop.

Fuzzy matching uses ``rapidfuzz`` (``partial_ratio_alignment``): a C++ approximate substring
alignment that finds a 150-character quote in a 650 kB text in about 65 ms here. ``difflib`` has no
approximate substring search (``SequenceMatcher`` compares whole strings and is quadratic in Python),
and diff-match-patch's bitap, which Hypothesis used, is limited to 32-character patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from rapidfuzz import fuzz

CONTEXT_CHARS = 32  # prefix/suffix length, as Hypothesis stores them
MIN_QUOTE_SIMILARITY = 0.75  # below this a fuzzy match is a different passage, not an edited one
BRACKET_CHARS = 12  # the context next to the quote that must survive verbatim to bracket a rewritten quote
MAX_EXACT_CANDIDATES = 500  # a very common quote ("the") is ranked among this many occurrences at most

# How a note was found: at its old offsets, elsewhere verbatim, or approximately.
How = Literal["exact", "moved", "fuzzy"]


@dataclass(frozen=True)
class TextAnchor:
    """Where a note points: W3C TextQuoteSelector (exact, prefix, suffix) + TextPositionSelector."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    @classmethod
    def from_span(cls, text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextAnchor:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"cannot anchor to {start}..{end} in a text of {len(text)} characters")
        return cls(
            exact=text[start:end],
            prefix=text[max(0, start - context) : start],
            suffix=text[end : end + context],
            start=start,
            end=end,
        )

    def selectors(self) -> list[dict[str, Any]]:
        """The anchor as W3C Web Annotation selectors (the JSON export uses this form)."""
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


@dataclass(frozen=True)
class Located:
    """Where an anchor's text is in the current article."""

    start: int
    end: int
    how: How
    similarity: float  # of the quote to the found text, 1.0 for verbatim


def locate(anchor: TextAnchor, text: str, min_similarity: float = MIN_QUOTE_SIMILARITY) -> Located | None:
    """The best place for ``anchor`` in ``text``, or None when no passage is similar enough."""
    if not anchor.exact or not text:
        return None
    return (
        _best_verbatim(anchor, text)
        or _between_context(anchor, text)
        or _best_fuzzy(anchor, text, min_similarity)
    )


def _best_verbatim(anchor: TextAnchor, text: str) -> Located | None:
    starts = _occurrences(text, anchor.exact)
    if not starts:
        return None
    best = max(starts, key=lambda start: _placement_score(anchor, text, start, start + len(anchor.exact)))
    end = best + len(anchor.exact)
    unchanged = (best, end) == (anchor.start, anchor.end) and _context_similarity(anchor, text, best, end) == 1.0
    return Located(best, end, "exact" if unchanged else "moved", 1.0)


def _occurrences(text: str, needle: str) -> list[int]:
    starts: list[int] = []
    at = text.find(needle)
    while at != -1 and len(starts) < MAX_EXACT_CANDIDATES:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


def _between_context(anchor: TextAnchor, text: str) -> Located | None:
    """The passage between the anchor's prefix and suffix, both still there verbatim: the quote itself
    was rewritten (a short highlight edited beyond fuzzy recognition still belongs here)."""
    before, after = anchor.prefix[-BRACKET_CHARS:], anchor.suffix[:BRACKET_CHARS]
    if len(before) < BRACKET_CHARS or len(after) < BRACKET_CHARS:
        return None
    longest = 2 * len(anchor.exact) + BRACKET_CHARS
    pairs = []
    for prefix_at in _occurrences(text, before):
        start = prefix_at + len(before)
        end = text.find(after, start + 1, start + longest + len(after))
        if end != -1:
            pairs.append((start, end))
    if not pairs:
        return None
    start, end = min(pairs, key=lambda span: abs(span[0] - anchor.start))
    return Located(start, end, "fuzzy", fuzz.ratio(anchor.exact, text[start:end]) / 100)


def _best_fuzzy(anchor: TextAnchor, text: str, min_similarity: float) -> Located | None:
    cutoff = min_similarity * 100
    candidates = [_align(anchor.exact, text, 0, cutoff)]
    # A short quote aligns well in many places; searching near its context first keeps it where it was.
    context = anchor.prefix + anchor.exact + anchor.suffix
    near = fuzz.partial_ratio_alignment(context, text, score_cutoff=cutoff)
    if near is not None and len(context) <= len(text):
        margin = len(context) // 4 + 1
        lo, hi = max(0, near.dest_start - margin), min(len(text), near.dest_end + margin)
        candidates.append(_align(anchor.exact, text[lo:hi], lo, cutoff))
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    start, end = max(found, key=lambda span: _placement_score(anchor, text, *span))
    similarity = fuzz.ratio(anchor.exact, text[start:end]) / 100
    if similarity < min_similarity:
        return None
    return Located(start, end, "fuzzy", similarity)


def _align(needle: str, haystack: str, offset: int, cutoff: float) -> tuple[int, int] | None:
    """The span of ``haystack`` (shifted by ``offset``) most like ``needle``, boundaries refined."""
    if len(needle) > len(haystack):
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=cutoff)
    if alignment is None:
        return None
    start, end = _refine(needle, haystack, alignment.dest_start, alignment.dest_end)
    return offset + start, offset + end


def _refine(needle: str, haystack: str, start: int, end: int) -> tuple[int, int]:
    """partial_ratio compares windows of the needle's length; an edit that added or removed
    characters leaves the true passage a little longer or shorter, so move each boundary."""
    slack = max(3, min(200, len(needle) // 5))

    def score(s: int, e: int) -> float:
        return fuzz.ratio(needle, haystack[s:e])

    end = max(range(max(start + 1, end - slack), min(len(haystack), end + slack) + 1),
              key=lambda e: (score(start, e), -abs(e - end)))
    start = max(range(max(0, start - slack), min(end - 1, start + slack) + 1),
                key=lambda s: (score(s, end), -abs(s - start)))
    return start, end


def _placement_score(anchor: TextAnchor, text: str, start: int, end: int) -> float:
    """Rank candidate places like Hypothesis does: context dominates, the old offset breaks ties."""
    distance = abs(start - anchor.start) / max(1, len(text))
    return (
        fuzz.ratio(anchor.exact, text[start:end]) / 100 * 5
        + _context_similarity(anchor, text, start, end) * 4
        + (1 - distance) * 0.2
    )


def _context_similarity(anchor: TextAnchor, text: str, start: int, end: int) -> float:
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    return (_similarity(anchor.prefix, before) + _similarity(anchor.suffix, after)) / 2


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100
