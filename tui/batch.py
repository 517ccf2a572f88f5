"""Annotating many articles: one JSON record each, on one process, on all cores, or on a Dask cluster.

``annotate_entry`` is pure (an entry in, a record or an error out, nothing written), so the same
function runs in this process, in a process pool, or as a map over a Dask distributed cluster.
Records come back in input order; the caller writes them.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from tui.inputs import Entry, InputError, Limits, Payload, is_url, load_entry
from tui.inputs.files import read_file

class BatchError(Exception):
    """The batch cannot start (outputs that would collide, no cluster): one line for the user."""


@dataclass(frozen=True)
class Outcome:
    """What became of one entry: its JSON record, or why there is none."""

    location: str
    record: dict[str, Any] | None = None
    error: str | None = None


def annotate_entry(entry: Entry, limits: Limits, model: str = "fast") -> Outcome:
    """Load and annotate one article. Never raises: a failure is an ``Outcome`` with an error, so one
    bad input never stops a batch."""
    from annotators import annotate

    try:
        article = load_entry(entry, limits)
        annotation = annotate(article.text, meta=article.meta, model=model)
    except InputError as error:
        return Outcome(entry.location, error=error.reason)
    except Exception as error:  # noqa: BLE001 - an engine failure on one article is reported, not fatal
        return Outcome(entry.location, error=f"annotation failed ({type(error).__name__}: {error})")
    return Outcome(entry.location, record={"path": article.location, **annotation.to_json()})


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


# --- running -------------------------------------------------------------------------------------


def run(entries: list[Entry], limits: Limits, *, jobs: int = 1, dask: str | None = None,
        model: str = "fast") -> Iterator[Outcome]:
    """Each entry's outcome, in input order. The work is handed out before this returns, so start a
    progress display only afterwards (forking beside its thread is unsafe)."""
    if dask:
        return _on_dask(dask, entries, limits, model, connect_timeout=limits.timeout)
    if jobs <= 1 or len(entries) <= 1:
        return (annotate_entry(entry, limits, model) for entry in entries)
    return _in_processes(entries, limits, min(jobs, len(entries)), model)


def _in_order(submit: Callable[[Entry], Any], entries: list[Entry], window: int,
              close: Callable[[], None]) -> Iterator[Outcome]:
    """Outcomes in input order, with at most ``window`` entries handed out at a time (a million
    inputs never become a million futures). The first window is handed out before this returns."""
    remaining = iter(entries)
    pending = deque(submit(entry) for entry in islice(remaining, window))

    def results() -> Iterator[Outcome]:
        try:
            while pending:
                outcome = pending.popleft().result()
                pending.extend(submit(entry) for entry in islice(remaining, 1))
                yield outcome
        finally:  # also when the reader of the results stops early (a closed pipe)
            close()

    return results()


def _in_processes(entries: list[Entry], limits: Limits, jobs: int, model: str) -> Iterator[Outcome]:
    from annotators import annotate

    annotate("Warm-up, she said.", model=model)  # load the models once, here: forked workers inherit them
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    return _in_order(lambda entry: pool.submit(annotate_entry, entry, limits, model), entries, 4 * jobs,
                     lambda: pool.shutdown(wait=False, cancel_futures=True))


def _on_dask(
    address: str, entries: list[Entry], limits: Limits, model: str, connect_timeout: float
) -> Iterator[Outcome]:
    try:
        from distributed import Client
    except ImportError:
        raise BatchError("--dask needs Dask: pip install 'quotelens[dask]'") from None
    try:
        client = Client(address, timeout=f"{connect_timeout}s")
    except (OSError, TimeoutError, ValueError) as error:
        raise BatchError(f"cannot reach the Dask scheduler at {address} ({error or type(error).__name__})") from None
    window = max(100, 4 * sum(client.nthreads().values()))

    def submit(entry: Entry) -> Any:
        try:
            shipped = with_bytes(entry, limits)
        except InputError as error:
            return _Done(Outcome(entry.location, error=error.reason))
        return client.submit(annotate_entry, shipped, limits, model, pure=False)

    return _in_order(submit, entries, window, client.close)


def with_bytes(entry: Entry, limits: Limits) -> Entry:
    """A file entry with its bytes read here: workers on other machines need not see our files."""
    if not _is_file(entry) or entry.payload is not None:
        return entry
    return replace(entry, payload=Payload(read_file(Path(entry.location), limits.max_bytes)))


@dataclass(frozen=True)
class _Done:
    """An outcome known before any work was handed out, standing in for a future."""

    outcome: Outcome

    def result(self) -> Outcome:
        return self.outcome


# --- where outputs go ----------------------------------------------------------------------------


def output_targets(entries: Iterable[Entry], out: Path) -> dict[str, Path]:
    """Where each entry's JSON goes under ``out``: files mirror their paths below the folder common to
    the inputs (a folder given keeps its tree), URLs their host and path. Two inputs that would
    write the same file are refused (``BatchError``) before anything runs."""
    entries = list(entries)
    files = [e for e in entries if _is_file(e)]
    anchors = [Path(e.base or Path(e.location).parent).resolve() for e in files]
    common = Path(os.path.commonpath(anchors)) if anchors else None
    targets: dict[str, Path] = {}
    claimed: dict[Path, str] = {}
    for entry in entries:
        if _is_file(entry):
            relative = Path(entry.location).resolve().relative_to(common).with_suffix(".json")
        else:
            relative = _url_name(entry)
        target = out / relative
        if target in claimed:
            raise BatchError(f"{claimed[target]} and {entry.location} would both be written to {target}; "
                             "annotate them in two runs or into two folders")
        claimed[target] = entry.location
        targets[entry.location] = target
    return targets


def _is_file(entry: Entry) -> bool:
    return entry.item is None and entry.location != "-" and not is_url(entry.location)


def _url_name(entry: Entry) -> Path:
    """``host/path.json`` for a page or a feed item's link; ``stdin.json``; ``feed-N.json`` without a link."""
    url = entry.item.link if entry.item is not None else entry.location
    if url and is_url(url):
        parts = urlsplit(url)
        segments = [s for s in PurePosixPath(unquote(parts.path)).parts if s not in ("/", "..", ".")]
        name = Path(parts.hostname or "page", *segments) if segments else Path(parts.hostname or "page", "index")
        query = f"-{hashlib.sha256(parts.query.encode()).hexdigest()[:8]}" if parts.query else ""
        return name.with_name(name.stem + query + ".json")
    if entry.item is not None:
        return Path(f"{Path(entry.item.feed).stem}-{entry.item.index + 1}.json")
    return Path("stdin.json")


def is_up_to_date(entry: Entry, target: Path) -> bool:
    """An output newer than its input file is kept (pages and feeds have no date to compare: redone)."""
    if not _is_file(entry):
        return False
    try:
        return target.stat().st_mtime >= Path(entry.location).stat().st_mtime
    except OSError:
        return False
