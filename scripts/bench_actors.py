#!/usr/bin/env python3
"""Throughput of the actors stage alone, on Docs the stages before it have filled.

    python scripts/bench_actors.py [CORPUS_SPLIT_DIR]   (default: PolNeAR dev beside the checkout)

Prints words/s (``\\w+`` runs, CPU time, one core) of ``annotators.actors.stage`` over the texts,
with the statements and sources the default pipeline's earlier stages found.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotators import actors, pipeline
from annotators.doc import Doc
from annotators.evaluate import WORD  # the words eval counts in its words/s
from benchmarks.corpus import polnear_dev


def corpus(argv: list[str]) -> Path:
    if argv:
        return Path(argv[0]) / "text"
    if (texts := polnear_dev()) is not None:
        return texts
    raise SystemExit("no corpus: give a split directory with text/*.txt")


def main(argv: list[str]) -> int:
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus(argv).glob("*.txt"))]
    stages = pipeline.default_stages()
    before = stages[: stages.index(actors.stage)]
    docs: list[Doc] = [pipeline.run(text, before) for text in texts]
    actors.stage(docs[0])  # lexicons loaded outside the timing
    started = time.process_time()
    for doc in docs:
        actors.stage(doc)
    seconds = time.process_time() - started
    words = sum(len(WORD.findall(text)) for text in texts)
    statements = sum(len(doc.statements) for doc in docs)
    print(
        f"actors stage: {words / seconds:,.0f} words/s over {len(texts)} texts, {words:,} words, "
        f"{statements:,} statements (CPU time, one core)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
