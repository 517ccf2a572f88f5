"""Stepping through statements: the next or previous candidate, wrapping around at either end."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    index: int  # the statement to make current
    wrapped: bool  # True when the step went past the end (or the start) and came round


def step(candidates: Sequence[int], current: int | None, forward: bool) -> Step | None:
    """The candidate after (or before) ``current`` in document order; None when there is none.

    ``candidates`` are sorted statement indices; ``current`` need not be one of them (after a filter
    is set the current statement may belong to somebody else): the step goes to the nearest one.
    """
    if not candidates:
        return None
    if current is None:
        return Step(candidates[0] if forward else candidates[-1], False)
    if forward:
        position = bisect_right(candidates, current)
        if position < len(candidates):
            return Step(candidates[position], False)
        return Step(candidates[0], True)
    position = bisect_left(candidates, current) - 1
    if position >= 0:
        return Step(candidates[position], False)
    return Step(candidates[-1], True)
