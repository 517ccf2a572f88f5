#!/usr/bin/env python3
"""Benchmark the annotator against issue 2's speed bars.

    python scripts/bench_annotate.py [CORPUS_SPLIT_DIR] [--python PYTHON] [--model fast|accurate|both]

(a) annotation throughput in words/s (``\\w+`` runs) over the texts of a corpus split (default: PolNeAR
    dev beside the checkout), one core, imports and model loading excluded; without the corpus, the
    bundled seed article repeated stands in (and the output says so). Each pass runs in a fresh
    process (no cache warmed by an earlier pass); the median of three passes is judged, because this
    shared machine's speed varies by a fifth from minute to minute. Bars: >= 20,000 words/s for the
    fast model, >= 2,500 for the accurate one (its encoder runs on one onnxruntime thread).
(b) wall time of a cold ``python -m tui annotate SEED --format json`` in a fresh process, the median of
    a few runs, with this interpreter or ``--python PYTHON`` (say, a clean venv's: the global site may
    hold packages, such as scipy, that nltk imports when it finds them). Bars: <= 1 s fast, <= 1.5 s
    accurate.

``--model both`` (the default) prints both models, fast first.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SEED = REPO / "seeds" / "nato-no-fly-zone.txt"
WORDS_PER_SECOND_BAR = {"fast": 20_000, "accurate": 2_500}
COLD_SECONDS_BAR = {"fast": 1.0, "accurate": 1.5}
PASSES = 3


def default_corpus() -> Path | None:
    for shared in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        dev = shared / "corpora" / "polnear" / "dev" / "text"
        if dev.is_dir():
            return dev
    return None


def texts(corpus: Path | None) -> list[str]:
    if corpus is not None:
        return [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    print("corpus not found: timing the bundled seed article repeated 50 times instead")
    return [SEED.read_text(encoding="utf-8")] * 50


def throughput(articles: list[str], model: str) -> float:
    from annotators import annotate
    from annotators.evaluate import WORD  # the words eval counts in its words/s

    annotate(articles[0], model=model)  # load models and lexicons outside the timing
    words = sum(len(WORD.findall(text)) for text in articles)
    started = time.process_time()
    for text in articles:
        annotate(text, model=model)
    return words / (time.process_time() - started)


def fresh_pass(split: Path | None, model: str) -> float:
    """Words/s of one pass over the corpus in a new process of this interpreter."""
    command = [sys.executable, __file__, "--one-pass", "--model", model, *([str(split)] if split else [])]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
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
    parser.add_argument("--python", default=sys.executable, help="interpreter for the cold start (default: this one)")
    parser.add_argument("--model", choices=("fast", "accurate", "both"), default="both")
    parser.add_argument("--one-pass", action="store_true", help=argparse.SUPPRESS)  # a pass's own process
    args = parser.parse_args()
    corpus = args.split / "text" if args.split else default_corpus()
    if args.one_pass:
        print(throughput(texts(corpus), args.model))
        return 0
    where = corpus.parent if corpus else "seed x50"
    for model in ("fast", "accurate") if args.model == "both" else (args.model,):
        rates = sorted(fresh_pass(args.split, model) for _ in range(PASSES))
        rate, bar = statistics.median(rates), WORDS_PER_SECOND_BAR[model]
        print(f"{model} (a) annotation: {rate:,.0f} words/s over {where}, median of {PASSES} passes "
              f"({rates[0]:,.0f}-{rates[-1]:,.0f}; CPU time, one core; bar {bar:,}) {verdict(rate >= bar)}")
        command = [args.python, "-m", "tui", "annotate", str(SEED.relative_to(REPO)), "--format", "json",
                   "--model", model]
        seconds, bar = cold_start(command), COLD_SECONDS_BAR[model]
        print(f"{model} (b) cold `{' '.join(command)}`: {seconds:.2f} s median of 5 "
              f"(bar {bar:.1f} s) {verdict(seconds <= bar)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
