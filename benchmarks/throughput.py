#!/usr/bin/env python3
"""Annotation throughput over the PolNeAR dev texts, and the cold start of `quotelens annotate`, per model.

    python benchmarks/throughput.py [CORPUS_SPLIT_DIR] [--model fast|accurate|both] [--python PYTHON]

(a) words/s (``\\w+`` runs, as ``quotelens eval`` counts them) over the texts of a corpus split (default:
    PolNeAR dev beside the checkout), CPU time on one core, imports and model loading excluded; without
    the corpus, the bundled seed article repeated stands in (the output says so). Each pass runs in a
    fresh process (no cache warmed by an earlier pass); the median of three passes is judged, because
    this shared machine's speed varies by a fifth from minute to minute. Bars: >= 20,000 words/s for the
    fast model (issue 13 aims at 25,000), >= 2,500 for the accurate one (its encoder on one
    onnxruntime thread).
(b) wall time of a cold ``python -m tui annotate SEED --format json --model M`` in a fresh process, the
    median of a few runs, with this interpreter or ``--python PYTHON`` (say, a clean venv's: the global
    site may hold packages, such as scipy, that nltk imports when it finds them). Bars: <= 1 s fast,
    <= 1.5 s accurate.

``--model both`` (the default) prints both models, fast first; each model is one entry of ``MODELS``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from benchmarks.corpus import SEED, WORD, dev_texts  # noqa: E402

PASSES = 3


class Model(NamedTuple):
    words_per_second_bar: int
    cold_seconds_bar: float


MODELS: dict[str, Model] = {"fast": Model(20_000, 1.0), "accurate": Model(2_500, 1.5)}


def throughput(model: str, corpus: Path | None) -> float:
    from annotators import annotate

    articles, _ = dev_texts(corpus)
    annotate(articles[0], model=model)  # load models and lexicons outside the timing
    words = sum(len(WORD.findall(text)) for text in articles)
    started = time.process_time()
    for text in articles:
        annotate(text, model=model)
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
    parser.add_argument("--model", choices=(*MODELS, "both"), default="both")
    parser.add_argument("--python", default=sys.executable, help="interpreter for the cold start (default: this one)")
    parser.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)  # a pass's own process
    args = parser.parse_args()
    corpus = args.split / "text" if args.split else None
    if args.one_pass:
        print(throughput(args.model, corpus))
        return 0
    _, where = dev_texts(corpus)
    for model in MODELS if args.model == "both" else (args.model,):
        bars = MODELS[model]
        rates = sorted(fresh_pass(model, corpus) for _ in range(PASSES))
        rate = statistics.median(rates)
        print(f"{model} (a) annotation: {rate:,.0f} words/s over {where}, median of {PASSES} passes "
              f"({rates[0]:,.0f}-{rates[-1]:,.0f}; CPU time, one core; bar {bars.words_per_second_bar:,}) "
              f"{verdict(rate >= bars.words_per_second_bar)}", flush=True)
        command = [args.python, "-m", "tui", "annotate", str(SEED.relative_to(REPO)), "--format", "json",
                   "--model", model]
        seconds = cold_start(command)
        print(f"{model} (b) cold `{' '.join(command)}`: {seconds:.2f} s median of 5 "
              f"(bar {bars.cold_seconds_bar:.1f} s) {verdict(seconds <= bars.cold_seconds_bar)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
