"""Reading a brat-standoff attribution corpus laid out like PolNeAR.

A split directory holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``. In an ``.ann`` file,
``T`` lines are spans (``T3<TAB>Content 13 98;120 140<TAB>surface``, ``;`` joining the pieces of a
discontinuous span) and ``E`` lines tie one attribution together
(``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``). Surfaces may contain newlines, so lines that
start neither a ``T`` nor an ``E`` record are continuation text and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .model import Span

_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t", re.MULTILINE)
_EVENT = re.compile(r"^E\d+\t([^\t\n]*)", re.MULTILINE)


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: what was said, by whom, through which words (each may be empty)."""

    content: tuple[Span, ...]
    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _spans(offsets: str) -> tuple[Span, ...]:
    pieces = (piece.split() for piece in offsets.split(";"))
    return tuple(Span(int(start), int(end)) for start, end in pieces)


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one ``.ann`` file that have a Content, in file order."""
    spans = {match.group(1): _spans(match.group(3)) for match in _TEXT_BOUND.finditer(ann)}
    attributions = []
    for event in _EVENT.finditer(ann):
        roles = dict(part.split(":", 1) for part in event.group(1).split() if ":" in part)
        content = roles.get("Content")
        if content not in spans:
            continue
        attributions.append(
            GoldAttribution(
                content=spans[content],
                source=spans.get(roles.get("Source", ""), ()),
                cue=spans.get(roles.get("Cue", ""), ()),
            )
        )
    return tuple(attributions)


def annotation_files(split_dir: Path) -> dict[str, list[Path]]:
    """Article name -> its ``.ann`` files, one per annotator, in file-name order."""
    found: dict[str, list[Path]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        found.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    return dict(sorted(found.items()))


def _article(split_dir: Path, name: str, ann: Path) -> GoldArticle:
    # read without newline translation so brat offsets index the text exactly
    with open(split_dir / "text" / f"{name}.txt", encoding="utf-8", newline="") as handle:
        text = handle.read()
    return GoldArticle(name, text, parse_ann(ann.read_text(encoding="utf-8")))


def read_split(split_dir: Path) -> list[GoldArticle]:
    """Every annotated article of a split, in name order; with several annotators, the first by file name."""
    return [_article(split_dir, name, anns[0]) for name, anns in annotation_files(split_dir).items()]


def read_doubly_annotated(split_dir: Path) -> list[tuple[GoldArticle, GoldArticle]]:
    """The articles two people annotated: (the first annotator's, the second's), by file name."""
    return [
        (_article(split_dir, name, anns[0]), _article(split_dir, name, anns[1]))
        for name, anns in annotation_files(split_dir).items()
        if len(anns) > 1
    ]
