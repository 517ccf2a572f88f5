"""Batch throughput: articles per second through ``quotelens annotate``'s batch (tui/batch.py).

Runs the same folder through 1 process, 2 processes and a local Dask cluster (2 worker processes,
one thread each, on 127.0.0.1), each from loading the files to the last JSON record, and prints
articles/s and words/s. Not a test: a figure to rerun. Default corpus: the PolNeAR train texts.

    python benchmarks/bench_batch.py [TEXT_DIR] [--limit N] [--modes 1,2,dask]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import SHARED  # noqa: E402
from tui.batch import run  # noqa: E402
from tui.inputs import Limits, discover  # noqa: E402

DEFAULT_CORPUS = SHARED / "corpora" / "polnear" / "train" / "text"


def timed(entries, mode: str) -> tuple[float, int, int]:
    """Seconds for the whole batch, records made, words in them."""
    limits = Limits()
    if mode == "dask":
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            with cluster.get_client() as client:  # models loaded on each worker before the clock runs
                client.run(_warm_up)
            return _clock(entries, limits, dask=cluster.scheduler_address)
    return _clock(entries, limits, jobs=int(mode))


def _warm_up() -> None:
    from annotators import annotate

    annotate("Warm-up, she said.")


def _clock(entries, limits, **where) -> tuple[float, int, int]:
    start = time.perf_counter()
    records = [outcome.record for outcome in run(entries, limits, **where) if outcome.record]
    elapsed = time.perf_counter() - start
    return elapsed, len(records), sum(len(r["text"].split()) for r in records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--modes", default="1,2,dask", help="comma-separated: a process count, or dask")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such folder (the PolNeAR train texts are in ../shared)", file=sys.stderr)
        return 2
    entries = discover(str(args.corpus))[: args.limit]
    print(f"{len(entries)} articles from {args.corpus}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    for mode in args.modes.split(","):
        seconds, count, words = timed(entries, mode)
        name = "local Dask cluster (2 workers)" if mode == "dask" else f"{mode} process{'es' * (mode != '1')}"
        print(f"{name:32} {count} articles in {seconds:6.1f} s: {count / seconds:6.1f} articles/s, "
              f"{words / seconds:8,.0f} words/s  (load average {os.getloadavg()[0]:.1f} after)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
