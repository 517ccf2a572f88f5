#!/usr/bin/env python3
"""Annotation throughput over the PolNeAR dev texts, and the cold start of `quotelens annotate`.

    python benchmarks/throughput.py [CORPUS_SPLIT_DIR] [--model fast] [--python PYTHON]

(a) words/s (``\\w+`` runs, as ``quotelens eval`` counts them) over the texts of a corpus split (default:
    PolNeAR dev beside the checkout), CPU time on one core, imports and model loading excluded; without
    the corpus, the bundled seed article repeated stands in (the output says so). Each pass runs in a
    fresh process (no cache warmed by an earlier pass); the median of three passes is judged, because
    this shared machine's speed varies by a fifth from minute to minute. Bar for the fast model:
    >= 20,000 words/s (issue 13 aims at 25,000).
(b) wall time of a cold ``python -m tui annotate SEED --format json`` in a fresh process, the median of a
    few runs, with this interpreter or ``--python PYTHON`` (say, a clean venv's: the global site may hold
    packages, such as scipy, that nltk imports when it finds them). Bar: <= 1 s.

A model is one entry of ``MODELS``: its name, the function that annotates a text with it, and its bar.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.corpus import SEED, WORD, dev_texts  # noqa: E402

COLD_SECONDS_BAR = 1.0
PASSES = 3


class Model(NamedTuple):
    annotator: Callable[[], Callable[[str], object]]  # imported lazily: loading is not timed
    words_per_second_bar: int


def _fast() -> Callable[[str], object]:
    from annotators import annotate

    return annotate


# The hook for more models: add an entry (e.g. "accurate") and `--model NAME` times it.
MODELS: dict[str, Model] = {"fast": Model(_fast, 20_000)}


def throughput(model: str, corpus: Path | None) -> float:
    annotate = MODELS[model].annotator()
    articles, _ = dev_texts(corpus)
    annotate(articles[0])  # load models and lexicons outside the timing
    words = sum(len(WORD.findall(text)) for text in articles)
    started = time.process_time()
    for text in articles:
        annotate(text)
    return words / (time.process_time() - started)


def fresh_pass(model: str, corpus: Path | None) -> float:
    """Words/s of one pass over the corpus in a new process of this interpreter."""
    command = [sys.executable, __file__, "--one-pass", "--model", model, *([str(corpus.parent)] if corpus else [])]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return float(result.stdout.strip().splitlines()[-1])


def cold_start(command: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def verdict(ok: bool) -> str:
    return "ok" if ok else "BELOW BAR"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", nargs="?", type=Path, help="a corpus split with text/*.txt (default: PolNeAR dev)")
    parser.add_argument("--model", choices=sorted(MODELS), default="fast")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the cold start (default: this one)")
    parser.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)  # a pass's own process
    args = parser.parse_args()
    corpus = args.split / "text" if args.split else None
    if args.one_pass:
        print(throughput(args.model, corpus))
        return 0
    _, where = dev_texts(corpus)
    bar = MODELS[args.model].words_per_second_bar
    rates = sorted(fresh_pass(args.model, corpus) for _ in range(PASSES))
    rate = statistics.median(rates)
    print(f"(a) {args.model} model: {rate:,.0f} words/s over {where}, median of {PASSES} passes "
          f"({rates[0]:,.0f}-{rates[-1]:,.0f}; CPU time, one core; bar {bar:,}) {verdict(rate >= bar)}")
    command = [args.python, "-m", "tui", "annotate", str(SEED.relative_to(REPO)), "--format", "json"]
    seconds = cold_start(command)
    print(f"(b) cold `{' '.join(command)}`: {seconds:.2f} s median of 5 "
          f"(bar {COLD_SECONDS_BAR:.0f} s) {verdict(seconds <= COLD_SECONDS_BAR)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
