#!/usr/bin/env python3
"""Stance-chip precision: sample chips from a corpus split with a fixed seed, show them for judging
against ``docs/chip-rubric.md``, and score them from a file of judgements.

    python scripts/chip_sample.py CORPUS_SPLIT_DIR [--seed 12] [--size 100] [--judgements FILE] [--show]

A chip is what the reader's sidebar shows under an actor: one of the actor's stances that takes a side
("＋ no-fly zone", "－ Russia ×2"). Every chip of every article of the split (``text/*.txt``) is
collected in a stable order and ``--size`` of them are drawn with ``random.Random(seed)``.

The judgements are in ``docs/chip-judgements.tsv`` (keys and verdicts only, no corpus text): one chip a line,
``KEY<TAB>VERDICT<TAB>REASON``, where KEY is ``article|holder|polarity|start-end`` (the target's
offsets in the article), VERDICT is ``ok`` or ``bad`` and REASON one of the rubric's codes. Chips
that a later model still produces keep their judgement; new ones are listed by ``--show`` (or
printed as ``KEY<TAB>?`` lines by ``--todo``) to be judged. The precision is ok / judged, over the
sample.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotators.model import Actor, Annotation, Span, Stance  # noqa: E402
from annotators.pipeline import annotate  # noqa: E402
from tui.stances import chip, taken  # noqa: E402

VERDICTS = ("ok", "bad")


@dataclass(frozen=True)
class Chip:
    article: str
    holder: Actor
    stance: Stance

    @property
    def key(self) -> str:
        span = self.stance.target_span
        where = f"{span.start}-{span.end}" if span else "-"
        return f"{self.article}|{self.holder.id}|{self.stance.polarity}|{where}"


def chips(article: str, annotation: Annotation) -> list[Chip]:
    return [Chip(article, actor, stance) for actor in annotation.actors for stance in taken(actor.stances)]


def population(split: Path) -> tuple[list[Chip], dict[str, str]]:
    found: list[Chip] = []
    texts: dict[str, str] = {}
    for path in sorted((split / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts[path.stem] = text
        found += chips(path.stem, annotate(text))
    return found, texts


def sample(found: list[Chip], size: int, seed: int) -> list[Chip]:
    return random.Random(seed).sample(found, min(size, len(found)))


def read_judgements(path: Path | None) -> dict[str, tuple[str, str]]:
    if path is None or not path.exists():
        return {}
    judged = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, verdict, *reason = line.split("\t")
        if verdict in VERDICTS:
            judged[key] = (verdict, reason[0] if reason else "")
    return judged


def _context(text: str, span: Span, width: int = 160) -> str:
    """The words around ``span`` on its line, the span itself in [[...]]."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    start, end = max(line_start, span.start - width), min(line_end, span.end + width)
    return f"{text[start:span.start]}[[{text[span.start:span.end]}]]{text[span.end:end]}"


def show(item: Chip, text: str, number: int) -> str:
    stance = item.stance
    lines = [f"#{number} {item.key}", f"   {item.holder.name} ({item.holder.kind}): {chip(stance)}"]
    for evidence in stance.evidence[:2]:
        lines.append(textwrap.indent(textwrap.fill(_context(text, evidence), 110), "   | "))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path, help="a corpus split directory with text/*.txt")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--judgements", type=Path, help="KEY<TAB>ok|bad<TAB>REASON lines")
    parser.add_argument("--show", action="store_true", help="print every sampled chip with its evidence")
    parser.add_argument("--todo", action="store_true", help="print KEY<TAB>? for the unjudged chips")
    args = parser.parse_args(argv)
    found, texts = population(args.split)
    drawn = sample(found, args.size, args.seed)
    judged = read_judgements(args.judgements)
    for number, item in enumerate(drawn, 1):
        verdict = judged.get(item.key)
        if args.show:
            print(show(item, texts[item.article], number))
            print(f"   => {verdict[0] + ' ' + verdict[1] if verdict else 'UNJUDGED'}\n")
        elif args.todo and verdict is None:
            print(f"{item.key}\t?")
    scored = [judged[item.key][0] for item in drawn if item.key in judged]
    good = scored.count("ok")
    print(
        f"{len(found)} chips in {len(texts)} articles; sample of {len(drawn)} (seed {args.seed}): "
        f"{len(scored)} judged, {good} ok, precision {good / len(scored) if scored else 0:.2f}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
