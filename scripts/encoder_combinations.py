#!/usr/bin/env python3
"""Measure the ways of combining the encoder's statements with the rules' (issue 12).

    python scripts/encoder_combinations.py CORPUS_SPLIT_DIR [--holdout K] [--how encoder,rules+encoder,...]

Each way (see ``annotators.encoder.tagging``) replaces the CRF's stage in the default pipeline; the
fast model (rules + CRF) is printed first for reference. ``--holdout K`` scores only every K-th article
of the split (the ``i % K == K - 1`` ones): on PolNeAR train these are the articles the encoder's
training left out (``python -m annotators.encoder.train --holdout K``), so the choice is made on
articles neither model saw, then confirmed on dev. Prints content overlap / exact / attribution F1 and
direct recall, with 95 % bootstrap intervals over articles.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotators.brat import read_split  # noqa: E402
from annotators.encoder import runtime, tagging  # noqa: E402
from annotators.evaluate import _figures, evaluate_articles  # noqa: E402
from annotators.pipeline import annotate, default_stages  # noqa: E402


def stages(how: str | None):
    if how is None:
        return default_stages()
    return tagging.stages_for(how, default_stages())


def row(name: str, report) -> str:
    figures, intervals = _figures(report.counts), report.intervals()
    cells = [f"{figures[k]:.4f} ({intervals[k][0]:.3f}-{intervals[k][1]:.3f})" for k in figures]
    return f"{name:22} " + "  ".join(cells)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("--holdout", type=int, default=0, help="score every K-th article only")
    parser.add_argument("--how", default=",".join(tagging.COMBINATIONS))
    parser.add_argument("--outside-penalty", type=float, nargs="*", default=[],
                        help="also try these values of runtime.OUTSIDE_PENALTY (each way again)")
    parser.add_argument("--mix", type=float, nargs="*", default=[],
                        help="for rules+mixed, also try these encoder weights (tagging.MIX)")
    args = parser.parse_args()
    articles = read_split(args.split)
    if args.holdout:
        articles = [a for i, a in enumerate(articles) if i % args.holdout == args.holdout - 1]
    print(f"{len(articles)} articles of {args.split}")
    print(f"{'':22} " + "  ".join(f"{k:22}" for k in ("overlap F1", "exact F1", "attribution F1", "direct recall")))
    default = runtime.OUTSIDE_PENALTY
    trials = [(None, default, tagging.MIX)] + [
        (how, penalty, mix) for penalty in [default, *args.outside_penalty] for how in args.how.split(",")
        for mix in ([tagging.MIX, *args.mix] if how == "rules+mixed" else [tagging.MIX])
    ]
    for how, penalty, mix in trials:
        runtime.OUTSIDE_PENALTY, tagging.MIX = penalty, mix
        chosen = stages(how)
        report = evaluate_articles(articles, lambda text: annotate(text, chosen))
        name = "fast" if how is None else f"{how} O-{penalty:g}" + (f" mix {mix:g}" if how == "rules+mixed" else "")
        print(row(name, report) + f"  {report.to_json()['words_per_second']} words/s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
