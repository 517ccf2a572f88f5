"""``quotelens annotate``: one article or a batch (folders, files, URLs, feeds), to stdout or ``--out``.

A single article that cannot be read is a one-line error (exit status 2). In a batch, failures are
listed per input at the end without stopping it (exit status 1). A progress bar is shown on a
terminal, nothing when stderr is piped.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tui.batch import BatchError, Outcome, default_jobs, is_up_to_date, output_targets, run
from tui.cli_support import CommandError, check_model, input_limits
from tui.inputs import Entry, InputError, discover
from tui.safe_text import one_line, safe_json


@dataclass
class Tally:
    total: int = 0
    written: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def annotate_command(args: argparse.Namespace) -> int:
    check_model(args.model)
    limits = input_limits(args)
    tally = Tally()
    entries = _discover_all(args.inputs, limits, tally)
    single = len(args.inputs) == 1 and len(entries) == 1 and entries[0].base is None and entries[0].item is None
    if tally.failures and len(args.inputs) == 1 and not entries:
        raise CommandError(_failure_line(*tally.failures[0]))
    try:
        targets = _prepare_out(args.out, entries) if args.out else {}
        pending = [e for e in entries if not (e.location in targets and is_up_to_date(e, targets[e.location]))]
        tally.skipped = len(entries) - len(pending)
        outcomes = run(pending, limits, jobs=args.jobs or default_jobs(), dask=args.dask, model=args.model)
    except BatchError as error:
        raise CommandError(str(error)) from None
    records = _collect(outcomes, len(pending), targets, args.format, tally)
    if single and tally.failures:
        raise CommandError(_failure_line(*tally.failures[0]))
    if args.format == "json" and not args.out:
        print(safe_json(records[0] if single else records, indent=2))
    return _summary(args, tally)


def _discover_all(specs: list[str], limits, tally: Tally) -> list[Entry]:
    entries: list[Entry] = []
    for spec in specs:
        try:
            entries += discover(spec, limits)
        except InputError as error:
            tally.failures.append((error.location, error.reason))
    tally.total = len(entries) + len(tally.failures)
    return entries


def _prepare_out(out: Path, entries: list[Entry]) -> dict[str, Path]:
    """The output folder made (or refused in one line) and each entry's target in it."""
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out}: is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".quotelens-write-test-{id(out)}"
        probe.touch()
        probe.unlink()
    except OSError as error:
        raise CommandError(f"--out {out}: cannot write there ({error.strerror or error})") from None
    return output_targets(entries, out)


def _collect(outcomes, count: int, targets: dict[str, Path], fmt: str, tally: Tally) -> list[dict]:
    """Write or print each outcome as it comes, with a progress bar on a terminal; the records kept
    for ``--format json`` (printed whole at the end)."""
    records: list[dict] = []
    with _progress(count) as advance:
        for outcome in outcomes:
            advance(outcome.location)
            if outcome.record is None:
                tally.failures.append((outcome.location, outcome.error or "failed"))
            elif outcome.location in targets:
                _write(outcome, targets[outcome.location], tally)
            elif fmt == "json":
                records.append(outcome.record)
            else:
                _print(outcome, fmt)
    return records


def _write(outcome: Outcome, target: Path, tally: Tally) -> None:
    from tui.export import write_atomically

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, safe_json(outcome.record), overwrite=True)
    except OSError as error:
        tally.failures.append((outcome.location, f"cannot write {target} ({error.strerror or error})"))
    else:
        tally.written += 1


def _print(outcome: Outcome, fmt: str) -> None:
    record = outcome.record
    if fmt == "jsonl":
        print(safe_json(record), flush=True)
        return
    from annotators import Annotation
    from tui.report import print_annotation

    annotation = Annotation.from_json(record)
    print_annotation(record["path"], annotation.text or "", annotation)


class _progress:
    """A Rich progress bar on stderr when it is a terminal and there is more than one article; else nothing."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.bar = None

    def __enter__(self):
        from rich.console import Console

        console = Console(stderr=True)
        if self.count < 2 or not console.is_terminal:
            return lambda location: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("annotating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.fields[item]}", markup=False),  # a path or URL: data, never markup
            console=console, transient=True,
        )
        task = self.bar.add_task("annotate", total=self.count, item="")
        self.bar.start()
        return lambda location: self.bar.update(task, advance=1, item=one_line(location)[-60:])

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _failure_line(location: str, reason: str) -> str:
    return f"{location}: {reason}"


def _summary(args: argparse.Namespace, tally: Tally) -> int:
    """Failures, one per line, on stderr (exit status 1); on a terminal, what was written and skipped."""
    if args.out and sys.stderr.isatty():
        print(f"wrote {tally.written}, skipped {tally.skipped} up to date, into {one_line(str(args.out))}",
              file=sys.stderr)
    if not tally.failures:
        return 0
    print(f"quotelens: {len(tally.failures)} of {tally.total} failed:", file=sys.stderr)
    for location, reason in tally.failures:
        print(f"  {one_line(_failure_line(location, reason))}", file=sys.stderr)
    return 1
