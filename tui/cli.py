"""The ``quotelens`` command line.

Each subcommand imports only what it needs: ``annotate`` and ``eval`` never import Textual, so they
start fast and run where no terminal UI is wanted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from tui import __version__
from tui.safe_text import one_line, safe_json

EXIT_USAGE = 2


class CommandError(Exception):
    """A user-facing failure: printed as one line on stderr, exit status 2."""


def parse_size(value: str) -> int:
    """``--max-size``: bytes, or a number with k, M or G (powers of 1024): ``500k``, ``10M``."""
    units = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    number, unit = value.strip().rstrip("bB"), ""
    if number[-1:].lower() in units:
        number, unit = number[:-1], number[-1].lower()
    try:
        size = int(float(number) * units[unit])
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (say 500k, 10M or 1G)") from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (it must be above 0)")
    return size


def _limits(args: argparse.Namespace):
    from tui.inputs import Limits

    return Limits(max_bytes=args.max_size, timeout=args.timeout)


def _load(spec: str, args: argparse.Namespace):
    """The one article ``spec`` names, or a one-line ``CommandError``."""
    from tui.inputs import InputError, load_article

    try:
        return load_article(spec, _limits(args))
    except InputError as error:
        raise CommandError(str(error)) from None


# --- quotelens read -------------------------------------------------------------------------------


def cmd_read(args: argparse.Namespace) -> int:
    from seeds import default_seed

    from tui.inputs import InputError, discover, load_entry
    from tui.library import Library, lists_articles

    spec, limits = args.path or str(default_seed()), _limits(args)
    try:  # fail before the UI starts
        entries = discover(spec, limits)
        library = Library(spec, tuple(entries), limits) if lists_articles(spec, entries) else None
        article = None if library else load_entry(entries[0], limits)
    except InputError as error:
        raise CommandError(str(error)) from None
    from tui.annotation_cache import AnnotationCache, cache_dir, engine_version
    from tui.app import QuotelensApp

    cache = AnnotationCache(cache_dir(args.cache_dir), engine_version())
    QuotelensApp(article=article, library=library, notes_dir=args.data_dir, cache=cache).run()
    return 0


# --- quotelens cache ------------------------------------------------------------------------------


def cmd_cache(args: argparse.Namespace) -> int:
    from tui.annotation_cache import AnnotationCache, cache_dir, engine_version

    cache = AnnotationCache(cache_dir(args.cache_dir), engine_version())
    if args.action == "clear":
        removed = cache.clear()
        entries, size = sum(u.entries for u in removed), sum(u.bytes for u in removed)
        plural = "s" * (entries != 1)
        print(f"removed {entries} cached annotation{plural} ({_size(size)}) from {cache.directory}")
        return 0
    print(f"directory       {cache.directory}")
    print(f"engine version  {cache.version}")
    for usage in cache.usage():
        current = "  (current)" if usage.version == cache.version else ""
        plural = "s" * (usage.entries != 1)
        print(f"  {usage.version}  {usage.entries} annotation{plural}, {_size(usage.bytes)}{current}")
    return 0


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if count < 1000:
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"


# --- quotelens annotate ---------------------------------------------------------------------------


def cmd_annotate(args: argparse.Namespace) -> int:
    from tui.batch_command import annotate_command

    return annotate_command(args)


# --- quotelens export -----------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from tui.export import ExportExists, export_article, write_atomically
    from tui.notes import NotesUnavailable

    article = _load(args.path, args)
    if args.output and args.output.exists() and not args.force:  # say so before the work of annotating
        raise CommandError(f"{args.output} exists; left untouched (use --force to replace it)")
    try:
        content = export_article(
            article, fmt=args.format, all_statements=args.all, all_actors=args.all_actors, data_dir=args.data_dir,
            now=datetime.now(timezone.utc), version=__version__,
        )
    except NotesUnavailable as error:
        raise CommandError(str(error)) from None
    if not args.output:
        sys.stdout.write(content)
        return 0
    try:
        write_atomically(args.output, content, overwrite=args.force)
    except ExportExists:
        raise CommandError(f"{args.output} exists; left untouched (use --force to replace it)") from None
    except OSError as error:
        raise CommandError(f"{args.output}: cannot write ({error.strerror or error})") from None
    print(f"wrote {one_line(str(args.output))}", file=sys.stderr)
    return 0


# --- quotelens eval -------------------------------------------------------------------------------


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from annotators.evaluate import agreement, evaluate

    if not (args.split / "attributions").is_dir() or not (args.split / "text").is_dir():
        raise CommandError(f"{args.split}: not a brat split (expected text/ and attributions/ inside)")
    report = agreement(args.split) if args.agreement else evaluate(args.split)
    if args.agreement and not report.articles:
        raise CommandError(f"{args.split}: no article has two annotators")
    figures, intervals = report.to_json(), report.intervals()
    if args.agreement:
        del figures["words_per_second"]  # nothing was annotated
    if args.json:
        print(json.dumps({**figures, "bootstrap_95ci": intervals}))
        return 0
    for name, value in figures.items():
        if isinstance(value, tuple):
            precision, recall, f1 = value
            value = f"P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}"
        elif isinstance(value, float):
            value = f"{value:.4f}"
        print(f"{name.replace('_', ' '):22} {value}")
    print("95% intervals (bootstrap over articles):")
    for name, (low, high) in intervals.items():
        print(f"  {name.replace('_', ' '):20} {low:.4f}-{high:.4f}")
    return 0


# --- quotelens train ------------------------------------------------------------------------------


def cmd_train(args: argparse.Namespace) -> int:
    from annotators.train import main as train

    return train(args.arguments, prog="quotelens train")


def _train_arguments(argv: list[str]) -> argparse.Namespace | None:
    """``quotelens train ...`` hands everything after ``train`` (``-h`` too) to the trainer's parser."""
    if argv[:1] == ["train"]:
        return argparse.Namespace(handler=cmd_train, arguments=argv[1:])
    return None


# --- quotelens eval-stance ------------------------------------------------------------------------


def cmd_eval_stance(args: argparse.Namespace) -> int:
    import json

    from annotators.evaluate import evaluate_stance

    if not args.tsv.is_file():
        raise CommandError(f"{args.tsv}: not a file")
    result = evaluate_stance(args.tsv)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    low, high = result["macro_f1_95ci"] or (0.0, 0.0)
    print(
        f"rows {result['rows']}  accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}"
        f" (95% bootstrap interval {low:.3f}-{high:.3f})"
    )
    print(f"{'label':<16} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}")
    for number, scores in result["per_label"].items():
        name = f"{number} {scores['name']}"
        print(
            f"{name:<16} {scores['precision']:6.3f} {scores['recall']:6.3f} {scores['f1']:6.3f}"
            f" {scores['support']:6d}"
        )
    return 0


# --- the parser -----------------------------------------------------------------------------------

def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The parser and the names of its subcommands."""
    parser = argparse.ArgumentParser(
        prog="quotelens",
        description="Read news articles in the terminal and see who said what.",
    )
    parser.add_argument("--version", action="version", version=f"quotelens {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    read = commands.add_parser("read", help="open an article in the reader, or a folder or feed in the library "
                               "(the default command)")
    read.add_argument("path", nargs="?", metavar="PATH|DIR|URL|FEED|-",
                      help="a text, Markdown or HTML file, a URL, - for standard input, or a folder or feed of "
                      "them (default: the bundled seed)")
    _input_options(read)
    read.add_argument("--data-dir", metavar="DIR", help="notes directory (default: $QUOTELENS_DATA_DIR "
                      "or the user data directory)")
    read.add_argument("--cache-dir", metavar="DIR", help="annotation cache (default: $QUOTELENS_CACHE_DIR "
                      "or the user cache directory)")
    read.set_defaults(handler=cmd_read)

    cache = commands.add_parser("cache", help="show or clear the cache of annotations")
    cache.add_argument("action", choices=("info", "clear"), help="info: where and how big; clear: remove all")
    cache.add_argument("--cache-dir", metavar="DIR", help="the cache (default: $QUOTELENS_CACHE_DIR "
                       "or the user cache directory)")
    cache.set_defaults(handler=cmd_cache)

    annotate = commands.add_parser("annotate", help="print who said what in one or more articles")
    annotate.add_argument("inputs", nargs="+", metavar="PATH|DIR|URL|FEED|-")
    annotate.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    annotate.add_argument("--out", type=Path, metavar="DIR", help="write one JSON file per article under DIR "
                          "(mirroring the inputs' folders); outputs newer than their input are skipped")
    annotate.add_argument("--jobs", "-j", type=int, metavar="N", help="processes to annotate with "
                          "(default: every core)")
    annotate.add_argument("--dask", metavar="ADDRESS", help="annotate on a Dask distributed cluster "
                          "(its scheduler's address, e.g. tcp://10.0.0.5:8786; needs quotelens[dask])")
    _input_options(annotate)
    annotate.set_defaults(handler=cmd_annotate)

    export = commands.add_parser("export", help="export an article's statements and notes as Markdown or JSON")
    export.add_argument("path", metavar="PATH|URL|-")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write FILE (default: stdout)")
    export.add_argument("--format", choices=("md", "json"), default="md")
    export.add_argument("--all", action="store_true", help="every statement, not only those with notes")
    export.add_argument("--all-actors", action="store_true",
                        help="every actor, not only those who speak or are the target of a stance")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--data-dir", metavar="DIR", help="notes directory (default: $QUOTELENS_DATA_DIR "
                        "or the user data directory)")
    _input_options(export)
    export.set_defaults(handler=cmd_export)

    evaluation = commands.add_parser("eval", help="score the annotator on a brat corpus split (PolNeAR)")
    evaluation.add_argument("split", type=Path, metavar="CORPUS_SPLIT_DIR")
    evaluation.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    evaluation.add_argument(
        "--agreement", action="store_true",
        help="score people, not quotelens: the second annotator against the first where an article has two",
    )
    evaluation.set_defaults(handler=cmd_eval)

    # Listed here for the help only: main() hands `train ...` to the trainer's own parser, which
    # lives with the trainer (importing it here would slow every command down).
    commands.add_parser("train", add_help=False, help="retrain the learned tagger on a brat corpus split")

    eval_stance = commands.add_parser(
        "eval-stance", help="score the directed-sentiment model on a TSV (sentence, p, q, label)"
    )
    eval_stance.add_argument("tsv", type=Path, metavar="TSV")
    eval_stance.add_argument("--json", action="store_true", help="print the scores as a JSON object")
    eval_stance.set_defaults(handler=cmd_eval_stance)
    return parser, set(commands.choices)


def _input_options(command: argparse.ArgumentParser) -> None:
    from tui.inputs import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

    command.add_argument("--max-size", type=parse_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                         help="refuse a file, page or input larger than SIZE (default: 10M)")
    command.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                         help=f"give up on a URL after SECONDS (default: {DEFAULT_TIMEOUT:g})")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, commands = build_parser()
    # `quotelens`, `quotelens PATH` and `quotelens --data-dir DIR` mean `quotelens read ...`.
    if not argv or (argv[0] not in commands and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "read")
    args = _train_arguments(argv) or parser.parse_args(argv)
    try:
        return args.handler(args)
    except CommandError as error:
        print(f"quotelens: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `| head`: the reader has all it wanted
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    """Nothing more can reach a closed pipe, and the interpreter's last flush must not complain."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
