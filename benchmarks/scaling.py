#!/usr/bin/env python3
"""How annotation time and memory grow with the length of one article, stage by stage.

    python benchmarks/scaling.py [--words 25000,100000,400000,1000000] [--no-memory] [--stages]

For each size, one article of that many words (``\\w+`` runs, as ``quotelens eval`` counts them) is
built from the PolNeAR dev texts beside the checkout, joined as paragraphs (without the corpus: the
bundled seed article repeated), and annotated in a fresh process by the default pipeline, one stage
at a time. Printed per size and stage: CPU seconds, microseconds per word, and the stage's peak of
newly allocated memory (tracemalloc, measured in a second fresh process because tracing slows Python
down several times; ``--no-memory`` skips it). Last, the ratio of the largest to the smallest size's
time per word: time grows linearly with the article when it stays near 1 (the bar: within x1.5).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.corpus import WORD, article_of  # noqa: E402

SIZES = (25_000, 100_000, 400_000, 1_000_000)
LINEAR_BAR = 1.5


def measure(words: int, memory: bool) -> dict:
    """One size, in this process: per stage, CPU seconds or peak traced MB."""
    from annotators.doc import Doc
    from annotators.pipeline import default_stages

    text = article_of(words)
    stages = default_stages()
    warm = Doc(text[:5000])
    for stage in stages:  # load lexicons and models outside the measurement
        warm = stage(warm)
    doc = Doc(text)
    figures = {}
    for stage in stages:
        if memory:
            tracemalloc.start()
            doc = stage(doc)
            figures[stage.name] = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        else:
            started = time.process_time()
            doc = stage(doc)
            figures[stage.name] = time.process_time() - started
    started = time.process_time()
    doc.annotation()
    figures["annotation()"] = 0.0 if memory else time.process_time() - started
    return {"words": len(WORD.findall(text)), "figures": figures, "statements": len(doc.statements)}


def in_fresh_process(words: int, memory: bool) -> dict:
    command = [sys.executable, __file__, "--one", str(words), *(["--memory"] if memory else [])]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", default=",".join(map(str, SIZES)), help="comma-separated article sizes")
    parser.add_argument("--no-memory", action="store_true", help="skip the (slow) traced-memory pass")
    parser.add_argument("--stages", action="store_true", help="print every stage, not only the totals")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, in its own process
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.memory)))
        return 0
    sizes = [int(size) for size in args.words.split(",")]
    per_word = {}
    print(f"{'words':>9} {'stage':<28} {'CPU s':>8} {'µs/word':>8} {'peak MB':>8}")
    for size in sizes:
        times = in_fresh_process(size, memory=False)
        peaks = None if args.no_memory else in_fresh_process(size, memory=True)["figures"]
        words, figures = times["words"], times["figures"]
        total = sum(figures.values())
        per_word[size] = total / words
        rows = list(figures.items()) if args.stages else []
        for name, seconds in rows + [("total", total)]:
            peak = "" if peaks is None else f"{(max(peaks.values()) if name == 'total' else peaks[name]):8.1f}"
            print(f"{words:>9,} {name:<28} {seconds:8.2f} {seconds / words * 1e6:8.1f} {peak:>8}")
        sys.stdout.flush()
    smallest, largest = per_word[min(sizes)], per_word[max(sizes)]
    ratio = largest / smallest
    print(f"time per word, {max(sizes):,} words against {min(sizes):,}: x{ratio:.2f} "
          f"({'linear' if ratio <= LINEAR_BAR else 'GROWS'}; bar x{LINEAR_BAR})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
