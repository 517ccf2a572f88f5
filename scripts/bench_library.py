"""Library speed: seconds per article when the engine runs in a forked child per article (as the
reader does for its one article) and in one child for article after article (as the library does).

Run from the repository root, with the PolNeAR texts beside the checkout:

    python scripts/bench_library.py [TEXT_DIR] [--articles N]

The first article of the one-child run includes the engine loading in the child; the figure is the
median, so it shows the steady pace. Wall-clock on this machine.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotators.model import Meta
from tui.annotate_process import AnnotationChild, AnnotationProcess
from tui.app import default_annotator
from benchmarks.corpus import SHARED

DEFAULT_TEXTS = SHARED / "corpora" / "polnear" / "dev" / "text"


def timed(annotate, texts: list[str]) -> list[float]:
    seconds = []
    for text in texts:
        started = time.perf_counter()
        annotate(text)
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--articles", type=int, default=20)
    args = parser.parse_args()
    paths = sorted(args.texts.glob("*.txt"))[: args.articles]
    if not paths:
        print(f"no .txt files in {args.texts}", file=sys.stderr)
        return 2
    texts = [path.read_text(encoding="utf-8") for path in paths]
    engine = functools.partial(default_annotator, meta=Meta())
    per_article = timed(lambda text: AnnotationProcess(engine).annotate(text), texts)
    child = AnnotationChild(default_annotator)
    try:
        one_child = timed(lambda text: child.annotate(text, Meta()), texts)
    finally:
        child.stop()
    print(f"{len(texts)} articles from {args.texts}")
    for name, seconds in (("a child per article", per_article), ("one child throughout", one_child)):
        print(f"{name:21} median {statistics.median(seconds):.3f} s/article, total {sum(seconds):.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
