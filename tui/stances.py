"""How stances are shown: a polarity mark and the target, "＋ no-fly zone", "－ Russia"."""

from __future__ import annotations

from typing import Iterable

from annotators.model import Stance
from tui.safe_text import one_line

POLARITY_MARKS = {"favor": "＋", "against": "－", "mixed": "±", "neutral": "·"}
POLARITY_STYLES = {"favor": "green", "against": "red", "mixed": "yellow", "neutral": "dim"}


def chip(stance: Stance) -> str:
    """"＋ no-fly zone", with "×2" when several pieces of evidence agree."""
    count = f" ×{stance.count}" if stance.count > 1 else ""
    return f"{POLARITY_MARKS[stance.polarity]} {one_line(stance.target)}{count}"


def taken(stances: Iterable[Stance]) -> list[Stance]:
    """The stances that take a side (neutral ones only say what a statement is about)."""
    return [s for s in stances if s.polarity != "neutral"]


def summary(stances: Iterable[Stance]) -> str:
    return "; ".join(chip(s) for s in taken(stances))
